// The sync mode against the fake Linear server: every document validated against Linear's schema,
// exactly once through client-chosen issue ids, attachments carrying the key, faults of every kind.

import { afterAll, beforeAll, beforeEach, expect, it, describe } from '@jest/globals'
import { runSync, type SyncRunResult } from '../../src/modes/sync.js'
import { deterministicUuid } from '../../src/sync/keys.js'
import { describeWithLinearSchema, FakeLinear } from '../helpers/linear-server.js'
import { LINEAR_KEY, linearTracker, memoryRepo, NO_WAIT, postmortemText, syncTestConfig, type ItemSpec, type MemoryRepo } from './helpers.js'

let fake: FakeLinear
const OWNERS = { ana: 'ana@example.com', ben: { linear: 'ben@example.com' } }
const PATH = 'docs/postmortems/PM-7.md'

async function sync(repo: MemoryRepo, options: { dryRun?: boolean; sync?: Record<string, unknown> } = {}): Promise<SyncRunResult> {
  const config = syncTestConfig({ tracker: 'linear', owners: OWNERS, ...options.sync })
  return runSync(
    config,
    { dryRun: options.dryRun ?? false, trackerKind: 'linear', lineUrl: (p, l) => `https://github.com/acme/app/blob/HEAD/${p}#L${l}`, execute: NO_WAIT },
    repo.adapters(linearTracker(config, fake.url))
  )
}

const mutations = () => fake.requests.filter((r) => r.fields.some((f) => /Create|Update/.test(f)))
const A: ItemSpec = { summary: 'Add an idempotency key to the refund tool', owner: 'ana', due: '2027-01-15' }
const B: ItemSpec = { summary: 'Page on duplicate refunds', owner: 'ben', due: '2027-02-01' }
const C: ItemSpec = { summary: 'Roll back prompt v42', owner: 'zoe', due: '2027-03-01' }

