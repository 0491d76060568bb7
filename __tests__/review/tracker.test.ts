// The review's tracker section: which ticket each synced action item has and where it stands, matched as
// sync matches them. End to end: `sync` makes the tickets in a fake Linear, people move them, `review`
// reads them back.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { main } from '../../src/cli/main.js'
import { collectSyncItems } from '../../src/sync/items.js'
import { parsePostmortem } from '../../src/postmortem/parse.js'
import { trackerStatusOf } from '../../src/review/tracker-status.js'
import type { Ticket } from '../../src/sync/tracker.js'
import { itemKey } from '../../src/sync/keys.js'
import { describeWithLinearSchema, FakeLinear } from '../helpers/linear-server.js'
import { makeRepo, POSTMORTEM, removeRepos } from './fixtures.js'

const NOW = () => new Date('2026-11-27T12:00:00Z')
afterAll(removeRepos)

const SETTINGS = { labels: ['reliability'], severityLabels: false, priorities: {}, tickClosed: false }

function ticket(over: Partial<Ticket> & Pick<Ticket, 'id' | 'keys'>): Ticket {
  return { ref: `ENG-${over.id}`, url: `https://linear.app/x/issue/ENG-${over.id}`, title: 't', state: 'open', ...over }
}

describe('trackerStatusOf', () => {
  const pm = parsePostmortem(
    Buffer.from(`${POSTMORTEM}- [ ] Add a loop breaker :: @maria.chen :: 2026-10-21 [ENG-404](https://linear.app/x/issue/ENG-404)\n- [ ] Write the runbook :: @dev-ops :: 2026-12-01\n`),
    'docs/postmortems/PM-7.md'
  )
  const { items } = collectSyncItems([pm])
  const key = (summary: string) => itemKey('PM-7', summary)

  it('counts synced and unsynced items, groups open ones by ticket status, and lists the ticks that disagree', () => {
    const tickets = [
      ticket({ id: '1', keys: [key('Roll back the prompt')], state: 'open', status: 'In Progress' }),
      ticket({ id: '2', keys: [key('Count empty results as failures')], state: 'open', status: 'Todo' }),
      ticket({ id: '3', keys: [key('Page on token spend')], state: 'closed', status: 'Done' })
    ]
    const { status, tickets: byItem } = trackerStatusOf('linear', items, { tickets, unresolved: new Map([['[ENG-404](https://linear.app/x/issue/ENG-404)', 'not-found']]) }, SETTINGS)
    expect(status).toMatchObject({ tracker: 'linear', consulted: true, synced: 3, notSynced: 1, brokenReferences: 1 })
    expect(status.openByStatus).toEqual([{ status: 'Done', items: 1 }, { status: 'Todo', items: 1 }])
    expect(status.mismatches.map((m) => [m.kind, m.summary, m.ticket.ref, m.nextSync])).toEqual([
      ['open-closed', 'Page on token spend', 'ENG-3', 'nothing'],
      ['ticked-open', 'Roll back the prompt', 'ENG-1', 'close-ticket']
    ])
    const count = items.find((i) => i.summary === 'Count empty results as failures')
    expect(byItem.get(`${count?.path}:${count?.line}`)).toEqual({ ref: 'ENG-2', url: 'https://linear.app/x/issue/ENG-2', state: 'open', status: 'Todo' })
  })

  it('says the next sync ticks the item when tick-closed is on', () => {
    const tickets = [ticket({ id: '3', keys: [key('Page on token spend')], state: 'closed' })]
    const { status } = trackerStatusOf('linear', items, { tickets, unresolved: new Map() }, { ...SETTINGS, tickClosed: true })
    expect(status.mismatches).toEqual([expect.objectContaining({ kind: 'open-closed', nextSync: 'tick-item', ticket: expect.objectContaining({ status: 'closed' }) })])
  })
})

const CONFIG = 'sync:\n  tracker: linear\n  linear:\n    team: ENG\n'
const PM_WITH_OVERDUE = POSTMORTEM.replace('- [ ] Page on token spend', '- [ ] Add a loop breaker :: @maria.chen :: 2026-10-21\n- [ ] Page on token spend')

