// `reliability-loop postmortem new` in-process through main(argv, io), on a copy of the example repository:
// drafts from incidents and from flags, checked by running the real lint on what was written.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from '@jest/globals'
import { main } from '../../src/cli/main.js'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const NOW = () => new Date('2026-11-20T12:00:00Z')

const temps: string[] = []
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

/** A copy of the example repository's postmortems, incidents, missions and config, plus `files`. */
export function exampleRepo(files: Record<string, string> = {}, options: { template?: boolean } = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rl-pm-'))
  temps.push(root)
  for (const dir of ['docs/postmortems', 'logs/incidents', 'logs/missions', '.github']) {
    cpSync(path.join(REPO, dir), path.join(root, dir), { recursive: true, filter: (src) => !src.includes(`${path.sep}workflows`) })
  }
  if (options.template === false) rmSync(path.join(root, 'docs/postmortems/TEMPLATE.md'))
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    writeFileSync(path.join(root, rel), text)
  }
  return root
}

export async function run(root: string, argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd: root, isTTY: false }, { now: NOW })
  return { code, stdout, stderr }
}

/** The real lint over some files: exit code and the JSON findings. */
async function lint(root: string, files: string[]): Promise<{ code: number; findings: Array<{ rule: string; severity: string; message: string }> }> {
  const r = await run(root, ['lint', '--format', 'json', '--no-cache', ...files])
  return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings }
}

