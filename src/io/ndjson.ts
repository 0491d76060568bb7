// The streaming NDJSON reader every mode that reads logs uses. It never holds a whole file: at most one
// chunk plus one line (capped at maxLineBytes). Bad input never throws: a malformed line becomes a record
// with its line number and a problem, and reading carries on with the next line.
//
// Three levels, for three kinds of reader:
// - readNdjson: one record per line ({ line, value } or { line, problem }); the convenient one.
// - readNdjsonBatches: the same records, one array per run of lines, for readers that count every cycle.
// - lineSegments: runs of complete lines as raw bytes, for scanners that search bytes before parsing
//   anything (the audit's sampling pass looks for `"notes"` and parses only the lines that have it).
//
// Sources are async iterables of byte chunks. ndjsonFileSource reads a plain file into one reused buffer
// (a chunk is valid only until the next one is pulled; everything here is done with it by then) and
// gunzips `.gz` files.

import { isUtf8 } from 'node:buffer'
import { closeSync, createReadStream, openSync, readSync } from 'node:fs'
import { createGunzip } from 'node:zlib'
import { jsonSyntaxProblem } from '../util/json-syntax.js'

/** A line longer than this is reported and skipped without being buffered. */
export const DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024

const READ_CHUNK_BYTES = 1024 * 1024
const FIRST_READ_BYTES = 8 * 1024
const GUNZIP_CHUNK_BYTES = 256 * 1024
const MAX_MESSAGE_CHARS = 160
const LF = 0x0a
const CR = 0x0d

export interface NdjsonRecord {
  /** 1-based line number in the (decompressed) file. */
  line: number
  /** The parsed JSON value; absent when the line could not be read. */
  value?: unknown
  /**
   * Why the line is malformed (no value), or, with a value, what was repaired to read it (invalid UTF-8
   * read as U+FFFD). Every record with a problem is worth reporting with its file and line.
   */
  problem?: string
  /** Reading stopped here (an I/O or gzip error): the rest of the file, if any, was not read. */
  fatal?: true
}

export interface NdjsonOptions {
  /** Longest line read, in bytes without the line break; longer ones are reported and skipped. */
  maxLineBytes?: number
}

/** Bytes of NDJSON in chunks. A chunk may be reused by the source once the next one is pulled. */
export type ByteSource = AsyncIterable<Uint8Array>

/**
 * What the splitter hands on:
 * - `lines`: bytes[start, end) holds one or more complete lines, each ending in `\n` — except when
 *   `unterminated`, where it is the file's last line, which has no line break.
 * - `oversized`: one line longer than the limit, skipped (its bytes were not kept).
 * - `failed`: the source failed; nothing follows.
 */
export type LineSegment =
  | { kind: 'lines'; bytes: Buffer; start: number; end: number; unterminated: boolean }
  | { kind: 'oversized'; bytes: number }
  | { kind: 'failed'; message: string }

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
}

function messageOf(error: unknown): string {
  // Not `instanceof Error`: errors from another realm (vm contexts, workers) fail that test.
  const message = error !== null && typeof error === 'object' ? (error as { message?: unknown }).message : undefined
  const text = typeof message === 'string' ? message : String(error)
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text
}

/** Splits chunks into runs of whole lines. Only the line that straddles two chunks is copied. */
export class LineSplitter {
  private carry: Buffer[] = []
  private carryBytes = 0
  /** Inside an oversized line: drop bytes up to the next line break. */
  private skipping = false

  constructor(private readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES) {}

