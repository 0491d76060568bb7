// The sampling pass over every transcript: which period (and day, and agent) it belongs to, and — only
// for transcripts in the audited period, and only when the flagged stratum is on — whether any event's
// notes match the flagged pattern. It parses the first event and, after that, only the lines whose raw
// bytes contain the notes key, and stops reading a file as soon as the answer is known. That keeps a scan
// of gigabytes of logs close to the speed of reading them (bench/audit.mjs measures it against `wc -l`).

import type { AuditFieldNames } from '../config/types.js'
import { lineSegments, parseLine, type ByteSource } from '../io/ndjson.js'
import { fieldNeedle, fieldText, isEventObject, readField, resolveField, type EventObject } from './fields.js'
import { dateInPath, dateOfTimestamp, type TranscriptDate } from './period.js'

export interface ScanOptions {
  /** Repository-relative: its date is the fallback when the first event has no timestamp. */
  path: string
  fields: AuditFieldNames
  maxLineBytes: number
  /** The period being audited: files of other periods are not read past their first event. */
  period: string
  /** When set, read on through transcripts of the period for an event whose notes match it. */
  flagged?: RegExp
}

export interface ScanResult {
  /** Undefined: no timestamp in the first event and no date in the path; the transcript has no period. */
  date?: TranscriptDate
  dateFrom?: 'event' | 'path'
  agent?: string
  flagged: boolean
}

const LF = 0x0a
const QUOTE = 0x22

export async function scanTranscript(source: ByteSource, options: ScanOptions): Promise<ScanResult> {
  const tsPath = resolveField('ts', options.fields)
  const agentPath = resolveField('agent', options.fields)
  const notesPath = resolveField('notes', options.fields)
  const needle = Buffer.from(fieldNeedle(notesPath))
  const flaggedBy = (event: EventObject): boolean => {
    const text = fieldText(readField(event, notesPath))
    return text !== undefined && options.flagged !== undefined && options.flagged.test(text)
  }

  const result: ScanResult = { flagged: false }
  const settleDate = (first: EventObject | undefined): void => {
    const fromEvent = first === undefined ? undefined : dateOfTimestamp(readField(first, tsPath))
    const date = fromEvent ?? dateInPath(options.path)
    if (date !== undefined) {
      result.date = date
      result.dateFrom = fromEvent !== undefined ? 'event' : 'path'
    }
    const agent = first === undefined ? undefined : fieldText(readField(first, agentPath))
    if (agent !== undefined) result.agent = agent
  }

  let first: EventObject | undefined
  let firstLine = true
  for await (const segment of lineSegments(source, { maxLineBytes: options.maxLineBytes })) {
    if (segment.kind === 'failed') break
    if (segment.kind === 'oversized') {
      firstLine = false
      continue
    }
    const { bytes, end } = segment
    let pos = segment.start
    if (first === undefined) {
      while (pos < end && first === undefined) {
        const nl = bytes.indexOf(LF, pos)
        const lineEnd = nl === -1 || nl >= end ? end : nl
        const bom = firstLine && bytes[pos] === 0xef && bytes[pos + 1] === 0xbb && bytes[pos + 2] === 0xbf
        firstLine = false
        const parsed = parseLine(bytes, bom ? pos + 3 : pos, lineEnd, { maxLineBytes: options.maxLineBytes })
        pos = lineEnd + 1
        if (parsed !== undefined && isEventObject(parsed.value)) first = parsed.value
      }
      if (first === undefined) continue
      settleDate(first)
      if (result.date?.period !== options.period || options.flagged === undefined) return result
      if (flaggedBy(first)) {
        result.flagged = true
        return result
      }
    }
    // Only lines that contain the notes key can flag the transcript; the rest are not even split.
    while (pos < end) {
      const hit = bytes.indexOf(needle, pos)
      if (hit === -1 || hit >= end) break
      if (hit === 0 || bytes[hit - 1] !== QUOTE) {
        pos = hit + 1
        continue
      }
      const lineStart = Math.max(segment.start, bytes.lastIndexOf(LF, hit) + 1)
      const nl = bytes.indexOf(LF, hit)
      const lineEnd = nl === -1 || nl >= end ? end : nl
      const parsed = parseLine(bytes, lineStart, lineEnd, { maxLineBytes: options.maxLineBytes })
      if (parsed !== undefined && isEventObject(parsed.value) && flaggedBy(parsed.value)) {
        result.flagged = true
        return result
      }
      pos = lineEnd + 1
    }
  }
  if (first === undefined) settleDate(undefined)
  return result
}
