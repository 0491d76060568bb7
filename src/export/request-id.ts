// The id a warehouse uses to recognise a resubmitted request (BigQuery's `requestId`, Snowflake's
// `requestId`): derived from what the request carries, so a retry or a re-run after a cut is the same request.

import { createHash } from 'node:crypto'

/** A UUID-shaped (version 4 layout) id, the same for the same seed. */
export function requestIdFor(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}
