// The sampling pass: a transcript's period from its first event (else its path), its agent, and whether
// some event's notes flag it — found by a byte search, across chunk boundaries, ignoring notes that only
// appear inside other text, and stopping as soon as the answer is known.
import { describe, expect, it } from '@jest/globals'
import { defaultAuditConfig } from '../../src/config/audit.js'
import type { ScanOptions } from '../../src/audit/scan.js'
import { scanTranscriptBytes as scanTranscript } from '../../src/io/transcript-scan.js'

const FIELDS = defaultAuditConfig().fields

/** Serves the text in chunks of `size` bytes and counts how many were pulled. */
function source(text: string, size = 1 << 20) {
  const bytes = Buffer.from(text)
  const counter = { pulled: 0 }
  async function* gen(): AsyncGenerator<Uint8Array> {
    for (let pos = 0; pos < bytes.length; pos += size) {
      counter.pulled++
      yield bytes.subarray(pos, pos + size)
    }
  }
  return { gen: gen(), counter }
}

const options = (extra: Partial<ScanOptions> = {}): ScanOptions => ({
  path: 'logs/missions/m.ndjson',
  fields: FIELDS,
  maxLineBytes: 1 << 20,
  period: '2026-10',
  flagged: /error|policy/i,
  ...extra
})

const line = (data: Record<string, unknown>) => `${JSON.stringify(data)}\n`
const filler = (n: number) => Array.from({ length: n }, (_, i) => line({ ts: '2026-10-02T08:00:00Z', type: 'assistant', content: `step ${i} ${'x'.repeat(40)}` })).join('')

describe('scanTranscript', () => {
  it('dates a transcript by its first event and reads its agent there', async () => {
    const text = line({ ts: '2026-10-02T08:14:09Z', agent: 'support-v7', type: 'system' }) + filler(3)
    expect(await scanTranscript(source(text).gen, options({ flagged: undefined }))).toEqual({
      date: { period: '2026-10', day: '2026-10-02' },
      dateFrom: 'event',
      agent: 'support-v7',
      flagged: false
    })
  })

  it('skips malformed and blank lines, and a BOM, to reach the first event', async () => {
    const text = `\uFEFF\n{"broken\n${line({ ts: '2026-11-09T16:04:02Z' })}`
    expect((await scanTranscript(source(text).gen, options())).date).toEqual({ period: '2026-11', day: '2026-11-09' })
  })

  it('falls back to a date in the path, and otherwise has no period', async () => {
    const text = line({ type: 'system', content: 'no timestamp' })
    expect(await scanTranscript(source(text).gen, options({ path: 'logs/missions/2026-10/m.ndjson', flagged: undefined }))).toEqual({
      date: { period: '2026-10' },
      dateFrom: 'path',
      flagged: false
    })
    expect(await scanTranscript(source(text).gen, options())).toEqual({ flagged: false })
    expect(await scanTranscript(source('').gen, options({ path: 'logs/2026-10-03.ndjson' }))).toEqual({ date: { period: '2026-10', day: '2026-10-03' }, dateFrom: 'path', flagged: false })
  })

  it('finds flagged notes anywhere, whatever the chunking, and stops reading there', async () => {
    const text = filler(200) + line({ type: 'tool_result', notes: 'error: tool timeout' }) + filler(200)
    for (const size of [5, 64, 333, 4096, 1 << 20]) {
      const s = source(text, size)
      expect((await scanTranscript(s.gen, options())).flagged).toBe(true)
      if (size === 64) expect(s.counter.pulled).toBeLessThan(Math.ceil(Buffer.byteLength(text) / 64))
    }
  })

  it('is not fooled by the word notes inside other text, or by notes that do not match', async () => {
    const text =
      filler(2) +
      line({ type: 'assistant', content: 'my "notes": error policy' }) +
      line({ type: 'assistant', content: 'x', notes: 'tone: curt' }) +
      line({ type: 'assistant', content: 'x', notes: null }) +
      line({ type: 'assistant', footnotes: 'error: a key that only ends in notes' }) +
      `{"notes": "error: but the line is broken"\n`
    expect((await scanTranscript(source(text, 7).gen, options())).flagged).toBe(false)
  })

  it('reads a renamed notes field', async () => {
    const text = filler(2) + line({ flags: 'policy violation: disclosed an order' })
    expect((await scanTranscript(source(text).gen, options())).flagged).toBe(false)
    expect((await scanTranscript(source(text).gen, options({ fields: { ...FIELDS, notes: 'flags' } }))).flagged).toBe(true)
  })

  it('does not read past the first event of a transcript from another period', async () => {
    const text = line({ ts: '2026-09-22T14:04:51Z' }) + filler(100) + line({ notes: 'error: x' })
    const s = source(text, 64)
    expect(await scanTranscript(s.gen, options())).toMatchObject({ date: { period: '2026-09' }, flagged: false })
    expect(s.counter.pulled).toBeLessThanOrEqual(2)
  })

  it('flags a transcript from its first event too', async () => {
    expect((await scanTranscript(source(line({ ts: '2026-10-01T00:00:00Z', notes: 'Policy violation' })).gen, options())).flagged).toBe(true)
  })
})
