// The export's audit files made into rows on worker threads, with the real worker bundle
// (dist/export-audit-worker.js): the same parts, in the same order, as the export makes on its own thread,
// in both load formats; a file the workers cannot read fails its parts with the reason; workers that run
// ahead wait for the export instead of piling parts up.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { AuditDimension } from '../../src/config/types.js'
import { AUDIT_RECORDS_PER_PART, auditRowMaker } from '../../src/export/rows.js'
import { TABLES } from '../../src/export/tables.js'
import type { RowEncoding } from '../../src/export/warehouse.js'
import { auditLinesOf } from '../../src/io/export-audit-lines.js'
import { auditPartsOnWorkers } from '../../src/io/export-audit-pool.js'
import { encodeRows } from '../../src/io/row-encoding.js'
import type { EncodedAuditPart } from '../../src/modes/export.js'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const WORKER = path.join(REPO, 'dist/export-audit-worker.js')
const DIMENSIONS: AuditDimension[] = [
  { name: 'accuracy', description: '', scale: '1-5', threshold: 4, scorer: 'rules', rules: [] },
  { name: 'policy_adherence', description: '', scale: '0-1', threshold: 1, scorer: 'rules', rules: [] }
]
const COLUMNS = TABLES.find((t) => t.name === 'audit_scores')!.columns.map((c) => c.name)
const FILES = ['reliability/audits/2026-09.ndjson', 'reliability/audits/2026-10.ndjson', 'reliability/audits/2026-11.ndjson']

let root: string

function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => Math.max(n, e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs), 0)
}

function record(n: number, month: string): string {
  return JSON.stringify({ period: `2026-${month}`, seed: 's', transcript: `logs/m${n}.ndjson`, sha256: `h${n % 997}`, rubric_version: 'v1', scorer: n % 3 === 0 ? 'llm' : 'rules', model: n % 3 === 0 ? 'gpt' : null, stratum: n % 9 === 0 ? 'flagged' : 'random', scores: { accuracy: 1 + (n % 5), policy_adherence: n % 2 }, reasons: n % 4 === 0 ? { policy_adherence: `said "no", then\nleft, ${n}` } : {}, scored_at: `2026-${month}-1${n % 10}T10:00:00Z` })
}

beforeAll(() => {
  if (!existsSync(WORKER) || statSync(WORKER).mtimeMs < newest(path.join(REPO, 'src'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'pipe' })
  root = mkdtempSync(path.join(tmpdir(), 'rl-export-pool-'))
  mkdirSync(path.join(root, 'reliability/audits'), { recursive: true })
  FILES.forEach((file, f) => {
    // Over a hundred parts in the largest file: far more than a worker's credits. Duplicates (sha256 repeats),
    // a broken line and a foreign record in each.
    const lines = Array.from({ length: (f + 1) * 12_000 }, (_, n) => record(n, file.slice(-9, -7)))
    lines.splice(17, 0, '{"broken', JSON.stringify({ hello: 'world' }))
    writeFileSync(path.join(root, file), `${lines.join('\n')}\n`)
  })
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** The parts the export makes on its own thread. */
async function inThread(file: string, encoding: RowEncoding): Promise<EncodedAuditPart[]> {
  const make = auditRowMaker('acme/agents', file, DIMENSIONS)
  const parts: EncodedAuditPart[] = []
  for await (const lines of auditLinesOf(path.join(root, file))) {
    for (let i = 0; i < lines.length; i += AUDIT_RECORDS_PER_PART) {
      const made = make(lines.slice(i, i + AUDIT_RECORDS_PER_PART))
      parts.push({ problems: made.problems, encoded: encodeRows(encoding, COLUMNS, made.rows) })
    }
  }
  return parts
}

async function collect(parts: AsyncIterable<EncodedAuditPart>, slowly = false): Promise<EncodedAuditPart[]> {
  const out: EncodedAuditPart[] = []
  for await (const part of parts) {
    out.push(part)
    if (slowly) await new Promise((resolve) => setTimeout(resolve, 1))
  }
  return out
}

describe('the export\'s audit workers', () => {
  for (const encoding of ['csv', 'json'] as const) {
    it(`make the same ${encoding} parts as the export's own thread, file by file, in order`, async () => {
      const pool = auditPartsOnWorkers(root, FILES, { repository: 'acme/agents', dimensions: DIMENSIONS, encoding, columns: COLUMNS }, { script: new URL(`file://${WORKER}`), workers: 2, minBytes: 0 })
      expect(pool).toBeDefined()
      try {
        for (const [i, file] of FILES.entries()) {
          // The first file taken slowly: the second worker, ahead on the next file, must wait for credits.
          const got = await collect(pool!.partsOf(file), i === 0)
          const want = await inThread(file, encoding)
          expect(got.length).toBe(want.length)
          expect(got.flatMap((p) => p.encoded.texts)).toEqual(want.flatMap((p) => p.encoded.texts))
          expect(got.flatMap((p) => p.encoded.recordIds ?? [])).toEqual(want.flatMap((p) => p.encoded.recordIds ?? []))
          expect(got.flatMap((p) => p.problems)).toEqual(want.flatMap((p) => p.problems))
          expect(got.flatMap((p) => p.problems).map((p) => p.line)).toEqual([18, 19])
        }
      } finally {
        pool!.close()
      }
    }, 60_000)
  }

  it('fail the parts of a file they cannot read, with the reason', async () => {
    const missing = 'reliability/audits/2026-12.ndjson'
    const pool = auditPartsOnWorkers(root, [FILES[0]!, missing], { repository: 'r', dimensions: DIMENSIONS, encoding: 'csv', columns: COLUMNS }, { script: new URL(`file://${WORKER}`), workers: 1, minBytes: 0 })
    try {
      await collect(pool!.partsOf(FILES[0]!))
      const parts = await collect(pool!.partsOf(missing))
      // An unreadable file is what the export's own reader makes of it: a problem line, not a crash.
      expect(parts.flatMap((p) => p.problems).map((p) => p.message)).toEqual([expect.stringMatching(/reading stopped: .*ENOENT|no such file/i)])
    } finally {
      pool!.close()
    }
  }, 60_000)

  it('are not started for little data or without a worker bundle', () => {
    const setup = { repository: 'r', dimensions: DIMENSIONS, encoding: 'csv' as const, columns: COLUMNS }
    // The first file alone is about 4 MB, under MIN_BYTES_FOR_WORKERS.
    expect(auditPartsOnWorkers(root, [FILES[0]!], setup, { script: new URL(`file://${WORKER}`), workers: 2 })).toBeUndefined()
    expect(auditPartsOnWorkers(root, FILES, setup, { workers: 2, minBytes: 0 })).toBeUndefined()
  })
})
