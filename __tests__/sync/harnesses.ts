// Each fake tracker behind one test harness, so a property can be checked against all of them: start
// and reset the fake, inject a generic fault at a generic point, build the tracker with short waits,
// and read back every ticket with its keys and state.

import type { Config } from '../../src/config/types.js'
import { deterministicUuid } from '../../src/sync/keys.js'
import { readMarkers } from '../../src/sync/trackers/github.js'
import type { Tracker, TrackerKind } from '../../src/sync/tracker.js'
import { describeWithContract, FakeGitHub, type Fault, type OperationId } from '../helpers/github-server.js'
import { describeWithLinearSchema, FakeLinear, type LinearFault } from '../helpers/linear-server.js'
import { describeWithJiraContract, FakeJira, type JiraFault, type JiraOperation } from '../helpers/jira-server.js'
import { githubTracker, JIRA_EMAIL, JIRA_PAT, JIRA_TOKEN, jiraTracker, linearTracker } from './helpers.js'

export type GenericFault =
  | { kind: 'status'; status: 500 | 502 | 503 }
  | { kind: 'timeout' }
  | { kind: 'reset' }
  | { kind: 'after-commit'; then: 'timeout' | 'reset' | 502 }
  | { kind: 'rate-limit'; retryAfter: number }

/** Where a fault hits: creating, updating/closing, the bulk look-up, or the setup reads (owners, team). */
export type FaultPoint = 'create' | 'update' | 'list' | 'setup'

export interface StoredTicket {
  keys: string[]
  state: 'open' | 'closed'
}

export interface Harness<F = any> {
  kind: TrackerKind
  fake: F
  describe: (name: string, fn: () => void) => void
  start: () => Promise<F>
  stop: (fake: F) => Promise<void>
  reset: (fake: F) => void
  inject: (fake: F, point: FaultPoint, fault: GenericFault) => void
  /** Drops leftover faults (and lets eventually consistent search catch up). */
  calm: (fake: F) => void
  /** Time passes between two scheduled runs: an eventually consistent search index catches up. */
  between: (fake: F) => void
  /** `calm`: the last run, without faults: a generous deadline so a slow machine cannot fake a stall. */
  tracker: (fake: F, config: Config, calm: boolean) => Tracker
  tickets: (fake: F) => StoredTicket[]
}

/** Response deadline of the stormy runs: short, so stalls cost little (a spurious timeout is only one more fault). */
const transport = (calm: boolean) => ({ retries: 2, baseDelayMs: 0, timeoutMs: calm ? 5000 : 40, pacedWrites: false })

function githubFault(f: GenericFault): Fault {
  switch (f.kind) {
    case 'status':
      return f
    case 'timeout':
    case 'reset':
      return f
    case 'rate-limit':
      return { kind: 'secondary-rate-limit', retryAfter: f.retryAfter }
    case 'after-commit':
      return { kind: 'after-commit', then: f.then === 502 ? { kind: 'status', status: 502 } : { kind: f.then } }
  }
}

const GITHUB_POINTS: Record<FaultPoint, OperationId> = {
  create: 'issues/create',
  update: 'issues/update',
  list: 'issues/list-for-repo',
  setup: 'issues/check-user-can-be-assigned'
}

export const githubHarness: Harness<FakeGitHub> = {
  kind: 'github',
  fake: undefined as unknown as FakeGitHub,
  describe: describeWithContract,
  start: () => FakeGitHub.start(),
  stop: (fake) => fake.close(),
  reset: (fake) => {
    fake.reset()
    fake.issueTracker.assignable.add('ana')
  },
  inject: (fake, point, f) => fake.inject(GITHUB_POINTS[point], githubFault(f)),
  calm: (fake) => fake.clearFaults(),
  between: () => {},
  tracker: (fake, config, calm) => githubTracker(config, fake.url, transport(calm)),
  tickets: (fake) => fake.issueTracker.issues.map((i) => ({ keys: readMarkers(i.body).keys, state: i.state }))
}

