// The Confluence channel: one page per period. Cloud: REST API v2 for pages and content properties, v1 for
// attachments and labels (v2 cannot write them). Data Center (CONFLUENCE_PAT): the v1 content API, the
// only one it has. The page is found by configured id, or by space key + title; a page this tool did not
// create (no `reliability-loop` content property) is never overwritten unless its id is configured. The
// content hash lives in that property: unchanged content makes no new version, changed content exactly one;
// a 409 (someone saved in between) is read again and retried once.

import type { ConfluenceSettings } from '../config/publish-types.js'
import { ChannelError, redact, type ChannelResult, type Sleep } from './channel.js'
import type { PublishContent } from './content.js'
import { bodySnippet, httpRequest } from './http.js'
import type { ConfluenceCredentials } from './run.js'

export const PROPERTY_KEY = 'reliability-loop'

export interface ConfluenceOptions {
  sleep?: Sleep
  timeoutMs?: number
}

interface PageState {
  id: string
  title: string
  version: number
  spaceId?: string
  url: string
}

interface Marker {
  /** Content-property id (Cloud) or undefined (Data Center, addressed by key). */
  id?: string
  version: number
  value: { hash?: string; period?: string }
}

type Json = Record<string, unknown>
const asJson = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {})

class Client {
  readonly host: string
  readonly cloud: boolean
  private readonly auth: string
  private readonly secrets: string[]

  constructor(
    readonly base: string,
    credentials: ConfluenceCredentials,
    private readonly options: ConfluenceOptions
  ) {
    let url: URL
    try {
      url = new URL(base)
    } catch {
      throw new ChannelError('CONFLUENCE_BASE_URL is not a URL', 'CONFLUENCE_BASE_URL, e.g. https://acme.atlassian.net')
    }
    this.host = url.host
    this.base = base.replace(/\/+$/, '').replace(/\/wiki$/, '')
    this.cloud = credentials.pat === undefined
    this.auth = this.cloud ? `Basic ${Buffer.from(`${credentials.email}:${credentials.apiToken}`).toString('base64')}` : `Bearer ${credentials.pat}`
    this.secrets = [credentials.apiToken, credentials.pat, this.auth].filter((s): s is string => s !== undefined)
  }

  /** Cloud: `<site>/wiki/api/v2`; v1 at `<site>/wiki/rest/api` (Cloud) or `<server>/rest/api` (Data Center). */
  v2(path: string): string {
    return `${this.base}/wiki/api/v2${path}`
  }

  v1(path: string): string {
    return `${this.base}${this.cloud ? '/wiki' : ''}/rest/api${path}`
  }

  async call(what: string, url: string, init: RequestInit & { expect?: number[] } = {}): Promise<{ status: number; json: Json }> {
    const headers = new Headers(init.headers)
    headers.set('authorization', this.auth)
    headers.set('accept', 'application/json')
    const response = await httpRequest(url, { ...init, headers }, { service: 'Confluence', host: this.host, ...(this.options.sleep && { sleep: this.options.sleep }), ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }) })
    if (response.ok || (init.expect ?? []).includes(response.status)) {
      const text = await response.text()
      let json: Json = {}
      if (text.trim() !== '') {
        try {
          json = asJson(JSON.parse(text))
        } catch {
          throw new ChannelError(`Confluence answered ${what} with a body that is not JSON`, `CONFLUENCE_BASE_URL (it should be the site, e.g. https://acme.atlassian.net, not a page URL)`)
        }
      }
      return { status: response.status, json }
    }
    const body = redact(await bodySnippet(response), this.secrets)
    const detail = `${what}: ${response.status}${body === '' ? '' : ` ${body}`}`
    if (response.status === 401) throw new ChannelError(`Confluence rejected the credentials (${detail})`, this.cloud ? 'CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN (an API token of that Atlassian account)' : 'CONFLUENCE_PAT (a personal access token that has not expired)')
    if (response.status === 403) throw new ChannelError(`Confluence refused (${detail})`, 'that the account may view and edit pages (and add attachments) in the space')
    throw Object.assign(new ChannelError(`Confluence failed (${detail})`, response.status >= 500 ? 'Confluence\'s status page, then run again' : 'the publish.confluence settings'), { status: response.status })
  }
}

