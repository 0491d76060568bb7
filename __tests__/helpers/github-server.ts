// A fake GitHub REST API on 127.0.0.1 for tests: a real HTTP server (random port) that speaks the
// endpoints reliability-loop uses and rejects what GitHub would reject. Request bodies are validated
// against the request-body schemas of GitHub's own OpenAPI description in
// __tests__/contracts/github-rest.json (from @octokit/openapi), so a request the real API would refuse fails here too.
//
// Faults (429 with retry-after, 5xx, a stalled response, a connection reset) can be queued for the next
// requests of an operation, and a read-only mode answers check-run writes with GitHub's 403.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv, type ValidateFunction } from 'ajv'
import { sendBodyFault, type BodyFault } from './body-fault.js'
import { GATE_OPERATIONS, GateRoutes, isGateOperation, RawText, type GateOperationId } from './github-server-gate.js'
import { ISSUE_OPERATIONS, IssueRoutes, isIssueOperation, type IssueOperationId } from './github-server-issues.js'
import { PULL_WRITE_OPERATIONS, PullWriteRoutes, isPullWriteOperation, type PullWriteOperationId } from './github-server-pulls.js'
import { GITHUB_CONTRACT_PATH } from './contracts.js'

const here = dirname(fileURLToPath(import.meta.url))
export const REPO_ROOT = resolve(here, '..', '..')
export const CONTRACT_PATH = GITHUB_CONTRACT_PATH

/**
 * A plain `describe`: the contract is committed (__tests__/contracts/), so these tests never skip. The
 * name stays for the tests that use it; a missing contract fails the fake's start instead of skipping.
 */
export function describeWithContract(name: string, fn: () => void): void {
  describe(name, fn)
}

export type OperationId = 'pulls/list-files' | 'checks/create' | 'checks/update' | GateOperationId | IssueOperationId | PullWriteOperationId

export type Fault =
  /** A server error with GitHub's body for it. */
  | { kind: 'status'; status: 500 | 502 | 503 | 504 }
  /** GitHub's secondary rate limit: 429, `retry-after` and the message the throttling plugin recognises. */
  | { kind: 'secondary-rate-limit'; retryAfter: number }
  /** The primary rate limit: 403 with `x-ratelimit-remaining: 0` and a reset time. */
  | { kind: 'rate-limit'; resetInSeconds: number }
  /** Accepts the request and never answers (until the client gives up or the server closes). */
  | { kind: 'timeout' }
  /** Resets the connection without an answer. */
  | { kind: 'reset' }
  /** Answers with this status and this body as it is (garbage, a huge error page, escape sequences). */
  | BodyFault
  /** Waits this long, then handles the request as usual (a slow tracker). */
  | { kind: 'delay'; ms: number }
  /** Carries the request out (the write is committed), then answers with this fault instead: the ambiguous failures. */
  | { kind: 'after-commit'; then: { kind: 'status'; status: 500 | 502 | 503 | 504 } | { kind: 'timeout' } | { kind: 'reset' } | BodyFault }


export type DiffStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged'

export interface PullRequestFile {
  filename: string
  status?: DiffStatus
  previous_filename?: string
}

export interface RecordedRequest {
  method: string
  /** Path without the query string. */
  path: string
  query: Record<string, string>
  operation?: OperationId
  headers: IncomingMessage['headers']
  /** Parsed JSON body, or the raw text when it is not JSON; undefined without a body. */
  body?: unknown
  /** The status answered; 0 for a reset or a stalled request. */
  status: number
  fault?: Fault['kind']
}

export interface CheckRunAnnotationRecord {
  path: string
  start_line: number
  end_line: number
  start_column?: number
  end_column?: number
  annotation_level: string
  message: string
  title?: string
}

export interface StoredCheckRun {
  id: number
  name: string
  head_sha: string
  status: string
  conclusion: string | null
  output: { title: string | null; summary: string | null; text: string | null }
  /** Every annotation, in the order received (updates append, as on GitHub). */
  annotations: CheckRunAnnotationRecord[]
}

export interface FakeGitHubOptions {
  owner?: string
  repo?: string
  /** Numeric id of the repository, used in `Link` headers as GitHub does (`/repositories/{id}/…`). */
  repoId?: number
  /** Tokens accepted in `Authorization: token …` or `Bearer …`. */
  tokens?: string[]
  /** Commits that exist; when given, check runs on any other 40-hex SHA get GitHub's 422 "No commit found". */
  commits?: string[]
}

