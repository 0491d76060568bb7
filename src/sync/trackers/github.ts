// GitHub Issues behind the Tracker interface. The key lives in a hidden marker in the issue body
// (`<!-- reliability-loop:key=… due=… -->`), written by the same request that creates the issue, and the
// managed label (`reliability` by default) lets one paginated listing find every managed issue.
// Requests go through the one Octokit client (throttling and retry plugins); creates alone skip the
// automatic retries, because only a look at the repository can tell whether a failed create happened.

import pLimit from 'p-limit'
import { errorStatus, type GitHubClient } from '../../github/client.js'
import { canBeAssigned } from '../../github/check-assignee.js'
import { createIssue } from '../../github/create-issue.js'
import { createMilestone } from '../../github/create-milestone.js'
import { getIssue } from '../../github/get-issue.js'
import { listIssues, type IssueRecord } from '../../github/list-issues.js'
import { listMilestones, type MilestoneRecord } from '../../github/list-milestones.js'
import { updateIssue } from '../../github/update-issue.js'
import type { ItemReference } from '../items.js'
import { isItemKey } from '../keys.js'
import { networkFailure, NOT_SENT_CODES } from '../../util/network-error.js'
import { markdownDescription } from './description.js'
import type {
  AssigneeResolution,
  FailureKind,
  LookupRequest,
  LookupResult,
  OwnerIdentity,
  ReferenceProblem,
  Ticket,
  TicketDraft,
  TicketField,
  Tracker,
  TrackerCapabilities
} from '../tracker.js'
import { displayTitle } from '../tracker.js'

export interface GitHubTrackerOptions {
  client: GitHubClient
  owner: string
  repo: string
  /** The label that marks managed issues (the first of `sync.labels`). */
  label: string
  /** One milestone per due date (`Due 2027-01-15`), created when missing. */
  milestones: boolean
  /** When the run started: an ambiguous failure is re-checked among issues updated since then. */
  startedAt: Date
  /** Parallel reads of referenced issues and assignee checks. */
  concurrency?: number
}

const MARKER_RE = /<!--\s*reliability-loop:((?:\s*[a-z]+=[^\s>]+)+)\s*-->/g
const LOGIN_RE = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/
// GitHub's clock and ours may differ; a wider window only costs a slightly longer first page.
const RECHECK_SKEW_MS = 5 * 60_000

/** The hidden marker, as the last line of the body. */
export function githubMarker(draft: Pick<TicketDraft, 'key' | 'due'>): string {
  return `<!-- reliability-loop:key=${draft.key}${draft.due !== undefined ? ` due=${draft.due}` : ''} -->`
}

export function githubBody(draft: TicketDraft): string {
  return `${markdownDescription(draft.content)}\n\n${githubMarker(draft)}\n`
}

/** Keys and due date from the body's markers (a body edited by hand may keep more than one). */
export function readMarkers(body: string): { keys: string[]; due?: string } {
  const keys: string[] = []
  let due: string | undefined
  for (const m of body.matchAll(MARKER_RE)) {
    for (const pair of (m[1] ?? '').trim().split(/\s+/)) {
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      if (name === 'key' && isItemKey(value) && !keys.includes(value)) keys.push(value)
      if (name === 'due' && /^\d{4}-\d{2}-\d{2}$/.test(value)) due = value
    }
  }
  return due !== undefined ? { keys, due } : { keys }
}

function toTicket(issue: IssueRecord): Ticket {
  const { keys, due } = readMarkers(issue.body)
  const ticket: Ticket = { id: String(issue.number), ref: `#${issue.number}`, url: issue.htmlUrl, keys, title: displayTitle(issue.title), state: issue.state }
  ticket.status = issue.stateReason !== undefined && issue.stateReason !== 'completed' ? `closed (${issue.stateReason.replace(/_/g, ' ')})` : issue.state
  if (due !== undefined) ticket.due = due
  const [assignee] = issue.assignees
  if (assignee !== undefined) ticket.assignee = assignee
  return ticket
}

/** A write refused for lack of permission says which permission the workflow needs. */
async function withPermissionHint<T>(write: Promise<T>): Promise<T> {
  try {
    return await write
  } catch (error) {
    if (errorStatus(error) === 403 && error instanceof Error && !/rate limit/i.test(error.message)) {
      error.message = `${error.message} (the token needs \`permissions: issues: write\`)`
    }
    throw error
  }
}

export const GITHUB_CAPABILITIES: TrackerCapabilities = { dueDate: 'description', priority: false, keyStoredOnCreate: true, idempotentCreate: false, recheckConsistent: true }

export class GitHubTracker implements Tracker {
  readonly kind = 'github' as const
  readonly capabilities = GITHUB_CAPABILITIES
  private milestones?: Promise<Map<string, MilestoneRecord>>
  private readonly limit: ReturnType<typeof pLimit>

  constructor(private readonly options: GitHubTrackerOptions) {
    this.limit = pLimit(options.concurrency ?? 4)
  }

  private get repoRef() {
    return { owner: this.options.owner, repo: this.options.repo }
  }

