// `reliability-loop review` in-process, and once end to end through the built dist/cli.js.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { main } from '../../src/cli/main.js'
import { AUDIT, makeRepo, POSTMORTEM, rec, removeRepos } from './fixtures.js'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const CLI = path.join(REPO, 'dist/cli.js')
const NOW = () => new Date('2026-11-27T12:00:00Z')
afterAll(removeRepos)

const FILES = {
  'docs/postmortems/PM-7.md': POSTMORTEM,
  'logs/incidents/a.ndjson': rec({ ts: '2026-10-14T08:55:00Z', id: 'INC-7', severity: 'Sev2', status: 'triggered', title: 'Loop' }) + rec({ ts: '2026-10-14T10:30:00Z', id: 'INC-7', severity: 'Sev2', status: 'resolved', title: 'Loop' }),
  'logs/incidents/bad.ndjson': '{"ts": nope\n',
  'reliability/audits/2026-10.ndjson': AUDIT('2026-10', 'c', { tone: 3 })
}

async function cli(argv: string[], cwd: string) {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: '1' }, cwd, isTTY: false }, { now: NOW })
  return { code, stdout, stderr }
}

describe('review command', () => {
  it('prints last month\'s packet by default', async () => {
    const { code, stdout, stderr } = await cli(['review'], makeRepo(FILES))
    expect(code).toBe(0)
    expect(stdout).toMatch(/^# Reliability review: October 2026\n/)
    expect(stdout).toContain('| INC-7 | Sev2 | Loop |')
    // bad.ndjson: its one line is not JSON, so it has no record.
    expect(stderr).toBe('note: 2 data-quality notes; see the packet\'s "Data quality" section\n')
    expect(stdout).toContain('| incidents | `logs/incidents/bad.ndjson` | no readable record: the incident is left out |')
  })

  it('writes docs/reviews/<month>.md with --write, replacing it on a re-run, byte for byte the same', async () => {
    const root = makeRepo(FILES)
    const first = await cli(['review', '--month', '2026-10', '--write'], root)
    expect(first).toMatchObject({ code: 0, stdout: '' })
    expect(first.stderr).toContain('wrote docs/reviews/2026-10.md\n')
    const written = readFileSync(path.join(root, 'docs/reviews/2026-10.md'), 'utf8')
    await cli(['review', '--month', '2026-10', '--write'], root)
    expect(readFileSync(path.join(root, 'docs/reviews/2026-10.md'), 'utf8')).toBe(written)
    expect(readdirSync(path.join(root, 'docs/reviews'))).toEqual(['2026-10.md'])
    // Reading only: no lint cache left in the repository.
    expect(existsSync(path.join(root, '.reliability-loop-cache'))).toBe(false)
  })

  it('prints JSON with --format json, and writes --output', async () => {
    const root = makeRepo(FILES)
    const { code, stdout, stderr } = await cli(['review', '--since', '2026-10-10', '--until', '2026-10-20', '--format', 'json'], root)
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const json = JSON.parse(stdout) as { period: { label: string }; incidents: unknown[] }
    expect(json.period.label).toBe('2026-10-10_2026-10-20')
    expect(json.incidents).toHaveLength(1)
    expect((await cli(['review', '--days', '60', '--output', 'out/r.md'], root)).code).toBe(0)
    expect(readFileSync(path.join(root, 'out/r.md'), 'utf8')).toMatch(/^# Reliability review: 2026-09-28 to 2026-11-27\n/)
  })

  it('exits 2 with a hint on a bad period', async () => {
    const root = makeRepo(FILES)
    const bad = await cli(['review', '--month', '2026-13'], root)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe('error: --month must be a month as YYYY-MM, e.g. 2026-10 (got "2026-13")\nhint: e.g. --month 2026-10, --since 2026-10-01 --until 2026-10-31, or --days 30\n')
    expect((await cli(['review', '--month', '2026-10', '--days', '3'], root)).code).toBe(2)
    expect((await cli(['review', '--since', '2026-10-01T10:00'], root)).stderr).toMatch(/no zone/)
    expect((await cli(['review', '--format', 'pdf'], root)).code).toBe(2)
  })

  it('refuses a month that has not started (exit 2), and labels the current one "to date"', async () => {
    const root = makeRepo(FILES)
    const future = await cli(['review', '--month', '2027-01'], root)
    expect(future).toMatchObject({ code: 2, stdout: '' })
    expect(future.stderr).toContain('error: --month 2027-01 has not started yet (it is 2026-11-27 12:00 UTC): review a period that has begun; the current month is reviewed to date\n')
    const current = await cli(['review', '--month', '2026-11'], root)
    expect(current.code).toBe(0)
    expect(current.stdout).toMatch(/^# Reliability review: November 2026 \(to date\)\n/)
  })

  it('documents the surface in --help', async () => {
    const { stdout } = await cli(['review', '--help'], makeRepo({}))
    for (const flag of ['--month', '--since', '--until', '--days', '--format', '--output', '--write', 'Examples:', 'Exit codes:']) expect(stdout).toContain(flag)
  })
})

function newest(dir: string): number {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return latest
}

describe('review through dist/cli.js', () => {
  beforeAll(() => {
    if (!existsSync(CLI) || statSync(CLI).mtimeMs < newest(path.join(REPO, 'src'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'pipe' })
  }, 120_000)

  it('writes the packet of a month', () => {
    const root = makeRepo(FILES)
    const run = spawnSync(process.execPath, [CLI, 'review', '--month', '2026-10', '--write'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
    expect(run.stderr).toContain('wrote docs/reviews/2026-10.md')
    expect(run.status).toBe(0)
    const md = readFileSync(path.join(root, 'docs/reviews/2026-10.md'), 'utf8')
    expect(md).toContain('xychart-beta')
    expect(md).toContain('`logs/incidents/bad.ndjson`')
  })
})
