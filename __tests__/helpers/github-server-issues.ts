// The issue endpoints the sync mode uses, for the fake GitHub server (github-server.ts routes to them):
// list a repository's issues (label, state, since, sort, pagination with `Link`), create, get and edit an
// issue, check whether a login can be assigned, list and create milestones.
//
// Request bodies are validated by the host against the contract's request schemas
// (__tests__/contracts/github-rest.json); query parameters are checked here against the
// contract's parameter schemas. What GitHub refuses beyond the schema is refused too: an assignee who
// cannot be assigned, a milestone that does not exist, a milestone title used twice (422).
// Answers are GitHub's own examples from the contract with the stored fields filled in.

import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import { RawText } from './github-server-gate.js'
import { GITHUB_CONTRACT_PATH as CONTRACT } from './contracts.js'
const DOCS = 'https://docs.github.com/rest'

export type IssueOperationId =
  | 'issues/list-for-repo'
  | 'issues/create'
  | 'issues/get'
  | 'issues/update'
  | 'issues/check-user-can-be-assigned'
  | 'issues/list-milestones'
  | 'issues/create-milestone'

export const ISSUE_OPERATIONS: Record<IssueOperationId, { path: string; method: 'get' | 'post' | 'patch' }> = {
  'issues/list-for-repo': { path: '/repos/{owner}/{repo}/issues', method: 'get' },
  'issues/create': { path: '/repos/{owner}/{repo}/issues', method: 'post' },
  'issues/get': { path: '/repos/{owner}/{repo}/issues/{issue_number}', method: 'get' },
  'issues/update': { path: '/repos/{owner}/{repo}/issues/{issue_number}', method: 'patch' },
  'issues/check-user-can-be-assigned': { path: '/repos/{owner}/{repo}/assignees/{assignee}', method: 'get' },
  'issues/list-milestones': { path: '/repos/{owner}/{repo}/milestones', method: 'get' },
  'issues/create-milestone': { path: '/repos/{owner}/{repo}/milestones', method: 'post' }
}

export function isIssueOperation(operation: string): operation is IssueOperationId {
  return Object.prototype.hasOwnProperty.call(ISSUE_OPERATIONS, operation)
}

export interface IssueAnswer {
  status: number
  body: unknown
  headers?: Record<string, string>
}

export interface StoredIssue {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  stateReason: string | null
  labels: string[]
  assignees: string[]
  milestone?: number
  createdAt: number
  updatedAt: number
}

export interface StoredMilestone {
  number: number
  title: string
  state: 'open' | 'closed'
  dueOn: string | null
}

export interface IssueHost {
  readonly url: string
  readonly owner: string
  readonly repo: string
}

// ------------------------------------------------------------------------------------------------
// The contract: examples and query parameter schemas

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
interface Contract {
  paths: Record<string, Record<string, { parameters?: Array<Json> }>>
  components: { examples: Record<string, { value: Json }>; parameters: Record<string, Json> }
}

let contract: Contract | undefined
function loadContract(): Contract {
  contract ??= JSON.parse(readFileSync(CONTRACT, 'utf8')) as Contract
  return contract
}

function example(name: string): Record<string, Json> {
  return structuredClone(loadContract().components.examples[name]?.value) as Record<string, Json>
}

const queryValidators = new Map<IssueOperationId, Map<string, ValidateFunction>>()

function queryValidator(operation: IssueOperationId): Map<string, ValidateFunction> {
  const cached = queryValidators.get(operation)
  if (cached) return cached
  const c = loadContract()
  const { path, method } = ISSUE_OPERATIONS[operation]
  const ajv = new Ajv({ strict: false, coerceTypes: true })
  ajv.addFormat('date-time', (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)))
  const map = new Map<string, ValidateFunction>()
  for (const p of c.paths[path]?.[method]?.parameters ?? []) {
    const resolved = (p !== null && typeof p === 'object' && !Array.isArray(p) && typeof p.$ref === 'string' ? c.components.parameters[p.$ref.split('/').pop() ?? ''] : p) as {
      name?: string
      in?: string
      schema?: Json
    }
    if (resolved?.in === 'query' && resolved.name && resolved.schema) map.set(resolved.name, ajv.compile(resolved.schema as object))
  }
  queryValidators.set(operation, map)
  return map
}

