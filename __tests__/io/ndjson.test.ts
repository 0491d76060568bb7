// The streaming NDJSON reader on every kind of bad input: malformed lines, CRLF, a BOM, blank lines,
// truncated last lines, empty files, invalid UTF-8, lines over the cap (within one chunk and across many,
// never buffered), gzip (good, truncated, not gzip at all), missing files, and any chunking whatsoever.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { LineSplitter, ndjsonFileSource, readNdjson, type ByteSource, type NdjsonRecord } from '../../src/io/ndjson.js'

const dir = mkdtempSync(path.join(tmpdir(), 'rl-ndjson-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * Bytes served in chunks of the given sizes (the last size repeats), all through one scratch buffer that
 * is overwritten for the next chunk and scribbled over after it, as ndjsonFileSource reuses its buffer:
 * the reader must be done with a chunk, or have copied what it keeps, before pulling the next.
 */
async function* chunked(bytes: Buffer, sizes: number[] = [bytes.length || 1]): AsyncGenerator<Uint8Array> {
  const scratch = Buffer.alloc(Math.max(1, bytes.length))
  let pos = 0
  let i = 0
  while (pos < bytes.length) {
    const size = Math.max(1, sizes[Math.min(i++, sizes.length - 1)] ?? 1)
    const piece = bytes.subarray(pos, pos + size)
    piece.copy(scratch)
    yield scratch.subarray(0, piece.length)
    scratch.fill(0x7e)
    pos += size
  }
}

async function all(source: ByteSource, maxLineBytes?: number): Promise<NdjsonRecord[]> {
  const out: NdjsonRecord[] = []
  for await (const record of readNdjson(source, maxLineBytes === undefined ? {} : { maxLineBytes })) out.push(record)
  return out
}

const read = (text: string | Buffer, sizes?: number[], maxLineBytes?: number) => all(chunked(Buffer.isBuffer(text) ? text : Buffer.from(text), sizes), maxLineBytes)

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name)
  writeFileSync(p, content)
  return p
}

describe('readNdjson', () => {
  it('yields one value per line with 1-based line numbers', async () => {
    expect(await read('{"a":1}\n{"b":[2]}\n"text"\n')).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { b: [2] } },
      { line: 3, value: 'text' }
    ])
  })

  it('reads nothing from an empty file and skips blank lines, still counting them', async () => {
    expect(await read('')).toEqual([])
    expect(await read('\n\n   \n')).toEqual([])
    expect(await read('{"a":1}\n\n  \t\n{"a":2}\n')).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 4, value: { a: 2 } }
    ])
  })

  it('reports a malformed line with its number and carries on', async () => {
    const records = await read('{"a":1}\n{"a":\n{"a":3}\nnot json\n{"a":5}\n')
    expect(records.map((r) => [r.line, r.value ?? null])).toEqual([
      [1, { a: 1 }],
      [2, null],
      [3, { a: 3 }],
      [4, null],
      [5, { a: 5 }]
    ])
    expect(records[1]?.problem).toMatch(/^invalid JSON: /)
    expect(records[3]?.problem).toMatch(/^invalid JSON: /)
    expect(records.every((r) => r.fatal === undefined)).toBe(true)
  })

  it('reads CRLF line endings and strips a UTF-8 BOM', async () => {
    expect(await read('\uFEFF{"a":1}\r\n{"b":"x\\r"}\r\n')).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { b: 'x\r' } }
    ])
  })

  it('reads a last line without a line break, and says so when it is cut off', async () => {
    expect(await read('{"a":1}\n{"a":2}')).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { a: 2 } }
    ])
    const cut = await read('{"a":1}\n{"a":2,"content":"half')
    expect(cut[1]).toEqual({ line: 2, problem: expect.stringMatching(/^truncated last line \(no line break at the end of the file\); invalid JSON/) })
  })

  it('reads invalid UTF-8 as U+FFFD and reports the line', async () => {
    const bytes = Buffer.concat([Buffer.from('{"a":"ok"}\n{"a":"b'), Buffer.from([0xff, 0xfe]), Buffer.from('d"}\n{"a":"é"}\n')])
    const records = await read(bytes)
    expect(records[0]).toEqual({ line: 1, value: { a: 'ok' } })
    expect(records[1]).toEqual({ line: 2, value: { a: 'b\uFFFD\uFFFDd' }, problem: 'invalid UTF-8: the bad bytes were read as U+FFFD' })
    expect(records[2]).toEqual({ line: 3, value: { a: 'é' } })
  })

  it('reports a line over the cap inside one chunk and reads the next', async () => {
    const long = JSON.stringify({ content: 'x'.repeat(200) })
    const records = await read(`{"a":1}\n${long}\n{"a":3}\n`, undefined, 100)
    expect(records).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, problem: 'line longer than 100 bytes (the limit); skipped' },
      { line: 3, value: { a: 3 } }
    ])
  })

  it('accepts a line of exactly the cap, CR not counted', async () => {
    const line = JSON.stringify({ c: 'y'.repeat(50) })
    const records = await read(`${line}\r\n`, [7], line.length)
    expect(records).toEqual([{ line: 1, value: { c: 'y'.repeat(50) } }])
  })

  it('reports a line over the cap that spans many chunks once, and resynchronises on the next line', async () => {
    const long = JSON.stringify({ content: 'z'.repeat(5000) })
    const text = `{"a":1}\n${long}\n{"a":3}\n${long}`
    for (const sizes of [[1], [3], [64], [1000], [4096]]) {
      const records = await read(text, sizes, 1024)
      expect(records).toEqual([
        { line: 1, value: { a: 1 } },
        { line: 2, problem: 'line longer than 1 KiB (the limit); skipped' },
        { line: 3, value: { a: 3 } },
        { line: 4, problem: 'line longer than 1 KiB (the limit); skipped' }
      ])
    }
  })

  it('never buffers an oversized line: 256 MiB without a line break costs no memory', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x61)
    async function* huge(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('{"a":1}\n{"content":"')
      for (let i = 0; i < 256; i++) yield chunk
      yield Buffer.from('"}\n{"a":3}\n')
    }
    const before = process.memoryUsage().arrayBuffers
    let peak = before
    const records: NdjsonRecord[] = []
    for await (const r of readNdjson(huge(), { maxLineBytes: 8 * 1024 * 1024 })) {
      records.push(r)
      peak = Math.max(peak, process.memoryUsage().arrayBuffers)
    }
    expect(records).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, problem: 'line longer than 8 MiB (the limit); skipped' },
      { line: 3, value: { a: 3 } }
    ])
    expect(peak - before).toBeLessThan(32 * 1024 * 1024)
  })

  it('gives the same records however the bytes are chunked', async () => {
    const lineArb = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 20 }),
      fc.constant(''),
      fc.constant('{"broken":')
    )
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { maxLength: 15 }), fc.boolean(), fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 8 }), async (lines, crlf, sizes) => {
        const text = lines.map((l) => l.replace(/[\r\n]/g, ' ')).join(crlf ? '\r\n' : '\n')
        expect(await read(text, sizes, 64)).toEqual(await read(text, undefined, 64))
      }),
      { numRuns: 200 }
    )
  })

  it('accepts Uint8Array chunks that are not Buffers', async () => {
    async function* plain(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('{"a":')
      yield new TextEncoder().encode('1}\n')
    }
    expect(await all(plain())).toEqual([{ line: 1, value: { a: 1 } }])
  })

  it('ends with a fatal record when the source fails, after what it read', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('{"a":1}\n{"a":2}\n{"a":')
      throw new Error('EIO: i/o error')
    }
    expect(await all(failing())).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { a: 2 } },
      { line: 3, problem: 'reading stopped: EIO: i/o error', fatal: true }
    ])
  })
})