function linearFault(f: GenericFault): LinearFault {
  switch (f.kind) {
    case 'status':
    case 'timeout':
    case 'reset':
      return f
    case 'rate-limit':
      return f.retryAfter === 1 ? { kind: 'rate-limit-error', http: 200, resetInMs: 1 } : { kind: 'rate-limit-429', retryAfter: f.retryAfter }
    case 'after-commit':
      return { kind: 'after-commit', then: f.then === 502 ? { kind: 'status', status: 502 } : { kind: f.then } }
  }
}

const LINEAR_POINTS: Record<FaultPoint, string> = { create: 'issueCreate', update: 'issueUpdate', list: 'issues', setup: 'teams' }

/** Linear's keys: those in attachments, and the one its id was derived from. */
function linearKeys(fake: FakeLinear, id: string, known: readonly string[]): string[] {
  const keys = fake.attachments.filter((a) => a.issueId === id).map((a) => a.metadata.reliabilityLoopKey).filter((k): k is string => typeof k === 'string')
  const byId = known.find((k) => deterministicUuid(k) === id)
  return [...new Set([...keys, ...(byId !== undefined ? [byId] : [])])]
}

export const linearHarness: Harness<FakeLinear> = {
  kind: 'linear',
  fake: undefined as unknown as FakeLinear,
  describe: describeWithLinearSchema,
  start: () => FakeLinear.start(),
  stop: (fake) => fake.close(),
  reset: (fake) => fake.reset(),
  inject: (fake, point, f) => fake.inject(LINEAR_POINTS[point], linearFault(f)),
  calm: (fake) => fake.clearFaults(),
  between: () => {},
  tracker: (fake, config, calm) => linearTracker(config, fake.url, transport(calm)),
  tickets: (fake) => {
    const known = fake.attachments.map((a) => a.metadata.reliabilityLoopKey).filter((k): k is string => typeof k === 'string')
    return fake.issues.map((i) => ({ keys: linearKeys(fake, i.id, known), state: fake.stateOf(i)?.type === 'completed' ? 'closed' : 'open' }))
  }
}

function jiraFault(f: GenericFault): JiraFault {
  switch (f.kind) {
    case 'status':
    case 'timeout':
    case 'reset':
      return f
    case 'rate-limit':
      return { kind: 'rate-limit', retryAfter: f.retryAfter }
    case 'after-commit':
      return { kind: 'after-commit', then: f.then === 502 ? { kind: 'status', status: 502 } : { kind: f.then } }
  }
}

// Closing is what the property's later runs write; editing happens only when an item changes.
const JIRA_POINTS: Record<FaultPoint, JiraOperation> = { create: 'createIssue', update: 'doTransition', list: 'search', setup: 'findUsers' }

export const jiraHarness: Harness<FakeJira> = {
  kind: 'jira',
  fake: undefined as unknown as FakeJira,
  describe: describeWithJiraContract,
  start: () => FakeJira.start({ tokens: { [JIRA_EMAIL]: JIRA_TOKEN }, pats: [JIRA_PAT], searchLag: 2 }),
  stop: (fake) => fake.close(),
  reset: (fake) => fake.reset(),
  inject: (fake, point, f) => fake.inject(JIRA_POINTS[point], jiraFault(f)),
  calm: (fake) => {
    fake.clearFaults()
    fake.settle()
  },
  between: (fake) => fake.settle(),
  tracker: (fake, config, calm) => jiraTracker(config, fake.url, 'cloud', transport(calm)),
  tickets: (fake) =>
    fake.issues.map((i) => {
      const key = (i.properties['reliability-loop'] as { key?: string } | undefined)?.key
      return { keys: key !== undefined ? [key] : [], state: fake.statusCategory(i) === 'done' ? 'closed' : 'open' }
    })
}

export const HARNESSES: Harness[] = [githubHarness, linearHarness, jiraHarness]
