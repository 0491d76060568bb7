// The planner: action items + what the tracker holds → one decision per item. Pure and deterministic.
//
// Matching, in this order, each ticket claimed by at most one item:
//   1. the reference written on the item's line (`[ENG-123](…)`): survives rewording and moves;
//   2. the item's key stored with the ticket: survives reordering and re-wrapping;
//   3. a move: an item without a ticket whose wording equals that of a ticket whose item is gone from
//      another postmortem (before its reference was written back).
// An item with no ticket is created only when it is open; a ticket whose item is gone is reported, never
// closed or deleted.

import { sanitizeText } from '../util/sanitize.js'
import type { SyncItem } from './items.js'
import { digestOfKey, postmortemOfKey } from './keys.js'
import {
  normaliseReferenceId,
  normaliseUrl,
  type PriorityLevel,
  type ReferenceProblem,
  type Ticket,
  type TicketDraft,
  type TicketField
} from './trackers/tracker.js'

export type PlanAction = 'create' | 'update' | 'close' | 'unchanged'

export interface PlanSettings {
  /** Labels on every ticket; the first one marks the tickets this tool manages. */
  labels: readonly string[]
  /** Also label each ticket with its postmortem's severity. */
  severityLabels: boolean
  /** Severity label → priority. */
  priorities: Readonly<Record<string, PriorityLevel>>
  /** Tick (`[x]`) an open item in the write-back when its ticket was closed in the tracker. */
  tickClosed: boolean
  /** A link to a postmortem's line, when the repository's web address is known. */
  lineUrl?: (path: string, line: number) => string
}

export interface PlanInput {
  items: readonly SyncItem[]
  tickets: readonly Ticket[]
  /** References that point at no ticket of the tracker, by their raw text. */
  unresolved: ReadonlyMap<string, ReferenceProblem>
  /** owner (as written, without `@`) → the tracker's assignee id. */
  assignees: ReadonlyMap<string, string>
  settings: PlanSettings
}

export type MatchKind = 'reference' | 'key' | 'move'

export interface PlanItem {
  item: SyncItem
  action: PlanAction
  /** Why, in a few words, for the table and the JSON report. */
  reason: string
  ticket?: Ticket
  matchedBy?: MatchKind
  /** What the ticket should say; set for create and update. */
  draft?: TicketDraft
  /** For update: what differs. */
  changes?: TicketField[]
  /** Things a person should know that do not change the action (unknown owner, closed in the tracker). */
  notes: string[]
  /** Write the ticket's reference onto the item's line (it has none yet). */
  writeReference: boolean
  /** Tick the item in the write-back (its ticket was closed in the tracker and tick-closed is on). */
  tick: boolean
}

export interface SyncPlan {
  items: PlanItem[]
  /** Open managed tickets no item matched (its item was removed, or a duplicate made by hand): reported, never touched. */
  orphans: Ticket[]
}

const MAX_TITLE = 250

/** `PM-7: <summary>` on one line, without control characters (a title is shown in terminals and logs). */
export function ticketTitle(item: SyncItem): string {
  const title = `${item.postmortemId}: ${sanitizeText(item.summary, { multiline: false }).replace(/\s+/g, ' ')}`
  return title.length <= MAX_TITLE ? title : `${title.slice(0, MAX_TITLE - 1)}…`
}

export function draftFor(item: SyncItem, input: Pick<PlanInput, 'assignees' | 'settings'>): TicketDraft {
  const { settings } = input
  const labels = [...settings.labels]
  if (settings.severityLabels && item.severity !== undefined && !labels.includes(item.severity)) labels.push(item.severity)
  for (const label of item.labels ?? []) if (!labels.includes(label)) labels.push(label)
  const draft: TicketDraft = {
    key: item.key,
    title: ticketTitle(item),
    content: { summary: item.summary, postmortemId: item.postmortemId, postmortemPath: item.path },
    labels
  }
  if (item.postmortemTitle !== undefined) draft.content.postmortemTitle = item.postmortemTitle
  const url = settings.lineUrl?.(item.path, item.line)
  if (url !== undefined) draft.content.postmortemUrl = url
  if (item.owner !== undefined) draft.content.owner = item.owner
  if (item.due !== undefined) {
    draft.due = item.due
    draft.content.due = item.due
  }
  if (item.severity !== undefined) {
    draft.content.severity = item.severity
    const priority = settings.priorities[item.severity]
    if (priority !== undefined) draft.priority = priority
  }
  const assignee = item.owner !== undefined ? input.assignees.get(item.owner) : undefined
  if (assignee !== undefined) draft.assignee = assignee
  return draft
}

