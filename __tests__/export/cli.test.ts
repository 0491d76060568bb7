// `reliability-loop export` as a user runs it: in-process through main() (DuckDB, BigQuery by environment,
// the exit codes of every path where nothing or not everything was exported), and the bundled dist/cli.js
// on Node 24 and the system Node.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from '@jest/globals'
import { main } from '../../src/cli/main.js'
import { bigQueryDiscoveryPath, startFakeBigQuery } from '../helpers/bigquery-server.js'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

function write(root: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
  writeFileSync(path.join(root, rel), text)
}
function repo(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rl-export-cli-'))
  dirs.push(root)
  write(root, 'reliability/audits/2026-10.ndjson', `${JSON.stringify({ period: '2026-10', seed: 's', transcript: 't1', sha256: 'h1', rubric_version: 'v1', scorer: 'rules', model: null, stratum: 'random', scores: { accuracy: 1 }, reasons: {}, scored_at: '2026-10-20T10:00:00Z' })}\n`)
  write(root, 'logs/incidents/INC-1.ndjson', `${JSON.stringify({ ts: '2026-10-05T09:00:00Z', id: 'INC-1', severity: 'Sev1', status: 'resolved', title: 'down', resolved_at: '2026-10-05T10:00:00Z' })}\n`)
  return root
}

async function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { CI: 'true', ...env }, cwd, isTTY: false }, { now: () => new Date('2026-11-03T12:00:00Z') })
  return { code, stdout, stderr }
}

