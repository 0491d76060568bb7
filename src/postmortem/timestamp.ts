import type { Timestamp } from './model.js'

// Offsets in minutes. Real postmortems name zones by abbreviation ("All times in PST"), so a fixed
// table is what they mean; ambiguous abbreviations (IST, CST) take their most common reading.
const ZONE_OFFSETS: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0,
  WEST: 60, CET: 60, BST: 60, IST: 330,
  CEST: 120, EET: 120, SAST: 120,
  EEST: 180, MSK: 180,
  JST: 540, KST: 540,
  AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  HST: -600, AKST: -540, AKDT: -480,
  PST: -480, PDT: -420, PT: -480,
  MST: -420, MDT: -360,
  CST: -360, CDT: -300,
  EST: -300, EDT: -240, ET: -300
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']

const ZONE = String.raw`(Z|[+-]\d{2}:?\d{2}|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5}T?)`
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:\s*([AaPp])\.?[Mm]\.?)?`
// The `d` flag gives the zone's index, to tell an offset (`09:00-07:00`) from a range (`09:00-10:00`).
const ISO_RE = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})(?:(?:T|\s+|\s*[,@]\s*)${TIME})?(?:\s*${ZONE})?(?![\w:-])`, 'd')
// The year is optional: timelines split by day headings write `## May 12`, `Feb 21, 13:00` or `19. April, 11:00`.
const MONTH_FIRST_RE = new RegExp(
  String.raw`^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?(?:,?\s+(?:at\s+)?${TIME})?(?:\s*${ZONE})?(?![\w:-])`,
  'd'
)
const DAY_FIRST_RE = new RegExp(
  String.raw`^(\d{1,2})(?:st|nd|rd|th|\.)?\s+([A-Za-z]{3,9})\.?(?:,?\s+(\d{4}))?(?:,?\s+(?:at\s+)?${TIME})?(?:\s*${ZONE})?(?![\w:-])`,
  'd'
)
const TIME_ONLY_RE = new RegExp(String.raw`^${TIME}(?:\s*${ZONE})?(?![\w:-])`, 'd')

/** Parses a zone as written into an offset in minutes; undefined when it is not a zone we know. */
export function zoneOffsetMinutes(zone: string): number | undefined {
  const z = zone.trim()
  const upper = z.toUpperCase()
  if (upper in ZONE_OFFSETS) return ZONE_OFFSETS[upper]
  const numeric = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$/i.exec(z)
  if (numeric) {
    const sign = numeric[1] === '-' ? -1 : 1
    const hours = Number(numeric[2])
    const minutes = Number(numeric[3] ?? '0')
    if (hours > 14 || minutes > 59) return undefined
    return sign * (hours * 60 + minutes)
  }
  return undefined
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

/** Whether y-m-d is a real calendar date (Gregorian). Arithmetic, no Date: the review checks every record's times. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))
}

/** Parses a whole value that should be a date, YYYY-MM-DD; returns it when real. */
export function parseIsoDate(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim())
  if (!m) return undefined
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? `${m[1]}-${m[2]}-${m[3]}` : undefined
}

/**
 * Why a value is not a YYYY-MM-DD date and how to write it, for messages: a date written in another
 * format is named as such, with the days a `11/07/2026` could mean; a YYYY-MM-DD that does not exist is
 * not a real date. `example` is a date to show when there is nothing better.
 */
export function dateProblem(value: string, example: string): string {
  const trimmed = value.trim()
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return `is not a real calendar date; write it as YYYY-MM-DD, e.g. ${example}`
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed)
  const readings: string[] = []
  if (numeric) {
    const [a, b, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])]
    for (const [month, day] of [[a, b], [b, a]] as const) {
      const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
      if (isRealDate(year, month, day) && !readings.includes(iso)) readings.push(iso)
    }
  }
  const fix = readings.length === 0 ? `YYYY-MM-DD, e.g. ${example}` : readings.length === 1 ? readings[0] : `${readings.join(' or ')}, whichever it means`
  return `is not in the YYYY-MM-DD format; write it as ${fix}`
}

const ZONE_STATEMENT_RE =
  /\b(?:times?|timestamps?)\s+(?:(?:are|shown|given|listed)\s+)?(?:in\s+)?([A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})(?![A-Za-z0-9/+-])/gi