// ------------------------------------------------------------------------------------------------

const notFound = (): IssueAnswer => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } })

function validationFailed(resource: string, field: string, code: string, value?: unknown): IssueAnswer {
  return {
    status: 422,
    body: { message: 'Validation Failed', errors: [{ resource, field, code, ...(value !== undefined && { value }) }], documentation_url: DOCS, status: '422' }
  }
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z')

export class IssueRoutes {
  readonly issues: StoredIssue[] = []
  readonly milestones: StoredMilestone[] = []
  /** Logins that issues can be assigned to (collaborators). */
  readonly assignable = new Set<string>()
  private clock = () => Date.now()

  constructor(private readonly host: IssueHost) {}

  reset(): void {
    this.issues.length = 0
    this.milestones.length = 0
    this.assignable.clear()
  }

  /** Adds issues as if made earlier (by hand or by an earlier run). */
  seed(issue: Partial<StoredIssue> & { title: string }): StoredIssue {
    const now = this.clock()
    const stored: StoredIssue = {
      number: this.nextNumber(),
      body: '',
      state: 'open',
      stateReason: null,
      labels: [],
      assignees: [],
      createdAt: now,
      updatedAt: now,
      ...issue
    }
    this.issues.push(stored)
    return stored
  }

  route(method: string, path: string): { operation: IssueOperationId; params: Record<string, string> } | undefined {
    const m = /^\/repos\/([^/]+)\/([^/]+)\/(issues|milestones|assignees)(?:\/([^/]+))?$/.exec(path)
    if (!m) return undefined
    const params: Record<string, string> = { owner: m[1] ?? '', repo: m[2] ?? '' }
    const [, , , kind, id] = m
    if (kind === 'issues' && id === undefined) {
      if (method === 'GET') return { operation: 'issues/list-for-repo', params }
      if (method === 'POST') return { operation: 'issues/create', params }
    }
    if (kind === 'issues' && id !== undefined && /^\d+$/.test(id)) {
      params.issue_number = id
      if (method === 'GET') return { operation: 'issues/get', params }
      if (method === 'PATCH') return { operation: 'issues/update', params }
    }
    if (kind === 'milestones' && id === undefined) {
      if (method === 'GET') return { operation: 'issues/list-milestones', params }
      if (method === 'POST') return { operation: 'issues/create-milestone', params }
    }
    if (kind === 'assignees' && id !== undefined && method === 'GET') {
      params.assignee = decodeURIComponent(id)
      return { operation: 'issues/check-user-can-be-assigned', params }
    }
    return undefined
  }

  /** `body` validates and returns the request body (the host checks it against the contract). */
  dispatch(operation: IssueOperationId, params: Record<string, string>, url: URL, body: () => Record<string, unknown>): IssueAnswer {
    for (const [name, validate] of queryValidator(operation)) {
      const value = url.searchParams.get(name)
      if (value !== null && !validate(value)) {
        return { status: 422, body: { message: `Invalid request.\n\n"${value}" is not a permitted value for "${name}".`, documentation_url: DOCS, status: '422' } }
      }
    }
    if (params.owner !== this.host.owner || params.repo !== this.host.repo) return notFound()
    switch (operation) {
      case 'issues/list-for-repo':
        return this.list(url)
      case 'issues/create':
        return this.create(body())
      case 'issues/get': {
        const issue = this.issues.find((i) => i.number === Number(params.issue_number))
        return issue ? { status: 200, body: this.issueBody(issue) } : notFound()
      }
      case 'issues/update':
        return this.update(Number(params.issue_number), body())
      case 'issues/check-user-can-be-assigned':
        return this.assignable.has((params.assignee ?? '').toLowerCase()) ? { status: 204, body: new RawText('') } : notFound()
      case 'issues/list-milestones':
        return this.listMilestones(url)
      case 'issues/create-milestone':
        return this.createMilestone(body())
    }
  }

  private nextNumber(): number {
    return this.issues.reduce((max, i) => Math.max(max, i.number), 0) + 1
  }

  private page<T>(all: T[], url: URL, path: string): { items: T[]; headers: Record<string, string> } {
    const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 100)
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1)
    const last = Math.max(1, Math.ceil(all.length / perPage))
    const link = (n: number) => {
      const next = new URL(url.toString())
      next.searchParams.set('page', String(n))
      next.searchParams.set('per_page', String(perPage))
      return `${this.host.url}${path}?${next.searchParams.toString()}`
    }
    const links: string[] = []
    if (page < last) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`)
    if (page > 1) links.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`)
    return { items: all.slice((page - 1) * perPage, page * perPage), headers: links.length > 0 ? { link: links.join(', ') } : {} }
  }

  private list(url: URL): IssueAnswer {
    const q = url.searchParams
    const state = q.get('state') ?? 'open'
    const labels = (q.get('labels') ?? '').split(',').map((l) => l.trim().toLowerCase()).filter(Boolean)
    const since = q.get('since') !== null ? Date.parse(q.get('since') ?? '') : undefined
    const sort = q.get('sort') ?? 'created'
    const direction = q.get('direction') ?? 'desc'
    const matching = this.issues
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => labels.every((l) => i.labels.some((own) => own.toLowerCase() === l)))
      .filter((i) => since === undefined || i.updatedAt >= since)
      .sort((a, b) => {
        const d = sort === 'updated' ? a.updatedAt - b.updatedAt : sort === 'created' ? a.createdAt - b.createdAt || a.number - b.number : a.number - b.number
        return direction === 'asc' ? d : -d
      })
    const { items, headers } = this.page(matching, url, `/repos/${this.host.owner}/${this.host.repo}/issues`)
    return { status: 200, body: items.map((i) => this.issueBody(i)), headers }
  }

  private checkAssignees(assignees: unknown): IssueAnswer | undefined {
    for (const login of Array.isArray(assignees) ? assignees : []) {
      if (!this.assignable.has(String(login).toLowerCase())) return validationFailed('Issue', 'assignees', 'invalid', login)
    }
    return undefined
  }

  private checkMilestone(milestone: unknown): IssueAnswer | undefined {
    if (milestone === undefined || milestone === null) return undefined
    if (!this.milestones.some((m) => m.number === Number(milestone))) return validationFailed('Issue', 'milestone', 'invalid', milestone)
    return undefined
  }

  private create(body: Record<string, unknown>): IssueAnswer {
    const refused = this.checkAssignees(body.assignees) ?? this.checkMilestone(body.milestone)
    if (refused) return refused
    const now = this.clock()
    const issue: StoredIssue = {
      number: this.nextNumber(),
      title: String(body.title),
      body: typeof body.body === 'string' ? body.body : '',
      state: 'open',
      stateReason: null,
      // Labels that do not exist yet are created, as on GitHub.
      labels: (Array.isArray(body.labels) ? body.labels : []).map((l) => (typeof l === 'string' ? l : String((l as { name?: unknown }).name))),
      assignees: (Array.isArray(body.assignees) ? body.assignees : []).map(String),
      createdAt: now,
      updatedAt: now
    }
    if (typeof body.milestone === 'number') issue.milestone = body.milestone
    this.issues.push(issue)
    return { status: 201, body: this.issueBody(issue), headers: { location: `${this.host.url}/repos/${this.host.owner}/${this.host.repo}/issues/${issue.number}` } }
  }

  private update(number: number, body: Record<string, unknown>): IssueAnswer {
    const issue = this.issues.find((i) => i.number === number)
    if (!issue) return notFound()
    const refused = this.checkAssignees(body.assignees) ?? this.checkMilestone(body.milestone)
    if (refused) return refused
    if (typeof body.title === 'string' || typeof body.title === 'number') issue.title = String(body.title)
    if (typeof body.body === 'string') issue.body = body.body
    if (Array.isArray(body.assignees)) issue.assignees = body.assignees.map(String)
    if (Array.isArray(body.labels)) issue.labels = body.labels.map((l) => (typeof l === 'string' ? l : String((l as { name?: unknown }).name)))
    if (body.milestone === null) delete issue.milestone
    else if (typeof body.milestone === 'number') issue.milestone = body.milestone
    if (body.state === 'closed' || body.state === 'open') {
      if (body.state !== issue.state) issue.stateReason = body.state === 'closed' ? (typeof body.state_reason === 'string' ? body.state_reason : 'completed') : 'reopened'
      issue.state = body.state
    }
    issue.updatedAt = this.clock()
    return { status: 200, body: this.issueBody(issue) }
  }

  private listMilestones(url: URL): IssueAnswer {
    const state = url.searchParams.get('state') ?? 'open'
    const all = this.milestones.filter((m) => state === 'all' || m.state === state)
    const { items, headers } = this.page(all, url, `/repos/${this.host.owner}/${this.host.repo}/milestones`)
    return { status: 200, body: items.map((m) => this.milestoneBody(m)), headers }
  }

  private createMilestone(body: Record<string, unknown>): IssueAnswer {
    const title = String(body.title)
    if (this.milestones.some((m) => m.title === title)) return validationFailed('Milestone', 'title', 'already_exists', title)
    const milestone: StoredMilestone = { number: this.milestones.length + 1, title, state: body.state === 'closed' ? 'closed' : 'open', dueOn: typeof body.due_on === 'string' ? body.due_on : null }
    this.milestones.push(milestone)
    return { status: 201, body: this.milestoneBody(milestone) }
  }

  private milestoneBody(m: StoredMilestone): Record<string, Json> {
    const base = example('milestone')
    const api = `${this.host.url}/repos/${this.host.owner}/${this.host.repo}`
    return { ...base, number: m.number, id: 1000 + m.number, title: m.title, state: m.state, due_on: m.dueOn, url: `${api}/milestones/${m.number}`, html_url: `https://github.com/${this.host.owner}/${this.host.repo}/milestone/${m.number}` }
  }

  private issueBody(issue: StoredIssue): Record<string, Json> {
    const base = example('issue')
    const api = `${this.host.url}/repos/${this.host.owner}/${this.host.repo}`
    const user = base.user as { [key: string]: Json }
    const asUser = (login: string): Json => ({ ...user, login, url: `${this.host.url}/users/${login}`, html_url: `https://github.com/${login}` })
    const milestone = issue.milestone !== undefined ? this.milestones.find((m) => m.number === issue.milestone) : undefined
    const body: Record<string, Json> = {
      ...base,
      id: 100000 + issue.number,
      node_id: `I_${issue.number}`,
      url: `${api}/issues/${issue.number}`,
      repository_url: api,
      labels_url: `${api}/issues/${issue.number}/labels{/name}`,
      comments_url: `${api}/issues/${issue.number}/comments`,
      events_url: `${api}/issues/${issue.number}/events`,
      html_url: `https://github.com/${this.host.owner}/${this.host.repo}/issues/${issue.number}`,
      number: issue.number,
      state: issue.state,
      state_reason: issue.stateReason,
      title: issue.title,
      body: issue.body,
      labels: issue.labels.map((name, i) => ({ id: 9000 + i, node_id: `LA_${i}`, url: `${api}/labels/${encodeURIComponent(name)}`, name, description: null, color: 'ededed', default: false })),
      assignee: issue.assignees[0] !== undefined ? asUser(issue.assignees[0]) : null,
      assignees: issue.assignees.map(asUser),
      milestone: milestone ? this.milestoneBody(milestone) : null,
      locked: false,
      comments: 0,
      closed_at: issue.state === 'closed' ? iso(issue.updatedAt) : null,
      created_at: iso(issue.createdAt),
      updated_at: iso(issue.updatedAt)
    }
    delete body.pull_request
    return body
  }
}