/** Fields of a managed ticket that differ from what the item says. */
function differences(ticket: Ticket, draft: TicketDraft): TicketField[] {
  const changes: TicketField[] = []
  if (ticket.title !== draft.title) changes.push('title')
  if ((ticket.due ?? '') !== (draft.due ?? '')) changes.push('due')
  if (draft.assignee !== undefined && ticket.assignee?.toLowerCase() !== draft.assignee.toLowerCase()) changes.push('assignee')
  if (!ticket.keys.includes(draft.key)) changes.push('key')
  return changes
}

class TicketIndex {
  private readonly byUrl = new Map<string, Ticket>()
  private readonly byRef = new Map<string, Ticket>()
  private readonly byKey = new Map<string, Ticket>()
  readonly claimed = new Set<Ticket>()

  constructor(readonly tickets: readonly Ticket[]) {
    // A later duplicate (the same ticket listed twice) must not shadow the first.
    for (const t of tickets) {
      if (!this.byUrl.has(normaliseUrl(t.url))) this.byUrl.set(normaliseUrl(t.url), t)
      if (!this.byRef.has(normaliseReferenceId(t.ref))) this.byRef.set(normaliseReferenceId(t.ref), t)
      for (const key of t.keys) if (!this.byKey.has(key)) this.byKey.set(key, t)
    }
  }

  byReference(item: SyncItem): Ticket | undefined {
    const ref = item.ref
    if (!ref) return undefined
    return (ref.url !== undefined ? this.byUrl.get(normaliseUrl(ref.url)) : undefined) ?? (ref.id !== undefined ? this.byRef.get(normaliseReferenceId(ref.id)) : undefined)
  }

  forKey(key: string): Ticket | undefined {
    return this.byKey.get(key)
  }
}

interface Match {
  ticket: Ticket
  by: MatchKind
  /** For a move: the postmortem the ticket's item was in. */
  from?: string
}

function matchTickets(input: PlanInput, index: TicketIndex, notes: Map<SyncItem, string[]>): Map<SyncItem, Match> {
  const matches = new Map<SyncItem, Match>()
  const note = (item: SyncItem, text: string) => notes.set(item, [...(notes.get(item) ?? []), text])

  // 1. References.
  for (const item of input.items) {
    const ticket = index.byReference(item)
    if (!ticket) continue
    if (index.claimed.has(ticket)) {
      note(item, `${ticket.ref} is also referenced by an earlier item; each item needs its own ticket`)
      continue
    }
    index.claimed.add(ticket)
    matches.set(item, { ticket, by: 'reference' })
  }
  // 2. Keys.
  for (const item of input.items) {
    if (matches.has(item) || (item.ref && input.unresolved.has(item.ref.raw))) continue
    const ticket = index.forKey(item.key)
    if (!ticket || index.claimed.has(ticket)) continue
    index.claimed.add(ticket)
    matches.set(item, { ticket, by: 'key' })
  }
  // 3. Moves: the same wording under another postmortem, one candidate on each side.
  const currentKeys = new Set(input.items.map((i) => i.key))
  const orphansByDigest = new Map<string, Ticket[]>()
  for (const ticket of index.tickets) {
    if (index.claimed.has(ticket) || ticket.keys.length === 0 || ticket.keys.some((k) => currentKeys.has(k))) continue
    for (const digest of new Set(ticket.keys.map(digestOfKey))) {
      if (digest !== undefined) orphansByDigest.set(digest, [...(orphansByDigest.get(digest) ?? []), ticket])
    }
  }
  const seekers = new Map<string, SyncItem[]>()
  for (const item of input.items) {
    if (matches.has(item) || item.ref) continue
    const digest = digestOfKey(item.key)
    if (digest !== undefined) seekers.set(digest, [...(seekers.get(digest) ?? []), item])
  }
  for (const [digest, items] of seekers) {
    const candidates = orphansByDigest.get(digest) ?? []
    const [item] = items
    const [ticket] = candidates
    if (items.length !== 1 || candidates.length !== 1 || !item || !ticket || index.claimed.has(ticket)) continue
    const fromKey = ticket.keys.find((k) => digestOfKey(k) === digest)
    const from = fromKey !== undefined ? postmortemOfKey(fromKey) : undefined
    if (from === undefined || from === postmortemOfKey(item.key)) continue
    index.claimed.add(ticket)
    matches.set(item, { ticket, by: 'move', from: from.toUpperCase() })
  }
  return matches
}

