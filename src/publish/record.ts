// reliability/published.ndjson: one line per delivery (period, channel, content hash, message id or page
// version), so a re-run knows what went out. Read tolerantly: a line that is not a record is ignored.

import type { PublishChannel } from '../config/publish-types.js'
import { PUBLISH_CHANNELS } from '../config/publish-types.js'

export interface PublishedRecord {
  ts: string
  period: string
  channel: PublishChannel
  hash: string
  outcome: string
  id?: string
  version?: number
  url?: string
}

export function parsePublished(text: string): PublishedRecord[] {
  const out: PublishedRecord[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      const v = JSON.parse(line) as Partial<PublishedRecord>
      if (typeof v.period === 'string' && typeof v.hash === 'string' && typeof v.ts === 'string' && (PUBLISH_CHANNELS as readonly string[]).includes(String(v.channel))) out.push(v as PublishedRecord)
    } catch {
      // Not a record (a merge conflict marker, a truncated line): ignored.
    }
  }
  return out
}

export function formatPublished(records: readonly PublishedRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('')
}

/** The last delivery of a channel for a period, if any. */
export function lastDelivery(records: readonly PublishedRecord[], period: string, channel: PublishChannel): PublishedRecord | undefined {
  return records.filter((r) => r.period === period && r.channel === channel).at(-1)
}
