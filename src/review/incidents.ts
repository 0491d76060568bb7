// Incidents from their timelines. Each file is one incident; its last record is its current state. The
// first and last records place it in time. When the last record does not carry `detected_at` /
// `resolved_at`, detection is read from the start of the timeline and resolution from its end, each
// stopping as soon as it is known.

import type { ReviewConfig } from '../config/types.js'
import { inPeriod, type ReviewPeriod } from './period.js'
import type { DataNote } from './quality.js'
import { compareText } from './quality.js'
import { parseInstant } from './timestamp.js'
import { asDict, type Dict } from '../util/dict.js'

export type IncidentSettings = ReviewConfig['incidents']

/** What was read of one incident's file without reading all of it. */
export interface IncidentEnds {
  path: string
  size: number
  /** The first parseable record and its line. */
  first?: { value: unknown; line: number }
  /** The last parseable record (its current state). */
  last?: { value: unknown }
  /** The first record was not read: the last one carries everything it would have given (firstRecordNeeded). */
  firstNotNeeded?: boolean
  /** Lines that could not be read at either end. */
  problems: Array<{ line?: number; message: string }>
}

/** A timeline record, as streamed. */
export interface TimelineRecord {
  line: number
  value?: unknown
  problem?: string
}

export interface Incident {
  id: string
  path: string
  title: string
  severity: string
  status: string
  resolved: boolean
  postmortem?: string
  startedMs: number
  detectedMs?: number
  resolvedMs?: number
  /** Time of the last record. */
  lastMs: number
  /** Started before the period, or still open / resolved after its end. */
  spansStart: boolean
  spansEnd: boolean
}

export interface IncidentPlacement {
  incident?: Incident
  /** In the period, but detection must be found from the start of the timeline. */
  needsDetection: boolean
  /** In the period and resolved, but when must be found from the end of the timeline. */
  needsResolution: boolean
  notes: DataNote[]
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined)

function statusIn(status: string, statuses: readonly string[]): boolean {
  const s = status.toLowerCase()
  return statuses.some((x) => x.toLowerCase() === s)
}

/** The instant in a field, with a note when it is missing a zone or is not a time. */
function instantOf(record: Dict, field: string, at: { path: string; line?: number }, notes: DataNote[], required: boolean | (() => boolean)): number | undefined {
  const raw = record[field]
  const where = () => ({ path: at.path, ...(at.line !== undefined && { line: at.line }) })
  if (raw === undefined || raw === null || raw === '') {
    if (required === true || (typeof required === 'function' && required())) notes.push({ source: 'incidents', ...where(), message: `record without \`${field}\`` })
    return undefined
  }
  const instant = parseInstant(raw)
  if (instant === undefined) {
    notes.push({ source: 'incidents', ...where(), message: `\`${field}\` is not a time: ${JSON.stringify(raw).slice(0, 60)}` })
    return undefined
  }
  if (!instant.zoned) notes.push({ source: 'incidents', ...where(), message: `\`${field}\` ${JSON.stringify(raw)} has no time zone; read as UTC` })
  return instant.ms
}

/**
 * Whether placing an incident needs its first record: the first record gives the start time, id and title
 * when the last record (its current state) does not carry them. With the period: not for an incident the
 * last record shows resolved before the period starts, which is out of the period whenever it started (on a
 * year of timelines, most files: their heads are never read).
 */
export function firstRecordNeeded(last: unknown, settings: IncidentSettings, period?: Pick<ReviewPeriod, 'startMs'>): boolean {
  const record = asDict(last)
  if (record === undefined) return true
  const f = settings.fields
  if (parseInstant(record[f.startedAt]) !== undefined && text(record[f.id]) !== undefined && text(record[f.title]) !== undefined) return false
  if (period === undefined) return true
  const status = text(record[f.status])
  if (status === undefined || !statusIn(status, settings.resolvedStatuses)) return true
  // The same end placeIncident uses: `resolved_at`, else the last record's time.
  const endMs = (parseInstant(record[f.resolvedAt]) ?? parseInstant(record[f.ts]))?.ms
  return endMs === undefined || endMs >= period.startMs
}

