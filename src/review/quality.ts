// The "Data quality" section: every input the review could not read as it should, with where it is.
// Collected instead of thrown, so a bad line never costs the meeting its packet.

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