describe('reliability-loop export', () => {
  it('exports into DuckDB, then sends nothing; --format json carries the counts', async () => {
    const root = repo()
    const first = await run(['export', '--repository', 'acme/agents'], root)
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/exported to DuckDB \.reliability-loop\/warehouse\.duckdb \(repository acme\/agents\)/)
    expect(first.stdout).toMatch(/audit_scores +1 file: 1 sent \(1 row\)/)
    const again = await run(['export', '--repository', 'acme/agents', '--format', 'json'], root)
    const json = JSON.parse(again.stdout) as { tables: Array<{ sent_files: number; unchanged_files: number }> }
    expect(json.tables.map((t) => t.sent_files)).toEqual([0, 0, 0, 0])
    expect(existsSync(path.join(root, '.reliability-loop/warehouse.duckdb'))).toBe(true)
  })

  it('--query prints the rows of a view after the export', async () => {
    const root = repo()
    const out = await run(['export', '--query', 'select severity, incidents from incidents_weekly'], root)
    expect(out.code).toBe(0)
    expect(out.stdout).toMatch(/severity +incidents\n-+ +-+\nSev1 +1\n\(1 row\)/)
    const bad = await run(['export', '--query', 'select * from no_such_view'], root)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/the query failed/)
  })

  it('--dry-run sends nothing and says so', async () => {
    const root = repo()
    const dry = await run(['export', '--dry-run'], root)
    expect(dry.code).toBe(0)
    expect(dry.stdout).toMatch(/^dry run: nothing sent to DuckDB/)
    expect(dry.stdout).toMatch(/incidents +1 file: 1 to send/)
    // A dry run writes nothing, not even an empty warehouse file.
    expect(existsSync(path.join(root, '.reliability-loop'))).toBe(false)
    const real = await run(['export'], root)
    expect(real.stdout).toMatch(/incidents +1 file: 1 sent/)
  })

  it('exits 2 when there is nothing to export, naming where it looked', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rl-export-empty-'))
    dirs.push(root)
    const out = await run(['export'], root)
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(/nothing to export/)
    expect(out.stderr).toMatch(/audit\.output-dir, review\.incidents\.paths/)
  })

  it('exits 1 and lists file and line when records were left out', async () => {
    const root = repo()
    writeFileSync(path.join(root, 'reliability/audits/2026-10.ndjson'), '{"period": "2026-10"\nnot json\n', { flag: 'a' })
    const out = await run(['export'], root)
    expect(out.code).toBe(1)
    expect(out.stdout).toMatch(/reliability\/audits\/2026-10\.ndjson:2: left out/)
    expect(out.stderr).toMatch(/2 records did not fit the schema/)
  })

  it('exits 2 naming the variable when a cloud target lacks settings or credentials', async () => {
    const root = repo()
    const out = await run(['export', '--to', 'bigquery'], root)
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(/BIGQUERY_PROJECT/)
    const noCreds = await run(['export', '--to', 'bigquery'], root, { BIGQUERY_PROJECT: 'p', BIGQUERY_DATASET: 'd' })
    expect(noCreds.code).toBe(2)
    expect(noCreds.stderr).toMatch(/BIGQUERY_ACCESS_TOKEN, or GOOGLE_APPLICATION_CREDENTIALS/)
    const sf = await run(['export', '--to', 'snowflake'], root, { SNOWFLAKE_ACCOUNT: 'a', SNOWFLAKE_USER: 'u', SNOWFLAKE_DATABASE: 'd', SNOWFLAKE_SCHEMA: 's' })
    expect(sf.code).toBe(2)
    expect(sf.stderr).toMatch(/SNOWFLAKE_PRIVATE_KEY .* or SNOWFLAKE_TOKEN/)
  })

  const describeBq = bigQueryDiscoveryPath() === undefined ? describe.skip : describe
  describeBq('to BigQuery', () => {
    it('exports with the environment\'s settings and never prints the token', async () => {
      const bq = await startFakeBigQuery({ project: 'acme-data', token: 'ya29.secret-token' })
      try {
        const root = repo()
        const env = { BIGQUERY_PROJECT: 'acme-data', BIGQUERY_DATASET: 'rel', BIGQUERY_ACCESS_TOKEN: 'ya29.secret-token', BIGQUERY_API_URL: bq.url }
        const out = await run(['export', '--to', 'bigquery'], root, env)
        expect(out.stderr).toBe('')
        expect(out.code).toBe(0)
        expect(out.stdout).toMatch(/exported to BigQuery acme-data:rel/)
        expect(await bq.rows('incidents')).toHaveLength(1)
        const refused = await run(['export', '--to', 'bigquery'], root, { ...env, BIGQUERY_ACCESS_TOKEN: 'ya29.other-secret' })
        expect(refused.code).toBe(2)
        expect(refused.stderr).toMatch(/refused the credentials \(401\)/)
        expect(`${out.stdout}${refused.stdout}${refused.stderr}`).not.toMatch(/secret/)
      } finally {
        await bq.close()
      }
    })
  })

  const cli = path.join(REPO, 'dist/cli.js')
  const nodes = [path.join(REPO, 'node_modules/.bin/node'), 'node'].filter((n) => n === 'node' || existsSync(n))
  it.each(nodes)('the bundled CLI exports on %s', (node) => {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run build')
    const root = repo()
    const out = spawnSync(node, [cli, 'export', '--repository', 'acme/agents'], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', CI: 'true', NODE_PATH: path.join(REPO, 'node_modules') } })
    expect(out.stderr).toBe('')
    expect(out.stdout).toMatch(/exported to DuckDB/)
    expect(out.status).toBe(0)
  })

  it('the bundled CLI makes a large export\'s audit rows on worker threads, and loads every one', () => {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run build')
    const root = repo()
    // Over MIN_BYTES_FOR_WORKERS (8 MB) of audit records in three files: the workers' path, in the bundle.
    for (const month of ['08', '09', '10']) {
      const lines = Array.from({ length: 12_000 }, (_, n) => JSON.stringify({ period: `2026-${month}`, seed: 's', transcript: `logs/${month}/m-${n}.ndjson`, sha256: `${month}${n}`.padStart(64, '0'), rubric_version: 'v1', scorer: 'rules', model: null, stratum: 'random', scores: { accuracy: n % 5, tone: 1 }, reasons: { accuracy: `line ${n}: "quoted", and\na newline` }, scored_at: `2026-${month}-1${n % 10}T10:00:00Z` }))
      write(root, `reliability/audits/2026-${month}.ndjson`, `${lines.join('\n')}\n{"broken\n`)
    }
    const env = { PATH: process.env.PATH ?? '', CI: 'true', NODE_PATH: path.join(REPO, 'node_modules') }
    const out = spawnSync('node', [cli, 'export', '--repository', 'acme/agents', '--format', 'json'], { cwd: root, encoding: 'utf8', env })
    expect(out.status).toBe(1) // the three broken lines are left out, and said so
    const result = JSON.parse(out.stdout) as { tables: Array<{ table: string; rows: number; left_out: number }> }
    // 12,000 records with two dimensions in each file (2026-10 replaces repo()'s one-record file).
    expect(result.tables.find((t) => t.table === 'audit_scores')).toMatchObject({ rows: 72_000, left_out: 3 })
    const count = spawnSync('node', [cli, 'export', '--repository', 'acme/agents', '--query', "select count(*) as n, count(distinct record_id) as ids, sum(case when reason like '%\"quoted\", and' || chr(10) || 'a newline' then 1 else 0 end) as intact from audit_scores"], { cwd: root, encoding: 'utf8', env })
    expect(count.stdout).toMatch(/72000\s+72000\s+36000/)
  }, 60_000)
})