function decide(item: SyncItem, match: Match | undefined, input: PlanInput, notes: string[]): PlanItem {
  const base = { item, notes, writeReference: false, tick: false }
  const problem = item.ref ? input.unresolved.get(item.ref.raw) : undefined

  if (!match) {
    if (item.ref && problem !== undefined) {
      const what = problem === 'foreign' ? 'a ticket outside this tracker' : 'a ticket that does not exist (deleted, or a typo)'
      return { ...base, action: 'unchanged', reason: `references ${what}: ${item.ref.raw}` }
    }
    if (item.checked) return { ...base, action: 'unchanged', reason: 'done, and it never had a ticket' }
    return { ...base, action: 'create', reason: 'open, no ticket yet', draft: draftFor(item, input), writeReference: true }
  }

  const { ticket } = match
  const writeReference = !item.ref
  const how = match.by === 'move' ? `moved from ${match.from ?? 'another postmortem'}` : match.by === 'reference' ? `matched by ${item.ref?.raw ?? ticket.ref}` : 'matched by key'
  if (item.checked) {
    if (ticket.state === 'open') return { ...base, ticket, matchedBy: match.by, writeReference, action: 'close', reason: `ticked off; ${how}` }
    return { ...base, ticket, matchedBy: match.by, writeReference, action: 'unchanged', reason: 'done, ticket closed' }
  }
  if (ticket.state === 'closed') {
    const tick = input.settings.tickClosed
    notes.push(`${ticket.ref} was closed in the tracker but the item is still open${tick ? '; ticked in the write-back' : '; tick it, or reopen the ticket'}`)
    return { ...base, ticket, matchedBy: match.by, writeReference, tick, action: 'unchanged', reason: 'ticket closed in the tracker, item open' }
  }
  if (ticket.keys.length === 0) {
    // Made by hand and referenced: ours to close when the item is ticked, not to rewrite.
    return { ...base, ticket, matchedBy: match.by, writeReference, action: 'unchanged', reason: `${how}; not created by reliability-loop, so only closed when ticked` }
  }
  const draft = draftFor(item, input)
  const changes = differences(ticket, draft)
  if (changes.length === 0) return { ...base, ticket, matchedBy: match.by, writeReference, action: 'unchanged', reason: `up to date; ${how}` }
  return { ...base, ticket, matchedBy: match.by, writeReference, draft, changes, action: 'update', reason: `${changes.join(', ')} changed; ${how}` }
}

export function planSync(input: PlanInput): SyncPlan {
  const index = new TicketIndex(input.tickets)
  const notes = new Map<SyncItem, string[]>()
  const matches = matchTickets(input, index, notes)

  const items = input.items.map((item) => {
    const itemNotes = [...(notes.get(item) ?? [])]
    if (!item.checked && item.owner !== undefined && !input.assignees.has(item.owner)) {
      itemNotes.push(`owner ${item.owner} has no assignee in the tracker (add them to sync.owners); the ticket stays unassigned`)
    }
    const planned = decide(item, matches.get(item), input, itemNotes)
    if (planned.writeReference && (item.fieldCount < 3 || item.trailing !== undefined)) {
      planned.writeReference = false
      planned.notes.push(
        item.fieldCount < 3
          ? 'the item has no due date field, so its ticket reference cannot be written back (`summary :: @owner :: YYYY-MM-DD`)'
          : `the text after the due date (${item.trailing ?? ''}) is not a ticket reference, so the reference cannot be written back beside it`
      )
    }
    return planned
  })

  const orphans = input.tickets.filter((t) => !index.claimed.has(t) && t.state === 'open' && t.keys.length > 0)
  return { items, orphans: [...new Set(orphans)] }
}

export function countActions(plan: { items: ReadonlyArray<{ action: PlanAction }> }): Record<PlanAction, number> {
  const counts: Record<PlanAction, number> = { create: 0, update: 0, close: 0, unchanged: 0 }
  for (const item of plan.items) counts[item.action]++
  return counts
}

/**
 * The plan when the tracker cannot be asked (a dry run without credentials): open items without a
 * reference would be created, items with one keep it, ticked items with one would be closed if still open.
 */
export function planWithoutTracker(items: readonly SyncItem[], settings: PlanSettings): SyncPlan {
  const input = { assignees: new Map<string, string>(), settings }
  return {
    orphans: [],
    items: items.map((item): PlanItem => {
      const base = { item, notes: [], writeReference: false, tick: false }
      if (item.ref) {
        if (item.checked) return { ...base, action: 'close', reason: `ticked off; ${item.ref.raw} is closed if still open (tracker not consulted)` }
        return { ...base, action: 'unchanged', reason: `has ${item.ref.raw} (tracker not consulted)` }
      }
      if (item.checked) return { ...base, action: 'unchanged', reason: 'done, and it has no ticket reference' }
      return { ...base, action: 'create', reason: 'open, no ticket reference (tracker not consulted: an existing ticket with its key would be matched)', draft: draftFor(item, input), writeReference: true }
    })
  }
}
