// Open tickets that carry the reliability label but come from no postmortem or decision: opened by hand in the
// tracker. They are part of the team's reliability backlog, so the packet counts them, by assignee, with
// links. Pure: the tickets are the ones the review's single lookup (one paginated label search) returned.

import { compareText } from './quality.js'

/** The fields of a tracker's ticket this reads (structural, so this model code imports no tracker adapter). */
export interface LabelledTicket {
  id: string
  ref: string
  url: string
  title: string
  keys: readonly string[]
  state: 'open' | 'closed'
  status?: string
  assignee?: string
}

export interface HandMadeTicket {
  ref: string
  url: string
  title: string
  status: string
  /** The tracker's id of the assignee (GitHub login, Linear user id, Jira account); undefined when unassigned. */
  assignee?: string
}

export interface HandMadeTickets {
  count: number
  /** The lowest-numbered one: trackers number tickets in the order they were opened. */
  oldest?: HandMadeTicket
  byAssignee: Array<{ assignee: string; tickets: number }>
  /** Every one, oldest first. */
  tickets: HandMadeTicket[]
}

export const UNASSIGNED = '(unassigned)'

/** `ENG-123` → 123, `#12` → 12: the number trackers count up as tickets are opened. */
function ticketNumber(ref: string): number {
  const n = /(\d+)\s*$/.exec(ref)?.[1]
  return n === undefined ? Number.POSITIVE_INFINITY : Number(n)
}

/**
 * Open tickets without an item key that no item's reference points at (`matched`: ids of the tickets the
 * items were matched to). A ticket with a key whose item is gone is sync's orphan, not a hand-made ticket.
 */
export function handMadeTickets(tickets: readonly LabelledTicket[], matched: ReadonlySet<string>): HandMadeTickets {
  const seen = new Set<string>()
  const rows: HandMadeTicket[] = []
  for (const t of tickets) {
    if (t.state !== 'open' || t.keys.length > 0 || matched.has(t.id) || seen.has(t.id)) continue
    seen.add(t.id)
    rows.push({ ref: t.ref, url: t.url, title: t.title, status: t.status ?? t.state, ...(t.assignee !== undefined && t.assignee !== '' && { assignee: t.assignee }) })
  }
  rows.sort((a, b) => ticketNumber(a.ref) - ticketNumber(b.ref) || compareText(a.ref, b.ref))
  const counts = new Map<string, number>()
  for (const r of rows) counts.set(r.assignee ?? UNASSIGNED, (counts.get(r.assignee ?? UNASSIGNED) ?? 0) + 1)
  const oldest = rows[0]
  return {
    count: rows.length,
    ...(oldest !== undefined && { oldest }),
    byAssignee: [...counts].map(([assignee, n]) => ({ assignee, tickets: n })).sort((a, b) => b.tickets - a.tickets || compareText(a.assignee, b.assignee)),
    tickets: rows
  }
}