/** Finds a time-zone statement such as "All times in PST", "(times in BST)" or "Timestamps are UTC". */
export function findZoneStatement(text: string): string | undefined {
  // The first candidate may be a plain word ("time in the office"); the statement can come later.
  for (const m of text.matchAll(ZONE_STATEMENT_RE)) {
    if (m[1] && zoneOffsetMinutes(m[1]) !== undefined) return m[1].toUpperCase()
  }
  return undefined
}

/** The zone a timeline heading states: `Timeline (times in BST)` or just `Timeline (UTC)`. */
export function headingZone(text: string): string | undefined {
  const bare = /\(\s*([A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})\s*\)\s*$/.exec(text)?.[1]
  if (bare && zoneOffsetMinutes(bare) !== undefined) return bare.toUpperCase()
  return findZoneStatement(text)
}

const DATE_ANYWHERE_RE =
  /\d{4}-\d{2}-\d{2}|\b[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}/g

/** The first real calendar date written anywhere in the text (`Incident report August 12 2025 - LEAP`). */
export function findDate(text: string): string | undefined {
  for (const m of text.matchAll(DATE_ANYWHERE_RE)) {
    const ts = parseLeadingTimestamp(m[0])
    if (ts?.epochMs !== undefined) return ts.date
  }
  return undefined
}

export interface TimestampContext {
  /** The date of the previous entry, used for entries that give only a time. */
  lastDate?: string
  /** The previous entry's time, to notice a time-only list crossing midnight. */
  lastTime?: string
  /** The zone the last entry that named one named, for later entries that name none. */
  lastZone?: string
  /** Zone stated for the whole timeline, used when an entry names none. */
  defaultZone?: string
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

function buildTime(h: string | undefined, m: string | undefined, s: string | undefined, ampm: string | undefined): string | undefined | null {
  if (h === undefined || m === undefined) return undefined
  let hour = Number(h)
  const minute = Number(m)
  const second = s === undefined ? undefined : Number(s)
  const pm = ampm?.toLowerCase() === 'p'
  // `17:14pm` is redundant rather than wrong; `17:14am` contradicts itself.
  if (ampm && (hour < 1 || (hour > 12 && !pm))) return null
  if (ampm && hour <= 12) hour = (hour % 12) + (pm ? 12 : 0)
  if (hour > 23 || minute > 59 || (second !== undefined && second > 59)) return null
  return `${pad2(hour)}:${pad2(minute)}${second === undefined ? '' : `:${pad2(second)}`}`
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

function epochOf(date: string, time: string | undefined, zone: string | undefined): number | undefined {
  const offset = zone === undefined ? 0 : zoneOffsetMinutes(zone)
  if (offset === undefined) return undefined
  const t = time ?? '00:00'
  const ms = Date.parse(`${date}T${t.length === 5 ? `${t}:00` : t}Z`)
  return Number.isNaN(ms) ? undefined : ms - offset * 60_000
}

/** A month name or its abbreviation (`Sep`, `Sept`, `September`); not any word that starts like one (`Marching`). */
function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase()
  if (lower.length < 3) return undefined
  const index = MONTH_NAMES.findIndex((full) => full.startsWith(lower))
  return index < 0 ? undefined : index + 1
}

function inferYear(lastDate: string | undefined, month: number): number | undefined {
  if (lastDate === undefined) return undefined
  const year = Number(lastDate.slice(0, 4))
  const lastMonth = Number(lastDate.slice(5, 7))
  // The nearer reading wins: `Jan 2` after December is next year; `Dec 30` before a January date, last year.
  if (month < lastMonth - 6) return year + 1
  return month > lastMonth + 6 ? year - 1 : year
}

interface ZoneMatch {
  zone?: string
  /** The matched text without a zone group that turned out not to be a zone. */
  raw: string
}

/**
 * The zone group matched something; keep it only if it is a zone we know (else it was a word: "EKS"),
 * and not when `-10:00` directly follows a time outside ISO `T` form: that is `09:00-10:00`, a range.
 */
function zoneOf(m: RegExpExecArray, group: number, isoT: boolean): ZoneMatch {
  const written = m[group]
  const span = m.indices?.[group]
  if (written === undefined || span === undefined) return { raw: m[0] }
  const before = m[0].slice(0, span[0])
  const isRange = !isoT && written.startsWith('-') && /\d$/.test(before)
  if (!isRange && zoneOffsetMinutes(written) !== undefined) return { zone: written, raw: m[0] }
  return { raw: before.trimEnd() }
}

interface Parsed {
  raw: string
  date: string
  time?: string
  zone?: string
  dateInferred: boolean
  /** False when the text has the shape of a timestamp but the date or time is not real. */
  real: boolean
}

function parseIso(m: RegExpExecArray, text: string): Parsed {
  const { zone, raw } = zoneOf(m, 8, text[10] === 'T')
  const written = `${m[1]}-${m[2]}-${m[3]}`
  const time = buildTime(m[4], m[5], m[6], m[7])
  const real = isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) && time !== null
  if (!real) return { raw, date: written, dateInferred: false, real }
  return { raw, date: written, ...(time ? { time } : {}), ...(zone ? { zone } : {}), dateInferred: false, real }
}

