// The commit steps of the shipped workflows that write to the branch (backlog-sync, reliability-review,
// transcript-audit), run as the runner runs them (bash -e -o pipefail, the step's env) in a clone of a
// local bare repository, after another push moved the branch: each rebases and pushes, losing nothing.
// Also: one shared concurrency group, never cancel-in-progress.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

const REPO = fileURLToPath(new URL('../../', import.meta.url))

interface Step {
  name?: string
  run?: string
  env?: Record<string, string>
}
interface Workflow {
  concurrency?: { group: string; 'cancel-in-progress': boolean }
  jobs: Record<string, { steps: Step[] }>
}

function workflow(file: string): Workflow {
  return parse(readFileSync(path.join(REPO, '.github/workflows', file), 'utf8')) as Workflow
}

function commitStep(file: string): Step {
  const steps = Object.values(workflow(file).jobs).flatMap((job) => job.steps)
  const step = steps.find((s) => s.run?.includes('git commit'))
  if (!step?.run) throw new Error(`${file} has no commit step`)
  return step
}

const temps: string[] = []
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=someone', '-c', 'user.email=someone@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: 'pipe' })

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    writeFileSync(path.join(root, rel), text)
  }
}

/** A bare "origin" with one commit, the runner's checkout of it, and a second clone for concurrent pushes. */
function setUp(seed: Record<string, string>): { origin: string; runner: string; other: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'rl-commit-step-'))
  temps.push(dir)
  const origin = path.join(dir, 'origin.git')
  git(dir, 'init', '-q', '--bare', '-b', 'main', origin)
  const seedDir = path.join(dir, 'seed')
  git(dir, 'clone', '-q', origin, seedDir)
  write(seedDir, seed)
  git(seedDir, 'checkout', '-q', '-b', 'main')
  git(seedDir, 'add', '-A')
  git(seedDir, 'commit', '-qm', 'seed')
  git(seedDir, 'push', '-q', 'origin', 'main')
  const runner = path.join(dir, 'runner')
  const other = path.join(dir, 'other')
  git(dir, 'clone', '-q', origin, runner)
  git(dir, 'clone', '-q', origin, other)
  return { origin, runner, other }
}

/** Someone else's commit lands on main after the runner checked out. */
function concurrentPush(other: string, files: Record<string, string>, message = 'a merge meanwhile'): void {
  write(other, files)
  git(other, 'add', '-A')
  git(other, 'commit', '-qm', message)
  git(other, 'push', '-q', 'origin', 'main')
}

/** The step's shell as the runner runs it: bash --noprofile --norc -eo pipefail, in the checkout, with its env. */
function runStep(step: Step, cwd: string, env: Record<string, string>) {
  const script = path.join(cwd, '..', `step-${Math.random().toString(36).slice(2)}.sh`)
  writeFileSync(script, step.run ?? '')
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')))
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env: { ...clean, GITHUB_REF_NAME: 'main', ...env }, encoding: 'utf8', timeout: 60_000 })
}

const log = (origin: string) => git(origin, 'log', '--format=%s', 'main').trim().split('\n')
const show = (origin: string, file: string) => git(origin, 'show', `main:${file}`)

const PM = '# Incident PM-1: x\n\n## Action Items\n- [ ] Fix it :: @a :: 2026-12-01\n'

describe('the commit steps of the shipped workflows', () => {
  it('backlog-sync: the ticket references are rebased onto a branch that moved, and pushed', () => {
    const { origin, runner, other } = setUp({ 'docs/postmortems/PM-1.md': PM, 'README.md': 'x\n' })
    concurrentPush(other, { 'README.md': 'changed meanwhile\n' })
    write(runner, { 'docs/postmortems/PM-1.md': PM.replace('2026-12-01', '2026-12-01 [#12](https://github.com/o/r/issues/12)') })
    const result = runStep(commitStep('backlog-sync.yml'), runner, { CHANGED: 'docs/postmortems/PM-1.md\n' })
    expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 0 })
    expect(result.stdout).toContain('The push was refused (attempt 1 of 5)')
    expect(log(origin)).toEqual(['Postmortems: link action items to their tickets (reliability-loop sync)', 'a merge meanwhile', 'seed'])
    expect(show(origin, 'docs/postmortems/PM-1.md')).toContain('[#12]')
    expect(show(origin, 'README.md')).toBe('changed meanwhile\n')
  }, 60_000)

  it('reliability-review: the packet is rebased and pushed; an unchanged packet commits nothing', () => {
    const { origin, runner, other } = setUp({ 'docs/reviews/.keep': '', 'README.md': 'x\n' })
    concurrentPush(other, { 'reliability/audits/2026-10.ndjson': '{}\n' }, 'audit records meanwhile')
    write(runner, { 'docs/reviews/2026-10.md': '# Reliability review: October 2026\n' })
    const step = commitStep('reliability-review.yml')
    const env = { FILE: 'docs/reviews/2026-10.md', PERIOD: '2026-10' }
    const result = runStep(step, runner, env)
    expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 0 })
    expect(log(origin)).toEqual(['Reliability review packet for 2026-10', 'audit records meanwhile', 'seed'])
    const again = runStep(step, runner, env)
    expect(again.status).toBe(0)
    expect(again.stdout).toContain('The packet for 2026-10 is unchanged.')
    expect(log(origin)).toHaveLength(3)
  }, 60_000)

  it('transcript-audit: the records are rebased and pushed, even after two more pushes', () => {
    const { origin, runner, other } = setUp({ 'reliability/audits/.keep': '', 'README.md': 'x\n' })
    concurrentPush(other, { 'a.txt': '1\n' }, 'first meanwhile')
    concurrentPush(other, { 'b.txt': '2\n' }, 'second meanwhile')
    write(runner, { 'reliability/audits/2026-10.ndjson': '{"transcript":"a"}\n' })
    const result = runStep(commitStep('transcript-audit.yml'), runner, { FILE: 'reliability/audits/2026-10.ndjson', RECORDS: '1' })
    expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 0 })
    expect(log(origin)[0]).toBe('reliability/audits/2026-10.ndjson: 1 new audit records (reliability-loop audit)')
    expect(log(origin)).toContain('second meanwhile')
    expect(show(origin, 'reliability/audits/2026-10.ndjson')).toBe('{"transcript":"a"}\n')
  }, 60_000)

  it('stops with an error naming the branch when the rebase conflicts, pushing nothing', () => {
    const { origin, runner, other } = setUp({ 'docs/reviews/2026-10.md': 'old\n' })
    concurrentPush(other, { 'docs/reviews/2026-10.md': 'someone else\'s edit\n' }, 'conflicting edit')
    write(runner, { 'docs/reviews/2026-10.md': 'the packet\n' })
    const result = runStep(commitStep('reliability-review.yml'), runner, { FILE: 'docs/reviews/2026-10.md', PERIOD: '2026-10' })
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('::error::Rebasing onto main failed (a conflicting change); run the workflow again.')
    expect(log(origin)).toEqual(['conflicting edit', 'seed'])
  }, 60_000)

  it('share one concurrency group that never cancels a run in progress', () => {
    const groups = ['backlog-sync.yml', 'reliability-review.yml', 'transcript-audit.yml'].map((file) => workflow(file).concurrency)
    for (const group of groups) expect(group).toEqual({ group: 'reliability-loop-commits', 'cancel-in-progress': false })
  })
})
