// End-to-end: the built Action bundle (dist/index.js) run as the runner runs it — a child process on
// Node 24 with the runner's environment (GITHUB_*, INPUT_* from action.yml's defaults plus the step's
// `with:`), a real webhook payload, a workspace of postmortems — against the fake GitHub API. What is
// checked is what GitHub would see: workflow commands on stdout, the GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, the exit code and the API requests.

import { describeWithContract, FakeGitHub, type PullRequestFile } from '../helpers/github-server.js'
import { ActionRunner, ensureBundle, examplePayload, type ActionRun, type RunOptions as HelperRunOptions } from '../helpers/run-action.js'

const TOKEN = 'ghs_e2eTokenThatMustNeverBePrinted'
const HEAD_SHA = '9d5c2f0b6e3a41c7a8f1e2d3c4b5a69788f0e1d2'
/** GITHUB_SHA on pull_request: the merge commit, which annotations and check runs must never use. */
const MERGE_SHA = '0b1c2d3e4f5061728394a5b6c7d8e9f00112233a'
const PR_NUMBER = 17

// ------------------------------------------------------------------------------------------------
// Postmortems

const GOOD = `# Incident PM-1: Billing agent retried refunds twice after a tool timeout

- Date: 2024-03-04
- Severity: Sev3
- Owners: @ana.lopez, @billing-oncall

## Summary

For 40 minutes on 2024-03-04 the billing agent issued some refunds twice. The refund tool timed out
after the payment provider had already accepted the request, and the agent retried it. Twelve
customers were refunded twice; we reversed the duplicates the same day.

## Timeline

- 2024-03-04 10:02 UTC — Payment provider latency rises; refund tool calls start timing out.
- 2024-03-04 10:15 UTC — Finance alert on duplicate refunds fires.
- 2024-03-04 10:42 UTC — Agent retries for the refund tool disabled; duplicates stop.

## Root Cause

The refund tool was not idempotent: a retry after a timeout created a second refund instead of
returning the first. The agent's retry policy treated every timeout as a failed call.

## Customer Impact

Twelve customers received a second refund (EUR 1,840 in total), reversed within six hours. No data
was exposed.

## Action Items

- [ ] Pass an idempotency key with every refund call :: @ana.lopez :: 2024-04-01
- [x] Disable agent retries for the refund tool :: @billing-oncall :: 2024-03-04
`

