// The Action's export mode as a workflow runs it: the bundled dist/index.js on Node 24, against the fake
// BigQuery, with the secret masked before anything prints, the job summary and outputs written, and the step
// failing when the warehouse is the CLI's DuckDB or the settings are missing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { ensureBundle, examplePayload, runActionBundle } from '../helpers/run-action.js'
import { bigQueryDiscoveryPath, startFakeBigQuery, type FakeBigQuery } from '../helpers/bigquery-server.js'

const describeIf = bigQueryDiscoveryPath() === undefined ? describe.skip : describe
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
const temp = (prefix: string) => {
  const d = mkdtempSync(path.join(tmpdir(), prefix))
  dirs.push(d)
  return d
}

function workspace(): string {
  const root = temp('rl-export-ws-')
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    writeFileSync(path.join(root, rel), text)
  }
  write('logs/incidents/INC-1.ndjson', `${JSON.stringify({ ts: '2026-10-05T09:00:00Z', id: 'INC-1', severity: 'Sev1', status: 'resolved', title: 'down', resolved_at: '2026-10-05T10:00:00Z' })}\n`)
  write('reliability/audits/2026-10.ndjson', `${JSON.stringify({ period: '2026-10', seed: 's', transcript: 't1', sha256: 'h1', rubric_version: 'v1', scorer: 'rules', model: null, stratum: 'random', scores: { accuracy: 1 }, reasons: {}, scored_at: '2026-10-20T10:00:00Z' })}\n`)
  return root
}

describeIf('Action mode export (bundle)', () => {
  let bq: FakeBigQuery
  beforeAll(async () => {
    ensureBundle()
    bq = await startFakeBigQuery({ project: 'acme-data', token: 'ya29.bundle-secret' })
  })
  afterAll(async () => bq.close())

  const base = () => ({ eventName: 'schedule', payload: examplePayload('workflow_run'), sha: 'a'.repeat(40), repository: 'acme/agents' })

  it('exports to BigQuery, writes the summary and outputs, masks the token', async () => {
    const run = await runActionBundle(temp('rl-export-run-'), {
      ...base(),
      workspace: workspace(),
      with: { mode: 'export', 'export-to': 'bigquery' },
      env: { BIGQUERY_PROJECT: 'acme-data', BIGQUERY_DATASET: 'rel', BIGQUERY_ACCESS_TOKEN: 'ya29.bundle-secret', BIGQUERY_API_URL: bq.url }
    })
    expect(run.errors).toEqual([])
    expect(run.code).toBe(0)
    expect(run.commands.some((c) => c.command === 'add-mask' && c.message === 'ya29.bundle-secret')).toBe(true)
    expect(run.outputs['export-rows']).toBe('2')
    expect(run.summary).toMatch(/Reliability export to BigQuery acme-data:rel/)
    expect(run.summary).toMatch(/\| `incidents` \| 1 \| 1 \| 1 \|/)
    expect((await bq.rows('incidents'))[0]).toMatchObject({ repository: 'acme/agents', incident_id: 'INC-1' })
    expect(run.stdout.replace(/::add-mask::.*\n/, '')).not.toContain('bundle-secret')
  })

  it('fails the step with what to set when the target is DuckDB or a setting is missing', async () => {
    const duck = await runActionBundle(temp('rl-export-run-'), { ...base(), workspace: workspace(), with: { mode: 'export' } })
    expect(duck.code).not.toBe(0)
    expect(duck.errors[0]?.message).toMatch(/set the input export-to .* to bigquery or snowflake/)
    const missing = await runActionBundle(temp('rl-export-run-'), { ...base(), workspace: workspace(), with: { mode: 'export', 'export-to': 'snowflake' } })
    expect(missing.errors[0]?.message).toMatch(/SNOWFLAKE_ACCOUNT/)
  })
})
