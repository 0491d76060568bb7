// An OpenAI-compatible chat-completions client (OpenAI, Azure OpenAI's v1 API, vLLM, Ollama, LM Studio,
// LiteLLM…): POST <base-url>/chat/completions. Each request is retried, a bounded number of times, when it
// is answered 429 (after its Retry-After), 5xx, or lost on the network or to the timeout; other statuses
// are final. It never throws: every outcome is a ChatOutcome. The key goes in the Authorization header
// and nowhere else (never in a message).

import pRetry, { AbortError } from 'p-retry'
import type { ChatComplete, ChatOutcome, ChatRequest } from '../audit/llm-scorer.js'
import { errorMessage } from '../util/error-message.js'
import { sanitizeText } from '../util/sanitize.js'
import { VERSION } from '../version.js'

export const OPENAI_BASE_URL = 'https://api.openai.com/v1'

export interface ChatClientOptions {
  /** e.g. `https://api.openai.com/v1`; `/chat/completions` is appended. */
  baseUrl: string
  /** Sent as `Authorization: Bearer …` when given (local servers often need none). */
  apiKey?: string
  /** Retries after 429, 5xx, a network error or a timeout (default 3). */
  retries?: number
  /** Longest wait for one response, ms (default 120 s). */
  timeoutMs?: number
  /** Base of the exponential back-off without Retry-After, ms (default 1000). */
  baseDelayMs?: number
  /** Longest Retry-After honoured, ms; a longer one ends the request (default 60 s). */
  maxRetryAfterMs?: number
  fetch?: typeof fetch
  sleep?: (ms: number) => Promise<void>
  /** For the jitter of the back-off; default Math.random. */
  random?: () => number
  /** Told about each retry, e.g. to log it. */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void
}

/** A failure worth another attempt. `unreachable`: no connection could be made (refused, host unknown). */
class TransientError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    readonly unreachable = false
  ) {
    super(message)
  }
}

/** Network error codes that mean nothing answers at that address (as opposed to an answer lost midway). */
const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable'
}

/**
 * A failed fetch as a sentence naming the host: `could not connect to 127.0.0.1:8080 (connection refused)`.
 * Duck-typed: fetch's errors may come from another realm, where `instanceof Error` is false.
 */
function networkFailure(error: unknown, url: string, timeoutMs: number): TransientError {
  const e = (error ?? {}) as { name?: unknown; message?: unknown; cause?: { message?: unknown; code?: unknown } }
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new TransientError(`no answer from ${new URL(url).host} within ${Math.round(timeoutMs / 1000)} s`)
  const code = typeof e.cause?.code === 'string' ? e.cause.code : undefined
  const host = new URL(url).host
  if (code !== undefined && code in UNREACHABLE_CODES) {
    return new TransientError(`could not connect to ${host} (${UNREACHABLE_CODES[code]}): check audit.llm.base-url (or OPENAI_BASE_URL) and that the server is running`, undefined, undefined, true)
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return new TransientError(`the connection to ${host} was closed before an answer`)
  const cause = typeof e.cause?.message === 'string' ? `: ${e.cause.message}` : ''
  return new TransientError(sanitizeText(`${typeof e.message === 'string' ? e.message : String(error)}${cause} (${host})`, { multiline: false, maxLength: MAX_ERROR_CHARS }))
}

/** A failure no retry can fix. */
class FinalError extends Error {
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message)
  }
}

const MAX_ERROR_CHARS = 300

export function chatCompletionsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/chat/completions`
}

/** Retry-After as ms: `retry-after-ms` (Azure), or `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms')
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms)
  const value = headers.get('retry-after')
  if (value === null) return undefined
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined
}

/** The error message of an OpenAI-style error body (`{"error":{"message":…}}`), else the text, cut short. */
async function errorText(response: Response): Promise<string> {
  let text = ''
  try {
    text = await response.text()
  } catch {
    return response.statusText || 'no body'
  }
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown }
    const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message)
    if (typeof message === 'string' && message !== '') text = message
  } catch {
    // not JSON: the text itself
  }
  text = sanitizeText(text, { multiline: false }).replace(/\s+/g, ' ').trim() || response.statusText || 'no body'
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text
}

function replyOf(body: unknown): ChatOutcome {
  const choice = (body as { choices?: Array<{ message?: { content?: unknown; refusal?: unknown }; finish_reason?: unknown }> } | null)?.choices?.[0]
  if (!choice || typeof choice !== 'object') return { ok: false, message: 'the reply has no choices' }
  const content = choice.message?.content
  const outcome: ChatOutcome = { ok: true, content: typeof content === 'string' ? content : null }
  if (typeof choice.finish_reason === 'string') outcome.finishReason = choice.finish_reason
  if (typeof choice.message?.refusal === 'string' && choice.message.refusal !== '') outcome.refusal = choice.message.refusal
  return outcome
}

export function createChatClient(options: ChatClientOptions): ChatComplete {
  const url = chatCompletionsUrl(options.baseUrl)
  const doFetch = options.fetch ?? fetch
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const random = options.random ?? Math.random
  const retries = options.retries ?? 3
  const timeoutMs = options.timeoutMs ?? 120_000
  const baseDelayMs = options.baseDelayMs ?? 1000
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': `reliability-loop/${VERSION}` }
  if (options.apiKey !== undefined && options.apiKey !== '') headers.authorization = `Bearer ${options.apiKey}`

  const attempt = async (request: ChatRequest): Promise<ChatOutcome> => {
    let response: Response
    try {
      response = await doFetch(url, { method: 'POST', headers, body: JSON.stringify(request), signal: AbortSignal.timeout(timeoutMs) })
    } catch (error) {
      throw networkFailure(error, url, timeoutMs)
    }
    if (response.status === 429 || response.status >= 500) {
      const wait = retryAfterMs(response.headers)
      const message = await errorText(response)
      if (wait !== undefined && wait > maxRetryAfterMs) {
        throw new AbortError(new FinalError(`${message} (the server asks to wait ${Math.ceil(wait / 1000)} s, longer than the ${Math.round(maxRetryAfterMs / 1000)} s this run waits)`, response.status))
      }
      throw new TransientError(message, response.status, wait)
    }
    if (!response.ok) throw new AbortError(new FinalError(await errorText(response), response.status))
    let body: unknown
    try {
      body = await response.json()
    } catch (error) {
      throw new AbortError(new FinalError(`the reply is not JSON: ${errorMessage(error)}`, response.status))
    }
    return replyOf(body)
  }

  return async (request) => {
    try {
      return await pRetry(() => attempt(request), {
        retries,
        // The waiting is done in onFailedAttempt, where Retry-After is known.
        minTimeout: 0,
        maxTimeout: 0,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft <= 0 || !(error instanceof TransientError)) return
          const backoff = baseDelayMs * 2 ** (attemptNumber - 1) * (0.5 + random())
          const delayMs = Math.round(error.retryAfterMs ?? backoff)
          options.onRetry?.({ attempt: attemptNumber, delayMs, reason: error.status === undefined ? error.message : `${error.status}: ${error.message}` })
          await sleep(delayMs)
        }
      })
    } catch (error) {
      const status = error instanceof TransientError || error instanceof FinalError ? error.status : undefined
      const outcome: ChatOutcome = { ok: false, message: errorMessage(error) }
      if (status !== undefined) outcome.status = status
      if (error instanceof TransientError && error.unreachable) outcome.unreachable = true
      return outcome
    }
  }
}
