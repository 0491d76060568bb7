// End to end: the built bundles against the fake trackers. The CLI (dist/cli.js) as a child process with
// credentials in the environment, on Node 24 and on the system Node (20 here), and the Action (dist/index.js on Node 24) with mode sync, the runner's
// environment and INPUT_* from action.yml, against the fake GitHub server.

import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { describeWithContract, FakeGitHub, REPO_ROOT } from '../helpers/github-server.js'
import { describeWithJiraContract, FakeJira } from '../helpers/jira-server.js'
import { describeWithLinearSchema, FakeLinear } from '../helpers/linear-server.js'
import { runActionBundle, writeWorkspace } from '../helpers/run-action.js'
import { JIRA_EMAIL, JIRA_PAT, JIRA_TOKEN, LINEAR_KEY, postmortemText } from './helpers.js'

const CLI = join(REPO_ROOT, 'dist', 'cli.js')
const ACTION = join(REPO_ROOT, 'dist', 'index.js')
const NODE_24 = join(REPO_ROOT, 'node_modules', '.bin', 'node')
const TOKEN = 'ghs_syncE2eTokenThatMustNeverBePrinted'

/** The first `node` on PATH outside node_modules (the user's own, Node 20 here); else the one running the tests. */
function systemNode(): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir === '' || dir.split('/').includes('node_modules')) continue
    const candidate = join(dir, 'node')
    if (existsSync(candidate)) return candidate
  }
  return process.execPath
}
const SYSTEM_NODE = systemNode()
const SHA = '9d5c2f0b6e3a41c7a8f1e2d3c4b5a69788f0e1d2'

function newest(path: string): number {
  const stat = statSync(path)
  return stat.isDirectory() ? Math.max(0, ...readdirSync(path).map((e) => newest(join(path, e)))) : stat.mtimeMs
}

function ensureBundles(): void {
  const sources = Math.max(newest(join(REPO_ROOT, 'src')), newest(join(REPO_ROOT, 'package-lock.json')))
  if ([CLI, ACTION].every((f) => existsSync(f) && statSync(f).mtimeMs >= sources)) return
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'pipe' })
}

