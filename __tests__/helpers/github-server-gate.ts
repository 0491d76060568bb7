// The read endpoints the gate mode uses, for the fake GitHub server (github-server.ts routes to them):
// file contents at a commit, pull requests, commit→pull-request lookup, comparisons, workflow runs,
// check runs of a commit, issue events (who applied a label), team membership, commits and trees.
//
// Answers are GitHub's own examples from __tests__/contracts/github-rest.json with the fields
// a test sets replaced, so their shape is GitHub's; __tests__/github/github-server-gate.test.ts validates
// them against the contract's response schemas. Query parameters are checked against the contract's
// parameter schemas (a wrong enum value gets GitHub's 422).

import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import { GITHUB_CONTRACT_PATH as CONTRACT } from './contracts.js'
const DOCS = 'https://docs.github.com/rest'

export type GateOperationId =
  | 'repos/get-content'
  | 'pulls/get'
  | 'pulls/list'
  | 'repos/list-pull-requests-associated-with-commit'
  | 'repos/compare-commits-with-basehead'
  | 'actions/list-workflow-runs'
  | 'checks/list-for-ref'
  | 'issues/list-events'
  | 'teams/get-membership-for-user-in-org'
  | 'repos/get-commit'
  | 'git/get-tree'

export const GATE_OPERATIONS: Record<GateOperationId, { path: string; method: 'get' }> = {
  'repos/get-content': { path: '/repos/{owner}/{repo}/contents/{path}', method: 'get' },
  'pulls/get': { path: '/repos/{owner}/{repo}/pulls/{pull_number}', method: 'get' },
  'pulls/list': { path: '/repos/{owner}/{repo}/pulls', method: 'get' },
  'repos/list-pull-requests-associated-with-commit': { path: '/repos/{owner}/{repo}/commits/{commit_sha}/pulls', method: 'get' },
  'repos/compare-commits-with-basehead': { path: '/repos/{owner}/{repo}/compare/{basehead}', method: 'get' },
  'actions/list-workflow-runs': { path: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', method: 'get' },
  'checks/list-for-ref': { path: '/repos/{owner}/{repo}/commits/{ref}/check-runs', method: 'get' },
  'issues/list-events': { path: '/repos/{owner}/{repo}/issues/{issue_number}/events', method: 'get' },
  'teams/get-membership-for-user-in-org': { path: '/orgs/{org}/teams/{team_slug}/memberships/{username}', method: 'get' },
  'repos/get-commit': { path: '/repos/{owner}/{repo}/commits/{ref}', method: 'get' },
  'git/get-tree': { path: '/repos/{owner}/{repo}/git/trees/{tree_sha}', method: 'get' }
}

export function isGateOperation(operation: string): operation is GateOperationId {
  return Object.prototype.hasOwnProperty.call(GATE_OPERATIONS, operation)
}

/** A body sent as it is (the raw media type of the contents API), not as JSON. */
export class RawText {
  constructor(readonly text: string) {}
}

export interface GateAnswer {
  status: number
  body: unknown
  headers?: Record<string, string>
}

// ------------------------------------------------------------------------------------------------
// What a test sets up

export interface FakePullRequest {
  number: number
  headSha: string
  baseSha: string
  baseRef?: string
  headRef?: string
  title?: string
  body?: string
  labels?: string[]
  state?: 'open' | 'closed'
  /** The head lives in a fork: the commit→pull-request endpoint does not find it (as for many fork heads). */
  fork?: boolean
}

export interface FakeWorkflowRun {
  id: number
  headSha: string
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending'
  conclusion?: 'success' | 'failure' | 'cancelled' | 'skipped' | 'neutral' | 'timed_out' | 'action_required' | null
  runAttempt?: number
  /** ISO 8601; default now. */
  createdAt?: string
  event?: string
}

export interface FakeExternalCheckRun {
  name: string
  headSha: string
  status: 'queued' | 'in_progress' | 'completed'
  conclusion?: string | null
  startedAt?: string
  /** Check suite; runs of one name in different suites are all "latest". */
  suiteId?: number
}

export interface FakeLabelEvent {
  label: string
  actor: string
  action?: 'labeled' | 'unlabeled'
  createdAt?: string
}

/** Check runs the fake already stores (created through checks/create), as list-for-ref needs them. */
export interface StoredRunView {
  id: number
  name: string
  head_sha: string
  status: string
  conclusion: string | null
  output: { title: string | null; summary: string | null; text: string | null }
  annotations: unknown[]
}

export interface GateHost {
  readonly url: string
  readonly owner: string
  readonly repo: string
  readonly checkRuns: readonly StoredRunView[]
}

// ------------------------------------------------------------------------------------------------
// The contract: examples and parameter schemas

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
interface Contract {
  paths: Record<string, Record<string, { operationId?: string; parameters?: Array<{ $ref?: string; name?: string; in?: string; schema?: Json }> }>>
  components: { examples: Record<string, { value: Json }>; parameters: Record<string, { name: string; in: string; schema: Json }> }
}

let contract: Contract | undefined
function loadContract(): Contract {
  contract ??= JSON.parse(readFileSync(CONTRACT, 'utf8')) as Contract
  return contract
}

/** A fresh copy of one of the contract's examples. */
export function contractExample<T = Record<string, unknown>>(name: string): T {
  const example = loadContract().components.examples[name]
  if (!example) throw new Error(`the contract has no example ${name}`)
  return structuredClone(example.value) as T
}

const queryValidators = new Map<GateOperationId, Map<string, ValidateFunction>>()
function queryValidator(operation: GateOperationId): Map<string, ValidateFunction> {
  let validators = queryValidators.get(operation)
  if (validators) return validators
  const c = loadContract()
  const { path, method } = GATE_OPERATIONS[operation]
  const op = c.paths[path]?.[method]
  if (op?.operationId !== operation) throw new Error(`the contract has no ${operation} at ${method.toUpperCase()} ${path}`)
  const ajv = new Ajv({ strict: false, coerceTypes: true })
  validators = new Map()
  for (const p of op.parameters ?? []) {
    const param = p.$ref ? c.components.parameters[p.$ref.split('/').pop() ?? ''] : (p as { name: string; in: string; schema: Json })
    if (param?.in === 'query') {
      const { format: _format, ...schema } = param.schema as Record<string, Json>
      validators.set(param.name, ajv.compile(schema))
    }
  }
  queryValidators.set(operation, validators)
  return validators
}

// ------------------------------------------------------------------------------------------------

const notFound = (): GateAnswer => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } })
const isoNow = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z')
const sha40 = (n: number) => n.toString(16).padStart(40, '0')

