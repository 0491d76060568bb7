// A fake Linear API on 127.0.0.1 for tests: a real HTTP server (random port) answering POST /graphql.
// Every document is parsed and validated against Linear's own schema (__tests__/contracts/
// linear-schema.graphql, with graphql's buildSchema and validate) and executed with resolvers over an
// in-memory workspace (teams with workflow states, users, labels, issues, attachments), so a query the
// real API would reject fails here too. Authentication is the API key in `Authorization` without
// `Bearer`, as Linear expects for personal API keys.
//
// Faults can be queued per root field (`issueCreate`, `issues`, …): 429 with Retry-After and Linear's
// rate-limit headers, a `ratelimited` GraphQL error with HTTP 200 or 400, 5xx, a stall, a reset, and the
// ambiguous kinds: the mutation is carried out, then the answer is lost.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { LINEAR_CONTRACT_PATH } from './contracts.js'
import { sendBodyFault, type BodyFault } from './body-fault.js'
import { buildSchema, execute, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql'

export const LINEAR_SCHEMA_PATH = LINEAR_CONTRACT_PATH

/** A plain `describe`: the schema is committed (__tests__/contracts/), so these tests never skip. */
export function describeWithLinearSchema(name: string, fn: () => void): void {
  describe(name, fn)
}

let schema: GraphQLSchema | undefined
function linearSchema(): GraphQLSchema {
  schema ??= buildSchema(readFileSync(LINEAR_SCHEMA_PATH, 'utf8'))
  return schema
}

export type LinearFault =
  | { kind: 'status'; status: 500 | 502 | 503 | 504 }
  /** HTTP 429 with Retry-After (seconds) and x-ratelimit-requests-* headers. */
  | { kind: 'rate-limit-429'; retryAfter: number }
  /** A `ratelimited` GraphQL error, with HTTP 200 or 400 and the reset time in x-ratelimit-requests-reset. */
  | { kind: 'rate-limit-error'; http: 200 | 400; resetInMs: number }
  | { kind: 'timeout' }
  | { kind: 'reset' }
  /** Answers with this status and this raw body (garbage, a huge error page). */
  | BodyFault
  /** Waits this long, then handles the request as usual (a slow tracker). */
  | { kind: 'delay'; ms: number }
  | { kind: 'after-commit'; then: { kind: 'status'; status: 500 | 502 | 503 | 504 } | { kind: 'timeout' } | { kind: 'reset' } | BodyFault }

export interface LinearTeam {
  id: string
  key: string
  name: string
  states: Array<{ id: string; name: string; type: string; position: number }>
}
export interface LinearUser {
  id: string
  name: string
  email: string
  active: boolean
}
export interface LinearLabel {
  id: string
  name: string
  teamId: string | null
}
export interface LinearIssue {
  id: string
  teamId: string
  number: number
  title: string
  description: string | null
  dueDate: string | null
  priority: number
  stateId: string
  assigneeId: string | null
  labelIds: string[]
}
export interface LinearAttachment {
  id: string
  issueId: string
  url: string
  title: string
  subtitle: string | null
  metadata: Record<string, unknown>
}

export interface LinearRequest {
  /** Root fields of the operation, e.g. ['issueCreate', 'attachmentCreate']. */
  fields: string[]
  operationName?: string
  variables: Record<string, unknown>
  headers: IncomingMessage['headers']
  status: number
  fault?: LinearFault['kind']
  /** Validation or execution errors answered. */
  errors?: string[]
}

type Filter = Record<string, unknown>

function inputError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type: 'invalid input', code: 'INPUT_ERROR', userPresentableMessage: message } })
}

