import { isReadFailure, readContents, readPostmortems, READ_CONCURRENCY } from '../../src/postmortem/read.js'
import { DEFAULT_PARSE_OPTIONS } from '../../src/postmortem/parse.js'

const DOC = '# Incident PM-3: x\n\n- Severity: SEV-2\n\n## Timeline\n\n- 2026-10-14 09:00 UTC start\n'

/** A reader over memory that answers out of order and records how many reads were in flight at once. */
function slowReader(files: Record<string, string>) {
  let inFlight = 0
  const seen = { maxInFlight: 0, reads: 0 }
  const read = async (path: string): Promise<Uint8Array> => {
    inFlight++
    seen.reads++
    seen.maxInFlight = Math.max(seen.maxInFlight, inFlight)
    await new Promise((resolve) => setTimeout(resolve, (path.length * 7) % 5))
    inFlight--
    const text = files[path]
    if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' })
    return new TextEncoder().encode(text)
  }
  return { read, seen }
}

describe('readPostmortems', () => {
  it('parses every path, in the order given, with the parse options', async () => {
    const files = { 'b.md': DOC, 'a.md': DOC.replace('PM-3', 'PM-4') }
    const { read } = slowReader(files)
    const out = await readPostmortems(['b.md', 'a.md'], read, { parse: { ...DEFAULT_PARSE_OPTIONS, severityLevels: ['SEV-1', 'SEV-2'] } })
    expect(out.map((r) => r.path)).toEqual(['b.md', 'a.md'])
    expect(out.map((r) => (isReadFailure(r) ? r.problem : r.postmortem.title?.id))).toEqual(['3', '4'])
    expect(out.every((r) => !isReadFailure(r) && r.content === undefined)).toBe(true)
  })

  it('turns a file that cannot be read into a failure without the error code, and reads the rest', async () => {
    const { read } = slowReader({ 'a.md': DOC })
    const out = await readPostmortems(['gone.md', 'a.md'], read)
    expect(out[0]).toEqual({ path: 'gone.md', problem: "no such file or directory, open 'gone.md'" })
    expect(isReadFailure(out[1] as never)).toBe(false)
  })

  it('keeps the content when asked (sync writes back to the exact bytes)', async () => {
    const { read } = slowReader({ 'a.md': DOC })
    const [got] = await readPostmortems(['a.md'], read, { keepContent: true })
    expect(got && !isReadFailure(got) && new TextDecoder().decode(got.content as Uint8Array)).toBe(DOC)
  })

  it('accepts text as well as bytes (a git base revision is read as text)', async () => {
    const [got] = await readPostmortems(['a.md'], async () => DOC)
    expect(got && !isReadFailure(got) && got.postmortem.timeline).toHaveLength(1)
  })
})

describe('readContents', () => {
  it.each([
    ['READ_CONCURRENCY by default', undefined, READ_CONCURRENCY],
    ['the concurrency asked for', 3, 3]
  ])('keeps at most %s reads in flight', async (_name, concurrency, max) => {
    const files = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`pm-${i}.md`, DOC]))
    const { read, seen } = slowReader(files)
    const out = await readContents(Object.keys(files), read, concurrency === undefined ? {} : { concurrency })
    expect(seen.reads).toBe(200)
    expect(seen.maxInFlight).toBe(max)
    expect(out.map((r) => r.path)).toEqual(Object.keys(files))
  })
})
