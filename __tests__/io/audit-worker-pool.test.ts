// The audit's work on worker threads, with the real worker bundle (dist/audit-worker.js): the same
// results as in-process, in the order of the paths, for the scan and for a rules-only read.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readSampled } from '../../src/audit/read-sampled.js'
import { compileRules } from '../../src/audit/rules-scorer.js'
import { defaultAuditConfig } from '../../src/config/audit.js'
import { auditWorkerPool, MIN_TRANSCRIPTS_TO_SCAN_ON_WORKERS } from '../../src/io/audit-worker-pool.js'
import { ndjsonFileSource } from '../../src/io/ndjson.js'
import { transcriptLines } from '../../src/io/transcript-lines.js'
import { scanTranscriptBytes } from '../../src/io/transcript-scan.js'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const WORKER = path.join(REPO, 'dist/audit-worker.js')
const CONFIG = defaultAuditConfig()
const ev = (data: Record<string, unknown>) => `${JSON.stringify(data)}\n`

let root: string
const paths: string[] = []

function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => Math.max(n, e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs), 0)
}

beforeAll(() => {
  if (!existsSync(WORKER) || statSync(WORKER).mtimeMs < newest(path.join(REPO, 'src'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'pipe' })
  root = mkdtempSync(path.join(tmpdir(), 'rl-audit-pool-'))
  for (let i = 0; i < MIN_TRANSCRIPTS_TO_SCAN_ON_WORKERS + 37; i++) {
    const month = i % 10 === 0 ? '09' : '10'
    const rel = `logs/${i % 7}/m-${i}.ndjson`
    const notes = i % 13 === 0 ? 'policy violation: x' : i % 17 === 0 ? 'error: y' : i % 19 === 0 ? 'tone: curt' : undefined
    const text =
      ev({ ts: `2026-${month}-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`, type: 'system', agent: `a${i % 3}` }) +
      ev({ type: 'user', content: `question ${i}` }) +
      (i % 101 === 0 ? '{"broken\n' : '') +
      ev({ type: 'assistant', content: `answer ${i}`, ...(notes && { notes }) })
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    writeFileSync(path.join(root, rel), text)
    paths.push(rel)
  }
}, 120_000)
afterAll(() => rmSync(root, { recursive: true, force: true }))

const source = (rel: string) => ndjsonFileSource(path.join(root, rel))

describe('auditWorkerPool', () => {
  it('scans on the workers and this thread exactly as in-process, in order', async () => {
    const pool = auditWorkerPool(root, { script: new URL(`file://${WORKER}`), cores: 3 })
    const request = { paths, fields: CONFIG.fields, maxLineBytes: CONFIG.maxLineBytes, period: '2026-10', flagged: /error|policy/i }
    let progress = 0
    const results = await pool.scan(request, (done) => (progress = done))
    const expected = await Promise.all(paths.map((p) => scanTranscriptBytes(source(p), { ...request, path: p })))
    expect(results).toEqual(expected)
    expect(progress).toBe(paths.length)
    expect(expected.filter((r) => r.flagged).length).toBeGreaterThan(100)
  })

  it('reads a rules-only sample exactly as in-process, in order', async () => {
    const pool = auditWorkerPool(root, { script: new URL(`file://${WORKER}`), cores: 2 })
    const sample = paths.slice(0, 240)
    const rules = compileRules(CONFIG.rubric.dimensions, CONFIG.fields)
    const results = await pool.read({ paths: sample, fields: CONFIG.fields, maxLineBytes: CONFIG.maxLineBytes, rules: CONFIG.rubric.dimensions })
    const expected = await Promise.all(sample.map((p) => readSampled(transcriptLines(source(p), CONFIG.maxLineBytes), { fields: CONFIG.fields, rules })))
    expect(results).toEqual(expected)
    expect(expected.some((r) => r.malformed.length > 0)).toBe(true)
  })

  it('leaves small runs, one core, or a missing worker bundle to in-process work', async () => {
    const request = { paths: paths.slice(0, 10), fields: CONFIG.fields, maxLineBytes: CONFIG.maxLineBytes, period: '2026-10' }
    expect(await auditWorkerPool(root, { script: new URL(`file://${WORKER}`), cores: 4 }).scan(request)).toBeUndefined()
    expect(await auditWorkerPool(root, { script: new URL(`file://${WORKER}`), cores: 1 }).scan({ ...request, paths })).toBeUndefined()
    expect(await auditWorkerPool(root).scan({ ...request, paths })).toBeUndefined()
  })
})
