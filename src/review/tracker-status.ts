// Where the synced action items stand in the tracker: which ticket each item is synced to (matched exactly
// as sync matches them, so the two never disagree about it), the tickets' own statuses, and the items
// whose tick and ticket disagree. Pure: the tickets come from the tracker's lookup, read by the caller.

import type { PlanSettings } from '../sync/plan.js'
import { planSync } from '../sync/plan.js'
import type { SyncItem } from '../sync/items.js'
import type { LookupResult, Ticket, TrackerKind } from '../sync/trackers/tracker.js'
import { compareText } from './quality.js'
import { handMadeTickets, type HandMadeTickets } from './hand-made-tickets.js'

export interface TicketCell {
  ref: string
  url: string
  state: Ticket['state']
  /** The tracker's status name; the state when the tracker has none. */
  status: string
}

export interface TrackerMismatch {
  postmortem: string
  path: string
  line: number
  summary: string
  owner?: string
  ticket: TicketCell
  /** `ticked-open`: ticked in the postmortem, its ticket still open. `open-closed`: open in the postmortem, its ticket closed. */
  kind: 'ticked-open' | 'open-closed'
  /** What the next sync does about it, as sync itself plans it: close the ticket, tick the item (tick-closed), or nothing. */
  nextSync: 'close-ticket' | 'tick-item' | 'nothing'
}

export interface TrackerStatus {
  tracker: TrackerKind
  /** Whether the tracker was read; when not, `note` says why and every count is 0. */
  consulted: boolean
  note?: string
  /** Items (open or ticked) whose ticket was found. */
  synced: number
  /** Open items with no ticket yet: the next sync creates them. */
  notSynced: number
  /** Items whose written-back reference points at no ticket of the tracker. */
  brokenReferences: number
  /** Open items by their ticket's status, most items first. */
  openByStatus: Array<{ status: string; items: number }>
  mismatches: TrackerMismatch[]
  /** Open tickets with the reliability label that come from no postmortem or decision; absent when not read. */
  handMade?: HandMadeTickets
}

export interface TrackerReading {
  status: TrackerStatus
  /** The ticket of each item, by `path:line` (itemPlace), for the backlog's tables. */
  tickets: Map<string, TicketCell>
}

export const itemPlace = (path: string, line: number): string => `${path}:${line}`

export function trackerNotConsulted(tracker: TrackerKind, note: string): TrackerStatus {
  return { tracker, consulted: false, note, synced: 0, notSynced: 0, brokenReferences: 0, openByStatus: [], mismatches: [] }
}

function cellOf(ticket: Ticket): TicketCell {
  return { ref: ticket.ref, url: ticket.url, state: ticket.state, status: ticket.status ?? ticket.state }
}

export function trackerStatusOf(tracker: TrackerKind, items: readonly SyncItem[], lookup: LookupResult, settings: PlanSettings): TrackerReading {
  const plan = planSync({ items: [...items], tickets: lookup.tickets, unresolved: lookup.unresolved, assignees: new Map(), settings })
  const status: TrackerStatus = { tracker, consulted: true, synced: 0, notSynced: 0, brokenReferences: 0, openByStatus: [], mismatches: [] }
  const tickets = new Map<string, TicketCell>()
  const byStatus = new Map<string, number>()
  const matched = new Set(plan.items.flatMap((p) => (p.ticket === undefined ? [] : [p.ticket.id])))
  status.handMade = handMadeTickets(lookup.tickets, matched)
  for (const { item, ticket, action, tick } of plan.items) {
    if (ticket === undefined) {
      if (item.ref !== undefined && lookup.unresolved.has(item.ref.raw)) status.brokenReferences++
      else if (!item.checked) status.notSynced++
      continue
    }
    const cell = cellOf(ticket)
    status.synced++
    tickets.set(itemPlace(item.path, item.line), cell)
    if (!item.checked) byStatus.set(cell.status, (byStatus.get(cell.status) ?? 0) + 1)
    const kind = item.checked && ticket.state === 'open' ? 'ticked-open' : !item.checked && ticket.state === 'closed' ? 'open-closed' : undefined
    if (kind !== undefined) {
      status.mismatches.push({ postmortem: item.postmortemId, path: item.path, line: item.line, summary: item.summary, ...(item.owner !== undefined && { owner: item.owner }), ticket: cell, kind, nextSync: action === 'close' ? 'close-ticket' : tick ? 'tick-item' : 'nothing' })
    }
  }
  status.openByStatus = [...byStatus].map(([s, n]) => ({ status: s, items: n })).sort((a, b) => b.items - a.items || compareText(a.status, b.status))
  status.mismatches.sort((a, b) => compareText(a.kind, b.kind) || compareText(a.path, b.path) || a.line - b.line)
  return { status, tickets }
}
