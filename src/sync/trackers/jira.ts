// Jira behind the Tracker interface, in two flavours:
//   cloud: REST v3, basic auth (email + API token), descriptions in Atlassian Document Format, users by
//          accountId, /search/jql with token pagination and `reconcileIssues` for read-after-write;
//   dc:    Jira Data Center / Server, REST v2, a personal access token as Bearer, wiki markup, users by
//          name, /search with startAt.
// The key is stored by the create request itself: a label `rl-<hash>` and the issue property
// `reliability-loop` ({"key": …}). Search is eventually consistent, so the tickets this run created are
// remembered (and reconciled into later searches), the keys are looked for once more just before
// creating, and a create whose answer was lost is never repeated in the same run (see execute.ts).

import type { ItemReference } from '../items.js'
import { isItemKey, keyLabel } from '../keys.js'
import { HttpRequestError, sendWithRetry, type HttpPolicy } from '../retry.js'
import { sanitizeVendorBody } from '../../util/sanitize.js'
import { expectShape, isArrayOf, isOptionalArrayOf, isOptionalString, isRecord, isString } from '../../util/vendor-response.js'
import { adfDescription, wikiDescription } from './description.js'
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

export type JiraAuth = { flavour: 'cloud'; email: string; apiToken: string } | { flavour: 'dc'; pat: string }

export interface JiraTrackerOptions {
  baseUrl: string
  project: string
  issueType: string
  auth: JiraAuth
  /** Labels every issue carries; the first marks the managed ones. */
  labels: readonly string[]
  /** Priority → the name of a Jira priority. */
  priorities: Readonly<Record<Exclude<PriorityLevel, 'none'>, string>>
  fetch: typeof fetch
  policy: HttpPolicy
  /** Searches after an ambiguous create before concluding the index does not show it yet (default 4). */
  recheckAttempts?: number
}

/** Jira answered with an error: `errorMessages` and per-field `errors`, joined into the message. */
export class JiraError extends Error {
  override readonly name = 'JiraError'
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message)
  }
}

export const PROPERTY_KEY = 'reliability-loop'
const FIELDS = ['summary', 'status', 'duedate', 'assignee', 'labels']
const PAGE = 100

interface IssueJson {
  id: string
  key: string
  fields?: {
    summary?: string
    status?: { name?: string; statusCategory?: { key?: string } }
    duedate?: string | null
    assignee?: { accountId?: string; name?: string } | null
    labels?: string[]
  }
  properties?: Record<string, unknown>
}

function isIssueJson(value: unknown): value is IssueJson {
  if (!isRecord(value) || !isString(value.id) || !isString(value.key)) return false
  const fields = value.fields
  if (fields === undefined) return true
  if (!isRecord(fields) || !isOptionalString(fields.summary) || !isOptionalString(fields.duedate) || !isOptionalArrayOf(fields.labels, isString)) return false
  return [fields.status, fields.assignee].every((f) => f === undefined || f === null || isRecord(f)) && (value.properties === undefined || isRecord(value.properties))
}
const ISSUE_SHAPE = 'an issue with id and key'

interface SearchPage {
  issues?: IssueJson[]
  nextPageToken?: string
  isLast?: boolean
  total?: number
}
const isSearchPage = (v: unknown): v is SearchPage => isRecord(v) && isOptionalArrayOf(v.issues, isIssueJson) && isOptionalString(v.nextPageToken)

interface UserJson {
  accountId?: string
  name?: string
  emailAddress?: string
  active?: boolean
}
const isUserList = (v: unknown): v is UserJson[] => isArrayOf(v, isRecord)

interface TransitionJson {
  id: string
  name: string
  to?: { statusCategory?: { key?: string } }
}
const isTransitions = (v: unknown): v is { transitions?: TransitionJson[] } =>
  isRecord(v) && isOptionalArrayOf(v.transitions, (t): t is TransitionJson => isRecord(t) && isString(t.id) && isString(t.name) && (t.to === undefined || isRecord(t.to)))

