// The "Data quality" section: every input the review could not read as it should, with where it is.
// Collected instead of thrown, so a bad line never costs the meeting its packet.

import { errorMessage } from '../util/error-message.js'

export type ReviewSource = 'incidents' | 'postmortems' | 'action-items' | 'audits' | 'experiments' | 'bypasses'

export interface DataNote {
  source: ReviewSource
  path?: string
  line?: number
  message: string
}

const SOURCE_ORDER: readonly ReviewSource[] = ['incidents', 'postmortems', 'action-items', 'audits', 'experiments', 'bypasses']

export function compareNotes(a: DataNote, b: DataNote): number {
  return (
    SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source) ||
    compareText(a.path ?? '', b.path ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compareText(a.message, b.message)
  )
}

/** Locale-independent order: the packet must not change with the machine's language. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * A runtime error as the packet shows it: a system error by its code and words, without the absolute path
 * Node appends (`ENOENT: no such file or directory, open '/home/runner/…'`), which differs by machine;
 * anything else by its message.
 */
export function errorText(error: unknown): string {
  const fields = error !== null && typeof error === 'object' ? (error as { code?: unknown; message?: unknown }) : {}
  // By shape, not `instanceof Error`: a system error made in another realm (a worker, a vm context) fails that test.
  const message = typeof fields.message === 'string' ? fields.message : errorMessage(error)
  const code = fields.code
  if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code) || !message.startsWith(`${code}:`)) return message
  return message.replace(/, [a-z_]+ '[^']*'(?: -> '[^']*')?$/, '')
}
