// A successful answer whose body is not what the API documents (a create answer without `key` from Jira,
// garbage from GitHub or Linear) fails that one item with a clear message; the others are done, the report
// is printed and their references are written back. Before: a TypeError, exit 3, no report, no write-back.

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { runSync } from '../../src/modes/sync.js'
import type { Tracker } from '../../src/sync/tracker.js'
import type { Config } from '../../src/config/types.js'
import { describeWithContract, FakeGitHub } from '../helpers/github-server.js'
import { describeWithJiraContract, FakeJira } from '../helpers/jira-server.js'
import { describeWithLinearSchema, FakeLinear } from '../helpers/linear-server.js'
import { diskRepo, githubEnv, removeDiskRepos, runCli } from './cli-helpers.js'
import { githubTracker, JIRA_EMAIL, JIRA_PAT, JIRA_TOKEN, jiraTracker, linearTracker, memoryRepo, NO_WAIT, postmortemText, syncTestConfig } from './helpers.js'

const PATH = 'docs/postmortems/PM-7.md'
const ITEMS = [
  { summary: 'Add an idempotency key', owner: 'ana', due: '2027-01-15' },
  { summary: 'Page on duplicate refunds', owner: 'ana', due: '2027-02-01' }
]
const GARBAGE = '<html><body>502 Bad Gateway (but with 200)</body></html>'

/** Runs the sync with one create answered by garbage; checks the item failed, the other was done and written back. */
async function oneGarbageCreate(tracker: (config: Config) => Tracker, expectedError: RegExp): Promise<() => Promise<unknown>> {
  const config = syncTestConfig({ concurrency: 1 })
  const repo = memoryRepo({ [PATH]: postmortemText(7, ITEMS) })
  const result = await runSync(config, { dryRun: false, trackerKind: 'github', execute: NO_WAIT }, repo.adapters(tracker(config)))
  expect(result.counts).toMatchObject({ created: 1, failed: 1 })
  const failed = result.results.find((r) => r.error !== undefined)
  expect(failed?.error).toMatch(expectedError)
  expect(failed?.error).not.toMatch(/TypeError|Cannot read properties/)
  // The item that succeeded has its reference written back; the failed one has none.
  expect(result.changedFiles).toEqual([PATH])
  const text = repo.files.get(PATH) ?? ''
  const done = result.results.find((r) => r.error === undefined)
  expect(text).toContain(`](${done?.ticket?.url ?? 'missing'})`)
  expect(text.split('\n').filter((l) => l.includes('](')).length).toBe(1)
  return () => runSync(config, { dryRun: false, trackerKind: 'github', execute: NO_WAIT }, repo.adapters(tracker(config)))
}

