// Publishing one period's packet: each requested channel in turn (Confluence first, so the e-mail and Slack
// can link to its page), a failure of one never stopping the others. E-mail and Slack go once per period
// unless forced; Confluence is idempotent by content hash. What went out is recorded, one line per delivery.

import type { ConfluenceSettings, EmailSettings, PublishChannel, PublishConfig, SlackSettings } from '../config/publish-types.js'
import { ChannelError, type ChannelResult } from './channel.js'
import type { PublishContent } from './content.js'
import { lastDelivery, type PublishedRecord } from './record.js'

export interface ConfluenceCredentials {
  baseUrl?: string
  email?: string
  apiToken?: string
  pat?: string
}

export interface PublishCredentials {
  confluence: ConfluenceCredentials
  smtpUrl?: string
  slackWebhookUrl?: string
}

export interface PublishAdapters {
  confluence(content: PublishContent, settings: ConfluenceSettings, credentials: Required<Pick<ConfluenceCredentials, 'baseUrl'>> & ConfluenceCredentials): Promise<ChannelResult>
  email(content: PublishContent, settings: EmailSettings, smtpUrl: string): Promise<ChannelResult>
  slack(content: PublishContent, settings: SlackSettings, webhookUrl: string, links: { page?: string }): Promise<ChannelResult>
  readRecords(): Promise<PublishedRecord[]>
  appendRecords(records: readonly PublishedRecord[]): Promise<void>
}

export interface PublishRequest {
  /** The channels asked for, in any order. */
  channels: readonly PublishChannel[]
  dryRun: boolean
  force: boolean
  now: Date
}

const ORDER: readonly PublishChannel[] = ['confluence', 'email', 'slack']

const SECTION_HINT: Record<PublishChannel, string> = {
  confluence: 'publish.confluence (space or page-id)',
  email: 'publish.email (to, from)',
  slack: 'publish.slack ({} is enough)'
}

/** The environment variables a configured channel still lacks; empty when it can go. */
export function missingCredentials(channel: PublishChannel, credentials: PublishCredentials): string[] {
  if (channel === 'email') return credentials.smtpUrl === undefined ? ['SMTP_URL'] : []
  if (channel === 'slack') return credentials.slackWebhookUrl === undefined ? ['SLACK_WEBHOOK_URL'] : []
  const c = credentials.confluence
  const missing = c.baseUrl === undefined ? ['CONFLUENCE_BASE_URL'] : []
  if (c.pat === undefined && (c.email === undefined || c.apiToken === undefined)) missing.push(c.email === undefined && c.apiToken === undefined ? 'CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN (Cloud) or CONFLUENCE_PAT (Data Center)' : c.email === undefined ? 'CONFLUENCE_EMAIL' : 'CONFLUENCE_API_TOKEN')
  return missing
}

function dryRunLine(channel: PublishChannel, content: PublishContent, config: PublishConfig): string {
  if (channel === 'email') {
    const e = config.email as EmailSettings
    return `would send "${content.subject}" from ${e.from} to ${[...e.to, ...e.cc].join(', ')}: text and HTML parts, ${content.charts.length} charts inline, ${content.markdownName} attached`
  }
  if (channel === 'slack') return `would post a summary of ${content.period.label} (${content.worst}) with ${content.packet.summary.length} areas and ${content.keyNumbers.length} key numbers`
  const c = config.confluence as ConfluenceSettings
  const title = c.title.replace(/\{period\}/g, content.period.label)
  const where = c.pageId !== undefined ? `page ${c.pageId}` : `"${title}" in space ${c.space}${c.parentId !== undefined ? ` under page ${c.parentId}` : ''}`
  return `would create or update ${where} (a new version only if the content changed, hash ${content.hash.slice(0, 12)}), ${content.charts.length} chart attachments, labels ${c.labels.join(', ') || 'none'}`
}

async function deliver(channel: PublishChannel, content: PublishContent, config: PublishConfig, credentials: PublishCredentials, adapters: PublishAdapters, links: { page?: string }): Promise<ChannelResult> {
  if (channel === 'confluence') return adapters.confluence(content, config.confluence as ConfluenceSettings, credentials.confluence as ConfluenceCredentials & { baseUrl: string })
  if (channel === 'email') return adapters.email(content, config.email as EmailSettings, credentials.smtpUrl as string)
  return adapters.slack(content, config.slack as SlackSettings, credentials.slackWebhookUrl as string, links)
}

export async function publishPacket(content: PublishContent, config: PublishConfig, credentials: PublishCredentials, request: PublishRequest, adapters: PublishAdapters): Promise<ChannelResult[]> {
  const results: ChannelResult[] = []
  const records = await adapters.readRecords()
  const delivered: PublishedRecord[] = []
  const links: { page?: string } = {}
  for (const channel of ORDER.filter((c) => request.channels.includes(c))) {
    if (config[channel] === undefined) {
      results.push({ channel, outcome: 'skipped', detail: `not configured (no ${SECTION_HINT[channel]} in the publish: section); skipped` })
      continue
    }
    const missing = missingCredentials(channel, credentials)
    if (request.dryRun) {
      results.push({ channel, outcome: 'dry-run', detail: `${dryRunLine(channel, content, config)}${missing.length > 0 ? `; a real run would fail: ${missing.join(', ')} not set` : ''}` })
      continue
    }
    if (missing.length > 0) {
      results.push({ channel, outcome: 'failed', detail: `${missing.join(', ')} not set; set ${missing.length === 1 ? 'it' : 'them'} in the environment (Action: secrets passed as env)` })
      continue
    }
    const previous = channel === 'confluence' ? undefined : lastDelivery(records, content.period.label, channel)
    if (previous !== undefined && !request.force) {
      const same = previous.hash === content.hash ? 'the same content' : 'different content (the packet changed since)'
      results.push({ channel, outcome: 'already-sent', detail: `already sent for ${content.period.label} on ${previous.ts} with ${same}; not sent again (use --force to send it again)` })
      continue
    }
    try {
      const result = await deliver(channel, content, config, credentials, adapters, links)
      if (channel === 'confluence' && result.url !== undefined) links.page = result.url
      results.push(result)
      if (result.outcome !== 'unchanged') {
        delivered.push({ ts: request.now.toISOString(), period: content.period.label, channel, hash: content.hash, outcome: result.outcome, ...(result.id !== undefined && { id: result.id }), ...(result.version !== undefined && { version: result.version }), ...(result.url !== undefined && { url: result.url }) })
      }
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error
      results.push({ channel, outcome: 'failed', detail: `${error.message}; check ${error.check}` })
    }
  }
  if (delivered.length > 0) await adapters.appendRecords(delivered)
  return results
}

export function publishFailed(results: readonly ChannelResult[]): boolean {
  return results.some((r) => r.outcome === 'failed') || results.every((r) => r.outcome === 'skipped')
}
