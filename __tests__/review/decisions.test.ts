// Decisions end to end on the fake Linear: the October packet is made, the meeting writes a decision into it,
// making the packet again keeps it, `sync` opens one ticket (none on a re-run) and closes it when ticked, and
// the November packet lists October's decisions with their tickets and the reliability tickets opened by hand.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { main } from '../../src/cli/main.js'
import { decisionsSectionLines, previousPacketPath } from '../../src/review/decisions.js'
import { handMadeTickets } from '../../src/review/hand-made-tickets.js'
import { describeWithLinearSchema, FakeLinear } from '../helpers/linear-server.js'
import { makeRepo, POSTMORTEM, removeRepos } from './fixtures.js'

afterAll(removeRepos)

describe('decisions in the packet', () => {
  it('reads the Decisions section up to the next heading of its level, not into fenced code', () => {
    const text = '# R\n\n## Data quality\n\n- x\n\n## Decisions\n\n- [ ] a :: @ana :: 2026-11-30\n```\n## not a heading\n```\n### Detail\n- b\n\n## After\n- c\n'
    expect(decisionsSectionLines(text)).toEqual(['- [ ] a :: @ana :: 2026-11-30', '```', '## not a heading', '```', '### Detail', '- b'])
    expect(decisionsSectionLines('# R\n\n## Summary\n')).toBeUndefined()
  })

  it('the previous packet is the last one before this period, in the output directory itself', () => {
    const paths = ['docs/reviews/2026-08.md', 'docs/reviews/2026-10.md', 'docs/reviews/2026-09.md', 'docs/reviews/old/2026-10-x.md', 'docs/reviews/2026-11.md']
    expect(previousPacketPath(paths, 'docs/reviews', '2026-11')).toBe('docs/reviews/2026-10.md')
    expect(previousPacketPath(paths, 'docs/reviews', '2026-08')).toBeUndefined()
  })

  it('hand-made tickets: open, without a key, matched by no item; oldest by number; by assignee', () => {
    const t = (id: string, over: object = {}) => ({ id, ref: `ENG-${id}`, url: `u/${id}`, title: `t${id}`, keys: [], state: 'open' as const, ...over })
    const found = handMadeTickets([t('12', { assignee: 'ana' }), t('3'), t('4', { keys: ['pm-1/aaaaaaaaaaaa'] }), t('5', { state: 'closed' }), t('6'), t('9', { assignee: 'ana' })], new Set(['6']))
    expect(found.count).toBe(3)
    expect(found.oldest?.ref).toBe('ENG-3')
    expect(found.byAssignee).toEqual([{ assignee: 'ana', tickets: 2 }, { assignee: '(unassigned)', tickets: 1 }])
    expect(found.tickets.map((x) => x.ref)).toEqual(['ENG-3', 'ENG-9', 'ENG-12'])
  })
})

const CONFIG = 'sync:\n  tracker: linear\n  linear:\n    team: ENG\n'
const PACKET = 'docs/reviews/2026-10.md'

