import { describe, expect, it } from '@jest/globals'
import { runLint } from '../../src/modes/lint.js'
import type { Config } from '../../src/config/types.js'
import type { FileStat, LintAdapters, LintCacheStore } from '../../src/lint/adapters.js'
import type { LintExecutor } from '../../src/lint/executor.js'
import { loadConfig } from '../../src/config/load.js'

const GOOD = `# Incident PM-7: Planner agent retried a refund twice

- Date: 2026-10-14
- Severity: Sev3
- Owners: @maria.chen

## Summary
The planner issued a duplicate refund.

## Timeline
- 2026-10-14 09:02 UTC — Alert fired.
- 2026-10-14 09:30 UTC — Rolled back.

## Root Cause
Missing idempotency key on the refund tool.

## Customer Impact
Two customers were refunded twice.

## Action Items
- [ ] Add an idempotency key to the refund tool :: @maria.chen :: 2026-12-15
`

function config(): Config {
  return loadConfig({ root: '/repo', readFile: () => undefined })
}

const NOW = new Date('2026-11-27T12:00:00Z')

/** Metadata for a file last written `ageMs` before NOW. */
function statOf(text: string, ageMs: number, ino = 1): FileStat {
  const mtimeMs = NOW.getTime() - ageMs
  return { size: new TextEncoder().encode(text).length, mtimeMs, ctimeMs: mtimeMs, ino }
}

