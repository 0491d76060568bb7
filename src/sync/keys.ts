// The stable identity of an action item across runs, edits and trackers.
//
// A line number would change whenever someone adds a sentence above the item, so the key is the
// postmortem's id plus the item's normalised summary: reordering items, re-wrapping a line or fixing
// its capitalisation keeps the key. Rewording does not, which is why the run writes the ticket's
// reference back onto the item's line: from then on the item is matched by that reference, whatever
// its wording and wherever it moves (see plan.ts).

import { createHash } from 'node:crypto'

/** `PM-101` from the title (`Incident PM-101: …`), else the file name without extension. */
export function postmortemIdOf(titleId: string | undefined, path: string): string {
  if (titleId !== undefined && titleId !== '') return `PM-${titleId}`
  const base = path.split('/').pop() ?? path
  return base.replace(/\.[^.]*$/, '') || path
}

/**
 * The summary as a person reads it: markdown decoration, case, punctuation at the end and runs of
 * whitespace do not change what the item asks for, so they do not change its key.
 */
export function normaliseSummary(summary: string): string {
  return summary
    .normalize('NFKC')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images → their text
    .replace(/[`*_~]+/g, '') // code spans, emphasis, strike-through
    .replace(/<[^>]+>/g, '') // inline HTML
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/[\s.;:,!?…]+$/u, '')
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** The part of a key that names the item within its postmortem; equal across postmortems for the same wording. */
export function summaryDigest(summary: string): string {
  return sha256Hex(normaliseSummary(summary)).slice(0, 12)
}

/**
 * `pm-101/3f2a9c1b7d4e`: lower-case postmortem id, then the summary digest. `occurrence` (2, 3, …)
 * tells apart items of one postmortem with the same wording, in document order.
 */
export function itemKey(postmortemId: string, summary: string, occurrence = 1): string {
  const base = `${postmortemId.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}/${summaryDigest(summary)}`
  return occurrence > 1 ? `${base}~${occurrence}` : base
}

/** The summary digest of a key, or undefined when the text is not a key this module made. */
export function digestOfKey(key: string): string | undefined {
  return /\/([0-9a-f]{12})(?:~\d+)?$/.exec(key)?.[1]
}

/** The postmortem id part of a key (lower case). */
export function postmortemOfKey(key: string): string | undefined {
  return /^(.+)\/[0-9a-f]{12}(?:~\d+)?$/.exec(key)?.[1]
}

const KEY_RE = /^[a-z0-9._-]+\/[0-9a-f]{12}(?:~\d+)?$/

export function isItemKey(text: string): boolean {
  return KEY_RE.test(text)
}

/** A short, label-safe digest of a key (Jira labels: no spaces; `rl-` + 16 hex). */
export function keyLabel(key: string): string {
  return `rl-${sha256Hex(`reliability-loop:${key}`).slice(0, 16)}`
}

// A fixed namespace (a random UUID chosen once) so our ids never collide with another tool's name-based ids.
const NAMESPACE = Buffer.from('5f0c5a6e2b1d4c8e9a7f3b2d1e0c9a8b', 'hex')

/**
 * A UUID derived from the key the way RFC 9562 version 5 derives one (SHA-1 over namespace and name),
 * so the same item always asks Linear for the same issue id and a repeated create cannot make a second
 * issue. The version nibble is set to 4 rather than 5 because Linear's `IssueCreateInput.id` is
 * documented as "in UUID v4 format" and may be validated as such; the bits stay deterministic.
 */
export function deterministicUuid(key: string): string {
  const bytes = createHash('sha1').update(NAMESPACE).update(key, 'utf8').digest().subarray(0, 16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
