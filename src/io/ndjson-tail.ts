// The last record of an NDJSON file, read from the end: an incident timeline's current state without
// reading its history. Chunks are read backwards at offsets until the last complete line is found; a
// truncated, malformed or over-long last line is reported and the line before it is tried instead.

import { open } from 'node:fs/promises'
import { DEFAULT_MAX_LINE_BYTES, oversizedProblem, parseLine } from './ndjson.js'

const TAIL_CHUNK_BYTES = 64 * 1024
const LF = 0x0a

export interface TailRecord {
  value: unknown
  /** Lines counted from the end: 1 for the last non-blank line. */
  fromEnd: number
}

export interface TailProblem {
  fromEnd: number
  problem: string
}

export interface TailResult {
  /** File size in bytes. */
  size: number
  record?: TailRecord
  /** Lines skipped on the way (truncated, malformed, too long), newest first. */
  problems: TailProblem[]
}

interface Line {
  /** Byte offset of the line's first byte. */
  start: number
  /** The line's bytes (without its line break); undefined when longer than the limit. */
  bytes?: Buffer
  length: number
}

/**
 * Reads one line backwards: the line that ends at `end` (exclusive, its `\n` already excluded). Keeps at
 * most maxLineBytes + 1 bytes; a longer line is measured but not kept.
 */
async function lineEndingAt(fh: import('node:fs/promises').FileHandle, end: number, maxLineBytes: number, scratch: Buffer): Promise<Line> {
  const parts: Buffer[] = []
  let kept = 0
  let pos = end
  while (pos > 0) {
    const size = Math.min(scratch.length, pos)
    const from = pos - size
    const { bytesRead } = await fh.read(scratch, 0, size, from)
    const chunk = scratch.subarray(0, bytesRead)
    const nl = chunk.lastIndexOf(LF)
    const piece = nl === -1 ? chunk : chunk.subarray(nl + 1)
    if (kept <= maxLineBytes + 1) {
      parts.unshift(Buffer.from(piece))
      kept += piece.length
    }
    if (nl !== -1) {
      const start = from + nl + 1
      const length = end - start
      return length > maxLineBytes + 1 ? { start, length } : { start, length, bytes: Buffer.concat(parts) }
    }
    pos = from
  }
  return end > maxLineBytes + 1 ? { start: 0, length: end } : { start: 0, length: end, bytes: Buffer.concat(parts) }
}

function isBlank(bytes: Buffer): boolean {
  return bytes.toString('latin1').trim() === ''
}

/** The newest parseable record, reading from the end; `maxLines` bounds how far back it looks. */
export async function readLastNdjsonRecord(absPath: string, options: { maxLineBytes?: number; maxLines?: number; chunkBytes?: number } = {}): Promise<TailResult> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES
  const maxLines = options.maxLines ?? 64
  const fh = await open(absPath, 'r')
  try {
    const { size } = await fh.stat()
    const scratch = Buffer.allocUnsafe(options.chunkBytes ?? TAIL_CHUNK_BYTES)
    const problems: TailProblem[] = []
    let end = size
    // A file that ends in a line break: its last line is complete. One that does not: the writer may have
    // been cut off mid-line.
    let unterminated = true
    if (size > 0) {
      const last = Buffer.alloc(1)
      await fh.read(last, 0, 1, size - 1)
      if (last[0] === LF) {
        unterminated = false
        end = size - 1
      }
    }
    let fromEnd = 0
    while (end >= 0 && size > 0 && fromEnd < maxLines) {
      const line = await lineEndingAt(fh, end, maxLineBytes, scratch)
      const isFirstLine = line.start === 0
      if (line.bytes === undefined) {
        fromEnd++
        problems.push({ fromEnd, problem: oversizedProblem(maxLineBytes) })
      } else if (!isBlank(line.bytes)) {
        fromEnd++
        // The first line may carry a BOM.
        const bom = isFirstLine && line.bytes[0] === 0xef && line.bytes[1] === 0xbb && line.bytes[2] === 0xbf ? 3 : 0
        const parsed = parseLine(line.bytes, bom, line.bytes.length, { maxLineBytes, unterminated })
        if (parsed?.value !== undefined) {
          if (parsed.problem !== undefined) problems.push({ fromEnd, problem: parsed.problem })
          return { size, record: { value: parsed.value, fromEnd }, problems }
        }
        if (parsed?.problem !== undefined) problems.push({ fromEnd, problem: parsed.problem })
      }
      unterminated = false
      if (isFirstLine) break
      end = line.start - 1
    }
    return { size, problems }
  } finally {
    await fh.close()
  }
}
