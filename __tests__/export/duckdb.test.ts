// The export into a real DuckDB file: the views answer, a re-run sends nothing, and any sequence of
// repository changes, exports and failures cut in anywhere ends with the rows a fresh export would give.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, unlinkSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { DuckDBInstance } from '@duckdb/node-api'
import { loadConfig } from '../../src/config/load.js'
import { openDuckDbWarehouse } from '../../src/io/export-duckdb.js'
import { createNodeExportAdapters } from '../../src/io/node-export-adapters.js'
import { runExport, type ExportAdapters } from '../../src/modes/export.js'
import { auditPartsOnWorkers } from '../../src/io/export-audit-pool.js'
import type { Warehouse } from '../../src/export/warehouse.js'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'rl-export-'))
  dirs.push(d)
  return d
}

const NOW = new Date('2026-11-03T12:00:00Z')

function auditLine(n: number, stratum = 'random', scorer = 'rules', score = 1): string {
  return JSON.stringify({ period: '2026-10', seed: 's', transcript: `logs/missions/t${n}.ndjson`, sha256: `h${n}`, rubric_version: 'v1', scorer, model: null, stratum, scores: { accuracy: score, policy_adherence: 1 }, reasons: {}, scored_at: `2026-10-${String(10 + (n % 20)).padStart(2, '0')}T10:00:00Z` })
}
function incident(id: string, day: number, resolvedAfterMin?: number): string {
  const start = new Date(Date.UTC(2026, 9, day, 9))
  const lines = [{ ts: start.toISOString(), id: id, severity: 'Sev2', status: 'triggered', title: `incident ${id}` }]
  if (resolvedAfterMin !== undefined) lines.push({ ts: new Date(start.getTime() + resolvedAfterMin * 60_000).toISOString(), id: id, severity: 'Sev2', status: 'resolved', title: `incident ${id}` })
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n'
}
const postmortem = (id: number, due: string, checked = false) => `# Incident PM-${id}: Something broke\n\n- Date: 2026-10-05\n- Severity: Sev2\n- Owners: @maria.chen\n\n## Summary\nx\n\n## Action Items\n- [${checked ? 'x' : ' '}] Fix it :: @maria.chen :: ${due}\n`

function write(root: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
  writeFileSync(path.join(root, rel), text)
}

function baseRepo(): string {
  const root = tempDir()
  write(root, 'reliability/audits/2026-10.ndjson', [auditLine(1), auditLine(2, 'flagged'), auditLine(1, 'random', 'llm', 0), auditLine(3)].join('\n') + '\n')
  write(root, 'logs/incidents/INC-1.ndjson', incident('INC-1', 5, 90))
  write(root, 'logs/incidents/INC-2.ndjson', incident('INC-2', 6, 30))
  write(root, 'docs/postmortems/PM-1.md', postmortem(1, '2026-11-01'))
  return root
}

async function exportOnce(root: string, db: string, wrap: (w: Warehouse) => Warehouse = (w) => w, adapt: (a: ExportAdapters) => ExportAdapters = (a) => a, memoryMiB?: number) {
  const config = loadConfig({ root, readFile: () => undefined })
  const warehouse = await openDuckDbWarehouse(db, path.basename(db), { ...(memoryMiB !== undefined && { memoryMiB }) })
  try {
    return await runExport(config, { repository: 'acme/agents', now: NOW, dryRun: false }, adapt(createNodeExportAdapters(config)), wrap(warehouse))
  } finally {
    await warehouse.close()
  }
}

const WORKER = new URL('../../dist/export-audit-worker.js', import.meta.url)
/** Audit rows made on worker threads (the real bundle), whatever the amount of data. */
const onWorkers = (root: string) => (a: ExportAdapters): ExportAdapters => {
  if (!existsSync(WORKER)) throw new Error('dist/export-audit-worker.js is missing: run npm run build')
  return { ...a, auditPartsElsewhere: (paths, setup) => auditPartsOnWorkers(root, paths, setup, { script: WORKER, workers: 2, minBytes: 0 }) }
}

