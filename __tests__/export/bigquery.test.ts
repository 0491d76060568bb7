// The export into BigQuery, against a fake that validates every request against Google's discovery document
// and runs the merged SQL for real (DuckDB underneath): the rows equal the DuckDB export's, a re-run loads
// nothing, and 429s, 5xx, a reset after a load was accepted and refused credentials end as they should.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeEach, afterEach, describe, expect, it } from '@jest/globals'
import { loadConfig } from '../../src/config/load.js'
import { openBigQueryWarehouse } from '../../src/io/export-bigquery.js'
import { createNodeExportAdapters } from '../../src/io/node-export-adapters.js'
import { runExport } from '../../src/modes/export.js'
import { WarehouseError } from '../../src/export/warehouse.js'
import { DEFAULT_HTTP_POLICY } from '../../src/sync/retry.js'
import { bigQueryDiscoveryPath, startFakeBigQuery, type FakeBigQuery } from '../helpers/bigquery-server.js'

const describeIf = bigQueryDiscoveryPath() === undefined ? describe.skip : describe
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
const NOW = new Date('2026-11-03T12:00:00Z')
const FAST = { ...DEFAULT_HTTP_POLICY, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5000, sleep: async () => {} }

function write(root: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
  writeFileSync(path.join(root, rel), text)
}
function repo(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rl-bq-'))
  dirs.push(root)
  const rec = (n: number, stratum: string) => JSON.stringify({ period: '2026-10', seed: 's', transcript: `t${n}`, sha256: `h${n}`, rubric_version: 'v1', scorer: 'rules', model: null, stratum, scores: { accuracy: 1, policy_adherence: n % 2 }, reasons: {}, scored_at: '2026-10-20T10:00:00Z' })
  write(root, 'reliability/audits/2026-10.ndjson', `${rec(1, 'random')}\n${rec(2, 'flagged')}\n`)
  write(root, 'logs/incidents/INC-1.ndjson', `${JSON.stringify({ ts: '2026-10-05T09:00:00Z', id: 'INC-1', severity: 'Sev1', status: 'triggered', title: "it's down" })}\n${JSON.stringify({ ts: '2026-10-05T10:30:00Z', id: 'INC-1', severity: 'Sev1', status: 'resolved', title: "it's down" })}\n`)
  write(root, 'docs/postmortems/PM-1.md', '# Incident PM-1: Down\n\n- Date: 2026-10-05\n- Severity: Sev1\n- Owners: @a\n\n## Action Items\n- [ ] Fix :: @a :: 2026-11-01\n')
  return root
}

let bq: FakeBigQuery
beforeEach(async () => {
  if (bigQueryDiscoveryPath() !== undefined) bq = await startFakeBigQuery({ project: 'acme-data' })
})
afterEach(async () => bq?.close())

async function exportTo(root: string, token = bq.token, batchRows?: number) {
  const config = loadConfig({ root, readFile: () => undefined })
  const warehouse = openBigQueryWarehouse({ project: 'acme-data', dataset: 'reliability', location: 'EU', token, apiUrl: bq.url, policy: FAST, sleep: async () => {} })
  return runExport(config, { repository: 'acme/agents', now: NOW, dryRun: false }, createNodeExportAdapters(config), batchRows === undefined ? warehouse : { ...warehouse, batchRows })
}

