// NDJSON read from the end: an incident timeline's current state (its last record) and the run of records
// before it, without reading its history. Lines are read backwards in chunks at offsets; a truncated,
// malformed or over-long line is reported and reading goes on with the line before it. Reads are
// synchronous: a review opens thousands of files for a few kilobytes each, and a round trip through
// libuv's thread pool per read costs more than the read (see bench/review.mjs).

import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { DEFAULT_MAX_LINE_BYTES, oversizedProblem, parseLine } from './ndjson.js'

export const FIRST_TAIL_BYTES = 4 * 1024
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

/** A line read backwards: its value, or why it has none. Blank lines are not yielded. */
export interface BackwardLine {
  fromEnd: number
  value?: unknown
  problem?: string
}

export interface TailOptions {
  maxLineBytes?: number
  /** Read size after the first (small) read from the end. */
  chunkBytes?: number
  /**
   * Where the first read from the end goes (FIRST_TAIL_BYTES or more). By default a buffer of the reader's
   * own; a caller that is done with the reader before any other reads may pass one buffer for every file.
   */
  firstReadBuffer?: Buffer
}

// One scratch buffer per size, reused for every file: the reads are synchronous, so no two overlap.
const scratches = new Map<number, Buffer>()
function scratch(bytes: number): Buffer {
  let buffer = scratches.get(bytes)
  if (buffer === undefined) {
    buffer = Buffer.allocUnsafe(bytes)
    scratches.set(bytes, buffer)
  }
  return buffer
}

function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== LF) return false
  return true
}

/** An open file read backwards, line by line, from its end. */
export class BackwardLines {
  readonly size: number
  private end: number
  private unterminated = true
  private fromEnd = 0
  private readonly maxLineBytes: number
  private readonly chunkBytes: number
  private reads = 0
  /** The first chunk read (at the end of the file), in a buffer of its own. */
  private head?: { from: number; bytes: Buffer }
  private readonly firstReadBuffer?: Buffer

  constructor(
    private readonly fd: number,
    options: TailOptions = {}
  ) {
    this.size = fstatSync(fd).size
    this.end = this.size
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES
    this.chunkBytes = options.chunkBytes ?? TAIL_CHUNK_BYTES
    if (options.firstReadBuffer !== undefined) this.firstReadBuffer = options.firstReadBuffer
  }

  /** The next line towards the start; undefined at the start of the file. */
  next(): BackwardLine | undefined {
    if (this.reads === 0 && this.size > 0) {
      // The first read, at the very end, also tells whether the file ends with a line break.
      // A buffer of its own: the shared scratch buffers are overwritten by later reads (this file's or others').
      const tail = this.read(this.size, FIRST_TAIL_BYTES, this.firstReadBuffer ?? Buffer.allocUnsafe(FIRST_TAIL_BYTES))
      this.head = { from: this.size - tail.length, bytes: tail }
      if (tail[tail.length - 1] === LF) {
        this.unterminated = false
        this.end = this.size - 1
      }
    }
    while (this.end >= 0 && this.size > 0) {
      const { start, bytes } = this.lineEndingAt(this.end)
      const atStart = start === 0
      const unterminated = this.unterminated
      this.unterminated = false
      this.end = atStart ? -1 : start - 1
      if (bytes !== undefined && isBlank(bytes)) continue
      this.fromEnd++
      if (bytes === undefined) return { fromEnd: this.fromEnd, problem: oversizedProblem(this.maxLineBytes) }
      const bom = atStart && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
      const parsed = parseLine(bytes, bom, bytes.length, { maxLineBytes: this.maxLineBytes, unterminated })
      return { fromEnd: this.fromEnd, ...parsed }
    }
    return undefined
  }

  /** The bytes [pos - want, pos) (fewer at the start of the file), in a scratch buffer valid until the next read. */
  private read(pos: number, want: number, buffer: Buffer = scratch(want)): Buffer {
    this.reads++
    const size = Math.min(want, pos)
    const bytesRead = readSync(this.fd, buffer, 0, size, pos - size)
    return buffer.subarray(0, bytesRead)
  }

  /** The line ending at `end` (exclusive); bytes undefined when longer than the limit (measured, not kept). */
  private lineEndingAt(end: number): { start: number; bytes?: Buffer } {
    const parts: Buffer[] = []
    let kept = 0
    let pos = end
    while (pos > 0) {
      // The first chunk read is kept: the last lines are usually in it.
      const cached = this.head !== undefined && pos > this.head.from && pos <= this.head.from + this.head.bytes.length
      const chunk = cached ? (this.head as { bytes: Buffer }).bytes.subarray(0, pos - (this.head as { from: number }).from) : this.read(pos, this.chunkBytes)
      const from = pos - chunk.length
      const nl = chunk.lastIndexOf(LF)
      const piece = nl === -1 ? chunk : chunk.subarray(nl + 1)
      // The whole line in one chunk (the usual case): handed on without a copy, since next() parses it
      // before anything reads into that buffer again.
      if (nl !== -1 && parts.length === 0) return end - (from + nl + 1) > this.maxLineBytes + 1 ? { start: from + nl + 1 } : { start: from + nl + 1, bytes: piece }
      if (kept <= this.maxLineBytes + 1) {
        parts.push(Buffer.from(piece))
        kept += piece.length
      }
      if (nl !== -1) return this.line(from + nl + 1, end, parts)
      pos = from
    }
    return this.line(0, end, parts)
  }

  private line(start: number, end: number, partsFromEnd: Buffer[]): { start: number; bytes?: Buffer } {
    if (end - start > this.maxLineBytes + 1) return { start }
    return { start, bytes: partsFromEnd.length === 1 ? (partsFromEnd[0] as Buffer) : Buffer.concat(partsFromEnd.reverse()) }
  }
}

/** Opens a file, hands its backward reader to `use`, and closes it. */
export function withBackwardLines<T>(absPath: string, use: (lines: BackwardLines) => T, options: TailOptions = {}): T {
  const fd = openSync(absPath, 'r')
  try {
    return use(new BackwardLines(fd, options))
  } finally {
    closeSync(fd)
  }
}

/** The newest parseable record, reading from the end; `maxLines` bounds how far back it looks. */
export function lastRecordOf(lines: BackwardLines, maxLines = 64): TailResult {
  const problems: TailProblem[] = []
  for (let line = lines.next(); line !== undefined && line.fromEnd <= maxLines; line = lines.next()) {
    if (line.value !== undefined) {
      if (line.problem !== undefined) problems.push({ fromEnd: line.fromEnd, problem: line.problem })
      return { size: lines.size, record: { value: line.value, fromEnd: line.fromEnd }, problems }
    }
    problems.push({ fromEnd: line.fromEnd, problem: line.problem ?? 'unreadable line' })
  }
  return { size: lines.size, problems }
}

export async function readLastNdjsonRecord(absPath: string, options: TailOptions & { maxLines?: number } = {}): Promise<TailResult> {
  return withBackwardLines(absPath, (lines) => lastRecordOf(lines, options.maxLines), options)
}
