// The sync mode against the fake GitHub server (real HTTP, requests validated against GitHub's REST
// contract): exactly one issue per open item across re-runs, rewording, reordering, moves, closing,
// partial failures and injected faults.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { runSync, type SyncRunResult } from '../../src/modes/sync.js'
import { describeWithContract, FakeGitHub } from '../helpers/github-server.js'
import { FAST_TRANSPORT, githubTracker, memoryRepo, NO_WAIT, postmortemText, syncTestConfig, type ItemSpec, type MemoryRepo } from './helpers.js'

let fake: FakeGitHub

async function sync(repo: MemoryRepo, options: { dryRun?: boolean; sync?: Record<string, unknown> } = {}): Promise<SyncRunResult> {
  const config = syncTestConfig(options.sync)
  return runSync(
    config,
    { dryRun: options.dryRun ?? false, trackerKind: 'github', lineUrl: (p, l) => `https://github.com/Codertocat/Hello-World/blob/HEAD/${p}#L${l}`, execute: NO_WAIT },
    repo.adapters(githubTracker(config, fake.url))
  )
}

const writes = () => fake.requests.filter((r) => r.method !== 'GET')
const issues = () => fake.issueTracker.issues

const A: ItemSpec = { summary: 'Add an idempotency key to the refund tool', owner: 'ana', due: '2027-01-15' }
const B: ItemSpec = { summary: 'Page on duplicate refunds', owner: 'ben', due: '2027-02-01' }
const C: ItemSpec = { summary: 'Roll back prompt v42', owner: 'ana', due: '2026-05-02', checked: true }