  async resolveAssignees(owners: readonly OwnerIdentity[]): Promise<AssigneeResolution> {
    const assignees = new Map<string, string>()
    const warnings: string[] = []
    const checked = new Map<string, Promise<boolean>>()
    await Promise.all(
      owners.map(async (identity) => {
        const login = identity.github ?? (LOGIN_RE.test(identity.owner) ? identity.owner : undefined)
        if (login === undefined) {
          warnings.push(`owner ${identity.owner}: not a GitHub login; add \`github: <login>\` for them under sync.owners`)
          return
        }
        let check = checked.get(login.toLowerCase())
        if (!check) {
          check = this.limit(() => canBeAssigned(this.options.client, { ...this.repoRef, login }))
          checked.set(login.toLowerCase(), check)
        }
        if (await check) assignees.set(identity.owner, login)
        else warnings.push(`owner ${identity.owner}: ${login} cannot be assigned issues in ${this.options.owner}/${this.options.repo} (not a collaborator, or a team); map them under sync.owners`)
      })
    )
    return { assignees, warnings: warnings.sort() }
  }

  /** `#12` or this repository's issue URL → 12; undefined for anything else. */
  private issueNumberOf(ref: ItemReference): number | 'foreign' {
    if (ref.url !== undefined) {
      const m = /^https?:\/\/[^/]+\/([^/]+)\/([^/]+)\/(?:issues|pull)\/(\d+)(?:[/?#].*)?$/i.exec(ref.url)
      const sameRepo = m && m[1]?.toLowerCase() === this.options.owner.toLowerCase() && m[2]?.toLowerCase() === this.options.repo.toLowerCase()
      return sameRepo ? Number(m[3]) : 'foreign'
    }
    const id = /^#(\d+)$/.exec(ref.id ?? '')
    return id ? Number(id[1]) : 'foreign'
  }

  async lookup({ references }: LookupRequest): Promise<LookupResult> {
    const issues = await listIssues(this.options.client, { ...this.repoRef, label: this.options.label })
    const tickets = issues.map(toTicket)
    const known = new Set(issues.map((i) => i.number))
    const unresolved = new Map<string, ReferenceProblem>()
    const wanted = new Map<number, string[]>()
    for (const ref of references) {
      const number = this.issueNumberOf(ref)
      if (number === 'foreign') unresolved.set(ref.raw, 'foreign')
      else if (!known.has(number)) wanted.set(number, [...(wanted.get(number) ?? []), ref.raw])
    }
    await Promise.all(
      [...wanted].map(([number, raws]) =>
        this.limit(async () => {
          const issue = await getIssue(this.options.client, { ...this.repoRef, number })
          if (issue) tickets.push(toTicket(issue))
          else for (const raw of raws) unresolved.set(raw, 'not-found')
        })
      )
    )
    return { tickets, unresolved }
  }

  async recheck(keys: readonly string[]): Promise<Ticket[]> {
    const since = new Date(this.options.startedAt.getTime() - RECHECK_SKEW_MS).toISOString().replace(/\.\d+Z$/, 'Z')
    const issues = await listIssues(this.options.client, { ...this.repoRef, label: this.options.label, since })
    const wanted = new Set(keys)
    return issues.map(toTicket).filter((t) => t.keys.some((k) => wanted.has(k)))
  }

  private async milestoneFor(due: string | undefined): Promise<number | undefined> {
    if (!this.options.milestones || due === undefined) return undefined
    const title = `Due ${due}`
    this.milestones ??= listMilestones(this.options.client, this.repoRef).then((list) => new Map(list.map((m) => [m.title, m])))
    const byTitle = await this.milestones
    const existing = byTitle.get(title)
    if (existing) return existing.number
    try {
      const created = await createMilestone(this.options.client, { ...this.repoRef, title, dueOn: due })
      byTitle.set(title, created)
      return created.number
    } catch (error) {
      // Another item (or run) made it first: GitHub answers 422 already_exists.
      if (errorStatus(error) !== 422) throw error
      const again = (await listMilestones(this.options.client, this.repoRef)).find((m) => m.title === title)
      if (!again) throw error
      byTitle.set(title, again)
      return again.number
    }
  }

  async create(draft: TicketDraft): Promise<Ticket> {
    const milestone = await this.milestoneFor(draft.due)
    const issue = await withPermissionHint(createIssue(this.options.client, {
      ...this.repoRef,
      title: draft.title,
      body: githubBody(draft),
      labels: draft.labels,
      ...(draft.assignee !== undefined && { assignees: [draft.assignee] }),
      ...(milestone !== undefined && { milestone })
    }))
    return toTicket(issue)
  }

  async update(ticket: Ticket, draft: TicketDraft, changes: readonly TicketField[]): Promise<Ticket> {
    const milestone = changes.includes('due') && this.options.milestones ? ((await this.milestoneFor(draft.due)) ?? null) : undefined
    const issue = await withPermissionHint(updateIssue(this.options.client, {
      ...this.repoRef,
      number: Number(ticket.id),
      title: draft.title,
      // The body carries the due date and the key; rewriting it keeps both current.
      body: githubBody(draft),
      ...(changes.includes('assignee') && draft.assignee !== undefined && { assignees: [draft.assignee] }),
      ...(milestone !== undefined && { milestone })
    }))
    return toTicket(issue)
  }

  async close(ticket: Ticket): Promise<Ticket> {
    return toTicket(await withPermissionHint(updateIssue(this.options.client, { ...this.repoRef, number: Number(ticket.id), close: true })))
  }

  classify(error: unknown): FailureKind {
    const status = errorStatus(error)
    if (status === undefined) return 'fatal'
    // A request that never left (nothing listening, no such host) did nothing: Octokit calls it 500 too.
    const network = networkFailure(error)
    if (network && NOT_SENT_CODES.has(network.code)) return 'retryable'
    // Octokit reports timeouts and dropped connections as 500 too: the request may have been carried out.
    if (status >= 500) return 'ambiguous'
    if (status === 429 || (status === 403 && /rate limit/i.test(error instanceof Error ? error.message : ''))) return 'retryable'
    return 'fatal'
  }
}
