// End-to-end: the gate mode of the built Action (dist/index.js on Node 24) against the fake GitHub API,
// with real pull_request, workflow_run and merge_group payloads. What is checked is what GitHub would
// see: the check runs on the head commit, the job summary, the outputs, the exit code, the requests.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describeWithContract, FakeGitHub, type StoredCheckRun } from '../helpers/github-server.js'
import { ActionRunner, ensureBundle, examplePayload, runActionBundle, writeWorkspace, type ActionRun } from '../helpers/run-action.js'
import { experimentDoc, postmortem } from './fixtures.js'

const TOKEN = 'ghs_gateTokenThatMustNeverBePrinted'
const HEAD = '9d5c2f0b6e3a41c7a8f1e2d3c4b5a69788f0e1d2'
const BASE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e'
const MERGE = '0b1c2d3e4f5061728394a5b6c7d8e9f00112233a'
const PR = 17
const DOC = 'docs/experiments/EXP-2024-06-03-stop.md'
const CHECKS = ['reliability/drills', 'reliability/sev1-actions', 'reliability/rollback-plan']

const POLICY = `gate:
  drills: { workflow: drills.yml }
  bypass: { users: [ana], teams: [acme/sre] }
`
const DRILLS_WORKFLOW = 'name: ci\non: [pull_request]\njobs:\n  drills:\n    runs-on: ubuntu-latest\n    steps: [{ run: npm run drills }]\n'
const CLOSED_SEV1 = postmortem(1, 'Sev1', ['- [x] Lower the step cap to 25 :: @maria.chen :: 2024-03-05'])
const OPEN_SEV1 = postmortem(2, 'Sev1', ['- [ ] Cap tool retries in the router :: @ana :: 2024-04-01 [ENG-12](https://tracker.example.com/ENG-12)'])

/** A workspace (the checkout) where everything passes: a closed Sev1, a prompt change with its experiment doc. */
const GREEN_FILES = { 'docs/postmortems/PM-1.md': CLOSED_SEV1, 'prompts/research.md': 'v43', [DOC]: experimentDoc() }

function pullRequestPayload(options: { labels?: string[]; body?: string; fork?: boolean; changedFiles?: number } = {}): Record<string, unknown> {
  const payload = examplePayload('pull_request', 'synchronize') as {
    number: number
    pull_request: Record<string, unknown> & { head: { sha: string; repo: { full_name: string } }; base: { sha: string } }
  }
  payload.number = PR
  const pr = payload.pull_request
  pr.number = PR
  pr.head.sha = HEAD
  pr.base.sha = BASE
  pr.merge_commit_sha = MERGE
  pr.body = options.body ?? 'Shorter research prompt.'
  pr.labels = (options.labels ?? []).map((name, i) => ({ id: i + 1, node_id: `L${i}`, url: '', name, color: 'ffffff', default: false, description: null }))
  pr.changed_files = options.changedFiles ?? 2
  if (options.fork) pr.head.repo = { ...pr.head.repo, full_name: 'a-contributor/Hello-World' }
  return payload as unknown as Record<string, unknown>
}

const byName = (runs: readonly StoredCheckRun[]) => Object.fromEntries(runs.map((r) => [r.name, r]))

