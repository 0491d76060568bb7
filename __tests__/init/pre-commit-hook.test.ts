// The README's pre-commit hook, run as git runs it: a staged postmortem whose path has spaces is linted under
// its own name (a lint error stops the commit), a fixed one commits, and a commit without postmortems runs
// nothing. `npx` is a stand-in that runs this checkout's built CLI.
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { REPO_ROOT } from '../helpers/github-server.js'
import { ensureBundle, runnerNode } from '../helpers/run-action.js'

const temps: string[] = []
beforeAll(() => ensureBundle(), 180_000)
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

function readmeHook(): string {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')
  const m = /<!-- pre-commit-hook:[^\n]*-->\n```sh\n([\s\S]*?)```/.exec(readme)
  if (!m?.[1]) throw new Error('README has no pre-commit hook block')
  return m[1]
}

describe('the README pre-commit hook', () => {
  it('lints staged postmortems whose paths contain spaces, and stops a commit on errors', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rl-hook-'))
    temps.push(root)
    const bin = path.join(root, 'bin')
    const repo = path.join(root, 'repo')
    mkdirSync(bin)
    mkdirSync(repo)
    // `npx --no-install reliability-loop …` → the built CLI with the same arguments.
    writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\nshift 2\nexec "${runnerNode()}" "${path.join(REPO_ROOT, 'dist/cli.js')}" "$@"\n`)
    chmodSync(path.join(bin, 'npx'), 0o755)
    const env = { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: root, GIT_CONFIG_NOSYSTEM: '1' }
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, env, encoding: 'utf8' })
    git('init', '-q')
    writeFileSync(path.join(repo, '.git/hooks/pre-commit'), readmeHook())
    chmodSync(path.join(repo, '.git/hooks/pre-commit'), 0o755)

    writeFileSync(path.join(repo, 'notes.txt'), 'no postmortem here\n')
    git('add', '-A')
    const plain = git('commit', '-qm', 'notes')
    expect(plain.status).toBe(0)
    expect(plain.stdout + plain.stderr).toBe('')

    const dir = path.join(repo, 'docs/postmortems/2026 Q4 incidents')
    mkdirSync(dir, { recursive: true })
    copyFileSync(path.join(REPO_ROOT, 'examples/broken/PM-900.md'), path.join(dir, 'PM-900.md'))
    git('add', '-A')
    const refused = git('commit', '-qm', 'broken postmortem')
    expect(refused.status).not.toBe(0)
    expect(refused.stdout + refused.stderr).toContain('docs/postmortems/2026 Q4 incidents/PM-900.md')
    expect(git('log', '--oneline').stdout.trim().split('\n')).toHaveLength(1)

    copyFileSync(path.join(REPO_ROOT, 'docs/postmortems/PM-102.md'), path.join(dir, 'PM-102.md'))
    rmSync(path.join(dir, 'PM-900.md'))
    mkdirSync(path.join(repo, 'logs/missions'), { recursive: true })
    copyFileSync(path.join(REPO_ROOT, 'logs/missions/2026-10-14-mission-1182.ndjson'), path.join(repo, 'logs/missions/2026-10-14-mission-1182.ndjson'))
    git('add', '-A')
    const fixed = git('commit', '-qm', 'postmortem')
    expect(fixed.stdout + fixed.stderr).toMatch(/1 postmortem/)
    expect(fixed.status).toBe(0)
  }, 120_000)
})