  *push(input: Uint8Array): Generator<LineSegment> {
    const chunk = asBuffer(input)
    let pos = 0
    if (this.skipping) {
      const nl = chunk.indexOf(LF)
      if (nl === -1) return
      this.skipping = false
      pos = nl + 1
    } else if (this.carryBytes > 0) {
      const nl = chunk.indexOf(LF)
      if (nl === -1) {
        this.hold(Buffer.from(chunk))
        // `+ 1`: the line may still turn out to end in `\r\n`, whose `\r` is not counted.
        if (this.carryBytes > this.maxLineBytes + 1) yield this.startSkipping()
        return
      }
      const line = Buffer.concat([...this.carry, chunk.subarray(0, nl + 1)])
      this.carry = []
      this.carryBytes = 0
      yield { kind: 'lines', bytes: line, start: 0, end: line.length, unterminated: false }
      pos = nl + 1
    }
    const last = chunk.lastIndexOf(LF)
    if (last >= pos) {
      yield { kind: 'lines', bytes: chunk, start: pos, end: last + 1, unterminated: false }
      pos = last + 1
    }
    if (pos < chunk.length) {
      // A copy: the source may reuse the chunk's memory for the next read.
      this.hold(Buffer.from(chunk.subarray(pos)))
      if (this.carryBytes > this.maxLineBytes + 1) yield this.startSkipping()
    }
  }

  /** The last line, when the file does not end with a line break. */
  *end(): Generator<LineSegment> {
    if (this.skipping) {
      this.skipping = false
      return
    }
    if (this.carryBytes === 0) return
    const line = Buffer.concat(this.carry)
    this.carry = []
    this.carryBytes = 0
    yield { kind: 'lines', bytes: line, start: 0, end: line.length, unterminated: true }
  }

  private hold(bytes: Buffer): void {
    this.carry.push(bytes)
    this.carryBytes += bytes.length
  }

  private startSkipping(): LineSegment {
    const seen = this.carryBytes
    this.carry = []
    this.carryBytes = 0
    this.skipping = true
    return { kind: 'oversized', bytes: seen }
  }
}