export class GateRoutes {
  /** ref (SHA or branch) → path → text. */
  readonly filesAtRef = new Map<string, Map<string, string>>()
  readonly pulls = new Map<number, FakePullRequest>()
  /** `base...head` → changed files. */
  readonly comparisons = new Map<string, Array<{ filename: string; status?: string }>>()
  /** Workflow file name (and id) → its runs. A workflow not listed here does not exist (404). */
  readonly workflows = new Map<string, FakeWorkflowRun[]>()
  readonly externalCheckRuns: FakeExternalCheckRun[] = []
  readonly issueEvents = new Map<number, FakeLabelEvent[]>()
  /** `org/slug` → member logins. */
  readonly teams = new Map<string, string[]>()
  /** Team membership answers 403, as for the workflow's GITHUB_TOKEN (no organisation read access). */
  teamsForbidden = false
  readonly commitDates = new Map<string, string>()

  constructor(private readonly host: GateHost) {}

  reset(): void {
    this.filesAtRef.clear()
    this.pulls.clear()
    this.comparisons.clear()
    this.workflows.clear()
    this.externalCheckRuns.length = 0
    this.issueEvents.clear()
    this.teams.clear()
    this.teamsForbidden = false
    this.commitDates.clear()
  }

  setFiles(ref: string, files: Record<string, string>): void {
    this.filesAtRef.set(ref.toLowerCase(), new Map(Object.entries(files)))
  }