const temps: string[] = []
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rl-sync-e2e-'))
  temps.push(dir)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function run(node: string, args: string[], options: { cwd: string; env: Record<string, string> }): Promise<Run> {
  const child = spawn(node, args, { cwd: options.cwd, env: { PATH: process.env.PATH ?? '', HOME: options.cwd, NO_PROXY: '127.0.0.1', ...options.env } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

const ITEMS = [
  { summary: 'Add an idempotency key to the refund tool', owner: 'ana', due: '2027-01-15' },
  { summary: 'Page on duplicate refunds', owner: 'ben', due: '2027-02-01' },
  { summary: 'Roll back prompt v42', owner: 'ana', due: '2026-05-02', checked: true }
]
const FILES = { 'docs/postmortems/PM-7.md': postmortemText(7, ITEMS) }

interface JsonReport {
  items: Array<{ key: string; postmortem: string; line: number; summary: string; owner: string | null; due: string | null; action: string; ticket: { ref: string; url: string } | null; error?: string }>
  counts: Record<string, number>
  dryRun: boolean
  consulted: boolean
}

let fake: FakeGitHub

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

describeWithContract('sync end to end (the bundles against the fake GitHub)', () => {
  beforeAll(async () => {
    ensureBundles()
    fake = await FakeGitHub.start({ tokens: [TOKEN] })
  }, 120_000)
  afterAll(async () => {
    await fake.close()
  })
  beforeEach(() => {
    fake.reset()
    fake.issueTracker.assignable.add('ana')
  })

  describe('the CLI', () => {
    const env = () => ({ GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`, GITHUB_API_URL: fake.url })

    it('without credentials: --dry-run gives the plan as JSON exactly as documented, nothing written; without --dry-run exit 2', async () => {
      const cwd = workspace(FILES)
      const refused = await run(process.execPath, [CLI, 'sync', '--format', 'json'], { cwd, env: {} })
      expect(refused.code).toBe(2)
      expect(refused.stderr).toContain('GITHUB_TOKEN is not set')
      const result = await run(process.execPath, [CLI, 'sync', '--dry-run', '--format', 'json'], { cwd, env: {} })
      expect(result.code).toBe(0)
      const report = JSON.parse(result.stdout) as JsonReport
      expect(report).toMatchObject({ dryRun: true, consulted: false })
      expect(report.items.map((i) => Object.keys(i))).toEqual(Array(3).fill(['key', 'postmortem', 'line', 'summary', 'owner', 'due', 'action', 'ticket', 'reason']))
      expect(report.items.map((i) => i.action)).toEqual(['create', 'create', 'unchanged'])
      expect(report.items[0]).toMatchObject({ postmortem: 'docs/postmortems/PM-7.md', owner: 'ana', due: '2027-01-15', ticket: null })
      expect(readFileSync(join(cwd, 'docs/postmortems/PM-7.md'), 'utf8')).toBe(FILES['docs/postmortems/PM-7.md'])
      expect(fake.requests).toEqual([])
    })

    it('with credentials: creates, writes the references back, prints the table; the second run changes nothing; the token never shows', async () => {
      const cwd = workspace(FILES)
      const first = await run(SYSTEM_NODE, [CLI, 'sync'], { cwd, env: env() })
      expect(first.stderr).not.toContain('error')
      expect(first.code).toBe(0)
      expect(first.stdout).toMatch(/created\s+#1\s+docs\/postmortems\/PM-7\.md:\d+\s+ana/)
      expect(first.stdout).toContain('2 created, 0 updated, 0 closed, 1 unchanged, 0 failed')
      expect(fake.issueTracker.issues).toHaveLength(2)
      expect(readFileSync(join(cwd, 'docs/postmortems/PM-7.md'), 'utf8')).toContain('2027-01-15 [#1](https://github.com/Codertocat/Hello-World/issues/1)')

      const second = await run(NODE_24, [CLI, 'sync', '--format', 'json'], { cwd, env: env() })
      expect(second.code).toBe(0)
      const report = JSON.parse(second.stdout) as JsonReport
      expect(report.counts).toEqual({ created: 0, updated: 0, closed: 0, unchanged: 3, failed: 0 })
      expect(report.items[0]?.ticket).toEqual({ ref: '#1', url: 'https://github.com/Codertocat/Hello-World/issues/1' })
      expect(fake.issueTracker.issues).toHaveLength(2)
      for (const r of [first, second]) expect(r.stdout + r.stderr).not.toContain(TOKEN)
    }, 60_000)

    it('a failed item exits 1 with the error on that item; bad credentials exit 2 saying what to check', async () => {
      const cwd = workspace(FILES)
      fake.inject('issues/create', { kind: 'status', status: 503 }, { kind: 'status', status: 503 }, { kind: 'status', status: 503 }, { kind: 'status', status: 503 }, { kind: 'status', status: 503 }, { kind: 'status', status: 503 })
      const failed = await run(process.execPath, [CLI, 'sync', '--format', 'json', '--no-write-back'], { cwd, env: env() })
      expect(failed.code).toBe(1)
      const report = JSON.parse(failed.stdout) as JsonReport
      expect(report.counts.failed).toBeGreaterThanOrEqual(1)
      expect(report.items.find((i) => i.error)?.error).toMatch(/create failed/)

      const refused = await run(process.execPath, [CLI, 'sync'], { cwd, env: { ...env(), GITHUB_TOKEN: 'ghs_wrong' } })
      expect(refused.code).toBe(2)
      expect(refused.stderr).toMatch(/refused the credentials \(401/)
      expect(refused.stderr).toContain('hint:')

      const incomplete = await run(process.execPath, [CLI, 'sync'], { cwd, env: { GITHUB_TOKEN: TOKEN } })
      expect(incomplete.code).toBe(2)
      expect(incomplete.stderr).toContain('GITHUB_REPOSITORY')
    }, 90_000)
  })

  describe('the Action (mode: sync)', () => {
    async function action(files: Record<string, string>, withInputs: Record<string, string>) {
      const scratch = mkdtempSync(join(tmpdir(), 'rl-sync-action-'))
      temps.push(scratch)
      const result = await runActionBundle(scratch, {
        workspace: writeWorkspace(scratch, files),
        eventName: 'schedule',
        payload: { repository: { full_name: `${fake.owner}/${fake.repo}` } },
        with: withInputs,
        token: TOKEN,
        sha: SHA,
        repository: `${fake.owner}/${fake.repo}`,
        apiUrl: fake.url
      })
      return { ...result, cwd: result.workspace }
    }

    it('creates the issues, writes the references into the workspace, sets the outputs and the summary; masks the secrets', async () => {
      const first = await action(FILES, { mode: 'sync', 'linear-api-key': 'lin_api_secretValue' })
      expect(first.stdout).not.toMatch(/^::error/m)
      expect(first.code).toBe(0)
      expect(first.outputs).toMatchObject({ created: '2', updated: '0', closed: '0', failed: '0', 'write-back': 'commit', 'changed-files': 'docs/postmortems/PM-7.md' })
      expect(first.stdout).toContain('::add-mask::ghs_syncE2eTokenThatMustNeverBePrinted')
      expect(first.stdout).toContain('::add-mask::lin_api_secretValue')
      expect(first.summary).toContain('reliability-loop sync → github')
      expect(first.summary).toContain('[#1](https://github.com/Codertocat/Hello-World/issues/1)')
      expect(first.summary).toContain(`https://github.com/Codertocat/Hello-World/blob/${SHA}/docs/postmortems/PM-7.md#L`)
      expect(readFileSync(join(first.cwd, 'docs/postmortems/PM-7.md'), 'utf8')).toContain('[#2](https://github.com/Codertocat/Hello-World/issues/2)')
      expect(fake.issueTracker.issues[0]?.body).toContain(`https://github.com/Codertocat/Hello-World/blob/${SHA}/docs/postmortems/PM-7.md#L`)

      const again = await action({ 'docs/postmortems/PM-7.md': readFileSync(join(first.cwd, 'docs/postmortems/PM-7.md'), 'utf8') }, { mode: 'sync' })
      expect(again.code).toBe(0)
      expect(again.outputs).toMatchObject({ created: '0', failed: '0', 'write-back': 'none', 'changed-files': '' })
      expect(fake.issueTracker.issues).toHaveLength(2)
    }, 60_000)

    it('dry-run: true plans without writing; a failed item fails the step with an annotation on its line', async () => {
      const dry = await action(FILES, { mode: 'sync', 'dry-run': 'true' })
      expect(dry.code).toBe(0)
      expect(dry.outputs).toMatchObject({ created: '2', 'write-back': 'none' })
      expect(fake.issueTracker.issues).toHaveLength(0)
      expect(dry.summary).toContain('(dry run)')

      // An item lint rejects is planned with a warning annotated on its line, naming the rule.
      const invalid = await action({ 'docs/postmortems/PM-7.md': postmortemText(7, [...ITEMS, '- [ ] Write the runbook :: @ana']) }, { mode: 'sync', 'dry-run': 'true' })
      expect(invalid.code).toBe(0)
      expect(invalid.stdout).toMatch(/^::warning title=reliability-loop sync,file=docs\/postmortems\/PM-7\.md,line=\d+::docs\/postmortems\/PM-7\.md:\d+: PM007 Action item "Write the runbook" is missing its due date/m)

      // A real run for a tracker whose secret is missing fails the step, naming the input.
      const linear = await action({ ...FILES, '.github/reliability.yml': 'sync:\n  tracker: linear\n  linear:\n    team: ENG\n' }, { mode: 'sync' })
      expect(linear.code).not.toBe(0)
      expect(linear.stdout).toMatch(/^::error::A sync that writes needs the linear credentials, and input linear-api-key is not set/m)
      expect(linear.outputs.created).toBeUndefined()

      fake.inject('issues/create', ...Array.from({ length: 8 }, () => ({ kind: 'status' as const, status: 503 as const })))
      const failed = await action(FILES, { mode: 'sync' })
      expect(failed.code).not.toBe(0)
      expect(failed.outputs.failed).not.toBe('0')
      expect(failed.stdout).toMatch(/^::error title=reliability-loop sync,file=docs\/postmortems\/PM-7\.md,line=\d+::create failed/m)
    }, 120_000)
  })
})

describeWithLinearSchema('sync end to end: the CLI bundle against the fake Linear', () => {
  let linear: FakeLinear
  beforeAll(async () => {
    ensureBundles()
    linear = await FakeLinear.start({ apiKeys: [LINEAR_KEY] })
  }, 120_000)
  afterAll(async () => {
    await linear.close()
  })

  it('creates the issues from LINEAR_* variables, writes ENG-n references back, and the second run changes nothing', async () => {
    const cwd = workspace({ ...FILES, '.github/reliability.yml': 'sync:\n  tracker: linear\n  owners:\n    ana: ana@example.com\n' })
    const env = { LINEAR_API_KEY: LINEAR_KEY, LINEAR_TEAM: 'ENG', LINEAR_API_URL: linear.url }
    const first = await run(SYSTEM_NODE, [CLI, 'sync', '--format', 'json'], { cwd, env })
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect((JSON.parse(first.stdout) as JsonReport).counts).toMatchObject({ created: 2, failed: 0 })
    expect(linear.issues.map((i) => i.assigneeId)).toEqual(['user-ana', null])
    expect(readFileSync(join(cwd, 'docs/postmortems/PM-7.md'), 'utf8')).toContain('[ENG-1](https://linear.app/fake/issue/ENG-1/')
    const second = await run(NODE_24, [CLI, 'sync', '--tracker', 'linear', '--format', 'json'], { cwd, env })
    expect((JSON.parse(second.stdout) as JsonReport).counts).toMatchObject({ created: 0, unchanged: 3 })
    expect(linear.issues).toHaveLength(2)
    expect(first.stdout + second.stdout).not.toContain(LINEAR_KEY)
  }, 60_000)
})

describeWithJiraContract('sync end to end: the CLI bundle against the fake Jira (Cloud and Data Center)', () => {
  let jira: FakeJira
  beforeAll(async () => {
    ensureBundles()
    jira = await FakeJira.start({ tokens: { [JIRA_EMAIL]: JIRA_TOKEN }, pats: [JIRA_PAT], searchLag: 0 })
  }, 120_000)
  afterAll(async () => {
    await jira.close()
  })
  beforeEach(() => jira.reset())

  it('Cloud: JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN, JIRA_PROJECT', async () => {
    const cwd = workspace(FILES)
    const env = { JIRA_BASE_URL: jira.url, JIRA_EMAIL, JIRA_API_TOKEN: JIRA_TOKEN, JIRA_PROJECT: 'OPS' }
    const first = await run(SYSTEM_NODE, [CLI, 'sync', '--tracker', 'jira'], { cwd, env })
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('2 created, 0 updated, 0 closed, 1 unchanged, 0 failed')
    expect(jira.issues.map((i) => i.key)).toEqual(['OPS-1', 'OPS-2'])
    expect(readFileSync(join(cwd, 'docs/postmortems/PM-7.md'), 'utf8')).toContain(`[OPS-1](${jira.url}/browse/OPS-1)`)
    const missing = await run(process.execPath, [CLI, 'sync', '--tracker', 'jira'], { cwd, env: { JIRA_API_TOKEN: JIRA_TOKEN } })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/JIRA_BASE_URL and JIRA_EMAIL and JIRA_PROJECT/)
  }, 60_000)

  it('Data Center: JIRA_PAT with --tracker jira-dc; without the secret, only a dry run', async () => {
    const cwd = workspace(FILES)
    const refused = await run(process.execPath, [CLI, 'sync', '--tracker', 'jira-dc'], { cwd, env: { JIRA_BASE_URL: jira.url, JIRA_PROJECT: 'OPS' } })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('JIRA_PAT is not set')
    const dry = await run(process.execPath, [CLI, 'sync', '--tracker', 'jira-dc', '--dry-run', '--format', 'json'], { cwd, env: { JIRA_BASE_URL: jira.url, JIRA_PROJECT: 'OPS' } })
    expect(dry.code).toBe(0)
    expect((JSON.parse(dry.stdout) as JsonReport).dryRun).toBe(true)
    const real = await run(SYSTEM_NODE, [CLI, 'sync', '--tracker', 'jira-dc', '--format', 'json'], { cwd, env: { JIRA_BASE_URL: jira.url, JIRA_PROJECT: 'OPS', JIRA_PAT } })
    expect(real.code).toBe(0)
    expect((JSON.parse(real.stdout) as JsonReport).counts.created).toBe(2)
    expect(jira.requests.filter((r) => r.flavour === 'dc').length).toBeGreaterThan(0)
    expect(real.stdout).not.toContain(JIRA_PAT)
  }, 60_000)
})