describeWithContract('the gate mode of the Action bundle (dist/index.js on Node 24)', () => {
  let fake: FakeGitHub
  let runner: ActionRunner

  const run = (
    options: { eventName?: string; payload?: Record<string, unknown>; files?: Record<string, string>; with?: Record<string, string>; sha?: string; gitCheckout?: boolean } = {}
  ): Promise<ActionRun> =>
    runner.run({
      ...(options.gitCheckout !== undefined && { gitCheckout: options.gitCheckout }),
      eventName: options.eventName ?? 'pull_request',
      payload: options.payload ?? pullRequestPayload(),
      token: TOKEN,
      files: options.files ?? GREEN_FILES,
      with: { mode: 'gate', ...options.with },
      sha: options.sha ?? MERGE
    })

  beforeAll(async () => {
    ensureBundle()
    fake = await FakeGitHub.start({ tokens: [TOKEN], owner: 'Codertocat', repo: 'Hello-World' })
    runner = new ActionRunner(fake)
  }, 120_000)
  afterAll(async () => {
    await fake.close()
    runner.cleanup()
  })
  beforeEach(() => {
    fake.reset()
    fake.gate.reset()
    fake.gate.setFiles(BASE, { '.github/reliability.yml': POLICY, '.github/workflows/drills.yml': DRILLS_WORKFLOW })
    fake.setPullRequestFiles(PR, [{ filename: 'prompts/research.md', status: 'modified' }, { filename: DOC, status: 'added' }])
    fake.gate.pulls.set(PR, { number: PR, headSha: HEAD, baseSha: BASE, body: 'Shorter research prompt.' })
    fake.gate.workflows.set('drills.yml', [{ id: 901, headSha: HEAD, status: 'completed', conclusion: 'success' }])
    fake.gate.commitDates.set(HEAD, '2024-06-01T09:00:00Z')
  })

  test('every gate passes: three successful check runs on the head commit, the summary table, outputs, exit 0', async () => {
    const r = await run()
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.outputs).toEqual({ result: 'pass', 'failed-gates': '', bypass: '' })
    expect(r.stdout.split(TOKEN)).toHaveLength(2) // masked once, never printed

    const checks = byName(fake.checkRuns)
    expect(Object.keys(checks).sort()).toEqual([...CHECKS].sort())
    for (const c of fake.checkRuns) expect(c).toMatchObject({ head_sha: HEAD, status: 'completed', conclusion: 'success' })
    expect(JSON.stringify(fake.requests.map((q) => q.body ?? null))).not.toContain(MERGE)
    expect(checks['reliability/drills']?.output.title).toBe('Drills passed')
    expect(checks['reliability/drills']?.output.summary).toContain('[workflow run drills.yml #901](https://github.com/Codertocat/Hello-World/actions/runs/901)')
    expect(checks['reliability/rollback-plan']?.output.title).toBe('Rollback plan present (1 experiment doc)')
    expect(checks['reliability/sev1-actions']?.output.summary).toContain(`Policy: \`.github/reliability.yml\` at base commit \`${BASE.slice(0, 7)}\` (base of #${PR})`)

    expect(r.summary).toContain('## ✅ reliability-loop gate: pass')
    expect(r.summary).toContain('| Gate | Check | Result | Title |')
    for (const name of CHECKS) expect(r.summary).toMatch(new RegExp(`\\| \\[${name.replace('/', '\\/')}\\]\\(https://github.com/Codertocat/Hello-World/runs/\\d+\\) \\| ✅ success \\|`))

    // The policy from the base commit, the PR's files, the drill runs of the head commit, existing check runs, three creates.
    expect(fake.requests.map((q) => `${q.method} ${q.operation ?? q.path}`)).toEqual([
      'GET repos/get-content',
      'GET pulls/list-files',
      'GET repos/get-content',
      'GET actions/list-workflow-runs',
      'GET checks/list-for-ref',
      'POST checks/create',
      'POST checks/create',
      'POST checks/create'
    ])
    expect(fake.requestsFor('repos/get-content').map((q) => `${q.path}?ref=${q.query.ref}`)).toEqual([
      `/repos/Codertocat/Hello-World/contents/.github%2Freliability.yml?ref=${BASE}`,
      `/repos/Codertocat/Hello-World/contents/.github%2Fworkflows%2Fdrills.yml?ref=${BASE}`
    ])
    expect(fake.requestsFor('actions/list-workflow-runs')[0]?.query).toMatchObject({ head_sha: HEAD })
  })

  test('every gate fails: annotations on the open item and on the prompt, failed-gates, exit 1', async () => {
    fake.gate.workflows.set('drills.yml', [{ id: 902, headSha: HEAD, status: 'completed', conclusion: 'failure' }])
    fake.setPullRequestFiles(PR, [{ filename: 'prompts/research.md', status: 'modified' }])
    const r = await run({ files: { 'docs/postmortems/PM-2.md': OPEN_SEV1, 'prompts/research.md': 'v43' } })
    expect(r.code).toBe(1)
    expect(r.outputs).toEqual({ result: 'fail', 'failed-gates': 'drills,sev1-actions,rollback-plan', bypass: '' })
    expect(r.errors.map((e) => e.message)).toEqual(['Gate failed: reliability/drills, reliability/sev1-actions, reliability/rollback-plan. See the check runs and the job summary.'])

    const checks = byName(fake.checkRuns)
    expect(checks['reliability/drills']).toMatchObject({ conclusion: 'failure', output: { title: 'Drills failed' } })
    const sev1 = checks['reliability/sev1-actions']
    expect(sev1).toMatchObject({ conclusion: 'failure', output: { title: '1 open Sev1 action item in 1 postmortem' } })
    const line = OPEN_SEV1.split('\n').findIndex((l) => l.includes('Cap tool retries')) + 1
    expect(sev1?.annotations).toEqual([expect.objectContaining({ path: 'docs/postmortems/PM-2.md', start_line: line, annotation_level: 'failure' })])
    expect(sev1?.output.summary).toContain(`(https://github.com/Codertocat/Hello-World/blob/${HEAD}/docs/postmortems/PM-2.md#L${line})`)
    expect(sev1?.output.summary).toContain('| Cap tool retries in the router | @ana | 2024-04-01 (overdue) |')
    const rollback = checks['reliability/rollback-plan']
    expect(rollback).toMatchObject({ conclusion: 'failure', output: { title: 'No experiment doc for a prompt/tool change' } })
    expect(rollback?.annotations).toEqual([expect.objectContaining({ path: 'prompts/research.md', annotation_level: 'failure' })])
    expect(r.summary).toContain('## ❌ reliability-loop gate: fail')
  })

  test('a placeholder rollback plan fails the rollback gate with annotations on the doc and the prompt', async () => {
    const placeholder = experimentDoc('rollback:\n  trigger: TBD\n  steps: ["-"]\n  owner: "@dev-ops"')
    const r = await run({ files: { ...GREEN_FILES, [DOC]: placeholder } })
    expect(r.code).toBe(1)
    expect(r.outputs['failed-gates']).toBe('rollback-plan')
    const rollback = byName(fake.checkRuns)['reliability/rollback-plan']
    expect(rollback?.output.title).toBe('1 experiment doc without a real rollback plan')
    expect(rollback?.annotations.filter((a) => a.path === DOC).map((a) => placeholder.split('\n')[a.start_line - 1]?.trim())).toEqual(['trigger: TBD', 'steps: ["-"]'])
    expect(rollback?.annotations.some((a) => a.path === 'prompts/research.md')).toBe(true)
  })

  test('a PR touching no gated paths still reports all three checks (rollback: not applicable)', async () => {
    fake.setPullRequestFiles(PR, [{ filename: 'README.md', status: 'modified' }])
    const r = await run({ files: { 'docs/postmortems/PM-1.md': CLOSED_SEV1, 'README.md': '# x' } })
    expect(r.code).toBe(0)
    expect(fake.checkRuns.map((c) => `${c.name} ${c.conclusion ?? ''}`).sort()).toEqual(CHECKS.map((c) => `${c} success`).sort())
    expect(byName(fake.checkRuns)['reliability/rollback-plan']?.output.title).toBe('Not applicable: no prompt, tool or agent changes')
  })

  test('drills still running: pending (in_progress check, exit 0); the workflow_run of a fork PR completes it in place', async () => {
    fake.gate.workflows.set('drills.yml', [{ id: 903, headSha: HEAD, status: 'in_progress' }])
    const first = await run()
    expect(first.code).toBe(0)
    expect(first.outputs.result).toBe('pending')
    expect(first.notices.map((n) => n.message)).toEqual([expect.stringContaining('Gate pending: reliability/drills (Drills running)')])
    const pending = byName(fake.checkRuns)['reliability/drills']
    expect(pending).toMatchObject({ status: 'in_progress', conclusion: null, output: { title: 'Drills running' } })

    // The drill workflow completes: a real workflow_run payload, from a fork (pull_requests is empty).
    fake.gate.pulls.set(PR, { number: PR, headSha: HEAD, baseSha: BASE, fork: true, body: 'Shorter research prompt.' })
    const payload = examplePayload('workflow_run', 'completed') as { workflow_run: Record<string, unknown>; workflow: Record<string, unknown> }
    Object.assign(payload.workflow_run, { id: 903, head_sha: HEAD, status: 'completed', conclusion: 'success', pull_requests: [], path: '.github/workflows/drills.yml', run_attempt: 1 })
    const before = fake.requests.length
    const second = await run({ eventName: 'workflow_run', payload: payload as unknown as Record<string, unknown>, sha: BASE })
    expect(second.code).toBe(0)
    expect(second.outputs.result).toBe('pass')
    const requests = fake.requests.slice(before).map((q) => `${q.method} ${q.operation ?? q.path}`)
    // The PR is found from the head commit (not known to the commit endpoint for a fork: then the open PRs are listed).
    expect(requests.slice(0, 3)).toEqual(['GET repos/list-pull-requests-associated-with-commit', 'GET pulls/list', 'GET pulls/get'])
    // The run comes from the event: no listing of workflow runs.
    expect(requests).not.toContain('GET actions/list-workflow-runs')
    // The drills check is completed in place; the other two are new runs.
    expect(requests.filter((q) => q.includes('checks/'))).toEqual(['GET checks/list-for-ref', 'PATCH checks/update', 'POST checks/create', 'POST checks/create'])
    expect(byName(fake.checkRuns)['reliability/drills']).toMatchObject({ id: pending?.id, status: 'completed', conclusion: 'success', output: { title: 'Drills passed' } })
  })

  test('a workflow_run whose checkout is not the head commit warns how to check it out', async () => {
    const payload = examplePayload('workflow_run', 'completed') as { workflow_run: Record<string, unknown> }
    Object.assign(payload.workflow_run, { id: 901, head_sha: HEAD, conclusion: 'success', pull_requests: [{ number: PR }], path: '.github/workflows/drills.yml' })
    const r = await run({ eventName: 'workflow_run', payload: payload as unknown as Record<string, unknown>, sha: BASE, gitCheckout: true })
    expect(r.code).toBe(0)
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^The workspace is at [0-9a-f]{7}, not the pull request's head 9d5c2f0: .*Check out `ref: \$\{\{ github.event.workflow_run.head_sha \}\}`/)])
    expect(fake.requestsFor('repos/list-pull-requests-associated-with-commit')).toEqual([])
  })

  test('a workflow_run for a commit that heads no open PR gates nothing', async () => {
    const payload = examplePayload('workflow_run', 'completed') as { workflow_run: Record<string, unknown> }
    Object.assign(payload.workflow_run, { head_sha: '7'.repeat(40), pull_requests: [], path: '.github/workflows/drills.yml' })
    const r = await run({ eventName: 'workflow_run', payload: payload as unknown as Record<string, unknown>, sha: BASE })
    expect(r.code).toBe(0)
    expect(r.notices.map((n) => n.message)).toEqual([`No open pull request has 7777777 as its head commit; nothing to gate.`])
    expect(fake.checkRuns).toEqual([])
  })

  test('drills that never ran fail saying so; drills whose path filters skip the change are not applicable', async () => {
    fake.gate.workflows.set('drills.yml', [])
    let r = await run()
    expect(r.code).toBe(1)
    expect(byName(fake.checkRuns)['reliability/drills']).toMatchObject({ conclusion: 'failure', output: { title: 'Drills never ran' } })

    fake.reset()
    fake.gate.setFiles(BASE, { '.github/reliability.yml': POLICY, '.github/workflows/drills.yml': 'on:\n  pull_request:\n    paths: ["agents/**"]\njobs: {}\n' })
    r = await run()
    expect(r.code).toBe(0)
    const drills = byName(fake.checkRuns)['reliability/drills']
    expect(drills).toMatchObject({ conclusion: 'success', output: { title: 'Drills not applicable' } })
    expect(drills?.output.summary).toContain('paths: `agents/**`')
    expect(fake.requestsFor('actions/list-workflow-runs')).toEqual([])
  })

  test('the Action waits (bounded) for a drill run that has not started, and reads it once it appears', async () => {
    fake.gate.workflows.set('drills.yml', [])
    fake.gate.commitDates.set(HEAD, new Date().toISOString())
    fake.gate.setFiles(BASE, { '.github/reliability.yml': 'gate:\n  drills: { workflow: drills.yml, never-ran-timeout: 60, poll-interval: 5 }\n', '.github/workflows/drills.yml': DRILLS_WORKFLOW })
    const appear = setTimeout(() => fake.gate.workflows.set('drills.yml', [{ id: 904, headSha: HEAD, status: 'completed', conclusion: 'success' }]), 2000)
    const r = await run()
    clearTimeout(appear)
    expect(r.code).toBe(0)
    expect(fake.requestsFor('actions/list-workflow-runs').length).toBeGreaterThanOrEqual(2)
    expect(r.stdout).toContain('No workflow run drills.yml for 9d5c2f0 yet; looking again in 5 s')
    expect(byName(fake.checkRuns)['reliability/drills']?.output.summary).toContain('#904')
  }, 30_000)

  test('drills from a job result (drill-result input) and from a check run', async () => {
    fake.gate.setFiles(BASE, { '.github/reliability.yml': 'gate:\n  drills: { source: job }\n' })
    let r = await run({ with: { 'drill-result': 'skipped' } })
    expect(byName(fake.checkRuns)['reliability/drills']).toMatchObject({ conclusion: 'failure', output: { title: 'Drills skipped' } })
    expect(r.outputs['failed-gates']).toBe('drills')
    fake.reset()
    r = await run({ with: { 'drill-result': '' } })
    expect(byName(fake.checkRuns)['reliability/drills']?.output.summary).toContain('the `drill-result` input is empty')

    fake.reset()
    fake.gate.setFiles(BASE, { '.github/reliability.yml': 'gate:\n  drills: { source: check, check: agent-drills }\n' })
    fake.gate.externalCheckRuns.push({ name: 'agent-drills', headSha: HEAD, status: 'completed', conclusion: 'success', suiteId: 1 })
    r = await run()
    expect(r.code).toBe(0)
    expect(fake.requestsFor('checks/list-for-ref')[0]?.query).toMatchObject({ check_name: 'agent-drills', filter: 'latest' })
    expect(byName(fake.checkRuns)['reliability/drills']?.output.summary).toContain('check run agent-drills')
  })

  test('an explicit drill-result input means source: job when the policy names no source', async () => {
    fake.gate.setFiles(BASE, { '.github/reliability.yml': 'gate:\n  bypass: { users: [ana] }\n', '.github/workflows/drills.yml': DRILLS_WORKFLOW })
    const r = await run({ with: { 'drill-result': 'failure' } })
    expect(byName(fake.checkRuns)['reliability/drills']).toMatchObject({ conclusion: 'failure', output: { title: 'Drills failed' } })
    expect(byName(fake.checkRuns)['reliability/drills']?.output.summary).toContain("Read the drill job's result: `failure`")
    expect(fake.requestsFor('actions/list-workflow-runs')).toEqual([])
    expect(r.warnings).toEqual([])
  })

  test('a drill-result input with a policy naming another source is ignored with a warning', async () => {
    fake.gate.setFiles(BASE, { '.github/reliability.yml': 'gate:\n  drills: { source: workflow, workflow: drills.yml }\n', '.github/workflows/drills.yml': DRILLS_WORKFLOW })
    const r = await run({ with: { 'drill-result': 'failure' } })
    expect(r.code).toBe(0)
    expect(byName(fake.checkRuns)['reliability/drills']?.conclusion).toBe('success')
    expect(r.warnings.map((w) => w.message).join('\n')).toContain('`drill-result` input ("failure") is ignored: the policy sets `gate.drills.source: workflow`')
    expect(r.summary).toContain('`drill-result` input ("failure") is ignored')
  })

  test('a drill workflow that does not exist at the base commit fails at once, naming the file and the config key', async () => {
    fake.gate.setFiles(BASE, { '.github/reliability.yml': 'gate:\n  drills: { workflow: drill-suite.yml }\n' })
    fake.gate.workflows.set('drill-suite.yml', [])
    fake.gate.commitDates.set(HEAD, new Date().toISOString())
    const started = Date.now()
    const r = await run()
    expect(Date.now() - started).toBeLessThan(15_000)
    const drills = byName(fake.checkRuns)['reliability/drills']
    expect(drills).toMatchObject({ conclusion: 'failure', output: { title: 'Drill workflow not found' } })
    expect(drills?.output.summary).toContain('`.github/workflows/drill-suite.yml`')
    expect(drills?.output.summary).toContain('`gate.drills.workflow`')
    expect(fake.requestsFor('actions/list-workflow-runs')).toEqual([])
    expect(r.outputs['failed-gates']).toBe('drills')
  }, 20_000)

  test('fork PR with a read-only token: evaluates, fails the job, writes the summary, does not crash', async () => {
    fake.readOnly = true
    fake.setPullRequestFiles(PR, [{ filename: 'prompts/research.md', status: 'modified' }])
    const r = await run({ payload: pullRequestPayload({ fork: true }), files: { 'prompts/research.md': 'v43' } })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    expect(r.outputs).toEqual({ result: 'fail', 'failed-gates': 'rollback-plan', bypass: '' })
    expect(fake.requestsFor('checks/create').map((q) => q.status)).toEqual([403])
    expect(r.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('comes from a fork'))
    // Without check runs the annotations go on the step.
    expect(r.errors.filter((e) => e.properties.file === 'prompts/research.md')).toHaveLength(1)
    expect(r.summary).toContain('## ❌ reliability-loop gate: fail')
    expect(r.summary).toContain('The check runs could not be created (403)')
    expect(r.summary).toContain('workflow_run pattern')
  })

  test('bypass by an allowed user: failures become neutral, the record is logged once and output', async () => {
    fake.setPullRequestFiles(PR, [{ filename: 'prompts/research.md', status: 'modified' }])
    fake.gate.issueEvents.set(PR, [{ label: 'reliability-bypass', actor: 'ana', createdAt: '2024-06-01T10:00:00Z' }])
    const payload = pullRequestPayload({ labels: ['reliability-bypass'], body: 'Hotfix.\n\nBypass-Reason: refunds are failing in production' })
    const files = { 'prompts/research.md': 'v43', 'reliability/bypass-log.ndjson': '{"earlier":true}' }
    const r = await run({ payload, files })
    expect(r.code).toBe(0)
    expect(r.outputs.result).toBe('pass')
    expect(byName(fake.checkRuns)['reliability/rollback-plan']).toMatchObject({ conclusion: 'neutral', output: { title: 'Bypassed: No experiment doc for a prompt/tool change' } })
    const record = JSON.parse(r.outputs.bypass ?? '') as Record<string, unknown>
    expect(record).toMatchObject({ repository: 'Codertocat/Hello-World', pull_request: PR, head_sha: HEAD, actor: 'ana', allowed_as: 'user', gates: ['rollback-plan'], reason: 'refunds are failing in production', event: 'pull_request', config_commit: BASE, run_url: 'https://github.com/Codertocat/Hello-World/actions/runs/4242' })
    // The record goes under RUNNER_TEMP for the workflow to upload; the checkout's log is left as committed.
    expect(readFileSync(join(dirname(r.workspace), 'reliability-loop/bypass-log.ndjson'), 'utf8')).toBe(`${r.outputs.bypass}\n`)
    expect(readFileSync(join(r.workspace, 'reliability/bypass-log.ndjson'), 'utf8')).toBe('{"earlier":true}')
    expect(r.summary).toContain('**Bypassed** by @ana (listed user)')
    expect(r.summary).toContain('written to `$RUNNER_TEMP/reliability-loop/bypass-log.ndjson`')
    expect(fake.requestsFor('teams/get-membership-for-user-in-org')).toEqual([])
  })

  test.each([
    ['the log file', 'reliability/bypass-log.ndjson', (secret: string) => secret],
    ['the log folder', 'reliability', (secret: string) => dirname(secret)]
  ])('a bypass log committed as a symlink (%s) to a secret outside is never followed', async (_name, linkPath, linkTarget) => {
    fake.setPullRequestFiles(PR, [{ filename: 'prompts/research.md', status: 'modified' }])
    fake.gate.issueEvents.set(PR, [{ label: 'reliability-bypass', actor: 'ana', createdAt: '2024-06-01T10:00:00Z' }])
    const scratch = mkdtempSync(join(tmpdir(), 'rl-gate-link-'))
    const outside = mkdtempSync(join(tmpdir(), 'rl-gate-secret-'))
    try {
      const secret = join(outside, 'bypass-log.ndjson')
      writeFileSync(secret, 'GITHUB_APP_PRIVATE_KEY=-----BEGIN RSA PRIVATE KEY-----MIIEpAIBAAKCAQEA\n')
      const workspace = writeWorkspace(scratch, { 'prompts/research.md': 'v43' })
      mkdirSync(join(workspace, dirname(linkPath)), { recursive: true })
      symlinkSync(linkTarget(secret), join(workspace, linkPath))
      const r = await runActionBundle(scratch, {
        workspace,
        eventName: 'pull_request',
        payload: pullRequestPayload({ labels: ['reliability-bypass'], body: 'Bypass-Reason: hotfix' }),
        with: { mode: 'gate' },
        token: TOKEN,
        sha: MERGE,
        repository: `${fake.owner}/${fake.repo}`,
        apiUrl: fake.url
      })
      expect(r.outputs.result).toBe('pass')
      expect(readFileSync(secret, 'utf8')).toBe('GITHUB_APP_PRIVATE_KEY=-----BEGIN RSA PRIVATE KEY-----MIIEpAIBAAKCAQEA\n')
      expect(readFileSync(join(scratch, 'reliability-loop/bypass-log.ndjson'), 'utf8')).toBe(`${r.outputs.bypass}\n`)
      expect(`${r.stdout}${r.stderr}${r.summary}`).not.toContain('MIIEpAIBAAKCAQEA')
      expect(r.warnings.map((w) => w.message).join('\n')).toContain('symbolic link')
    } finally {
      rmSync(scratch, { recursive: true, force: true })
      rmSync(outside, { recursive: true, force: true })
    }
  })

  test('bypass by a member of an allowed team', async () => {
    fake.setPullRequestFiles(PR, [{ filename: 'prompts/research.md', status: 'modified' }])
    fake.gate.issueEvents.set(PR, [{ label: 'reliability-bypass', actor: 'li', createdAt: '2024-06-01T10:00:00Z' }])
    fake.gate.teams.set('acme/sre', ['li'])
    const r = await run({ payload: pullRequestPayload({ labels: ['reliability-bypass'] }), files: { 'prompts/research.md': 'v43' } })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.outputs.bypass ?? '{}')).toMatchObject({ actor: 'li', allowed_as: 'team:acme/sre' })
  })

  test('bypass by a user who may not: refused, still failing; unreadable team membership is said', async () => {
    fake.setPullRequestFiles(PR, [{ filename: 'prompts/research.md', status: 'modified' }])
    fake.gate.issueEvents.set(PR, [
      { label: 'reliability-bypass', actor: 'ana', createdAt: '2024-06-01T09:00:00Z' },
      { label: 'reliability-bypass', actor: 'ana', action: 'unlabeled', createdAt: '2024-06-01T09:05:00Z' },
      { label: 'reliability-bypass', actor: 'mallory', createdAt: '2024-06-01T10:00:00Z' }
    ])
    fake.gate.teamsForbidden = true
    const r = await run({ payload: pullRequestPayload({ labels: ['reliability-bypass'] }), files: { 'prompts/research.md': 'v43' } })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ result: 'fail', bypass: '' })
    expect(byName(fake.checkRuns)['reliability/rollback-plan']?.conclusion).toBe('failure')
    expect(r.summary).toContain('**Bypass refused:** the label `reliability-bypass` was applied by @mallory, who is not allowed to bypass')
    expect(r.summary).toContain('the token cannot read the organisation’s teams (403)')
  })

  test('a config change in the PR does not apply: the policy comes from the base commit', async () => {
    fake.setPullRequestFiles(PR, [{ filename: 'prompts/research.md', status: 'modified' }, { filename: '.github/reliability.yml', status: 'modified' }])
    const weakened = 'gate:\n  rollback-plan: { paths: ["nothing/**"] }\n  sev1-actions: { block: overdue }\n'
    const r = await run({ files: { 'prompts/research.md': 'v43', '.github/reliability.yml': weakened } })
    expect(r.code).toBe(1)
    expect(r.outputs['failed-gates']).toBe('rollback-plan')
    expect(r.summary).toContain(`Policy: \`.github/reliability.yml\` at base commit \`${BASE.slice(0, 7)}\``)
  })

  test('an invalid policy on the base fails all three checks saying where; an unreadable one (403) too', async () => {
    fake.gate.setFiles(BASE, { '.github/reliability.yml': 'gate:\n  sev1-actions: { block: sometimes }\n' })
    let r = await run()
    expect(r.code).toBe(1)
    expect(fake.checkRuns.map((c) => `${c.name} ${c.conclusion ?? ''} ${c.output.title ?? ''}`).sort()).toEqual(CHECKS.map((c) => `${c} failure Gate policy unavailable`).sort())
    expect(fake.checkRuns[0]?.output.summary).toContain('.github/reliability.yml:2:')
    expect(fake.checkRuns[0]?.output.summary).toContain('gate.sev1-actions.block: must be one of open, overdue')

    fake.reset()
    fake.gate.setFiles(BASE, { '.github/reliability.yml': POLICY, '.github/workflows/drills.yml': DRILLS_WORKFLOW })
    fake.inject('repos/get-content', { kind: 'rate-limit', resetInSeconds: 3600 })
    r = await run()
    expect(r.code).toBe(1)
    expect(fake.checkRuns).toHaveLength(3)
    expect(fake.checkRuns[0]?.output.summary).toContain('could not be read from the base commit')
  })

  test('merge_group: evaluated on the merge group head commit, with the queued PR’s labels', async () => {
    const GROUP = '2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d'
    const QUEUE_BASE = '380387fbc80638b734a49e1be1c4dfec1c01b33c'
    const payload = examplePayload('merge_group', 'checks_requested') as { merge_group: Record<string, unknown> }
    expect(payload.merge_group).toMatchObject({ head_sha: GROUP, base_sha: QUEUE_BASE, head_ref: expect.stringContaining('/pr-104-') })
    fake.gate.setFiles(QUEUE_BASE, { '.github/reliability.yml': POLICY, '.github/workflows/drills.yml': DRILLS_WORKFLOW })
    fake.gate.comparisons.set(`${QUEUE_BASE}...${GROUP}`, [{ filename: 'prompts/research.md' }, { filename: DOC, status: 'added' }])
    // The queued PR fixes the open Sev1 item: its label and reference count in the queue too.
    fake.gate.pulls.set(104, { number: 104, headSha: '5'.repeat(40), baseSha: QUEUE_BASE, labels: ['reliability-fix'], body: 'Fixes ENG-12' })
    fake.gate.workflows.set('drills.yml', [{ id: 905, headSha: GROUP, status: 'completed', conclusion: 'success', event: 'merge_group' }])
    const r = await run({ eventName: 'merge_group', payload: payload as unknown as Record<string, unknown>, sha: GROUP, files: { ...GREEN_FILES, 'docs/postmortems/PM-2.md': OPEN_SEV1 } })
    expect(r.code).toBe(0)
    expect(byName(fake.checkRuns)['reliability/sev1-actions']?.output.title).toBe('No blocking Sev1 action items (1 passed by reliability-fix)')
    expect(fake.checkRuns.map((c) => `${c.head_sha} ${c.conclusion ?? ''}`)).toEqual([`${GROUP} success`, `${GROUP} success`, `${GROUP} success`])
    expect(fake.requestsFor('pulls/get').map((q) => q.path)).toEqual(['/repos/Codertocat/Hello-World/pulls/104'])
    expect(fake.requestsFor('repos/compare-commits-with-basehead')).toHaveLength(1)
    // The policy, and the drill workflow file (it must exist at the base; its path filters do not decide for merge groups).
    expect(fake.requestsFor('repos/get-content')).toHaveLength(2)
  })

  test.each([
    ['429 with retry-after on the files listing', 'pulls/list-files' as const, { kind: 'secondary-rate-limit', retryAfter: 1 } as const, [429, 200]],
    ['502 on the drill runs', 'actions/list-workflow-runs' as const, { kind: 'status', status: 502 } as const, [502, 200]]
  ])('%s: retried, then the gate passes', async (_name, operation, fault, statuses) => {
    fake.inject(operation, fault)
    const r = await run()
    expect(r.code).toBe(0)
    expect(fake.requestsFor(operation).map((q) => q.status)).toEqual(statuses)
  }, 30_000)

  test('5xx that does not go away on the drill runs: the drill gate fails saying so, the others are evaluated', async () => {
    fake.inject('actions/list-workflow-runs', ...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 503 as const })))
    const r = await run()
    expect(r.code).toBe(1)
    expect(fake.requestsFor('actions/list-workflow-runs')).toHaveLength(4)
    expect(byName(fake.checkRuns)['reliability/drills']).toMatchObject({ conclusion: 'failure', output: { title: 'Drill result could not be read' } })
    expect(byName(fake.checkRuns)['reliability/rollback-plan']?.conclusion).toBe('success')
  }, 60_000)

  test('404 for the PR’s files (a token without access): every check fails, saying the inputs could not be read', async () => {
    const payload = pullRequestPayload()
    ;(payload.pull_request as { number: number }).number = 404
    const r = await run({ payload })
    expect(r.code).toBe(1)
    expect(fake.requestsFor('pulls/list-files').map((q) => q.status)).toEqual([404])
    expect(fake.checkRuns.map((c) => c.output.title)).toEqual(['Gate could not be evaluated', 'Gate could not be evaluated', 'Gate could not be evaluated'])
  })
})
