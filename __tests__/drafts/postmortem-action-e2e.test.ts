// End to end on the example repository's data: October incidents without a postmortem → the Action's
// `mode: postmortem` (the built bundle, as the runner runs it) → one draft pull request each against the fake
// GitHub server (requests checked against GitHub's contract) → the drafts lint with warnings only; a re-run
// opens nothing; a run that failed halfway is finished by the next one without duplicates.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { main } from '../../src/cli/main.js'
import { FakeGitHub, REPO_ROOT } from '../helpers/github-server.js'
import { ensureBundle, examplePayload, runActionBundle } from '../helpers/run-action.js'

const TOKEN = 'ghs_postmortem_token'
const SHA = 'a'.repeat(40)
const temps: string[] = []
let fake: FakeGitHub

beforeAll(async () => {
  ensureBundle()
  fake = await FakeGitHub.start({ tokens: [TOKEN] })
}, 180_000)
afterAll(async () => {
  await fake.close()
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

const INC_1020 = [
  { ts: '2026-10-20T07:00:00Z', id: 'INC-1020', severity: 'Sev2', status: 'triggered', title: 'Planner skips approval', commander: 'maria.chen' },
  { ts: '2026-10-20T07:12:00Z', id: 'INC-1020', severity: 'Sev2', status: 'acknowledged', assignee: '@not-a-collaborator', trace_url: 'https://traces.example.com/trace/abc' },
  { ts: '2026-10-20T08:05:00Z', id: 'INC-1020', severity: 'Sev2', status: 'resolved', pagerduty: 'https://example.pagerduty.com/incidents/Q2XYZ' }
]

/** The example repository's postmortems, incidents and missions, the October Sev2 incident above, and a config that also drafts Sev3. */
function workspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rl-pm-action-'))
  temps.push(root)
  for (const dir of ['docs/postmortems', 'logs/incidents', 'logs/missions']) cpSync(path.join(REPO_ROOT, dir), path.join(root, 'workspace', dir), { recursive: true })
  mkdirSync(path.join(root, 'workspace/.github'), { recursive: true })
  // The owners table of the sync mode maps handles to GitHub logins (maria.chen is no GitHub login: no dots).
  writeFileSync(path.join(root, 'workspace/.github/reliability.yml'), 'drafts:\n  missing-severities: [Sev1, Sev2, Sev3]\nsync:\n  owners:\n    maria.chen:\n      github: mchen\n')
  writeFileSync(path.join(root, 'workspace/logs/incidents/INC-2026-10-20-planner.ndjson'), `${INC_1020.map((r) => JSON.stringify(r)).join('\n')}\n`)
  return root
}

async function runPostmortemMode(scratch: string) {
  return runActionBundle(scratch, {
    workspace: path.join(scratch, 'workspace'),
    eventName: 'workflow_dispatch',
    payload: examplePayload('workflow_dispatch'),
    with: { mode: 'postmortem' },
    token: TOKEN,
    sha: SHA,
    repository: `${fake.owner}/${fake.repo}`,
    apiUrl: fake.url,
    env: { GITHUB_REF_NAME: 'main' }
  })
}

async function lintFile(root: string, file: string): Promise<Array<{ rule: string; severity: string }>> {
  let stdout = ''
  const code = await main(['lint', '--format', 'json', '--no-cache', file], { stdout: (t) => (stdout += t), stderr: () => {}, env: {}, cwd: root, isTTY: false })
  expect([0, 1]).toContain(code)
  return (JSON.parse(stdout) as { findings: Array<{ rule: string; severity: string }> }).findings
}

describe('mode: postmortem against the fake GitHub', () => {
  it('opens one labelled, assigned draft pull request per incident without a postmortem; a re-run opens none', async () => {
    fake.reset()
    fake.gate.reset()
    fake.pullWrites.setBranch('main', SHA)
    fake.issueTracker.assignable.add('mchen')
    const scratch = workspace()
    const run = await runPostmortemMode(scratch)
    expect(run.errors).toEqual([])
    expect(run.code).toBe(0)
    expect(run.outputs['draft-count']).toBe('2')

    const pulls = [...fake.gate.pulls.values()].sort((a, b) => a.number - b.number)
    expect(pulls.map((p) => [p.headRef, p.baseRef, p.title])).toEqual([
      ['reliability-loop/postmortem/inc-1020', 'main', 'Postmortem PM-105 (draft) for INC-1020: Planner skips approval'],
      ['reliability-loop/postmortem/inc-1031', 'main', 'Postmortem PM-106 (draft) for INC-1031: Refund tool latency above SLO']
    ])
    expect(pulls.map((p) => p.labels)).toEqual([['postmortem-draft'], ['postmortem-draft']])
    const issues = fake.issueTracker.issues.filter((i) => pulls.some((p) => p.number === i.number))
    expect(issues.map((i) => i.assignees)).toEqual([['mchen'], []])
    expect(run.warnings.map((w) => w.message)).toContain('@not-a-collaborator cannot be assigned in Codertocat/Hello-World; the pull request is not assigned to them')
    // Every write went through the contract: the requests the fake would have refused are not there.
    expect(fake.requests.filter((r) => r.status >= 400 && r.operation !== 'git/get-ref' && r.operation !== 'issues/check-user-can-be-assigned')).toEqual([])
    expect(fake.requestsFor('pulls/create').map((r) => (r.body as { draft?: boolean }).draft)).toEqual([true, true])

    // The drafts as committed, in a checkout: lint finds warnings only.
    const draft105 = fake.pullWrites.files.get('reliability-loop/postmortem/inc-1020')?.get('docs/postmortems/PM-105.md') ?? ''
    const draft106 = fake.pullWrites.files.get('reliability-loop/postmortem/inc-1031')?.get('docs/postmortems/PM-106.md') ?? ''
    expect(draft105).toMatch(/^- Owners: @maria\.chen, @not-a-collaborator$/m)
    expect(draft106).toMatch(/^- Status: draft$/m)
    const checkout = path.join(scratch, 'workspace')
    writeFileSync(path.join(checkout, 'docs/postmortems/PM-105.md'), draft105)
    writeFileSync(path.join(checkout, 'docs/postmortems/PM-106.md'), draft106)
    for (const file of ['docs/postmortems/PM-105.md', 'docs/postmortems/PM-106.md']) {
      const findings = await lintFile(checkout, file)
      expect(findings.filter((f) => f.severity === 'error')).toEqual([])
      expect(findings.length).toBeGreaterThan(0)
    }

    // Again, from a fresh checkout of main: both are found open, nothing is made twice.
    const again = await runPostmortemMode(workspace())
    expect(again.code).toBe(0)
    expect(again.outputs['draft-count']).toBe('0')
    expect(again.stdout).toMatch(/2 already open \(INC-1020 \(#\d+\), INC-1031 \(#\d+\)\)/)
    expect(fake.gate.pulls.size).toBe(2)
  }, 120_000)

  it('a pull request refused halfway fails the run; the next run reuses the branch and commit, and opens it once', async () => {
    fake.reset()
    fake.gate.reset()
    fake.pullWrites.setBranch('main', SHA)
    fake.inject('pulls/create', { kind: 'status', status: 502 })
    const first = await runPostmortemMode(workspace())
    expect(first.code).not.toBe(0)
    expect(first.errors.map((e) => e.message).join('\n')).toMatch(/Could not open the draft pull request for INC-1020/)
    expect(fake.gate.pulls.size).toBe(1)
    const second = await runPostmortemMode(workspace())
    expect(second.errors).toEqual([])
    expect(second.code).toBe(0)
    expect(fake.gate.pulls.size).toBe(2)
    // The branch left by the failed run was reset and reused (one branch per incident), and holds exactly the
    // draft its pull request names: INC-1031's open pull request kept PM-106, so INC-1020 took PM-107.
    expect(fake.requestsFor('git/create-ref').filter((r) => r.status === 201)).toHaveLength(2)
    expect(fake.requestsFor('git/update-ref').map((r) => r.status)).toEqual([200])
    const retried = [...fake.gate.pulls.values()].find((p) => p.headRef === 'reliability-loop/postmortem/inc-1020')
    expect(retried?.title).toMatch(/^Postmortem PM-107 \(draft\) for INC-1020/)
    expect([...(fake.pullWrites.files.get('reliability-loop/postmortem/inc-1020')?.keys() ?? [])]).toEqual(['docs/postmortems/PM-107.md'])
  }, 120_000)
})
