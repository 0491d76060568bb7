// The measured side of bench/sync.mjs (bundled by it with esbuild): the fake trackers from the tests,
// the scenario (postmortems with open items, most of which already have tickets), our sync, and the
// peer it is compared with: the naive approach that looks each item up with its own request.

import { performance } from 'node:perf_hooks'
import { runSync, type SyncRunResult } from '../src/modes/sync.js'
import { deterministicUuid, keyLabel } from '../src/sync/keys.js'
import { collectSyncItems } from '../src/sync/items.js'
import { parsePostmortem } from '../src/postmortem/parse.js'
import { FakeGitHub } from '../__tests__/helpers/github-server.js'
import { FakeJira } from '../__tests__/helpers/jira-server.js'
import { FakeLinear } from '../__tests__/helpers/linear-server.js'
import { githubTracker, JIRA_EMAIL, JIRA_PAT, JIRA_TOKEN, jiraTracker, LINEAR_KEY, linearTracker, memoryRepo, postmortemText, syncTestConfig, TOKEN, type MemoryRepo } from '../__tests__/sync/helpers.js'
import type { Config } from '../src/config/types.js'
import type { Tracker } from '../src/sync/tracker.js'

export type BenchTracker = 'github' | 'linear' | 'jira'

export interface Scenario {
  postmortems: number
  items: number
  fresh: number
}

export interface Measured {
  requests: number
  reads: number
  writes: number
  ms: number
  counts?: SyncRunResult['counts']
}

export interface TrackerBench {
  tracker: BenchTracker
  /** The sync with `fresh` new items. */
  changed: Measured
  /** The sync right after, nothing changed. */
  unchanged: Measured
  /** The naive peer on the same `fresh` new items. */
  naive: Measured
  /** Tickets in the tracker after everything, and the items that should each have one. */
  tickets: number
  openItems: number
}

const OWNERS = ['ana', 'ben', 'chen', 'dara', 'eli', 'fatima', 'gus', 'hana']
const TRANSPORT = { retries: 3, baseDelayMs: 10, timeoutMs: 30_000, pacedWrites: false, sleep: async () => {} }

/** `items` open items spread over `postmortems` files; the last `fresh` are left out until the measured run. */
function scenarioFiles(s: Scenario, withFresh: boolean): Record<string, string> {
  const files: Record<string, string> = {}
  const perPm = Math.ceil(s.items / s.postmortems)
  let n = 0
  for (let pm = 1; pm <= s.postmortems; pm++) {
    const items = []
    for (let i = 0; i < perPm && n < s.items; i++, n++) {
      if (!withFresh && n >= s.items - s.fresh) continue
      items.push({ summary: `Fix failure mode ${n} of postmortem ${pm}`, owner: OWNERS[n % OWNERS.length], due: '2027-06-30' })
    }
    files[`docs/postmortems/PM-${pm}.md`] = postmortemText(pm, items, `Sev${(pm % 4) + 1}`)
  }
  return files
}

interface Fake {
  url: string
  close(): Promise<void>
  count(): { reads: number; writes: number }
  clear(): void
  tickets(): number
}

async function startFake(tracker: BenchTracker): Promise<Fake> {
  if (tracker === 'github') {
    const fake = await FakeGitHub.start({ tokens: [TOKEN] })
    for (const o of OWNERS) fake.issueTracker.assignable.add(o)
    return {
      url: fake.url,
      close: () => fake.close(),
      count: () => ({ reads: fake.requests.filter((r) => r.method === 'GET').length, writes: fake.requests.filter((r) => r.method !== 'GET').length }),
      clear: () => void (fake.requests.length = 0),
      tickets: () => fake.issueTracker.issues.length
    }
  }
  if (tracker === 'linear') {
    const fake = await FakeLinear.start({ apiKeys: [LINEAR_KEY] })
    for (const o of OWNERS.slice(2)) fake.users.push({ id: `user-${o}`, name: o, email: `${o}@example.com`, active: true })
    const isWrite = (r: { fields: string[] }) => r.fields.some((f) => /Create|Update/.test(f))
    return {
      url: fake.url,
      close: () => fake.close(),
      count: () => ({ reads: fake.requests.filter((r) => !isWrite(r)).length, writes: fake.requests.filter(isWrite).length }),
      clear: () => void (fake.requests.length = 0),
      tickets: () => fake.issues.length
    }
  }
  const fake = await FakeJira.start({ tokens: { [JIRA_EMAIL]: JIRA_TOKEN }, pats: [JIRA_PAT], searchLag: 0 })
  for (const o of OWNERS.slice(2)) fake.users.push({ accountId: `acct-${o}`, name: o, emailAddress: `${o}@example.com`, displayName: o, active: true })
  const isRead = (r: { method: string; operation?: string }) => r.method === 'GET' || r.operation === 'search'
  return {
    url: fake.url,
    close: () => fake.close(),
    count: () => ({ reads: fake.requests.filter(isRead).length, writes: fake.requests.filter((r) => !isRead(r)).length }),
    clear: () => void (fake.requests.length = 0),
    tickets: () => fake.issues.length
  }
}

