// NDJSON read from the start one line at a time, parsing only the lines asked for: the first record of an
// incident timeline, or the records up to its detection. readNdjson parses every line of a chunk at once,
// which is the right trade for readers that want them all, and wasted work for readers that stop early.

import { readSync } from 'node:fs'
import { DEFAULT_MAX_LINE_BYTES, LineSplitter, oversizedProblem, parseLine, type LineSegment, type NdjsonRecord } from './ndjson.js'

const HEAD_CHUNK_BYTES = 4 * 1024
const LF = 0x0a

const scratch = Buffer.allocUnsafe(HEAD_CHUNK_BYTES)

/**
 * An open file read forwards, line by line. Reads are synchronous into one shared buffer, so one reader
 * must be done with a chunk before another reads: use it without awaiting between next() calls, or
 * give it a buffer of its own.
 */
export class ForwardLines {
  private readonly splitter: LineSplitter
  private pending: LineSegment[] = []
  private segment?: Extract<LineSegment, { kind: 'lines' }>
  private pos = 0
  private position = 0
  private line = 0
  private done = false

  constructor(
    private readonly fd: number,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
    private readonly buffer: Buffer = scratch
  ) {
    this.splitter = new LineSplitter(maxLineBytes)
  }

  /** The next non-blank line as a record; undefined at the end of the file. */
  next(): NdjsonRecord | undefined {
    for (;;) {
      const segment = this.segment
      if (segment !== undefined && this.pos < segment.end) {
        const nl = segment.bytes.indexOf(LF, this.pos)
        const lineEnd = nl === -1 || nl >= segment.end ? segment.end : nl
        this.line++
        let from = this.pos
        if (this.line === 1 && segment.bytes[from] === 0xef && segment.bytes[from + 1] === 0xbb && segment.bytes[from + 2] === 0xbf) from += 3
        this.pos = lineEnd + 1
        const parsed = parseLine(segment.bytes, from, lineEnd, { maxLineBytes: this.maxLineBytes, unterminated: segment.unterminated })
        if (parsed !== undefined) return { line: this.line, ...parsed }
        continue
      }
      this.segment = undefined
      const next = this.pending.shift() ?? this.fill()
      if (next === undefined) return undefined
      if (next.kind === 'oversized') {
        this.line++
        return { line: this.line, problem: oversizedProblem(this.maxLineBytes) }
      }
      if (next.kind === 'failed') return { line: this.line + 1, problem: `reading stopped: ${next.message}`, fatal: true }
      this.segment = next
      this.pos = next.start
    }
  }

  private fill(): LineSegment | undefined {
    while (this.pending.length === 0 && !this.done) {
      const bytesRead = readSync(this.fd, this.buffer, 0, this.buffer.length, this.position)
      if (bytesRead === 0) {
        this.done = true
        this.pending.push(...this.splitter.end())
      } else {
        this.position += bytesRead
        this.pending.push(...this.splitter.push(this.buffer.subarray(0, bytesRead)))
      }
    }
    return this.pending.shift()
  }
}
