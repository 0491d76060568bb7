// Linear behind the Tracker interface. Exactly once by construction: each item's issue gets a
// client-chosen id derived from its key (keys.ts), so a create repeated after a lost answer cannot make
// a second issue; Linear refuses the id, and the issue is read back instead. The same request attaches
// the postmortem's line to the issue with the key in the attachment's metadata, which lets a moved or
// reworded item be recognised. Team by key, users by email, labels by name (created when missing), and
// done means a workflow state of type `completed`.

import type { ItemReference } from '../items.js'
import { deterministicUuid, isItemKey } from '../keys.js'
import { HttpRequestError } from '../retry.js'
import { markdownDescription } from './description.js'
import { isArrayOf, isOptionalString, isRecord, isString } from '../../util/vendor-response.js'
import { LinearClient, LinearError, type DataShape, type LinearClientOptions } from './linear-client.js'
import type {
  AssigneeResolution,
  FailureKind,
  LookupRequest,
  LookupResult,
  OwnerIdentity,
  PriorityLevel,
  ReferenceProblem,
  Ticket,
  TicketDraft,
  TicketField,
  Tracker,
  TrackerCapabilities
} from '../tracker.js'
import { displayTitle } from '../tracker.js'

export interface LinearTrackerOptions extends LinearClientOptions {
  /** Team key, e.g. `ENG`. */
  team: string
  /** Labels every issue carries; the first marks the managed ones. */
  labels: readonly string[]
  /** Other labels issues may get (the severity levels), looked up with the first request. */
  otherLabels?: readonly string[]
}

const TICKET_FIELDS = `fragment Ticket on Issue {
  id
  identifier
  url
  title
  dueDate
  assignee { id }
  state { type name }
  attachments(first: 20) { nodes { url metadata } }
}`

const SETUP = `query SyncSetup($team: String!, $labels: [String!]!) {
  teams(filter: { key: { eq: $team } }) { nodes { id key states(first: 100) { nodes { id name type position } } } }
  issueLabels(filter: { name: { in: $labels } }, first: 250) { nodes { id name team { id } } }
}`

const USERS = `query SyncUsers($emails: [String!]!, $after: String) {
  users(filter: { email: { in: $emails } }, first: 250, after: $after) { nodes { id email active } pageInfo { hasNextPage endCursor } }
}`

const CREATE_LABEL = `mutation SyncCreateLabel($input: IssueLabelCreateInput!) {
  issueLabelCreate(input: $input) { success issueLabel { id name } }
}`

const ISSUES = `query SyncIssues($filter: IssueFilter!, $after: String) {
  issues(filter: $filter, first: 100, after: $after, includeArchived: true) {
    nodes { ...Ticket }
    pageInfo { hasNextPage endCursor }
  }
}
${TICKET_FIELDS}`

const CREATE = `mutation SyncCreateIssue($issue: IssueCreateInput!, $attachment: AttachmentCreateInput!) {
  issueCreate(input: $issue) { success issue { ...Ticket } }
  attachmentCreate(input: $attachment) { success }
}
${TICKET_FIELDS}`

const CREATE_WITHOUT_ATTACHMENT = `mutation SyncCreateIssue($issue: IssueCreateInput!) {
  issueCreate(input: $issue) { success issue { ...Ticket } }
}
${TICKET_FIELDS}`

const UPDATE = `mutation SyncUpdateIssue($id: String!, $input: IssueUpdateInput!) {
  issueUpdate(id: $id, input: $input) { success issue { ...Ticket } }
}
${TICKET_FIELDS}`

const ATTACH = `mutation SyncAttach($attachment: AttachmentCreateInput!) {
  attachmentCreate(input: $attachment) { success }
}`