/** Another id, no Severity (error), Customer Impact before Root Cause (warning), a plain bullet as action item (error). */
function broken(id: number): string {
  return GOOD.replace('PM-1:', `PM-${id}:`)
    .replace('- Severity: Sev3\n', '')
    .replace(/## Root Cause\n\n[\s\S]*?\n\n(## Customer Impact\n\n[\s\S]*?\n\n)/, (_m, impact: string) => `${impact}## Root Cause\n\nThe refund tool was not idempotent.\n\n`)
    .replace('- [x] Disable agent retries', '- Disable agent retries')
}

/** `n` action items without a checkbox: n errors of PM007. */
function manyErrors(id: number, n: number): string {
  const items = Array.from({ length: n }, (_, i) => `- Fix thing ${i + 1}`).join('\n')
  return GOOD.replace('PM-1:', `PM-${id}:`).replace(/## Action Items\n\n[\s\S]*$/, `## Action Items\n\n${items}\n`)
}

// ------------------------------------------------------------------------------------------------
// The runner

/** A real `pull_request` `synchronize` payload, pointed at our PR, its head commit and merge commit. */
function pullRequestPayload(options: { changedFiles: number; fork?: boolean }): Record<string, unknown> {
  const payload = examplePayload('pull_request', 'synchronize') as {
    number: number
    pull_request: { number: number; head: { sha: string; repo: { full_name: string } }; merge_commit_sha: string | null; changed_files: number }
  }
  payload.number = PR_NUMBER
  payload.pull_request.number = PR_NUMBER
  payload.pull_request.head.sha = HEAD_SHA
  payload.pull_request.merge_commit_sha = MERGE_SHA
  payload.pull_request.changed_files = options.changedFiles
  if (options.fork) payload.pull_request.head.repo = { ...payload.pull_request.head.repo, full_name: 'a-contributor/Hello-World' }
  return payload as unknown as Record<string, unknown>
}

type RunOptions = Omit<HelperRunOptions, 'token' | 'sha'>

let runner: ActionRunner

/** Runs the bundle with our token; GITHUB_SHA is the merge commit on pull_request, as on a real runner. */
function runAction(_fake: FakeGitHub, options: RunOptions): Promise<ActionRun> {
  return runner.run({ ...options, token: TOKEN, sha: options.eventName.startsWith('pull_request') ? MERGE_SHA : HEAD_SHA })
}

const PM = (id: number | string) => `docs/postmortems/PM-${id}.md`
const blob = (path: string, line: number) => `https://github.com/Codertocat/Hello-World/blob/${HEAD_SHA}/${path}#L${line}`

// ------------------------------------------------------------------------------------------------

describeWithContract('the Action bundle (dist/index.js on Node 24)', () => {
  let fake: FakeGitHub

  /** The repository: PM-1 good and PM-2 broken (added by the PR), PM-3 broken but untouched by the PR. */
  const repoFiles = { [PM(1)]: GOOD, [PM(2)]: broken(2), [PM(3)]: broken(3), 'README.md': '# project\n' }
  const prFiles: PullRequestFile[] = [
    { filename: PM(1), status: 'added' },
    { filename: PM(2), status: 'added' },
    { filename: 'README.md', status: 'modified' },
    { filename: PM(9), status: 'removed' },
    { filename: 'docs/postmortems/notes.md', status: 'added' }
  ]
  const pullRequest = (options: Partial<RunOptions> = {}) =>
    runAction(fake, { eventName: 'pull_request', payload: pullRequestPayload({ changedFiles: prFiles.length }), files: repoFiles, ...options })

  beforeAll(async () => {
    ensureBundle()
    fake = await FakeGitHub.start({ tokens: [TOKEN], owner: 'Codertocat', repo: 'Hello-World', repoId: 186853002, commits: [HEAD_SHA, MERGE_SHA] })
    runner = new ActionRunner(fake)
  }, 120_000)
  afterAll(async () => {
    await fake.close()
    runner.cleanup()
  })
  beforeEach(() => {
    fake.reset()
    fake.setPullRequestFiles(PR_NUMBER, prFiles)
  })

  test('a PR adding a good and a broken postmortem: annotations on the broken one only, outputs, summary, exit 1', async () => {
    const run = await pullRequest()
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)

    // The token is masked before anything else is printed, and never printed.
    expect(run.stdout.split('\n')[0]).toBe(`::add-mask::${TOKEN}`)
    expect(run.stdout.split(TOKEN)).toHaveLength(2)

    const findings = [...run.errors, ...run.warnings].filter((c) => c.properties.file !== undefined)
    expect(new Set(findings.map((c) => c.properties.file))).toEqual(new Set([PM(2)]))
    expect(findings.map((c) => c.properties.title).sort()).toEqual(['PM002 required-metadata', 'PM005 section-order', 'PM007 action-item-format'])
    for (const c of findings) {
      expect(Number(c.properties.line)).toBeGreaterThan(0)
      expect(Number(c.properties.col)).toBeGreaterThan(0)
    }
    const fileErrors = run.errors.filter((c) => c.properties.file !== undefined)
    const fileWarnings = run.warnings.filter((c) => c.properties.file !== undefined)
    expect(fileErrors).toHaveLength(2)
    expect(fileWarnings).toHaveLength(1)
    // The step fails with one unannotated error saying why.
    expect(run.errors.filter((c) => c.properties.file === undefined).map((c) => c.message)).toEqual([
      '2 errors in 2 postmortems (fail-on: error); see the annotations and the job summary.'
    ])
    expect(run.outputs).toEqual({ errors: '2', warnings: '1', files: '2', result: 'fail' })

    // The summary: every finding, linked to its line on the PR's head commit.
    expect(run.summary).toContain('## ❌ reliability-loop lint: 2 errors, 1 warning in 2 postmortems')
    expect(run.summary).toContain(`Linted the 2 postmortems that pull request #${PR_NUMBER} adds or changes`)
    for (const c of findings) expect(run.summary).toContain(`[${PM(2)}](${blob(PM(2), Number(c.properties.line))}) | ${c.properties.line} | ${c.properties.title} | ${c.command} |`)
    expect(run.summary).not.toContain(MERGE_SHA)
    expect(run.summary).toContain('**Totals:** 2 errors, 1 warning, 2 files linted')

    // One listing of the PR's files, authenticated; no check run for 2 errors and 1 warning.
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /repos/Codertocat/Hello-World/pulls/${PR_NUMBER}/files`])
    expect(fake.requests[0]?.headers.authorization).toBe(`token ${TOKEN}`)
  })

  test('more than 10 errors: a check run on the head commit carries all of them, 50 per request', async () => {
    const files = { ...repoFiles, [PM(5)]: manyErrors(5, 60), [PM(6)]: manyErrors(6, 61) }
    fake.setPullRequestFiles(PR_NUMBER, [{ filename: PM(5) }, { filename: PM(6) }])
    const run = await pullRequest({ files })
    expect(run.code).toBe(1)

    const annotated = run.errors.filter((c) => c.properties.file !== undefined)
    expect(annotated).toHaveLength(121)
    expect(run.outputs).toEqual({ errors: '121', warnings: '0', files: '2', result: 'fail' })

    const writes = fake.requests.filter((r) => r.operation === 'checks/create' || r.operation === 'checks/update')
    expect(writes.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 201', 'PATCH 200', 'PATCH 200'])
    const sizes = writes.map((r) => (r.body as { output: { annotations: unknown[] } }).output.annotations.length)
    expect(sizes).toEqual([50, 50, 21])
    const created = writes[0]?.body as { name: string; head_sha: string; status: string; conclusion: string; output: { title: string; summary: string } }
    expect(created).toMatchObject({
      name: 'reliability/lint',
      head_sha: HEAD_SHA,
      status: 'completed',
      conclusion: 'failure',
      details_url: 'https://github.com/Codertocat/Hello-World/actions/runs/4242'
    })
    expect(created.output.title).toBe('121 errors, 0 warnings in 2 postmortems')
    expect(created.output.summary).toContain('| File | Line | Rule | Severity | Message |')
    // The merge commit (GITHUB_SHA) is never what we report on.
    expect(JSON.stringify(fake.requests.map((r) => r.body ?? null))).not.toContain(MERGE_SHA)

    const [checkRun] = fake.checkRuns
    expect(fake.checkRuns).toHaveLength(1)
    expect(checkRun?.head_sha).toBe(HEAD_SHA)
    expect(checkRun?.annotations.map((a) => `${a.path}:${a.start_line}:${a.start_column ?? ''} ${a.annotation_level} ${a.title ?? ''} ${a.message}`).sort()).toEqual(
      annotated.map((c) => `${c.properties.file}:${c.properties.line}:${c.properties.col} failure ${c.properties.title} ${c.message}`).sort()
    )
    expect(run.summary).toContain(`Every finding is also an annotation of the check run [reliability/lint](https://github.com/Codertocat/Hello-World/runs/${checkRun?.id ?? 0})`)
    expect(run.summary.split('\n').filter((l) => l.startsWith('| [docs/'))).toHaveLength(121)
  })

  test('a read-only token (fork PR): a warning saying what to do, and the run still reports everything', async () => {
    fake.readOnly = true
    const files = { ...repoFiles, [PM(5)]: manyErrors(5, 12) }
    fake.setPullRequestFiles(PR_NUMBER, [{ filename: PM(5) }])
    const run = await runAction(fake, {
      eventName: 'pull_request',
      payload: pullRequestPayload({ changedFiles: 1, fork: true }),
      files,
      with: { 'fail-on': 'never' }
    })
    expect(run.code).toBe(0)
    expect(fake.requests.filter((r) => r.operation === 'checks/create').map((r) => r.status)).toEqual([403])
    expect(fake.requestsFor('checks/update')).toHaveLength(0)
    const warnings = run.warnings.filter((c) => c.properties.file === undefined)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.message).toContain('Could not create the check run "reliability/lint" (403 Resource not accessible by integration')
    expect(warnings[0]?.message).toContain('permissions: checks: write')
    expect(warnings[0]?.message).toContain('comes from a fork')
    expect(warnings[0]?.message).toContain('the job summary')
    expect(run.errors.filter((c) => c.properties.file === PM(5))).toHaveLength(12)
    expect(run.outputs).toEqual({ errors: '12', warnings: '0', files: '1', result: 'pass' })
    expect(run.summary.split('\n').filter((l) => l.startsWith('| [docs/'))).toHaveLength(12)
  })

  test('a read-only token with fail-on: error still fails for the findings only', async () => {
    fake.readOnly = true
    const run = await pullRequest({ with: { 'check-run': 'always' } })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('fail')
    expect(run.warnings.filter((c) => c.properties.file === undefined)).toHaveLength(1)
    expect(run.errors.filter((c) => c.properties.file === undefined).map((c) => c.message)).toEqual([expect.stringMatching(/^2 errors in 2 postmortems/)])
  })

  test.each([
    ['429 (secondary rate limit, retry-after)', { kind: 'secondary-rate-limit', retryAfter: 1 } as const, 429],
    ['502', { kind: 'status', status: 502 } as const, 502]
  ])('listing the PR files survives a %s and then succeeds', async (_what, fault, status) => {
    fake.inject('pulls/list-files', fault)
    const run = await pullRequest()
    expect(fake.requestsFor('pulls/list-files').map((r) => r.status)).toEqual([status, 200])
    expect(run.code).toBe(1)
    expect(run.outputs).toEqual({ errors: '2', warnings: '1', files: '2', result: 'fail' })
    expect(new Set(run.errors.filter((c) => c.properties.file).map((c) => c.properties.file))).toEqual(new Set([PM(2)]))
    // A retry that works is logged, not warned about.
    expect(run.warnings.filter((c) => c.properties.file === undefined)).toEqual([])
    expect(run.stdout).toMatch(status === 429 ? /GitHub secondary rate limit on GET \S+: retrying in 1 s/ : /failed \(attempt 1\): Server Error/)
  })

  test('when the PR files cannot be listed (here: a revoked token), every postmortem is linted and a warning says why', async () => {
    const run = await pullRequest({ with: { token: 'ghs_revoked' } })
    expect(fake.requestsFor('pulls/list-files').map((r) => r.status)).toEqual([401])
    expect(run.warnings.filter((c) => !c.properties.file).map((c) => c.message)).toEqual([
      `Could not list the files of pull request #${PR_NUMBER} (Bad credentials - https://docs.github.com/rest); linting every postmortem instead.`
    ])
    expect(run.outputs).toEqual({ errors: '4', warnings: '2', files: '3', result: 'fail' })
    expect(run.summary).toContain(`The files of pull request #${PR_NUMBER} could not be listed. Linted every postmortem matching`)
  })

  test('without a token, every postmortem is linted and no API is called', async () => {
    const run = await pullRequest({ with: { token: '' } })
    expect(fake.requests).toEqual([])
    expect(run.outputs.files).toBe('3')
    expect(run.warnings.filter((c) => !c.properties.file).map((c) => c.message)).toEqual([expect.stringContaining('No token was given')])
  })

  test('a PR over GitHub’s 3000-file listing cap: says so and lints every postmortem', async () => {
    const many = [{ filename: PM(2) }, ...Array.from({ length: 3099 }, (_, i) => ({ filename: `src/generated/file-${i}.ts` }))]
    fake.setPullRequestFiles(PR_NUMBER, many)
    const run = await runAction(fake, { eventName: 'pull_request', payload: pullRequestPayload({ changedFiles: many.length }), files: repoFiles })
    expect(fake.requestsFor('pulls/list-files')).toHaveLength(30)
    expect(run.commands.filter((c) => c.command === 'notice').map((c) => c.message)).toEqual([
      `Pull request #${PR_NUMBER} changes 3100 files; GitHub lists at most 3000, so every postmortem is linted instead.`
    ])
    expect(run.outputs).toEqual({ errors: '4', warnings: '2', files: '3', result: 'fail' })
    expect(run.summary).toContain('more than the 3000 GitHub lists')
  })

  test('a changed postmortem missing from the workspace: a warning on how to check out the head commit', async () => {
    fake.setPullRequestFiles(PR_NUMBER, [...prFiles, { filename: PM(4), status: 'added' }])
    const run = await pullRequest()
    expect(run.warnings.filter((c) => !c.properties.file).map((c) => c.message)).toEqual([
      expect.stringMatching(/^1 postmortem changed by pull request #17 is not in the workspace \(docs\/postmortems\/PM-4\.md\): check out the pull request’s head commit/)
    ])
    expect(run.outputs).toEqual({ errors: '2', warnings: '1', files: '2', result: 'fail' })
  })

  test('file names with glob characters are linted as named, not as patterns', async () => {
    const files = { ...repoFiles, [PM('[8]')]: broken(8), [PM(8)]: broken(8) }
    fake.setPullRequestFiles(PR_NUMBER, [{ filename: PM('[8]'), status: 'added' }])
    const run = await pullRequest({ files })
    expect(run.outputs.files).toBe('1')
    expect(new Set(run.errors.filter((c) => c.properties.file).map((c) => c.properties.file))).toEqual(new Set([PM('[8]')]))
  })

  test('pull_request_target behaves as pull_request: the PR’s files, the head commit', async () => {
    const run = await runAction(fake, {
      eventName: 'pull_request_target',
      payload: pullRequestPayload({ changedFiles: prFiles.length }),
      files: repoFiles,
      with: { 'check-run': 'always' }
    })
    expect(run.outputs).toEqual({ errors: '2', warnings: '1', files: '2', result: 'fail' })
    expect(fake.requestsFor('pulls/list-files')).toHaveLength(1)
    expect(fake.checkRuns.map((r) => [r.head_sha, r.conclusion, r.annotations.length])).toEqual([[HEAD_SHA, 'failure', 3]])
  })

  test('push with changed-only: false lints every postmortem and calls no API', async () => {
    const payload = examplePayload('push')
    const run = await runAction(fake, { eventName: 'push', payload, files: repoFiles, with: { 'changed-only': 'false' } })
    expect(run.code).toBe(1)
    expect(new Set(run.errors.filter((c) => c.properties.file).map((c) => c.properties.file))).toEqual(new Set([PM(2), PM(3)]))
    expect(run.outputs).toEqual({ errors: '4', warnings: '2', files: '3', result: 'fail' })
    expect(run.summary).toContain('Linted every postmortem matching `docs/postmortems/**/PM-*.md`')
    expect(run.summary).toContain(blob(PM(3), 1).replace(/#L1$/, ''))
    expect(fake.requests).toEqual([])
  })

  test('a pull request with changed-only: false lints everything without listing its files', async () => {
    const run = await pullRequest({ with: { 'changed-only': 'false' } })
    expect(run.outputs.files).toBe('3')
    expect(fake.requestsFor('pulls/list-files')).toHaveLength(0)
  })

  test('a PR that changes no postmortem: "no postmortems changed", zero outputs, pass', async () => {
    fake.setPullRequestFiles(PR_NUMBER, [{ filename: 'README.md', status: 'modified' }, { filename: PM(2), status: 'removed' }])
    const run = await pullRequest()
    expect(run.code).toBe(0)
    expect(run.outputs).toEqual({ errors: '0', warnings: '0', files: '0', result: 'pass' })
    expect(run.summary).toContain(`No postmortems changed in pull request #${PR_NUMBER}`)
    expect(run.errors).toEqual([])
  })

  test('an invalid .github/reliability.yml fails the step with file:line:column and the key', async () => {
    const config = '# reliability-loop\nlint:\n  rules:\n    PM009: of\n'
    const run = await pullRequest({ files: { ...repoFiles, '.github/reliability.yml': config } })
    expect(run.code).toBe(1)
    const failure = run.errors.find((c) => c.properties.file === undefined)
    expect(failure?.message).toMatch(/^Invalid configuration: \.github\/reliability\.yml:4:12: lint\.rules\.PM009: must be one of off, warning, error/)
    expect(run.errors).toContainEqual(
      expect.objectContaining({ properties: expect.objectContaining({ file: '.github/reliability.yml', line: '4', col: '12', title: 'reliability-loop configuration' }) })
    )
    expect(fake.requests).toEqual([])
  })

  test('fail-on: never reports the findings and exits 0', async () => {
    const run = await pullRequest({ with: { 'fail-on': 'never' } })
    expect(run.code).toBe(0)
    expect(run.outputs).toEqual({ errors: '2', warnings: '1', files: '2', result: 'pass' })
    expect(run.errors.filter((c) => c.properties.file)).toHaveLength(2)
    expect(run.errors.filter((c) => !c.properties.file)).toEqual([])
  })

  test('fail-on: warning fails on a warning alone; rules and check-run inputs apply', async () => {
    const run = await pullRequest({ with: { 'fail-on': 'warning', rules: 'PM002=off\nPM007=off', 'check-run': 'always', 'check-name': 'postmortems' } })
    expect(run.code).toBe(1)
    expect(run.outputs).toEqual({ errors: '0', warnings: '1', files: '2', result: 'fail' })
    expect(fake.checkRuns).toEqual([expect.objectContaining({ name: 'postmortems', head_sha: HEAD_SHA, conclusion: 'failure', annotations: [expect.objectContaining({ annotation_level: 'warning' })] })])
  })

  test('the paths input replaces the configured globs', async () => {
    const files = { ...repoFiles, 'incidents/PM-7.md': broken(7) }
    fake.setPullRequestFiles(PR_NUMBER, [{ filename: 'incidents/PM-7.md' }, { filename: PM(2) }])
    const run = await pullRequest({ files, with: { paths: 'incidents/**/PM-*.md' } })
    expect(new Set(run.errors.filter((c) => c.properties.file).map((c) => c.properties.file))).toEqual(new Set(['incidents/PM-7.md']))
    expect(run.outputs.files).toBe('1')
  })

  test('an unknown mode fails and names the modes there are', async () => {
    const run = await pullRequest({ with: { mode: 'lnit' } })
    expect(run.code).toBe(1)
    expect(run.errors.map((c) => c.message)).toEqual(['input mode: unknown mode "lnit"; available: lint, experiment, gate, sync, audit, review, publish, export, postmortem.'])
    expect(fake.requests).toEqual([])
  })

  test('a bad input value fails with the input named', async () => {
    const run = await pullRequest({ with: { 'fail-on': 'sometimes' } })
    expect(run.code).toBe(1)
    expect(run.errors.map((c) => c.message)).toEqual(['input fail-on: must be one of error, warning, never (got "sometimes")'])
  })
})
