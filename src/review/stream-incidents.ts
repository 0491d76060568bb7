// Incidents from a Redis stream where agents append incident events (`incident:timeline`). The stream is
// read with XRANGE over the period's window, using the stream IDs' millisecond timestamps; entries are
// grouped by incident id, in stream order, and each group is placed exactly like a timeline file (its
// last entry is the incident's current state). Pure: the entries are read by the caller.

import type { IncidentEnds, IncidentSettings, TimelineRecord } from './incidents.js'
import type { ReviewPeriod } from './period.js'
import type { DataNote } from './quality.js'
import { jsonSyntaxProblem } from '../util/json-syntax.js'

/** One stream entry as clients return it: the ID (`<ms>-<seq>`) and its field/value pairs (strings). */
export interface StreamEntry {
  id: string
  message: Record<string, string>
}

/** XRANGE bounds of the period: an ID without a sequence means `<ms>-0` as start, `<ms>-<max>` as end. */
export function streamIdRange(period: Pick<ReviewPeriod, 'startMs' | 'endMs'>): { start: string; end: string } {
  return { start: String(period.startMs), end: String(period.endMs - 1) }
}

/** The millisecond timestamp of a stream ID, or undefined for an ID that is not `<ms>-<seq>`. */
export function streamIdMs(id: string): number | undefined {
  const m = /^(\d+)-\d+$/.exec(id)
  return m ? Number(m[1]) : undefined
}

/**
 * An entry as a record: a single `json` or `data` field holding a JSON object is that object; otherwise the
 * fields themselves. Without a `ts` field, the entry's ID gives the time (milliseconds since the epoch).
 */
export function entryRecord(entry: StreamEntry, tsField: string): { value?: Record<string, unknown>; problem?: string } {
  const keys = Object.keys(entry.message)
  let value: Record<string, unknown> = { ...entry.message }
  const packed = keys.length === 1 && (keys[0] === 'json' || keys[0] === 'data') ? entry.message[keys[0]] : undefined
  if (packed !== undefined) {
    try {
      const parsed = JSON.parse(packed) as unknown
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { problem: `entry ${entry.id}: \`${keys[0]}\` is not a JSON object` }
      value = parsed as Record<string, unknown>
    } catch {
      return { problem: `entry ${entry.id}: \`${keys[0]}\` is not JSON: ${jsonSyntaxProblem(packed)}` }
    }
  }
  if (value[tsField] === undefined) {
    const ms = streamIdMs(entry.id)
    if (ms !== undefined) value[tsField] = ms
  }
  return { value }
}

export interface StreamIncident {
  ends: IncidentEnds
  timeline: TimelineRecord[]
}

/** Entries (in stream order) grouped into one timeline per incident id. */
export function groupStreamEntries(entries: readonly StreamEntry[], key: string, settings: IncidentSettings): { incidents: StreamIncident[]; notes: DataNote[] } {
  const notes: DataNote[] = []
  const groups = new Map<string, TimelineRecord[]>()
  entries.forEach((entry, index) => {
    const { value, problem } = entryRecord(entry, settings.fields.ts)
    if (value === undefined) {
      notes.push({ source: 'incidents', path: `redis:${key}`, message: problem ?? `entry ${entry.id} unreadable` })
      return
    }
    const idValue = value[settings.fields.id]
    if (typeof idValue !== 'string' || idValue.trim() === '') {
      notes.push({ source: 'incidents', path: `redis:${key}`, message: `entry ${entry.id} has no \`${settings.fields.id}\`; skipped` })
      return
    }
    const list = groups.get(idValue.trim()) ?? []
    list.push({ line: index + 1, value })
    groups.set(idValue.trim(), list)
  })
  const incidents = [...groups.entries()].map(([id, timeline]): StreamIncident => {
    const first = timeline[0] as TimelineRecord
    const last = timeline[timeline.length - 1] as TimelineRecord
    return { ends: { path: `redis:${key}#${id}`, size: timeline.length, first: { value: first.value, line: first.line }, last: { value: last.value }, problems: [] }, timeline }
  })
  return { incidents, notes }
}