/** Aliased single reads in one request: `r0: issue(id: $r0) { … }`. */
function referencesQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$r${i}: String!`).join(', ')
  const fields = Array.from({ length: count }, (_, i) => `  r${i}: issue(id: $r${i}) { ...Ticket }`).join('\n')
  return `query SyncReferences(${vars}) {\n${fields}\n}\n${TICKET_FIELDS}`
}

interface IssueNode {
  id: string
  identifier: string
  url: string
  title: string
  dueDate: string | null
  assignee: { id: string } | null
  state: { type: string; name?: string }
  attachments: { nodes: Array<{ url: string; metadata: Record<string, unknown> | null }> }
}

interface Page<T> {
  nodes: T[]
  pageInfo: { hasNextPage: boolean; endCursor: string | null }
}

interface Setup {
  teamId: string
  doneStateId: string
}

// What the code reads of each answer (see linear-client.ts: anything else is an UnexpectedResponseError).
const isIssueNode = (v: unknown): v is IssueNode =>
  isRecord(v) &&
  isString(v.id) &&
  isString(v.identifier) &&
  isString(v.url) &&
  isString(v.title) &&
  isOptionalString(v.dueDate) &&
  (v.assignee === null || v.assignee === undefined || (isRecord(v.assignee) && isString(v.assignee.id))) &&
  isRecord(v.state) &&
  isString(v.state.type) &&
  isRecord(v.attachments) &&
  isArrayOf(v.attachments.nodes, (a): a is { url: string; metadata: Record<string, unknown> | null } => isRecord(a) && (a.metadata === null || a.metadata === undefined || isRecord(a.metadata)))

function isPage<T>(v: unknown, node: (n: unknown) => n is T): v is Page<T> {
  return isRecord(v) && isArrayOf(v.nodes, node) && isRecord(v.pageInfo) && typeof v.pageInfo.hasNextPage === 'boolean' && isOptionalString(v.pageInfo.endCursor)
}

type LabelNode = { id: string; name: string; team: { id: string } | null }
const isLabelNode = (l: unknown): l is LabelNode => isRecord(l) && isString(l.id) && isString(l.name) && (l.team === null || l.team === undefined || (isRecord(l.team) && isString(l.team.id)))
type TeamNode = { id: string; key: string; states: { nodes: Array<{ id: string; type: string; position: number }> } }
const isTeamNode = (t: unknown): t is TeamNode =>
  isRecord(t) &&
  isString(t.id) &&
  isString(t.key) &&
  isRecord(t.states) &&
  isArrayOf(t.states.nodes, (s): s is TeamNode['states']['nodes'][number] => isRecord(s) && isString(s.id) && isString(s.type) && typeof s.position === 'number')

const SETUP_SHAPE: DataShape<{ teams: { nodes: TeamNode[] }; issueLabels: { nodes: LabelNode[] } }> = {
  guard: (d): d is { teams: { nodes: TeamNode[] }; issueLabels: { nodes: LabelNode[] } } => isRecord(d) && isRecord(d.teams) && isArrayOf(d.teams.nodes, isTeamNode) && isRecord(d.issueLabels) && isArrayOf(d.issueLabels.nodes, isLabelNode),
  expected: 'teams and issueLabels'
}
const LABELS_SHAPE: DataShape<{ issueLabels: { nodes: LabelNode[] } }> = {
  guard: (d): d is { issueLabels: { nodes: LabelNode[] } } => isRecord(d) && isRecord(d.issueLabels) && isArrayOf(d.issueLabels.nodes, isLabelNode),
  expected: 'issueLabels'
}
type UserNode = { id: string; email: string; active: boolean }
const USERS_SHAPE: DataShape<{ users: Page<UserNode> }> = {
  guard: (d): d is { users: Page<UserNode> } => isRecord(d) && isPage(d.users, (u): u is UserNode => isRecord(u) && isString(u.id) && isString(u.email) && typeof u.active === 'boolean'),
  expected: 'a page of users with id, email and active'
}
const ISSUES_SHAPE: DataShape<{ issues: Page<IssueNode> }> = {
  guard: (d): d is { issues: Page<IssueNode> } => isRecord(d) && isPage(d.issues, isIssueNode),
  expected: 'a page of issues'
}
const REFERENCES_SHAPE: DataShape<Record<string, IssueNode | null>> = {
  guard: (d): d is Record<string, IssueNode | null> => isRecord(d) && Object.values(d).every((n) => n === null || isIssueNode(n)),
  expected: 'the referenced issues'
}
function payloadShape<F extends string>(field: F): DataShape<Record<F, { issue: IssueNode | null }>> {
  return {
    guard: (d): d is Record<F, { issue: IssueNode | null }> => isRecord(d) && isRecord(d[field]) && (d[field].issue === null || isIssueNode(d[field].issue)),
    expected: `${field} with the issue`
  }
}
const CREATE_SHAPE = payloadShape('issueCreate')
const UPDATE_SHAPE = payloadShape('issueUpdate')
/** Answers whose data the code does not read (the write's success is the absence of errors). */
const ANY_DATA: DataShape<unknown> = { guard: (_d): _d is unknown => true, expected: 'anything' }

const PRIORITY: Record<PriorityLevel, number> = { urgent: 1, high: 2, medium: 3, low: 4, none: 0 }
const METADATA_KEY = 'reliabilityLoopKey'
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const LINEAR_CAPABILITIES: TrackerCapabilities = { dueDate: 'field', priority: true, keyStoredOnCreate: true, idempotentCreate: true, recheckConsistent: true }

export class LinearTracker implements Tracker {
  readonly kind = 'linear' as const
  readonly capabilities = LINEAR_CAPABILITIES
  private readonly client: LinearClient
  private setup?: Promise<Setup>
  /** Label name → id, created when first needed. */
  private readonly labelIds = new Map<string, Promise<string>>()
  /** id → key for the keys of this run, so issues whose attachment is missing are still recognised. */
  private readonly keyOfId = new Map<string, string>()

  constructor(private readonly options: LinearTrackerOptions) {
    this.client = new LinearClient(options)
  }

  private prepare(): Promise<Setup> {
    this.setup ??= this.loadSetup()
    return this.setup
  }

  private async loadSetup(): Promise<Setup> {
    const names = [...new Set([...this.options.labels, ...(this.options.otherLabels ?? [])])]
    const { data } = await this.client.request('SyncSetup', SETUP, { team: this.options.team, labels: names }, { idempotent: true, shape: SETUP_SHAPE })
    const team = data.teams.nodes[0]
    if (!team) throw new LinearError(`Linear has no team with the key "${this.options.team}" (check sync.linear.team or LINEAR_TEAM)`, 404, [])
    const done = team.states.nodes.filter((s) => s.type === 'completed').sort((a, b) => a.position - b.position)[0]
    if (!done) throw new LinearError(`Linear team ${team.key} has no workflow state of type "completed" to move finished items to`, 404, [])
    // A team label wins over a workspace label of the same name.
    for (const label of [...data.issueLabels.nodes].sort((a, b) => (a.team ? 1 : 0) - (b.team ? 1 : 0))) {
      if (label.team === null || label.team.id === team.id) this.labelIds.set(label.name, Promise.resolve(label.id))
    }
    return { teamId: team.id, doneStateId: done.id }
  }

  private async labelIdsFor(names: readonly string[]): Promise<string[]> {
    const { teamId } = await this.prepare()
    return Promise.all(
      names.map((name) => {
        let id = this.labelIds.get(name)
        if (!id) {
          id = this.createLabel(name, teamId)
          // A failed create is forgotten, so the next item tries again.
          id.catch(() => this.labelIds.delete(name))
          this.labelIds.set(name, id)
        }
        return id
      })
    )
  }

  /** With an id of our choosing, so a retried create cannot make the label twice; a refusal means it exists. */
  private async createLabel(name: string, teamId: string): Promise<string> {
    const id = deterministicUuid(`label:${teamId}:${name}`)
    try {
      await this.client.request('SyncCreateLabel', CREATE_LABEL, { input: { id, name, teamId } }, { idempotent: true, shape: ANY_DATA })
      return id
    } catch (error) {
      if (!(error instanceof LinearError) || !error.isInputError) throw error
      const { data } = await this.client.request('SyncSetup', SETUP, { team: this.options.team, labels: [name] }, { idempotent: true, shape: LABELS_SHAPE })
      const found = data.issueLabels.nodes.find((l) => l.name === name && (l.team === null || l.team.id === teamId))
      if (!found) throw error
      return found.id
    }
  }

  async resolveAssignees(owners: readonly OwnerIdentity[]): Promise<AssigneeResolution> {
    const assignees = new Map<string, string>()
    const warnings: string[] = []
    const byEmail = new Map<string, string[]>()
    for (const o of owners) {
      if (o.linear !== undefined && UUID_RE.test(o.linear)) assignees.set(o.owner, o.linear)
      else {
        const email = (o.linear?.includes('@') ? o.linear : o.email)?.toLowerCase()
        if (email === undefined) warnings.push(`owner ${o.owner}: no email or Linear user id; add \`${o.owner}: <email>\` under sync.owners`)
        else byEmail.set(email, [...(byEmail.get(email) ?? []), o.owner])
      }
    }
    if (byEmail.size === 0) return { assignees, warnings }
    const emails = [...byEmail.keys()]
    let after: string | null = null
    for (;;) {
      const { data }: { data: { users: Page<UserNode> } } = await this.client.request('SyncUsers', USERS, { emails, after }, { idempotent: true, shape: USERS_SHAPE })
      for (const user of data.users.nodes) {
        const names = byEmail.get(user.email.toLowerCase())
        if (!names || !user.active) continue
        for (const name of names) assignees.set(name, user.id)
        byEmail.delete(user.email.toLowerCase())
      }
      if (!data.users.pageInfo.hasNextPage) break
      after = data.users.pageInfo.endCursor
    }
    for (const [email, names] of byEmail) for (const name of names) warnings.push(`owner ${name}: no active Linear user with the email ${email}`)
    return { assignees, warnings: warnings.sort() }
  }

  private toTicket(issue: IssueNode): Ticket {
    const keys: string[] = []
    for (const a of issue.attachments.nodes) {
      const key = a.metadata?.[METADATA_KEY]
      if (typeof key === 'string' && isItemKey(key) && !keys.includes(key)) keys.push(key)
    }
    const byId = this.keyOfId.get(issue.id)
    if (byId !== undefined && !keys.includes(byId)) keys.push(byId)
    const ticket: Ticket = {
      id: issue.id,
      ref: issue.identifier,
      url: issue.url,
      keys,
      title: displayTitle(issue.title),
      state: issue.state.type === 'completed' || issue.state.type === 'canceled' ? 'closed' : 'open'
    }
    if (issue.state.name) ticket.status = issue.state.name
    if (issue.dueDate) ticket.due = issue.dueDate
    if (issue.assignee) ticket.assignee = issue.assignee.id
    return ticket
  }

  private async listIssues(filter: Record<string, unknown>): Promise<Ticket[]> {
    const tickets: Ticket[] = []
    let after: string | null = null
    for (;;) {
      const { data }: { data: { issues: Page<IssueNode> } } = await this.client.request('SyncIssues', ISSUES, { filter, after }, { idempotent: true, shape: ISSUES_SHAPE })
      for (const node of data.issues.nodes) tickets.push(this.toTicket(node))
      if (!data.issues.pageInfo.hasNextPage) return tickets
      after = data.issues.pageInfo.endCursor
    }
  }

  /** A reference Linear may know: a linear.app URL, or an identifier of this team. */
  private identifierOf(ref: ItemReference): string | undefined {
    const fromUrl = ref.url !== undefined ? /^https?:\/\/linear\.app\/[^/]+\/issue\/([A-Z][A-Z0-9]*-\d+)/i.exec(ref.url)?.[1] : undefined
    if (fromUrl) return fromUrl.toUpperCase()
    if (ref.url !== undefined) return undefined
    const id = ref.id?.toUpperCase()
    return id !== undefined && new RegExp(`^${this.options.team.toUpperCase()}-\\d+$`).test(id) ? id : undefined
  }

  async lookup({ keys, references }: LookupRequest): Promise<LookupResult> {
    for (const key of keys) this.keyOfId.set(deterministicUuid(key), key)
    const setup = await this.prepare()
    const tickets = await this.listIssues({ team: { id: { eq: setup.teamId } }, labels: { some: { name: { eq: this.options.labels[0] ?? 'reliability' } } } })
    const unresolved = new Map<string, ReferenceProblem>()
    const known = new Set(tickets.map((t) => t.ref.toUpperCase()))
    const wanted = new Map<string, string[]>()
    for (const ref of references) {
      const identifier = this.identifierOf(ref)
      if (identifier === undefined) unresolved.set(ref.raw, 'foreign')
      else if (!known.has(identifier)) wanted.set(identifier, [...(wanted.get(identifier) ?? []), ref.raw])
    }
    const identifiers = [...wanted.keys()]
    for (let start = 0; start < identifiers.length; start += 50) {
      const chunk = identifiers.slice(start, start + 50)
      const variables = Object.fromEntries(chunk.map((id, i) => [`r${i}`, id]))
      const { data } = await this.client.request('SyncReferences', referencesQuery(chunk.length), variables, { idempotent: true, partial: true, shape: REFERENCES_SHAPE })
      chunk.forEach((identifier, i) => {
        const node = data[`r${i}`]
        if (node) tickets.push(this.toTicket(node))
        else for (const raw of wanted.get(identifier) ?? []) unresolved.set(raw, 'not-found')
      })
    }
    return { tickets, unresolved }
  }

  async recheck(keys: readonly string[]): Promise<Ticket[]> {
    for (const key of keys) this.keyOfId.set(deterministicUuid(key), key)
    return this.listIssues({ id: { in: keys.map(deterministicUuid) } })
  }

  private attachment(issueId: string, draft: TicketDraft): Record<string, unknown> | undefined {
    const url = draft.content.postmortemUrl
    if (url === undefined) return undefined
    return {
      issueId,
      url,
      title: `Postmortem ${draft.content.postmortemId}`,
      subtitle: draft.content.postmortemPath,
      metadata: { [METADATA_KEY]: draft.key, postmortem: draft.content.postmortemPath }
    }
  }

  async create(draft: TicketDraft): Promise<Ticket> {
    const setup = await this.prepare()
    const id = deterministicUuid(draft.key)
    this.keyOfId.set(id, draft.key)
    const issue: Record<string, unknown> = {
      id,
      teamId: setup.teamId,
      title: draft.title,
      description: markdownDescription(draft.content),
      labelIds: await this.labelIdsFor(draft.labels)
    }
    if (draft.due !== undefined) issue.dueDate = draft.due
    if (draft.assignee !== undefined) issue.assigneeId = draft.assignee
    if (draft.priority !== undefined) issue.priority = PRIORITY[draft.priority]
    const attachment = this.attachment(id, draft)
    try {
      const { data } = await this.client.request(
        'SyncCreateIssue',
        attachment ? CREATE : CREATE_WITHOUT_ATTACHMENT,
        attachment ? { issue, attachment } : { issue },
        // The id is ours: repeating the request cannot make a second issue.
        { idempotent: true, shape: CREATE_SHAPE }
      )
      const node = data.issueCreate.issue
      if (!node) throw new LinearError('Linear SyncCreateIssue: no issue in the answer', 500, [])
      return this.toTicket(node)
    } catch (error) {
      // An earlier attempt whose answer was lost made the issue: Linear refuses the id a second time.
      if (!(error instanceof LinearError) || !error.isInputError) throw error
      const [existing] = await this.recheck([draft.key])
      if (!existing) throw error
      if (attachment && !existing.keys.includes(draft.key)) await this.client.request('SyncAttach', ATTACH, { attachment }, { idempotent: true, shape: ANY_DATA })
      return { ...existing, keys: existing.keys.includes(draft.key) ? existing.keys : [...existing.keys, draft.key] }
    }
  }

  async update(ticket: Ticket, draft: TicketDraft, changes: readonly TicketField[]): Promise<Ticket> {
    const input: Record<string, unknown> = { title: draft.title, description: markdownDescription(draft.content), dueDate: draft.due ?? null }
    if (changes.includes('assignee') && draft.assignee !== undefined) input.assigneeId = draft.assignee
    const { data } = await this.client.request('SyncUpdateIssue', UPDATE, { id: ticket.id, input }, { idempotent: true, shape: UPDATE_SHAPE })
    const attachment = changes.includes('key') ? this.attachment(ticket.id, draft) : undefined
    if (attachment) await this.client.request('SyncAttach', ATTACH, { attachment }, { idempotent: true, shape: ANY_DATA })
    const node = data.issueUpdate.issue
    const updated = node ? this.toTicket(node) : ticket
    return attachment && !updated.keys.includes(draft.key) ? { ...updated, keys: [...updated.keys, draft.key] } : updated
  }

  async close(ticket: Ticket): Promise<Ticket> {
    const setup = await this.prepare()
    const { data } = await this.client.request('SyncUpdateIssue', UPDATE, { id: ticket.id, input: { stateId: setup.doneStateId } }, { idempotent: true, shape: UPDATE_SHAPE })
    const node = data.issueUpdate.issue
    return node ? this.toTicket(node) : { ...ticket, state: 'closed' }
  }

  classify(error: unknown): FailureKind {
    if (error instanceof HttpRequestError) return error.ambiguous ? 'ambiguous' : 'retryable'
    if (error instanceof LinearError) {
      if (error.errors.some((e) => e.extensions?.type === 'ratelimited')) return 'retryable'
      return error.status >= 500 ? 'ambiguous' : 'fatal'
    }
    return 'fatal'
  }
}
