// A fake Confluence on 127.0.0.1 for tests: Cloud's REST API v2 (pages, content properties, spaces) with
// basic auth (email + API token), plus the two v1 calls v2 cannot do (attachments, labels).
//
// v2 requests are validated against Confluence's OpenAPI description: `__tests__/contracts/
// confluence-cloud-v2.json` when the repository has it, else `../shared/contracts/confluence-cloud-v2.trimmed.json`
// (request bodies against their schemas, query parameters against theirs, unknown query parameters refused;
// the description's `oneOf` of two property-optional body shapes is read as `anyOf`, as Confluence does).
// The v1 calls are checked by hand against Atlassian's documented shape: the attachment PUT needs
// `X-Atlassian-Token: no-check` and a multipart `file` part; labels are an array of {prefix, name}.
// Beyond the schema, what Confluence refuses is refused: a version number that is not current + 1 (409), a
// duplicate title in a space (400), a parent page that does not exist (404). Faults can be queued per
// operation (409 after a concurrent edit, 429 with Retry-After, 5xx).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe } from '@jest/globals'
import { Ajv, type ValidateFunction } from 'ajv'

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const CONTRACT_CANDIDATES = [resolve(REPO, '__tests__', 'contracts', 'confluence-cloud-v2.json'), resolve(REPO, '..', 'shared', 'contracts', 'confluence-cloud-v2.trimmed.json')]
export const CONFLUENCE_CONTRACT_PATH = CONTRACT_CANDIDATES.find((p) => existsSync(p))