describeWithContract('garbage from GitHub', () => {
  let fake: FakeGitHub
  beforeAll(async () => {
    fake = await FakeGitHub.start()
  })
  afterAll(async () => {
    await fake.close()
    removeDiskRepos()
  })

  it('a 201 whose body is not an issue fails that item; the other is created and written back', async () => {
    fake.reset()
    fake.issueTracker.assignable.add('ana')
    fake.inject('issues/create', { kind: 'body', status: 201, body: GARBAGE })
    await oneGarbageCreate((config) => githubTracker(config, fake.url), /create failed: GitHub create issue in Codertocat\/Hello-World: unexpected answer \(expected an issue/)
  })

  it('a garbage page in the look-up stops the run before writing: exit 1 with the reason, not a crash', async () => {
    fake.reset()
    fake.inject('issues/list-for-repo', { kind: 'body', status: 200, body: '{"message": "not a list"}' })
    const root = diskRepo({ [PATH]: postmortemText(7, ITEMS) })
    const { code, stderr } = await runCli(['sync'], { cwd: root, env: githubEnv(fake.url) })
    expect(code).toBe(1)
    expect(stderr).toMatch(/could not read the github tracker \(GitHub list issues of Codertocat\/Hello-World: unexpected answer \(expected an array of issues\)/)
    expect(fake.issueTracker.issues).toEqual([])
    expect(readFileSync(path.join(root, PATH), 'utf8')).toBe(postmortemText(7, ITEMS))
  })

  it('the CLI prints the report and exits 1 when one create got garbage', async () => {
    fake.reset()
    fake.issueTracker.assignable.add('ana')
    fake.inject('issues/create', { kind: 'after-commit', then: { kind: 'body', status: 201, body: 'null' } })
    const root = diskRepo({ [PATH]: postmortemText(7, ITEMS) })
    const { code, stdout, stderr } = await runCli(['sync'], { cwd: root, env: githubEnv(fake.url) })
    expect(stderr).toBe('')
    expect(code).toBe(1)
    expect(stdout).toContain('1 created, 0 updated, 0 closed, 0 unchanged, 1 failed')
    expect(stdout).toMatch(/error: create failed: GitHub create issue .*unexpected answer/)
    expect(readFileSync(path.join(root, PATH), 'utf8')).toMatch(/\[#\d\]\(https:\/\/github\.com\/Codertocat\/Hello-World\/issues\/\d\)/)
    // The next run finds the issue whose answer was garbage by its key: no duplicate.
    const again = await runCli(['sync'], { cwd: root, env: githubEnv(fake.url) })
    expect(again.code).toBe(0)
    expect(fake.issueTracker.issues).toHaveLength(2)
  })
})

describeWithLinearSchema('garbage from Linear', () => {
  let fake: FakeLinear
  beforeAll(async () => {
    fake = await FakeLinear.start()
  })
  afterAll(async () => {
    await fake.close()
  })

  it('a 200 whose body is not JSON fails that item; the other is created and written back', async () => {
    fake.reset()
    fake.inject('issueCreate', { kind: 'body', status: 200, body: GARBAGE })
    await oneGarbageCreate((config) => linearTracker(config, fake.url), /create failed: Linear SyncCreateIssue: unexpected answer \(expected issueCreate with the issue\); got "<html>/)
  })

  it('an issues page without data is an error, never an empty list (which would create duplicates)', async () => {
    fake.reset()
    fake.inject('issues', { kind: 'body', status: 200, body: '{"data": {}}' })
    const config = syncTestConfig()
    const repo = memoryRepo({ [PATH]: postmortemText(7, ITEMS) })
    await expect(runSync(config, { dryRun: false, trackerKind: 'linear', execute: NO_WAIT }, repo.adapters(linearTracker(config, fake.url)))).rejects.toThrow(
      /Linear SyncIssues: unexpected answer \(expected a page of issues\)/
    )
    expect(fake.issues).toEqual([])
  })
})

describeWithJiraContract('a create answer without `key` from Jira', () => {
  let fake: FakeJira
  beforeAll(async () => {
    fake = await FakeJira.start({ tokens: { [JIRA_EMAIL]: JIRA_TOKEN }, pats: [JIRA_PAT], searchLag: 0 })
  })
  afterAll(async () => {
    await fake.close()
  })

  for (const flavour of ['cloud', 'dc'] as const) {
    it(`${flavour}: fails that item with the reason; the other is created and written back; the next run finds the issue`, async () => {
      fake.reset()
      fake.inject('createIssue', { kind: 'after-commit', then: { kind: 'body', status: 201, body: '{"id":"10001","self":"x"}' } })
      const rerun = await oneGarbageCreate((config) => jiraTracker(config, fake.url, flavour), /create failed: Jira create issue: unexpected answer \(expected the new issue’s id and key; the issue may have been created, and the next run finds it by its key\); got "\{\\?"id/)
      expect(fake.issues).toHaveLength(2)
      expect(await rerun()).toMatchObject({ counts: { created: 0, failed: 0, unchanged: 2 } })
      expect(fake.issues).toHaveLength(2)
    })
  }
})