// ------------------------------------------------------------------------------------------------
// The contract: request-body validators built from GitHub's OpenAPI description.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** OpenAPI 3.0's `nullable: true` → JSON Schema's `type: [..., "null"]` (or an anyOf with null). */
export function convertNullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(convertNullable)
  if (node === null || typeof node !== 'object') return node
  const out: { [key: string]: Json } = {}
  for (const [key, value] of Object.entries(node)) if (key !== 'nullable') out[key] = convertNullable(value)
  if (node.nullable !== true) return out
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null']
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
    return out
  }
  return { anyOf: [out, { type: 'null' }] }
}

const OPERATIONS: Record<OperationId, { path: string; method: 'get' | 'post' | 'patch' | 'put' }> = {
  'pulls/list-files': { path: '/repos/{owner}/{repo}/pulls/{pull_number}/files', method: 'get' },
  'checks/create': { path: '/repos/{owner}/{repo}/check-runs', method: 'post' },
  'checks/update': { path: '/repos/{owner}/{repo}/check-runs/{check_run_id}', method: 'patch' },
  ...GATE_OPERATIONS,
  ...ISSUE_OPERATIONS,
  ...PULL_WRITE_OPERATIONS
}

let validators: Map<OperationId, ValidateFunction> | undefined

function requestBodyValidators(): Map<OperationId, ValidateFunction> {
  if (validators) return validators
  const contract = convertNullable(JSON.parse(readFileSync(CONTRACT_PATH, 'utf8')) as Json) as {
    paths: Record<string, Record<string, { operationId?: string; requestBody?: { content: Record<string, { schema: Json }> } }>>
    components: Json
  }
  const ajv = new Ajv({ strict: false, allErrors: true })
  ajv.addFormat('date-time', (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) && !Number.isNaN(Date.parse(value)))
  ajv.addFormat('uri', (value: string) => URL.canParse(value))
  // Formats of the pull-request and label writes: `owner/repo` and 64-bit ids.
  ajv.addFormat('repo.nwo', (value: string) => /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(value))
  ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) })
  validators = new Map()
  for (const [id, { path, method }] of Object.entries(OPERATIONS) as Array<[OperationId, (typeof OPERATIONS)[OperationId]]>) {
    const operation = contract.paths[path]?.[method]
    if (operation?.operationId !== id) throw new Error(`the contract has no ${id} at ${method.toUpperCase()} ${path}`)
    const schema = operation.requestBody?.content['application/json']?.schema
    // Local $refs (#/components/...) resolve against this root.
    if (schema && typeof schema === 'object' && !Array.isArray(schema)) validators.set(id, ajv.compile({ ...schema, components: contract.components }))
  }
  return validators
}

// ------------------------------------------------------------------------------------------------

const DOCS = 'https://docs.github.com/rest'

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {}
  ) {
    super(String(body.message))
  }
}

export class FakeGitHub {
  readonly owner: string
  readonly repo: string
  readonly repoId: number
  readonly requests: RecordedRequest[] = []
  readonly checkRuns: StoredCheckRun[] = []
  /** Answer check-run writes as GitHub does for a read-only token (fork PRs, no `checks: write`). */
  readOnly = false
  url = ''

  private readonly tokens: Set<string>
  private readonly commits?: Set<string>
  private readonly pullFiles = new Map<number, PullRequestFile[]>()
  private readonly faults = new Map<OperationId, Fault[]>()
  /** The read endpoints of the gate mode (github-server-gate.ts): set up their data through it. */
  readonly gate: GateRoutes = new GateRoutes(this)
  /** The issue and milestone endpoints of the sync mode (github-server-issues.ts): its issues, milestones and assignable logins. */
  readonly issueTracker: IssueRoutes = new IssueRoutes(this)
  /** Branches, files committed through the contents API, pull requests opened, labels (github-server-pulls.ts). */
  readonly pullWrites: PullWriteRoutes = new PullWriteRoutes(this)
  private readonly sockets = new Set<Socket>()
  private readonly server: Server
  private rateRemaining = 5000