/** Runs of whole lines from a byte source; a failing source ends with one `failed` segment. */
export async function* lineSegments(source: ByteSource, options: NdjsonOptions = {}): AsyncGenerator<LineSegment> {
  const splitter = new LineSplitter(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES)
  try {
    for await (const chunk of source) yield* splitter.push(chunk)
  } catch (error) {
    yield { kind: 'failed', message: messageOf(error) }
    return
  }
  yield* splitter.end()
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`
  return `${bytes} bytes`
}

export function oversizedProblem(maxLineBytes: number): string {
  return `line longer than ${formatBytes(maxLineBytes)} (the limit); skipped`
}

function isBlank(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i]
    if (b !== 0x20 && b !== 0x09 && b !== CR && b !== LF) return false
  }
  return true
}

/**
 * Parses one line, bytes[start, end) without its line break (a trailing `\r` is dropped here).
 * Undefined for a blank line, which NDJSON writers commonly leave at the end and which is not an error.
 */
export function parseLine(bytes: Buffer, start: number, end: number, options: { maxLineBytes?: number; unterminated?: boolean } = {}): Omit<NdjsonRecord, 'line'> | undefined {
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES
  let stop = end
  if (stop > start && bytes[stop - 1] === CR) stop--
  if (stop - start > max) return { problem: oversizedProblem(max) }
  // Most lines start with `{`; only the others need the blank check.
  if (bytes[start] !== 0x7b && isBlank(bytes, start, stop)) return undefined
  const text = bytes.toString('utf8', start, stop)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    // Not JSON.parse's message: V8's words differ between Node versions, and reports must not.
    const reason = `invalid JSON: ${jsonSyntaxProblem(text)}`
    return { problem: options.unterminated ? `truncated last line (no line break at the end of the file); ${reason}` : reason }
  }
  // Invalid bytes decode to U+FFFD: only a line that has one can be invalid, and only it is checked (the
  // check needs a view of the line, a Buffer made per line otherwise).
  if (text.includes('\uFFFD') && !isUtf8(bytes.subarray(start, stop))) return { value, problem: 'invalid UTF-8: the bad bytes were read as U+FFFD' }
  return { value }
}

const BOM = [0xef, 0xbb, 0xbf] as const

function startsWithBom(bytes: Buffer, at: number, end: number): boolean {
  return end - at >= 3 && bytes[at] === BOM[0] && bytes[at + 1] === BOM[1] && bytes[at + 2] === BOM[2]
}

/** Records of a file, one array per run of lines (at most one chunk's worth). */
export async function* readNdjsonBatches(source: ByteSource, options: NdjsonOptions = {}): AsyncGenerator<NdjsonRecord[]> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES
  let line = 0
  for await (const segment of lineSegments(source, options)) {
    if (segment.kind === 'failed') {
      yield [{ line: line + 1, problem: `reading stopped: ${segment.message}`, fatal: true }]
      return
    }
    if (segment.kind === 'oversized') {
      line++
      yield [{ line, problem: oversizedProblem(maxLineBytes) }]
      continue
    }
    const { bytes, end, unterminated } = segment
    const batch: NdjsonRecord[] = []
    let pos = segment.start
    while (pos < end) {
      const nl = bytes.indexOf(LF, pos)
      const lineEnd = nl === -1 || nl >= end ? end : nl
      line++
      const from = line === 1 && startsWithBom(bytes, pos, lineEnd) ? pos + 3 : pos
      const parsed = parseLine(bytes, from, lineEnd, { maxLineBytes, unterminated })
      if (parsed !== undefined) batch.push({ line, ...parsed })
      pos = lineEnd + 1
    }
    if (batch.length > 0) yield batch
  }
}

/** Records of a file, one per non-blank line, in order. */
export async function* readNdjson(source: ByteSource, options: NdjsonOptions = {}): AsyncGenerator<NdjsonRecord> {
  for await (const batch of readNdjsonBatches(source, options)) yield* batch
}

export function isGzipPath(path: string): boolean {
  return /\.gz$/i.test(path)
}

// Read buffers are reused across files too: a scan opens thousands of files, and a fresh megabyte for
// each is a gigabyte of garbage per thousand files.
const bufferPool: Buffer[] = []
const MAX_POOLED_BUFFERS = 32

/**
 * A plain file read into one buffer that is reused for every chunk. The first read is small: many readers
 * (the audit's scan) need only the first line of most files. Reads are synchronous: from the page cache
 * a read of 1 MiB takes about 0.1 ms, less than the round trip through libuv's thread pool that an
 * asynchronous read costs (several times the reading itself over thousands of files; bench/audit.mjs).
 */
async function* plainFileChunks(absPath: string, chunkBytes: number): AsyncGenerator<Buffer> {
  const fd = openSync(absPath, 'r')
  const pooled = chunkBytes === READ_CHUNK_BYTES
  const buffer = (pooled ? bufferPool.pop() : undefined) ?? Buffer.allocUnsafe(chunkBytes)
  try {
    let want = Math.min(FIRST_READ_BYTES, chunkBytes)
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, want, null)
      if (bytesRead === 0) return
      yield buffer.subarray(0, bytesRead)
      want = chunkBytes
    }
  } finally {
    if (pooled && bufferPool.length < MAX_POOLED_BUFFERS) bufferPool.push(buffer)
    closeSync(fd)
  }
}

/** A `.gz` file, decompressed as it is read; a truncated or corrupt file fails the iteration. */
async function* gunzipFileChunks(absPath: string): AsyncGenerator<Buffer> {
  const input = createReadStream(absPath, { highWaterMark: GUNZIP_CHUNK_BYTES })
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES })
  input.on('error', (error) => gunzip.destroy(error))
  input.pipe(gunzip)
  try {
    for await (const chunk of gunzip) yield chunk as Buffer
  } finally {
    input.destroy()
    gunzip.destroy()
  }
}

/** The bytes of an NDJSON file, gunzipped when its name ends in `.gz`. Opening errors surface on iteration. */
export function ndjsonFileSource(absPath: string, options: { chunkBytes?: number } = {}): ByteSource {
  return isGzipPath(absPath) ? gunzipFileChunks(absPath) : plainFileChunks(absPath, options.chunkBytes ?? READ_CHUNK_BYTES)
}
