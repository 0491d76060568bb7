import { describe, expect, it } from '@jest/globals'
import { DEFAULT_HTTP_POLICY, HttpRequestError, retryAfterMs, sendWithRetry, type HttpPolicy, type HttpRequest } from '../../src/sync/retry.js'

type Step = { status: number; headers?: Record<string, string>; body?: unknown } | { error: Error }

function scripted(steps: Step[]): { fetch: typeof fetch; calls: number } {
  const state = { calls: 0, fetch: undefined as unknown as typeof fetch }
  state.fetch = (async () => {
    const step = steps[state.calls++] ?? steps[steps.length - 1]
    if (!step) throw new Error('no step')
    if ('error' in step) throw step.error
    return new Response(step.body === undefined ? null : JSON.stringify(step.body), { status: step.status, headers: step.headers })
  }) as typeof fetch
  return state
}

const waits: number[] = []
const policy: HttpPolicy = { ...DEFAULT_HTTP_POLICY, retries: 3, baseDelayMs: 0, maxDelayMs: 0, sleep: async (ms) => void waits.push(ms) }
const read: HttpRequest = { url: 'http://x/y', method: 'GET', headers: {}, idempotent: true, what: 'read' }
const write: HttpRequest = { ...read, method: 'POST', idempotent: false, what: 'write' }
const reset = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) })
const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) })

describe('retryAfterMs', () => {
  it('reads Retry-After in seconds or as a date, and the reset of an exhausted budget', () => {
    const now = 1_700_000_000_000
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }), { rateLimited: true, now })).toBe(3000)
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(now + 5000).toUTCString() }), { rateLimited: true, now })).toBe(5000)
    expect(retryAfterMs(new Headers({ 'x-ratelimit-requests-remaining': '0', 'x-ratelimit-requests-reset': String(now + 2500) }), { rateLimited: true, now })).toBe(2500)
    expect(retryAfterMs(new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 7) }), { rateLimited: true, now })).toBe(7000)
    // A budget with requests left says nothing; neither do reset headers on a server error.
    expect(retryAfterMs(new Headers({ 'x-ratelimit-requests-remaining': '10', 'x-ratelimit-requests-reset': String(now + 2500) }), { rateLimited: true, now })).toBeUndefined()
    expect(retryAfterMs(new Headers({ 'x-ratelimit-requests-remaining': '0', 'x-ratelimit-requests-reset': String(now + 2500) }), { rateLimited: false, now })).toBeUndefined()
  })
})

describe('sendWithRetry', () => {
  it('waits what a 429 asks, then succeeds', async () => {
    waits.length = 0
    const f = scripted([{ status: 429, headers: { 'retry-after': '2' } }, { status: 200, body: { ok: true } }])
    const response = await sendWithRetry(f.fetch, write, policy)
    expect(response.json).toEqual({ ok: true })
    expect(f.calls).toBe(2)
    expect(waits).toEqual([2000])
  })

  it('a vendor-specific rate limit in a 200 body is retried too', async () => {
    const f = scripted([{ status: 200, body: { errors: [{ extensions: { type: 'ratelimited' } }] } }, { status: 200, body: { data: 1 } }])
    const response = await sendWithRetry(f.fetch, write, policy, (r) => JSON.stringify(r.json).includes('ratelimited'))
    expect(response.json).toEqual({ data: 1 })
  })

  it('5xx and resets: a read is retried; a write is not, and the failure says it is ambiguous', async () => {
    const r = scripted([{ status: 502 }, { error: reset }, { status: 200, body: 1 }])
    expect((await sendWithRetry(r.fetch, read, policy)).json).toBe(1)
    expect(r.calls).toBe(3)
    for (const step of [{ status: 503 }, { error: reset }] as Step[]) {
      const w = scripted([step, { status: 201 }])
      const error = await sendWithRetry(w.fetch, write, policy).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(HttpRequestError)
      expect(error).toMatchObject({ ambiguous: true })
      expect(w.calls).toBe(1)
    }
  })

  it('a connection that never opened is retried even for a write: nothing was sent', async () => {
    const f = scripted([{ error: refused }, { status: 201, body: { id: 1 } }])
    expect((await sendWithRetry(f.fetch, write, policy)).status).toBe(201)
  })

  it('gives up after the retries, and on a Retry-After longer than the run waits', async () => {
    const f = scripted([{ status: 500 }])
    await expect(sendWithRetry(f.fetch, read, policy)).rejects.toThrow(/gave up after 3 retries/)
    expect(f.calls).toBe(4)
    const slow = scripted([{ status: 429, headers: { 'retry-after': '3600' } }])
    const error = await sendWithRetry(slow.fetch, read, { ...policy, maxRetryAfterMs: 60_000 }).catch((e: unknown) => e)
    expect(error).toMatchObject({ ambiguous: false, message: expect.stringContaining('asked to wait 3600 s') })
    expect(slow.calls).toBe(1)
  })

  it('4xx is answered, not retried', async () => {
    const f = scripted([{ status: 400, body: { errorMessages: ['no'] } }])
    expect((await sendWithRetry(f.fetch, write, policy)).status).toBe(400)
    expect(f.calls).toBe(1)
  })
})