const statusOf = (error: unknown): number | undefined => (error as { status?: number }).status

function pageState(json: Json, client: Client, fallbackTitle: string): PageState {
  const id = String(json.id ?? '')
  const version = Number(asJson(json.version).number ?? 0)
  const links = asJson(json._links)
  const webui = typeof links.webui === 'string' ? links.webui : undefined
  const base = typeof links.base === 'string' ? links.base : `${client.base}${client.cloud ? '/wiki' : ''}`
  const spaceId = json.spaceId !== undefined ? String(json.spaceId) : undefined
  return { id, title: typeof json.title === 'string' ? json.title : fallbackTitle, version, ...(spaceId !== undefined && { spaceId }), url: webui !== undefined ? `${base}${webui}` : `${base}/pages/viewpage.action?pageId=${id}` }
}

// --- Cloud (v2 pages and properties) --------------------------------------------------------------------

async function cloudPageById(client: Client, id: string): Promise<PageState> {
  try {
    return pageState((await client.call(`reading page ${id}`, client.v2(`/pages/${encodeURIComponent(id)}`))).json, client, '')
  } catch (error) {
    if (statusOf(error) === 404) throw new ChannelError(`Confluence page ${id} was not found`, 'publish.confluence.page-id and that the account may view that page')
    throw error
  }
}

async function cloudSpaceId(client: Client, key: string): Promise<string> {
  const { json } = await client.call(`looking up space ${key}`, client.v2(`/spaces?keys=${encodeURIComponent(key)}&limit=1`))
  const space = (Array.isArray(json.results) ? json.results : []).map(asJson).find((s) => s.key === key)
  if (space === undefined) throw new ChannelError(`Confluence space ${key} was not found`, 'publish.confluence.space (the space key, e.g. REL) and that the account may view the space')
  return String(space.id)
}

async function cloudPageByTitle(client: Client, spaceId: string, title: string): Promise<PageState | undefined> {
  const { json } = await client.call(`looking up page "${title}"`, client.v2(`/pages?space-id=${encodeURIComponent(spaceId)}&title=${encodeURIComponent(title)}&status=current&limit=5`))
  const page = (Array.isArray(json.results) ? json.results : []).map(asJson).find((p) => p.title === title)
  return page === undefined ? undefined : pageState(page, client, title)
}

async function cloudMarker(client: Client, pageId: string): Promise<Marker | undefined> {
  const { json } = await client.call('reading the page\'s reliability-loop property', client.v2(`/pages/${pageId}/properties?key=${PROPERTY_KEY}`))
  const property = (Array.isArray(json.results) ? json.results : []).map(asJson).find((p) => p.key === PROPERTY_KEY)
  if (property === undefined) return undefined
  return { id: String(property.id), version: Number(asJson(property.version).number ?? 1), value: asJson(property.value) as Marker['value'] }
}

async function cloudWriteMarker(client: Client, pageId: string, marker: Marker | undefined, value: Marker['value']): Promise<void> {
  if (marker?.id === undefined) {
    await client.call('saving the content hash', client.v2(`/pages/${pageId}/properties`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: PROPERTY_KEY, value }) })
    return
  }
  await client.call('saving the content hash', client.v2(`/pages/${pageId}/properties/${marker.id}`), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: PROPERTY_KEY, value, version: { number: marker.version + 1, message: 'reliability-loop' } }) })
}