  route(method: string, path: string): { operation: GateOperationId; params: Record<string, string> } | undefined {
    if (method !== 'GET') return undefined
    const repo = '^/repos/([^/]+)/([^/]+)'
    const table: Array<[GateOperationId, RegExp, string[]]> = [
      ['repos/get-content', new RegExp(`${repo}/contents/(.+)$`), ['path']],
      ['pulls/get', new RegExp(`${repo}/pulls/(\\d+)$`), ['pull_number']],
      ['pulls/list', new RegExp(`${repo}/pulls$`), []],
      ['repos/list-pull-requests-associated-with-commit', new RegExp(`${repo}/commits/([^/]+)/pulls$`), ['commit_sha']],
      ['checks/list-for-ref', new RegExp(`${repo}/commits/(.+)/check-runs$`), ['ref']],
      ['repos/get-commit', new RegExp(`${repo}/commits/([^/]+)$`), ['ref']],
      ['repos/compare-commits-with-basehead', new RegExp(`${repo}/compare/(.+)$`), ['basehead']],
      ['actions/list-workflow-runs', new RegExp(`${repo}/actions/workflows/([^/]+)/runs$`), ['workflow_id']],
      ['issues/list-events', new RegExp(`${repo}/issues/(\\d+)/events$`), ['issue_number']],
      ['git/get-tree', new RegExp(`${repo}/git/trees/([^/]+)$`), ['tree_sha']]
    ]
    for (const [operation, re, names] of table) {
      const m = re.exec(path)
      if (!m) continue
      const params: Record<string, string> = { owner: decodeURIComponent(m[1] ?? ''), repo: decodeURIComponent(m[2] ?? '') }
      names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 3] ?? '')))
      return { operation, params }
    }
    const team = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(path)
    if (team) return { operation: 'teams/get-membership-for-user-in-org', params: { org: team[1] ?? '', team_slug: team[2] ?? '', username: team[3] ?? '' } }
    return undefined
  }

  dispatch(operation: GateOperationId, params: Record<string, string>, url: URL, accept: string): GateAnswer {
    for (const [name, validate] of queryValidator(operation)) {
      const value = url.searchParams.get(name)
      if (value !== null && !validate(value)) {
        return { status: 422, body: { message: `Invalid request.\n\n"${value}" is not a permitted value for "${name}".`, documentation_url: DOCS, status: '422' } }
      }
    }
    if (operation === 'teams/get-membership-for-user-in-org') return this.teamMembership(params)
    if (params.owner !== this.host.owner || params.repo !== this.host.repo) return notFound()
    switch (operation) {
      case 'repos/get-content':
        return this.content(params.path ?? '', url.searchParams.get('ref') ?? 'main', accept)
      case 'pulls/get': {
        const pr = this.pulls.get(Number(params.pull_number))
        return pr ? { status: 200, body: this.pullBody(pr, 'pull-request') } : notFound()
      }
      case 'pulls/list': {
        const state = url.searchParams.get('state') ?? 'open'
        const prs = [...this.pulls.values()].filter((p) => state === 'all' || (p.state ?? 'open') === state).sort((a, b) => b.number - a.number)
        return this.paginate(prs.map((p) => this.pullBody(p, 'pull-request-simple-items')), url)
      }
      case 'repos/list-pull-requests-associated-with-commit': {
        const sha = (params.commit_sha ?? '').toLowerCase()
        const prs = [...this.pulls.values()].filter((p) => !p.fork && p.headSha.toLowerCase() === sha)
        return this.paginate(prs.map((p) => this.pullBody(p, 'pull-request-simple-items')), url)
      }
      case 'repos/compare-commits-with-basehead':
        return this.compare(params.basehead ?? '')
      case 'actions/list-workflow-runs':
        return this.workflowRuns(params.workflow_id ?? '', url)
      case 'checks/list-for-ref':
        return this.checkRunsForRef(params.ref ?? '', url)
      case 'issues/list-events':
        return this.paginate(this.events(Number(params.issue_number)), url)
      case 'repos/get-commit':
        return this.commit(params.ref ?? '')
      case 'git/get-tree':
        return this.tree(params.tree_sha ?? '')
    }
  }

  // ----------------------------------------------------------------------------------------------

  private paginate(items: unknown[], url: URL, wrap?: (page: unknown[]) => unknown): GateAnswer {
    const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 100)
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1)
    const lastPage = Math.max(1, Math.ceil(items.length / perPage))
    const slice = items.slice((page - 1) * perPage, page * perPage)
    const pageUrl = (n: number) => {
      const next = new URL(url.pathname, this.host.url)
      for (const [k, v] of url.searchParams) if (k !== 'page') next.searchParams.set(k, v)
      next.searchParams.set('page', String(n))
      return next.toString()
    }
    const links: string[] = []
    if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`)
    if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`)
    return { status: 200, body: wrap ? wrap(slice) : slice, headers: links.length > 0 ? { link: links.join(', ') } : {} }
  }

  private content(path: string, ref: string, accept: string): GateAnswer {
    const files = this.filesAtRef.get(ref.toLowerCase())
    if (!files) return { status: 404, body: { message: `No commit found for the ref ${ref}`, documentation_url: DOCS, status: '404' } }
    const text = files.get(path)
    if (text === undefined) {
      const isDir = [...files.keys()].some((p) => p.startsWith(`${path}/`))
      if (!isDir) return notFound()
      const entries = [...files.keys()].filter((p) => p.startsWith(`${path}/`)).map((p) => this.contentEntry(p, files.get(p) ?? '', ref))
      return { status: 200, body: entries }
    }
    if (/application\/vnd\.github(\.v3)?\.raw/.test(accept)) return { status: 200, body: new RawText(text), headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' } }
    return { status: 200, body: { ...this.contentEntry(path, text, ref), encoding: 'base64', content: Buffer.from(text).toString('base64') } }
  }

  private contentEntry(path: string, text: string, ref: string): Record<string, unknown> {
    const example = contractExample('content-file-response-if-content-is-a-file')
    const api = `${this.host.url}/repos/${this.host.owner}/${this.host.repo}/contents/${path}?ref=${ref}`
    const html = `https://github.com/${this.host.owner}/${this.host.repo}/blob/${ref}/${path}`
    const { content: _content, encoding: _encoding, ...rest } = example
    return {
      ...rest,
      name: path.split('/').pop(),
      path,
      size: Buffer.byteLength(text),
      sha: sha40(text.length + 1),
      url: api,
      git_url: null,
      html_url: html,
      download_url: html.replace('/blob/', '/raw/'),
      _links: { self: api, git: null, html }
    }
  }

  private pullBody(pr: FakePullRequest, example: 'pull-request' | 'pull-request-simple-items'): Record<string, unknown> {
    const base = example === 'pull-request' ? contractExample('pull-request') : (contractExample<Array<Record<string, unknown>>>('pull-request-simple-items')[0] as Record<string, unknown>)
    const head = base.head as Record<string, unknown>
    const baseRef = base.base as Record<string, unknown>
    const repo = `${this.host.owner}/${this.host.repo}`
    const headRepo = { ...(head.repo as Record<string, unknown>), full_name: pr.fork ? `a-contributor/${this.host.repo}` : repo, fork: pr.fork === true }
    const labelTemplate = (base.labels as Array<Record<string, unknown>>)[0] ?? {}
    return {
      ...base,
      number: pr.number,
      html_url: `https://github.com/${repo}/pull/${pr.number}`,
      url: `${this.host.url}/repos/${repo}/pulls/${pr.number}`,
      state: pr.state ?? 'open',
      title: pr.title ?? `Pull request #${pr.number}`,
      body: pr.body ?? null,
      labels: (pr.labels ?? []).map((name, i) => ({ ...labelTemplate, id: 9000 + i, name })),
      // GitHub's own example lists a team without the `type` its schema requires; nobody is requested here.
      requested_teams: [],
      head: { ...head, sha: pr.headSha, ref: pr.headRef ?? `feature-${pr.number}`, label: `${pr.fork ? 'a-contributor' : this.host.owner}:${pr.headRef ?? `feature-${pr.number}`}`, repo: headRepo },
      base: { ...baseRef, sha: pr.baseSha, ref: pr.baseRef ?? 'main', repo: { ...(baseRef.repo as Record<string, unknown>), full_name: repo, fork: false } }
    }
  }

  private compare(basehead: string): GateAnswer {
    const files = this.comparisons.get(basehead)
    if (!files) return notFound()
    const example = contractExample('commit-comparison')
    const template = (example.files as Array<Record<string, unknown>>)[0] ?? {}
    // GitHub lists at most 300 files of a comparison.
    const listed = files.slice(0, 300).map((f, i) => ({ ...template, sha: sha40(i + 1), filename: f.filename, status: f.status ?? 'modified' }))
    return { status: 200, body: { ...example, files: listed } }
  }

  private workflowRuns(workflowId: string, url: URL): GateAnswer {
    const runs = this.workflows.get(workflowId)
    if (!runs) return notFound()
    const headSha = url.searchParams.get('head_sha')?.toLowerCase()
    const status = url.searchParams.get('status')
    const matching = runs
      .filter((r) => headSha === undefined || r.headSha.toLowerCase() === headSha)
      .filter((r) => status === null || r.status === status || r.conclusion === status)
      .sort((a, b) => b.id - a.id)
    const template = contractExample<{ workflow_runs: Array<Record<string, unknown>> }>('workflow-run-paginated').workflow_runs[0] ?? {}
    const repo = `${this.host.owner}/${this.host.repo}`
    const bodies = matching.map((r) => ({
      ...template,
      id: r.id,
      name: 'drills',
      path: `.github/workflows/${workflowId}`,
      head_sha: r.headSha,
      status: r.status,
      conclusion: r.status === 'completed' ? (r.conclusion ?? 'success') : null,
      run_attempt: r.runAttempt ?? 1,
      event: r.event ?? 'pull_request',
      created_at: r.createdAt ?? isoNow(),
      updated_at: r.createdAt ?? isoNow(),
      html_url: `https://github.com/${repo}/actions/runs/${r.id}`,
      url: `${this.host.url}/repos/${repo}/actions/runs/${r.id}`,
      pull_requests: []
    }))
    return this.paginate(bodies, url, (page) => ({ total_count: bodies.length, workflow_runs: page }))
  }

  private checkRunsForRef(ref: string, url: URL): GateAnswer {
    const sha = ref.toLowerCase()
    const template = contractExample<{ check_runs: Array<Record<string, unknown>> }>('check-run-paginated').check_runs[0] ?? {}
    const repo = `${this.host.owner}/${this.host.repo}`
    type Row = { id: number; name: string; head_sha: string; status: string; conclusion: string | null; started_at: string; suite: number; output: Record<string, unknown> }
    const rows: Row[] = [
      ...this.host.checkRuns.map((r) => ({ id: r.id, name: r.name, head_sha: r.head_sha, status: r.status, conclusion: r.conclusion, started_at: isoNow(), suite: 5000, output: { ...r.output, annotations_count: r.annotations.length } })),
      ...this.externalCheckRuns.map((r, i) => ({
        id: 7000 + i,
        name: r.name,
        head_sha: r.headSha,
        status: r.status,
        conclusion: r.status === 'completed' ? (r.conclusion ?? 'success') : null,
        started_at: r.startedAt ?? isoNow(),
        suite: r.suiteId ?? 6000,
        output: { title: null, summary: null, text: null, annotations_count: 0 }
      }))
    ].filter((r) => r.head_sha.toLowerCase() === sha)
    const name = url.searchParams.get('check_name')
    const status = url.searchParams.get('status')
    let matching = rows.filter((r) => (name === null || r.name === name) && (status === null || r.status === status))
    if ((url.searchParams.get('filter') ?? 'latest') === 'latest') {
      // The newest run of each name in each check suite.
      const newest = new Map<string, Row>()
      for (const r of matching) {
        const key = `${r.suite}\0${r.name}`
        const seen = newest.get(key)
        if (!seen || r.id > seen.id) newest.set(key, r)
      }
      matching = [...newest.values()]
    }
    matching.sort((a, b) => b.id - a.id)
    const bodies = matching.map((r) => ({
      ...template,
      id: r.id,
      node_id: `CR_${r.id}`,
      name: r.name,
      head_sha: r.head_sha,
      status: r.status,
      conclusion: r.conclusion,
      started_at: r.started_at,
      completed_at: r.status === 'completed' ? r.started_at : null,
      html_url: `https://github.com/${repo}/runs/${r.id}`,
      url: `${this.host.url}/repos/${repo}/check-runs/${r.id}`,
      output: { ...(template.output as Record<string, unknown>), ...r.output, annotations_url: `${this.host.url}/repos/${repo}/check-runs/${r.id}/annotations` },
      check_suite: { id: r.suite },
      pull_requests: []
    }))
    return this.paginate(bodies, url, (page) => ({ total_count: bodies.length, check_runs: page }))
  }

  private events(issueNumber: number): unknown[] {
    const template = contractExample<Array<Record<string, unknown>>>('issue-event-for-issue-items')[0] ?? {}
    const actorTemplate = template.actor as Record<string, unknown>
    return (this.issueEvents.get(issueNumber) ?? []).map((e, i) => ({
      ...template,
      id: 100 + i,
      node_id: `LE_${100 + i}`,
      url: `${this.host.url}/repos/${this.host.owner}/${this.host.repo}/issues/events/${100 + i}`,
      event: e.action ?? 'labeled',
      actor: { ...actorTemplate, login: e.actor, id: 500 + i },
      label: { name: e.label, color: 'd73a4a' },
      created_at: e.createdAt ?? isoNow(),
      commit_id: null,
      commit_url: null
    }))
  }

  private teamMembership(params: Record<string, string>): GateAnswer {
    if (this.teamsForbidden) {
      return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: `${DOCS}/teams/members#get-team-membership-for-a-user`, status: '403' } }
    }
    const members = this.teams.get(`${params.org}/${params.team_slug}`)
    if (!members || !members.some((m) => m.toLowerCase() === (params.username ?? '').toLowerCase())) return notFound()
    const example = contractExample('team-membership-response-if-user-is-a-team-maintainer')
    return { status: 200, body: { ...example, role: 'member', state: 'active', url: `${this.host.url}/teams/1/memberships/${params.username}` } }
  }

  private commit(ref: string): GateAnswer {
    const date = this.commitDates.get(ref.toLowerCase())
    if (date === undefined) return { status: 422, body: { message: `No commit found for SHA: ${ref}`, documentation_url: DOCS, status: '422' } }
    const example = contractExample('commit')
    const commit = example.commit as Record<string, Record<string, unknown>>
    return {
      status: 200,
      body: { ...example, sha: ref, commit: { ...commit, author: { ...commit.author, date }, committer: { ...commit.committer, date } }, files: [] }
    }
  }

  private tree(sha: string): GateAnswer {
    const files = this.filesAtRef.get(sha.toLowerCase())
    if (!files) return notFound()
    const example = contractExample('git-tree-response-recursively-retrieving-a-tree')
    const entry = (example.tree as Array<Record<string, unknown>>).find((e) => e.type === 'blob') ?? {}
    const tree = [...files.entries()].map(([path, text], i) => ({ ...entry, path, size: Buffer.byteLength(text), sha: sha40(i + 1) }))
    return { status: 200, body: { ...example, sha, tree, truncated: false } }
  }
}
