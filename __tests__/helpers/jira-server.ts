// A fake Jira on 127.0.0.1 for tests: Jira Cloud's REST API v3 (basic auth with email and API token,
// descriptions in Atlassian Document Format, users by accountId, /search/jql with token pagination)
// and Jira Data Center's REST API v2 (Bearer personal access token, wiki-markup strings, users by name,
// /search with startAt) over one in-memory project.
//
// Cloud requests are validated against Jira's OpenAPI description (__tests__/contracts/
// jira-cloud-platform-v3.json; OpenAPI 3.0 `nullable` converted for ajv): request bodies against
// their schemas, query parameters against theirs. What Jira refuses beyond the schema is refused too:
// a description that is not an ADF document (Cloud) or not a string (DC), a user identified the wrong
// way, a label with spaces, an unknown issue type, priority or transition, a summary over 255 characters.
//
// Search is eventually consistent, as Jira's is: a new issue stays invisible to the next `searchLag`
// searches unless a Cloud search names its id in `reconcileIssues`; `settle()` lets the index catch up.
// Faults can be queued per operation (429 with Retry-After, 5xx, stalls, resets, and writes carried out
// before the answer is lost).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import { JIRA_CONTRACT_PATH } from './contracts.js'
import { sendBodyFault, type BodyFault } from './body-fault.js'

export { JIRA_CONTRACT_PATH }

/** A plain `describe`: the contract is committed (__tests__/contracts/), so these tests never skip. */
export function describeWithJiraContract(name: string, fn: () => void): void {
  describe(name, fn)
}

export type JiraOperation =
  | 'createIssue'
  | 'getIssue'
  | 'editIssue'
  | 'search'
  | 'findUsers'
  | 'getTransitions'
  | 'doTransition'
  | 'getProject'
  | 'searchPriorities'

export type JiraFault =
  | { kind: 'status'; status: 500 | 502 | 503 | 504 }
  | { kind: 'rate-limit'; retryAfter: number }
  | { kind: 'timeout' }
  | { kind: 'reset' }
  /** Answers with this status and this raw body (garbage, a create answer without `key`, a huge error page). */
  | BodyFault
  /** Waits this long, then handles the request as usual (a slow tracker). */
  | { kind: 'delay'; ms: number }
  | { kind: 'after-commit'; then: { kind: 'status'; status: 500 | 502 | 503 | 504 } | { kind: 'timeout' } | { kind: 'reset' } | BodyFault }

export interface JiraUser {
  accountId: string
  /** Data Center user name. */
  name: string
  emailAddress: string
  displayName: string
  active: boolean
}

export interface JiraStoredIssue {
  id: string
  key: string
  summary: string
  /** ADF (Cloud) or wiki markup (DC), as sent. */
  description: unknown
  labels: string[]
  duedate: string | null
  priority: string | null
  issuetype: string
  /** accountId (Cloud) or name (DC) of the assignee. */
  assignee: string | null
  status: string
  properties: Record<string, unknown>
  /** Search requests that must pass before search sees it. */
  hiddenFor: number
}

export interface JiraRequest {
  method: string
  path: string
  query: Record<string, string>
  operation?: JiraOperation
  flavour: 'cloud' | 'dc'
  body?: unknown
  headers: IncomingMessage['headers']
  status: number
  fault?: JiraFault['kind']
}

const STATUSES: Record<string, { id: string; category: 'new' | 'indeterminate' | 'done' }> = {
  'To Do': { id: '10000', category: 'new' },
  'In Progress': { id: '3', category: 'indeterminate' },
  Done: { id: '10001', category: 'done' }
}
const TRANSITIONS = [
  { id: '11', name: 'To Do', to: 'To Do' },
  { id: '21', name: 'Start work', to: 'In Progress' },
  { id: '31', name: 'Done', to: 'Done' }
]
const PRIORITIES = ['Highest', 'High', 'Medium', 'Low', 'Lowest']
const ISSUE_TYPES = ['Task', 'Bug', 'Story']