describe('LineSplitter', () => {
  it('copies only the line that straddles two chunks', () => {
    const splitter = new LineSplitter(1024)
    const first = Buffer.from('{"a":1}\n{"b"')
    const segments = [...splitter.push(first)]
    expect(segments).toEqual([{ kind: 'lines', bytes: first, start: 0, end: 8, unterminated: false }])
    // The source may now reuse its buffer: the held tail must not change with it.
    first.fill(0x20)
    const next = [...splitter.push(Buffer.from(':2}\n{"c":3}\n'))]
    expect(next.map((s) => (s.kind === 'lines' ? s.bytes.toString('utf8', s.start, s.end) : s.kind))).toEqual(['{"b":2}\n', '{"c":3}\n'])
    expect([...splitter.end()]).toEqual([])
  })
})

describe('ndjsonFileSource', () => {
  const lines = Array.from({ length: 500 }, (_, i) => JSON.stringify({ i, content: `event ${i} ${'·'.repeat(i % 37)}` }))
  const text = `${lines.join('\n')}\n`

  it('reads a plain file in chunks of a reused buffer', async () => {
    const records = await all(ndjsonFileSource(file('plain.ndjson', text), { chunkBytes: 97 }))
    expect(records).toHaveLength(500)
    expect(records[499]).toEqual({ line: 500, value: { i: 499, content: `event 499 ${'·'.repeat(499 % 37)}` } })
    expect(records.every((r) => r.problem === undefined)).toBe(true)
  })

  it('gunzips .ndjson.gz, CRLF included', async () => {
    const records = await all(ndjsonFileSource(file('mission.ndjson.gz', gzipSync(text.replace(/\n/g, '\r\n')))))
    expect(records).toHaveLength(500)
    expect(records[10]).toEqual({ line: 11, value: { i: 10, content: `event 10 ${'·'.repeat(10)}` } })
  })

  it('reads a truncated .gz up to where it breaks, then reports it', async () => {
    const gz = gzipSync(text)
    const records = await all(ndjsonFileSource(file('cut.ndjson.gz', gz.subarray(0, Math.floor(gz.length / 2)))))
    const last = records[records.length - 1]
    expect(last?.fatal).toBe(true)
    expect(last?.problem).toMatch(/^reading stopped: .*unexpected end of file/i)
    // Everything before the break was read, in order.
    const good = records.filter((r) => r.value !== undefined)
    expect(good.length).toBeGreaterThan(0)
    good.forEach((r, i) => expect(r).toEqual({ line: i + 1, value: JSON.parse(lines[i] ?? '') }))
  })

  it('reports a .gz that is not gzip at line 1', async () => {
    expect(await all(ndjsonFileSource(file('fake.ndjson.gz', text)))).toEqual([{ line: 1, problem: expect.stringMatching(/^reading stopped: .*incorrect header check/), fatal: true }])
  })

  it('reports a missing file instead of throwing', async () => {
    expect(await all(ndjsonFileSource(path.join(dir, 'nope.ndjson')))).toEqual([{ line: 1, problem: expect.stringMatching(/^reading stopped: ENOENT/), fatal: true }])
  })

  it('reads an empty file and an empty .gz as nothing', async () => {
    expect(await all(ndjsonFileSource(file('empty.ndjson', '')))).toEqual([])
    expect(await all(ndjsonFileSource(file('empty.ndjson.gz', gzipSync(''))))).toEqual([])
  })
})