/** Linear's comparators on one value. Unknown operators fail, so the fake never silently matches everything. */
function compare(value: unknown, comparator: Filter): boolean {
  return Object.entries(comparator).every(([op, want]) => {
    const v = value as string | number | null | undefined
    switch (op) {
      case 'eq':
        return v === want
      case 'neq':
        return v !== want
      case 'in':
        return (want as unknown[]).includes(v)
      case 'nin':
        return !(want as unknown[]).includes(v)
      case 'eqIgnoreCase':
        return String(v ?? '').toLowerCase() === String(want).toLowerCase()
      case 'containsIgnoreCase':
        return String(v ?? '').toLowerCase().includes(String(want).toLowerCase())
      case 'null':
        return want ? v === null || v === undefined : v !== null && v !== undefined
      default:
        throw inputError(`the fake Linear server does not evaluate the comparator "${op}"`)
    }
  })
}

const SCALAR_OPS = new Set(['eq', 'neq', 'in', 'nin', 'eqIgnoreCase', 'containsIgnoreCase', 'null'])

/** Matches a record (plain values, nested records, arrays for collections) against a Linear filter. */
function matches(record: Record<string, unknown>, filter: Filter | undefined | null): boolean {
  if (!filter) return true
  return Object.entries(filter).every(([key, sub]) => {
    if (key === 'and') return (sub as Filter[]).every((f) => matches(record, f))
    if (key === 'or') return (sub as Filter[]).some((f) => matches(record, f))
    const value = record[key]
    const subFilter = sub as Filter
    if (Array.isArray(value)) {
      return Object.entries(subFilter).every(([op, f]) => {
        if (op === 'some') return value.some((v) => matches(v as Record<string, unknown>, f as Filter))
        if (op === 'every') return value.every((v) => matches(v as Record<string, unknown>, f as Filter))
        if (op === 'length') return compare(value.length, f as Filter)
        // A collection filter's own field (`labels: { name: … }`) means "some".
        return value.some((v) => matches(v as Record<string, unknown>, { [op]: f } as Filter))
      })
    }
    if (Object.keys(subFilter).every((op) => SCALAR_OPS.has(op))) return compare(value, subFilter)
    if (value === null || value === undefined) return 'null' in subFilter ? Boolean(subFilter.null) : false
    return matches(value as Record<string, unknown>, subFilter)
  })
}

