// One HTTP request with the faults a channel meets: 429 (Retry-After honoured, capped), 5xx and network
// errors retried a few times, a hang cut by a timeout. The caller turns the final response into a result or
// a ChannelError; this only decides when to try again.

import { ChannelError, realSleep, type Sleep } from './channel.js'
import { errorMessage } from '../util/error-message.js'

export interface HttpOptions {
  /** For messages: `Confluence`, `Slack`. */
  service: string
  /** The host, for messages (never the URL: a Slack webhook URL is itself a secret). */
  host: string
  retries?: number
  timeoutMs?: number
  /** Longest Retry-After honoured; a longer one fails instead of hanging the run. */
  maxRetryAfterMs?: number
  sleep?: Sleep
  fetch?: typeof fetch
}

const DEFAULT_RETRIES = 2
const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_MAX_RETRY_AFTER_MS = 60_000

function retryAfterMs(response: Response): number | undefined {
  const value = response.headers.get('retry-after')
  if (value === null) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const at = Date.parse(value)
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined
}

const attempts = (n: number): string => `${n} attempt${n === 1 ? '' : 's'}`

export async function httpRequest(url: string, init: RequestInit, options: HttpOptions): Promise<Response> {
  const retries = options.retries ?? DEFAULT_RETRIES
  const sleep = options.sleep ?? realSleep
  const doFetch = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  for (let attempt = 0; ; attempt++) {
    let response: Response
    try {
      response = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    } catch (error) {
      // By name, not instanceof: fetch's DOMException may come from another realm.
      const name = (error as { name?: string } | undefined)?.name
      const timedOut = name === 'TimeoutError' || name === 'AbortError'
      const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause
      const code = cause?.code
      if (attempt < retries) {
        await sleep(500 * 2 ** attempt)
        continue
      }
      if (timedOut) throw new ChannelError(`${options.service} at ${options.host} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`} (${attempts(attempt + 1)})`, `that ${options.host} is reachable from this runner`)
      throw new ChannelError(`cannot reach ${options.service} at ${options.host}: ${code ?? cause?.message ?? (errorMessage(error))}`, `the host name and that ${options.host} is reachable from this runner`)
    }
    if (response.status === 429 || response.status >= 500) {
      const wait = response.status === 429 ? (retryAfterMs(response) ?? 1000 * 2 ** attempt) : 1000 * 2 ** attempt
      const maxWait = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS
      if (attempt < retries && wait <= maxWait) {
        await response.body?.cancel()
        await sleep(wait)
        continue
      }
      if (response.status === 429) {
        await response.body?.cancel()
        throw new ChannelError(`${options.service} is rate limiting (429${retryAfterMs(response) !== undefined ? `, Retry-After ${Math.ceil((retryAfterMs(response) as number) / 1000)} s` : ''}) after ${attempts(attempt + 1)}`, 'run again later')
      }
    }
    return response
  }
}

/** The start of a response body, for an error message; never more than a line. */
export async function bodySnippet(response: Response): Promise<string> {
  try {
    const text = (await response.text()).replace(/\s+/g, ' ').trim()
    return text.length > 200 ? `${text.slice(0, 200)}…` : text
  } catch {
    return ''
  }
}
