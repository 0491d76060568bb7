// The Slack channel: a Block Kit summary to an incoming webhook: the period and its worst status, the
// status of each area, the three key numbers, links to the Confluence page and the packet file. The webhook
// URL is a secret: messages name only the host.

import type { SlackSettings } from '../config/publish-types.js'
import type { Rag } from '../review/packet.js'
import { ChannelError, type ChannelResult, type Sleep } from './channel.js'
import type { PublishContent } from './content.js'
import { bodySnippet, httpRequest } from './http.js'

const MARK: Record<Rag, string> = { red: ':red_circle:', amber: ':large_orange_circle:', green: ':large_green_circle:' }

/** Slack's mrkdwn needs &, < and > escaped. */
const mrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export function slackMessage(content: PublishContent, links: { page?: string; packet?: string }): { text: string; blocks: unknown[] } {
  const linkLine = [links.page !== undefined && `<${links.page}|Confluence page>`, links.packet !== undefined && `<${links.packet}|Packet file>`].filter(Boolean).join(' · ')
  return {
    text: `${content.subject} (${content.keyNumbers.map((n) => `${n.label}: ${n.value}`).join('; ')})`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `Reliability review ${content.period.title}: ${content.worst}`.slice(0, 150) } },
      { type: 'section', fields: content.packet.summary.slice(0, 10).map((a) => ({ type: 'mrkdwn', text: `*${mrkdwn(a.area)}* ${MARK[a.status]} ${a.status}\n${mrkdwn(a.summary)}`.slice(0, 2000) })) },
      { type: 'section', text: { type: 'mrkdwn', text: content.keyNumbers.map((n) => `*${mrkdwn(n.label)}:* ${mrkdwn(n.value)}`).join('\n') } },
      ...(linkLine === '' ? [] : [{ type: 'context', elements: [{ type: 'mrkdwn', text: linkLine }] }])
    ]
  }
}

export interface SlackOptions {
  sleep?: Sleep
  timeoutMs?: number
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    throw new ChannelError('SLACK_WEBHOOK_URL is not a URL', 'SLACK_WEBHOOK_URL (https://hooks.slack.com/services/…)')
  }
}

export async function postSlack(content: PublishContent, settings: SlackSettings, webhookUrl: string, links: { page?: string }, options: SlackOptions = {}): Promise<ChannelResult> {
  const host = hostOf(webhookUrl)
  const packet = settings.packetUrl?.replace(/\{period\}/g, content.period.label)
  const response = await httpRequest(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(slackMessage(content, { ...links, ...(packet !== undefined && { packet }) })) }, { service: 'Slack', host, ...(options.sleep && { sleep: options.sleep }), ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }) })
  const body = await bodySnippet(response)
  if (response.ok) return { channel: 'slack', outcome: 'sent', detail: `posted the summary of ${content.period.label} to the webhook at ${host}` }
  if (response.status === 403 || response.status === 404 || response.status === 410) throw new ChannelError(`the Slack webhook answered ${response.status} ${body}`, 'SLACK_WEBHOOK_URL: the webhook may have been revoked or its channel archived; create a new one')
  if (response.status === 400) throw new ChannelError(`Slack rejected the message (400 ${body})`, 'the message blocks (report this as a bug of reliability-loop)')
  throw new ChannelError(`the Slack webhook answered ${response.status} ${body}`, 'Slack\'s status page, then run again')
}
