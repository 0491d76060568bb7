// The branch, file and pull-request writes of `mode: postmortem`, for the fake GitHub server (github-server.ts
// routes to them): get and create a branch, commit a new file through the contents API, open a pull request,
// label it. Request bodies are checked against GitHub's contract by the host; what GitHub refuses beyond the
// schema (a branch that exists, a file that exists without its sha, a second pull request for one branch, a
// head without commits) is refused here the same way. Pull requests are issues too: each is also an issue of
// the issue routes (one number space), so labels and assignees work through the issue endpoints.

import type { FakePullRequest, GateAnswer, GateRoutes } from './github-server-gate.js'
import type { IssueRoutes } from './github-server-issues.js'

export type PullWriteOperationId = 'git/get-ref' | 'git/create-ref' | 'git/update-ref' | 'repos/create-or-update-file-contents' | 'pulls/create' | 'issues/add-labels'

export const PULL_WRITE_OPERATIONS: Record<PullWriteOperationId, { path: string; method: 'get' | 'post' | 'put' | 'patch' }> = {
  'git/get-ref': { path: '/repos/{owner}/{repo}/git/ref/{ref}', method: 'get' },
  'git/create-ref': { path: '/repos/{owner}/{repo}/git/refs', method: 'post' },
  'git/update-ref': { path: '/repos/{owner}/{repo}/git/refs/{ref}', method: 'patch' },
  'repos/create-or-update-file-contents': { path: '/repos/{owner}/{repo}/contents/{path}', method: 'put' },
  'pulls/create': { path: '/repos/{owner}/{repo}/pulls', method: 'post' },
  'issues/add-labels': { path: '/repos/{owner}/{repo}/issues/{issue_number}/labels', method: 'post' }
}

export function isPullWriteOperation(operation: string): operation is PullWriteOperationId {
  return Object.prototype.hasOwnProperty.call(PULL_WRITE_OPERATIONS, operation)
}

export interface PullsHost {
  readonly url: string
  readonly owner: string
  readonly repo: string
  readonly gate: GateRoutes
  readonly issueTracker: IssueRoutes
}

const DOCS = 'https://docs.github.com/rest'
const notFound = (): GateAnswer => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } })
const unprocessable = (message: string, errors?: unknown[]): GateAnswer => ({ status: 422, body: { message, ...(errors && { errors }), documentation_url: DOCS, status: '422' } })

export class PullWriteRoutes {
  /** Branch → head commit. */
  readonly branches = new Map<string, string>()
  /** Branch → path → text, for files committed here (what a branch holds beyond its base). */
  readonly files = new Map<string, Map<string, string>>()
  private commitCounter = 0

  constructor(private readonly host: PullsHost) {}

  reset(): void {
    this.branches.clear()
    this.files.clear()
  }

  /** A branch that exists before the run (the default branch at the workflow's commit). */
  setBranch(branch: string, sha: string, files: Record<string, string> = {}): void {
    this.branches.set(branch, sha)
    this.files.set(branch, new Map(Object.entries(files)))
    this.host.gate.setFiles(branch, files)
  }