async function query(db: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const instance = await DuckDBInstance.create(db)
  const connection = await instance.connect()
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Array<Record<string, unknown>>
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}

const TABLE_NAMES = ['audit_scores', 'incidents', 'action_items', 'experiments']
async function contents(db: string): Promise<string[]> {
  const out: string[] = []
  for (const t of TABLE_NAMES) for (const r of await query(db, `SELECT * FROM ${t} ORDER BY record_id`)) out.push(`${t} ${JSON.stringify(r)}`)
  return out
}

describe('export to DuckDB', () => {
  it('creates the tables and views, and the views answer', async () => {
    const root = baseRepo()
    const db = path.join(root, '.reliability-loop/warehouse.duckdb')
    const result = await exportOnce(root, db)
    expect(result.schema_changes).toContain('created table audit_scores')
    expect(result.tables.find((t) => t.table === 'audit_scores')).toMatchObject({ files: 1, sent_files: 1, rows: 8 })
    const rolling = await query(db, "SELECT dimension, day, rolling_mean, scores_in_window FROM audit_rolling_30d WHERE dimension = 'accuracy' ORDER BY day")
    // Random stratum only, one score per transcript (the judge's 0 for t1 over the rules' 1); t2 is flagged.
    expect(rolling.at(-1)).toMatchObject({ rolling_mean: 0.5, scores_in_window: '2' })
    const resolve = await query(db, 'SELECT month, resolved_incidents, median_minutes, worst_minutes FROM resolve_time_monthly')
    expect(resolve).toEqual([{ month: '2026-10-01', resolved_incidents: '2', median_minutes: 60, worst_minutes: 90 }])
    const weekly = await query(db, 'SELECT week, severity, incidents FROM incidents_weekly')
    expect(weekly).toEqual([{ week: '2026-10-05', severity: 'Sev2', incidents: '2' }])
    expect(await query(db, 'SELECT snapshot_date, open_items, overdue_items FROM backlog_daily')).toEqual([{ snapshot_date: '2026-11-03', open_items: '1', overdue_items: '1' }])
  })

  it('sends nothing on an unchanged re-run, only the changed file after an edit, and removes a deleted file\'s rows', async () => {
    const root = baseRepo()
    const db = path.join(root, 'w.duckdb')
    await exportOnce(root, db)
    const again = await exportOnce(root, db)
    expect(again.tables.map((t) => t.sent_files)).toEqual([0, 0, 0, 0])
    write(root, 'logs/incidents/INC-2.ndjson', incident('INC-2', 6, 45))
    const edited = await exportOnce(root, db)
    expect(edited.tables.find((t) => t.table === 'incidents')).toMatchObject({ sent_files: 1, unchanged_files: 1 })
    unlinkSync(path.join(root, 'logs/incidents/INC-1.ndjson'))
    const removed = await exportOnce(root, db)
    expect(removed.tables.find((t) => t.table === 'incidents')).toMatchObject({ removed_files: 1 })
    expect(await query(db, 'SELECT incident_id FROM incidents')).toEqual([{ incident_id: 'INC-2' }])
  })

  it('replaces and removes the rows of files whose names hold quotes, commas, brackets and non-ASCII', async () => {
    const root = baseRepo()
    const odd = `logs/incidents/INC-'q" é, [x] ${'→'}.ndjson`
    write(root, odd, incident('INC-9', 7, 20))
    const db = path.join(root, 'w.duckdb')
    await exportOnce(root, db)
    write(root, odd, incident('INC-9', 7, 25))
    const edited = await exportOnce(root, db)
    expect(edited.tables.find((t) => t.table === 'incidents')).toMatchObject({ sent_files: 1, unchanged_files: 2 })
    expect(await query(db, "SELECT source, CAST(resolved_at AS VARCHAR) AS resolved_at FROM incidents WHERE incident_id = 'INC-9'")).toEqual([{ source: odd, resolved_at: '2026-10-07 09:25:00+00' }])
    expect(await query(db, `SELECT fingerprint <> 'pending' AS recorded FROM _reliability_loop_state WHERE source = '${odd.replace(/'/g, "''")}'`)).toEqual([{ recorded: true }])
    unlinkSync(path.join(root, odd))
    const removed = await exportOnce(root, db)
    expect(removed.tables.find((t) => t.table === 'incidents')).toMatchObject({ removed_files: 1 })
    expect(await query(db, "SELECT count(*) AS n FROM incidents WHERE incident_id = 'INC-9'")).toEqual([{ n: '0' }])
    expect(await query(db, `SELECT count(*) AS n FROM _reliability_loop_state WHERE source = '${odd.replace(/'/g, "''")}'`)).toEqual([{ n: '0' }])
  })

  it('keeps every string as written: quotes, commas, newlines, NUL, empty strings apart from nulls, and a row over 2 MB', async () => {
    const root = baseRepo()
    const reasons = ['say "hi", then leave', 'line 1\nline 2\r\nline 3', 'nul\u0000byte', '', 'emoji 🎉 and \\ backslash', 'x'.repeat(3 << 20)]
    const lines = reasons.map((reason, i) => JSON.stringify({ period: '2026-10', seed: 's', transcript: `logs/missions/e${i}.ndjson`, sha256: `e${i}`, rubric_version: 'v1', scorer: 'rules', model: i === 0 ? '' : null, stratum: 'random', scores: { accuracy: 1 }, reasons: { accuracy: reason }, scored_at: '2026-10-20T10:00:00Z' }))
    write(root, 'reliability/audits/2026-10.ndjson', `${lines.join('\n')}\n`)
    const db = path.join(root, 'w.duckdb')
    // DuckDB's memory set below what the long row's read buffer needs: the limit rises for that batch.
    await exportOnce(root, db, undefined, undefined, 4)
    const rows = await query(db, "SELECT transcript, reason, model FROM audit_scores ORDER BY transcript")
    expect(rows.map((r) => r.reason)).toEqual(reasons)
    // An empty string stays one; a missing value is NULL.
    expect(rows.map((r) => r.model)).toEqual(['', null, null, null, null, null])
  })

  it('loads the same rows when worker threads make the audit rows, across batches and files', async () => {
    const worker = new URL('../../dist/export-audit-worker.js', import.meta.url)
    if (!existsSync(worker)) throw new Error('dist/export-audit-worker.js is missing: run npm run build')
    const root = baseRepo()
    for (const month of ['08', '09']) write(root, `reliability/audits/2026-${month}.ndjson`, Array.from({ length: 40 }, (_, n) => auditLine(n + (month === '08' ? 100 : 200))).join('\n') + '\n{"broken\n')
    const small = (w: Warehouse): Warehouse => ({ ...w, batchRows: 7 })
    const onWorkers = (a: ExportAdapters): ExportAdapters => ({ ...a, auditPartsElsewhere: (paths, setup) => auditPartsOnWorkers(root, paths, setup, { script: worker, workers: 2, minBytes: 0 }) })
    const inThread = (a: ExportAdapters): ExportAdapters => ({ ...a, auditPartsElsewhere: () => undefined })
    const a = await exportOnce(root, path.join(root, 'workers.duckdb'), small, onWorkers)
    const b = await exportOnce(root, path.join(root, 'thread.duckdb'), small, inThread)
    expect(a.tables).toEqual(b.tables)
    expect(a.problems).toEqual(b.problems)
    expect(a.tables.find((t) => t.table === 'audit_scores')).toMatchObject({ files: 3, rows: 168, left_out: 2 })
    expect(await contents(path.join(root, 'workers.duckdb'))).toEqual(await contents(path.join(root, 'thread.duckdb')))
  }, 60_000)

  it('ends equal to a fresh export after any sequence of changes, exports and failures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('audit' as const), n: fc.integer({ min: 1, max: 6 }), score: fc.integer({ min: 0, max: 1 }), month: fc.constantFrom('09', '10') }),
            fc.record({ kind: fc.constant('incident' as const), n: fc.integer({ min: 1, max: 3 }), minutes: fc.integer({ min: 1, max: 500 }) }),
            fc.record({ kind: fc.constant('delete' as const), n: fc.integer({ min: 1, max: 3 }) }),
            fc.record({ kind: fc.constant('shrink' as const), keep: fc.integer({ min: 0, max: 3 }) }),
            // batchRows: a file's rows split over several batches, with the cut between two of them.
            // workers: the audit rows made on worker threads, started on every audit file before the changed ones are known.
            fc.record({ kind: fc.constant('export' as const), failAt: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }), batchRows: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), workers: fc.boolean() })
          ),
          { minLength: 1, maxLength: 8 }
        ),
        async (steps) => {
          const root = baseRepo()
          const db = path.join(root, 'w.duckdb')
          for (const step of steps) {
            if (step.kind === 'audit') writeFileSync(path.join(root, `reliability/audits/2026-${step.month}.ndjson`), `${auditLine(step.n, 'random', 'rules', step.score)}\n`, { flag: 'a' })
            else if (step.kind === 'incident') write(root, `logs/incidents/INC-${step.n}.ndjson`, incident(`INC-${step.n}`, step.n, step.minutes))
            else if (step.kind === 'shrink') {
              const file = path.join(root, 'reliability/audits/2026-10.ndjson')
              const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean)
              writeFileSync(file, lines.slice(0, step.keep).map((l) => `${l}\n`).join(''))
            } else if (step.kind === 'delete') {
              const file = path.join(root, `logs/incidents/INC-${step.n}.ndjson`)
              if (existsSync(file)) unlinkSync(file)
            } else {
              let calls = 0
              const failing = (w: Warehouse): Warehouse => ({
                ...w,
                describe: w.describe,
                ...(step.batchRows !== undefined && { batchRows: step.batchRows }),
                replace: async (...args) => {
                  if (step.failAt !== undefined && calls++ === step.failAt) throw new Error('connection reset')
                  return w.replace(...args)
                },
                recordState: async (...args) => {
                  if (step.failAt !== undefined && calls++ === step.failAt) throw new Error('connection reset')
                  return w.recordState(...args)
                }
              })
              await exportOnce(root, db, failing, step.workers ? onWorkers(root) : undefined).catch((e: Error) => expect(e.message).toBe('connection reset'))
            }
          }
          await exportOnce(root, db)
          const fresh = path.join(root, 'fresh.duckdb')
          await exportOnce(root, fresh)
          expect(await contents(db)).toEqual(await contents(fresh))
        }
      ),
      // The example: an export cut at its 4th warehouse call once lost the action items (the DuckDB instance was
      // left open, so the next open did not see its last writes).
      {
        numRuns: 25,
        examples: [
          [[{ kind: 'export', failAt: 3, batchRows: undefined, workers: false }, { kind: 'delete', n: 1 }, { kind: 'audit', n: 1, score: 0, month: '10' }]],
          // The audit file's 8 rows in batches of 3, cut after its first batch went in; then the file shrinks.
          [[{ kind: 'export', failAt: 2, batchRows: 3, workers: false }, { kind: 'shrink', keep: 1 }, { kind: 'export', failAt: undefined, batchRows: 2, workers: false }]],
          // Two audit files, one unchanged: the workers start on both and drop the unchanged one.
          [[{ kind: 'audit', n: 2, score: 1, month: '09' }, { kind: 'export', failAt: undefined, batchRows: 2, workers: true }, { kind: 'audit', n: 3, score: 0, month: '10' }, { kind: 'export', failAt: 1, batchRows: 1, workers: true }]]
        ]
      }
    )
  }, 120_000)
})