describeWithLinearSchema('decisions → tickets → the next packet', () => {
  let fake: FakeLinear
  beforeAll(async () => {
    fake = await FakeLinear.start()
  })
  afterAll(async () => {
    await fake.close()
  })
  beforeEach(() => fake.reset())

  async function cli(argv: string[], cwd: string, now: string, env: Record<string, string> = {}) {
    let stdout = ''
    let stderr = ''
    const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: '1', ...env }, cwd, isTTY: false }, { now: () => new Date(now) })
    return { code, stdout, stderr }
  }
  const linearEnv = () => ({ LINEAR_API_KEY: 'lin_api_test', LINEAR_API_URL: fake.url })

  it('a decision written into the October packet becomes one ticket, closed when ticked, and November lists it with the hand-made tickets', async () => {
    const root = makeRepo({ 'docs/postmortems/PM-7.md': POSTMORTEM, '.github/reliability.yml': CONFIG })
    const file = path.join(root, PACKET)
    expect((await cli(['review', '--month', '2026-10', '--write'], root, '2026-11-03T09:00:00Z', linearEnv())).code).toBe(0)
    const made = readFileSync(file, 'utf8')
    expect(made).toMatch(/## Decisions\n\n<!-- Write each decision as an action item/)
    // The meeting writes its decisions; one has no owner or date.
    writeFileSync(file, `${made}\n- [ ] Add a loop-detection alert to the router :: @ana :: 2026-11-30\n- [ ] Someone looks at the budget\n`)
    const again = await cli(['review', '--month', '2026-10', '--write'], root, '2026-11-04T09:00:00Z', linearEnv())
    expect(again.code).toBe(0)
    expect(readFileSync(file, 'utf8')).toMatch(/## Decisions\n\n<!--[^]*-->\n\n- \[ \] Add a loop-detection alert to the router :: @ana :: 2026-11-30\n- \[ \] Someone looks at the budget\n$/)

    const before = fake.issues.length
    const synced = await cli(['sync'], root, '2026-11-04T10:00:00Z', linearEnv())
    expect(synced.code).toBe(0)
    const decisionIssues = fake.issues.filter((i) => i.title.startsWith('Review 2026-10: '))
    expect(decisionIssues.map((i) => i.title)).toEqual(['Review 2026-10: Add a loop-detection alert to the router'])
    expect(fake.issues.length - before).toBe(1 + 2) // the decision, and PM-7's two open items
    expect(synced.stdout + synced.stderr).toMatch(/Someone looks at the budget|2026-10\.md:\d+: decision lacks an owner and a real YYYY-MM-DD due date/)
    expect(readFileSync(file, 'utf8')).toMatch(/2026-11-30 \[ENG-\d+\]\(https:\/\/linear\.app\//)
    const rerun = await cli(['sync'], root, '2026-11-04T11:00:00Z', linearEnv())
    expect(rerun.code).toBe(0)
    expect(fake.issues.filter((i) => i.title.startsWith('Review 2026-10: '))).toHaveLength(1)

    // A reliability ticket opened by hand in Linear, with no postmortem behind it.
    const label = fake.labels.find((l) => l.name === 'reliability')
    fake.issues.push({ id: '0e6f8b9c-1d2e-4f3a-8b4c-5d6e7f8a9b0c', teamId: 'team-eng', number: 99, title: 'Flaky judge timeouts', description: null, dueDate: null, priority: 0, stateId: 'state-todo', assigneeId: 'user-ben', labelIds: label ? [label.id] : [] })

    const november = await cli(['review', '--month', '2026-11'], root, '2026-12-02T09:00:00Z', linearEnv())
    expect(november.code).toBe(0)
    const issue = decisionIssues[0]
    const ref = issue ? fake.identifier(issue) : 'missing'
    expect(november.stdout).toContain('## Previous decisions')
    expect(november.stdout).toMatch(new RegExp(`\\| \\[Add a loop-detection alert to the router\\]\\([^)]*2026-10\\.md#L\\d+\\) \\| @ana \\| 2026-11-30 \\| open \\| \\[${ref}\\]\\([^)]+\\) Todo \\|`))
    expect(november.stdout).toMatch(/\| \[Someone looks at the budget\]\([^)]*\) \| – \| – \| open, not synced \(no owner or due date\) \| – \|/)
    expect(november.stdout).toContain('#### Opened by hand in Linear')
    expect(november.stdout).toMatch(/1 open ticket with the reliability label comes from no postmortem or decision; the oldest \(lowest-numbered\) is \[ENG-99\]/)
    expect(november.stdout).toMatch(/\| \[ENG-99\]\([^)]+\) \| Flaky judge timeouts \| Todo \| user-ben \|/)

    // Ticking the decision closes its ticket.
    writeFileSync(file, readFileSync(file, 'utf8').replace('- [ ] Add a loop-detection alert', '- [x] Add a loop-detection alert'))
    const closing = await cli(['sync'], root, '2026-12-02T10:00:00Z', linearEnv())
    expect(closing.code).toBe(0)
    expect(issue && fake.stateOf(issue)?.type).toBe('completed')
  })

  it('a tracker that refuses the label search gives a data-quality line and no hand-made count', async () => {
    const root = makeRepo({ 'docs/postmortems/PM-7.md': POSTMORTEM, '.github/reliability.yml': CONFIG })
    fake.inject('issues', { kind: 'body', status: 400, body: '{"errors":[{"message":"Field \\"labels\\" is not defined by type \\"IssueFilter\\"","extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}' })
    const run = await cli(['review', '--month', '2026-10'], root, '2026-11-03T09:00:00Z', linearEnv())
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/could not search Linear for tickets labelled "reliability": [^|]+; the tickets' status and the hand-made reliability tickets are not shown/)
    expect(run.stdout).not.toContain('Opened by hand')
  })
})
