// `reliability-loop sync` in-process through main(argv, io): help, option and credential errors, the
// progress line, colour, and a run against the fake GitHub.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { main, type CliIo } from '../../src/cli/main.js'
import { describeWithContract, FakeGitHub } from '../helpers/github-server.js'
import { postmortemText } from './helpers.js'

const temps: string[] = []
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rl-sync-cli-'))
  temps.push(root)
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    writeFileSync(path.join(root, rel), text)
  }
  return root
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

async function cli(argv: string[], options: { cwd: string; env?: Record<string, string>; tty?: boolean }) {
  let stdout = ''
  let stderr = ''
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: options.env ?? {}, cwd: options.cwd, isTTY: options.tty ?? false, columns: 100 }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

const FILES = { 'docs/postmortems/PM-7.md': postmortemText(7, [{ summary: 'Add an idempotency key', owner: 'ana' }, { summary: 'Done already', checked: true }]) }

describe('reliability-loop sync (CLI)', () => {
  it('--help names the trackers, the environment variables, examples and exit codes', async () => {
    const { code, stdout } = await cli(['sync', '--help'], { cwd: repo({}) })
    expect(code).toBe(0)
    for (const text of ['--tracker <tracker>', '--dry-run', 'GITHUB_TOKEN', 'LINEAR_API_KEY', 'JIRA_API_TOKEN', 'JIRA_PAT', 'Examples:', 'Exit codes:']) expect(stdout).toContain(text)
    expect((await cli(['--help'], { cwd: repo({}) })).stdout).toMatch(/sync \[options\]\s+make every open action item exactly one ticket/)
  })

  it('an unknown tracker or format exits 2; an invalid sync config exits 2 with file and line', async () => {
    expect((await cli(['sync', '--tracker', 'trello'], { cwd: repo({}) })).code).toBe(2)
    expect((await cli(['sync', '--format', 'sarif'], { cwd: repo({}) })).code).toBe(2)
    const bad = await cli(['sync'], { cwd: repo({ '.github/reliability.yml': 'sync:\n  write-back: sometimes\n' }) })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/\.github\/reliability\.yml:2:\d+: sync\.write-back: must be one of commit, pull-request, off/)
  })

  it('without credentials a run that would write exits 2 naming the missing variable, for every tracker; nothing written', async () => {
    const cwd = repo(FILES)
    const cases: Array<[string[], string]> = [
      [[], 'GITHUB_TOKEN'],
      [['--tracker', 'linear'], 'LINEAR_API_KEY'],
      [['--tracker', 'jira'], 'JIRA_API_TOKEN'],
      [['--tracker', 'jira-dc'], 'JIRA_PAT']
    ]
    for (const [args, variable] of cases) {
      const run = await cli(['sync', ...args], { cwd, env: { LINEAR_TEAM: 'ENG', JIRA_BASE_URL: 'https://x.atlassian.net', JIRA_PROJECT: 'OPS', JIRA_EMAIL: 'a@b.c' } })
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toContain(`${variable} is not set`)
      expect(run.stderr).toContain('--dry-run')
    }
    expect(readFileSync(path.join(cwd, 'docs/postmortems/PM-7.md'), 'utf8')).toBe(FILES['docs/postmortems/PM-7.md'])
  })

  it('--dry-run without credentials: planned from the postmortems alone, said so on stderr, the table on stdout, files untouched', async () => {
    const cwd = repo(FILES)
    const run = await cli(['sync', '--dry-run'], { cwd })
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('note: no GitHub token (GITHUB_TOKEN): planned from the postmortems alone, without asking github\n')
    expect(run.stdout).toMatch(/^create\s+–\s+docs\/postmortems\/PM-7\.md:\d+\s+ana\s+2027-01-15\s+Add an idempotency key$/m)
    expect(run.stdout).toContain('1 to create, 0 to update, 0 to close, 1 unchanged')
    expect(readFileSync(path.join(cwd, 'docs/postmortems/PM-7.md'), 'utf8')).toBe(FILES['docs/postmortems/PM-7.md'])
    // Colour only on a terminal, or when asked.
    expect(run.stdout).not.toContain('\u001b[')
    expect((await cli(['sync', '--dry-run', '--color'], { cwd })).stdout).toContain('\u001b[32mcreate')
  })
})

describeWithContract('reliability-loop sync (CLI) against the fake GitHub', () => {
  let fake: FakeGitHub
  beforeAll(async () => {
    fake = await FakeGitHub.start()
    fake.issueTracker.assignable.add('ana')
  })
  afterAll(async () => {
    await fake.close()
  })

  it('shows a progress line on a terminal, erased before the table; writes the reference back', async () => {
    const cwd = repo(FILES)
    const env = { GITHUB_TOKEN: 'ghs_test_token', GITHUB_REPOSITORY: 'Codertocat/Hello-World', GITHUB_API_URL: fake.url }
    const run = await cli(['sync'], { cwd, env, tty: true })
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('syncing 1/1…')
    expect(run.stderr.endsWith('\r\u001b[2K')).toBe(true)
    expect(readFileSync(path.join(cwd, 'docs/postmortems/PM-7.md'), 'utf8')).toContain('[#1](https://github.com/Codertocat/Hello-World/issues/1)')
    const again = await cli(['sync', '--dry-run', '--format', 'json'], { cwd, env })
    expect(JSON.parse(again.stdout)).toMatchObject({ dryRun: true, consulted: true, counts: { created: 0, unchanged: 2 } })
    expect(again.stderr).toBe('')
  })

  it('a slow tracker: the progress line says what the run waits for and for how long; nothing in CI or with --format json', async () => {
    const cwd = repo(FILES)
    const env = { GITHUB_TOKEN: 'ghs_test_token', GITHUB_REPOSITORY: 'Codertocat/Hello-World', GITHUB_API_URL: fake.url }
    fake.inject('issues/list-for-repo', { kind: 'delay', ms: 3300 })
    const slow = await cli(['sync', '--dry-run'], { cwd, env, tty: true })
    expect(slow.code).toBe(0)
    expect(slow.stderr).toContain('\r\u001b[2Kasking github which tickets exist…')
    expect(slow.stderr).toMatch(/asking github which tickets exist… [23] s/)
    expect(slow.stderr.endsWith('\r\u001b[2K')).toBe(true)
    expect(slow.stdout).toMatch(/\d+ to create/)
    for (const quiet of [{ args: ['sync', '--dry-run'], env: { ...env, CI: 'true' } }, { args: ['sync', '--dry-run', '--format', 'json'], env }]) {
      fake.inject('issues/list-for-repo', { kind: 'delay', ms: 1200 })
      const run = await cli(quiet.args, { cwd, env: quiet.env, tty: true })
      expect(run.code).toBe(0)
      expect(run.stderr).toBe('')
    }
  }, 30_000)

  it('a repository the token cannot see stops before writing, with a hint', async () => {
    const cwd = repo(FILES)
    const notFound = await cli(['sync'], { cwd, env: { GITHUB_TOKEN: 'ghs_test_token', GITHUB_REPOSITORY: 'someone/else', GITHUB_API_URL: fake.url } })
    expect(notFound.code).toBe(2)
    expect(notFound.stderr).toContain('hint: check the team or project key, the repository')
  }, 60_000)
})
