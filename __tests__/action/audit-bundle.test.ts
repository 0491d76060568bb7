// End to end: the Action bundle (dist/index.js) with `mode: audit`, run as the runner runs it — a child
// process on Node 24 with INPUT_* from action.yml's defaults plus the step's `with:`, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files — against a workspace of transcripts and, for the llm scorer, the local
// OpenAI-compatible server. Checked: outputs, summary, annotations, the records, the exit code, and that
// the API key is masked before anything could print it and never printed.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { FakeOpenAI } from '../helpers/openai-server.js'
import { ensureBundle, runActionBundle, writeWorkspace, type ActionRun } from '../helpers/run-action.js'

const KEY = 'sk-action-audit-secret-0123456789'
const MODEL = 'judge-action'
const SHA = '9d5c2f0b6e3a41c7a8f1e2d3c4b5a69788f0e1d2'

const ev = (data: Record<string, unknown>) => `${JSON.stringify(data)}\n`
const mission = (day: string, notes?: string) =>
  ev({ ts: `${day}T10:00:00Z`, type: 'user', role: 'user', content: 'Where is my order?' }) + ev({ ts: `${day}T10:00:04Z`, type: 'assistant', role: 'assistant', content: 'Tomorrow.', ...(notes && { notes }) })

const TRANSCRIPTS = {
  'logs/missions/2026-10/a.ndjson': mission('2026-10-01'),
  'logs/missions/2026-10/b.ndjson': mission('2026-10-02', 'policy violation: disclosed another customer’s order'),
  'logs/missions/2026-10/c.ndjson': `${mission('2026-10-03')}not json\n`,
  'logs/missions/2026-09/old.ndjson': mission('2026-09-30')
}

const temps: string[] = []

function runAction(options: { with?: Record<string, string>; env?: Record<string, string>; workspace?: string }): Promise<ActionRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'rl-audit-action-'))
  temps.push(scratch)
  return runActionBundle(scratch, {
    workspace: options.workspace ?? writeWorkspace(scratch, TRANSCRIPTS),
    eventName: 'schedule',
    payload: { schedule: '0 6 1 * *', repository: { full_name: 'acme/agents' } },
    ...(options.with && { with: options.with }),
    sha: SHA,
    repository: 'acme/agents',
    ...(options.env && { env: options.env })
  })
}

beforeAll(ensureBundle, 120_000)
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

