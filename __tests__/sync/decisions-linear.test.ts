// Decisions of a review packet (docs/reviews/<period>.md, `## Decisions`) become tickets like action items:
// against the fake Linear, one ticket per decision labelled `review-decision`, none on a re-run, closed when
// ticked; a decision without an owner or due date is reported and not synced.

import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals'
import { runSync, type SyncRunResult } from '../../src/modes/sync.js'
import { collectDecisionItems, parseDecisionFile } from '../../src/sync/decisions.js'
import { describeWithLinearSchema, FakeLinear } from '../helpers/linear-server.js'
import { LINEAR_KEY, linearTracker, memoryRepo, NO_WAIT, postmortemText, syncTestConfig, type MemoryRepo } from './helpers.js'

let fake: FakeLinear
const PACKET = 'docs/reviews/2026-10.md'

function packetText(decisions: string[]): string {
  return [
    '# Reliability review: October 2026',
    '',
    'Period: 2026-10-01T00:00:00.000Z to 2026-11-01T00:00:00.000Z (end exclusive, UTC).',
    '',
    '## Action-item backlog',
    '',
    '- [ ] not a decision: the backlog section is never read :: @ana :: 2026-11-30',
    '',
    '## Decisions',
    '',
    '<!-- - [ ] an example inside the comment is not a decision :: @ana :: 2026-11-30 -->',
    '',
    ...decisions,
    ''
  ].join('\n')
}

async function sync(repo: MemoryRepo, options: { dryRun?: boolean; sync?: Record<string, unknown> } = {}): Promise<SyncRunResult> {
  const config = syncTestConfig({ tracker: 'linear', owners: { ana: 'ana@example.com' }, ...options.sync })
  return runSync(config, { dryRun: options.dryRun ?? false, trackerKind: 'linear', execute: NO_WAIT }, repo.adapters(linearTracker(config, fake.url)))
}

it('reads only the Decisions section, with stable keys and the review-decision label', () => {
  const pm = parseDecisionFile(packetText(['- [ ] Add a queue-depth alert :: @ana :: 2026-11-30', '- [ ] Nobody owns this', '- [x] Done already :: @ana :: 2026-10-30']), PACKET)
  const { items, skipped } = collectDecisionItems([pm])
  expect(items.map((i) => [i.summary, i.key.replace(/[0-9a-f]{12}/, 'D'), i.labels])).toEqual([
    ['Add a queue-depth alert', 'review-2026-10/D', ['review-decision']],
    ['Done already', 'review-2026-10/D', ['review-decision']]
  ])
  expect(skipped).toEqual([expect.objectContaining({ line: 14, summary: 'Nobody owns this', reason: expect.stringMatching(/^decision lacks an owner and a real YYYY-MM-DD due date \(as PM007/) })])
})

describeWithLinearSchema('decisions → Linear', () => {
  beforeAll(async () => {
    fake = await FakeLinear.start({ apiKeys: [LINEAR_KEY] })
  })
  afterAll(async () => {
    await fake.close()
  })
  beforeEach(() => fake.reset())

  it('a decision becomes one ticket, a re-run makes none, ticking it closes it; an unowned decision is reported, not synced', async () => {
    const repo = memoryRepo({
      'docs/postmortems/PM-7.md': postmortemText(7, [{ summary: 'Fix the retry loop', owner: 'ana', due: '2027-01-15' }]),
      [PACKET]: packetText(['- [ ] Add a queue-depth alert :: @ana :: 2026-11-30', '- [ ] Decide who owns the runbook'])
    })
    const first = await sync(repo)
    expect(first.counts).toEqual({ created: 2, updated: 0, closed: 0, unchanged: 0, failed: 0 })
    const decision = fake.issues.find((i) => i.title === 'Review 2026-10: Add a queue-depth alert')
    expect(decision).toMatchObject({ dueDate: '2026-11-30', assigneeId: 'user-ana' })
    expect(fake.labels.filter((l) => (decision?.labelIds ?? []).includes(l.id)).map((l) => l.name).sort()).toEqual(['reliability', 'review-decision'])
    expect(first.skipped).toEqual([expect.objectContaining({ path: PACKET, summary: 'Decide who owns the runbook', reason: expect.stringContaining('PM007') })])
    expect(first.itemWarnings.map((w) => w.path)).toEqual([PACKET])
    expect(repo.files.get(PACKET)).toMatch(/- \[ \] Add a queue-depth alert :: @ana :: 2026-11-30 \[ENG-\d+\]\(https:\/\/linear\.app\//)
    expect(repo.files.get(PACKET)).toContain('- [ ] not a decision: the backlog section is never read :: @ana :: 2026-11-30\n')

    const second = await sync(repo)
    expect(second.counts).toMatchObject({ created: 0, unchanged: 2, failed: 0 })
    expect(fake.issues).toHaveLength(2)

    repo.files.set(PACKET, (repo.files.get(PACKET) ?? '').replace('- [ ] Add a queue-depth alert', '- [x] Add a queue-depth alert'))
    const third = await sync(repo)
    expect(third.counts).toMatchObject({ created: 0, closed: 1 })
    expect(fake.stateOf(decision ?? ({} as never))?.type).toBe('completed')
  })

  it('decision-paths: [] syncs no decisions', async () => {
    const repo = memoryRepo({ [PACKET]: packetText(['- [ ] Add a queue-depth alert :: @ana :: 2026-11-30']) })
    const run = await sync(repo, { sync: { 'decision-paths': [] } })
    expect(run.counts.created).toBe(0)
    expect(fake.issues).toHaveLength(0)
  })
})