function trackerFor(kind: BenchTracker, config: Config, url: string): Tracker {
  if (kind === 'github') return githubTracker(config, url, TRANSPORT)
  if (kind === 'linear') return linearTracker(config, url, TRANSPORT)
  return jiraTracker(config, url, 'cloud', TRANSPORT)
}

async function measure(fake: Fake, work: () => Promise<SyncRunResult | void>): Promise<Measured> {
  fake.clear()
  const start = performance.now()
  const result = await work()
  const ms = performance.now() - start
  const { reads, writes } = fake.count()
  return { requests: reads + writes, reads, writes, ms, ...(result && { counts: result.counts }) }
}

/**
 * The peer: what a script that syncs item by item does. For each open item one request asks whether its
 * ticket exists (by a label or id unique to the item), and a second creates it when it does not.
 */
async function naiveSync(kind: BenchTracker, fake: Fake, repo: MemoryRepo): Promise<void> {
  const items = collectSyncItems([...repo.files].map(([path, text]) => parsePostmortem(text, path))).items.filter((i) => !i.checked)
  const headers: Record<string, string> =
    kind === 'github'
      ? { authorization: `token ${TOKEN}`, 'user-agent': 'naive-sync', accept: 'application/vnd.github+json' }
      : kind === 'linear'
        ? { authorization: LINEAR_KEY, 'content-type': 'application/json' }
        : { authorization: `Basic ${Buffer.from(`${JIRA_EMAIL}:${JIRA_TOKEN}`).toString('base64')}`, 'content-type': 'application/json' }
  for (const item of items) {
    let exists: boolean
    if (kind === 'github') {
      const r = await fetch(`${fake.url}/repos/Codertocat/Hello-World/issues?labels=${encodeURIComponent(keyLabel(item.key))}&state=all`, { headers })
      exists = ((await r.json()) as unknown[]).length > 0
    } else if (kind === 'linear') {
      const r = await fetch(fake.url, { method: 'POST', headers, body: JSON.stringify({ query: 'query($id: [ID!]) { issues(filter: { id: { in: $id } }) { nodes { id } } }', variables: { id: [deterministicUuid(item.key)] } }) })
      exists = ((await r.json()) as { data: { issues: { nodes: unknown[] } } }).data.issues.nodes.length > 0
    } else {
      const r = await fetch(`${fake.url}/rest/api/3/search/jql`, { method: 'POST', headers, body: JSON.stringify({ jql: `project = OPS AND labels = "${keyLabel(item.key)}"`, maxResults: 1 }) })
      exists = ((await r.json()) as { issues: unknown[] }).issues.length > 0
    }
    if (exists) continue
    if (kind === 'github') await fetch(`${fake.url}/repos/Codertocat/Hello-World/issues`, { method: 'POST', headers, body: JSON.stringify({ title: item.summary, labels: ['naive', keyLabel(item.key)] }) })
    else if (kind === 'linear')
      await fetch(fake.url, { method: 'POST', headers, body: JSON.stringify({ query: 'mutation($i: IssueCreateInput!) { issueCreate(input: $i) { success } }', variables: { i: { id: deterministicUuid(item.key), teamId: 'team-eng', title: item.summary } } }) })
    else await fetch(`${fake.url}/rest/api/3/issue`, { method: 'POST', headers, body: JSON.stringify({ fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: item.summary, labels: ['naive', keyLabel(item.key)] } }) })
  }
}

export async function benchTracker(kind: BenchTracker, s: Scenario): Promise<TrackerBench> {
  const owners = Object.fromEntries(OWNERS.map((o) => [o, `${o}@example.com`]))
  const config = syncTestConfig({ tracker: kind, owners, concurrency: 8 })
  const sync = (fake: Fake, repo: MemoryRepo) => runSync(config, { dryRun: false, trackerKind: kind, lineUrl: (p, l) => `https://github.com/acme/app/blob/HEAD/${p}#L${l}` }, repo.adapters(trackerFor(kind, config, fake.url)))

  // Ours: the existing tickets are made by a first sync (not measured), then the new items appear.
  const fake = await startFake(kind)
  const repo = memoryRepo(scenarioFiles(s, false))
  await sync(fake, repo)
  for (const [path, text] of Object.entries(scenarioFiles(s, true))) {
    const current = repo.files.get(path) ?? ''
    // Keep the references the first run wrote back; add the new items' lines.
    const fresh = text.split('\n').filter((line) => line.startsWith('- [ ]') && !current.includes(line.split(' :: ')[0] ?? line))
    repo.files.set(path, fresh.length === 0 ? current : current.replace(/\n$/, `\n${fresh.join('\n')}\n`))
  }
  const changed = await measure(fake, () => sync(fake, repo))
  const unchanged = await measure(fake, () => sync(fake, repo))
  const tickets = fake.tickets()
  await fake.close()

  // The peer, on an identical tracker state: existing tickets made beforehand by itself, then the new items.
  const peer = await startFake(kind)
  const peerRepo = memoryRepo(scenarioFiles(s, false))
  await naiveSync(kind, peer, peerRepo)
  const peerAll = memoryRepo(scenarioFiles(s, true))
  const naive = await measure(peer, () => naiveSync(kind, peer, peerAll))
  await peer.close()
  return { tracker: kind, changed, unchanged, naive, tickets, openItems: s.items }
}