/** What a create answers: the new issue's id and key (`OPS-7`). */
const isCreated = (v: unknown): v is { id: string; key: string } => isRecord(v) && isString(v.id) && v.id !== '' && isString(v.key) && /^[A-Z][A-Z0-9_]*-\d+$/i.test(v.key)

const anything = (_v: unknown): _v is unknown => true

export const JIRA_CAPABILITIES: TrackerCapabilities = { dueDate: 'field', priority: true, keyStoredOnCreate: true, idempotentCreate: false, recheckConsistent: false }

/** A JQL string literal. */
function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

export class JiraTracker implements Tracker {
  readonly kind: 'jira' | 'jira-dc'
  readonly capabilities = JIRA_CAPABILITIES
  private readonly api: string
  /** Label → key for the current items: a ticket whose property is missing is still recognised. */
  private readonly keyOfLabel = new Map<string, string>()
  /** Ids of the issues this run created, reconciled into later searches (Cloud) and found by key. */
  private readonly created = new Map<string, Ticket>()
  private priorityNames?: Promise<Set<string> | undefined>

  constructor(private readonly options: JiraTrackerOptions) {
    this.kind = options.auth.flavour === 'cloud' ? 'jira' : 'jira-dc'
    this.api = `${options.baseUrl.replace(/\/+$/, '')}/rest/api/${options.auth.flavour === 'cloud' ? '3' : '2'}`
  }

  private get cloud(): boolean {
    return this.options.auth.flavour === 'cloud'
  }

  private headers(): Record<string, string> {
    const auth = this.options.auth
    const authorization = auth.flavour === 'cloud' ? `Basic ${Buffer.from(`${auth.email}:${auth.apiToken}`).toString('base64')}` : `Bearer ${auth.pat}`
    return { authorization, accept: 'application/json', 'content-type': 'application/json' }
  }

