// What an incident's records say that a postmortem needs: when it started, was detected and resolved (the
// review's own placement and milestone rules), its severity, title, owners, links, and one timeline entry per
// status change, severity change or noted event, each with its time in the zone the record wrote. Pure: the
// records are read by the caller.

import type { PostmortemDraftConfig } from '../config/types.js'
import { detectionFromStart, placeIncident, resolutionFromEnd, withMilestones, type Incident, type IncidentSettings, type TimelineRecord } from '../review/incidents.js'
import { parseInstant, shortUtc } from '../review/timestamp.js'
import { sanitizeText } from '../util/sanitize.js'
import { asDict, type Dict } from '../util/dict.js'

export interface TimelineEvent {
  ms: number
  /** `2026-10-31 22:40 +01:00` / `2026-10-14 09:02 UTC`: the time as the record wrote it, with its zone. */
  stamp: string
  text: string
}

export interface IncidentFacts {
  incident: Incident
  /** The day it started, in the zone of its first record (YYYY-MM-DD). */
  date: string
  owners: string[]
  links: { traces: string[]; ndjson: string[]; pagerduty: string[] }
  events: TimelineEvent[]
  /** What the records could not give, in words, for the command to show. */
  notes: string[]
}


/** One line of untrusted record text, safe to put in markdown. */
export function recordText(value: string): string {
  return sanitizeText(value, { multiline: false, maxLength: 300 })
    .replace(/[<>]/g, (c) => `\\${c}`)
    .trim()
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[,\n]/).map((v) => v.trim()).filter((v) => v !== '')
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'string' ? stringsOf(v) : []))
  return []
}

const ZONED_ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i

/** The record's time as written, `YYYY-MM-DD HH:MM <zone>`; UTC when it gave none (or was a number). */
export function stampOf(raw: unknown, ms: number): { stamp: string; date: string } {
  const m = typeof raw === 'string' ? ZONED_ISO.exec(raw.trim()) : null
  if (m === null) return { stamp: shortUtc(ms), date: new Date(ms).toISOString().slice(0, 10) }
  const zone = (m[3] as string).toUpperCase() === 'Z' ? 'UTC' : (m[3] as string).replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')
  return { stamp: `${m[1]} ${m[2]} ${zone}`, date: m[1] as string }
}

/** An owner as a postmortem writes it: `@handle` for handles, a name as written otherwise. */
function ownerOf(value: string): string | undefined {
  const v = recordText(value).replace(/,/g, ' ').trim()
  if (v === '') return undefined
  return /^@?[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(v) ? `@${v.replace(/^@/, '')}` : v
}

/** A link as a value of one metadata line: no spaces, no commas, nothing that is not printable. */
function linkOf(value: string): string | undefined {
  const v = sanitizeText(value, { multiline: false }).trim()
  return v === '' || /[\s,<>]/.test(v) ? undefined : v
}

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items
}

const ALL_TIME = { label: 'all', title: 'all time', startMs: Number.NEGATIVE_INFINITY, endMs: Number.POSITIVE_INFINITY, auditMonth: '' }

/**
 * The facts of one incident from its whole timeline (records in file or stream order). Undefined when the
 * records cannot place it (no readable record, no time), with the reasons in `notes`.
 */