describe('the Action bundle with mode: audit', () => {
  it('scores with the rules, writes outputs, the summary, annotations and the records', async () => {
    const run = await runAction({ with: { mode: 'audit', 'audit-period': '2026-10' } })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.outputs).toEqual({
      'audit-file': 'reliability/audits/2026-10.ndjson',
      'audit-sampled': '3',
      'audit-records': '3',
      'audit-means': '{"policy_adherence":0.6667,"tone":5,"accuracy":1}',
      result: 'pass'
    })
    expect(run.summary).toContain('## ⚠️ reliability-loop audit 2026-10: 3 transcripts sampled')
    expect(run.summary).toContain('| policy_adherence | 0-1 | rules | 1 | 0.67 | 2/3 (67%) | 0 | 0 |')
    expect(run.summary).toContain('### Lowest-scoring transcripts')
    expect(run.summary).toContain(`[logs/missions/2026-10/b.ndjson](https://github.com/acme/agents/blob/${SHA}/logs/missions/2026-10/b.ndjson#L1)`)
    expect(run.summary).toContain('| logs/missions/2026-10/c.ndjson | 3 | invalid JSON')
    expect(run.stdout).toMatch(/^::warning title=Malformed transcript line,file=logs\/missions\/2026-10\/c\.ndjson,line=3::invalid JSON/m)
    const stored = readFileSync(join(run.workspace, 'reliability/audits/2026-10.ndjson'), 'utf8').trim().split('\n')
    expect(stored).toHaveLength(3)

    const again = await runAction({ with: { mode: 'audit', 'audit-period': '2026-10' }, workspace: run.workspace })
    expect(again.outputs['audit-records']).toBe('0')
    expect(again.summary).toContain('0 new records in `reliability/audits/2026-10.ndjson` (3 already there).')
    expect(readFileSync(join(run.workspace, 'reliability/audits/2026-10.ndjson'), 'utf8').trim().split('\n')).toEqual(stored)
  })

  it('fails the step below audit-fail-below', async () => {
    const run = await runAction({ with: { mode: 'audit', 'audit-period': '2026-10', 'audit-fail-below': '0.9', 'dry-run': 'true' } })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('fail')
    expect(run.outputs['audit-records']).toBe('0')
    // `%` is escaped as %25 in workflow commands; the runner shows 67%.
    expect(run.stdout).toContain('::error::Below audit-fail-below 0.9: policy_adherence passes 67%25 of the sample; see the job summary.')
    expect(run.summary).toContain('**fail-below 0.9 → fail**')
    expect(existsSync(join(run.workspace, 'reliability'))).toBe(false)
  })

  it('rejects an input it cannot use, naming it', async () => {
    const run = await runAction({ with: { mode: 'audit', 'audit-period': 'last month' } })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('::error::input audit-period: must be a month as YYYY-MM, e.g. 2026-10 (got "last month")')
  })

  describe('with the llm scorer', () => {
    let fake: FakeOpenAI
    beforeAll(async () => {
      fake = await FakeOpenAI.start({ apiKey: KEY, model: MODEL })
    })
    afterAll(async () => fake.close())
    beforeEach(() => fake.reset())

    it('masks the key from the input before anything else, and never prints it', async () => {
      const run = await runAction({
        with: { mode: 'audit', 'audit-period': '2026-10', 'audit-scorer': 'llm', 'audit-model': MODEL, 'openai-api-key': KEY, 'openai-base-url': fake.url }
      })
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.stdout.split('\n')[0]).toBe(`::add-mask::${KEY}`)
      expect(run.stdout.split(KEY)).toHaveLength(2)
      expect(run.summary).not.toContain(KEY)
      expect(fake.accepted).toHaveLength(3)
      expect(fake.requests.every((r) => r.headers.authorization === `Bearer ${KEY}` && r.body.model === MODEL)).toBe(true)
      expect(run.outputs['audit-means']).toBe('{"policy_adherence":1,"tone":5,"accuracy":1}')
      const stored = readFileSync(join(run.workspace, 'reliability/audits/2026-10.ndjson'), 'utf8')
      expect(stored).not.toContain(KEY)
      expect(stored).toContain(`"model":"${MODEL}"`)
    })

    it('takes the key and the URL from OPENAI_API_KEY and OPENAI_BASE_URL, and masks it too', async () => {
      const run = await runAction({
        with: { mode: 'audit', 'audit-period': '2026-10', 'audit-scorer': 'llm', 'audit-model': MODEL, 'dry-run': 'true' },
        env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url }
      })
      expect(run.code).toBe(0)
      expect(run.stdout).toContain(`::add-mask::${KEY}`)
      expect(run.stdout.split(KEY)).toHaveLength(2)
      expect(fake.accepted).toHaveLength(3)
    })

    it('fails with the configuration error when there is no key for OpenAI', async () => {
      const run = await runAction({ with: { mode: 'audit', 'audit-period': '2026-10', 'audit-scorer': 'llm', 'audit-model': MODEL } })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain('::error::Invalid configuration: OPENAI_API_KEY: audit.llm.api-key-env: the llm scorer needs an API key for https://api.openai.com/v1')
      expect(fake.requests).toHaveLength(0)
    })

    it('fails the step as a configuration error when the endpoint refuses the key (401), naming the input to check', async () => {
      const wrong = 'sk-action-wrong-key-9876543210'
      const run = await runAction({
        with: { mode: 'audit', 'audit-period': '2026-10', 'audit-scorer': 'llm', 'audit-model': MODEL, 'openai-api-key': wrong, 'openai-base-url': fake.url }
      })
      expect(run.code).toBe(1)
      // The three transcripts' requests go out together (audit.llm.concurrency 4); none after the 401s.
      expect(fake.requests.map((r) => r.answered)).toEqual([401, 401, 401])
      expect(run.stdout).toContain('::error::Configuration error: the model endpoint refused the credentials (401: Incorrect API key provided.); 3 of 3 sampled transcripts were not scored. Check the secret the openai-api-key input reads')
      expect(run.outputs.result).toBe('fail')
      expect(run.stdout.split(wrong)).toHaveLength(2)
      expect(existsSync(join(run.workspace, 'reliability/audits/2026-10.ndjson'))).toBe(false)
    })

    it('fails the step when nothing listens at the endpoint, naming the refused connection', async () => {
      const closed = await FakeOpenAI.start({ model: MODEL })
      const url = closed.url
      await closed.close()
      const scratch = mkdtempSync(join(tmpdir(), 'rl-audit-action-ws-'))
      temps.push(scratch)
      const run = await runAction({
        with: { mode: 'audit', 'audit-period': '2026-10', 'audit-scorer': 'llm', 'audit-model': MODEL, 'openai-base-url': url },
        workspace: writeWorkspace(scratch, { ...TRANSCRIPTS, '.github/reliability.yml': 'audit:\n  llm: { retries: 0 }\n' })
      })
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/::error::3 of 3 sampled transcripts were not scored \(audit\.max-unscored allows 0\): .*could not connect to 127\.0\.0\.1:\d+ \(connection refused\)/)
      expect(run.outputs.result).toBe('fail')
    })
  })
})
