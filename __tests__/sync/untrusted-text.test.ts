// Vendor bodies are untrusted text: a 1.1 MB 500 page with terminal escape sequences and a line starting
// `::set-output` (which a GitHub runner would obey in a `run:` step) must reach the user as a short,
// cleaned excerpt. Checked for every tracker, on what is printed: the CLI's output, the report's text.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { runSync } from '../../src/modes/sync.js'
import { formatSyncText } from '../../src/report/sync-text.js'
import type { Tracker } from '../../src/sync/tracker.js'
import type { Config } from '../../src/config/types.js'
import { describeWithContract, FakeGitHub } from '../helpers/github-server.js'
import { describeWithJiraContract, FakeJira } from '../helpers/jira-server.js'
import { describeWithLinearSchema, FakeLinear } from '../helpers/linear-server.js'
import type { BodyFault } from '../helpers/body-fault.js'
import { diskRepo, githubEnv, removeDiskRepos, runCli } from './cli-helpers.js'
import { FAST_TRANSPORT, githubTracker, JIRA_EMAIL, JIRA_PAT, JIRA_TOKEN, jiraTracker, linearTracker, memoryRepo, NO_WAIT, postmortemText, syncTestConfig } from './helpers.js'

const PATH = 'docs/postmortems/PM-7.md'
const TEXT = postmortemText(7, [{ summary: 'Add an idempotency key', owner: 'ana', due: '2027-01-15' }])
const HOSTILE = `\u001b]0;owned\u0007\u001b[31mInternal error\u001b[0m\r\n::set-output name=result::pass\n::add-mask::x\n${'A'.repeat(1_100_000)}\n\u001b[2J`
const FAULT: BodyFault = { kind: 'body', status: 500, body: HOSTILE, contentType: 'text/plain; charset=utf-8' }
const faults = (n: number) => Array.from({ length: n }, () => FAULT)

/** What a person (or a runner reading the log) would see is short, has no escape or control character, and starts no workflow command. */
function expectSafe(printed: string): void {
  expect(printed.length).toBeLessThan(4000)
  expect(printed).not.toContain('\u001b')
  expect(printed).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
  for (const line of printed.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false)
}

async function reportOfFailedCreate(tracker: (config: Config) => Tracker): Promise<string> {
  const config = syncTestConfig()
  const result = await runSync(config, { dryRun: false, trackerKind: 'github', execute: NO_WAIT }, memoryRepo({ [PATH]: TEXT }).adapters(tracker(config)))
  expect(result.counts.failed).toBe(1)
  const text = formatSyncText(result, { color: false })
  expect(text).toContain('Internal error')
  return text
}

afterAll(removeDiskRepos)

describeWithContract('a hostile 500 body from GitHub', () => {
  let fake: FakeGitHub
  beforeAll(async () => {
    fake = await FakeGitHub.start()
  })
  afterAll(async () => {
    await fake.close()
  })

  it('the CLI prints a short, clean error for the failed create', async () => {
    fake.reset()
    fake.issueTracker.assignable.add('ana')
    fake.inject('issues/create', ...faults(10))
    const run = await runCli(['sync'], { cwd: diskRepo({ [PATH]: TEXT }), env: githubEnv(fake.url) })
    expect(run.code).toBe(1)
    const printed = run.stdout + run.stderr
    expect(printed).toMatch(/error: create failed .*Internal error/)
    expect(printed).toContain('more characters cut')
    expectSafe(printed)
  }, 60_000)

  it('a ticket title edited in the tracker (escape sequences, a line starting ::) prints clean in the report', async () => {
    fake.reset()
    fake.issueTracker.seed({ title: 'Old item\n::set-output name=result::pass\u001b[31m', labels: ['reliability'], body: '<!-- reliability-loop:key=pm-7/0123456789ab -->' })
    const config = syncTestConfig()
    const result = await runSync(config, { dryRun: true, trackerKind: 'github' }, memoryRepo({ [PATH]: TEXT }).adapters(githubTracker(config, fake.url)))
    expect(result.orphans).toHaveLength(1)
    const text = formatSyncText(result, { color: false })
    expect(text).toContain('open ticket without an item: #1 Old item ::set-output name=result::pass (')
    expectSafe(text)
  })

  it('a failed look-up: the error that stops the run is short and clean too', async () => {
    fake.reset()
    fake.inject('issues/list-for-repo', ...faults(10))
    const config = syncTestConfig()
    const error = await runSync(config, { dryRun: false, trackerKind: 'github' }, memoryRepo({ [PATH]: TEXT }).adapters(githubTracker(config, fake.url, { ...FAST_TRANSPORT, retries: 1 }))).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toContain('Internal error')
    expectSafe((error as Error).message)
  })
})

describeWithLinearSchema('a hostile 500 body from Linear', () => {
  let fake: FakeLinear
  beforeAll(async () => {
    fake = await FakeLinear.start()
  })
  afterAll(async () => {
    await fake.close()
  })

  it('the report shows a short, clean error', async () => {
    fake.reset()
    fake.inject('issueCreate', ...faults(40))
    expectSafe(await reportOfFailedCreate((config) => linearTracker(config, fake.url)))
  })
})

describeWithJiraContract('a hostile 500 body from Jira', () => {
  let fake: FakeJira
  beforeAll(async () => {
    fake = await FakeJira.start({ tokens: { [JIRA_EMAIL]: JIRA_TOKEN }, pats: [JIRA_PAT], searchLag: 0 })
  })
  afterAll(async () => {
    await fake.close()
  })

  it('Cloud and Data Center: the report shows a short, clean error', async () => {
    for (const flavour of ['cloud', 'dc'] as const) {
      fake.reset()
      fake.inject('createIssue', ...faults(10))
      expectSafe(await reportOfFailedCreate((config) => jiraTracker(config, fake.url, flavour)))
    }
  })

  it('a 400 whose errorMessages carry escape sequences and a workflow command', async () => {
    fake.reset()
    fake.inject('createIssue', { kind: 'body', status: 400, body: JSON.stringify({ errorMessages: [HOSTILE], errors: { summary: '\u001b[31mbad\n::error::x' } }) })
    const text = await reportOfFailedCreate((config) => jiraTracker(config, fake.url))
    expectSafe(text)
  })
})