  route(method: string, path: string): { operation: PullWriteOperationId; params: Record<string, string> } | undefined {
    const repo = '^/repos/([^/]+)/([^/]+)'
    const table: Array<[string, PullWriteOperationId, RegExp, string[]]> = [
      ['GET', 'git/get-ref', new RegExp(`${repo}/git/ref/(.+)$`), ['ref']],
      ['POST', 'git/create-ref', new RegExp(`${repo}/git/refs$`), []],
      ['PATCH', 'git/update-ref', new RegExp(`${repo}/git/refs/(.+)$`), ['ref']],
      ['PUT', 'repos/create-or-update-file-contents', new RegExp(`${repo}/contents/(.+)$`), ['path']],
      ['POST', 'pulls/create', new RegExp(`${repo}/pulls$`), []],
      ['POST', 'issues/add-labels', new RegExp(`${repo}/issues/(\\d+)/labels$`), ['issue_number']]
    ]
    for (const [verb, operation, re, names] of table) {
      const m = verb === method ? re.exec(path) : null
      if (!m) continue
      const params: Record<string, string> = { owner: decodeURIComponent(m[1] ?? ''), repo: decodeURIComponent(m[2] ?? '') }
      names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 3] ?? '')))
      return { operation, params }
    }
    return undefined
  }

  /** `body` validates and returns the request body against the contract (reads need none). */
  dispatch(operation: PullWriteOperationId, params: Record<string, string>, url: URL, body: () => Record<string, unknown>): GateAnswer {
    if (params.owner !== this.host.owner || params.repo !== this.host.repo) return notFound()
    switch (operation) {
      case 'git/get-ref':
        return this.getRef(params.ref ?? '')
      case 'git/create-ref':
        return this.createRef(body())
      case 'git/update-ref':
        return this.updateRef(params.ref ?? '', body())
      case 'repos/create-or-update-file-contents':
        return this.putFile(params.path ?? '', body())
      case 'pulls/create':
        return this.createPull(body(), url)
      case 'issues/add-labels':
        return this.addLabels(Number(params.issue_number), body())
    }
  }

  private refBody(branch: string, sha: string): Record<string, unknown> {
    const api = `${this.host.url}/repos/${this.host.owner}/${this.host.repo}`
    return { ref: `refs/heads/${branch}`, node_id: `REF_${branch}`, url: `${api}/git/refs/heads/${branch}`, object: { type: 'commit', sha, url: `${api}/git/commits/${sha}` } }
  }

  private getRef(ref: string): GateAnswer {
    const branch = /^heads\/(.+)$/.exec(ref)?.[1]
    const sha = branch === undefined ? undefined : this.branches.get(branch)
    return branch === undefined || sha === undefined ? notFound() : { status: 200, body: this.refBody(branch, sha) }
  }

  private knownCommit(sha: string): boolean {
    return [...this.branches.values()].includes(sha)
  }

  private createRef(body: Record<string, unknown>): GateAnswer {
    const ref = String(body.ref)
    const sha = String(body.sha)
    const branch = /^refs\/heads\/(.+)$/.exec(ref)?.[1]
    if (branch === undefined) return unprocessable('Reference name must start with \'refs/\' and have at least two slashes.')
    if (this.branches.has(branch)) return unprocessable('Reference already exists')
    if (!this.knownCommit(sha)) return unprocessable('Object does not exist')
    const base = [...this.branches.entries()].find(([, s]) => s === sha)?.[0]
    this.branches.set(branch, sha)
    this.files.set(branch, new Map(base === undefined ? [] : this.files.get(base)))
    this.host.gate.setFiles(branch, Object.fromEntries(this.files.get(branch) ?? []))
    return { status: 201, body: this.refBody(branch, sha) }
  }

  private updateRef(ref: string, body: Record<string, unknown>): GateAnswer {
    const branch = /^heads\/(.+)$/.exec(ref)?.[1]
    const current = branch === undefined ? undefined : this.branches.get(branch)
    if (branch === undefined || current === undefined) return unprocessable('Reference does not exist')
    const sha = String(body.sha)
    if (!this.knownCommit(sha)) return unprocessable('Object does not exist')
    if (body.force !== true && current !== sha) return unprocessable('Update is not a fast forward')
    const base = [...this.branches.entries()].find(([b, s]) => s === sha && b !== branch)?.[0]
    this.branches.set(branch, sha)
    this.files.set(branch, new Map(base === undefined ? [] : this.files.get(base)))
    this.host.gate.setFiles(branch, Object.fromEntries(this.files.get(branch) ?? []))
    return { status: 200, body: this.refBody(branch, sha) }
  }

  private putFile(path: string, body: Record<string, unknown>): GateAnswer {
    const branch = typeof body.branch === 'string' ? body.branch : 'main'
    const head = this.branches.get(branch)
    if (head === undefined) return { status: 404, body: { message: `Branch ${branch} not found`, documentation_url: DOCS, status: '404' } }
    const files = this.files.get(branch) ?? new Map<string, string>()
    if (files.has(path) && typeof body.sha !== 'string') return unprocessable('Invalid request.\n\n"sha" wasn\'t supplied.')
    const content = String(body.content)
    if (!/^[A-Za-z0-9+/\s]*={0,2}$/.test(content)) return { status: 400, body: { message: 'content is not valid Base64', documentation_url: DOCS, status: '400' } }
    files.set(path, Buffer.from(content, 'base64').toString('utf8'))
    this.files.set(branch, files)
    // Readable through the contents API at the branch (the gate routes answer GET contents).
    this.host.gate.setFiles(branch, Object.fromEntries(files))
    const sha = (0xc0ffee0000 + ++this.commitCounter).toString(16).padStart(40, '0')
    this.branches.set(branch, sha)
    return { status: 201, body: { content: { name: path.split('/').pop(), path, sha: sha.replace(/^0/, 'b'), type: 'file' }, commit: { sha, message: String(body.message) } } }
  }

  private createPull(body: Record<string, unknown>, url: URL): GateAnswer {
    const head = String(body.head).replace(new RegExp(`^${this.host.owner}:`), '')
    const base = String(body.base)
    const headSha = this.branches.get(head)
    const baseSha = this.branches.get(base)
    if (headSha === undefined) return unprocessable('Validation Failed', [{ resource: 'PullRequest', field: 'head', code: 'invalid' }])
    if (baseSha === undefined) return unprocessable('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }])
    if (headSha === baseSha) return unprocessable('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` }])
    if ([...this.host.gate.pulls.values()].some((p) => (p.state ?? 'open') === 'open' && p.headRef === head && (p.baseRef ?? 'main') === base)) {
      return unprocessable('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${this.host.owner}:${head}.` }])
    }
    // Pull requests and issues share one number space.
    const issue = this.host.issueTracker.seed({ title: String(body.title), body: typeof body.body === 'string' ? body.body : '' })
    const pr: FakePullRequest = { number: issue.number, headSha, baseSha, headRef: head, baseRef: base, title: String(body.title), body: typeof body.body === 'string' ? body.body : '', labels: [] }
    this.host.gate.pulls.set(pr.number, pr)
    const answer = this.host.gate.dispatch('pulls/get', { owner: this.host.owner, repo: this.host.repo, pull_number: String(pr.number) }, url, '')
    return { ...answer, status: 201 }
  }

  private addLabels(number: number, body: Record<string, unknown>): GateAnswer {
    const issue = this.host.issueTracker.issues.find((i) => i.number === number)
    if (issue === undefined) return notFound()
    const labels = (Array.isArray(body.labels) ? body.labels : []).map((l) => (typeof l === 'string' ? l : String((l as { name?: unknown }).name)))
    for (const label of labels) if (!issue.labels.includes(label)) issue.labels.push(label)
    const pr = this.host.gate.pulls.get(number)
    if (pr !== undefined) pr.labels = [...issue.labels]
    return { status: 200, body: issue.labels.map((name, i) => ({ id: 7000 + i, node_id: `LA_${i}`, url: `${this.host.url}/repos/${this.host.owner}/${this.host.repo}/labels/${encodeURIComponent(name)}`, name, description: null, color: 'ededed', default: false })) }
  }
}