describeWithLinearSchema('review reads the synced items\' tickets', () => {
  let fake: FakeLinear
  beforeAll(async () => {
    fake = await FakeLinear.start()
  })
  afterAll(async () => {
    await fake.close()
  })
  beforeEach(() => fake.reset())

  async function cli(argv: string[], cwd: string, env: Record<string, string> = {}) {
    let stdout = ''
    let stderr = ''
    const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: '1', ...env }, cwd, isTTY: false }, { now: NOW })
    return { code, stdout, stderr }
  }
  const linearEnv = () => ({ LINEAR_API_KEY: 'lin_api_test', LINEAR_API_URL: fake.url })

  it('shows each ticket\'s status, the overdue items\' tickets and the ticks that disagree, after a real sync', async () => {
    const root = makeRepo({ 'docs/postmortems/PM-7.md': PM_WITH_OVERDUE, '.github/reliability.yml': CONFIG })
    const synced = await cli(['sync'], root, linearEnv())
    expect(synced.code).toBe(0)
    expect(fake.issues).toHaveLength(3)
    const fresh = await cli(['review', '--month', '2026-10'], root, linearEnv())
    expect(fresh.stdout).toContain('| Action items | 🟠 amber | 3 open, 2 overdue, 1 closed; all match their Linear tickets |')
    const byTitle = (t: string) => fake.issues.find((i) => i.title.includes(t)) as (typeof fake.issues)[number]
    // People work the tickets: one in progress, one done in Linear; the first item is ticked in the repository.
    byTitle('Count empty results').stateId = 'state-progress'
    byTitle('Page on token spend').stateId = 'state-done'
    const file = path.join(root, 'docs/postmortems/PM-7.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('- [ ] Count empty results', '- [x] Count empty results'))

    fake.requests.length = 0
    const { code, stdout, stderr } = await cli(['review', '--month', '2026-10'], root, linearEnv())
    expect(code).toBe(0)
    expect(stderr).toBe('')
    // Reading only: one lookup, nothing written.
    expect(fake.requests.every((r) => !r.fields.some((f) => /Create|Update|Delete/.test(f)))).toBe(true)
    // The ticket as the packet links it: `[ENG-2](https://linear.app/…) Todo`.
    const link = (title: string) => {
      const issue = byTitle(title)
      const id = fake.identifier(issue)
      return `[${id}](https://linear.app/fake/issue/${id}/${issue.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40)})`
    }
    expect(stdout).toContain('### In Linear\n\nAs the tracker had them when this packet was made: 3 items with a ticket, 0 open items not synced yet (the next sync creates their tickets).')
    expect(stdout).toContain(`| 2026-10-21 | @maria.chen | Add a loop breaker | [PM-7](../../docs/postmortems/PM-7.md#L27) | ${link('Add a loop breaker')} Todo |`)
    expect(stdout).toContain('| ticket status | open items |\n| --- | --- |\n| Done | 1 |\n| Todo | 1 |')
    expect(stdout).toContain(`| Page on token spend | @dev-ops | [PM-7](../../docs/postmortems/PM-7.md#L28) | ${link('Page on token spend')} Done | ticket closed, item open: tick the item, or reopen the ticket |`)
    expect(stdout).toContain(`| Count empty results as failures | @maria.chen | [PM-7](../../docs/postmortems/PM-7.md#L26) | ${link('Count empty results')} In Progress | ticked, ticket open: the next sync closes the ticket |`)
    expect(stdout).toContain('| Action items | 🟠 amber | 2 open, 1 overdue, 2 closed; 2 disagree with their Linear ticket |')

    const json = JSON.parse((await cli(['review', '--month', '2026-10', '--format', 'json'], root, linearEnv())).stdout) as { tracker: { synced: number; mismatches: unknown[] }; backlog: { overdueItems: Array<{ ticket?: { status: string } }> } }
    expect(json.tracker).toMatchObject({ tracker: 'linear', consulted: true, synced: 3 })
    expect(json.tracker.mismatches).toHaveLength(2)
    expect(json.backlog.overdueItems[0]?.ticket?.status).toBe('Todo')
  })

  it('says why the tickets are not shown: no credentials, --no-tracker, or a tracker that refuses', async () => {
    const root = makeRepo({ 'docs/postmortems/PM-7.md': PM_WITH_OVERDUE, '.github/reliability.yml': CONFIG })
    const absent = await cli(['review', '--month', '2026-10'], root)
    expect(absent.code).toBe(0)
    expect(absent.stdout).toContain('### In Linear\n\nTicket status not shown: no Linear API key (LINEAR_API_KEY).')
    expect(absent.stdout).not.toMatch(/\| due \| owner \| item \| postmortem \| ticket \|/)

    const skipped = await cli(['review', '--month', '2026-10', '--no-tracker'], root, linearEnv())
    expect(skipped.stdout).toContain('Ticket status not shown: not read (--no-tracker).')
    expect(fake.requests).toHaveLength(0)

    const refused = await cli(['review', '--month', '2026-10'], root, { ...linearEnv(), LINEAR_API_KEY: 'lin_api_wrong' })
    expect(refused.code).toBe(0)
    expect(refused.stdout).toContain('Ticket status not shown: could not search Linear for tickets labelled "reliability": Linear SyncSetup: Authentication required, not authenticated')
    expect(refused.stdout).toMatch(/\| action-items \| – \| could not search Linear for tickets labelled "reliability": .*; the tickets' status and the hand-made reliability tickets are not shown \|/)
  })

  it('leaves the section out for a repository that does not sync', async () => {
    const root = makeRepo({ 'docs/postmortems/PM-7.md': PM_WITH_OVERDUE })
    const { stdout } = await cli(['review', '--month', '2026-10'], root, linearEnv())
    expect(stdout).not.toContain('### In ')
    expect(fake.requests).toHaveLength(0)
  })
})