describeWithContract('sync → GitHub Issues', () => {
  beforeAll(async () => {
    fake = await FakeGitHub.start()
  })
  afterAll(async () => {
    await fake.close()
  })
  beforeEach(() => {
    fake.reset()
    fake.issueTracker.assignable.add('ana')
  })

  it('creates one issue per open item with marker, labels and assignee, writes the references back, and a second run writes nothing', async () => {
    const repo = memoryRepo({ 'docs/postmortems/PM-7.md': postmortemText(7, [A, B, C]) })
    const first = await sync(repo)
    expect(first.counts).toEqual({ created: 2, updated: 0, closed: 0, unchanged: 1, failed: 0 })
    expect(issues()).toHaveLength(2)
    const [a, b] = issues()
    expect(a?.title).toBe('PM-7: Add an idempotency key to the refund tool')
    expect(a?.labels).toEqual(['reliability', 'Sev2'])
    expect(a?.assignees).toEqual(['ana'])
    expect(a?.body).toMatch(/<!-- reliability-loop:key=pm-7\/[0-9a-f]{12} due=2027-01-15 -->/)
    expect(a?.body).toContain('https://github.com/Codertocat/Hello-World/blob/HEAD/docs/postmortems/PM-7.md#L')
    // ben is no collaborator: unassigned, with a warning that says what to do.
    expect(b?.assignees).toEqual([])
    expect(first.warnings.join('\n')).toMatch(/owner ben: ben cannot be assigned/)
    expect(first.results.find((r) => r.plan.item.owner === 'ben')?.plan.notes.join()).toMatch(/stays unassigned/)

    const text = repo.files.get('docs/postmortems/PM-7.md') ?? ''
    expect(text).toContain(`:: 2027-01-15 [#${a?.number}](https://github.com/Codertocat/Hello-World/issues/${a?.number})`)
    expect(text).toContain(`:: 2027-02-01 [#${b?.number}](https://github.com/Codertocat/Hello-World/issues/${b?.number})`)
    expect(first.changedFiles).toEqual(['docs/postmortems/PM-7.md'])

    fake.requests.length = 0
    const second = await sync(repo)
    expect(second.counts).toEqual({ created: 0, updated: 0, closed: 0, unchanged: 3, failed: 0 })
    expect(writes()).toEqual([])
    expect(second.changedFiles).toEqual([])
  })

  it('without write-back, re-runs match by key: still no duplicates', async () => {
    const repo = memoryRepo({ 'docs/postmortems/PM-7.md': postmortemText(7, [A, B]) })
    await sync(repo, { sync: { 'write-back': 'off' } })
    expect(repo.writes).toEqual([])
    fake.requests.length = 0
    const second = await sync(repo, { sync: { 'write-back': 'off' } })
    expect(second.counts.unchanged).toBe(2)
    expect(writes()).toEqual([])
    expect(issues()).toHaveLength(2)
  })

  it('looks the issues up with one paginated listing, not one request per item', async () => {
    const items = Array.from({ length: 230 }, (_, i) => ({ summary: `Fix thing number ${i}`, owner: 'ana' }))
    const repo = memoryRepo({ 'docs/postmortems/PM-7.md': postmortemText(7, items) })
    await sync(repo, { sync: { 'write-back': 'off' } })
    fake.requests.length = 0
    await sync(repo, { sync: { 'write-back': 'off' } })
    const reads = fake.requests.filter((r) => r.operation === 'issues/list-for-repo')
    expect(reads).toHaveLength(3) // ⌈230 ÷ 100⌉
    expect(reads[0]?.query).toMatchObject({ labels: 'reliability', state: 'all', per_page: '100' })
    expect(fake.requests).toHaveLength(4) // + one assignability check for @ana
  })

  it('closes the issue of a ticked item as completed, and leaves it closed afterwards', async () => {
    const repo = memoryRepo({ 'docs/postmortems/PM-7.md': postmortemText(7, [A, B]) })
    await sync(repo)
    repo.files.set('docs/postmortems/PM-7.md', (repo.files.get('docs/postmortems/PM-7.md') ?? '').replace('- [ ] Add an idempotency', '- [x] Add an idempotency'))
    const run = await sync(repo)
    expect(run.counts).toMatchObject({ closed: 1, unchanged: 1 })
    expect(issues()[0]).toMatchObject({ state: 'closed', stateReason: 'completed' })
    fake.requests.length = 0
    expect((await sync(repo)).counts).toMatchObject({ closed: 0, unchanged: 2 })
    expect(writes()).toEqual([])
  })

  it('rewording after the write-back keeps the issue: matched by its reference, title and key updated', async () => {
    const repo = memoryRepo({ 'docs/postmortems/PM-7.md': postmortemText(7, [A, B]) })
    await sync(repo)
    const path = 'docs/postmortems/PM-7.md'
    repo.files.set(path, (repo.files.get(path) ?? '').replace('Add an idempotency key to the refund tool', 'Send an idempotency key with every refund call'))
    const run = await sync(repo)
    expect(run.counts).toMatchObject({ created: 0, updated: 1, unchanged: 1 })
    const updated = run.results.find((r) => r.plan.action === 'update')
    expect(updated?.plan.matchedBy).toBe('reference')
    expect(updated?.plan.changes).toEqual(['title', 'key'])
    expect(issues()).toHaveLength(2)
    expect(issues()[0]?.title).toBe('PM-7: Send an idempotency key with every refund call')
    fake.requests.length = 0
    expect((await sync(repo)).counts.unchanged).toBe(2)
    expect(writes()).toEqual([])
  })

  it('reordering and re-wrapping items changes nothing; a change of case or emphasis keeps the key (title updated, nothing created)', async () => {
    const repo = memoryRepo({ 'docs/postmortems/PM-7.md': postmortemText(7, [A, B]) })
    await sync(repo, { sync: { 'write-back': 'off' } })
    const wrappedA = '- [ ] Add an idempotency key\n  to the refund tool :: @ana :: 2027-01-15'
    repo.files.set('docs/postmortems/PM-7.md', postmortemText(7, [B, wrappedA]))
    fake.requests.length = 0
    const run = await sync(repo, { sync: { 'write-back': 'off' } })
    expect(run.counts).toMatchObject({ created: 0, updated: 0, unchanged: 2 })
    expect(writes()).toEqual([])

    repo.files.set('docs/postmortems/PM-7.md', postmortemText(7, [{ ...B, summary: 'Page on  duplicate   refunds.' }, { ...A, summary: 'add an *idempotency* key to the refund tool' }]))
    const cosmetic = await sync(repo, { sync: { 'write-back': 'off' } })
    expect(cosmetic.counts).toMatchObject({ created: 0, updated: 2 })
    expect(cosmetic.results.every((r) => r.plan.matchedBy === 'key')).toBe(true)
    expect(issues()).toHaveLength(2)
  })

  it('an item moved to another postmortem keeps its issue, with or without a written-back reference', async () => {
    // Without the reference: found as a move (same wording, its old item gone).
    const repo = memoryRepo({ 'docs/postmortems/PM-7.md': postmortemText(7, [A, B]), 'docs/postmortems/PM-8.md': postmortemText(8, []) })
    await sync(repo, { sync: { 'write-back': 'off' } })
    repo.files.set('docs/postmortems/PM-7.md', postmortemText(7, [B]))
    repo.files.set('docs/postmortems/PM-8.md', postmortemText(8, [A]))
    const moved = await sync(repo, { sync: { 'write-back': 'off' } })
    expect(moved.counts).toMatchObject({ created: 0, updated: 1, unchanged: 1 })
    expect(moved.results.find((r) => r.plan.action === 'update')?.plan).toMatchObject({ matchedBy: 'move', reason: expect.stringContaining('moved from PM-7') })
    expect(issues()[0]?.title).toBe('PM-8: Add an idempotency key to the refund tool')
    expect(issues()[0]?.body).toMatch(/key=pm-8\//)
    expect(moved.orphans).toEqual([])

    // With the reference written back: matched by it.
    const repo2 = memoryRepo({ 'docs/postmortems/PM-7.md': postmortemText(7, [B]), 'docs/postmortems/PM-8.md': postmortemText(8, [A]) })
    await sync(repo2)
    const line = (repo2.files.get('docs/postmortems/PM-8.md') ?? '').split('\n').find((l) => l.includes('idempotency')) ?? ''
    repo2.files.set('docs/postmortems/PM-8.md', postmortemText(8, []))
    repo2.files.set('docs/postmortems/PM-7.md', postmortemText(7, [B]).replace('## Action Items\n\n', `## Action Items\n\n${line}\n`))
    const back = await sync(repo2)
    expect(back.counts).toMatchObject({ created: 0, updated: 1 })
    expect(back.results.find((r) => r.plan.action === 'update')?.plan.matchedBy).toBe('reference')
    expect(issues()).toHaveLength(2)
  })

  it('reports, and never closes, the issue of a removed item; reports an issue closed by hand while the item is open', async () => {
    const repo = memoryRepo({ 'docs/postmortems/PM-7.md': postmortemText(7, [A, B]) })
    await sync(repo, { sync: { 'write-back': 'off' } })
    repo.files.set('docs/postmortems/PM-7.md', postmortemText(7, [A]))
    const issueB = issues()[1]
    const issueA = issues()[0]
    if (!issueA || !issueB) throw new Error('expected two issues')
    issueA.state = 'closed'
    const run = await sync(repo, { sync: { 'write-back': 'off' } })
    expect(run.orphans.map((o) => o.ref)).toEqual([`#${issueB.number}`])
    expect(issueB.state).toBe('open')
    const a = run.results[0]
    expect(a?.plan).toMatchObject({ action: 'unchanged', reason: 'ticket closed in the tracker, item open', tick: false })
    expect(a?.plan.notes.join()).toMatch(/was closed in the tracker but the item is still open/)

    // With tick-closed, the write-back ticks it.
    const ticked = await sync(repo, { sync: { 'tick-closed': true } })
    expect(ticked.changedFiles).toEqual(['docs/postmortems/PM-7.md'])
    expect(repo.files.get('docs/postmortems/PM-7.md')).toMatch(/- \[x\] Add an idempotency key to the refund tool :: @ana :: 2027-01-15 \[#1\]/)
  })

  it('a dry run reads but writes nothing, neither tickets nor files', async () => {
    const repo = memoryRepo({ 'docs/postmortems/PM-7.md': postmortemText(7, [A, B, C]) })
    const before = repo.files.get('docs/postmortems/PM-7.md')
    const run = await sync(repo, { dryRun: true })
    expect(run.counts).toMatchObject({ created: 2, unchanged: 1 })
    expect(writes()).toEqual([])
    expect(repo.files.get('docs/postmortems/PM-7.md')).toBe(before)
  })

  it('matches an item that references an issue made by hand, and closes it when ticked, without rewriting it', async () => {
    const manual = fake.issueTracker.seed({ title: 'Refund tool idempotency (hand-made)', labels: [] })
    const repo = memoryRepo({ 'docs/postmortems/PM-7.md': postmortemText(7, [{ ...A, tail: `[#${manual.number}](https://github.com/Codertocat/Hello-World/issues/${manual.number})` }]) })
    const run = await sync(repo)
    expect(run.counts).toMatchObject({ created: 0, unchanged: 1 })
    expect(manual.title).toBe('Refund tool idempotency (hand-made)')
    repo.files.set('docs/postmortems/PM-7.md', (repo.files.get('docs/postmortems/PM-7.md') ?? '').replace('- [ ]', '- [x]'))
    expect((await sync(repo)).counts.closed).toBe(1)
    expect(manual.state).toBe('closed')
    expect(issues()).toHaveLength(1)
  })

  it('a reference to another tracker or a missing issue is reported, never duplicated', async () => {
    const repo = memoryRepo({
      'docs/postmortems/PM-7.md': postmortemText(7, [
        { ...A, tail: '[ENG-12](https://linear.app/acme/issue/ENG-12)' },
        { ...B, tail: '[#99](https://github.com/Codertocat/Hello-World/issues/99)' }
      ])
    })
    const run = await sync(repo)
    expect(run.counts).toMatchObject({ created: 0, unchanged: 2 })
    expect(run.results.map((r) => r.plan.reason)).toEqual([
      'references a ticket outside this tracker: [ENG-12](https://linear.app/acme/issue/ENG-12)',
      'references a ticket that does not exist (deleted, or a typo): [#99](https://github.com/Codertocat/Hello-World/issues/99)'
    ])
    expect(issues()).toHaveLength(0)
  })

  describe('faults', () => {
    it('retries 429 (honouring retry-after), 502 and connection resets, with no duplicates', async () => {
      fake.inject('issues/list-for-repo', { kind: 'secondary-rate-limit', retryAfter: 1 }, { kind: 'status', status: 502 })
      fake.inject('issues/create', { kind: 'secondary-rate-limit', retryAfter: 2 }, { kind: 'reset' }, { kind: 'status', status: 503 })
      const repo = memoryRepo({ 'docs/postmortems/PM-7.md': postmortemText(7, [A, B]) })
      const run = await sync(repo)
      expect(run.counts).toMatchObject({ created: 2, failed: 0 })
      expect(issues()).toHaveLength(2)
      expect(fake.requestsFor('issues/list-for-repo').some((r) => r.status === 429)).toBe(true)
    })

    it('a create that times out after GitHub made the issue is found by its key, not made again', async () => {
      fake.inject('issues/create', { kind: 'after-commit', then: { kind: 'timeout' } }, { kind: 'after-commit', then: { kind: 'status', status: 502 } })
      const repo = memoryRepo({ 'docs/postmortems/PM-7.md': postmortemText(7, [A, B]) })
      const run = await sync(repo)
      expect(run.counts).toMatchObject({ created: 2, failed: 0 })
      expect(run.results.filter((r) => r.recovered)).toHaveLength(2)
      expect(issues()).toHaveLength(2)
      // The look-up after the failure asks only for what changed since the run started.
      expect(fake.requestsFor('issues/list-for-repo').some((r) => r.query.since !== undefined)).toBe(true)
      // Both references were written back, from the recovered issues.
      expect(repo.files.get('docs/postmortems/PM-7.md')).toContain('[#2]')
    })

    it('one item failing does not stop the others; the next run completes the job without duplicates', async () => {
      const repo = memoryRepo({ 'docs/postmortems/PM-7.md': postmortemText(7, [A, B, { summary: 'Third thing', owner: 'ana' }]) })
      // One create fails with 503 and is not retried (one attempt, no transport retries): that item fails.
      fake.inject('issues/create', { kind: 'status', status: 503 })
      const config = syncTestConfig()
      const run = await runSync(config, { dryRun: false, trackerKind: 'github', execute: { ...NO_WAIT, attempts: 1 } }, repo.adapters(githubTracker(config, fake.url, { ...FAST_TRANSPORT, retries: 0 })))
      expect(run.counts.failed).toBe(1)
      expect(run.counts.created).toBe(2)
      expect(run.results.find((r) => r.error)?.error).toMatch(/create failed/)
      const second = await sync(repo)
      expect(second.counts).toMatchObject({ created: 1, failed: 0 })
      expect(issues()).toHaveLength(3)
      expect(new Set(issues().map((i) => i.title)).size).toBe(3)
    })

    it('with milestones, puts each issue in the milestone of its due date, creating the missing ones', async () => {
      const repo = memoryRepo({ 'docs/postmortems/PM-7.md': postmortemText(7, [A, B]) })
      const config = syncTestConfig({ github: { milestones: true } })
      fake.issueTracker.milestones.push({ number: 1, title: 'Due 2027-01-15', state: 'open', dueOn: null })
      const run = await runSync(config, { dryRun: false, trackerKind: 'github', execute: NO_WAIT }, repo.adapters(githubTracker(config, fake.url)))
      expect(run.counts).toMatchObject({ created: 2, failed: 0 })
      expect(issues().map((i) => i.milestone)).toEqual([1, 2])
      expect(fake.issueTracker.milestones.map((m) => m.title)).toEqual(['Due 2027-01-15', 'Due 2027-02-01'])
    })
  })
})