// ------------------------------------------------------------------------------------------------
// The contract

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function convertNullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(convertNullable)
  if (node === null || typeof node !== 'object') return node
  const out: { [key: string]: Json } = {}
  for (const [key, value] of Object.entries(node)) if (key !== 'nullable') out[key] = convertNullable(value)
  if (node.nullable !== true) return out
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] }
  return { anyOf: [out, { type: 'null' }] }
}

const OPERATIONS: Record<JiraOperation, { path: string; method: string; id: string }> = {
  createIssue: { path: '/rest/api/3/issue', method: 'post', id: 'createIssue' },
  getIssue: { path: '/rest/api/3/issue/{issueIdOrKey}', method: 'get', id: 'getIssue' },
  editIssue: { path: '/rest/api/3/issue/{issueIdOrKey}', method: 'put', id: 'editIssue' },
  search: { path: '/rest/api/3/search/jql', method: 'post', id: 'searchAndReconsileIssuesUsingJqlPost' },
  findUsers: { path: '/rest/api/3/user/search', method: 'get', id: 'findUsers' },
  getTransitions: { path: '/rest/api/3/issue/{issueIdOrKey}/transitions', method: 'get', id: 'getTransitions' },
  doTransition: { path: '/rest/api/3/issue/{issueIdOrKey}/transitions', method: 'post', id: 'doTransition' },
  getProject: { path: '/rest/api/3/project/{projectIdOrKey}', method: 'get', id: 'getProject' },
  searchPriorities: { path: '/rest/api/3/priority/search', method: 'get', id: 'searchPriorities' }
}

interface Validators {
  body?: ValidateFunction
  query: Map<string, ValidateFunction>
}
let validators: Map<JiraOperation, Validators> | undefined

function contractValidators(): Map<JiraOperation, Validators> {
  if (validators) return validators
  const contract = convertNullable(JSON.parse(readFileSync(JIRA_CONTRACT_PATH, 'utf8')) as Json) as {
    paths: Record<string, Record<string, { operationId?: string; parameters?: Array<{ name: string; in: string; schema?: Json }>; requestBody?: { content: Record<string, { schema: Json }> } }>>
    components: Json
  }
  const ajv = new Ajv({ strict: false, allErrors: true })
  const queryAjv = new Ajv({ strict: false, coerceTypes: 'array' })
  for (const a of [ajv, queryAjv]) {
    a.addFormat('int64', () => true)
    a.addFormat('int32', () => true)
    a.addFormat('uri', (v: string) => URL.canParse(v))
    a.addFormat('date-time', () => true)
  }
  validators = new Map()
  for (const [name, { path, method, id }] of Object.entries(OPERATIONS) as Array<[JiraOperation, (typeof OPERATIONS)[JiraOperation]]>) {
    const operation = contract.paths[path]?.[method]
    if (operation?.operationId !== id) throw new Error(`the Jira contract has no ${id} at ${method.toUpperCase()} ${path}`)
    const schema = operation.requestBody?.content['application/json']?.schema
    const entry: Validators = { query: new Map() }
    if (schema && typeof schema === 'object' && !Array.isArray(schema)) entry.body = ajv.compile({ ...schema, components: contract.components })
    for (const p of operation.parameters ?? []) if (p.in === 'query' && p.schema) entry.query.set(p.name, queryAjv.compile(p.schema as object))
    validators.set(name, entry)
  }
  return validators
}

// ------------------------------------------------------------------------------------------------
// JQL: the subset sync sends, parsed strictly (anything else is Jira's 400).

type Clause = { field: string; op: '=' | '!=' | 'in' | 'not in'; values: string[] }
interface Jql {
  /** Disjunction of conjunctions. */
  any: Clause[][]
  orderBy?: { field: string; desc: boolean }
}

class JqlError extends Error {}

