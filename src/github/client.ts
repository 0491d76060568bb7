// The one GitHub client factory: `getOctokit` from @actions/github (REST methods, pagination, the
// runner's proxy settings) plus throttling, retries and a per-request timeout. Every module under
// src/github/ takes the client this returns as a parameter; none builds its own.

import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { networkFailure, NOT_SENT_CODES } from '../util/network-error.js'
import { sanitizeVendorBody } from '../util/sanitize.js'

export type GitHubClient = ReturnType<typeof getOctokit>
type OctokitPlugin = NonNullable<Parameters<typeof getOctokit>[2]>

/** Where the client reports failures: retries as info, giving up as a warning (the Action passes core.info/core.warning). */
export interface GitHubClientLog {
  info: (message: string) => void
  warning: (message: string) => void
}

export interface GitHubClientOptions {
  token: string
  /** REST API root, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3` (the runner's GITHUB_API_URL). */
  baseUrl: string
  log: GitHubClientLog
  /** Times a rate-limited request is retried after waiting what GitHub asks (default 3). */
  rateLimitRetries?: number
  /** A rate limit asking us to wait longer than this is not waited for (default 300 s): the run fails over instead. */
  maxRateLimitWaitSeconds?: number
  /** Times a request failing with 5xx or a network error is retried (default 3; waits 1, 4, 9 × retryBaseMs). */
  retries?: number
  /** Unit of the retry back-off and of GitHub's `retry-after` seconds, in ms (default 1000; tests shorten it). */
  retryBaseMs?: number
  /** A request without a complete response after this long is abandoned and retried (default 30 s). */
  requestTimeoutMs?: number
  /**
   * Space writes out as GitHub asks, 1 s apart and 3 s for those that notify people (the throttling
   * plugin's default, against secondary rate limits). Default true; only tests against local fakes turn it off.
   */
  pacedWrites?: boolean
}

type Limiter = NonNullable<Extract<NonNullable<Parameters<typeof getOctokit>[1]>['throttle'], object>['write']>

/** Stands in for the throttling plugin's write and notification limiters, of which it only calls `key(id).schedule(options, task)`. */
const UNPACED_LIMITER = { key: () => ({ schedule: (_options: unknown, task: () => Promise<unknown>) => task() }) } as unknown as Limiter

/** Statuses that retrying cannot fix, and 429, which the throttling plugin handles using GitHub's `retry-after`. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451]

interface RequestOptionsLike {
  method?: string
  url?: string
  request?: { signal?: AbortSignal; retryCount?: number } & Record<string, unknown>
}

/**
 * First plugin (so its hook runs inside retry and throttling): gives each attempt its own deadline
 * (undici would otherwise wait minutes for a stalled response) and logs failed attempts. A timed-out
 * attempt surfaces as octokit's RequestError with status 500, which the retry plugin retries like any
 * other server error.
 */
function attemptGuard(timeoutMs: number, log: GitHubClientLog): OctokitPlugin {
  // Deadlines we set, told apart from a signal a caller passed (which is left alone).
  const ours = new WeakSet<AbortSignal>()
  return (octokit) => {
    octokit.hook.wrap('request', async (request, options) => {
      const opts = options as RequestOptionsLike
      const given = opts.request?.signal
      let signal = given
      if (signal === undefined || ours.has(signal)) {
        signal = AbortSignal.timeout(timeoutMs)
        ours.add(signal)
      }
      // Set on the options object itself: the hooks inside this one (auth) are bound to it, so passing a
      // modified copy to `request` would not reach fetch.
      opts.request = { ...opts.request, signal }
      try {
        return await request(options)
      } catch (error) {
        if (error instanceof Error) {
          // Octokit makes the response body the message when it is not JSON: a proxy's megabyte error page,
          // escape sequences, lines a runner would obey. Cut and cleaned here, before anything prints it.
          error.message = sanitizeVendorBody(error.message)
          // Octokit reports a request that never reached GitHub as status 500: say what happened instead.
          const network = networkFailure(error)
          if (network) error.message = NOT_SENT_CODES.has(network.code) ? `${network.text}: the request did not reach GitHub` : network.text
          if (signal.aborted && ours.has(signal)) error.message = `no response from GitHub within ${timeoutMs / 1000} s`
          const status = (error as { status?: unknown }).status
          if (typeof status !== 'number' || status >= 500) {
            log.info(`GitHub ${opts.method ?? 'GET'} ${opts.url ?? ''} failed (attempt ${(opts.request.retryCount ?? 0) + 1}): ${error.message}`)
          }
        }
        throw error
      }
    })
  }
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const { log } = options
  const rateLimitRetries = options.rateLimitRetries ?? 3
  const maxWait = options.maxRateLimitWaitSeconds ?? 300
  const baseMs = options.retryBaseMs ?? 1000

  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const what = `${request.method} ${request.url}`
      if (retryCount >= rateLimitRetries) {
        log.warning(`GitHub ${kind} on ${what}: giving up after ${retryCount} retries.`)
        return false
      }
      if (retryAfter > maxWait) {
        log.warning(`GitHub ${kind} on ${what}: GitHub asks to wait ${retryAfter} s, longer than the ${maxWait} s this run waits; giving up.`)
        return false
      }
      log.info(`GitHub ${kind} on ${what}: retrying in ${retryAfter} s (retry ${retryCount + 1} of ${rateLimitRetries}).`)
      return true
    }

  return getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      log: {
        debug: () => {},
        info: () => {},
        warn: (message: string) => log.warning(message),
        error: (message: string) => log.warning(message)
      },
      retry: { retries: options.retries ?? 3, retryAfterBaseValue: baseMs, doNotRetry: DO_NOT_RETRY },
      throttle: {
        retryAfterBaseValue: baseMs,
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
        ...(options.pacedWrites === false && { write: UNPACED_LIMITER, notifications: UNPACED_LIMITER })
      }
    },
    // Order matters: the first plugin's hook is innermost, so each retry gets a fresh deadline, and
    // throttling (outermost) sees a rate limit as soon as it happens.
    attemptGuard(options.requestTimeoutMs ?? 30_000, log),
    retry,
    throttling
  )
}

/** The HTTP status of an octokit error, if it has one. */
export function errorStatus(error: unknown): number | undefined {
  const status = error !== null && typeof error === 'object' ? (error as { status?: unknown }).status : undefined
  return typeof status === 'number' ? status : undefined
}

/** Kept for the modules that import it from here; the one definition is in util/error-message.ts. */
export { errorMessage } from '../util/error-message.js'
