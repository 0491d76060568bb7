// The sampling pass over one transcript's bytes, for the decisions of src/audit/scan.ts: parse the first
// event, then only the lines whose bytes contain the scanner's needle, and stop reading as soon as the
// scanner knows the answer. Used in-process and by the audit workers alike.

import { createScanner, type ScanOptions, type ScanResult } from '../audit/scan.js'
import { isEventObject, type EventObject } from '../audit/fields.js'
import { lineSegments, parseLine, type ByteSource } from './ndjson.js'

const LF = 0x0a
const QUOTE = 0x22

/** The first line of bytes[pos, end) that is a JSON object, and where the reading stopped. */
function firstObject(bytes: Buffer, pos: number, end: number, bomPossible: boolean, maxLineBytes: number): { event?: EventObject; pos: number } {
  let atStart = bomPossible
  while (pos < end) {
    const nl = bytes.indexOf(LF, pos)
    const lineEnd = nl === -1 || nl >= end ? end : nl
    const bom = atStart && bytes[pos] === 0xef && bytes[pos + 1] === 0xbb && bytes[pos + 2] === 0xbf
    atStart = false
    const parsed = parseLine(bytes, bom ? pos + 3 : pos, lineEnd, { maxLineBytes })
    pos = lineEnd + 1
    if (parsed !== undefined && isEventObject(parsed.value)) return { event: parsed.value, pos }
  }
  return { pos }
}

export async function scanTranscriptBytes(source: ByteSource, options: ScanOptions): Promise<ScanResult> {
  const scanner = createScanner(options)
  const needle = Buffer.from(scanner.needle)
  let started = false
  let firstLine = true
  for await (const segment of lineSegments(source, { maxLineBytes: options.maxLineBytes })) {
    if (segment.kind === 'failed') break
    if (segment.kind === 'oversized') {
      firstLine = false
      continue
    }
    const { bytes, end } = segment
    let pos = segment.start
    if (!started) {
      const found = firstObject(bytes, pos, end, firstLine, options.maxLineBytes)
      firstLine = false
      pos = found.pos
      if (found.event === undefined) continue
      started = true
      if (scanner.first(found.event)) return scanner.result()
    }
    // Only lines that contain the needle can change the answer; the rest are not even split.
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
      if (parsed !== undefined && isEventObject(parsed.value) && scanner.next(parsed.value)) return scanner.result()
      pos = lineEnd + 1
    }
  }
  if (!started) scanner.first(undefined)
  return scanner.result()
}