function parseNamedMonth(m: RegExpExecArray, ctx: TimestampContext): Parsed | undefined {
  const monthFirst = /^[A-Za-z]/.test(m[1] ?? '')
  const month = monthNumber((monthFirst ? m[1] : m[2]) ?? '')
  if (month === undefined) return undefined
  const day = Number(monthFirst ? m[2] : m[1])
  const year = m[3] === undefined ? inferYear(ctx.lastDate, month) : Number(m[3])
  if (year === undefined || !isRealDate(year, month, day)) return undefined
  const time = buildTime(m[4], m[5], m[6], m[7])
  if (time === null) return undefined
  const { zone, raw } = zoneOf(m, 8, false)
  const date = `${year}-${pad2(month)}-${pad2(day)}`
  return { raw, date, ...(time ? { time } : {}), ...(zone ? { zone } : {}), dateInferred: m[3] === undefined, real: true }
}

function parseTimeOnly(m: RegExpExecArray, ctx: TimestampContext): Parsed | undefined {
  const time = buildTime(m[1], m[2], m[3], m[4])
  if (!time || ctx.lastDate === undefined) return undefined
  const { zone, raw } = zoneOf(m, 5, false)
  let date = ctx.lastDate
  // A list of bare times that runs past midnight ("23:50", "00:10") continues on the next day.
  if (ctx.lastTime !== undefined && ctx.lastTime >= '20:00' && time < '04:00') date = addDays(date, 1)
  return { raw, date, time, ...(zone ? { zone } : {}), dateInferred: true, real: true }
}

function parseParts(text: string, ctx: TimestampContext): Parsed | undefined {
  let m = ISO_RE.exec(text)
  if (m) return parseIso(m, text)
  if ((m = MONTH_FIRST_RE.exec(text) ?? DAY_FIRST_RE.exec(text))) return parseNamedMonth(m, ctx)
  if ((m = TIME_ONLY_RE.exec(text))) return parseTimeOnly(m, ctx)
  return undefined
}

/**
 * Reads the timestamp a timeline entry starts with: `2026-10-14 09:02 UTC`, `2026-10-14T09:02:11+02:00`,
 * `Sep 27 2017 13:06`, `27 September 2017`, `May 12` (year from the entry before), or a time alone
 * (`14:08`, `5:00 PM`) that takes its date from the entry before. Returns undefined when the text does not
 * start with one.
 */
export function parseLeadingTimestamp(input: string, ctx: TimestampContext = {}): Timestamp | undefined {
  const parts = parseParts(input.replace(/^[\s*_`[]+/, ''), ctx)
  if (!parts) return undefined
  const { real, ...fields } = parts
  const ts: Timestamp = { ...fields, raw: fields.raw.trim() }
  if (!real) return ts
  const effectiveZone = parts.zone ?? ctx.defaultZone ?? ctx.lastZone
  if (effectiveZone !== undefined) ts.effectiveZone = effectiveZone
  const epochMs = epochOf(parts.date, parts.time, effectiveZone)
  if (epochMs !== undefined) ts.epochMs = epochMs
  return ts
}
