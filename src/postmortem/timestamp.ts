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

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12
}

const ZONE = String.raw`(Z|[+-]\d{2}:?\d{2}|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5}T?)`
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:\s*([AaPp])\.?[Mm]\.?)?`
const ISO_RE = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})(?:(?:T|\s+|\s*[,@]\s*)${TIME})?(?:\s*${ZONE})?(?![\w:-])`)
const MONTH_FIRST_RE = new RegExp(
  String.raw`^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?${TIME})?(?:\s*${ZONE})?(?![\w:-])`
)
const DAY_FIRST_RE = new RegExp(
  String.raw`^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?:,?\s+(?:at\s+)?${TIME})?(?:\s*${ZONE})?(?![\w:-])`
)
const TIME_ONLY_RE = new RegExp(String.raw`^${TIME}(?:\s*${ZONE})?(?![\w:-])`)

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

/** Whether y-m-d is a real calendar date. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return day <= days
}

/** Parses a whole value that should be a date, YYYY-MM-DD; returns it when real. */
export function parseIsoDate(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim())
  if (!m) return undefined
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? `${m[1]}-${m[2]}-${m[3]}` : undefined
}

/** Finds a time-zone statement such as "All times in PST" or "(times in BST)". */
export function findZoneStatement(text: string): string | undefined {
  const m = /\btimes?\s+(?:are\s+)?(?:in|are)\s+([A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})\b/i.exec(text)
  if (!m?.[1]) return undefined
  return zoneOffsetMinutes(m[1]) === undefined ? undefined : m[1].toUpperCase()
}

export interface TimestampContext {
  /** The date of the previous entry, used for entries that give only a time. */
  lastDate?: string
  /** The previous entry's time, to notice a time-only list crossing midnight. */
  lastTime?: string
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
  if (ampm) {
    if (hour < 1 || hour > 12) return null
    const pm = ampm.toLowerCase() === 'p'
    hour = (hour % 12) + (pm ? 12 : 0)
  }
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

/** The zone group matched something; keep it only if it is a zone we know, else it was a word ("EKS"). */
function knownZone(zone: string | undefined): string | undefined {
  if (zone === undefined) return undefined
  return zoneOffsetMinutes(zone) === undefined ? undefined : zone
}

/**
 * Reads the timestamp a timeline entry starts with: `2026-10-14 09:02 UTC`, `2026-10-14T09:02:11+02:00`,
 * `Sep 27 2017 13:06`, `27 September 2017`, or a time alone (`14:08`, `5:00 PM`) that takes its date from
 * the entry before. Returns undefined when the text does not start with one.
 */
export function parseLeadingTimestamp(input: string, ctx: TimestampContext = {}): Timestamp | undefined {
  const text = input.replace(/^[\s*_`[]+/, '')
  let date: string | undefined
  let time: string | undefined | null
  let zone: string | undefined
  let raw: string
  let dateInferred = false

  let m = ISO_RE.exec(text)
  if (m) {
    raw = m[0]
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    date = isRealDate(y, mo, d) ? `${m[1]}-${m[2]}-${m[3]}` : undefined
    time = buildTime(m[4], m[5], m[6], m[7])
    zone = knownZone(m[8])
    if (m[8] && !zone) raw = raw.slice(0, raw.length - m[8].length).trimEnd()
    if (date === undefined || time === null) return { raw, date: `${m[1]}-${m[2]}-${m[3]}`, dateInferred: false }
  } else if ((m = MONTH_FIRST_RE.exec(text)) || (m = DAY_FIRST_RE.exec(text))) {
    const monthFirst = /^[A-Za-z]/.test(m[1] ?? '')
    const monthName = (monthFirst ? m[1] : m[2]) ?? ''
    const month = MONTHS[monthName.toLowerCase().slice(0, monthName.toLowerCase().startsWith('sept') ? 4 : 3)]
    if (month === undefined) return undefined
    const day = Number(monthFirst ? m[2] : m[1])
    const year = Number(m[3])
    if (!isRealDate(year, month, day)) return undefined
    raw = m[0]
    date = `${year}-${pad2(month)}-${pad2(day)}`
    time = buildTime(m[4], m[5], m[6], m[7])
    if (time === null) return undefined
    zone = knownZone(m[8])
  } else if ((m = TIME_ONLY_RE.exec(text))) {
    time = buildTime(m[1], m[2], m[3], m[4])
    if (time === null || time === undefined || ctx.lastDate === undefined) return undefined
    raw = m[0]
    zone = knownZone(m[5])
    dateInferred = true
    date = ctx.lastDate
    // A list of bare times that runs past midnight ("23:50", "00:10") continues on the next day.
    if (ctx.lastTime !== undefined && ctx.lastTime >= '20:00' && time < '04:00') date = addDays(date, 1)
  } else {
    return undefined
  }

  const effectiveZone = zone ?? ctx.defaultZone
  const ts: Timestamp = { raw: raw.trim(), date, dateInferred }
  if (time) ts.time = time
  if (zone) ts.zone = zone
  const epochMs = epochOf(date, time ?? undefined, effectiveZone)
  if (epochMs !== undefined) ts.epochMs = epochMs
  return ts
}
