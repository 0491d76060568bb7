// The e-mail channel: one message per period over SMTP (nodemailer). multipart/alternative with a plain-text
// part and the HTML packet, the charts inline as cid: PNGs, the markdown packet attached. SMTP_URL carries
// the credentials (smtps://user:pass@host:465); they never reach a message or an error.

import nodemailer from 'nodemailer'
import type { EmailSettings } from '../config/publish-types.js'
import { ChannelError, redact, type ChannelResult } from './channel.js'
import type { PublishContent } from './content.js'
import { errorMessage } from '../util/error-message.js'

export interface SmtpConnection {
  url: string
  /** Connection and greeting timeouts, ms. */
  timeoutMs?: number
}

/** `smtp.example.com:465`, for messages: no user, no password. */
export function smtpHost(url: string): string {
  try {
    const u = new URL(url)
    return `${u.hostname}${u.port === '' ? '' : `:${u.port}`}`
  } catch {
    return 'the SMTP server'
  }
}

function secretsOf(url: string): string[] {
  try {
    const u = new URL(url)
    return [u.password, decodeURIComponent(u.password), url].filter((s) => s !== '')
  } catch {
    return [url]
  }
}

function smtpError(error: unknown, url: string): ChannelError {
  const host = smtpHost(url)
  const e = error as { code?: string; responseCode?: number; message?: string }
  const why = redact(e.message ?? String(error), secretsOf(url))
  if (e.code === 'EAUTH' || e.responseCode === 535) return new ChannelError(`SMTP login to ${host} was refused (${e.responseCode ?? 'EAUTH'}): ${why}`, 'the user and password in SMTP_URL (an app password where the provider needs one)')
  if (e.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(why)) return new ChannelError(`cannot connect to the SMTP server ${host}: connection refused`, 'the host and port in SMTP_URL (465 with smtps://, 587 or 25 with smtp://)')
  if (e.code === 'ETIMEDOUT' || e.code === 'ECONNECTION' || e.code === 'ESOCKET') return new ChannelError(`SMTP connection to ${host} failed (${e.code}): ${why}`, 'the host and port in SMTP_URL, TLS (smtps:// for implicit TLS), and that the server is reachable from this runner')
  if (e.code === 'EENVELOPE' || (e.responseCode !== undefined && e.responseCode >= 500)) return new ChannelError(`the SMTP server ${host} rejected the message (${e.responseCode ?? e.code}): ${why}`, 'publish.email.from (the server may only accept its own domain) and publish.email.to')
  return new ChannelError(`sending through ${host} failed: ${why}`, 'SMTP_URL and the server\'s log')
}

export async function sendEmail(content: PublishContent, settings: EmailSettings, smtp: SmtpConnection): Promise<ChannelResult> {
  let transport
  try {
    const timeout = smtp.timeoutMs ?? 30_000
    transport = nodemailer.createTransport({ url: smtp.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout * 2, disableFileAccess: true, disableUrlAccess: true })
  } catch (error) {
    throw new ChannelError(`SMTP_URL is not a usable SMTP address: ${redact(errorMessage(error), secretsOf(smtp.url))}`, 'SMTP_URL, e.g. smtps://user:password@smtp.example.com:465')
  }
  try {
    const info = await transport.sendMail({
      from: settings.from,
      to: settings.to,
      ...(settings.cc.length > 0 && { cc: settings.cc }),
      subject: content.subject,
      text: content.text,
      html: content.emailHtml,
      attachments: [
        ...content.charts.map((c) => ({ filename: c.fileName, content: Buffer.from(c.png), contentType: 'image/png', cid: c.id, contentDisposition: 'inline' as const })),
        { filename: content.markdownName, content: content.markdown, contentType: 'text/markdown; charset=utf-8' }
      ],
      headers: { 'X-Reliability-Review-Period': content.period.label, 'X-Reliability-Review-Hash': content.hash }
    })
    const rejected = (info.rejected ?? []).map(String)
    if (rejected.length > 0) throw new ChannelError(`the SMTP server refused ${rejected.length} recipient(s): ${rejected.join(', ')}`, 'publish.email.to')
    const recipients = [...settings.to, ...settings.cc].length
    return { channel: 'email', outcome: 'sent', detail: `sent "${content.subject}" to ${recipients} recipient${recipients === 1 ? '' : 's'} through ${smtpHost(smtp.url)} (${info.messageId})`, id: info.messageId }
  } catch (error) {
    if (error instanceof ChannelError) throw error
    throw smtpError(error, smtp.url)
  } finally {
    transport.close()
  }
}
