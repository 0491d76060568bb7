import { describe, expect, it } from '@jest/globals'
import type { SyncItem } from '../../src/sync/items.js'
import { itemKey } from '../../src/sync/keys.js'
import { countActions, planSync, planWithoutTracker, ticketTitle, type PlanInput, type PlanSettings } from '../../src/sync/plan.js'
import type { Ticket } from '../../src/sync/tracker.js'

const settings: PlanSettings = { labels: ['reliability'], severityLabels: true, priorities: { Sev1: 'urgent', Sev2: 'high' }, tickClosed: false }

function item(summary: string, extra: Partial<SyncItem> = {}): SyncItem {
  const postmortemId = extra.postmortemId ?? 'PM-7'
  return {
    key: itemKey(postmortemId, summary),
    postmortemId,
    path: `docs/postmortems/${postmortemId}.md`,
    line: 10,
    column: 1,
    summary,
    owner: 'ana',
    due: '2027-01-15',
    checked: false,
    severity: 'Sev1',
    fieldCount: 3,
    ...extra
  }
}

function ticket(it: SyncItem, extra: Partial<Ticket> = {}): Ticket {
  return { id: '1', ref: '#1', url: 'https://github.com/o/r/issues/1', keys: [it.key], title: ticketTitle(it), state: 'open', due: it.due, assignee: 'ana', ...extra }
}

function plan(input: Partial<PlanInput> & Pick<PlanInput, 'items'>) {
  return planSync({ tickets: [], unresolved: new Map(), assignees: new Map([['ana', 'ana']]), settings, ...input })
}

