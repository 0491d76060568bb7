// The one interface every issue tracker sits behind. The planner and the executor only ever see these
// types; which vendor answers is the adapter's business.

import { sanitizeText } from '../util/sanitize.js'
import type { ItemReference } from './items.js'

export type TrackerKind = 'github' | 'linear' | 'jira' | 'jira-dc'
export const TRACKER_KINDS: readonly TrackerKind[] = ['github', 'linear', 'jira', 'jira-dc']

/** What people call each tracker, for reports. */
export const TRACKER_NAMES: Record<TrackerKind, string> = { github: 'GitHub Issues', linear: 'Linear', jira: 'Jira', 'jira-dc': 'Jira' }

/** Severity → priority, named independently of any tracker; each adapter maps it onto its own scale. */
export type PriorityLevel = 'urgent' | 'high' | 'medium' | 'low' | 'none'
export const PRIORITY_LEVELS: readonly PriorityLevel[] = ['urgent', 'high', 'medium', 'low', 'none']

export interface Ticket {
  /** The tracker's own id for writes: GitHub issue number, Linear issue UUID, Jira issue id. */
  id: string
  /** What people write and read: `#12`, `ENG-123`, `OPS-7`. */
  ref: string
  url: string
  /** Item keys stored with the ticket (GitHub body marker, Jira label, Linear attachment); empty for tickets made by hand. */
  keys: string[]
  title: string
  state: 'open' | 'closed'
  /** The tracker's own name for where the ticket stands (`In Progress`, `Done`, `closed (not planned)`), for people to read; `state` is what decisions use. */
  status?: string
  /** YYYY-MM-DD */
  due?: string
  /** The tracker's id of the assignee: GitHub login, Linear user id, Jira accountId or user name. */
  assignee?: string
}

/** What a ticket says about its item, rendered by each tracker in its own format (markdown, ADF, wiki markup). */
export interface TicketContent {
  summary: string
  postmortemId: string
  postmortemTitle?: string
  postmortemPath: string
  /** Link to the item's line in the repository, when the repository is known. */
  postmortemUrl?: string
  /** The owner as written in the postmortem. */
  owner?: string
  due?: string
  severity?: string
}

export interface TicketDraft {
  key: string
  title: string
  content: TicketContent
  due?: string
  /** Resolved assignee; undefined leaves the ticket unassigned (create) or the assignee untouched (update). */
  assignee?: string
  priority?: PriorityLevel
  labels: string[]
}

/** Fields an update changes; the adapter may send more (a rewritten body) but never less. */
export type TicketField = 'title' | 'due' | 'assignee' | 'key'

/** An owner as the config's `owners` table describes them. */
export interface OwnerIdentity {
  /** As written in postmortems, without `@`. */
  owner: string
  email?: string
  github?: string
  linear?: string
  jira?: string
}

export interface AssigneeResolution {
  /** owner → tracker assignee id; owners that could not be resolved are absent. */
  assignees: Map<string, string>
  /** One line per owner that could not be resolved, saying what to add to the `owners` table. */
  warnings: string[]
}

export type ReferenceProblem = 'foreign' | 'not-found'

export interface LookupRequest {
  keys: readonly string[]
  references: readonly ItemReference[]
}

export interface LookupResult {
  /** Every ticket that carries an item key, plus every ticket an item's reference points at. */
  tickets: Ticket[]
  /** References (by their raw text) that point at no ticket of this tracker. */
  unresolved: Map<string, ReferenceProblem>
}

/** How a failed write leaves the ticket: maybe written (look before retrying), surely not written, or refused. */
export type FailureKind = 'ambiguous' | 'retryable' | 'fatal'

export interface TrackerCapabilities {
  /** Where the due date lives: a real field, or only in the description (GitHub). */
  dueDate: 'field' | 'description'
  /** Whether severity → priority is applied. */
  priority: boolean
  /** Whether the key is stored by the create request itself, so even a lost response leaves it findable. */
  keyStoredOnCreate: true
  /** Whether a lost create response can be retried without looking: the tracker rejects a second create with the same id (Linear). */
  idempotentCreate: boolean
  /**
   * Whether `recheck` sees a ticket as soon as it exists. Jira's search is eventually consistent: there a
   * ticket that `recheck` does not find may still exist, so a lost create is never repeated in the same run.
   */
  recheckConsistent: boolean
}

export interface Tracker {
  readonly kind: TrackerKind
  readonly capabilities: TrackerCapabilities
  resolveAssignees(owners: readonly OwnerIdentity[]): Promise<AssigneeResolution>
  /**
   * One paginated query for the managed tickets, plus reads for references outside them. `keys` are the
   * current items' keys, for trackers that can tell a ticket's key from its id (Linear).
   */
  lookup(request: LookupRequest): Promise<LookupResult>
  /**
   * The tickets carrying these keys, as freshly as the tracker can tell: before creating (when search is
   * eventually consistent) and after an ambiguous failure (`patient`: give the index time to catch up).
   */
  recheck(keys: readonly string[], options?: { patient?: boolean }): Promise<Ticket[]>
  create(draft: TicketDraft): Promise<Ticket>
  update(ticket: Ticket, draft: TicketDraft, changes: readonly TicketField[]): Promise<Ticket>
  close(ticket: Ticket): Promise<Ticket>
  classify(error: unknown): FailureKind
}

/** `#12` → `12`, `eng-123` → `ENG-123`: reference ids compare without `#` and case. */
export function normaliseReferenceId(id: string): string {
  return id.replace(/^#/, '').toUpperCase()
}

/** URLs compare without scheme case, trailing slashes, query or fragment. */
export function normaliseUrl(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}`
  } catch {
    return url.replace(/[?#].*$/, '').replace(/\/+$/, '')
  }
}

/**
 * A ticket's title as the tracker holds it, made safe to print: anyone with access to the tracker can
 * write escape sequences or a line starting `::` (a workflow command in the Action's log) into it.
 * The titles sync writes are the same text (see ticketTitle), so a clean title still compares equal.
 */
export function displayTitle(title: string): string {
  return sanitizeText(title, { multiline: false })
}
