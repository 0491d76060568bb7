// Which month (period) and day a transcript belongs to. A period is a UTC calendar month, `YYYY-MM`.
// A transcript's date is its first event's timestamp; without one, a date written in its path
// (`2026-10-14-mission.ndjson`, `2026-10/mission.ndjson`, `2026/10/14/…`); file times are never used,
// because a checkout or a copy changes them and the sample must not.

export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/

export function isPeriod(text: string): boolean {
  return PERIOD_PATTERN.test(text)
}

/** The calendar month before the one `now` is in, in UTC: the last complete month. */
export function previousPeriod(now: Date): string {
  const year = now.getUTCFullYear()
  const month = now.getUTCMonth() // 0-based: the previous month, 1-based
  return month === 0 ? `${year - 1}-12` : `${year}-${String(month).padStart(2, '0')}`
}

export interface TranscriptDate {
  /** `YYYY-MM` */
  period: string
  /** `YYYY-MM-DD`, when known. */
  day?: string
}

/** An ISO 8601 timestamp (or epoch seconds/milliseconds) as its UTC month and day. */
export function dateOfTimestamp(value: unknown): TranscriptDate | undefined {
  let ms: number
  if (typeof value === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return undefined
    ms = Date.parse(value.trim())
  } else if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    // Epoch seconds until the year 5138; milliseconds after.
    ms = value < 1e11 ? value * 1000 : value
  } else return undefined
  if (!Number.isFinite(ms)) return undefined
  const iso = new Date(ms).toISOString()
  return { period: iso.slice(0, 7), day: iso.slice(0, 10) }
}

const PATH_DATE = /(?<![0-9])((?:19|20)\d{2})[-_/.]?(0[1-9]|1[0-2])(?:[-_/.]?(0[1-9]|[12]\d|3[01]))?(?![0-9])/g

/** The last date written in a path (the file name's, when both a folder and the file name have one). */
export function dateInPath(path: string): TranscriptDate | undefined {
  let found: TranscriptDate | undefined
  for (const m of path.matchAll(PATH_DATE)) {
    const period = `${m[1]}-${m[2]}`
    found = m[3] === undefined ? { period } : { period, day: `${period}-${m[3]}` }
  }
  return found
}