async function cloudCreate(client: Client, spaceId: string, settings: ConfluenceSettings, title: string, body: string): Promise<PageState> {
  try {
    const { json } = await client.call(`creating page "${title}"`, client.v2('/pages'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ spaceId, status: 'current', title, ...(settings.parentId !== undefined && { parentId: settings.parentId }), body: { representation: 'storage', value: body } })
    })
    return pageState(json, client, title)
  } catch (error) {
    if (statusOf(error) === 404) throw new ChannelError(`Confluence could not create "${title}": the parent page ${settings.parentId ?? '(space home)'} was not found`, 'publish.confluence.parent-id (a page in the same space)')
    throw error
  }
}

async function cloudUpdate(client: Client, page: PageState, body: string, hash: string): Promise<PageState> {
  const put = (current: PageState) =>
    client.call(`updating page ${current.id}`, client.v2(`/pages/${current.id}`), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: current.id, status: 'current', title: current.title, body: { representation: 'storage', value: body }, version: { number: current.version + 1, message: `reliability-loop ${hash.slice(0, 12)}` } })
    })
  try {
    return pageState((await put(page)).json, client, page.title)
  } catch (error) {
    if (statusOf(error) !== 409) throw error
    // Someone saved in between: read the page's new version and try once more.
    const again = await cloudPageById(client, page.id)
    try {
      return pageState((await put(again)).json, client, page.title)
    } catch (retryError) {
      if (statusOf(retryError) === 409) throw new ChannelError(`page ${page.id} changed twice while it was being updated (409 Conflict)`, 'that nobody is editing the page, then run again')
      throw retryError
    }
  }
}

// --- v1 (attachments and labels on Cloud; everything on Data Center) ----------------------------------

async function uploadCharts(client: Client, pageId: string, content: PublishContent): Promise<void> {
  for (const chart of content.charts) {
    const form = new FormData()
    form.append('file', new Blob([Buffer.from(chart.png)], { type: 'image/png' }), chart.fileName)
    form.append('minorEdit', 'true')
    form.append('comment', `reliability-loop ${content.period.label}`)
    await client.call(`uploading ${chart.fileName}`, client.v1(`/content/${pageId}/child/attachment`), { method: 'PUT', headers: { 'X-Atlassian-Token': 'no-check' }, body: form })
  }
}

async function addLabels(client: Client, pageId: string, labels: readonly string[]): Promise<void> {
  if (labels.length === 0) return
  await client.call('adding labels', client.v1(`/content/${pageId}/label`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(labels.map((name) => ({ prefix: 'global', name }))) })
}

async function dcPage(client: Client, query: string, what: string): Promise<{ page?: PageState; marker?: Marker; json?: Json }> {
  const { json } = await client.call(what, client.v1(`/content${query}`))
  const found = Array.isArray(json.results) ? asJson(json.results[0]) : json
  if (found.id === undefined) return {}
  const page = pageState(found, client, '')
  let marker: Marker | undefined
  const prop = await client.call('reading the page\'s reliability-loop property', client.v1(`/content/${page.id}/property/${PROPERTY_KEY}`), { expect: [404] })
  if (prop.status !== 404) marker = { version: Number(asJson(prop.json.version).number ?? 1), value: asJson(prop.json.value) as Marker['value'] }
  return { page, ...(marker !== undefined && { marker }) }
}

async function dcWriteMarker(client: Client, pageId: string, marker: Marker | undefined, value: Marker['value']): Promise<void> {
  const url = client.v1(`/content/${pageId}/property${marker === undefined ? '' : `/${PROPERTY_KEY}`}`)
  await client.call('saving the content hash', url, { method: marker === undefined ? 'POST' : 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: PROPERTY_KEY, value, ...(marker !== undefined && { version: { number: marker.version + 1 } }) }) })
}

// --- the page of a period ---------------------------------------------------------------------------------

