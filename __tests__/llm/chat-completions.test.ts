// The chat-completions client against the local OpenAI-compatible server: what it sends, and what it
// does with 429 (Retry-After), 5xx, resets, timeouts and final errors. Waits are recorded, not slept.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { buildRequest } from '../../src/audit/llm-scorer.js'
import { defaultAuditDimensions } from '../../src/config/audit.js'
import { chatCompletionsUrl, createChatClient, retryAfterMs, type ChatClientOptions } from '../../src/llm/chat-completions.js'
import { FakeOpenAI } from '../helpers/openai-server.js'

const KEY = 'sk-test-chat-client-key'
const MODEL = 'audit-judge-1'
const request = buildRequest(defaultAuditDimensions(), { path: 'logs/m.ndjson', text: '[line 1] user: hi\n', events: 1, omitted: 0 }, MODEL, 'json_schema')

let fake: FakeOpenAI
let waits: number[]

beforeAll(async () => {
  fake = await FakeOpenAI.start({ apiKey: KEY, model: MODEL })
})
afterAll(async () => fake.close())
beforeEach(() => {
  fake.reset()
  waits = []
})

const client = (options: Partial<ChatClientOptions> = {}) =>
  createChatClient({ baseUrl: fake.url, apiKey: KEY, retries: 3, random: () => 0.5, sleep: async (ms) => void waits.push(ms), ...options })

describe('createChatClient', () => {
  it('posts the request with the key as a bearer token and returns the content', async () => {
    const outcome = await client()(request)
    expect(outcome).toEqual({ ok: true, content: expect.stringContaining('"policy_adherence"'), finishReason: 'stop' })
    const [sent] = fake.requests
    expect(sent?.rejected).toBe('')
    expect(sent?.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(sent?.headers['user-agent']).toMatch(/^reliability-loop\//)
    expect(sent?.body).toEqual(JSON.parse(JSON.stringify(request)))
  })

  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    fake.reply({ status: 429, retryAfter: '2' }, { status: 429, retryAfter: '0.5' })
    const outcome = await client()(request)
    expect(outcome.ok).toBe(true)
    expect(waits).toEqual([2000, 500])
    expect(fake.requests).toHaveLength(3)
  })

  it('backs off exponentially after 5xx and resets, then gives up after its retries', async () => {
    fake.reply({ status: 500 }, { reset: true }, { status: 503 }, { status: 502 })
    const outcome = await client({ baseDelayMs: 100 })(request)
    expect(outcome).toEqual({ ok: false, status: 502, message: 'The server had an error while processing your request.' })
    expect(fake.requests).toHaveLength(4)
    expect(waits).toEqual([100, 200, 400])
  })

  it('does not retry a final error, and reports the server’s message', async () => {
    const outcome = await client({ apiKey: 'sk-wrong' })(request)
    expect(outcome).toEqual({ ok: false, status: 401, message: 'Incorrect API key provided.' })
    expect(fake.requests).toHaveLength(1)
    expect(waits).toEqual([])
    const unknown = await client()({ ...request, model: 'nope' })
    expect(unknown).toMatchObject({ ok: false, status: 404 })
  })

  it('gives up at once when Retry-After is longer than it waits', async () => {
    fake.reply({ status: 429, retryAfter: '3600' })
    const outcome = await client({ maxRetryAfterMs: 60_000 })(request)
    expect(outcome).toMatchObject({ ok: false, status: 429, message: expect.stringContaining('asks to wait 3600 s') })
    expect(fake.requests).toHaveLength(1)
  })

  it('never sends the key anywhere but the Authorization header', async () => {
    await client()(request)
    const sent = JSON.stringify(fake.requests[0]?.body)
    expect(sent).not.toContain(KEY)
  })

  it('reports the refusal and the finish reason of a reply', async () => {
    fake.reply({ content: null, refusal: 'I cannot help with that.' }, { content: '{"a":', finishReason: 'length' })
    expect(await client()(request)).toEqual({ ok: true, content: null, finishReason: 'stop', refusal: 'I cannot help with that.' })
    expect(await client()(request)).toEqual({ ok: true, content: '{"a":', finishReason: 'length' })
  })
})

describe('timeouts and broken servers', () => {
  let server: Server
  let url: string
  let mode: 'hang' | 'html' | 'no-choices' = 'hang'
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume()
      if (mode === 'hang') return
      if (mode === 'html') {
        res.writeHead(200, { 'content-type': 'text/html' })
        res.end('<html>proxy login</html>')
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"object":"chat.completion","choices":[]}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('retries a request that gets no answer within the timeout', async () => {
    mode = 'hang'
    const outcome = await createChatClient({ baseUrl: url, timeoutMs: 50, retries: 1, sleep: async (ms) => void waits.push(ms), random: () => 0.5 })(request)
    expect(outcome).toEqual({ ok: false, message: `no answer from ${new URL(url).host} within 0 s` })
    expect(waits).toHaveLength(1)
  })

  it('reports a reply that is not JSON, or has no choices, without retrying', async () => {
    mode = 'html'
    expect(await createChatClient({ baseUrl: url, sleep: async () => {} })(request)).toMatchObject({ ok: false, status: 200, message: expect.stringMatching(/^the reply is not JSON/) })
    mode = 'no-choices'
    expect(await createChatClient({ baseUrl: url, sleep: async () => {} })(request)).toEqual({ ok: false, message: 'the reply has no choices' })
  })

  it('reports an endpoint that refuses connections', async () => {
    // A port with nothing listening: a server is started there, then closed.
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const outcome = await createChatClient({ baseUrl: `http://127.0.0.1:${port}/v1`, retries: 1, sleep: async () => {} })(request)
    // Shown as a refused connection naming the host, never as an HTTP status.
    expect(outcome).toEqual({
      ok: false,
      unreachable: true,
      message: `could not connect to 127.0.0.1:${port} (connection refused): check audit.llm.base-url (or OPENAI_BASE_URL) and that the server is running`
    })
  })
})

describe('helpers', () => {
  it('joins the base URL and the path', () => {
    expect(chatCompletionsUrl('https://api.openai.com/v1/')).toBe('https://api.openai.com/v1/chat/completions')
    expect(chatCompletionsUrl('http://localhost:11434/v1')).toBe('http://localhost:11434/v1/chat/completions')
  })

  it('reads Retry-After in seconds, as a date, and retry-after-ms', () => {
    const now = Date.parse('2026-11-27T12:00:00Z')
    expect(retryAfterMs(new Headers({ 'retry-after': '7' }), now)).toBe(7000)
    expect(retryAfterMs(new Headers({ 'retry-after': 'Fri, 27 Nov 2026 12:00:30 GMT' }), now)).toBe(30000)
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '1' }), now)).toBe(250)
    expect(retryAfterMs(new Headers({}), now)).toBeUndefined()
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined()
  })
})