function connection<T>(all: T[], args: { first?: number | null; after?: string | null }): { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null; hasPreviousPage: boolean; startCursor: string | null } } {
  const first = args.first ?? 50
  if (first > 250) throw inputError('first must be 250 or less')
  const start = args.after ? Number(args.after.replace(/^c:/, '')) + 1 : 0
  const nodes = all.slice(start, start + first)
  const end = start + nodes.length - 1
  return {
    nodes,
    pageInfo: { hasNextPage: start + first < all.length, endCursor: nodes.length > 0 ? `c:${end}` : null, hasPreviousPage: start > 0, startCursor: nodes.length > 0 ? `c:${start}` : null }
  }
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

export class FakeLinear {
  readonly requests: LinearRequest[] = []
  readonly teams: LinearTeam[] = []
  readonly users: LinearUser[] = []
  readonly labels: LinearLabel[] = []
  readonly issues: LinearIssue[] = []
  readonly attachments: LinearAttachment[] = []
  url = ''
  private readonly faults = new Map<string, LinearFault[]>()
  private readonly sockets = new Set<Socket>()
  private readonly server: Server
  private syncId = 1000

  private constructor(private readonly apiKeys: Set<string>) {
    linearSchema()
    this.server = createServer((req, res) => void this.handle(req, res))
    this.server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  static async start(options: { apiKeys?: string[] } = {}): Promise<FakeLinear> {
    const fake = new FakeLinear(new Set(options.apiKeys ?? ['lin_api_test']))
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r))
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/graphql`
    fake.reset()
    return fake
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((r) => this.server.close(() => r()))
  }

  /** A workspace with team ENG (Backlog, Todo, In Progress, Done, Canceled), users ana and ben, no labels and no issues. */
  reset(): void {
    this.requests.length = 0
    this.issues.length = 0
    this.attachments.length = 0
    this.labels.length = 0
    this.faults.clear()
    this.teams.length = 0
    this.users.length = 0
    this.teams.push({
      id: 'team-eng',
      key: 'ENG',
      name: 'Engineering',
      states: [
        { id: 'state-backlog', name: 'Backlog', type: 'backlog', position: 0 },
        { id: 'state-todo', name: 'Todo', type: 'unstarted', position: 1 },
        { id: 'state-progress', name: 'In Progress', type: 'started', position: 2 },
        { id: 'state-done', name: 'Done', type: 'completed', position: 3 },
        { id: 'state-canceled', name: 'Canceled', type: 'canceled', position: 4 }
      ]
    })
    this.users.push({ id: 'user-ana', name: 'Ana López', email: 'ana@example.com', active: true }, { id: 'user-ben', name: 'Ben Ode', email: 'ben@example.com', active: true })
  }

  inject(field: string, ...faults: LinearFault[]): void {
    this.faults.set(field, [...(this.faults.get(field) ?? []), ...faults])
  }

  clearFaults(): void {
    this.faults.clear()
  }

  requestsFor(field: string): LinearRequest[] {
    return this.requests.filter((r) => r.fields.includes(field))
  }

  identifier(issue: LinearIssue): string {
    const team = this.teams.find((t) => t.id === issue.teamId)
    return `${team?.key ?? 'X'}-${issue.number}`
  }

  stateOf(issue: LinearIssue): { id: string; name: string; type: string; position: number } | undefined {
    return this.teams.find((t) => t.id === issue.teamId)?.states.find((s) => s.id === issue.stateId)
  }

  // ----------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await new Promise<string>((resolveBody) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')))
    })
    const record: LinearRequest = { fields: [], variables: {}, headers: req.headers, status: 0 }
    this.requests.push(record)
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status
      const payload = JSON.stringify(body)
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(payload),
        'x-ratelimit-requests-limit': '1500',
        'x-ratelimit-requests-remaining': '1499',
        'x-ratelimit-requests-reset': String(Date.now() + 3_600_000),
        ...headers
      })
      res.end(payload)
    }
    const fail = (status: number, message: string, type: string, code: string) => {
      record.errors = [message]
      send(status, { errors: [{ message, extensions: { type, code, userPresentableMessage: message } }] })
    }

    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== '/graphql') return fail(404, 'Not found', 'invalid input', 'NOT_FOUND')
    const auth = req.headers.authorization ?? ''
    if (!this.apiKeys.has(auth)) {
      const why = /^bearer /i.test(auth) ? 'Authentication required, not authenticated (personal API keys are sent without "Bearer")' : 'Authentication required, not authenticated'
      return fail(400, why, 'authentication error', 'AUTHENTICATION_ERROR')
    }
    if (!String(req.headers['content-type'] ?? '').includes('application/json')) return fail(400, 'POST body must be JSON', 'invalid input', 'BAD_REQUEST')

    let body: { query?: unknown; variables?: unknown; operationName?: unknown }
    try {
      body = JSON.parse(text) as typeof body
    } catch {
      return fail(400, 'POST body is not valid JSON', 'invalid input', 'BAD_REQUEST')
    }
    if (typeof body.query !== 'string') return fail(400, 'Must provide query string.', 'invalid input', 'GRAPHQL_PARSE_FAILED')
    record.variables = (body.variables ?? {}) as Record<string, unknown>
    if (typeof body.operationName === 'string') record.operationName = body.operationName

    let document: DocumentNode
    try {
      document = parse(body.query)
    } catch (error) {
      return fail(400, `Syntax Error: ${error instanceof Error ? error.message : String(error)}`, 'graphql error', 'GRAPHQL_PARSE_FAILED')
    }
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
    record.fields = operation?.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : [])) ?? []
    const invalid = validate(linearSchema(), document)
    if (invalid.length > 0) {
      record.errors = invalid.map((e) => e.message)
      record.status = 400
      return send(400, { errors: invalid.map((e) => ({ message: e.message, extensions: { type: 'graphql error', code: 'GRAPHQL_VALIDATION_FAILED' } })) })
    }

    const fault = record.fields.map((f) => this.faults.get(f)?.shift()).find((f) => f !== undefined)
    if (fault) record.fault = fault.kind
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms))
    else if (fault && fault.kind !== 'after-commit') return this.applyFault(fault, req, res, send, record)

    const result = await execute({ schema: linearSchema(), document, rootValue: this.root(), variableValues: record.variables })
    if (result.errors) record.errors = result.errors.map((e) => e.message)
    if (fault?.kind === 'after-commit') return this.applyFault(fault.then, req, res, send, record)
    // Variables that do not fit their types are refused before execution, with 400, as by Linear.
    send(result.data === undefined ? 400 : 200, { ...(result.data !== undefined && { data: result.data }), ...(result.errors && { errors: result.errors.map((e) => e.toJSON()) }) })
  }

  private applyFault(
    fault: Exclude<LinearFault, { kind: 'after-commit' | 'delay' }>,
    req: IncomingMessage,
    res: ServerResponse,
    send: (s: number, b: unknown, h?: Record<string, string>) => void,
    record: LinearRequest
  ): void {
    switch (fault.kind) {
      case 'body':
        record.status = fault.status
        return sendBodyFault(res, fault)
      case 'status':
        return send(fault.status, { errors: [{ message: 'Internal server error', extensions: { type: 'internal error', code: 'INTERNAL_SERVER_ERROR' } }] })
      case 'rate-limit-429':
        return send(429, { errors: [{ message: 'Rate limit exceeded', extensions: { type: 'ratelimited', code: 'RATELIMITED' } }] }, {
          'retry-after': String(fault.retryAfter),
          'x-ratelimit-requests-remaining': '0',
          'x-ratelimit-requests-reset': String(Date.now() + fault.retryAfter * 1000)
        })
      case 'rate-limit-error':
        return send(fault.http, { errors: [{ message: 'Rate limit exceeded', extensions: { type: 'ratelimited', code: 'RATELIMITED' } }] }, {
          'x-ratelimit-requests-remaining': '0',
          'x-ratelimit-requests-reset': String(Date.now() + fault.resetInMs)
        })
      case 'timeout':
        record.status = 0
        return
      case 'reset': {
        record.status = 0
        const socket = req.socket as Socket & { resetAndDestroy?: () => void }
        if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy()
        else socket.destroy()
        void res
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Resolvers: views of the store with the fields and connections Linear's types have.

  private teamView(team: LinearTeam) {
    return {
      id: team.id,
      key: team.key,
      name: team.name,
      states: (args: { first?: number; after?: string }) => connection(team.states, args),
      labels: (args: { first?: number; after?: string; filter?: Filter }) =>
        connection(this.labels.filter((l) => l.teamId === team.id && matches(this.labelRecord(l), args.filter)).map((l) => this.labelView(l)), args)
    }
  }

  private labelRecord(l: LinearLabel): Record<string, unknown> {
    const team = l.teamId ? this.teams.find((t) => t.id === l.teamId) : undefined
    return { id: l.id, name: l.name, team: team ? { id: team.id, key: team.key, name: team.name } : null }
  }

  private labelView(l: LinearLabel) {
    const team = l.teamId ? this.teams.find((t) => t.id === l.teamId) : undefined
    return { id: l.id, name: l.name, team: team ? this.teamView(team) : null }
  }

  private userView(u: LinearUser) {
    return { id: u.id, name: u.name, displayName: u.name, email: u.email, active: u.active }
  }

  private issueRecord(issue: LinearIssue): Record<string, unknown> {
    const team = this.teams.find((t) => t.id === issue.teamId)
    return {
      id: issue.id,
      number: issue.number,
      title: issue.title,
      team: team ? { id: team.id, key: team.key, name: team.name } : null,
      labels: issue.labelIds.map((id) => this.labels.find((l) => l.id === id)).filter((l): l is LinearLabel => l !== undefined).map((l) => this.labelRecord(l)),
      attachments: this.attachments.filter((a) => a.issueId === issue.id).map((a) => ({ url: a.url, title: a.title }))
    }
  }

  private issueView(issue: LinearIssue) {
    const identifier = this.identifier(issue)
    const team = this.teams.find((t) => t.id === issue.teamId)
    const assignee = issue.assigneeId ? this.users.find((u) => u.id === issue.assigneeId) : undefined
    return {
      id: issue.id,
      identifier,
      number: issue.number,
      url: `https://linear.app/fake/issue/${identifier}/${issue.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40)}`,
      title: issue.title,
      description: issue.description,
      dueDate: issue.dueDate,
      priority: issue.priority,
      state: this.stateOf(issue),
      team: team ? this.teamView(team) : null,
      assignee: assignee ? this.userView(assignee) : null,
      labels: (args: { first?: number; after?: string }) => connection(issue.labelIds.map((id) => this.labels.find((l) => l.id === id)).filter((l): l is LinearLabel => l !== undefined).map((l) => this.labelView(l)), args),
      attachments: (args: { first?: number; after?: string }) => connection(this.attachments.filter((a) => a.issueId === issue.id), args)
    }
  }

  private findIssue(id: string): LinearIssue | undefined {
    const byIdentifier = /^([A-Z][A-Z0-9]*)-(\d+)$/i.exec(id)
    if (byIdentifier) {
      const team = this.teams.find((t) => t.key.toUpperCase() === byIdentifier[1]?.toUpperCase())
      return this.issues.find((i) => i.teamId === team?.id && i.number === Number(byIdentifier[2]))
    }
    return this.issues.find((i) => i.id === id)
  }

  private root() {
    const payload = <T>(extra: T) => ({ success: true, lastSyncId: ++this.syncId, ...extra })
    return {
      teams: (args: { filter?: Filter; first?: number; after?: string }) => connection(this.teams.filter((t) => matches({ id: t.id, key: t.key, name: t.name }, args.filter)).map((t) => this.teamView(t)), args),
      users: (args: { filter?: Filter; first?: number; after?: string; includeDisabled?: boolean }) =>
        connection(this.users.filter((u) => (args.includeDisabled || u.active) && matches({ id: u.id, email: u.email, name: u.name, displayName: u.name, active: u.active }, args.filter)).map((u) => this.userView(u)), args),
      issueLabels: (args: { filter?: Filter; first?: number; after?: string }) => connection(this.labels.filter((l) => matches(this.labelRecord(l), args.filter)).map((l) => this.labelView(l)), args),
      issues: (args: { filter?: Filter; first?: number; after?: string }) => connection(this.issues.filter((i) => matches(this.issueRecord(i), args.filter)).map((i) => this.issueView(i)), args),
      issue: (args: { id: string }) => {
        const issue = this.findIssue(args.id)
        if (!issue) throw new GraphQLError('Entity not found: Issue', { extensions: { type: 'invalid input', code: 'INPUT_ERROR', userPresentableMessage: 'Could not find referenced Issue.' } })
        return this.issueView(issue)
      },
      issueLabelCreate: (args: { input: { name: string; teamId?: string; id?: string } }) => {
        if (args.input.teamId !== undefined && !this.teams.some((t) => t.id === args.input.teamId)) throw inputError('Team not found')
        if (this.labels.some((l) => l.name.toLowerCase() === args.input.name.toLowerCase() && (l.teamId === (args.input.teamId ?? null) || l.teamId === null))) throw inputError('Duplicate label name')
        const label: LinearLabel = { id: args.input.id ?? randomUUID(), name: args.input.name, teamId: args.input.teamId ?? null }
        this.labels.push(label)
        return payload({ issueLabel: this.labelView(label) })
      },
      issueCreate: (args: { input: Record<string, unknown> }) => {
        const input = args.input
        const id = typeof input.id === 'string' ? input.id : randomUUID()
        if (!UUID_V4.test(id)) throw inputError('id must be a UUID v4')
        if (this.issues.some((i) => i.id === id)) throw inputError('Entity already exists: an issue with this id exists')
        const team = this.teams.find((t) => t.id === input.teamId)
        if (!team) throw inputError('Team not found')
        const issue: LinearIssue = {
          id,
          teamId: team.id,
          number: this.issues.filter((i) => i.teamId === team.id).length + 1,
          title: String(input.title ?? ''),
          description: typeof input.description === 'string' ? input.description : null,
          dueDate: null,
          priority: 0,
          stateId: team.states.find((s) => s.type === 'unstarted')?.id ?? team.states[0]?.id ?? '',
          assigneeId: null,
          labelIds: []
        }
        this.applyIssueInput(issue, input)
        this.issues.push(issue)
        return payload({ issue: this.issueView(issue) })
      },
      issueUpdate: (args: { id: string; input: Record<string, unknown> }) => {
        const issue = this.findIssue(args.id)
        if (!issue) throw new GraphQLError('Entity not found: Issue', { extensions: { type: 'invalid input', code: 'INPUT_ERROR' } })
        this.applyIssueInput(issue, args.input)
        return payload({ issue: this.issueView(issue) })
      },
      attachmentCreate: (args: { input: { issueId: string; url: string; title: string; subtitle?: string; metadata?: Record<string, unknown> } }) => {
        const issue = this.findIssue(args.input.issueId)
        if (!issue) throw inputError('Issue not found')
        if (!URL.canParse(args.input.url)) throw inputError('url must be a valid URL')
        // One attachment per URL and issue: creating it again updates it.
        let attachment = this.attachments.find((a) => a.issueId === issue.id && a.url === args.input.url)
        if (!attachment) {
          attachment = { id: randomUUID(), issueId: issue.id, url: args.input.url, title: args.input.title, subtitle: null, metadata: {} }
          this.attachments.push(attachment)
        }
        attachment.title = args.input.title
        attachment.subtitle = args.input.subtitle ?? null
        attachment.metadata = args.input.metadata ?? {}
        return payload({ attachment })
      }
    }
  }

  private applyIssueInput(issue: LinearIssue, input: Record<string, unknown>): void {
    const team = this.teams.find((t) => t.id === issue.teamId)
    if (typeof input.title === 'string') issue.title = input.title
    if (typeof input.description === 'string') issue.description = input.description
    if (input.dueDate !== undefined) {
      if (input.dueDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(String(input.dueDate))) throw inputError('dueDate must be a date (YYYY-MM-DD)')
      issue.dueDate = input.dueDate as string | null
    }
    if (input.priority !== undefined) {
      if (typeof input.priority !== 'number' || input.priority < 0 || input.priority > 4) throw inputError('priority must be 0 to 4')
      issue.priority = input.priority
    }
    if (input.assigneeId !== undefined) {
      if (input.assigneeId !== null && !this.users.some((u) => u.id === input.assigneeId)) throw inputError('Assignee not found')
      issue.assigneeId = input.assigneeId as string | null
    }
    if (input.stateId !== undefined) {
      if (!team?.states.some((s) => s.id === input.stateId)) throw inputError('State not found in the team')
      issue.stateId = String(input.stateId)
    }
    if (Array.isArray(input.labelIds)) {
      for (const id of input.labelIds) {
        const label = this.labels.find((l) => l.id === id)
        if (!label || (label.teamId !== null && label.teamId !== issue.teamId)) throw inputError('Label not found in the team')
      }
      issue.labelIds = input.labelIds.map(String)
    }
  }
}
