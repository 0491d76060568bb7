// The period a packet covers: a calendar month (UTC) by default, or a range given as dates. Bounds are
// instants; the end is exclusive. Parsed once at the edge from flags or inputs.

import { parseInstant } from './timestamp.js'

export interface ReviewPeriod {
  /** `2026-10` for a month; `2026-10-01_2026-10-31` for a range: the packet's file name. */
  label: string
  /** What the header says: `October 2026` or `2026-10-01 to 2026-10-31`. */
  title: string
  startMs: number
  /** Exclusive. */
  endMs: number
  /** The audit period (`YYYY-MM`) the review reads: the month of the period's last instant. */
  auditMonth: string
  /**
   * The period has not ended: it runs up to now (`endMs` is the clock's time when the packet was asked
   * for), and the title says "to date"; items are overdue as of now, not as of the period's end.
   */
  toDate?: true
}

export interface PeriodRequest {
  month?: string
  since?: string
  until?: string
  days?: number
}

export class PeriodError extends Error {
  override readonly name = 'PeriodError'
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const DAY_MS = 86_400_000

export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7)
}

/** `2026-10` → `2026-09`; `2026-01` → `2025-12`. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) + by
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

export function monthPeriod(month: string): ReviewPeriod {
  const m = MONTH.exec(month)
  if (!m) throw new PeriodError(`--month must be a month as YYYY-MM, e.g. 2026-10 (got "${month}")`)
  const year = Number(m[1])
  const index = Number(m[2]) - 1
  return {
    label: month,
    title: `${MONTH_NAMES[index]} ${year}`,
    startMs: Date.UTC(year, index, 1),
    endMs: Date.UTC(year, index + 1, 1),
    auditMonth: month
  }
}

/** A bound: a date (`2026-10-01`, the day's UTC start) or a time with a zone. */
function bound(text: string, flag: string): { ms: number; dateOnly: boolean } {
  const trimmed = text.trim()
  const instant = parseInstant(trimmed)
  if (instant === undefined) throw new PeriodError(`${flag} must be a date (YYYY-MM-DD) or a time with a zone (2026-10-01T00:00:00Z), got "${text}"`)
  if (!instant.zoned) throw new PeriodError(`${flag} "${text}" has a time but no zone: add Z or an offset such as +02:00`)
  return { ms: instant.ms, dateOnly: /^\d{4}-\d{2}-\d{2}$/.test(trimmed) }
}

function rangePeriod(startMs: number, endMs: number): ReviewPeriod {
  const first = new Date(startMs).toISOString().slice(0, 10)
  const last = new Date(endMs - 1).toISOString().slice(0, 10)
  return { label: `${first}_${last}`, title: `${first} to ${last}`, startMs, endMs, auditMonth: monthOf(endMs - 1) }
}

const isoMinute = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`

/**
 * A period that has not started is refused: nothing in it has happened, and items would be overdue as of a
 * day that has not come. One that has started but not ended runs up to now and is marked "to date".
 */
function upToNow(period: ReviewPeriod, now: Date, asked: string): ReviewPeriod {
  const nowMs = now.getTime()
  if (period.startMs > nowMs) throw new PeriodError(`${asked} has not started yet (it is ${isoMinute(nowMs)}): review a period that has begun; the current month is reviewed to date`)
  if (period.endMs <= nowMs) return period
  return { ...period, title: `${period.title} (to date)`, endMs: nowMs, toDate: true }
}

/**
 * The period asked for; without a request, the calendar month before `now` (UTC). `--until` is inclusive
 * for a date (the whole day) and exclusive for a time. A period that has not started is refused; the
 * current month (or a range ending today) runs up to now, "to date"; a later `--until` is refused.
 */
export function resolvePeriod(request: PeriodRequest, now: Date): ReviewPeriod {
  const given = [request.month !== undefined, request.since !== undefined || request.until !== undefined, request.days !== undefined].filter(Boolean).length
  if (given > 1) throw new PeriodError('give one of --month, --since/--until or --days')
  if (request.month !== undefined) {
    const month = request.month.trim()
    return upToNow(monthPeriod(month), now, `--month ${month}`)
  }
  if (request.days !== undefined) {
    if (!Number.isInteger(request.days) || request.days < 1) throw new PeriodError(`--days must be a whole number, 1 or more (got ${request.days})`)
    return rangePeriod(now.getTime() - request.days * DAY_MS, now.getTime())
  }
  if (request.since !== undefined || request.until !== undefined) {
    if (request.since === undefined) throw new PeriodError('--until needs --since')
    const since = bound(request.since, '--since')
    if (since.ms > now.getTime()) throw new PeriodError(`--since ${request.since} has not started yet (it is ${isoMinute(now.getTime())}): review a period that has begun`)
    const until = request.until === undefined ? { ms: now.getTime(), dateOnly: false } : bound(request.until, '--until')
    const endMs = until.dateOnly ? until.ms + DAY_MS : until.ms
    if (endMs <= since.ms) throw new PeriodError(`--until (${request.until}) must be after --since (${request.since})`)
    // Today as the last day (or a time later today) is up to now; a later day has not come.
    const endOfToday = Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS
    if (request.until !== undefined && endMs > endOfToday) {
      throw new PeriodError(`--until ${request.until} has not come yet (it is ${isoMinute(now.getTime())}): leave --until out to review up to now`)
    }
    return upToNow(rangePeriod(since.ms, endMs), now, `--since ${request.since}`)
  }
  return monthPeriod(shiftMonth(monthOf(now.getTime()), -1))
}

export function inPeriod(ms: number, period: Pick<ReviewPeriod, 'startMs' | 'endMs'>): boolean {
  return ms >= period.startMs && ms < period.endMs
}
