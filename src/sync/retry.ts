// The HTTP policy of the fetch-based trackers (Linear, Jira): one place that decides when a request is
// retried and how long to wait. GitHub goes through Octokit's throttling and retry plugins instead.
//
//   429, or a body that says "rate limited" → wait what Retry-After or the vendor's reset header says
//        (bounded), then retry: the request was refused, so nothing happened.
//   5xx, a timeout, a dropped connection → exponential back-off with jitter, but only for requests that
//        are safe to repeat. For others the failure is ambiguous (the write may have happened) and goes
//        back to the caller, who looks before trying again.
//   a connection that never opened → retried: nothing was sent.
//   other 4xx → not retried.

import pRetry, { AbortError } from 'p-retry'
import { sanitizeText, sanitizeVendorBody } from '../util/sanitize.js'
import { describeBody } from '../util/vendor-response.js'
import { networkFailure, NOT_SENT_CODES } from '../util/network-error.js'

export interface HttpPolicy {
  /** Retries after the first attempt (default 4). */
  retries: number
  /** First back-off, doubled each retry, with jitter (default 1000 ms). */
  baseDelayMs: number
  /** Longest back-off (default 30 s). */
  maxDelayMs: number
  /** Longest wait for a response (default 30 s). */
  timeoutMs: number
  /** A Retry-After longer than this is not waited for: the request fails (default 300 s). */
  maxRetryAfterMs: number
  sleep: (ms: number) => Promise<void>
  /** Told about each retry. */
  onRetry?: (message: string) => void
}

export const DEFAULT_HTTP_POLICY: HttpPolicy = {
  retries: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  timeoutMs: 30_000,
  maxRetryAfterMs: 300_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
}

/** A request that failed for good. `ambiguous`: it was sent and may have been carried out. */
export class HttpRequestError extends Error {
  override readonly name = 'HttpRequestError'
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly ambiguous: boolean,
    readonly body?: unknown,
    /** The network error underneath, when there was one (see util/network-error.ts). */
    cause?: unknown
  ) {
    super(message, cause === undefined ? undefined : { cause })
  }
}

export interface HttpRequest {
  url: string
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  headers: Record<string, string>
  body?: string
  /** Safe to send twice (reads, and writes that set rather than add). */
  idempotent: boolean
  /** For messages: what the request does, never its headers. */
  what: string
}

export interface HttpResponse {
  status: number
  headers: Headers
  /** Parsed JSON, undefined for an empty body. */
  json: unknown
}

/**
 * The wait an answer asks for, in ms: Retry-After (seconds or a date); for a rate limit also the reset
 * time of an exhausted budget (Linear's x-ratelimit-requests-* and x-ratelimit-complexity-*, in epoch
 * ms; the common x-ratelimit-* in epoch seconds). Budgets that are not exhausted say nothing.
 */
export function retryAfterMs(headers: Headers, options: { rateLimited: boolean; now?: number }): number | undefined {
  const now = options.now ?? Date.now()
  const after = headers.get('retry-after')
  if (after !== null) {
    const seconds = Number(after)
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
    const date = Date.parse(after)
    if (!Number.isNaN(date)) return Math.max(0, date - now)
  }
  if (!options.rateLimited) return undefined
  for (const family of ['x-ratelimit-requests', 'x-ratelimit-complexity', 'x-ratelimit']) {
    if (headers.get(`${family}-remaining`) !== '0') continue
    const value = Number(headers.get(`${family}-reset`))
    if (!Number.isFinite(value) || value <= 0) continue
    return Math.max(0, (value > 1e12 ? value : value * 1000) - now)
  }
  return undefined
}

/** Thrown inside an attempt to make it retried, after waiting `waitMs` when given. */
class RetryableFailure extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly waitMs?: number,
    /** The request never left (connection refused, no such host): nothing happened. */
    readonly notSent = false,
    cause?: unknown
  ) {
    super(message, cause === undefined ? undefined : { cause })
  }
}

const NOT_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH/

/**
 * The network error's message and its cause, cleaned: parts of it (a header, a host name) can come from
 * the server. A known failure is said in words with the place: `connection refused (127.0.0.1:8443)`.
 */
