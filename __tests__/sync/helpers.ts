// Shared by the sync tests: an in-memory repository of postmortems, postmortem text, the config, and a
// GitHub tracker pointed at the fake server with waits shortened.

import { loadConfig } from '../../src/config/load.js'
import type { Config } from '../../src/config/types.js'
import type { RepoFiles } from '../../src/lint/adapters.js'
import type { SyncAdapters } from '../../src/modes/sync.js'
import type { TrackerConnection } from '../../src/sync/connection.js'
import { createTracker, type TransportSettings } from '../../src/sync/trackers/create-tracker.js'
import type { Tracker } from '../../src/sync/tracker.js'
import picomatch from 'picomatch'

export const TOKEN = 'ghs_test_token'

export interface MemoryRepo {
  files: Map<string, string>
  adapters: (tracker?: Tracker) => SyncAdapters
  /** Files written by the write-back, in order. */
  writes: string[]
}

export function memoryRepo(initial: Record<string, string>): MemoryRepo {
  const files = new Map(Object.entries(initial))
  const writes: string[] = []
  const repoFiles: RepoFiles = {
    async glob(patterns) {
      const match = picomatch([...patterns])
      return [...files.keys()].filter((f) => match(f)).sort()
    },
    async read(path) {
      const text = files.get(path)
      if (text === undefined) throw new Error(`ENOENT: ${path}`)
      return new TextEncoder().encode(text)
    },
    exists: (path) => files.has(path)
  }
  return {
    files,
    writes,
    adapters: (tracker) => ({
      files: repoFiles,
      async writeFile(path, text) {
        files.set(path, text)
        writes.push(path)
      },
      ...(tracker && { tracker })
    })
  }
}

export interface ItemSpec {
  summary: string
  owner?: string
  due?: string
  checked?: boolean
  /** Text after the due date, e.g. a reference. */
  tail?: string
}

export function itemLine(item: ItemSpec): string {
  return `- [${item.checked ? 'x' : ' '}] ${item.summary} :: @${item.owner ?? 'ana'} :: ${item.due ?? '2027-01-15'}${item.tail ? ` ${item.tail}` : ''}`
}

export function postmortemText(id: number, items: ReadonlyArray<ItemSpec | string>, severity = 'Sev2'): string {
  const lines = items.map((i) => (typeof i === 'string' ? i : itemLine(i)))
  return `# Incident PM-${id}: Something broke

- Date: 2026-05-01
- Severity: ${severity}
- Owners: @ana

## Summary

It broke.

## Timeline

- 2026-05-01 10:00 UTC — It broke.

## Root Cause

A bug.

## Customer Impact

Some.

## Action Items

${lines.join('\n')}
`
}

export function syncTestConfig(sync: Record<string, unknown> = {}): Config {
  return loadConfig({
    root: '/repo',
    readFile: () => undefined,
    overrides: [{ source: 'test', values: { sync: { 'write-back': 'commit', ...sync } } }]
  })
}

/** Waits of 1 ms, a 250 ms response deadline, no pacing: fast enough for hundreds of runs. */
export const FAST_TRANSPORT: TransportSettings = { retries: 3, baseDelayMs: 1, timeoutMs: 250, pacedWrites: false, maxRetryAfterMs: 60_000 }

export const silentLog = { info: () => {}, warning: () => {} }

export function githubTracker(config: Config, apiUrl: string, transport: TransportSettings = FAST_TRANSPORT, owner = 'Codertocat', repo = 'Hello-World'): Tracker {
  const connection: TrackerConnection = { kind: 'github', token: TOKEN, owner, repo, apiUrl }
  if (!config.sync) throw new Error('config without sync section')
  return createTracker(connection, { sync: config.sync, startedAt: new Date(), log: silentLog, transport })
}

/** Item-level retries without waiting. */
export const NO_WAIT = { attempts: 4, sleep: async () => {}, backoffMs: () => 0 }

export const LINEAR_KEY = 'lin_api_test'

export function linearTracker(config: Config, apiUrl: string, transport: TransportSettings = FAST_TRANSPORT, team = 'ENG'): Tracker {
  if (!config.sync) throw new Error('config without sync section')
  return createTracker({ kind: 'linear', apiKey: LINEAR_KEY, team, apiUrl }, { sync: config.sync, startedAt: new Date(), log: silentLog, transport: { sleep: async () => {}, ...transport } })
}

export const JIRA_EMAIL = 'bot@example.com'
export const JIRA_TOKEN = 'jira-api-token'
export const JIRA_PAT = 'jira-dc-pat'

export function jiraTracker(config: Config, baseUrl: string, flavour: 'cloud' | 'dc' = 'cloud', transport: TransportSettings = FAST_TRANSPORT): Tracker {
  if (!config.sync) throw new Error('config without sync section')
  const connection: TrackerConnection =
    flavour === 'cloud' ? { kind: 'jira', baseUrl, email: JIRA_EMAIL, apiToken: JIRA_TOKEN, project: 'OPS' } : { kind: 'jira-dc', baseUrl, pat: JIRA_PAT, project: 'OPS' }
  return createTracker(connection, { sync: config.sync, startedAt: new Date(), log: silentLog, transport: { sleep: async () => {}, ...transport } })
}