export async function publishConfluence(content: PublishContent, settings: ConfluenceSettings, credentials: ConfluenceCredentials & { baseUrl: string }, options: ConfluenceOptions = {}): Promise<ChannelResult> {
  const client = new Client(credentials.baseUrl, credentials, options)
  const title = settings.title.replace(/\{period\}/g, content.period.label)
  const value = { hash: content.hash, period: content.period.label }
  let page: PageState | undefined
  let marker: Marker | undefined
  let spaceId: string | undefined

  if (client.cloud) {
    if (settings.pageId !== undefined) page = await cloudPageById(client, settings.pageId)
    else {
      spaceId = await cloudSpaceId(client, settings.space as string)
      page = await cloudPageByTitle(client, spaceId, title)
    }
    if (page !== undefined) marker = await cloudMarker(client, page.id)
  } else {
    const found = settings.pageId !== undefined ? await dcPage(client, `/${settings.pageId}?expand=version`, `reading page ${settings.pageId}`).catch((error: unknown) => {
      if (statusOf(error) === 404) throw new ChannelError(`Confluence page ${settings.pageId} was not found`, 'publish.confluence.page-id and that the account may view that page')
      throw error
    }) : await dcPage(client, `?spaceKey=${encodeURIComponent(settings.space as string)}&title=${encodeURIComponent(title)}&expand=version`, `looking up page "${title}"`)
    if (settings.pageId !== undefined && found.page === undefined) throw new ChannelError(`Confluence page ${settings.pageId} was not found`, 'publish.confluence.page-id')
    page = found.page
    marker = found.marker
  }

  if (page !== undefined && marker === undefined && settings.pageId === undefined) {
    throw new ChannelError(`a page titled "${title}" already exists (id ${page.id}) and was not created by reliability-loop, so it is not overwritten`, `publish.confluence.page-id: "${page.id}" to let reliability-loop update that page, or another publish.confluence.title`)
  }
  if (page !== undefined && marker?.value.hash === content.hash) {
    return { channel: 'confluence', outcome: 'unchanged', detail: `page ${page.id} already has this content (version ${page.version}); no new version`, id: page.id, version: page.version, url: page.url }
  }

  let outcome: 'created' | 'updated'
  if (page === undefined) {
    page = client.cloud ? await cloudCreate(client, spaceId as string, settings, title, content.storage) : await dcCreate(client, settings, title, content.storage)
    outcome = 'created'
    await uploadCharts(client, page.id, content)
  } else {
    await uploadCharts(client, page.id, content)
    page = client.cloud ? await cloudUpdate(client, page, content.storage, content.hash) : await dcUpdate(client, page, content.storage, content.hash)
    outcome = 'updated'
  }
  await addLabels(client, page.id, settings.labels)
  if (client.cloud) await cloudWriteMarker(client, page.id, marker, value)
  else await dcWriteMarker(client, page.id, marker, value)
  return { channel: 'confluence', outcome, detail: `${outcome} page ${page.id} "${title}" (version ${page.version}) with ${content.charts.length} charts: ${page.url}`, id: page.id, version: page.version, url: page.url }
}

async function dcCreate(client: Client, settings: ConfluenceSettings, title: string, body: string): Promise<PageState> {
  const { json } = await client.call(`creating page "${title}"`, client.v1('/content'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'page', title, space: { key: settings.space }, ...(settings.parentId !== undefined && { ancestors: [{ id: settings.parentId }] }), body: { storage: { value: body, representation: 'storage' } } })
  })
  return pageState(json, client, title)
}

async function dcUpdate(client: Client, page: PageState, body: string, hash: string): Promise<PageState> {
  const put = (current: PageState) =>
    client.call(`updating page ${current.id}`, client.v1(`/content/${current.id}`), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: current.id, type: 'page', title: current.title, body: { storage: { value: body, representation: 'storage' } }, version: { number: current.version + 1, message: `reliability-loop ${hash.slice(0, 12)}` } })
    })
  try {
    return pageState((await put(page)).json, client, page.title)
  } catch (error) {
    if (statusOf(error) !== 409) throw error
    const again = (await dcPage(client, `/${page.id}?expand=version`, `reading page ${page.id}`)).page ?? page
    return pageState((await put(again)).json, client, page.title)
  }
}