function tokenize(jql: string): string[] {
  const tokens: string[] = []
  const re = /\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|!=|=|\(|\)|,|[^\s=!(),"']+)/gy
  let m: RegExpExecArray | null
  let last = 0
  while ((m = re.exec(jql)) !== null) {
    tokens.push(m[1] ?? '')
    last = re.lastIndex
  }
  if (jql.slice(last).trim() !== '') throw new JqlError(`Error in the JQL Query: unexpected "${jql.slice(last).trim()}"`)
  return tokens
}

function unquote(token: string): string {
  if (/^".*"$|^'.*'$/.test(token)) return token.slice(1, -1).replace(/\\(.)/g, '$1')
  return token
}

export function parseJql(jql: string): Jql {
  const tokens = tokenize(jql)
  let i = 0
  const peek = () => tokens[i]
  const next = () => {
    const t = tokens[i++]
    if (t === undefined) throw new JqlError('Error in the JQL Query: the query ended unexpectedly')
    return t
  }
  const any: Clause[][] = [[]]
  const clause = (): Clause => {
    const field = next().toLowerCase()
    let op = next().toLowerCase()
    if (op === 'not') op = `not ${next().toLowerCase()}`
    if (op === '=' || op === '!=') return { field, op, values: [unquote(next())] }
    if (op === 'in' || op === 'not in') {
      if (next() !== '(') throw new JqlError(`Error in the JQL Query: expected "(" after ${op}`)
      const values: string[] = []
      for (;;) {
        values.push(unquote(next()))
        const t = next()
        if (t === ')') break
        if (t !== ',') throw new JqlError('Error in the JQL Query: expected "," or ")"')
      }
      return { field, op, values }
    }
    throw new JqlError(`Error in the JQL Query: the operator "${op}" is not supported here`)
  }
  if (peek() === undefined || peek()?.toLowerCase() === 'order') throw new JqlError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.')
  any[0]?.push(clause())
  let orderBy: Jql['orderBy']
  while (peek() !== undefined) {
    const t = next().toLowerCase()
    if (t === 'and') any[any.length - 1]?.push(clause())
    else if (t === 'or') any.push([clause()])
    else if (t === 'order') {
      if (next().toLowerCase() !== 'by') throw new JqlError('Error in the JQL Query: expected "by" after "order"')
      const field = next().toLowerCase()
      const dir = peek()?.toLowerCase()
      if (dir === 'asc' || dir === 'desc') i++
      orderBy = { field, desc: dir === 'desc' }
      if (peek() !== undefined) throw new JqlError('Error in the JQL Query: nothing may follow ORDER BY')
    } else throw new JqlError(`Error in the JQL Query: expected AND, OR or ORDER BY, got "${t}"`)
  }
  return orderBy ? { any, orderBy } : { any }
}

// ------------------------------------------------------------------------------------------------

class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {}
  ) {
    super(JSON.stringify(body))
  }
}

const refuse = (field: string, message: string) => new JiraHttpError(400, { errorMessages: [], errors: { [field]: message } })
const refuseAll = (message: string, status = 400) => new JiraHttpError(status, { errorMessages: [message], errors: {} })

export interface FakeJiraOptions {
  projectKey?: string
  /** Cloud: email → API token. */
  tokens?: Record<string, string>
  /** Data Center personal access tokens. */
  pats?: string[]
  /** Searches a new issue stays invisible for (default 2). */
  searchLag?: number
}

export class FakeJira {
  readonly requests: JiraRequest[] = []
  readonly issues: JiraStoredIssue[] = []
  readonly users: JiraUser[] = []
  readonly projectKey: string
  searchLag: number
  url = ''
  private readonly faults = new Map<JiraOperation, JiraFault[]>()
  private readonly sockets = new Set<Socket>()
  private readonly server: Server
  private readonly tokens: Record<string, string>
  private readonly pats: Set<string>