  /** One request; a successful answer is checked with `shape` (what it must look like, and how to say so). */
  private async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body: unknown, idempotent: boolean, what: string, shape: { guard: (v: unknown) => v is T; expected: string }): Promise<T> {
    const response = await sendWithRetry(
      this.options.fetch,
      { url: `${this.api}${path}`, method, headers: this.headers(), ...(body !== undefined && { body: JSON.stringify(body) }), idempotent, what: `Jira ${what}` },
      this.options.policy
    )
    if (response.status >= 400) {
      const json = (response.json ?? {}) as { errorMessages?: string[]; errors?: Record<string, string> }
      const details = sanitizeVendorBody([...(json.errorMessages ?? []), ...Object.entries(json.errors ?? {}).map(([field, message]) => `${field}: ${String(message)}`)].join('; '))
      const hint = response.status === 401 ? (this.cloud ? ' (check JIRA_EMAIL and JIRA_API_TOKEN)' : ' (check the personal access token)') : ''
      throw new JiraError(`Jira ${what}: ${response.status} ${details || 'error'}${hint}`, response.status)
    }
    return expectShape(response.json, shape.guard, `Jira ${what}`, shape.expected)
  }

  async resolveAssignees(owners: readonly OwnerIdentity[]): Promise<AssigneeResolution> {
    const assignees = new Map<string, string>()
    const warnings: string[] = []
    await Promise.all(
      owners.map(async (o) => {
        if (o.jira !== undefined) {
          assignees.set(o.owner, o.jira)
          return
        }
        if (o.email === undefined) {
          warnings.push(`owner ${o.owner}: no email or Jira ${this.cloud ? 'accountId' : 'user name'}; add them under sync.owners`)
          return
        }
        const param = this.cloud ? 'query' : 'username'
        const users = await this.call('GET', `/user/search?${param}=${encodeURIComponent(o.email)}&maxResults=10`, undefined, true, 'user search', { guard: isUserList, expected: 'a list of users' })
        const active = users.filter((u) => u.active !== false)
        // Email addresses may be hidden by the users' privacy settings; one match is then good enough.
        const match = active.find((u) => u.emailAddress?.toLowerCase() === o.email?.toLowerCase()) ?? (active.length === 1 ? active[0] : undefined)
        const id = this.cloud ? match?.accountId : match?.name
        if (id !== undefined) assignees.set(o.owner, id)
        else warnings.push(`owner ${o.owner}: no active Jira user with the email ${o.email}`)
      })
    )
    return { assignees, warnings: warnings.sort() }
  }

  private toTicket(issue: IssueJson): Ticket {
    const keys: string[] = []
    const stored = (issue.properties?.[PROPERTY_KEY] as { key?: unknown } | undefined)?.key
    if (typeof stored === 'string' && isItemKey(stored)) keys.push(stored)
    for (const label of issue.fields?.labels ?? []) {
      const key = this.keyOfLabel.get(label)
      if (key !== undefined && !keys.includes(key)) keys.push(key)
    }
    const ticket: Ticket = {
      id: issue.id,
      ref: issue.key,
      url: `${this.options.baseUrl.replace(/\/+$/, '')}/browse/${issue.key}`,
      keys,
      title: displayTitle(issue.fields?.summary ?? ''),
      state: issue.fields?.status?.statusCategory?.key === 'done' ? 'closed' : 'open'
    }
    if (issue.fields?.status?.name) ticket.status = issue.fields.status.name
    if (issue.fields?.duedate) ticket.due = issue.fields.duedate
    const assignee = this.cloud ? issue.fields?.assignee?.accountId : issue.fields?.assignee?.name
    if (assignee) ticket.assignee = assignee
    return ticket
  }

  /** Every issue the JQL finds, 100 a page (token pagination on Cloud, startAt on Data Center). */
  private async search(jql: string): Promise<Ticket[]> {
    const tickets: Ticket[] = []
    // Read-after-write for what this run created (Cloud takes at most 50 ids).
    const reconcile = [...this.created.values()].slice(-50).map((t) => Number(t.id))
    let token: string | undefined
    let startAt = 0
    for (;;) {
      const body = this.cloud
        ? { jql, fields: FIELDS, properties: [PROPERTY_KEY], maxResults: PAGE, ...(token !== undefined && { nextPageToken: token }), ...(reconcile.length > 0 && { reconcileIssues: reconcile }) }
        : { jql, fields: FIELDS, properties: [PROPERTY_KEY], maxResults: PAGE, startAt }
      const page = await this.call('POST', this.cloud ? '/search/jql' : '/search', body, true, 'search', { guard: isSearchPage, expected: 'a page of issues, each with id and key' })
      const issues = page.issues ?? []
      tickets.push(...issues.map((i) => this.toTicket(i)))
      if (this.cloud) {
        if (page.isLast !== false || page.nextPageToken === undefined) break
        token = page.nextPageToken
      } else {
        startAt += issues.length
        if (issues.length === 0 || startAt >= (page.total ?? 0)) break
      }
    }
    return tickets
  }

  /** `OPS-7` or this site's `/browse/OPS-7` → `OPS-7`; undefined for anything else. */
  private issueKeyOf(ref: ItemReference): string | undefined {
    if (ref.url !== undefined) {
      const base = this.options.baseUrl.replace(/\/+$/, '').toLowerCase()
      const m = /^(.*)\/browse\/([A-Z][A-Z0-9_]*-\d+)\/?$/i.exec(ref.url)
      return m && m[1]?.toLowerCase() === base ? m[2]?.toUpperCase() : undefined
    }
    const id = ref.id?.toUpperCase()
    return id !== undefined && id.startsWith(`${this.options.project.toUpperCase()}-`) ? id : undefined
  }

  async lookup({ keys, references }: LookupRequest): Promise<LookupResult> {
    for (const key of keys) this.keyOfLabel.set(keyLabel(key), key)
    const label = this.options.labels[0] ?? 'reliability'
    const tickets = await this.search(`project = ${quote(this.options.project)} AND labels = ${quote(label)} ORDER BY created ASC`)
    const unresolved = new Map<string, ReferenceProblem>()
    const known = new Set(tickets.map((t) => t.ref.toUpperCase()))
    const wanted = new Map<string, string[]>()
    for (const ref of references) {
      const key = this.issueKeyOf(ref)
      if (key === undefined) unresolved.set(ref.raw, 'foreign')
      else if (!known.has(key)) wanted.set(key, [...(wanted.get(key) ?? []), ref.raw])
    }
    // Issues by key are read directly, which unlike search is consistent.
    for (const [key, raws] of wanted) {
      try {
        const issue = await this.call('GET', `/issue/${encodeURIComponent(key)}?fields=${FIELDS.join(',')}&properties=${PROPERTY_KEY}`, undefined, true, `get ${key}`, { guard: isIssueJson, expected: ISSUE_SHAPE })
        tickets.push(this.toTicket(issue))
      } catch (error) {
        if (!(error instanceof JiraError) || error.status !== 404) throw error
        for (const raw of raws) unresolved.set(raw, 'not-found')
      }
    }
    return { tickets, unresolved }
  }

  async recheck(keys: readonly string[], options: { patient?: boolean } = {}): Promise<Ticket[]> {
    for (const key of keys) this.keyOfLabel.set(keyLabel(key), key)
    const wanted = new Set(keys)
    const fromThisRun = [...this.created.values()].filter((t) => t.keys.some((k) => wanted.has(k)))
    const attempts = options.patient ? (this.options.recheckAttempts ?? 4) : 1
    let found: Ticket[] = []
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await this.options.policy.sleep(this.options.policy.baseDelayMs * 2 ** (attempt - 2))
      found = []
      for (let start = 0; start < keys.length; start += 50) {
        const labels = keys.slice(start, start + 50).map((k) => quote(keyLabel(k)))
        found.push(...(await this.search(`project = ${quote(this.options.project)} AND labels in (${labels.join(', ')})`)))
      }
      if (found.length > 0) break
    }
    const byId = new Map([...fromThisRun, ...found].map((t) => [t.id, t]))
    return [...byId.values()].filter((t) => t.keys.some((k) => wanted.has(k)))
  }

  /** The priority names the site has, to leave out a configured one that does not exist rather than fail every create. */
  private async knownPriorities(): Promise<Set<string> | undefined> {
    this.priorityNames ??= (async () => {
      try {
        const hasName = (p: unknown): p is { name: string } => isRecord(p) && isString(p.name)
        const json = await this.call('GET', this.cloud ? '/priority/search?maxResults=100' : '/priority', undefined, true, 'priorities', {
          guard: (v): v is { values?: Array<{ name: string }> } | Array<{ name: string }> => isArrayOf(v, hasName) || (isRecord(v) && isOptionalArrayOf(v.values, hasName)),
          expected: 'a list of priorities'
        })
        const list = Array.isArray(json) ? json : (json.values ?? [])
        return new Set(list.map((p) => p.name))
      } catch {
        return undefined
      }
    })()
    return this.priorityNames
  }

  private labelsOf(draft: TicketDraft): string[] {
    return [...new Set([...draft.labels.map((l) => l.replace(/\s+/g, '-')), keyLabel(draft.key)])]
  }

  private async fields(draft: TicketDraft, create: boolean, changes: readonly TicketField[] = []): Promise<Record<string, unknown>> {
    const fields: Record<string, unknown> = {
      summary: draft.title,
      description: this.cloud ? adfDescription(draft.content) : wikiDescription(draft.content),
      duedate: draft.due ?? null,
      labels: this.labelsOf(draft)
    }
    if (create) {
      fields.project = { key: this.options.project }
      fields.issuetype = { name: this.options.issueType }
      if (draft.priority !== undefined && draft.priority !== 'none') {
        const name = this.options.priorities[draft.priority]
        const known = await this.knownPriorities()
        if (known === undefined || known.has(name)) fields.priority = { name }
      }
    }
    if (draft.assignee !== undefined && (create || changes.includes('assignee'))) fields.assignee = this.cloud ? { accountId: draft.assignee } : { name: draft.assignee }
    return fields
  }

  async create(draft: TicketDraft): Promise<Ticket> {
    this.keyOfLabel.set(keyLabel(draft.key), draft.key)
    const body = { fields: await this.fields(draft, true), properties: [{ key: PROPERTY_KEY, value: { key: draft.key } }] }
    const created = await this.call('POST', '/issue', body, false, 'create issue', { guard: isCreated, expected: 'the new issue’s id and key; the issue may have been created, and the next run finds it by its key' })
    const ticket: Ticket = {
      id: created.id,
      ref: created.key,
      url: `${this.options.baseUrl.replace(/\/+$/, '')}/browse/${created.key}`,
      keys: [draft.key],
      title: draft.title,
      state: 'open'
    }
    if (draft.due !== undefined) ticket.due = draft.due
    if (draft.assignee !== undefined) ticket.assignee = draft.assignee
    this.created.set(ticket.id, ticket)
    return ticket
  }

  async update(ticket: Ticket, draft: TicketDraft, changes: readonly TicketField[]): Promise<Ticket> {
    this.keyOfLabel.set(keyLabel(draft.key), draft.key)
    const body: Record<string, unknown> = { fields: await this.fields(draft, false, changes) }
    if (changes.includes('key')) body.properties = [{ key: PROPERTY_KEY, value: { key: draft.key } }]
    await this.call('PUT', `/issue/${encodeURIComponent(ticket.ref)}`, body, true, `edit ${ticket.ref}`, { guard: anything, expected: 'nothing' })
    const updated: Ticket = { ...ticket, title: draft.title, keys: changes.includes('key') ? [draft.key] : ticket.keys }
    if (draft.due !== undefined) updated.due = draft.due
    else delete updated.due
    if (changes.includes('assignee') && draft.assignee !== undefined) updated.assignee = draft.assignee
    return updated
  }

  async close(ticket: Ticket): Promise<Ticket> {
    const { transitions } = await this.call('GET', `/issue/${encodeURIComponent(ticket.ref)}/transitions`, undefined, true, `transitions of ${ticket.ref}`, {
      guard: isTransitions,
      expected: 'a list of transitions, each with id and name'
    })
    const toDone = (transitions ?? []).filter((t) => t.to?.statusCategory?.key === 'done')
    const transition = toDone.find((t) => /^(done|close|resolve)/i.test(t.name)) ?? toDone[0]
    if (!transition) {
      // A close repeated after a lost answer finds the issue done already.
      const issue = await this.call('GET', `/issue/${encodeURIComponent(ticket.ref)}?fields=status`, undefined, true, `get ${ticket.ref}`, { guard: isIssueJson, expected: ISSUE_SHAPE })
      if (issue.fields?.status?.statusCategory?.key === 'done') return { ...ticket, state: 'closed' }
      throw new JiraError(`Jira ${ticket.ref}: no transition leads to a status in the Done category from its current status; close it by hand or adjust the workflow`, 409)
    }
    await this.call('POST', `/issue/${encodeURIComponent(ticket.ref)}/transitions`, { transition: { id: transition.id } }, false, `transition ${ticket.ref}`, { guard: anything, expected: 'nothing' })
    return { ...ticket, state: 'closed' }
  }

  classify(error: unknown): FailureKind {
    if (error instanceof HttpRequestError) return error.ambiguous ? 'ambiguous' : 'retryable'
    if (error instanceof JiraError) return error.status >= 500 ? 'ambiguous' : 'fatal'
    return 'fatal'
  }
}