export async function incidentFacts(records: readonly TimelineRecord[], path: string, settings: IncidentSettings, draft: Pick<PostmortemDraftConfig, 'ownerFields' | 'noteFields' | 'linkFields'>): Promise<{ facts?: IncidentFacts; notes: string[] }> {
  const f = settings.fields
  const readable = records.filter((r) => asDict(r.value) !== undefined)
  const notes = records.filter((r) => asDict(r.value) === undefined).map((r) => `${path}:${r.line}: ${r.problem ?? 'not a JSON object'}; skipped`)
  const first = readable[0]
  const last = readable[readable.length - 1]
  if (first === undefined || last === undefined) return { notes: [...notes, `${path}: no readable record`] }
  const placed = placeIncident({ path, size: records.length, first: { value: first.value, line: first.line }, last: { value: last.value }, problems: [] }, settings, ALL_TIME)
  notes.push(...placed.notes.filter((n) => !/spans the period/.test(n.message)).map((n) => `${n.path}${n.line === undefined ? '' : `:${n.line}`}: ${n.message}`))
  if (placed.incident === undefined) return { notes }
  const detection = await detectionFromStart(each(readable), settings, path)
  const resolution = await resolutionFromEnd(each([...readable].reverse()), settings)
  const incident = withMilestones(placed.incident, { ...(detection.detectedMs !== undefined && { detectedMs: detection.detectedMs }), ...(resolution.resolvedMs !== undefined && { resolvedMs: resolution.resolvedMs }) })

  const owners: string[] = []
  const links: IncidentFacts['links'] = { traces: [], ndjson: [], pagerduty: [] }
  const timed: Array<TimelineEvent & { order: number }> = []
  let previousStatus: string | undefined
  let previousSeverity: string | undefined
  let zoneless = 0
  readable.forEach((r, order) => {
    const record = r.value as Dict
    for (const field of draft.ownerFields) for (const o of stringsOf(record[field]).map(ownerOf)) if (o !== undefined && !owners.includes(o)) owners.push(o)
    for (const key of ['traces', 'ndjson', 'pagerduty'] as const) {
      for (const field of draft.linkFields[key]) for (const l of stringsOf(record[field]).map(linkOf)) if (l !== undefined && !links[key].includes(l)) links[key].push(l)
    }
    const status = typeof record[f.status] === 'string' ? recordText(record[f.status] as string) : undefined
    const severity = typeof record[f.severity] === 'string' ? recordText(record[f.severity] as string) : undefined
    const noted = draft.noteFields.map((field) => record[field]).find((v): v is string => typeof v === 'string' && v.trim() !== '')
    const parts: string[] = []
    if (status !== undefined && status.toLowerCase() !== previousStatus?.toLowerCase()) parts.push(previousStatus === undefined ? `Incident ${status}` : `Status ${previousStatus} → ${status}`)
    if (severity !== undefined && previousSeverity !== undefined && severity.toLowerCase() !== previousSeverity.toLowerCase()) parts.push(`severity ${previousSeverity} → ${severity}`)
    if (noted !== undefined) parts.push(recordText(noted))
    if (status !== undefined) previousStatus = status
    if (severity !== undefined) previousSeverity = severity
    if (parts.length === 0) return
    const instant = parseInstant(record[f.ts])
    if (instant === undefined) {
      notes.push(`${path}:${r.line}: no readable \`${f.ts}\`; the event "${parts.join('; ')}" is left out of the timeline`)
      return
    }
    if (!instant.zoned) zoneless++
    const text = parts.join('; ')
    timed.push({ ms: instant.ms, stamp: stampOf(record[f.ts], instant.ms).stamp, text: `${text.charAt(0).toUpperCase()}${text.slice(1)}`, order })
  })
  if (zoneless > 0) notes.push(`${path}: ${zoneless} record time${zoneless === 1 ? '' : 's'} without a zone, written as UTC`)
  // In time order (a timeline must be, PM010); records written out of order keep their relative order on ties.
  const events = timed.sort((a, b) => a.ms - b.ms || a.order - b.order).map(({ ms, stamp, text }) => ({ ms, stamp, text }))
  const startRecord = readable.find((r) => parseInstant((r.value as Dict)[f.ts])?.ms === incident.startedMs)
  const startRaw = (last.value as Dict)[f.startedAt] ?? (startRecord?.value as Dict | undefined)?.[f.ts]
  return { facts: { incident, date: stampOf(startRaw, incident.startedMs).date, owners, links, events, notes }, notes }
}