export function describeWithConfluenceContract(name: string, fn: () => void): void {
  if (CONFLUENCE_CONTRACT_PATH !== undefined) describe(name, fn)
  else {
    console.warn(`Skipping "${name}": neither ${CONTRACT_CANDIDATES.join(' nor ')} exists (Confluence's OpenAPI description the fake server validates against).`)
    describe.skip(name, fn)
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

export type ConfluenceOperation = 'getSpaces' | 'getPages' | 'getPageById' | 'createPage' | 'updatePage' | 'getPageContentProperties' | 'createPageProperty' | 'updatePagePropertyById' | 'uploadAttachment' | 'addLabels'

const V2: Array<{ op: ConfluenceOperation; method: string; template: string; pattern: RegExp }> = [
  { op: 'getSpaces', method: 'GET', template: '/spaces', pattern: /^\/spaces$/ },
  { op: 'getPages', method: 'GET', template: '/pages', pattern: /^\/pages$/ },
  { op: 'createPage', method: 'POST', template: '/pages', pattern: /^\/pages$/ },
  { op: 'getPageById', method: 'GET', template: '/pages/{id}', pattern: /^\/pages\/([^/]+)$/ },
  { op: 'updatePage', method: 'PUT', template: '/pages/{id}', pattern: /^\/pages\/([^/]+)$/ },
  { op: 'getPageContentProperties', method: 'GET', template: '/pages/{page-id}/properties', pattern: /^\/pages\/([^/]+)\/properties$/ },
  { op: 'createPageProperty', method: 'POST', template: '/pages/{page-id}/properties', pattern: /^\/pages\/([^/]+)\/properties$/ },
  { op: 'updatePagePropertyById', method: 'PUT', template: '/pages/{page-id}/properties/{property-id}', pattern: /^\/pages\/([^/]+)\/properties\/([^/]+)$/ }
]

function oneOfAsAnyOf(node: Json): Json {
  if (Array.isArray(node)) return node.map(oneOfAsAnyOf)
  if (node === null || typeof node !== 'object') return node
  const out: { [key: string]: Json } = {}
  for (const [key, value] of Object.entries(node)) out[key === 'oneOf' ? 'anyOf' : key] = oneOfAsAnyOf(value)
  return out
}

interface Validators {
  body?: ValidateFunction
  query: Map<string, ValidateFunction>
  pathParams: string[]
}

let validators: Map<ConfluenceOperation, Validators> | undefined

function contractValidators(): Map<ConfluenceOperation, Validators> {
  if (validators) return validators
  const contract = oneOfAsAnyOf(JSON.parse(readFileSync(CONFLUENCE_CONTRACT_PATH as string, 'utf8')) as Json) as {
    paths: Record<string, Record<string, { operationId?: string; parameters?: Array<{ name: string; in: string; schema?: Json }>; requestBody?: { content?: Record<string, { schema: Json }>; $ref?: string } }>>
    components: { requestBodies: Record<string, { content: Record<string, { schema: Json }> }> } & Record<string, Json>
  }
  const ajv = new Ajv({ strict: false, allErrors: true })
  const queryAjv = new Ajv({ strict: false, coerceTypes: 'array' })
  for (const a of [ajv, queryAjv]) {
    for (const f of ['int64', 'int32', 'date-time', 'string']) a.addFormat(f, () => true)
    a.addFormat('uri', (v: string) => URL.canParse(v))
  }
  validators = new Map()
  for (const { op, method, template } of V2) {
    const operation = contract.paths[template]?.[method.toLowerCase()]
    if (operation === undefined) throw new Error(`the Confluence contract has no ${method} ${template}`)
    const bodyRef = operation.requestBody?.$ref
    const body = bodyRef !== undefined ? contract.components.requestBodies[bodyRef.split('/').pop() as string] : operation.requestBody
    const schema = body?.content?.['application/json']?.schema
    const entry: Validators = { query: new Map(), pathParams: [] }
    if (schema && typeof schema === 'object' && !Array.isArray(schema)) entry.body = ajv.compile({ ...schema, components: contract.components as unknown as Json })
    for (const p of operation.parameters ?? []) {
      if (p.in === 'query' && p.schema) entry.query.set(p.name, queryAjv.compile({ ...(p.schema as object), components: contract.components } as object))
      if (p.in === 'path') entry.pathParams.push(p.name)
    }
    validators.set(op, entry)
  }
  return validators
}

export interface FakePage {
  id: string
  spaceId: string
  title: string
  parentId?: string
  body: string
  version: number
  versionMessage?: string
  labels: Set<string>
  attachments: Map<string, { versions: number; bytes: Buffer; mediaType: string }>
  properties: Map<string, { id: string; key: string; value: Json; version: number }>
}

export interface Fault {
  status: number
  retryAfter?: string
  body?: string
  /** Runs before the answer: e.g. someone else saving the page, for a 409. */
  effect?: () => void
}

export class FakeConfluence {
  readonly email = 'bot@example.com'
  readonly token = 'atl-token-SECRET-123'
  readonly pat = 'dc-pat-SECRET-456'
  /** `dc`: Confluence Data Center: Bearer PAT, only the v1 content API, at the server root (no /wiki). */
  constructor(readonly flavour: 'cloud' | 'dc' = 'cloud') {
    this.addPage({ id: '123456', spaceId: '9001', title: 'Reliability reviews', body: '<p>Index</p>' })
  }

  readonly spaces = [{ id: '9001', key: 'REL', name: 'Reliability' }]
  readonly pages = new Map<string, FakePage>()
  readonly requests: Array<{ method: string; path: string; op?: ConfluenceOperation }> = []
  /** Contract or shape violations seen: a test fails when this is not empty. */
  readonly violations: string[] = []
  private readonly faults = new Map<ConfluenceOperation, Fault[]>()
  private nextId = 100_000
  private server?: Server

  addPage(page: Pick<FakePage, 'id' | 'spaceId' | 'title' | 'body'> & { parentId?: string }): FakePage {
    const full: FakePage = { ...page, version: 1, labels: new Set(), attachments: new Map(), properties: new Map() }
    this.pages.set(page.id, full)
    return full
  }

  fail(op: ConfluenceOperation, ...faults: Fault[]): void {
    this.faults.set(op, [...(this.faults.get(op) ?? []), ...faults])
  }

  count(op: ConfluenceOperation): number {
    return this.requests.filter((r) => r.op === op).length
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res).catch((error: unknown) => this.send(res, 500, { message: String(error) })))
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()))
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
  }

  private pageJson(p: FakePage): Record<string, unknown> {
    return { id: p.id, status: 'current', title: p.title, spaceId: p.spaceId, parentId: p.parentId ?? null, version: { number: p.version, message: p.versionMessage ?? '' }, body: { storage: { representation: 'storage', value: p.body } }, _links: { webui: `/spaces/REL/pages/${p.id}`, base: `http://confluence.test/wiki` } }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const raw = Buffer.concat(chunks)
    const method = req.method ?? 'GET'
    const expected = this.flavour === 'dc' ? `Bearer ${this.pat}` : `Basic ${Buffer.from(`${this.email}:${this.token}`).toString('base64')}`
    if (req.headers.authorization !== expected) {
      this.requests.push({ method, path: url.pathname })
      return this.send(res, 401, { message: 'Unauthorized; scope does not match' })
    }
    if (this.flavour === 'dc') {
      if (url.pathname.startsWith('/rest/api/')) return this.dc(method, new URL(`/wiki${url.pathname}${url.search}`, 'http://localhost'), raw, req, res)
    } else {
      if (url.pathname.startsWith('/wiki/api/v2/')) return this.v2(method, url, raw, res)
      if (url.pathname.startsWith('/wiki/rest/api/')) return this.v1(method, url, raw, req, res)
    }
    this.requests.push({ method, path: url.pathname })
    this.violations.push(`${method} ${url.pathname}: no such endpoint`)
    this.send(res, 404, { message: 'Not Found' })
  }

  private injected(op: ConfluenceOperation, res: ServerResponse): boolean {
    const fault = this.faults.get(op)?.shift()
    if (fault === undefined) return false
    fault.effect?.()
    this.send(res, fault.status, { message: fault.body ?? `injected ${fault.status}` }, fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {})
    return true
  }

  private v2(method: string, url: URL, raw: Buffer, res: ServerResponse): void {
    const path = url.pathname.slice('/wiki/api/v2'.length)
    const route = V2.find((r) => r.method === method && r.pattern.test(path))
    this.requests.push({ method, path: url.pathname, ...(route && { op: route.op }) })
    if (route === undefined) {
      this.violations.push(`${method} ${url.pathname}: not an operation of the contract`)
      return this.send(res, 404, { message: 'Not Found' })
    }
    const v = contractValidators().get(route.op) as Validators
    const params = (route.pattern.exec(path) ?? []).slice(1)
    for (const p of params) if (!/^\d+$/.test(decodeURIComponent(p))) this.violations.push(`${route.op}: path parameter ${p} is not an integer id`)
    for (const key of new Set(url.searchParams.keys())) {
      const check = v.query.get(key)
      if (check === undefined) this.violations.push(`${route.op}: unknown query parameter ${key}`)
      else {
        const values: string[] = url.searchParams.getAll(key)
        const shown = values.join(',')
        const ok = (value: unknown): boolean => check(value) === true
        if (!ok(values.length === 1 ? values[0] : values) && !ok(values)) this.violations.push(`${route.op}: query ${key}=${shown}: ${JSON.stringify(check.errors)}`)
      }
    }
    let body: Record<string, unknown> = {}
    if (v.body !== undefined) {
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>
      } catch {
        this.violations.push(`${route.op}: body is not JSON`)
        return this.send(res, 400, { message: 'body is not JSON' })
      }
      if (!v.body(body)) {
        this.violations.push(`${route.op}: body does not match the contract: ${JSON.stringify(v.body.errors)}`)
        return this.send(res, 400, { message: 'invalid body' })
      }
    }
    if (this.injected(route.op, res)) return
    const page = params[0] === undefined ? undefined : this.pages.get(params[0])
    switch (route.op) {
      case 'getSpaces': {
        const keys = url.searchParams.getAll('keys').flatMap((k) => k.split(','))
        return this.send(res, 200, { results: this.spaces.filter((s) => keys.length === 0 || keys.includes(s.key)), _links: {} })
      }
      case 'getPages': {
        const spaceIds = url.searchParams.getAll('space-id').flatMap((k) => k.split(','))
        const title = url.searchParams.get('title')
        const found = [...this.pages.values()].filter((p) => (spaceIds.length === 0 || spaceIds.includes(p.spaceId)) && (title === null || p.title === title))
        return this.send(res, 200, { results: found.map((p) => this.pageJson(p)), _links: {} })
      }
      case 'getPageById':
        return page === undefined ? this.send(res, 404, { message: 'page not found' }) : this.send(res, 200, this.pageJson(page))
      case 'createPage': {
        const spaceId = String(body.spaceId)
        if (!this.spaces.some((s) => s.id === spaceId)) return this.send(res, 404, { message: 'space not found' })
        const title = String(body.title ?? '')
        if (title === '') return this.send(res, 400, { message: 'title required for a current page' })
        if ([...this.pages.values()].some((p) => p.spaceId === spaceId && p.title === title)) return this.send(res, 400, { message: 'A page with this title already exists' })
        const parentId = body.parentId === undefined ? undefined : String(body.parentId)
        if (parentId !== undefined && this.pages.get(parentId)?.spaceId !== spaceId) return this.send(res, 404, { message: 'parent page not found' })
        const value = (body.body as { value?: string; representation?: string } | undefined) ?? {}
        if (value.representation !== 'storage') this.violations.push('createPage: body is not in storage representation')
        const created = this.addPage({ id: String(this.nextId++), spaceId, title, body: String(value.value ?? ''), ...(parentId !== undefined && { parentId }) })
        return this.send(res, 200, this.pageJson(created))
      }
      case 'updatePage': {
        if (page === undefined) return this.send(res, 404, { message: 'page not found' })
        const version = body.version as { number?: number; message?: string }
        if (version.number !== page.version + 1) return this.send(res, 409, { message: `Version must be incremented on update. Current version is: ${page.version}` })
        const value = body.body as { value?: string; representation?: string }
        if (value.representation !== 'storage') this.violations.push('updatePage: body is not in storage representation')
        page.body = String(value.value ?? '')
        page.title = String(body.title)
        page.version = version.number
        if (version.message !== undefined) page.versionMessage = version.message
        return this.send(res, 200, this.pageJson(page))
      }
      case 'getPageContentProperties': {
        if (page === undefined) return this.send(res, 404, { message: 'page not found' })
        const key = url.searchParams.get('key')
        return this.send(res, 200, { results: [...page.properties.values()].filter((p) => key === null || p.key === key).map((p) => ({ id: p.id, key: p.key, value: p.value, version: { number: p.version } })), _links: {} })
      }
      case 'createPageProperty': {
        if (page === undefined) return this.send(res, 404, { message: 'page not found' })
        const key = String(body.key)
        if (page.properties.has(key)) return this.send(res, 409, { message: 'property key already exists' })
        const prop = { id: String(this.nextId++), key, value: body.value as Json, version: 1 }
        page.properties.set(key, prop)
        return this.send(res, 200, { id: prop.id, key, value: prop.value, version: { number: 1 } })
      }
      case 'updatePagePropertyById': {
        const prop = page === undefined ? undefined : [...page.properties.values()].find((p) => p.id === params[1])
        if (prop === undefined) return this.send(res, 404, { message: 'property not found' })
        const version = body.version as { number?: number } | undefined
        if (version?.number !== prop.version + 1) return this.send(res, 409, { message: 'property version must be incremented' })
        prop.value = body.value as Json
        prop.version = version.number
        return this.send(res, 200, { id: prop.id, key: prop.key, value: prop.value, version: { number: prop.version } })
      }
    }
  }

  private dcPageJson(p: FakePage): Record<string, unknown> {
    return { id: p.id, type: 'page', status: 'current', title: p.title, space: { key: this.spaces.find((x) => x.id === p.spaceId)?.key }, version: { number: p.version, message: p.versionMessage ?? '' }, _links: { webui: `/pages/viewpage.action?pageId=${p.id}`, base: 'http://dc.test' } }
  }

  /** Data Center's v1 content API (`url` carries a /wiki prefix so the shared v1 calls match). */
  private async dc(method: string, url: URL, raw: Buffer, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = url.pathname.slice('/wiki/rest/api'.length)
    const body = (): Record<string, unknown> => JSON.parse(raw.toString('utf8')) as Record<string, unknown>
    let m: RegExpExecArray | null
    if (method === 'GET' && path === '/content') {
      this.requests.push({ method, path: url.pathname })
      const space = this.spaces.find((s) => s.key === url.searchParams.get('spaceKey'))
      const found = [...this.pages.values()].filter((p) => p.spaceId === space?.id && p.title === url.searchParams.get('title'))
      return this.send(res, 200, { results: found.map((p) => this.dcPageJson(p)), size: found.length })
    }
    if (method === 'POST' && path === '/content') {
      this.requests.push({ method, path: url.pathname, op: 'createPage' })
      const b = body() as { type?: string; title?: string; space?: { key?: string }; ancestors?: Array<{ id: string }>; body?: { storage?: { value?: string; representation?: string } } }
      const space = this.spaces.find((s) => s.key === b.space?.key)
      if (b.type !== 'page' || b.body?.storage?.representation !== 'storage') this.violations.push(`dc createPage: not a page in storage format: ${raw.toString('utf8').slice(0, 200)}`)
      if (space === undefined) return this.send(res, 404, { message: 'space not found' })
      const parentId = b.ancestors?.[0]?.id
      const created = this.addPage({ id: String(this.nextId++), spaceId: space.id, title: String(b.title), body: String(b.body?.storage?.value ?? ''), ...(parentId !== undefined && { parentId }) })
      return this.send(res, 200, this.dcPageJson(created))
    }
    if ((m = /^\/content\/(\d+)$/.exec(path)) !== null && (method === 'GET' || method === 'PUT')) {
      this.requests.push({ method, path: url.pathname, ...(method === 'PUT' && { op: 'updatePage' as const }) })
      const page = this.pages.get(m[1] as string)
      if (page === undefined) return this.send(res, 404, { message: 'No content found' })
      if (method === 'GET') return this.send(res, 200, this.dcPageJson(page))
      const b = body() as { type?: string; title?: string; version?: { number?: number; message?: string }; body?: { storage?: { value?: string; representation?: string } } }
      if (b.type !== 'page' || b.body?.storage?.representation !== 'storage') this.violations.push('dc updatePage: not a page in storage format')
      if (b.version?.number !== page.version + 1) return this.send(res, 409, { message: 'Version must be incremented on update.' })
      page.body = String(b.body?.storage?.value ?? '')
      page.title = String(b.title)
      page.version = b.version.number
      if (b.version.message !== undefined) page.versionMessage = b.version.message
      return this.send(res, 200, this.dcPageJson(page))
    }
    if ((m = /^\/content\/(\d+)\/property(?:\/([^/]+))?$/.exec(path)) !== null) {
      this.requests.push({ method, path: url.pathname })
      const page = this.pages.get(m[1] as string)
      if (page === undefined) return this.send(res, 404, { message: 'No content found' })
      const key = m[2]
      const prop = key === undefined ? undefined : page.properties.get(key)
      if (method === 'GET' && key !== undefined) return prop === undefined ? this.send(res, 404, { message: 'property not found' }) : this.send(res, 200, { key: prop.key, value: prop.value, version: { number: prop.version } })
      const b = body() as { key?: string; value?: Json; version?: { number?: number } }
      if (method === 'POST' && key === undefined) {
        const created = { id: String(this.nextId++), key: String(b.key), value: b.value ?? null, version: 1 }
        page.properties.set(created.key, created)
        return this.send(res, 200, { key: created.key, value: created.value, version: { number: 1 } })
      }
      if (method === 'PUT' && prop !== undefined) {
        if (b.version?.number !== prop.version + 1) return this.send(res, 409, { message: 'property version must be incremented' })
        prop.value = b.value ?? null
        prop.version = b.version.number
        return this.send(res, 200, { key: prop.key, value: prop.value, version: { number: prop.version } })
      }
      return this.send(res, 404, { message: 'property not found' })
    }
    return this.v1(method, url, raw, req, res)
  }

  private async v1(method: string, url: URL, raw: Buffer, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const attachment = /^\/wiki\/rest\/api\/content\/(\d+)\/child\/attachment$/.exec(url.pathname)
    const label = /^\/wiki\/rest\/api\/content\/(\d+)\/label$/.exec(url.pathname)
    if (attachment && method === 'PUT') {
      this.requests.push({ method, path: url.pathname, op: 'uploadAttachment' })
      if (req.headers['x-atlassian-token'] !== 'no-check') {
        this.violations.push('uploadAttachment: without X-Atlassian-Token: no-check')
        return this.send(res, 403, { message: 'XSRF check failed' })
      }
      if (this.injected('uploadAttachment', res)) return
      const page = this.pages.get(attachment[1] as string)
      if (page === undefined) return this.send(res, 404, { message: 'content not found' })
      const form = await new Request('http://x/', { method: 'PUT', headers: { 'content-type': String(req.headers['content-type']) }, body: raw }).formData().catch(() => undefined)
      const file = form?.get('file')
      if (!(file instanceof Blob) || !('name' in file)) {
        this.violations.push('uploadAttachment: no multipart `file` part')
        return this.send(res, 400, { message: 'no file' })
      }
      const name = String((file as File).name)
      const existing = page.attachments.get(name)
      page.attachments.set(name, { versions: (existing?.versions ?? 0) + 1, bytes: Buffer.from(await file.arrayBuffer()), mediaType: file.type })
      return this.send(res, 200, { results: [{ id: `att${this.nextId++}`, type: 'attachment', title: name }], size: 1 })
    }
    if (label && method === 'POST') {
      this.requests.push({ method, path: url.pathname, op: 'addLabels' })
      if (this.injected('addLabels', res)) return
      const page = this.pages.get(label[1] as string)
      if (page === undefined) return this.send(res, 404, { message: 'content not found' })
      const labels = JSON.parse(raw.toString('utf8')) as unknown
      if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'object' && l !== null && (l as { prefix?: unknown }).prefix === 'global' && typeof (l as { name?: unknown }).name === 'string' && !/\s/.test((l as { name: string }).name))) {
        this.violations.push(`addLabels: not an array of {prefix: global, name}: ${raw.toString('utf8')}`)
        return this.send(res, 400, { message: 'invalid labels' })
      }
      for (const l of labels as Array<{ name: string }>) page.labels.add(l.name)
      return this.send(res, 200, { results: [...page.labels].map((name) => ({ prefix: 'global', name })), size: page.labels.size })
    }
    this.requests.push({ method, path: url.pathname })
    this.violations.push(`${method} ${url.pathname}: not a v1 call this tool should make`)
    this.send(res, 404, { message: 'Not Found' })
  }
}
