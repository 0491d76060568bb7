// Builds the tracker adapter for a connection. Called by the entries (CLI, Action) and by tests, which
// shorten the waits and timeouts through `transport`.

import { createGitHubClient, type GitHubClientLog } from '../../github/client.js'
import type { SyncConfig } from '../../config/types.js'
import type { TrackerConnection } from '../connection.js'
import { DEFAULT_HTTP_POLICY, type HttpPolicy } from '../retry.js'
import { GitHubTracker } from './github.js'
import { JiraTracker } from './jira.js'
import { LinearTracker } from './linear.js'
import type { Tracker } from '../tracker.js'

export interface TransportSettings {
  /** Retries of one request after 429, 5xx or a network error (default 4). */
  retries?: number
  /** Base of the exponential back-off, ms (default 1000). */
  baseDelayMs?: number
  /** Longest wait for one response, ms (default 30 s). */
  timeoutMs?: number
  /** Longest Retry-After honoured, ms; a longer one fails the request (default 300 s). */
  maxRetryAfterMs?: number
  /** GitHub: space writes out as GitHub asks (default true). */
  pacedWrites?: boolean
  /** Linear and Jira: the fetch to use (tests count requests through it). */
  fetch?: typeof fetch
  /** Linear and Jira: how Retry-After is waited for (tests shorten it). */
  sleep?: (ms: number) => Promise<void>
}

export interface TrackerEnvironment {
  sync: SyncConfig
  /** When the run started: ambiguous failures are re-checked among tickets changed since. */
  startedAt: Date
  log: GitHubClientLog
  transport?: TransportSettings
}

/** The retry policy of the fetch-based trackers, with the overrides. */
export function httpPolicy(env: TrackerEnvironment): HttpPolicy {
  const t = env.transport ?? {}
  return {
    ...DEFAULT_HTTP_POLICY,
    ...(t.retries !== undefined && { retries: t.retries }),
    ...(t.baseDelayMs !== undefined && { baseDelayMs: t.baseDelayMs, maxDelayMs: Math.max(t.baseDelayMs, 1) * 30 }),
    ...(t.timeoutMs !== undefined && { timeoutMs: t.timeoutMs }),
    ...(t.maxRetryAfterMs !== undefined && { maxRetryAfterMs: t.maxRetryAfterMs }),
    ...(t.sleep !== undefined && { sleep: t.sleep }),
    onRetry: env.log.info
  }
}

export function createTracker(connection: TrackerConnection, env: TrackerEnvironment): Tracker {
  const transport = env.transport ?? {}
  const label = env.sync.labels[0] ?? 'reliability'
  switch (connection.kind) {
    case 'github': {
      const client = createGitHubClient({
        token: connection.token,
        baseUrl: connection.apiUrl,
        log: env.log,
        retries: transport.retries ?? 3,
        ...(transport.baseDelayMs !== undefined && { retryBaseMs: transport.baseDelayMs }),
        ...(transport.timeoutMs !== undefined && { requestTimeoutMs: transport.timeoutMs }),
        ...(transport.maxRetryAfterMs !== undefined && { maxRateLimitWaitSeconds: transport.maxRetryAfterMs / 1000 }),
        ...(transport.pacedWrites !== undefined && { pacedWrites: transport.pacedWrites })
      })
      return new GitHubTracker({
        client,
        owner: connection.owner,
        repo: connection.repo,
        label,
        milestones: env.sync.github.milestones,
        startedAt: env.startedAt,
        concurrency: env.sync.concurrency
      })
    }
    case 'linear':
      return new LinearTracker({
        apiKey: connection.apiKey,
        apiUrl: connection.apiUrl,
        team: connection.team,
        labels: env.sync.labels,
        otherLabels: env.sync.severityLabels ? Object.keys(env.sync.priorities) : [],
        fetch: transport.fetch ?? fetch,
        policy: httpPolicy(env)
      })
    case 'jira':
    case 'jira-dc':
      return new JiraTracker({
        baseUrl: connection.baseUrl,
        project: connection.project,
        issueType: env.sync.jira.issueType,
        auth: connection.kind === 'jira' ? { flavour: 'cloud', email: connection.email, apiToken: connection.apiToken } : { flavour: 'dc', pat: connection.pat },
        labels: env.sync.labels,
        priorities: env.sync.jira.priorities,
        fetch: transport.fetch ?? fetch,
        policy: httpPolicy(env)
      })
  }
}
