// Every mode defaults --root to the repository root (git's top level, or the nearest folder upward with
// .github/reliability.yml), so running from a subfolder sees the whole repository; paths given on the
// command line stay relative to the current directory.
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { main } from '../../src/cli/main.js'
import { findRepositoryRoot } from '../../src/cli/paths.js'
import { AUDIT, makeRepo, POSTMORTEM, removeRepos } from '../review/fixtures.js'

const NOW = () => new Date('2026-11-27T12:00:00Z')
afterAll(removeRepos)

async function cli(argv: string[], cwd: string) {
  let stdout = ''
  let stderr = ''
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), env: { NO_COLOR: '1' }, cwd, isTTY: false }
  const code = await main(argv, io, { now: NOW })
  return { code, stdout, stderr }
}

const BROKEN = POSTMORTEM.replace(/PM-7/g, 'PM-8').replace('- Severity: Sev2\n', '')

/** A repository with a `.git` folder (as `git init` leaves), two postmortems and an audit month. */
function gitRepo(extra: Record<string, string> = {}): string {
  const root = makeRepo({
    'docs/postmortems/PM-7.md': POSTMORTEM,
    'docs/postmortems/PM-8.md': BROKEN,
    'reliability/audits/2026-10.ndjson': AUDIT('2026-10', 'c', { tone: 3 }),
    ...extra
  })
  mkdirSync(path.join(root, '.git'))
  return root
}

describe('findRepositoryRoot', () => {
  it('walks up to the folder with .git', () => {
    const root = gitRepo()
    expect(findRepositoryRoot(path.join(root, 'docs/postmortems'))).toBe(root)
    expect(findRepositoryRoot(root)).toBe(root)
  })

  it('walks up to the nearest folder with .github/reliability.yml (or .yaml) when there is no .git', () => {
    const root = makeRepo({ '.github/reliability.yaml': '', 'a/b/c.txt': '' })
    expect(findRepositoryRoot(path.join(root, 'a/b'))).toBe(root)
  })

  it('stops at a nested project with its own config before the git top level', () => {
    const root = gitRepo({ 'services/agent/.github/reliability.yml': '', 'services/agent/docs/x.md': '' })
    expect(findRepositoryRoot(path.join(root, 'services/agent/docs'))).toBe(path.join(root, 'services/agent'))
  })

  it('is the current directory outside any repository', () => {
    const dir = makeRepo({ 'a/x.txt': '' })
    // The temp directory may itself lie in a checkout; only assert when it does not.
    const found = findRepositoryRoot(path.join(dir, 'a'))
    if (!found.startsWith(dir)) return
    expect(found).toBe(path.join(dir, 'a'))
  })
})

describe('running from a subfolder', () => {
  it('lint from docs/postmortems finds the postmortems of the repository', async () => {
    const root = gitRepo()
    const { code, stdout } = await cli(['lint', '--format', 'json'], path.join(root, 'docs/postmortems'))
    expect(code).toBe(1)
    const report = JSON.parse(stdout) as { summary: { files: number }; findings: Array<{ path: string }> }
    expect(report.summary.files).toBe(2)
    expect(report.findings.map((f) => f.path)).toContain('docs/postmortems/PM-8.md')
  })

  it('lint from a subfolder keeps path arguments relative to the current directory', async () => {
    const root = gitRepo()
    const { code, stdout } = await cli(['lint', 'PM-8.md', '--format', 'json'], path.join(root, 'docs/postmortems'))
    expect(code).toBe(1)
    expect(JSON.parse(stdout)).toMatchObject({ summary: { files: 1 }, findings: [{ path: 'docs/postmortems/PM-8.md' }] })
  })

  it('reads the config of the repository root from a subfolder', async () => {
    const root = gitRepo({ '.github/reliability.yml': 'lint:\n  rules:\n    PM002: "off"\n' })
    const { stdout } = await cli(['lint', '--format', 'json'], path.join(root, 'docs/postmortems'))
    const report = JSON.parse(stdout) as { summary: { files: number }; findings: Array<{ rule: string }> }
    expect(report.summary.files).toBe(2)
    expect(report.findings.map((f) => f.rule)).not.toContain('PM002')
  })

  it('review --write from a subfolder writes under the root\'s docs/reviews/', async () => {
    const root = gitRepo()
    const cwd = path.join(root, 'docs/postmortems')
    const { code, stderr } = await cli(['review', '--month', '2026-10', '--write'], cwd)
    expect(code).toBe(0)
    expect(stderr).toContain('wrote docs/reviews/2026-10.md')
    expect(existsSync(path.join(root, 'docs/reviews/2026-10.md'))).toBe(true)
    expect(existsSync(path.join(cwd, 'docs'))).toBe(false)
    expect(readFileSync(path.join(root, 'docs/reviews/2026-10.md'), 'utf8')).toContain('PM-7')
  })

  it('experiment list from a subfolder finds the experiment docs of the root', async () => {
    const root = gitRepo({ 'docs/experiments/EXP-1.md': '---\nid: x\n---\n' })
    const { stdout, stderr } = await cli(['experiment', 'list', '--format', 'json'], path.join(root, 'docs/postmortems'))
    expect(stderr).not.toContain('no experiment docs found')
    expect(stdout).toContain('EXP-1')
  })

  it('an explicit --root is still relative to the current directory', async () => {
    const root = gitRepo()
    const { code, stdout } = await cli(['lint', '--root', '../..', '--format', 'json'], path.join(root, 'docs/postmortems'))
    expect(code).toBe(1)
    expect(JSON.parse(stdout)).toMatchObject({ summary: { files: 2 } })
  })
})