describeWithLinearSchema('sync → Linear', () => {
  beforeAll(async () => {
    fake = await FakeLinear.start({ apiKeys: [LINEAR_KEY] })
  })
  afterAll(async () => {
    await fake.close()
  })
  beforeEach(() => fake.reset())

  it('creates issues with our ids, labels, assignees by email, priority, due date and the postmortem attached; a second run writes nothing', async () => {
    const repo = memoryRepo({ [PATH]: postmortemText(7, [A, B, C], 'Sev1') })
    const first = await sync(repo)
    expect(first.counts).toEqual({ created: 3, updated: 0, closed: 0, unchanged: 0, failed: 0 })
    expect(fake.requests.every((r) => r.errors === undefined)).toBe(true)
    expect(fake.requests.every((r) => r.headers.authorization === LINEAR_KEY)).toBe(true)
    const [a, b, c] = fake.issues
    const keyA = first.results[0]?.plan.item.key ?? ''
    expect(a?.id).toBe(deterministicUuid(keyA))
    expect(a).toMatchObject({ title: 'PM-7: Add an idempotency key to the refund tool', dueDate: '2027-01-15', priority: 1, assigneeId: 'user-ana' })
    expect(b?.assigneeId).toBe('user-ben')
    expect(c?.assigneeId).toBeNull()
    expect(first.warnings.join()).toMatch(/owner zoe: no email or Linear user id/)
    expect(fake.labels.map((l) => l.name)).toEqual(['reliability', 'Sev1'])
    expect(a?.labelIds).toEqual(fake.labels.map((l) => l.id))
    expect(fake.attachments.find((x) => x.issueId === a?.id)?.metadata).toEqual({ reliabilityLoopKey: keyA, postmortem: PATH })
    expect(repo.files.get(PATH)).toContain(':: 2027-01-15 [ENG-1](https://linear.app/fake/issue/ENG-1/')

    fake.requests.length = 0
    const second = await sync(repo)
    expect(second.counts).toMatchObject({ created: 0, unchanged: 3 })
    expect(mutations()).toEqual([])
    // Setup, the users (for the emails) and one page of issues.
    expect(fake.requests.map((r) => r.operationName)).toEqual(expect.arrayContaining(['SyncSetup', 'SyncUsers', 'SyncIssues']))
    expect(fake.requests).toHaveLength(3)
  })

  it('ticked items move their issue to the completed state; rewording keeps the issue; a move keeps it too', async () => {
    const repo = memoryRepo({ [PATH]: postmortemText(7, [A, B]), 'docs/postmortems/PM-8.md': postmortemText(8, []) })
    await sync(repo)
    repo.files.set(PATH, (repo.files.get(PATH) ?? '').replace('- [ ] Add an idempotency', '- [x] Add an idempotency').replace('Page on duplicate refunds', 'Page on every duplicate refund'))
    const run = await sync(repo)
    expect(run.counts).toMatchObject({ closed: 1, updated: 1, created: 0 })
    expect(fake.stateOf(fake.issues[0] ?? ({} as never))?.type).toBe('completed')
    expect(fake.issues[1]?.title).toBe('PM-7: Page on every duplicate refund')

    // Move without write-back: the attachment's key tells it.
    const repo2 = memoryRepo({ [PATH]: postmortemText(7, [{ summary: 'Move me', owner: 'ana' }]), 'docs/postmortems/PM-8.md': postmortemText(8, []) })
    await sync(repo2, { sync: { 'write-back': 'off' } })
    repo2.files.set(PATH, postmortemText(7, []))
    repo2.files.set('docs/postmortems/PM-8.md', postmortemText(8, [{ summary: 'Move me', owner: 'ana' }]))
    const moved = await sync(repo2, { sync: { 'write-back': 'off' } })
    expect(moved.counts).toMatchObject({ created: 0, updated: 1 })
    expect(moved.results[0]?.plan.matchedBy).toBe('move')
    fake.requests.length = 0
    expect((await sync(repo2, { sync: { 'write-back': 'off' } })).counts).toMatchObject({ created: 0, updated: 0, unchanged: 1 })
    expect(fake.issues).toHaveLength(3)
  })

  it('an issue whose label was removed by hand is not made twice: Linear refuses the id, and the issue is read back', async () => {
    const repo = memoryRepo({ [PATH]: postmortemText(7, [A]) })
    await sync(repo, { sync: { 'write-back': 'off' } })
    const issue = fake.issues[0]
    if (!issue) throw new Error('no issue')
    issue.labelIds = []
    const again = await sync(repo, { sync: { 'write-back': 'off' } })
    expect(again.counts).toMatchObject({ created: 1, failed: 0 })
    expect(again.results[0]?.ticket?.ref).toBe('ENG-1')
    expect(fake.issues).toHaveLength(1)
  })

  it('references: a Linear URL of another team is read; a Jira key is foreign', async () => {
    fake.teams.push({ id: 'team-ops', key: 'OPS', name: 'Ops', states: fake.teams[0]?.states ?? [] })
    fake.issues.push({ id: '00000000-0000-4000-8000-000000000001', teamId: 'team-ops', number: 5, title: 'By hand', description: null, dueDate: null, priority: 0, stateId: 'state-todo', assigneeId: null, labelIds: [] })
    const repo = memoryRepo({
      [PATH]: postmortemText(7, [
        { ...A, tail: '[OPS-5](https://linear.app/acme/issue/OPS-5/by-hand)', checked: true },
        { ...B, tail: '[PAY-9](https://acme.atlassian.net/browse/PAY-9)' }
      ])
    })
    const run = await sync(repo)
    expect(run.results.map((r) => r.plan.action)).toEqual(['close', 'unchanged'])
    expect(run.results[1]?.plan.reason).toMatch(/outside this tracker/)
    expect(fake.stateOf(fake.issues[0] ?? ({} as never))?.type).toBe('completed')
    expect(fake.issues).toHaveLength(1)
  })

  it('a team key that does not exist fails the run before anything is written, saying what to check', async () => {
    const repo = memoryRepo({ [PATH]: postmortemText(7, [A]) })
    const config = syncTestConfig({ tracker: 'linear' })
    await expect(runSync(config, { dryRun: false, trackerKind: 'linear', execute: NO_WAIT }, repo.adapters(linearTracker(config, fake.url, undefined, 'NOPE')))).rejects.toThrow(/no team with the key "NOPE"/)
    expect(mutations()).toEqual([])
  })

  it('the fake refuses what Linear refuses: a Bearer API key, and a document that does not fit the schema', async () => {
    const post = (auth: string, query: string) =>
      fetch(fake.url, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ query }) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { errors?: Array<{ message: string; extensions: { code: string } }> } }))
    const bearer = await post(`Bearer ${LINEAR_KEY}`, '{ teams { nodes { id } } }')
    expect(bearer.status).toBe(400)
    expect(bearer.body.errors?.[0]?.extensions.code).toBe('AUTHENTICATION_ERROR')
    const invalid = await post(LINEAR_KEY, '{ teams(filter: { slug: { eq: "eng" } }) { nodes { id emoji } } }')
    expect(invalid.status).toBe(400)
    expect(invalid.body.errors?.map((e) => e.extensions.code)).toEqual(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED'])
  })

  describe('faults', () => {
    it('429 with Retry-After, ratelimited errors with HTTP 200 and 400, 5xx and resets on reads are retried', async () => {
      fake.inject('teams', { kind: 'rate-limit-429', retryAfter: 1 }, { kind: 'rate-limit-error', http: 200, resetInMs: 5 })
      fake.inject('issues', { kind: 'status', status: 502 }, { kind: 'rate-limit-error', http: 400, resetInMs: 5 }, { kind: 'reset' })
      fake.inject('issueCreate', { kind: 'rate-limit-429', retryAfter: 0 }, { kind: 'status', status: 503 })
      const repo = memoryRepo({ [PATH]: postmortemText(7, [A, B]) })
      const run = await sync(repo)
      expect(run.counts).toMatchObject({ created: 2, failed: 0 })
      expect(fake.issues).toHaveLength(2)
      expect(fake.requests.filter((r) => r.fault !== undefined)).toHaveLength(7)
    })

    it('creates whose answer was lost after Linear made the issue (timeout, reset, 502) make no second issue', async () => {
      fake.inject('issueCreate', { kind: 'after-commit', then: { kind: 'timeout' } }, { kind: 'after-commit', then: { kind: 'reset' } }, { kind: 'after-commit', then: { kind: 'status', status: 502 } })
      const repo = memoryRepo({ [PATH]: postmortemText(7, [A, B, C]) })
      const run = await sync(repo)
      expect(run.counts).toMatchObject({ created: 3, failed: 0 })
      expect(fake.issues).toHaveLength(3)
      expect(new Set(run.results.map((r) => r.ticket?.ref))).toEqual(new Set(['ENG-1', 'ENG-2', 'ENG-3']))
      expect(fake.attachments).toHaveLength(3)
    })

    it('one item failing for good does not stop the others; the next run completes the job', async () => {
      fake.inject('issueCreate', ...Array.from({ length: 30 }, () => ({ kind: 'status' as const, status: 500 as const })))
      const repo = memoryRepo({ [PATH]: postmortemText(7, [A]) })
      const failed = await sync(repo)
      expect(failed.counts.failed).toBe(1)
      expect(failed.results[0]?.error).toMatch(/500/)
      fake.clearFaults()
      const done = await sync(repo)
      expect(done.counts).toMatchObject({ created: 1, failed: 0 })
      expect(fake.issues).toHaveLength(1)
    })
  })
})
