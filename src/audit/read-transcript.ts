// Reading one sampled transcript through: its events handed to the scorers one at a time, its malformed
// lines, and its content hash. The bytes are read and parsed by the I/O layer (src/io/transcript-lines.ts),
// which hands over parsed lines and hashes what it read; nothing of the transcript is kept here.

import { isEventObject, type TranscriptEvent } from './fields.js'

/** Malformed lines kept per transcript; the rest are counted. */
export const MAX_MALFORMED_PER_TRANSCRIPT = 100

/** One NDJSON line as the reader hands it over (the shape of src/io/ndjson.ts's records). */
export interface TranscriptLine {
  /** 1-based line number in the (decompressed) file. */
  line: number
  /** The parsed JSON value; absent when the line could not be read. */
  value?: unknown
  /** Why the line is malformed, or what was repaired to read it. */
  problem?: string
  /** Reading stopped here (an I/O or gzip error): the rest of the file was not read. */
  fatal?: true
}

/** A transcript's lines, in batches, and the hash of the bytes they were read from. */
export interface TranscriptLines {
  batches: AsyncIterable<readonly TranscriptLine[]>
  /** SHA-256 (hex) of the NDJSON content read (after gunzip for `.gz`); complete once `batches` is done. */
  sha256(): string
}

export interface MalformedLine {
  line: number
  problem: string
}

export interface TranscriptRead {
  /** SHA-256 (hex) of the NDJSON content, after gunzip for `.gz`. */
  sha256: string
  events: number
  malformed: MalformedLine[]
  /** Malformed lines beyond MAX_MALFORMED_PER_TRANSCRIPT. */
  moreMalformed: number
  /** Why the transcript could not be read through (I/O or gzip error); its events are incomplete. */
  unreadable?: string
}

export async function readTranscript(lines: TranscriptLines, onEvent: (event: TranscriptEvent) => void): Promise<TranscriptRead> {
  const read: TranscriptRead = { sha256: '', events: 0, malformed: [], moreMalformed: 0 }
  const malformed = (line: number, problem: string): void => {
    if (read.malformed.length < MAX_MALFORMED_PER_TRANSCRIPT) read.malformed.push({ line, problem })
    else read.moreMalformed++
  }
  for await (const batch of lines.batches) {
    for (const record of batch) {
      if (record.fatal) {
        read.unreadable = record.problem ?? 'reading stopped'
        malformed(record.line, read.unreadable)
        continue
      }
      if (record.problem !== undefined) malformed(record.line, record.problem)
      if (!('value' in record)) continue
      if (!isEventObject(record.value)) {
        malformed(record.line, 'not a JSON object (each line must be one event object)')
        continue
      }
      read.events++
      onEvent({ line: record.line, data: record.value })
    }
  }
  read.sha256 = lines.sha256()
  return read
}
