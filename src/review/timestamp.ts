// Record times as instants. Strings are ISO 8601 and must name a zone (`Z`, `+02:00`); a time without one
// is read as UTC and reported, because the same text means different instants on different machines.
// Numbers are epoch seconds or milliseconds (UTC by definition). Never compared as strings.

import { isRealDate } from '../postmortem/timestamp.js'

export type Instant = { ms: number; zoned: boolean }

const ISO_START = /^\d{4}-\d{2}-\d{2}/
const HAS_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/
const ZONE = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i

/** Whether YYYY-MM-DD (digits checked by the caller) names a real day: Date.parse rolls 2026-02-30 over into March. */
function isCalendarDate(day: string): boolean {
  return isRealDate(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)))
}

/** The number written by the digits text[from, to); -1 when one of them is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    n = n * 10 + d
  }
  return n
}

/**
 * `2026-10-14T09:02:00Z` or `2026-10-14T09:02:00.000Z`, as most writers put it, read from its digits
 * (Date.parse of the string costs several times more, on every record of every file). Undefined for any
 * other shape, which the general path below reads.
 */
function canonicalUtc(text: string): Instant | undefined {
  const n = text.length
  if ((n !== 20 && n !== 24) || text.charCodeAt(n - 1) !== 0x5a || text.charCodeAt(10) !== 0x54 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d || text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a) return undefined
  if (n === 24 && text.charCodeAt(19) !== 0x2e) return undefined
  const year = digits(text, 0, 4)
  const month = digits(text, 5, 7)
  const day = digits(text, 8, 10)
  const hour = digits(text, 11, 13)
  const minute = digits(text, 14, 16)
  const second = digits(text, 17, 19)
  const milli = n === 24 ? digits(text, 20, 23) : 0
  // Years below 100 are left to the general path: Date.UTC reads them as 19xx.
  if (year < 100 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || milli < 0 || !isRealDate(year, month, day)) return undefined
  return { ms: Date.UTC(year, month - 1, day, hour, minute, second, milli), zoned: true }
}

/** An instant, or undefined when the value is not a time at all. */
export function parseInstant(value: unknown): Instant | undefined {
  if (typeof value === 'string') {
    const fast = canonicalUtc(value)
    if (fast !== undefined) return fast
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return undefined
    // Epoch seconds until the year 5138; milliseconds after.
    return { ms: value < 1e11 ? Math.round(value * 1000) : value, zoned: true }
  }
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (!ISO_START.test(text) || !isCalendarDate(text.slice(0, 10))) return undefined
  if (!HAS_TIME.test(text)) {
    // A bare date is a calendar day, read as its UTC midnight; that is a convention, not a missing zone.
    const ms = Date.parse(`${text.slice(0, 10)}T00:00:00Z`)
    return Number.isFinite(ms) && text.length === 10 ? { ms, zoned: true } : undefined
  }
  const zoned = ZONE.test(text)
  const ms = Date.parse(zoned ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`)
  return Number.isFinite(ms) ? { ms, zoned } : undefined
}

export function isoOf(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z')
}

/** `2026-10-14 09:02 UTC`: short, unambiguous, for tables. */
export function shortUtc(ms: number): string {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

/** `1 h 47 min`, `25 min`, `3 d 4 h`. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60000)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`
  const days = Math.floor(hours / 24)
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`
}