  private constructor(options: FakeJiraOptions) {
    contractValidators()
    this.projectKey = options.projectKey ?? 'OPS'
    this.tokens = options.tokens ?? { 'bot@example.com': 'jira-api-token' }
    this.pats = new Set(options.pats ?? ['jira-dc-pat'])
    this.searchLag = options.searchLag ?? 2
    this.server = createServer((req, res) => void this.handle(req, res))
    this.server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  static async start(options: FakeJiraOptions = {}): Promise<FakeJira> {
    const fake = new FakeJira(options)
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r))
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`
    fake.reset()
    return fake
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((r) => this.server.close(() => r()))
  }

  /** No issues; users ana and ben. */
  reset(): void {
    this.requests.length = 0
    this.issues.length = 0
    this.faults.clear()
    this.users.length = 0
    this.users.push(
      { accountId: '5b10ac8d82e05b22cc7d4ef5', name: 'ana', emailAddress: 'ana@example.com', displayName: 'Ana López', active: true },
      { accountId: '5b10a2844c20165700ede21g', name: 'ben', emailAddress: 'ben@example.com', displayName: 'Ben Ode', active: true }
    )
  }

  inject(operation: JiraOperation, ...faults: JiraFault[]): void {
    this.faults.set(operation, [...(this.faults.get(operation) ?? []), ...faults])
  }

  clearFaults(): void {
    this.faults.clear()
  }

  /** The search index catches up with every write. */
  settle(): void {
    for (const issue of this.issues) issue.hiddenFor = 0
  }

  requestsFor(operation: JiraOperation): JiraRequest[] {
    return this.requests.filter((r) => r.operation === operation)
  }

  statusCategory(issue: JiraStoredIssue): string {
    return STATUSES[issue.status]?.category ?? 'new'
  }

  // ----------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x')
    const text = await new Promise<string>((r) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => r(Buffer.concat(chunks).toString('utf8')))
    })
    const flavour = url.pathname.startsWith('/rest/api/2/') ? 'dc' : 'cloud'
    const record: JiraRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), flavour, headers: req.headers, status: 0 }
    if (text !== '') {
      try {
        record.body = JSON.parse(text) as unknown
      } catch {
        record.body = text
      }
    }
    this.requests.push(record)
    const route = this.route(record.method, url.pathname.replace('/rest/api/2/', '/rest/api/3/'))
    if (route) record.operation = route.operation
    const fault = route ? this.faults.get(route.operation)?.shift() : undefined
    if (fault) record.fault = fault.kind
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms))
    else if (fault && fault.kind !== 'after-commit') return this.applyFault(fault, req, res, record)
    let answer: { status: number; body?: unknown; headers?: Record<string, string> }
    try {
      if (!route) throw refuseAll('Not found', 404)
      this.authenticate(req, flavour)
      if (flavour === 'cloud') this.validate(route.operation, record, url, text)
      else if (text !== '' && (typeof record.body !== 'object' || record.body === null)) throw refuseAll('Unexpected character in the request body', 400)
      answer = this.dispatch(route.operation, route.params, record, url, flavour)
    } catch (error) {
      answer = error instanceof JiraHttpError ? { status: error.status, body: error.body, headers: error.headers } : { status: 500, body: { errorMessages: [`fake server bug: ${String(error)}`] } }
    }
    if (fault?.kind === 'after-commit') return this.applyFault(fault.then, req, res, record)
    this.send(res, record, answer.status, answer.body, answer.headers)
  }

  private route(method: string, path: string): { operation: JiraOperation; params: Record<string, string> } | undefined {
    let m: RegExpExecArray | null
    if (method === 'POST' && path === '/rest/api/3/issue') return { operation: 'createIssue', params: {} }
    if ((m = /^\/rest\/api\/3\/issue\/([^/]+)$/.exec(path))) {
      if (method === 'GET') return { operation: 'getIssue', params: { issueIdOrKey: decodeURIComponent(m[1] ?? '') } }
      if (method === 'PUT') return { operation: 'editIssue', params: { issueIdOrKey: decodeURIComponent(m[1] ?? '') } }
    }
    if ((m = /^\/rest\/api\/3\/issue\/([^/]+)\/transitions$/.exec(path))) {
      if (method === 'GET') return { operation: 'getTransitions', params: { issueIdOrKey: decodeURIComponent(m[1] ?? '') } }
      if (method === 'POST') return { operation: 'doTransition', params: { issueIdOrKey: decodeURIComponent(m[1] ?? '') } }
    }
    // Cloud searches at /search/jql; Data Center at /search (rewritten from /rest/api/2/search).
    if (method === 'POST' && (path === '/rest/api/3/search/jql' || path === '/rest/api/3/search')) return { operation: 'search', params: {} }
    if (method === 'GET' && path === '/rest/api/3/user/search') return { operation: 'findUsers', params: {} }
    if (method === 'GET' && (m = /^\/rest\/api\/3\/project\/([^/]+)$/.exec(path))) return { operation: 'getProject', params: { projectIdOrKey: decodeURIComponent(m[1] ?? '') } }
    if (method === 'GET' && (path === '/rest/api/3/priority/search' || path === '/rest/api/3/priority')) return { operation: 'searchPriorities', params: {} }
    return undefined
  }

  private authenticate(req: IncomingMessage, flavour: 'cloud' | 'dc'): void {
    const header = req.headers.authorization ?? ''
    if (flavour === 'dc') {
      const pat = /^Bearer (\S+)$/.exec(header)?.[1]
      if (!pat || !this.pats.has(pat)) throw new JiraHttpError(401, { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'] })
      return
    }
    const basic = /^Basic (\S+)$/.exec(header)?.[1]
    const [email, token] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : []
    if (!email || this.tokens[email] !== token) throw new JiraHttpError(401, { errorMessages: ['Client must be authenticated to access this resource.'] })
  }

  private validate(operation: JiraOperation, record: JiraRequest, url: URL, text: string): void {
    const v = contractValidators().get(operation)
    for (const [name, check] of v?.query ?? []) {
      const values = url.searchParams.getAll(name)
      if (values.length === 0) continue
      const data = { value: values.length === 1 ? values[0] : values }
      if (!check(data.value)) throw refuseAll(`The value '${values.join(',')}' is invalid for the parameter '${name}'.`)
    }
    if (!v?.body) return
    if (text === '' || typeof record.body !== 'object' || record.body === null) throw refuseAll('Unexpected end-of-input: expected a JSON body')
    if (!v.body(record.body)) throw refuseAll(`Invalid request payload. ${(v.body.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ')}`)
  }

  private issueBy(idOrKey: string): JiraStoredIssue {
    const issue = this.issues.find((i) => i.id === idOrKey || i.key.toUpperCase() === idOrKey.toUpperCase())
    if (!issue) throw refuseAll('Issue does not exist or you do not have permission to see it.', 404)
    return issue
  }

  private dispatch(operation: JiraOperation, params: Record<string, string>, record: JiraRequest, url: URL, flavour: 'cloud' | 'dc'): { status: number; body?: unknown; headers?: Record<string, string> } {
    const body = (record.body ?? {}) as Record<string, unknown>
    const api = flavour === 'cloud' ? '3' : '2'
    switch (operation) {
      case 'createIssue': {
        const fields = (body.fields ?? {}) as Record<string, unknown>
        const project = fields.project as { key?: string; id?: string } | undefined
        if (!project || (project.key !== this.projectKey && project.id !== '10000')) throw refuse('project', 'valid project is required')
        const type = fields.issuetype as { name?: string } | undefined
        if (!type?.name || !ISSUE_TYPES.includes(type.name)) throw refuse('issuetype', 'valid issue type is required')
        if (typeof fields.summary !== 'string' || fields.summary.trim() === '') throw refuse('summary', 'You must specify a summary of the issue.')
        const issue: JiraStoredIssue = {
          id: String(10000 + this.issues.length + 1),
          key: `${this.projectKey}-${this.issues.length + 1}`,
          summary: '',
          description: null,
          labels: [],
          duedate: null,
          priority: 'Medium',
          issuetype: type.name,
          assignee: null,
          status: 'To Do',
          properties: {},
          hiddenFor: this.searchLag
        }
        this.applyFields(issue, fields, flavour)
        for (const p of (body.properties ?? []) as Array<{ key: string; value: unknown }>) issue.properties[p.key] = p.value
        this.issues.push(issue)
        return { status: 201, body: { id: issue.id, key: issue.key, self: `${this.url}/rest/api/${api}/issue/${issue.id}` } }
      }
      case 'getIssue':
        return { status: 200, body: this.issueBody(this.issueBy(params.issueIdOrKey ?? ''), url.searchParams.get('properties')?.split(',') ?? [], flavour) }
      case 'editIssue': {
        const issue = this.issueBy(params.issueIdOrKey ?? '')
        this.applyFields(issue, (body.fields ?? {}) as Record<string, unknown>, flavour)
        for (const p of (body.properties ?? []) as Array<{ key: string; value: unknown }>) issue.properties[p.key] = p.value
        return { status: 204 }
      }
      case 'getTransitions': {
        const issue = this.issueBy(params.issueIdOrKey ?? '')
        return {
          status: 200,
          body: {
            transitions: TRANSITIONS.filter((t) => t.to !== issue.status).map((t) => ({
              id: t.id,
              name: t.name,
              hasScreen: false,
              isAvailable: true,
              to: { id: STATUSES[t.to]?.id, name: t.to, statusCategory: { key: STATUSES[t.to]?.category, name: t.to } }
            }))
          }
        }
      }
      case 'doTransition': {
        const issue = this.issueBy(params.issueIdOrKey ?? '')
        const id = (body.transition as { id?: string } | undefined)?.id
        const transition = TRANSITIONS.find((t) => t.id === id && t.to !== issue.status)
        if (!transition) throw refuseAll(`Transition id '${id ?? ''}' is not valid for this issue.`)
        issue.status = transition.to
        return { status: 204 }
      }
      case 'search':
        return { status: 200, body: this.search(body, flavour) }
      case 'findUsers': {
        const query = (flavour === 'cloud' ? url.searchParams.get('query') : url.searchParams.get('username')) ?? ''
        if (query === '') throw refuseAll(flavour === 'cloud' ? "The query parameter 'query' is required." : "The parameter 'username' is required.")
        const q = query.toLowerCase()
        const found = this.users.filter((u) => u.emailAddress.toLowerCase().startsWith(q) || u.displayName.toLowerCase().startsWith(q) || (flavour === 'dc' && u.name.toLowerCase().startsWith(q)))
        return { status: 200, body: found.map((u) => (flavour === 'cloud' ? { accountId: u.accountId, accountType: 'atlassian', emailAddress: u.emailAddress, displayName: u.displayName, active: u.active } : { name: u.name, key: u.name, emailAddress: u.emailAddress, displayName: u.displayName, active: u.active })) }
      }
      case 'getProject': {
        const key = params.projectIdOrKey ?? ''
        if (key.toUpperCase() !== this.projectKey && key !== '10000') throw refuseAll(`No project could be found with key '${key}'.`, 404)
        return { status: 200, body: { id: '10000', key: this.projectKey, name: 'Operations', issueTypes: ISSUE_TYPES.map((name, i) => ({ id: String(10001 + i), name })) } }
      }
      case 'searchPriorities': {
        const values = PRIORITIES.map((name, i) => ({ id: String(i + 1), name }))
        return { status: 200, body: flavour === 'cloud' ? { isLast: true, maxResults: 50, startAt: 0, total: values.length, values } : values }
      }
    }
  }

  private applyFields(issue: JiraStoredIssue, fields: Record<string, unknown>, flavour: 'cloud' | 'dc'): void {
    if (fields.summary !== undefined) {
      if (typeof fields.summary !== 'string' || fields.summary.length > 255) throw refuse('summary', 'Summary must be less than 255 characters.')
      issue.summary = fields.summary
    }
    if (fields.description !== undefined) {
      const d = fields.description as { type?: unknown; version?: unknown; content?: unknown } | string | null
      if (flavour === 'cloud' && d !== null && (typeof d !== 'object' || d.type !== 'doc' || d.version !== 1 || !Array.isArray(d.content))) {
        throw refuse('description', 'Operation value must be an Atlassian Document (see the Atlassian Document Format)')
      }
      if (flavour === 'dc' && d !== null && typeof d !== 'string') throw refuse('description', 'Operation value must be a string')
      issue.description = d
    }
    if (fields.labels !== undefined) {
      const labels = fields.labels as unknown[]
      for (const l of labels) if (typeof l !== 'string' || /\s/.test(l) || l.length > 255) throw refuse('labels', `The label '${String(l)}' contains spaces which is invalid.`)
      issue.labels = labels as string[]
    }
    if (fields.duedate !== undefined) {
      if (fields.duedate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(String(fields.duedate))) throw refuse('duedate', "Error parsing date string: the format is 'yyyy-MM-dd'")
      issue.duedate = fields.duedate as string | null
    }
    if (fields.priority !== undefined) {
      const name = (fields.priority as { name?: string } | null)?.name
      if (name === undefined || !PRIORITIES.includes(name)) throw refuse('priority', `Priority name '${name ?? ''}' is not valid`)
      issue.priority = name
    }
    if (fields.assignee !== undefined) {
      const a = fields.assignee as { accountId?: string; name?: string } | null
      if (a === null) issue.assignee = null
      else if (flavour === 'cloud') {
        if (a.name !== undefined || typeof a.accountId !== 'string') throw refuse('assignee', "'accountId' must be the only user identifying property")
        if (!this.users.some((u) => u.accountId === a.accountId)) throw refuse('assignee', `User with accountId '${a.accountId}' does not exist`)
        issue.assignee = a.accountId
      } else {
        if (typeof a.name !== 'string' || !this.users.some((u) => u.name === a.name)) throw refuse('assignee', `User '${a.name ?? ''}' does not exist.`)
        issue.assignee = a.name
      }
    }
  }

  private search(body: Record<string, unknown>, flavour: 'cloud' | 'dc'): unknown {
    const jqlText = String(body.jql ?? '')
    let jql: Jql
    try {
      jql = parseJql(jqlText)
    } catch (error) {
      throw refuseAll(error instanceof Error ? error.message : String(error))
    }
    const maxResults = Math.min(Number(body.maxResults ?? 50), flavour === 'cloud' ? 100 : 1000)
    const reconcile = new Set(((body.reconcileIssues ?? []) as number[]).map(String))
    if (reconcile.size > 50) throw refuseAll('reconcileIssues accepts at most 50 ids')
    // The index: what has been there for long enough, plus what the caller asks to reconcile.
    const visible = this.issues.filter((i) => i.hiddenFor <= 0 || reconcile.has(i.id))
    for (const issue of this.issues) if (issue.hiddenFor > 0) issue.hiddenFor--
    const value = (issue: JiraStoredIssue, field: string): string[] => {
      switch (field) {
        case 'project':
          return [this.projectKey, '10000']
        case 'labels':
          return issue.labels
        case 'key':
        case 'issuekey':
          return [issue.key]
        case 'id':
          return [issue.id]
        case 'status':
          return [issue.status]
        case 'statuscategory':
          return [STATUSES[issue.status]?.category === 'done' ? 'Done' : 'To Do']
        default:
          throw refuseAll(`Field '${field}' does not exist or you do not have permission to view it.`)
      }
    }
    const test = (issue: JiraStoredIssue, c: Clause): boolean => {
      const have = value(issue, c.field).map((v) => v.toLowerCase())
      const want = c.values.map((v) => v.toLowerCase())
      const hit = have.some((h) => want.includes(h))
      return c.op === '=' || c.op === 'in' ? hit : !hit
    }
    let found = visible.filter((issue) => jql.any.some((all) => all.every((c) => test(issue, c))))
    if (jql.orderBy) {
      const f = jql.orderBy.field
      const num = (i: JiraStoredIssue) => Number(i.id)
      found = [...found].sort((a, b) => (f === 'created' || f === 'key' || f === 'id' ? num(a) - num(b) : 0) * (jql.orderBy?.desc ? -1 : 1))
    }
    const properties = ((body.properties ?? []) as string[]).flatMap((p) => p.split(','))
    if (flavour === 'cloud') {
      const start = body.nextPageToken ? Number(Buffer.from(String(body.nextPageToken), 'base64').toString('utf8')) : 0
      const page = found.slice(start, start + maxResults)
      const more = start + maxResults < found.length
      return { issues: page.map((i) => this.issueBody(i, properties, flavour)), isLast: !more, ...(more && { nextPageToken: Buffer.from(String(start + maxResults)).toString('base64') }) }
    }
    const startAt = Number(body.startAt ?? 0)
    return { startAt, maxResults, total: found.length, issues: found.slice(startAt, startAt + maxResults).map((i) => this.issueBody(i, properties, flavour)) }
  }

  private issueBody(issue: JiraStoredIssue, properties: string[], flavour: 'cloud' | 'dc'): Record<string, unknown> {
    const api = flavour === 'cloud' ? '3' : '2'
    const assignee = issue.assignee !== null ? this.users.find((u) => u.accountId === issue.assignee || u.name === issue.assignee) : undefined
    const status = STATUSES[issue.status]
    return {
      id: issue.id,
      key: issue.key,
      self: `${this.url}/rest/api/${api}/issue/${issue.id}`,
      fields: {
        summary: issue.summary,
        labels: issue.labels,
        duedate: issue.duedate,
        priority: issue.priority ? { name: issue.priority } : null,
        description: issue.description,
        assignee: assignee ? (flavour === 'cloud' ? { accountId: assignee.accountId, displayName: assignee.displayName } : { name: assignee.name, displayName: assignee.displayName }) : null,
        status: { id: status?.id, name: issue.status, statusCategory: { key: status?.category, name: issue.status } }
      },
      ...(properties.length > 0 && { properties: Object.fromEntries(properties.filter((p) => p in issue.properties).map((p) => [p, issue.properties[p]])) })
    }
  }

  private applyFault(fault: Exclude<JiraFault, { kind: 'after-commit' | 'delay' }>, req: IncomingMessage, res: ServerResponse, record: JiraRequest): void {
    switch (fault.kind) {
      case 'body':
        record.status = fault.status
        return sendBodyFault(res, fault)
      case 'status':
        return this.send(res, record, fault.status, { errorMessages: ['Internal server error'] })
      case 'rate-limit':
        return this.send(res, record, 429, { errorMessages: ['Rate limit exceeded.'] }, { 'retry-after': String(fault.retryAfter), 'x-ratelimit-remaining': '0' })
      case 'timeout':
        return
      case 'reset': {
        const socket = req.socket as Socket & { resetAndDestroy?: () => void }
        if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy()
        else socket.destroy()
      }
    }
  }

  private send(res: ServerResponse, record: JiraRequest, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    record.status = status
    if (body === undefined) {
      res.writeHead(status, headers)
      res.end()
      return
    }
    const payload = JSON.stringify(body)
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(payload), ...headers })
    res.end(payload)
  }
}
