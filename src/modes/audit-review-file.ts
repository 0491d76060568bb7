// The human scorer's review file in an audit run: read (and parsed) before scoring, then extended with the
// newly sampled transcripts. It is appended to as text, never rewritten, so a reviewer's edits and comments
// survive; a file that no longer parses is left alone with a warning.

import { parseReviewFile, renderReviewEntries, renderReviewHeader, reviewKey, type ReviewEntry, type ReviewHeader } from '../audit/human-review.js'
import { plural } from '../report/text.js'
import type { AuditAdapters } from './audit-types.js'
import type { ReviewState } from './audit-scoring.js'

export async function openReviewFile(adapters: AuditAdapters, path: string, warnings: string[]): Promise<ReviewState> {
  const text = await adapters.readText(path)
  if (text === undefined) return { path }
  const parsed = parseReviewFile(text)
  if ('file' in parsed) return { path, text, parsed: parsed.file }
  warnings.push(`${path}: ${parsed.error}; its scores cannot be read and nothing was added to it: fix it and run again`)
  return { path, text, broken: parsed.error }
}

/** Adds the entries to the review file (creating it with its header); returns how many were added. */
export async function extendReviewFile(
  adapters: AuditAdapters,
  review: ReviewState,
  additions: readonly ReviewEntry[],
  header: ReviewHeader,
  warnings: string[]
): Promise<number> {
  if (review.broken !== undefined || additions.length === 0) return 0
  const entries = renderReviewEntries(additions, header.dimensions)
  if (review.text === undefined) {
    await adapters.writeText(review.path, renderReviewHeader(header) + entries)
    return additions.length
  }
  // Appended only if the file still reads as a review with these entries at the end of its list.
  const joined = `${review.text}${review.text.endsWith('\n') ? '' : '\n'}${entries}`
  const check = parseReviewFile(joined)
  if ('file' in check && additions.every((e) => check.file.entries.has(reviewKey(e.transcript, e.sha256)))) {
    await adapters.appendText(review.path, entries)
    return additions.length
  }
  warnings.push(`${review.path}: ${plural(additions.length, 'transcript')} could not be added, because \`transcripts:\` is no longer the file's last list: move it to the end and run again`)
  return 0
}