describeIf('export to BigQuery (fake validated against the discovery document)', () => {
  it('creates the dataset, tables and views, loads by job and merges; a re-run loads nothing', async () => {
    const root = repo()
    const first = await exportTo(root)
    expect(first.schema_changes).toEqual(expect.arrayContaining(['created dataset reliability', 'created table audit_scores', 'created table _reliability_loop_state']))
    expect(bq.views()).toEqual(['audit_rolling_30d', 'audit_rolling_90d', 'backlog_daily', 'incidents_weekly', 'resolve_time_monthly'])
    expect((await bq.rows('audit_scores')).map((r) => [r.stratum, r.dimension, r.score])).toEqual(expect.arrayContaining([['random', 'policy_adherence', 1], ['flagged', 'policy_adherence', 0]]))
    expect(await bq.rows('incidents')).toEqual([expect.objectContaining({ incident_id: 'INC-1', title: "it's down", resolved: true })])
    // Staging tables are dropped after the merge.
    expect(bq.tables().filter((t) => t.startsWith('_reliability_loop_stage'))).toEqual([])
    const loads = bq.requests.filter((r) => r.path.startsWith('/upload/')).length
    expect(loads).toBe(3)
    const again = await exportTo(root)
    expect(again.tables.map((t) => t.sent_files)).toEqual([0, 0, 0, 0])
    expect(bq.requests.filter((r) => r.path.startsWith('/upload/')).length).toBe(loads)
  })

  it('loads a file larger than a batch in several, and a shrunk file keeps only its rows', async () => {
    const root = repo()
    const rec = (n: number) => JSON.stringify({ period: '2026-10', seed: 's', transcript: `t${n}`, sha256: `h${n}`, rubric_version: 'v1', scorer: 'rules', model: null, stratum: 'random', scores: { accuracy: 1, policy_adherence: 1 }, reasons: {}, scored_at: '2026-10-20T10:00:00Z' })
    write(root, 'reliability/audits/2026-10.ndjson', [1, 2, 3, 4].map((n) => `${rec(n)}\n`).join(''))
    const first = await exportTo(root, bq.token, 3)
    expect(first.tables.find((t) => t.table === 'audit_scores')).toMatchObject({ sent_files: 1, rows: 8 })
    // 8 audit rows in batches of 3 are three load jobs for the one file; one each for the incident and the action item.
    expect(bq.requests.filter((r) => r.path.startsWith('/upload/')).length).toBe(5)
    expect((await bq.rows('audit_scores')).map((r) => r.transcript).sort()).toEqual(['t1', 't1', 't2', 't2', 't3', 't3', 't4', 't4'])
    write(root, 'reliability/audits/2026-10.ndjson', `${rec(4)}\n`)
    await exportTo(root, bq.token, 3)
    expect((await bq.rows('audit_scores')).map((r) => r.transcript)).toEqual(['t4', 't4'])
  })

  it('replaces a changed file\'s rows and removes a deleted file\'s', async () => {
    const root = repo()
    await exportTo(root)
    write(root, 'logs/incidents/INC-1.ndjson', `${JSON.stringify({ ts: '2026-10-05T09:00:00Z', id: 'INC-1', severity: 'Sev2', status: 'triggered', title: 'down' })}\n`)
    write(root, 'logs/incidents/INC-2.ndjson', `${JSON.stringify({ ts: '2026-10-06T09:00:00Z', id: 'INC-2', severity: 'Sev3', status: 'triggered', title: 'slow' })}\n`)
    await exportTo(root)
    expect((await bq.rows('incidents')).map((r) => [r.incident_id, r.severity]).sort()).toEqual([['INC-1', 'Sev2'], ['INC-2', 'Sev3']])
    rmSync(path.join(root, 'logs/incidents/INC-2.ndjson'))
    await exportTo(root)
    expect((await bq.rows('incidents')).map((r) => r.incident_id)).toEqual(['INC-1'])
  })

  it('rides out 429, 5xx, rateLimitExceeded and a reset after the load was accepted, without duplicates', async () => {
    const root = repo()
    bq.fault('load', { status: 429, retryAfter: 0 })
    bq.fault('load', { reset: 'after' })
    bq.fault('query', { status: 503 })
    bq.fault('getJob', { status: 403, reason: 'rateLimitExceeded' })
    bq.fault('table', { status: 500 })
    await exportTo(root)
    const ids = (await bq.rows('audit_scores')).map((r) => r.record_id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toHaveLength(4)
  })

  it('refused credentials and missing permissions are configuration errors that name what to check, never the token', async () => {
    const root = repo()
    const refused = await exportTo(root, 'ya29.wrong-token').catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(WarehouseError)
    expect((refused as WarehouseError).configuration).toBe(true)
    expect(`${(refused as Error).message} ${(refused as WarehouseError).hint}`).not.toContain('wrong-token')
    bq.fault('dataset', { status: 403, reason: 'accessDenied' })
    const denied = (await exportTo(root).catch((e: unknown) => e)) as WarehouseError
    expect(denied.message).toMatch(/403 accessDenied/)
    expect(denied.hint).toMatch(/roles\/bigquery\.dataEditor on dataset acme-data:reliability/)
  })
})