describe('postmortem new --incident', () => {
  it('fills in what the records know and lints with warnings only', async () => {
    const root = exampleRepo()
    const r = await run(root, ['postmortem', 'new', '--incident', 'INC-1031'])
    expect(r.stderr).not.toMatch(/lint: /)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Created docs\/postmortems\/PM-105\.md for INC-1031/)
    const text = readFileSync(path.join(root, 'docs/postmortems/PM-105.md'), 'utf8')
    expect(text).toMatch(/^# Incident PM-105: Refund tool latency above SLO$/m)
    expect(text).toMatch(/^- Date: 2026-10-31$/m)
    expect(text).toMatch(/^- Severity: Sev3$/m)
    expect(text).toMatch(/^- Status: draft$/m)
    expect(text).toMatch(/^- Incident: INC-1031$/m)
    expect(text).toMatch(/^- Owners: @TBD$/m)
    // One entry per status change, with the zone the records wrote, in order.
    expect(text).toContain('- 2026-10-31 22:40 +01:00 — Incident triggered.\n- 2026-10-31 23:10 +01:00 — Status triggered → acknowledged.\n- 2026-11-01 01:15 +01:00 — Status acknowledged → resolved.')
    expect(text).toMatch(/Time to detect: 30 min \(detected 2026-10-31 23:10 \+01:00\)\. Time to resolve: 2 h 35 min \(resolved 2026-11-01 01:15 \+01:00\)/)
    // The template's example content is gone; its guidance comments stay.
    expect(text).not.toContain('Tool router looped')
    expect(text).not.toContain('Add a retry budget')
    expect(text).toContain('One task per line')
    const result = await lint(root, ['docs/postmortems/PM-105.md'])
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(result.findings.length).toBeGreaterThan(0)
    expect(result.code).toBe(0)
  })

  it('takes notes, severity changes, owners and links from the records; a linked severity lints with warnings only', async () => {
    const records = [
      { ts: '2026-10-20T07:00:00Z', id: 'INC-1020', severity: 'Sev2', status: 'triggered', title: 'Planner <b>skips</b> approval', commander: 'ana.k' },
      { ts: '2026-10-20T07:12:00Z', id: 'INC-1020', severity: 'Sev2', status: 'acknowledged', assignee: '@li.wu', trace_url: 'https://traces.example.com/trace/abc' },
      { ts: '2026-10-20T07:30:00Z', id: 'INC-1020', severity: 'Sev1', status: 'acknowledged', note: 'Approvals bypassed for 40 orders\u001b[31m', pagerduty: 'https://example.pagerduty.com/incidents/Q2XYZ' },
      { ts: '2026-10-20T08:05:00Z', id: 'INC-1020', severity: 'Sev1', status: 'resolved', ndjson: 'logs/missions/2026-10-14-mission-1182.ndjson' }
    ]
    const root = exampleRepo({ 'logs/incidents/INC-2026-10-20.ndjson': `${records.map((r) => JSON.stringify(r)).join('\n')}\n` })
    const r = await run(root, ['postmortem', 'new', '--incident', 'inc-1020', '--id', 'PM-200'])
    expect(r.code).toBe(0)
    const text = readFileSync(path.join(root, 'docs/postmortems/PM-200.md'), 'utf8')
    expect(text).toMatch(/^- Severity: Sev1$/m)
    expect(text).toMatch(/^- Owners: @ana\.k, @li\.wu$/m)
    expect(text).toMatch(/^- Traces: https:\/\/traces\.example\.com\/trace\/abc$/m)
    expect(text).toMatch(/^- PagerDuty: https:\/\/example\.pagerduty\.com\/incidents\/Q2XYZ$/m)
    expect(text).toMatch(/^- NDJSON: logs\/missions\/2026-10-14-mission-1182\.ndjson$/m)
    expect(text).toContain('- 2026-10-20 07:30 UTC — Severity Sev2 → Sev1; Approvals bypassed for 40 orders.')
    expect(text).toContain('Planner \\<b\\>skips\\</b\\> approval')
    expect(text).not.toContain('\u001b')
    const result = await lint(root, ['docs/postmortems/PM-200.md'])
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([])
  })

  it('an unknown incident is exit 2 with close ids, and nothing is written', async () => {
    const root = exampleRepo()
    const r = await run(root, ['postmortem', 'new', '--incident', 'INC-1013'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/no incident INC-1013 among the 5 incidents/)
    expect(r.stderr).toMatch(/did you mean .*INC-1014/)
    expect(readdirSync(path.join(root, 'docs/postmortems')).sort()).toEqual(['PM-101.md', 'PM-102.md', 'PM-103.md', 'PM-104.md', 'TEMPLATE.md'])
  })

  it('an id in use, a template without a Timeline, an unreadable source: exit 2, nothing written', async () => {
    const root = exampleRepo()
    const taken = await run(root, ['postmortem', 'new', '--incident', 'INC-1031', '--id', 'pm-102'])
    expect(taken.code).toBe(2)
    expect(taken.stderr).toMatch(/PM-102 is already used by docs\/postmortems\/PM-102\.md/)

    const noTimeline = exampleRepo({ 'docs/postmortems/TEMPLATE.md': '# Incident PM-1: x\n\n- Date: 2026-01-01\n\n## Summary\n\ntext\n\n## Root Cause\n\ntext\n' })
    const t = await run(noTimeline, ['postmortem', 'new', '--incident', 'INC-1031'])
    expect(t.code).toBe(2)
    expect(t.stderr).toMatch(/TEMPLATE\.md has no "## Timeline" section/)

    const redis = exampleRepo({ '.github/reliability.yml': 'review:\n  incidents:\n    source: redis\n' })
    const s = await run(redis, ['postmortem', 'new', '--incident', 'INC-1031'])
    expect(s.code).toBe(2)
    expect(s.stderr).toMatch(/REDIS_URL/)

    const none = exampleRepo({ '.github/reliability.yml': 'review:\n  incidents:\n    paths: ["nowhere/*.ndjson"]\n' })
    const n = await run(none, ['postmortem', 'new', '--incident', 'INC-1031'])
    expect(n.code).toBe(2)
    expect(n.stderr).toMatch(/no incident timelines match nowhere/)
    for (const dir of [root, noTimeline, redis, none]) expect(existsSync(path.join(dir, 'docs/postmortems/PM-105.md'))).toBe(false)
  })
})

describe('postmortem new without an incident', () => {
  it('uses the built-in template when the repository has none, and never overwrites', async () => {
    const root = exampleRepo({}, { template: false })
    const r = await run(root, ['postmortem', 'new', '--title', 'Refund tool timed out', '--severity', 'sev 2', '--owner', 'dev-ops'])
    expect(r.code).toBe(0)
    const text = readFileSync(path.join(root, 'docs/postmortems/PM-105.md'), 'utf8')
    expect(text).toMatch(/^# Incident PM-105: Refund tool timed out$/m)
    expect(text).toMatch(/^- Date: 2026-11-20$/m)
    expect(text).toMatch(/^- Severity: Sev2$/m)
    expect(text).toMatch(/^- Owners: @dev-ops$/m)
    for (const section of ['Summary', 'Timeline', 'Root Cause', 'Customer Impact', 'Action Items']) expect(text).toContain(`## ${section}`)
    const result = await lint(root, ['docs/postmortems/PM-105.md'])
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([])
    const again = await run(root, ['postmortem', 'new', '--title', 'Again', '--severity', 'Sev3', '--id', '105'])
    expect(again.code).toBe(2)
    expect(readFileSync(path.join(root, 'docs/postmortems/PM-105.md'), 'utf8')).toBe(text)
    const next = await run(root, ['postmortem', 'new', '--title', 'Next', '--severity', 'Sev3'])
    expect(next.stdout).toMatch(/PM-106\.md/)
  })

  it('without --severity and no incident: exit 2 naming the flag', async () => {
    const r = await run(exampleRepo(), ['postmortem', 'new', '--title', 'x'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/missing --severity/)
  })
})

describe('postmortem new --missing', () => {
  it('drafts every resolved incident of the configured severities that no postmortem names, and says what it counted', async () => {
    const plain = await run(exampleRepo(), ['postmortem', 'new', '--missing'])
    expect(plain.code).toBe(0)
    expect(plain.stdout).toBe('')
    expect(plain.stderr).toMatch(/5 incidents read: 0 need a postmortem, 3 have one, 0 not resolved, 2 of other severities than Sev1, Sev2/)

    const root = exampleRepo({ '.github/reliability.yml': 'drafts:\n  missing-severities: [Sev2, Sev3]\n' })
    const since = await run(root, ['postmortem', 'new', '--missing', '--since', '2026-11-02'])
    expect(since.stderr).toMatch(/0 need a postmortem, 3 have one, 0 not resolved, 1 of other severities than Sev2, Sev3, 1 resolved before --since/)
    const r = await run(root, ['postmortem', 'new', '--missing'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Created docs\/postmortems\/PM-105\.md for INC-1031 \(Status: draft; lint: 0 errors, \d+ warnings to fill in\)$/m)
    // The draft names its incident: a second run finds it covered.
    const again = await run(root, ['postmortem', 'new', '--missing'])
    expect(again.stderr).toMatch(/0 need a postmortem, 4 have one/)
    expect(existsSync(path.join(root, 'docs/postmortems/PM-106.md'))).toBe(false)
  })

  it('takes no per-draft flags', async () => {
    const r = await run(exampleRepo(), ['postmortem', 'new', '--missing', '--incident', 'INC-1031'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--missing drafts every incident/)
  })
})