function memoryRepo(files: Record<string, string>, existing: string[] = [], stats?: Record<string, FileStat>) {
  const encoder = new TextEncoder()
  const reads: string[] = []
  const adapters: LintAdapters = {
    files: {
      glob: async (patterns) =>
        Object.keys(files).filter((p) => patterns.some((g) => g === p || (g.endsWith('PM-*.md') && /(^|\/)PM-[^/]*\.md$/.test(p)))),
      read: async (path) => {
        reads.push(path)
        const text = files[path]
        if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`)
        return encoder.encode(text)
      },
      exists: (path) => existing.includes(path) || path in files,
      ...(stats && { stat: (path: string) => stats[path] })
    },
    now: () => NOW
  }
  return { adapters, reads }
}

function memoryCache(): LintCacheStore & { data: unknown; saves: number } {
  const store = {
    data: undefined as unknown,
    saves: 0,
    load: async () => store.data,
    save: async (data: unknown) => {
      store.data = JSON.parse(JSON.stringify(data))
      store.saves++
    }
  }
  return store
}

describe('runLint', () => {
  it('lints the configured globs and counts files, errors and warnings', async () => {
    const { adapters } = memoryRepo({
      'docs/postmortems/PM-7.md': GOOD,
      'docs/postmortems/PM-8.md': GOOD.replace('PM-7', 'PM-8').replace('- Severity: Sev3\n', '')
    })
    const result = await runLint(config(), {}, adapters)
    expect(result.files).toEqual(['docs/postmortems/PM-7.md', 'docs/postmortems/PM-8.md'])
    expect(result.findings.filter((f) => f.path.endsWith('PM-7.md'))).toEqual([])
    expect(result.findings).toContainEqual(
      expect.objectContaining({ path: 'docs/postmortems/PM-8.md', rule: 'PM002', severity: 'error', line: expect.any(Number) })
    )
    expect(result.summary).toEqual({ files: 2, errors: result.findings.filter((f) => f.severity === 'error').length, warnings: result.findings.filter((f) => f.severity === 'warning').length })
  })

  it('reports duplicate ids across files (a project rule) unless the file silences it', async () => {
    const { adapters } = memoryRepo({
      'docs/postmortems/PM-7.md': GOOD,
      'docs/postmortems/a/PM-7.md': GOOD
    })
    const result = await runLint(config(), {}, adapters)
    expect(result.findings.filter((f) => f.rule === 'PM011').map((f) => f.path)).toEqual(['docs/postmortems/PM-7.md', 'docs/postmortems/a/PM-7.md'])

    const silenced = memoryRepo({
      'docs/postmortems/PM-7.md': GOOD,
      'docs/postmortems/a/PM-7.md': `<!-- reliability-loop-disable PM011 -->\n${GOOD}`
    })
    const again = await runLint(config(), {}, silenced.adapters)
    expect(again.findings.filter((f) => f.rule === 'PM011').map((f) => f.path)).toEqual(['docs/postmortems/PM-7.md'])
  })

  it('turns an unreadable file into a PM000 finding and still lints the others', async () => {
    const { adapters } = memoryRepo({ 'docs/postmortems/PM-7.md': GOOD })
    adapters.files.glob = async () => ['docs/postmortems/PM-7.md', 'docs/postmortems/PM-9.md']
    const result = await runLint(config(), {}, adapters)
    expect(result.findings).toEqual([
      expect.objectContaining({ path: 'docs/postmortems/PM-9.md', rule: 'PM000', severity: 'error', message: expect.stringContaining('Cannot read the file') })
    ])
  })

  it('answers unchanged files from the cache and re-lints changed ones', async () => {
    const files = { 'docs/postmortems/PM-7.md': GOOD, 'docs/postmortems/PM-8.md': GOOD.replace(/PM-7/g, 'PM-8') }
    const cache = memoryCache()
    const first = memoryRepo(files)
    const cold = await runLint(config(), {}, { ...first.adapters, cache })
    expect(cold.cacheHits).toBe(0)
    expect(cache.saves).toBe(1)

    const second = memoryRepo(files)
    const linted: string[] = []
    const spy: LintExecutor = {
      run: async (jobs, cfg, today, onResult) => {
        linted.push(...jobs.map((j) => j.path))
        const { inProcessExecutor } = await import('../../src/lint/executor.js')
        return inProcessExecutor(second.adapters.files.exists).run(jobs, cfg, today, onResult)
      }
    }
    const warm = await runLint(config(), {}, { ...second.adapters, cache, executor: spy })
    expect(warm.cacheHits).toBe(2)
    expect(linted).toEqual([])
    expect(warm.findings).toEqual(cold.findings)
    expect(cache.saves).toBe(1)

    const changed = memoryRepo({ ...files, 'docs/postmortems/PM-8.md': files['docs/postmortems/PM-8.md'].replace('- Severity: Sev3\n', '') })
    const after = await runLint(config(), {}, { ...changed.adapters, cache, executor: { run: (jobs, c, t, cb) => { linted.push(...jobs.map((j) => j.path)); return spy.run(jobs, c, t, cb) } } })
    expect(after.cacheHits).toBe(1)
    expect(linted).toContain('docs/postmortems/PM-8.md')
    expect(after.findings.some((f) => f.rule === 'PM002')).toBe(true)
  })

  it('does not trust a cached result once a linked NDJSON file appears or disappears', async () => {
    const sev2 = GOOD.replace('Sev3', 'Sev2').replace(
      '- Owners: @maria.chen',
      '- Owners: @maria.chen\n- Traces: https://traces.example.com/t/1\n- NDJSON: logs/missions/m1.ndjson\n- PagerDuty: https://acme.pagerduty.com/incidents/Q1ABCD2EFGHIJK'
    )
    const cache = memoryCache()
    const missing = await runLint(config(), {}, { ...memoryRepo({ 'docs/postmortems/PM-7.md': sev2 }).adapters, cache })
    expect(missing.findings.map((f) => f.rule)).toContain('PM006')
    const present = await runLint(config(), {}, { ...memoryRepo({ 'docs/postmortems/PM-7.md': sev2 }, ['logs/missions/m1.ndjson']).adapters, cache })
    expect(present.cacheHits).toBe(0)
    expect(present.findings.map((f) => f.rule)).not.toContain('PM006')
  })

  it('starts afresh when the configuration changes and ignores a corrupt cache', async () => {
    const cache = memoryCache()
    const files = { 'docs/postmortems/PM-7.md': GOOD }
    await runLint(config(), {}, { ...memoryRepo(files).adapters, cache })
    const changedConfig = config()
    changedConfig.lint.rules = { PM005: 'error' }
    const rerun = await runLint(changedConfig, {}, { ...memoryRepo(files).adapters, cache })
    expect(rerun.cacheHits).toBe(0)

    cache.data = { format: 1, key: 'x', entries: 'not an object' }
    const corrupt = await runLint(config(), {}, { ...memoryRepo(files).adapters, cache })
    expect(corrupt.cacheHits).toBe(0)
    expect(corrupt.findings).toEqual([])
  })

  it('keeps other files cached when linting only some paths', async () => {
    const cache = memoryCache()
    const files = { 'docs/postmortems/PM-7.md': GOOD, 'docs/postmortems/PM-8.md': GOOD.replace(/PM-7/g, 'PM-8') }
    await runLint(config(), {}, { ...memoryRepo(files).adapters, cache })
    await runLint(config(), { paths: ['docs/postmortems/PM-7.md'] }, { ...memoryRepo(files).adapters, cache })
    const full = await runLint(config(), {}, { ...memoryRepo(files).adapters, cache })
    expect(full.cacheHits).toBe(2)
  })

  it('checks asked-for files for duplicate ids against every configured postmortem, reporting only those files', async () => {
    const { adapters } = memoryRepo({
      'docs/postmortems/PM-7.md': GOOD,
      'drafts/PM-7.md': GOOD.replace('- Severity: Sev3\n', '')
    })
    const result = await runLint(config(), { paths: ['drafts/PM-7.md'] }, adapters)
    expect(result.files).toEqual(['drafts/PM-7.md'])
    expect(result.summary.files).toBe(1)
    expect(new Set(result.findings.map((f) => f.path))).toEqual(new Set(['drafts/PM-7.md']))
    expect(result.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['PM002', 'PM011']))
  })

  it('reports progress up to the total', async () => {
    const { adapters } = memoryRepo({ 'docs/postmortems/PM-7.md': GOOD, 'docs/postmortems/PM-8.md': GOOD.replace(/PM-7/g, 'PM-8') })
    const seen: string[] = []
    await runLint(config(), {}, { ...adapters, onProgress: (p) => seen.push(`${p.done}/${p.total}`) })
    expect(seen[0]).toBe('0/2')
    expect(seen.at(-1)).toBe('2/2')
  })

  describe('cache by metadata', () => {
    const PATH = 'docs/postmortems/PM-7.md'
    const noSeverity = GOOD.replace('- Severity: Sev3\n', '- Severity: xxxx\n')

    it('answers a file whose size, mtime, ctime and inode are unchanged without reading it', async () => {
      const cache = memoryCache()
      const stats = { [PATH]: statOf(GOOD, 60_000) }
      await runLint(config(), {}, { ...memoryRepo({ [PATH]: GOOD }, [], stats).adapters, cache })
      const warm = memoryRepo({ [PATH]: GOOD }, [], stats)
      const result = await runLint(config(), {}, { ...warm.adapters, cache })
      expect(warm.reads).toEqual([])
      expect(result.cacheHits).toBe(1)
      expect(result.findings).toEqual([])
      expect(cache.saves).toBe(1)
    })

    it('re-lints a file edited within the racy window even when its size and timestamps did not change', async () => {
      expect(noSeverity.length).toBe(GOOD.length)
      const cache = memoryCache()
      // Written 0.5 s before the run that hashed it: a second write in the same timestamp tick would not show.
      const stats = { [PATH]: statOf(GOOD, 500) }
      await runLint(config(), {}, { ...memoryRepo({ [PATH]: GOOD }, [], stats).adapters, cache })
      const edited = memoryRepo({ [PATH]: noSeverity }, [], stats)
      const result = await runLint(config(), {}, { ...edited.adapters, cache })
      expect(edited.reads).toEqual([PATH])
      expect(result.cacheHits).toBe(0)
      expect(result.findings.map((f) => f.rule)).toContain('PM003')
    })

    it('reads a file whose metadata changed, and keeps the cached result when the content is the same', async () => {
      const cache = memoryCache()
      await runLint(config(), {}, { ...memoryRepo({ [PATH]: GOOD }, [], { [PATH]: statOf(GOOD, 60_000) }).adapters, cache })
      const touched = { [PATH]: statOf(GOOD, 30_000) }
      const linted: string[] = []
      const spy: LintExecutor = { run: async (jobs) => void linted.push(...jobs.map((j) => j.path)) }
      const again = memoryRepo({ [PATH]: GOOD }, [], touched)
      const result = await runLint(config(), {}, { ...again.adapters, cache, executor: spy })
      expect([again.reads, linted, result.cacheHits]).toEqual([[PATH], [], 1])
      // The new metadata is recorded: the next run does not read the file.
      const third = memoryRepo({ [PATH]: GOOD }, [], touched)
      await runLint(config(), {}, { ...third.adapters, cache, executor: spy })
      expect(third.reads).toEqual([])
    })

    it.each([
      ['size', (s: FileStat): FileStat => ({ ...s, size: s.size + 1 })],
      ['inode (replaced by a rename)', (s: FileStat): FileStat => ({ ...s, ino: s.ino + 1 })],
      ['ctime (mtime set back by a tool)', (s: FileStat): FileStat => ({ ...s, ctimeMs: s.ctimeMs + 1 })]
    ])('re-lints a file whose %s changed', async (_what, change) => {
      const cache = memoryCache()
      const before = statOf(GOOD, 60_000)
      await runLint(config(), {}, { ...memoryRepo({ [PATH]: GOOD }, [], { [PATH]: before }).adapters, cache })
      const edited = memoryRepo({ [PATH]: noSeverity }, [], { [PATH]: change(before) })
      const result = await runLint(config(), {}, { ...edited.adapters, cache })
      expect(result.findings.map((f) => f.rule)).toContain('PM003')
    })

    it('still checks the paths a cached result probed', async () => {
      const sev2 = GOOD.replace('Sev3', 'Sev2').replace(
        '- Owners: @maria.chen',
        '- Owners: @maria.chen\n- Traces: https://traces.example.com/t/1\n- NDJSON: logs/missions/m1.ndjson\n- PagerDuty: https://acme.pagerduty.com/incidents/Q1ABCD2EFGHIJK'
      )
      const cache = memoryCache()
      const stats = { [PATH]: statOf(sev2, 60_000) }
      await runLint(config(), {}, { ...memoryRepo({ [PATH]: sev2 }, [], stats).adapters, cache })
      const present = await runLint(config(), {}, { ...memoryRepo({ [PATH]: sev2 }, ['logs/missions/m1.ndjson'], stats).adapters, cache })
      expect(present.cacheHits).toBe(0)
      expect(present.findings.map((f) => f.rule)).not.toContain('PM006')
    })

    it('never caches a result that depends on the machine', async () => {
      const cache = memoryCache()
      const transient: LintExecutor = {
        run: async (jobs, _c, _t, onResult) => {
          for (const job of jobs) onResult({ path: job.path, findings: [], digest: { path: job.path, line: 1, column: 1, disabledRules: [] }, probes: {}, transient: true })
        }
      }
      await runLint(config(), {}, { ...memoryRepo({ [PATH]: GOOD }, [], { [PATH]: statOf(GOOD, 60_000) }).adapters, cache, executor: transient })
      const again = await runLint(config(), {}, { ...memoryRepo({ [PATH]: GOOD }, [], { [PATH]: statOf(GOOD, 60_000) }).adapters, cache })
      expect(again.cacheHits).toBe(0)
    })
  })
})
