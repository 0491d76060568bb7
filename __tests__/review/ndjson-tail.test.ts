// The last record of an NDJSON file, read from the end in chunks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { closeSync, openSync } from 'node:fs'
import { ForwardLines } from '../../src/io/ndjson-head.js'
import { BackwardLines, readLastNdjsonRecord } from '../../src/io/ndjson-tail.js'
import { readIncidentEnds } from '../../src/io/node-review-adapters.js'

const dir = mkdtempSync(path.join(tmpdir(), 'rl-tail-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
function file(content: string | Buffer): string {
  const p = path.join(dir, `f${n++}.ndjson`)
  writeFileSync(p, content)
  return p
}
const line = (o: object) => `${JSON.stringify(o)}\n`

describe('readLastNdjsonRecord', () => {
  it('returns the last record of a normal file', async () => {
    const r = await readLastNdjsonRecord(file(line({ i: 1 }) + line({ i: 2 }) + line({ i: 3 })))
    expect(r.record).toEqual({ value: { i: 3 }, fromEnd: 1 })
    expect(r.problems).toEqual([])
  })

  it('reports a truncated last line (no line break) and falls back to the line before', async () => {
    const r = await readLastNdjsonRecord(file(`${line({ i: 1 })}${line({ i: 2 })}{"i":3,"status":"reso`))
    expect(r.record).toEqual({ value: { i: 2 }, fromEnd: 2 })
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]?.problem).toMatch(/^truncated last line/)
  })

  it('reads a complete last line without a final line break', async () => {
    const r = await readLastNdjsonRecord(file(`${line({ i: 1 })}{"i":2}`))
    expect(r.record?.value).toEqual({ i: 2 })
    expect(r.problems).toEqual([])
  })

  it('reads CRLF files and skips trailing blank lines', async () => {
    const r = await readLastNdjsonRecord(file('{"i":1}\r\n{"i":2}\r\n\r\n  \r\n'))
    expect(r.record).toEqual({ value: { i: 2 }, fromEnd: 1 })
    expect(r.problems).toEqual([])
  })

  it('reads an empty file and a file of blank lines as no record, without problems', async () => {
    expect(await readLastNdjsonRecord(file(''))).toEqual({ size: 0, problems: [] })
    const blank = await readLastNdjsonRecord(file('\n\n\n'))
    expect(blank.record).toBeUndefined()
    expect(blank.problems).toEqual([])
  })

  it('reads a huge last line across many chunks', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024)
    const r = await readLastNdjsonRecord(file(line({ i: 1 }) + line({ i: 2, big })), { chunkBytes: 4096 })
    expect((r.record?.value as { i: number; big: string }).big).toHaveLength(big.length)
    expect((r.record?.value as { i: number }).i).toBe(2)
  })

  it('skips a last line longer than the limit and reads the one before', async () => {
    const r = await readLastNdjsonRecord(file(line({ i: 1 }) + line({ big: 'y'.repeat(5000) })), { maxLineBytes: 1000, chunkBytes: 256 })
    expect(r.record).toEqual({ value: { i: 1 }, fromEnd: 2 })
    expect(r.problems[0]?.problem).toMatch(/longer than/)
  })

  it('reads a one-line file with a BOM, and reports malformed lines on the way back', async () => {
    expect((await readLastNdjsonRecord(file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"i":1}\n')])))).record?.value).toEqual({ i: 1 })
    const r = await readLastNdjsonRecord(file(`${line({ i: 1 })}not json\n`))
    expect(r.record?.value).toEqual({ i: 1 })
    expect(r.problems[0]?.problem).toMatch(/invalid JSON/)
    const none = await readLastNdjsonRecord(file('garbage\nmore garbage\n'))
    expect(none.record).toBeUndefined()
    expect(none.problems).toHaveLength(2)
  })
})