function causeText(error: unknown, place?: string): string {
  const network = networkFailure(error, place)
  if (network) return network.text
  if (!(error instanceof Error)) return sanitizeVendorBody(String(error))
  const cause = (error as { cause?: unknown }).cause
  const code = cause !== null && typeof cause === 'object' ? String((cause as { code?: unknown }).code ?? '') : ''
  return sanitizeVendorBody(`${error.message}${cause instanceof Error ? ` (${cause.message}${code ? `, ${code}` : ''})` : ''}`)
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host
  } catch {
    return undefined
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text()
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/**
 * Sends one request with the policy. `rateLimited` lets a vendor say that a 200 or 400 answer is a rate
 * limit (Linear puts `extensions.type: ratelimited` in GraphQL errors).
 */
export async function sendWithRetry(
  fetchFn: typeof fetch,
  request: HttpRequest,
  policy: HttpPolicy,
  rateLimited: (response: HttpResponse) => boolean = () => false
): Promise<HttpResponse> {
  const attempt = async (): Promise<HttpResponse> => {
    let response: Response
    try {
      response = await fetchFn(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined && { body: request.body }),
        signal: AbortSignal.timeout(policy.timeoutMs)
      })
    } catch (error) {
      const network = networkFailure(error)
      const text = causeText(error, hostOf(request.url))
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
      const message = `${request.what}: ${timedOut ? `no response within ${policy.timeoutMs / 1000} s` : text}`
      if (network ? NOT_SENT_CODES.has(network.code) : NOT_SENT.test(text)) throw new RetryableFailure(message, undefined, undefined, true, error)
      if (request.idempotent) throw new RetryableFailure(message, undefined, undefined, false, error)
      throw new AbortError(new HttpRequestError(message, undefined, true, undefined, error))
    }
    let json: unknown
    try {
      json = await readJson(response)
    } catch (error) {
      // The answer broke off half-way: as ambiguous as no answer.
      const message = `${request.what}: the response broke off (${causeText(error)})`
      if (request.idempotent) throw new RetryableFailure(message, response.status)
      throw new AbortError(new HttpRequestError(message, response.status, true))
    }
    const result: HttpResponse = { status: response.status, headers: response.headers, json }
    if (response.status === 429 || rateLimited(result)) {
      throw new RetryableFailure(`${request.what}: rate limited (${response.status})`, response.status, retryAfterMs(response.headers, { rateLimited: true }) ?? policy.baseDelayMs)
    }
    if (response.status >= 500) {
      // The body says what went wrong, but it is the vendor's text: a short, cleaned excerpt only.
      const message = `${request.what}: ${response.status} ${sanitizeText(response.statusText, { maxLength: 80, multiline: false }) || 'server error'}${json === undefined ? '' : ` (${describeBody(json)})`}`
      if (request.idempotent) throw new RetryableFailure(message, response.status, retryAfterMs(response.headers, { rateLimited: false }))
      throw new AbortError(new HttpRequestError(message, response.status, true, json))
    }
    return result
  }

  try {
    return await pRetry(attempt, {
      retries: policy.retries,
      factor: 2,
      minTimeout: policy.baseDelayMs,
      maxTimeout: policy.maxDelayMs,
      randomize: true,
      shouldRetry: ({ error }) => error instanceof RetryableFailure && (error.waitMs ?? 0) <= policy.maxRetryAfterMs,
      onFailedAttempt: async ({ error, retriesLeft }) => {
        if (!(error instanceof RetryableFailure) || retriesLeft <= 0) return
        policy.onRetry?.(`${error.message}; retrying (${retriesLeft} ${retriesLeft === 1 ? 'retry' : 'retries'} left)`)
        if (error.waitMs !== undefined && error.waitMs > 0 && error.waitMs <= policy.maxRetryAfterMs) await policy.sleep(error.waitMs)
      }
    })
  } catch (error) {
    if (error instanceof HttpRequestError) throw error
    if (error instanceof RetryableFailure) {
      const tooLong = error.waitMs !== undefined && error.waitMs > policy.maxRetryAfterMs
      const message = tooLong ? `${error.message}: asked to wait ${Math.ceil(error.waitMs / 1000)} s, longer than this run waits` : `${error.message}; gave up after ${policy.retries} retries`
      // Rate limits and unsent requests did nothing; a retried idempotent request is as ambiguous as its last attempt.
      const ambiguous = error.status === undefined ? !error.notSent : error.status >= 500
      throw new HttpRequestError(message, error.status, ambiguous, undefined, error.cause)
    }
    throw error
  }
}
