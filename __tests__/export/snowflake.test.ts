// The export into Snowflake through the SQL API v2, against a fake that checks the key-pair JWT as Snowflake
// does, validates every submit against the API description and runs the SQL (DuckDB underneath).
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { loadConfig } from '../../src/config/load.js'
import { jwtAccountName, openSnowflakeWarehouse, type SnowflakeSettings } from '../../src/io/export-snowflake.js'
import { createNodeExportAdapters } from '../../src/io/node-export-adapters.js'
import { runExport } from '../../src/modes/export.js'
import { WarehouseError } from '../../src/export/warehouse.js'
import { DEFAULT_HTTP_POLICY } from '../../src/sync/retry.js'
import { snowflakeContractPath, startFakeSnowflake, type FakeSnowflake } from '../helpers/snowflake-server.js'

const describeIf = snowflakeContractPath() === undefined ? describe.skip : describe
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
const NOW = new Date('2026-11-03T12:00:00Z')
const FAST = { ...DEFAULT_HTTP_POLICY, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5000, sleep: async () => {} }
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()

function write(root: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
  writeFileSync(path.join(root, rel), text)
}
function repo(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rl-sf-'))
  dirs.push(root)
  const rec = (n: number) => JSON.stringify({ period: '2026-10', seed: 's', transcript: `t${n}`, sha256: `h${n}`, rubric_version: 'v1', scorer: 'llm', model: 'gpt', stratum: 'random', scores: { accuracy: 1, policy_adherence: 0 }, reasons: { policy_adherence: "leaked a customer's order" }, scored_at: '2026-10-20T10:00:00Z' })
  write(root, 'reliability/audits/2026-10.ndjson', `${rec(1)}\n${rec(2)}\n`)
  write(root, 'logs/incidents/INC-1.ndjson', `${JSON.stringify({ ts: '2026-10-05T09:00:00Z', id: 'INC-1', severity: 'Sev1', status: 'resolved', title: 'down', resolved_at: '2026-10-05T10:00:00Z' })}\n`)
  write(root, 'docs/experiments/EXP-1.md', '---\nid: 3f0c2a1e-1111-4222-8333-444455556666\nname: shorter prompt\nowner: "@a"\nstatus: running\nchange: { type: prompt, ref: support@v2 }\nhypothesis: better\nmetrics: [{ name: accuracy, baseline: 0.8, target: 0.9 }]\nrollback: { trigger: "accuracy below 0.8 for an hour", steps: ["Set the prompt flag back to v1 and deploy"], owner: "@a" }\ncreated: 2026-10-01\n---\n# EXP-1\n')
  return root
}

let sf: FakeSnowflake
beforeEach(async () => {
  if (snowflakeContractPath() !== undefined) sf = await startFakeSnowflake({ account: 'xy12345', user: 'exporter', publicKey, accessToken: 'pat-secret' })
})
afterEach(async () => sf?.close())

async function exportTo(root: string, over: Partial<SnowflakeSettings> = {}, batchRows?: number) {
  const config = loadConfig({ root, readFile: () => undefined })
  const warehouse = openSnowflakeWarehouse({ account: 'xy12345.us-east-1', user: 'exporter', database: 'ANALYTICS', schema: 'RELIABILITY', privateKey: PEM, apiUrl: sf.url, policy: FAST, sleep: async () => {}, chunkRows: 1, ...over })
  return runExport(config, { repository: 'acme/agents', now: NOW, dryRun: false }, createNodeExportAdapters(config), batchRows === undefined ? warehouse : { ...warehouse, batchRows })
}

describeIf('export to Snowflake (SQL API v2 fake)', () => {
  it('names the account as the JWT wants it', () => {
    expect(jwtAccountName('xy12345.us-east-1')).toBe('XY12345')
    expect(jwtAccountName('myorg-account1.snowflakecomputing.com')).toBe('MYORG-ACCOUNT1')
  })

  it('creates tables and views, merges rows in chunks, and a re-run sends nothing', async () => {
    const root = repo()
    sf.fault({ async: true })
    const first = await exportTo(root)
    expect(first.problems).toEqual([])
    expect(first.schema_changes).toContain('created table audit_scores')
    expect(sf.views()).toHaveLength(5)
    const scores = await sf.rows('audit_scores')
    expect(scores).toHaveLength(4)
    expect(scores.find((r) => r.dimension === 'policy_adherence')).toMatchObject({ reason: "leaked a customer's order", pass: false, model: 'gpt' })
    expect((await sf.rows('experiments'))[0]).toMatchObject({ experiment_id: '3f0c2a1e-1111-4222-8333-444455556666', status: 'running', change_type: 'prompt' })
    expect(sf.statements.every((s) => !/^\s*(PUT|GET)\b/.test(s))).toBe(true)
    const count = sf.statements.length
    const again = await exportTo(root)
    expect(again.tables.map((t) => t.sent_files)).toEqual([0, 0, 0, 0])
    expect(sf.statements.slice(count).some((s) => /^(MERGE|DELETE FROM "ANALYTICS"."RELIABILITY"."AUDIT)/.test(s))).toBe(false)
  })

  it('merges a file larger than a batch in several, and a shrunk file keeps only its rows', async () => {
    const root = repo()
    const rec = (n: number) => JSON.stringify({ period: '2026-10', seed: 's', transcript: `t${n}`, sha256: `h${n}`, rubric_version: 'v1', scorer: 'rules', model: null, stratum: 'random', scores: { accuracy: 1, policy_adherence: 1 }, reasons: {}, scored_at: '2026-10-20T10:00:00Z' })
    write(root, 'reliability/audits/2026-10.ndjson', [1, 2, 3, 4].map((n) => `${rec(n)}\n`).join(''))
    const first = await exportTo(root, { chunkRows: 2 }, 3)
    expect(first.tables.find((t) => t.table === 'audit_scores')).toMatchObject({ sent_files: 1, rows: 8 })
    expect((await sf.rows('audit_scores')).map((r) => r.transcript).sort()).toEqual(['t1', 't1', 't2', 't2', 't3', 't3', 't4', 't4'])
    write(root, 'reliability/audits/2026-10.ndjson', `${rec(4)}\n`)
    await exportTo(root, { chunkRows: 2 }, 3)
    expect((await sf.rows('audit_scores')).map((r) => r.transcript)).toEqual(['t4', 't4'])
  })

  it('a retried submit after a reset is not applied twice (requestId), and 429/503 are ridden out', async () => {
    const root = repo()
    sf.fault({ status: 429 })
    sf.fault({ status: 503 })
    for (let i = 0; i < 12; i++) sf.fault({ reset: 'after' })
    await exportTo(root)
    const ids = (await sf.rows('audit_scores')).map((r) => r.record_id)
    expect(ids).toHaveLength(4)
    expect(new Set(ids).size).toBe(4)
  })

  it('works with a programmatic access token, and a wrong key is a configuration error without secrets', async () => {
    const root = repo()
    await exportTo(root, { privateKey: undefined, accessToken: 'pat-secret' })
    expect(await sf.rows('incidents')).toHaveLength(1)
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const error = (await exportTo(root, { privateKey: other }).catch((e: unknown) => e)) as WarehouseError
    expect(error).toBeInstanceOf(WarehouseError)
    expect(error.configuration).toBe(true)
    expect(error.message).toMatch(/401/)
    expect(`${error.message}${error.hint}`).not.toMatch(/PRIVATE KEY|pat-secret/)
  })
})
