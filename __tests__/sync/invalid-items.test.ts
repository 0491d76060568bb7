// Items that `lint` rejects (PM007: no owner, no due date; PM009: a placeholder on the item's line) are
// never turned into tickets quietly: planned with a warning naming the rule, or, with
// `sync.require-valid-items: true`, skipped (and an existing ticket is not rewritten from them).

import { beforeEach, describe, expect, it } from '@jest/globals'
import { runSync, type SyncRunResult } from '../../src/modes/sync.js'
import { describeWithContract, type FakeGitHub } from '../helpers/github-server.js'
import { fakeGitHubPerBlock } from './cli-helpers.js'
import { githubTracker, itemLine, memoryRepo, NO_WAIT, postmortemText, syncTestConfig, type MemoryRepo } from './helpers.js'

const PATH = 'docs/postmortems/PM-7.md'
const VALID = itemLine({ summary: 'Add an idempotency key', owner: 'ana', due: '2027-01-15' })
const NO_OWNER = '- [ ] Page on duplicate refunds :: 2027-02-01'
const NO_DUE = '- [ ] Write the refund runbook :: @ana'
const PLACEHOLDER = '- [ ] Review the retry budget :: @TBD :: 2027-03-01'
const LINES = [VALID, NO_OWNER, NO_DUE, PLACEHOLDER]

function lineOf(text: string, item: string): number {
  return text.split('\n').indexOf(item) + 1
}

let fake: FakeGitHub

async function sync(repo: MemoryRepo, options: { dryRun?: boolean; sync?: Record<string, unknown>; tracker?: boolean } = {}): Promise<SyncRunResult> {
  const config = syncTestConfig(options.sync)
  return runSync(config, { dryRun: options.dryRun ?? false, trackerKind: 'github', execute: NO_WAIT }, repo.adapters(options.tracker === false ? undefined : githubTracker(config, fake.url)))
}

describe('items lint rejects, without asking a tracker (dry run)', () => {
  it('are planned, each with a warning naming the rule and the line', async () => {
    const text = postmortemText(7, LINES)
    const result = await sync(memoryRepo({ [PATH]: text }), { dryRun: true, tracker: false })
    expect(result.results.map((r) => r.plan.action)).toEqual(['create', 'create', 'create', 'create'])
    expect(result.warnings).toHaveLength(3)
    expect(result.warnings[0]).toMatch(new RegExp(`^${PATH}:${lineOf(text, NO_OWNER)}: PM007 Action item "Page on duplicate refunds" has no owner.*Planned anyway; set sync.require-valid-items: true`))
    expect(result.warnings[1]).toMatch(new RegExp(`^${PATH}:${lineOf(text, NO_DUE)}: PM007 .*missing its due date`))
    expect(result.warnings[2]).toMatch(new RegExp(`^${PATH}:${lineOf(text, PLACEHOLDER)}: PM009 Placeholder "TBD"`))
  })

  it('a rule turned off in lint (or disabled in the file) is not held against the items', async () => {
    const config = syncTestConfig()
    config.lint.rules = { ...config.lint.rules, PM007: 'off' }
    const text = postmortemText(7, LINES)
    const result = await runSync(config, { dryRun: true, trackerKind: 'github' }, memoryRepo({ [PATH]: text }).adapters())
    expect(result.warnings.map((w) => w.split(': ')[1]?.slice(0, 5))).toEqual(['PM009'])
    const disabled = await sync(memoryRepo({ [PATH]: `<!-- reliability-loop-disable PM007 PM009 -->\n${text}` }), { dryRun: true, tracker: false })
    expect(disabled.warnings).toEqual([])
  })

  it('with sync.require-valid-items: true they are skipped, the rule named in the reason', async () => {
    const result = await sync(memoryRepo({ [PATH]: postmortemText(7, LINES) }), { dryRun: true, tracker: false, sync: { 'require-valid-items': true } })
    expect(result.results.map((r) => r.plan.item.summary)).toEqual(['Add an idempotency key'])
    expect(result.skipped.map((s) => s.reason.slice(0, 5))).toEqual(['PM007', 'PM007', 'PM009'])
    expect(result.skipped[0]?.reason).toContain('(sync.require-valid-items is on)')
    expect(result.warnings).toEqual([])
  })
})

describeWithContract('items lint rejects, against the fake GitHub', () => {
  const server = fakeGitHubPerBlock()
  beforeEach(() => {
    fake = server()
  })

  it('by default every item gets its ticket, with the warnings; with require-valid-items only the valid one', async () => {
    const planned = await sync(memoryRepo({ [PATH]: postmortemText(7, LINES) }))
    expect(planned.counts.created).toBe(4)
    expect(planned.warnings.filter((w) => /PM00[79]/.test(w))).toHaveLength(3)

    fake.reset()
    const strict = await sync(memoryRepo({ [PATH]: postmortemText(7, LINES) }), { sync: { 'require-valid-items': true } })
    expect(strict.counts).toEqual({ created: 1, updated: 0, closed: 0, unchanged: 0, failed: 0 })
    expect(fake.issueTracker.issues.map((i) => i.title)).toEqual(['PM-7: Add an idempotency key'])
    expect(strict.skipped).toHaveLength(3)
  })

  it('with require-valid-items, a ticket whose item became invalid is left as it is, not rewritten', async () => {
    const repo = memoryRepo({ [PATH]: postmortemText(7, [VALID]) })
    await sync(repo, { sync: { 'write-back': 'off' } })
    expect(fake.issueTracker.issues).toHaveLength(1)
    repo.files.set(PATH, postmortemText(7, [itemLine({ summary: 'Add an idempotency key', owner: 'ana', due: '2027-13-45' })]))
    fake.requests.length = 0
    const strict = await sync(repo, { sync: { 'write-back': 'off', 'require-valid-items': true } })
    expect(strict.results.map((r) => [r.plan.action, r.plan.reason])).toEqual([['unchanged', expect.stringContaining('lint rejects (PM007')]])
    expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([])
  })
})