describe('planSync', () => {
  it('creates for open items without a ticket, with labels, priority, assignee and due date; never for ticked ones', () => {
    const open = item('Fix it')
    const done = item('Done already', { checked: true })
    const p = plan({ items: [open, done] })
    expect(p.items.map((i) => i.action)).toEqual(['create', 'unchanged'])
    expect(p.items[0]?.draft).toMatchObject({ key: open.key, title: 'PM-7: Fix it', labels: ['reliability', 'Sev1'], priority: 'urgent', assignee: 'ana', due: '2027-01-15' })
    expect(p.items[0]?.writeReference).toBe(true)
    expect(countActions(p)).toEqual({ create: 1, update: 0, close: 0, unchanged: 1 })
  })

  it('leaves an up-to-date ticket alone, updates what differs, closes when ticked', () => {
    const a = item('A')
    const b = item('B', { due: '2027-03-01' })
    const c = item('C', { checked: true })
    const p = plan({ items: [a, b, c], tickets: [ticket(a), ticket(b, { id: '2', ref: '#2', url: 'u2', due: '2027-01-01', assignee: 'zed' }), ticket(c, { id: '3', ref: '#3', url: 'u3' })] })
    expect(p.items.map((i) => [i.action, i.matchedBy])).toEqual([
      ['unchanged', 'key'],
      ['update', 'key'],
      ['close', 'key']
    ])
    expect(p.items[1]?.changes).toEqual(['due', 'assignee'])
  })

  it('an owner without an assignee leaves the assignee alone and says so', () => {
    const a = item('A', { owner: 'nobody' })
    const p = plan({ items: [a], tickets: [ticket(a, { assignee: 'someone' })] })
    expect(p.items[0]?.action).toBe('unchanged')
    expect(p.items[0]?.notes.join()).toMatch(/owner nobody has no assignee/)
  })

  it('matches by reference first: a reworded item keeps its ticket; two items referencing one ticket do not share it', () => {
    const old = item('Old wording')
    const reworded = item('New wording', { ref: { raw: '#1', id: '#1' } })
    const copy = item('Copy', { ref: { raw: '[#1](https://github.com/o/r/issues/1)', id: '#1', url: 'https://github.com/o/r/issues/1' }, line: 11 })
    const p = plan({ items: [reworded, copy], tickets: [ticket(old)] })
    expect(p.items[0]).toMatchObject({ action: 'update', matchedBy: 'reference', changes: ['title', 'key'] })
    expect(p.items[1]?.action).toBe('create')
    expect(p.items[1]?.notes.join()).toMatch(/also referenced by an earlier item/)
  })

  it('finds a move: same wording, its old item gone from another postmortem', () => {
    const before = item('Move me', { postmortemId: 'PM-7' })
    const after = item('Move me', { postmortemId: 'PM-8' })
    const p = plan({ items: [after], tickets: [ticket(before)] })
    expect(p.items[0]).toMatchObject({ action: 'update', matchedBy: 'move', reason: expect.stringContaining('moved from PM-7') })
    expect(p.orphans).toEqual([])
  })

  it('does not guess a move when two tickets or two items could match', () => {
    const a = item('Same', { postmortemId: 'PM-7' })
    const b = item('Same', { postmortemId: 'PM-9' })
    const after = item('Same', { postmortemId: 'PM-8' })
    const p = plan({ items: [after], tickets: [ticket(a), ticket(b, { id: '2', ref: '#2', url: 'u2' })] })
    expect(p.items[0]?.action).toBe('create')
    expect(p.orphans).toHaveLength(2)
  })

  it('reports open tickets whose item is gone; closed ones are history', () => {
    const gone = item('Gone')
    const closed = item('Closed and gone')
    const p = plan({ items: [], tickets: [ticket(gone), ticket(closed, { id: '2', ref: '#2', url: 'u2', state: 'closed' })] })
    expect(p.orphans.map((t) => t.ref)).toEqual(['#1'])
  })

  it('a ticket closed in the tracker while its item is open: reported, ticked only with tick-closed', () => {
    const a = item('A')
    const t = ticket(a, { state: 'closed' })
    expect(plan({ items: [a], tickets: [t] }).items[0]).toMatchObject({ action: 'unchanged', tick: false })
    const ticked = planSync({ items: [a], tickets: [t], unresolved: new Map(), assignees: new Map(), settings: { ...settings, tickClosed: true } })
    expect(ticked.items[0]).toMatchObject({ action: 'unchanged', tick: true })
  })

  it('a reference to a hand-made ticket is only closed when ticked, never rewritten', () => {
    const a = item('A', { ref: { raw: '#5', id: '#5' } })
    const manual: Ticket = { id: '5', ref: '#5', url: 'u5', keys: [], title: 'whatever', state: 'open' }
    expect(plan({ items: [a], tickets: [manual] }).items[0]?.action).toBe('unchanged')
    expect(plan({ items: [{ ...a, checked: true }], tickets: [manual] }).items[0]?.action).toBe('close')
  })

  it('a reference pointing nowhere is reported and nothing is created for it', () => {
    const a = item('A', { ref: { raw: 'OPS-9', id: 'OPS-9' } })
    const p = plan({ items: [a], unresolved: new Map([['OPS-9', 'foreign']]) })
    expect(p.items[0]).toMatchObject({ action: 'unchanged', reason: 'references a ticket outside this tracker: OPS-9' })
  })

  it('does not plan a write-back it could not parse back: no due date field, or other text after the date', () => {
    const p = plan({ items: [item('A', { fieldCount: 2 }), item('B', { trailing: 'blocked' })] })
    expect(p.items.map((i) => i.writeReference)).toEqual([false, false])
    expect(p.items[0]?.notes.join()).toMatch(/no due date field/)
    expect(p.items[1]?.notes.join()).toMatch(/not a ticket reference/)
  })

  it('cuts long titles', () => {
    expect(ticketTitle(item('x'.repeat(400))).length).toBe(250)
  })
})

describe('planWithoutTracker (dry run without credentials)', () => {
  it('creates for open items without a reference, keeps referenced ones, closes ticked referenced ones', () => {
    const p = planWithoutTracker([item('A'), item('B', { ref: { raw: '#3', id: '#3' } }), item('C', { checked: true, ref: { raw: '#4', id: '#4' } }), item('D', { checked: true })], settings)
    expect(p.items.map((i) => i.action)).toEqual(['create', 'unchanged', 'close', 'unchanged'])
  })
})
