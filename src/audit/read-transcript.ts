// Reading one sampled transcript through: its content hash, its events handed to the scorers one at a
// time, and its malformed lines. Nothing of the transcript is kept here.

import { createHash } from 'node:crypto'
import { readNdjsonBatches, type ByteSource } from '../io/ndjson.js'
import { isEventObject, type TranscriptEvent } from './fields.js'

/** Malformed lines kept per transcript; the rest are counted. */
export const MAX_MALFORMED_PER_TRANSCRIPT = 100

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

async function* hashed(source: ByteSource, hash: ReturnType<typeof createHash>): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    // Before yielding: the source may reuse the chunk's memory once the next one is pulled.
    hash.update(chunk)
    yield chunk
  }
}

export async function readTranscript(source: ByteSource, options: { maxLineBytes: number; onEvent: (event: TranscriptEvent) => void }): Promise<TranscriptRead> {
  const hash = createHash('sha256')
  const read: TranscriptRead = { sha256: '', events: 0, malformed: [], moreMalformed: 0 }
  const malformed = (line: number, problem: string): void => {
    if (read.malformed.length < MAX_MALFORMED_PER_TRANSCRIPT) read.malformed.push({ line, problem })
    else read.moreMalformed++
  }
  for await (const batch of readNdjsonBatches(hashed(source, hash), { maxLineBytes: options.maxLineBytes })) {
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
      options.onEvent({ line: record.line, data: record.value })
    }
  }
  read.sha256 = hash.digest('hex')
  return read
}