/** Places one incident in time from its first and last records. */
export function placeIncident(ends: IncidentEnds, settings: IncidentSettings, period: ReviewPeriod): IncidentPlacement {
  const f = settings.fields
  const notes: DataNote[] = ends.problems.map((p) => ({ source: 'incidents', path: ends.path, ...(p.line !== undefined && { line: p.line }), message: p.message }))
  if (ends.size === 0) return { needsDetection: false, needsResolution: false, notes: [...notes, { source: 'incidents', path: ends.path, message: 'empty file: no incident records' }] }
  const last = asDict(ends.last?.value)
  const first = asDict(ends.first?.value) ?? (ends.firstNotNeeded === true ? last : undefined)
  if (last === undefined || first === undefined) {
    const why = ends.last === undefined ? 'no readable record: the incident is left out' : 'the last record is not a JSON object: the incident is left out'
    return { needsDetection: false, needsResolution: false, notes: [...notes, { source: 'incidents', path: ends.path, message: why }] }
  }
  const at = { path: ends.path }
  const lastMs = instantOf(last, f.ts, at, notes, true)
  // A missing `ts` on the first record is noted unless it is the last record read twice (a one-line file);
  // compared only then, as text, which costs little once and much on every file.
  const firstMs = ends.first?.line !== undefined ? instantOf(first, f.ts, { ...at, line: ends.first.line }, notes, () => JSON.stringify(first) !== JSON.stringify(last)) : undefined
  const startedMs = instantOf(last, f.startedAt, at, notes, false) ?? firstMs ?? lastMs
  if (startedMs === undefined || lastMs === undefined) {
    notes.push({ source: 'incidents', path: ends.path, message: 'no record time: the incident cannot be placed in a period and is left out' })
    return { needsDetection: false, needsResolution: false, notes }
  }
  const status = text(last[f.status]) ?? 'unknown'
  const resolved = statusIn(status, settings.resolvedStatuses)
  const detectedMs = instantOf(last, f.detectedAt, at, notes, false)
  const resolvedField = instantOf(last, f.resolvedAt, at, notes, false)
  const id = text(last[f.id]) ?? text(first[f.id]) ?? ends.path.replace(/^.*\//, '').replace(/\.ndjson$/i, '')
  if (text(last[f.id]) === undefined) notes.push({ source: 'incidents', path: ends.path, message: `last record without \`${f.id}\`; the file name is used as the id` })
  // Overlap with the period: the incident ended (at the latest) with its last record, or is still open.
  const endMs = resolved ? (resolvedField ?? lastMs) : Number.POSITIVE_INFINITY
  if (startedMs >= period.endMs || endMs < period.startMs) return { needsDetection: false, needsResolution: false, notes }
  const incident: Incident = {
    id,
    path: ends.path,
    title: text(last[f.title]) ?? text(first[f.title]) ?? '',
    severity: text(last[f.severity]) ?? 'unknown',
    status,
    resolved,
    startedMs,
    lastMs,
    spansStart: startedMs < period.startMs,
    spansEnd: !resolved || endMs >= period.endMs
  }
  const postmortem = text(last[f.postmortem]) ?? text(first[f.postmortem])
  if (postmortem !== undefined) incident.postmortem = postmortem
  if (detectedMs !== undefined) incident.detectedMs = detectedMs
  if (resolved) incident.resolvedMs = resolvedField ?? lastMs
  if (incident.spansStart || incident.spansEnd) {
    const sides = [incident.spansStart && 'started before the period', incident.spansEnd && (resolved ? 'was resolved after the period' : 'is still open at the end of the period')].filter(Boolean).join(' and ')
    notes.push({ source: 'incidents', path: ends.path, message: `incident ${id} spans the period boundary: it ${sides}` })
  }
  return { incident, needsDetection: detectedMs === undefined, needsResolution: resolved && resolvedField === undefined, notes }
}

/**
 * Detection from the start of the timeline: the first record with a detected (or resolved) status. Reading
 * stops there, so only the head of a long timeline is read.
 */
export async function detectionFromStart(records: AsyncIterable<TimelineRecord>, settings: IncidentSettings, path: string): Promise<{ detectedMs?: number; notes: DataNote[] }> {
  const f = settings.fields
  const notes: DataNote[] = []
  let withoutTs = 0
  let zoneless = 0
  let detectedMs: number | undefined
  for await (const r of records) {
    if (r.value === undefined) {
      notes.push({ source: 'incidents', path, line: r.line, message: r.problem ?? 'unreadable line' })
      continue
    }
    const record = asDict(r.value)
    if (record === undefined) {
      notes.push({ source: 'incidents', path, line: r.line, message: 'not a JSON object' })
      continue
    }
    const status = text(record[f.status])
    if (status === undefined || !(statusIn(status, settings.detectedStatuses) || statusIn(status, settings.resolvedStatuses))) continue
    const instant = parseInstant(record[f.ts])
    if (instant === undefined) {
      withoutTs++
      continue
    }
    if (!instant.zoned) zoneless++
    detectedMs = instant.ms
    break
  }
  if (withoutTs > 0) notes.push({ source: 'incidents', path, message: `${withoutTs} timeline record${withoutTs === 1 ? '' : 's'} without a readable \`${f.ts}\`, skipped` })
  if (zoneless > 0) notes.push({ source: 'incidents', path, message: `the detection record has no time zone in \`${f.ts}\`; read as UTC` })
  return { ...(detectedMs !== undefined && { detectedMs }), notes }
}

/**
 * Resolution from the end of the timeline: the earliest record of the run of resolved records it ends
 * with (an incident reopened and resolved again is resolved when it was resolved the last time). Reading
 * stops at the first record before that run.
 */
export async function resolutionFromEnd(recordsFromEnd: AsyncIterable<{ value?: unknown }>, settings: IncidentSettings): Promise<{ resolvedMs?: number }> {
  const f = settings.fields
  let resolvedMs: number | undefined
  for await (const r of recordsFromEnd) {
    const record = asDict(r.value)
    if (record === undefined) continue
    const status = text(record[f.status])
    if (status === undefined || !statusIn(status, settings.resolvedStatuses)) break
    const instant = parseInstant(record[f.ts])
    if (instant !== undefined) resolvedMs = instant.ms
  }
  return resolvedMs === undefined ? {} : { resolvedMs }
}

export function withMilestones(incident: Incident, found: { detectedMs?: number; resolvedMs?: number }): Incident {
  const out = { ...incident }
  if (out.detectedMs === undefined && found.detectedMs !== undefined) out.detectedMs = found.detectedMs
  // The last record's time is only a bound for a resolved incident's resolution; the timeline knows it.
  if (out.resolved && found.resolvedMs !== undefined) out.resolvedMs = found.resolvedMs
  return out
}

export function timeToDetect(incident: Incident): number | undefined {
  return incident.detectedMs === undefined ? undefined : Math.max(0, incident.detectedMs - incident.startedMs)
}

export function timeToResolve(incident: Incident): number | undefined {
  return incident.resolvedMs === undefined ? undefined : Math.max(0, incident.resolvedMs - incident.startedMs)
}

/** Severity rank (1 = most severe) among the configured levels; unknown ones last. */
export function severityRank(severity: string, levels: readonly string[]): number {
  const key = severity.toLowerCase().replace(/[^a-z0-9]/g, '')
  const i = levels.findIndex((l) => l.toLowerCase().replace(/[^a-z0-9]/g, '') === key)
  return i === -1 ? levels.length + 1 : i + 1
}

export function compareIncidents(a: Incident, b: Incident): number {
  return a.startedMs - b.startedMs || compareText(a.id, b.id) || compareText(a.path, b.path)
}

export { inPeriod }
