// Where `lint` keeps its cache: under node_modules/.cache/reliability-loop when the repository has
// node_modules, else .reliability-loop-cache with a note to ignore it when git would show it untracked.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { main } from '../../src/cli/main.js'
import { makeRepo, POSTMORTEM, removeRepos } from '../review/fixtures.js'

afterAll(removeRepos)

async function lint(cwd: string, argv: string[] = []) {
  let stderr = ''
  const io = { stdout: () => {}, stderr: (t: string) => void (stderr += t), env: {}, cwd, isTTY: false }
  const code = await main(['lint', ...argv], io, { now: () => new Date('2026-11-27T12:00:00Z') })
  return { code, stderr }
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' })

describe('the lint cache folder', () => {
  it('goes under node_modules/.cache/reliability-loop when the repository has node_modules', async () => {
    const root = makeRepo({ 'docs/postmortems/PM-7.md': POSTMORTEM, 'node_modules/.package-lock.json': '{}' })
    expect((await lint(root)).code).not.toBe(2)
    expect(existsSync(path.join(root, 'node_modules/.cache/reliability-loop/lint.json'))).toBe(true)
    expect(existsSync(path.join(root, '.reliability-loop-cache'))).toBe(false)
  })

  it('keeps a configured lint.cache-dir, node_modules or not', async () => {
    const root = makeRepo({ 'docs/postmortems/PM-7.md': POSTMORTEM, 'node_modules/x': '', '.github/reliability.yml': 'lint:\n  cache-dir: .cache/rl\n' })
    await lint(root)
    expect(existsSync(path.join(root, '.cache/rl/lint.json'))).toBe(true)
    expect(existsSync(path.join(root, 'node_modules/.cache'))).toBe(false)
  })

  it('without node_modules, in a git repository that does not ignore it: says once to add it to .gitignore', async () => {
    const root = makeRepo({ 'docs/postmortems/PM-7.md': POSTMORTEM })
    git(root, 'init', '-q')
    const first = await lint(root)
    expect(first.code).not.toBe(2)
    expect(existsSync(path.join(root, '.reliability-loop-cache/lint.json'))).toBe(true)
    expect(first.stderr).toBe('note: the lint cache is in .reliability-loop-cache/; add that line to .gitignore, or set lint.cache-dir (e.g. node_modules/.cache/reliability-loop)\n')
    expect((await lint(root)).stderr).toBe('')
  })

  it('says nothing when .gitignore already covers it, outside git, or with --no-cache', async () => {
    const ignored = makeRepo({ 'docs/postmortems/PM-7.md': POSTMORTEM, '.gitignore': '.reliability-loop-cache/\n' })
    git(ignored, 'init', '-q')
    expect((await lint(ignored)).stderr).toBe('')
    const noGit = makeRepo({ 'docs/postmortems/PM-7.md': POSTMORTEM })
    mkdirSync(path.join(noGit, 'sub'))
    writeFileSync(path.join(noGit, 'sub/x'), '')
    expect((await lint(noGit)).stderr).toBe('')
    const uncached = makeRepo({ 'docs/postmortems/PM-7.md': POSTMORTEM })
    git(uncached, 'init', '-q')
    expect((await lint(uncached, ['--no-cache'])).stderr).toBe('')
  })
})
