// The sampling pass's decisions for one transcript: which period (and day, and agent) it belongs to, and —
// only for transcripts in the audited period, and only when the flagged stratum is on — whether any event's
// notes match the flagged pattern. The reading is not done here: src/io/transcript-scan.ts walks the bytes,
// parses the first event and, after that, only the lines whose bytes contain `needle` (the notes key), and
// stops as soon as this scanner says the answer is known. That keeps a scan of gigabytes of logs close to
// the speed of reading them (bench/audit.mjs measures it against `wc -l`).

import type { AuditFieldNames } from '../config/types.js'
import { fieldNeedle, fieldText, readField, resolveField, type EventObject } from './fields.js'
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

export interface TranscriptScanner {
  /**
   * What a later line's raw text must contain to be worth parsing: the last key of the notes field with
   * its closing quote (`notes"`); the reader checks the opening quote at each hit. Leaving it out makes the
   * search several times faster, because `"` is the most frequent byte of JSON.
   */
  readonly needle: string
  /** The first event that is a JSON object (undefined: there is none). True when the answer is known. */
  first(event: EventObject | undefined): boolean
  /** A later event whose line contains the needle. True when the answer is known. */
  next(event: EventObject): boolean
  result(): ScanResult
}

export function createScanner(options: ScanOptions): TranscriptScanner {
  const tsPath = resolveField('ts', options.fields)
  const agentPath = resolveField('agent', options.fields)
  const notesPath = resolveField('notes', options.fields)
  const flaggedBy = (event: EventObject): boolean => {
    const text = fieldText(readField(event, notesPath))
    return text !== undefined && options.flagged !== undefined && options.flagged.test(text)
  }
  const result: ScanResult = { flagged: false }
  return {
    needle: fieldNeedle(notesPath),
    first(event) {
      const fromEvent = event === undefined ? undefined : dateOfTimestamp(readField(event, tsPath))
      const date = fromEvent ?? dateInPath(options.path)
      if (date !== undefined) {
        result.date = date
        result.dateFrom = fromEvent !== undefined ? 'event' : 'path'
      }
      const agent = event === undefined ? undefined : fieldText(readField(event, agentPath))
      if (agent !== undefined) result.agent = agent
      if (event === undefined || result.date?.period !== options.period || options.flagged === undefined) return true
      return this.next(event)
    },
    next(event) {
      if (!flaggedBy(event)) return false
      result.flagged = true
      return true
    },
    result: () => result
  }
}
