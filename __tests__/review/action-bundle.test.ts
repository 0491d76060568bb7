// End to end: the Action bundle (dist/index.js) with `mode: review`, as the runner runs it (Node 24,
// INPUT_* from action.yml's defaults plus `with:`, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files): the packet
// written into the workspace, the same packet as the job summary, outputs, and data-quality warnings.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { describeWithContract, FakeGitHub } from '../helpers/github-server.js'
import { ensureBundle, runActionBundle } from '../helpers/run-action.js'
import { AUDIT, makeRepo, POSTMORTEM, rec, removeRepos } from './fixtures.js'

const FILES = {
  'docs/postmortems/PM-7.md': POSTMORTEM,
  'logs/incidents/a.ndjson': rec({ ts: '2026-10-14T08:55:00Z', id: 'INC-7', severity: 'Sev2', status: 'triggered', title: 'Loop', postmortem: 'PM-7' }) + rec({ ts: '2026-10-14T10:30:00Z', id: 'INC-7', severity: 'Sev2', status: 'resolved', title: 'Loop', postmortem: 'PM-7' }),
  'logs/incidents/broken.ndjson': `${rec({ ts: '2026-10-20T08:00:00Z', id: 'INC-8', status: 'triggered', severity: 'Sev3' })}{"ts":`,
  'reliability/audits/2026-09.ndjson': AUDIT('2026-09', 'a', { tone: 5 }),
  'reliability/audits/2026-10.ndjson': AUDIT('2026-10', 'b', { tone: 4 })
}

const dirs: string[] = []
function runAction(withInputs: Record<string, string>, more: { workspace?: string; token?: string; apiUrl?: string } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'rl-review-action-'))
  dirs.push(scratch)
  return runActionBundle(scratch, {
    ...more,
    workspace: more.workspace ?? makeRepo(FILES),
    eventName: 'schedule',
    payload: { schedule: '0 6 1 * *', repository: { full_name: 'acme/agents' } },
    with: withInputs,
    sha: '9d5c2f0b6e3a41c7a8f1e2d3c4b5a69788f0e1d2',
    repository: 'acme/agents'
  })
}

beforeAll(ensureBundle, 120_000)
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  removeRepos()
})

describe('the Action bundle with mode: review', () => {
  it('writes the packet, the same packet as the job summary, and the outputs', async () => {
    const run = await runAction({ mode: 'review', 'review-month': '2026-10' })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    // tone fell from 5 to 4: 0.25 on 0–1, above the default red drop of 0.1.
    expect(run.outputs).toEqual({ 'review-file': 'docs/reviews/2026-10.md', 'review-period': '2026-10', 'review-status': 'red' })
    const packet = readFileSync(join(run.workspace, 'docs/reviews/2026-10.md'), 'utf8')
    expect(packet).toMatch(/^# Reliability review: October 2026\n/)
    expect(packet).toContain('| INC-7 | Sev2 | Loop | 2026-10-14 08:55 UTC |')
    expect(packet).toContain('xychart-beta')
    expect(run.summary).toContain(packet.trimEnd())
    expect(run.stdout).toMatch(/^::warning title=Review data quality \(incidents\),file=logs\/incidents\/broken\.ndjson::last line: truncated last line/m)
  })

  it('writes only the summary with review-write: false, and fails on a bad input naming it', async () => {
    const run = await runAction({ mode: 'review', 'review-since': '2026-10-01', 'review-until': '2026-10-15', 'review-write': 'false' })
    expect(run.code).toBe(0)
    expect(run.outputs['review-file']).toBe('')
    expect(run.outputs['review-period']).toBe('2026-10-01_2026-10-15')
    expect(existsSync(join(run.workspace, 'docs/reviews'))).toBe(false)
    expect(run.summary).toContain('# Reliability review: 2026-10-01 to 2026-10-15')

    const bad = await runAction({ mode: 'review', 'review-since': '2026-10-01T10:00' })
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain('::error::input review-since "2026-10-01T10:00" has a time but no zone')

    // A month that has not started: refused, nothing written.
    const future = await runAction({ mode: 'review', 'review-month': '2999-01' })
    expect(future.code).toBe(1)
    expect(future.stdout).toMatch(/^::error::input review-month 2999-01 has not started yet \(it is \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\): review a period that has begun/m)
    expect(existsSync(join(future.workspace, 'docs/reviews'))).toBe(false)
  })
})

describeWithContract('the Action bundle with mode: review and a tracker', () => {
  const TOKEN = 'ghs_review_token'
  let fake: FakeGitHub
  beforeAll(async () => {
    fake = await FakeGitHub.start({ tokens: [TOKEN], owner: 'acme', repo: 'agents' })
  })
  afterAll(async () => {
    await fake.close()
  })

  it('reads the synced items\' issues with the token input: status, closed as not planned, the ticks that disagree', async () => {
    fake.reset()
    const workspace = makeRepo({ ...FILES, '.github/reliability.yml': 'sync:\n  tracker: github\n' })
    const synced = await runAction({ mode: 'sync' }, { workspace, token: TOKEN, apiUrl: fake.url })
    expect(synced.code).toBe(0)
    expect(fake.issueTracker.issues).toHaveLength(2)
    const page = fake.issueTracker.issues.find((i) => i.title.includes('Page on token spend'))
    if (page === undefined) throw new Error('no issue for "Page on token spend"')
    page.state = 'closed'
    page.stateReason = 'not_planned'

    const before = fake.requests.length
    const run = await runAction({ mode: 'review', 'review-month': '2026-10' }, { workspace, token: TOKEN, apiUrl: fake.url })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const packet = readFileSync(join(run.workspace, 'docs/reviews/2026-10.md'), 'utf8')
    expect(packet).toContain('### In GitHub Issues\n\nAs the tracker had them when this packet was made: 2 items with a ticket, 0 open items not synced yet')
    expect(packet).toContain('| ticket status | open items |\n| --- | --- |\n| closed (not planned) | 1 |\n| open | 1 |')
    expect(packet).toContain(`| Page on token spend | @dev-ops | [PM-7](../../docs/postmortems/PM-7.md#L${POSTMORTEM.split('\n').findIndex((l) => l.includes('Page on token spend')) + 1}) | [#${page.number}](https://github.com/acme/agents/issues/${page.number}) closed (not planned) | ticket closed, item open: tick the item, or reopen the ticket |`)
    expect(run.summary).toContain('### In GitHub Issues')
    // The review only reads.
    const reads = fake.requests.slice(before)
    expect(reads.length).toBeGreaterThan(0)
    expect(reads.filter((r) => r.method !== 'GET')).toEqual([])
  })
})