describe('readIncidentEnds', () => {
  it('reads the first and last records and the problems at both ends', async () => {
    const p = file(`oops\n${line({ ts: '2026-10-01T00:00:00Z', id: 'A' })}${line({ ts: '2026-10-02T00:00:00Z', id: 'A', status: 'resolved' })}{"cut`)
    const ends = await readIncidentEnds(p, 'a.ndjson')
    expect(ends.first).toEqual({ value: { ts: '2026-10-01T00:00:00Z', id: 'A' }, line: 2 })
    expect(ends.last).toEqual({ value: { ts: '2026-10-02T00:00:00Z', id: 'A', status: 'resolved' } })
    expect(ends.problems.map((x) => x.message)).toEqual([expect.stringMatching(/^last line: truncated/), expect.stringMatching(/invalid JSON/)])
    expect(ends.problems[1]?.line).toBe(1)
  })

  it('does not read the start when the last record is enough, and reuses its tail buffer from file to file', async () => {
    const p = file(`oops\n${line({ ts: '2026-10-01T00:00:00Z', id: 'A' })}${line({ ts: '2026-10-02T00:00:00Z', id: 'A', title: 'T', started_at: '2026-10-01T00:00:00Z' })}`)
    const seen: unknown[] = []
    const ends = await readIncidentEnds(p, 'a.ndjson', (last) => (seen.push(last), false))
    expect(seen).toEqual([{ ts: '2026-10-02T00:00:00Z', id: 'A', title: 'T', started_at: '2026-10-01T00:00:00Z' }])
    expect(ends).toEqual({ path: 'a.ndjson', size: expect.any(Number), last: { value: seen[0] }, firstNotNeeded: true, problems: [] })
    // The shared buffer holds the next file's bytes now; the first result was copied out of it.
    const other = await readIncidentEnds(file(line({ ts: '2026-11-01T00:00:00Z', id: 'B' })), 'b.ndjson')
    expect(other.last).toEqual({ value: { ts: '2026-11-01T00:00:00Z', id: 'B' } })
    expect(ends.last).toEqual({ value: seen[0] })
  })
})

describe('line readers on open files', () => {
  const all = (lines: { next(): unknown }) => {
    const out: unknown[] = []
    for (let l = lines.next(); l !== undefined; l = lines.next()) out.push(l)
    return out
  }

  it('reads backwards line by line, two files interleaved, with small chunks', () => {
    const a = openSync(file(Array.from({ length: 300 }, (_, i) => line({ a: i })).join('')), 'r')
    const b = openSync(file(Array.from({ length: 300 }, (_, i) => line({ b: i, pad: 'p'.repeat(i) })).join('')), 'r')
    try {
      const la = new BackwardLines(a, { chunkBytes: 4096 })
      const lb = new BackwardLines(b, { chunkBytes: 4096 })
      for (let i = 299; i >= 0; i--) {
        expect(la.next()).toEqual({ fromEnd: 300 - i, value: { a: i } })
        expect(lb.next()).toEqual({ fromEnd: 300 - i, value: { b: i, pad: 'p'.repeat(i) } })
      }
      expect(la.next()).toBeUndefined()
    } finally {
      closeSync(a)
      closeSync(b)
    }
  })

  it('reads forwards line by line: BOM, CRLF, blank, malformed, over-long and truncated lines', () => {
    const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`{"i":1}\r\n\nbad\n{"big":"${'x'.repeat(9000)}"}\n{"i":2}\n{"i":`)])
    const fd = openSync(file(content), 'r')
    try {
      const lines = all(new ForwardLines(fd, 5000))
      expect(lines).toEqual([
        { line: 1, value: { i: 1 } },
        { line: 3, problem: expect.stringMatching(/^invalid JSON/) },
        { line: 4, problem: expect.stringMatching(/longer than/) },
        { line: 5, value: { i: 2 } },
        { line: 6, problem: expect.stringMatching(/^truncated last line/) }
      ])
    } finally {
      closeSync(fd)
    }
  })
})