  private constructor(options: FakeGitHubOptions) {
    this.owner = options.owner ?? 'Codertocat'
    this.repo = options.repo ?? 'Hello-World'
    this.repoId = options.repoId ?? 186853002
    this.tokens = new Set(options.tokens ?? ['ghs_test_token'])
    if (options.commits) this.commits = new Set(options.commits.map((c) => c.toLowerCase()))
    requestBodyValidators()
    this.server = createServer((req, res) => void this.handle(req, res))
    this.server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  static async start(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
    const fake = new FakeGitHub(options)
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve))
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`
    return fake
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  setPullRequestFiles(pullNumber: number, files: ReadonlyArray<PullRequestFile | string>): void {
    this.pullFiles.set(
      pullNumber,
      files.map((f) => (typeof f === 'string' ? { filename: f } : f))
    )
  }

  /** Queues faults for the next requests of an operation, one per request, in order. */
  inject(operation: OperationId, ...faults: Fault[]): void {
    this.faults.set(operation, [...(this.faults.get(operation) ?? []), ...faults])
  }

  /** Drops the faults still queued. */
  clearFaults(): void {
    this.faults.clear()
  }

  requestsFor(operation: OperationId): RecordedRequest[] {
    return this.requests.filter((r) => r.operation === operation)
  }

  /** Forgets recorded requests, check runs, faults and the read-only switch (pull request files stay). */
  reset(): void {
    this.requests.length = 0
    this.checkRuns.length = 0
    this.faults.clear()
    this.readOnly = false
    this.issueTracker.reset()
    this.pullWrites.reset()
  }

  // ----------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url)
    const text = await readBody(req)
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      status: 0
    }
    if (text !== '') {
      try {
        record.body = JSON.parse(text) as unknown
      } catch {
        record.body = text
      }
    }
    this.requests.push(record)

    const route = this.route(record.method, url.pathname)
    if (route) record.operation = route.operation
    const fault = route ? this.faults.get(route.operation)?.shift() : undefined
    if (fault) record.fault = fault.kind
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms))
    else if (fault && fault.kind !== 'after-commit') {
      this.applyFault(fault, req, res, record)
      return
    }
    try {
      if (!route) throw new HttpError(404, { message: 'Not Found', documentation_url: DOCS })
      this.authenticate(req)
      const { status, body, headers } = this.dispatch(route, record, text, url)
      if (fault?.kind === 'after-commit') this.applyFault(fault.then, req, res, record)
      else this.send(res, record, status, body, headers)
    } catch (error) {
      if (error instanceof HttpError) this.send(res, record, error.status, error.body, error.headers)
      else this.send(res, record, 500, { message: `fake server bug: ${String(error)}` })
    }
  }

  private route(method: string, path: string): { operation: OperationId; params: Record<string, string> } | undefined {
    const gateRoute = this.gate.route(method, path)
    if (gateRoute) return gateRoute
    const issueRoute = this.issueTracker.route(method, path)
    if (issueRoute) return issueRoute
    const pullRoute = this.pullWrites.route(method, path)
    if (pullRoute) return pullRoute
    let m: RegExpExecArray | null
    if (method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/files$/.exec(path))) {
      return { operation: 'pulls/list-files', params: { owner: m[1] ?? '', repo: m[2] ?? '', pull_number: m[3] ?? '' } }
    }
    if (method === 'GET' && (m = /^\/repositories\/(\d+)\/pulls\/(\d+)\/files$/.exec(path))) {
      const sameRepo = Number(m[1]) === this.repoId
      return { operation: 'pulls/list-files', params: { owner: sameRepo ? this.owner : '?', repo: sameRepo ? this.repo : '?', pull_number: m[2] ?? '' } }
    }
    if (method === 'POST' && (m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs$/.exec(path))) {
      return { operation: 'checks/create', params: { owner: m[1] ?? '', repo: m[2] ?? '' } }
    }
    if (method === 'PATCH' && (m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/.exec(path))) {
      return { operation: 'checks/update', params: { owner: m[1] ?? '', repo: m[2] ?? '', check_run_id: m[3] ?? '' } }
    }
    return undefined
  }

  private authenticate(req: IncomingMessage): void {
    if (!req.headers['user-agent']) {
      throw new HttpError(403, {
        message: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://developer.github.com for other possible causes.'
      })
    }
    const header = req.headers.authorization
    if (!header) throw new HttpError(401, { message: 'Requires authentication', documentation_url: DOCS, status: '401' })
    const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header)
    if (!match || !this.tokens.has(match[1] ?? '')) throw new HttpError(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' })
  }

  private dispatch(
    route: { operation: OperationId; params: Record<string, string> },
    record: RecordedRequest,
    text: string,
    url: URL
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    const { params } = route
    if (isGateOperation(route.operation)) return this.gate.dispatch(route.operation, params, url, String(record.headers.accept ?? ''))
    if (isIssueOperation(route.operation)) {
      const operation = route.operation
      return this.issueTracker.dispatch(operation, params, url, () => this.validateBody(operation, record, text))
    }
    if (isPullWriteOperation(route.operation)) {
      const operation = route.operation
      return this.pullWrites.dispatch(operation, params, url, () => this.validateBody(operation, record, text))
    }
    if (params.owner !== this.owner || params.repo !== this.repo) throw new HttpError(404, { message: 'Not Found', documentation_url: DOCS, status: '404' })

    if (route.operation === 'pulls/list-files') return this.listFiles(Number(params.pull_number), url)

    if (this.readOnly) {
      throw new HttpError(403, {
        message: 'Resource not accessible by integration',
        documentation_url: `${DOCS}/checks/runs#${route.operation === 'checks/create' ? 'create-a-check-run' : 'update-a-check-run'}`,
        status: '403'
      })
    }
    const body = this.validateBody(route.operation, record, text)
    if (route.operation === 'checks/create') return { status: 201, body: this.createCheckRun(body) }
    return { status: 200, body: this.updateCheckRun(Number(params.check_run_id), body) }
  }

  /** What GitHub checks before acting on a check-run write: JSON, the schema, the annotation limit, the SHA. */
  private validateBody(operation: OperationId, record: RecordedRequest, text: string): Record<string, unknown> {
    if (text === '' || typeof record.body !== 'object' || record.body === null || Array.isArray(record.body)) {
      throw new HttpError(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' })
    }
    const body = record.body as Record<string, unknown>
    const annotations = (body.output as { annotations?: unknown } | undefined)?.annotations
    if (Array.isArray(annotations) && annotations.length > 50) {
      throw new HttpError(422, {
        message: `Invalid request.\n\nOnly 50 annotations are allowed per request (got ${annotations.length}).`,
        documentation_url: DOCS,
        status: '422'
      })
    }
    const validate = requestBodyValidators().get(operation)
    if (validate && !validate(body)) {
      const details = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('\n')
      throw new HttpError(422, { message: `Invalid request.\n\n${details}`, documentation_url: DOCS, status: '422' })
    }
    if (operation === 'checks/create') {
      const sha = String(body.head_sha)
      if (!/^[0-9a-f]{40}$/i.test(sha) || (this.commits && !this.commits.has(sha.toLowerCase()))) {
        throw new HttpError(422, { message: `No commit found for SHA: ${sha}`, documentation_url: DOCS, status: '422' })
      }
    }
    return body
  }

  private listFiles(pullNumber: number, url: URL): { status: number; body: unknown; headers: Record<string, string> } {
    const all = this.pullFiles.get(pullNumber)
    if (!all) throw new HttpError(404, { message: 'Not Found', documentation_url: DOCS, status: '404' })
    const capped = all.slice(0, 3000) // GitHub lists at most 3000 files of a pull request
    const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 100)
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1)
    const lastPage = Math.max(1, Math.ceil(capped.length / perPage))
    const items = capped.slice((page - 1) * perPage, page * perPage).map((f, i) => this.diffEntry(f, i))
    const pageUrl = (n: number) => `${this.url}/repositories/${this.repoId}/pulls/${pullNumber}/files?per_page=${perPage}&page=${n}`
    const links: string[] = []
    if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`)
    if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`)
    return { status: 200, body: items, headers: links.length > 0 ? { link: links.join(', ') } : {} }
  }

  private diffEntry(file: PullRequestFile, index: number): Record<string, unknown> {
    const status = file.status ?? 'added'
    const sha = (index + 1).toString(16).padStart(40, '0')
    const blob = `https://github.com/${this.owner}/${this.repo}/blob/${sha}/${file.filename}`
    return {
      sha: status === 'removed' ? null : sha,
      filename: file.filename,
      status,
      additions: status === 'removed' ? 0 : 10,
      deletions: status === 'added' ? 0 : 2,
      changes: status === 'removed' ? 2 : 12,
      blob_url: blob,
      raw_url: blob.replace('/blob/', '/raw/'),
      contents_url: `${this.url}/repos/${this.owner}/${this.repo}/contents/${file.filename}?ref=${sha}`,
      patch: '@@ -1,2 +1,10 @@',
      ...(file.previous_filename !== undefined && { previous_filename: file.previous_filename })
    }
  }

  private createCheckRun(body: Record<string, unknown>): Record<string, unknown> {
    const output = (body.output ?? {}) as { title?: string; summary?: string; text?: string; annotations?: CheckRunAnnotationRecord[] }
    const conclusion = typeof body.conclusion === 'string' ? body.conclusion : null
    const run: StoredCheckRun = {
      id: 4000 + this.checkRuns.length + 1,
      name: String(body.name),
      head_sha: String(body.head_sha),
      status: conclusion !== null ? 'completed' : typeof body.status === 'string' ? body.status : 'queued',
      conclusion,
      output: { title: output.title ?? null, summary: output.summary ?? null, text: output.text ?? null },
      annotations: [...(output.annotations ?? [])]
    }
    this.checkRuns.push(run)
    return this.checkRunBody(run)
  }

  private updateCheckRun(id: number, body: Record<string, unknown>): Record<string, unknown> {
    const run = this.checkRuns.find((r) => r.id === id)
    if (!run) throw new HttpError(404, { message: 'Not Found', documentation_url: DOCS, status: '404' })
    const output = body.output as { title?: string; summary?: string; text?: string; annotations?: CheckRunAnnotationRecord[] } | undefined
    if (output) {
      run.output = { title: output.title ?? run.output.title, summary: output.summary ?? run.output.summary, text: output.text ?? run.output.text }
      run.annotations.push(...(output.annotations ?? []))
    }
    if (typeof body.conclusion === 'string') {
      run.conclusion = body.conclusion
      run.status = 'completed'
    } else if (typeof body.status === 'string') run.status = body.status
    if (typeof body.name === 'string') run.name = body.name
    return this.checkRunBody(run)
  }

  private checkRunBody(run: StoredCheckRun): Record<string, unknown> {
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
    return {
      id: run.id,
      node_id: `CR_${run.id}`,
      head_sha: run.head_sha,
      external_id: null,
      url: `${this.url}/repos/${this.owner}/${this.repo}/check-runs/${run.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/runs/${run.id}`,
      details_url: null,
      status: run.status,
      conclusion: run.conclusion,
      started_at: now,
      completed_at: run.status === 'completed' ? now : null,
      output: {
        ...run.output,
        annotations_count: run.annotations.length,
        annotations_url: `${this.url}/repos/${this.owner}/${this.repo}/check-runs/${run.id}/annotations`
      },
      name: run.name,
      check_suite: { id: 5000 },
      app: null,
      pull_requests: []
    }
  }

  private applyFault(fault: Exclude<Fault, { kind: 'after-commit' | 'delay' }>, req: IncomingMessage, res: ServerResponse, record: RecordedRequest): void {
    switch (fault.kind) {
      case 'body':
        record.status = fault.status
        sendBodyFault(res, fault)
        return
      case 'status':
        this.send(res, record, fault.status, { message: fault.status === 502 ? 'Server Error' : 'Service Unavailable', documentation_url: DOCS })
        return
      case 'secondary-rate-limit':
        this.send(
          res,
          record,
          429,
          {
            message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
            status: '429'
          },
          { 'retry-after': String(fault.retryAfter) }
        )
        return
      case 'rate-limit': {
        const reset = Math.ceil(Date.now() / 1000) + fault.resetInSeconds
        this.send(
          res,
          record,
          403,
          { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api', status: '403' },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }
        )
        return
      }
      case 'timeout':
        return // never answered; the socket is destroyed when the client aborts or the server closes
      case 'reset': {
        const socket = req.socket as Socket & { resetAndDestroy?: () => void }
        if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy()
        else socket.destroy()
      }
    }
  }

  private send(res: ServerResponse, record: RecordedRequest, status: number, body: unknown, headers: Record<string, string> = {}): void {
    record.status = status
    this.rateRemaining = Math.max(0, this.rateRemaining - 1)
    const payload = body instanceof RawText ? body.text : JSON.stringify(body)
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
      'x-github-request-id': `FAKE:${this.requests.length}`,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(this.rateRemaining),
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      ...headers
    })
    res.end(payload)
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
