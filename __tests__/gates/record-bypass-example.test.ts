// The `record-bypass` job of docs/gate.md, run as written: its shell is taken from the doc, the
// `${{ … }}` expressions are substituted as GitHub would, and it runs against a local bare repository
// standing in for the remote, with a concurrent push that moves the branch under it.

import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'

const DOC = readFileSync(new URL('../../docs/gate.md', import.meta.url), 'utf8')

interface Step {
  run?: string
  env?: Record<string, string>
}

/** The job's YAML block in the doc, and its one `run:` step. */
function exampleStep(): Step {
  const block = [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').find((b) => /^\s*record-bypass:/m.test(b))
  if (block === undefined) throw new Error('docs/gate.md has no ```yaml block with the record-bypass job')
  const job = (parse(block) as Record<string, { steps: Step[] }>)['record-bypass']
  const step = job?.steps.find((s) => s.run !== undefined)
  if (!step?.run) throw new Error('the record-bypass job has no run step')
  return step
}

/** GitHub's substitution of `${{ expr }}` before the shell sees the script. */
function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
    const value = values[expr]
    if (value === undefined) throw new Error(`the example uses \${{ ${expr} }}, which this test does not know`)
    return value
  })
}

const temps: string[] = []
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' }
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } })
}

/** A bare "remote" with one commit on main, and a function that clones it. */
function remote(): { origin: string; clone: () => string } {
  const dir = mkdtempSync(join(tmpdir(), 'rl-record-'))
  temps.push(dir)
  const origin = join(dir, 'origin.git')
  git(dir, 'init', '-q', '--bare', '-b', 'main', origin)
  const seed = join(dir, 'seed')
  git(dir, 'clone', '-q', origin, seed)
  writeFileSync(join(seed, 'README.md'), '# agents\n')
  git(seed, 'add', 'README.md')
  git(seed, 'commit', '-qm', 'init')
  git(seed, 'push', '-q', 'origin', 'HEAD:main')
  let n = 0
  return { origin, clone: () => {
    const path = join(dir, `clone-${++n}`)
    git(dir, 'clone', '-q', '-b', 'main', origin, path)
    return path
  } }
}

const record = (pr: number, eventId: number) =>
  JSON.stringify({ ts: '2024-06-01T10:00:02.114Z', repository: 'acme/agents', pull_request: pr, head_sha: `${pr}`.padEnd(40, 'a'), actor: 'ana', allowed_as: 'user', label: 'reliability-bypass', labeled_at: '2024-06-01T10:00:00Z', label_event_id: eventId, gates: ['rollback-plan'], reason: "it's \"urgent\"; $(touch /tmp/pwned) `id`", event: 'pull_request' })

/** Runs the doc's step in `cwd` as the runner would (bash -e, env from the step). */
function runStep(cwd: string, bypass: string): Promise<{ code: number | null; output: string }> {
  const step = exampleStep()
  const values = { 'needs.gate.outputs.bypass': bypass, 'github.event.repository.default_branch': 'main', 'github.event.pull_request.number': String(JSON.parse(bypass).pull_request) }
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: cwd, ...GIT_ENV }
  for (const [name, value] of Object.entries(step.env ?? {})) env[name] = substitute(String(value), values)
  return new Promise((resolve) => {
    const child = spawn('bash', ['-e', '-c', substitute(step.run ?? '', values)], { cwd, env })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    child.on('close', (code) => resolve({ code, output }))
  })
}

const logAt = (clone: string) => readFileSync(join(clone, 'reliability/bypass-log.ndjson'), 'utf8')

describe('docs/gate.md: the record-bypass job, run as written', () => {
  test('the first bypass adds the new log file; the same bypass again is not recorded twice', async () => {
    const { clone } = remote()
    const first = await runStep(clone(), record(17, 101))
    expect(first).toMatchObject({ code: 0 })
    const check = clone()
    expect(logAt(check)).toBe(`${record(17, 101)}\n`)
    expect(git(check, 'log', '-1', '--format=%s')).toBe('Record reliability bypass of #17\n')

    const again = await runStep(clone(), record(17, 101))
    expect(again.code).toBe(0)
    expect(again.output).toContain('already recorded')
    const after = clone()
    expect(logAt(after)).toBe(`${record(17, 101)}\n`)
    expect(existsSync('/tmp/pwned')).toBe(false)
  }, 60_000)

  test('a push that lands between its pull and its push: rebased and retried, no record lost', async () => {
    const { clone } = remote()
    const runner = clone()
    const other = clone()
    // The concurrent writer: the first time the example pushes, another bypass is pushed just before it.
    const hook = join(runner, '.git/hooks/pre-push')
    writeFileSync(
      hook,
      `#!/bin/sh\nif [ ! -f "${join(runner, '.git/raced')}" ]; then\n  touch "${join(runner, '.git/raced')}"\n  cd "${other}" && mkdir -p reliability && printf '%s\\n' '${record(18, 202).replace(/'/g, `'\\''`)}' >> reliability/bypass-log.ndjson && git add reliability && git -c commit.gpgsign=false commit -qm other && git push -q origin HEAD:main\nfi\n`
    )
    chmodSync(hook, 0o755)
    const r = await runStep(runner, record(17, 101))
    expect(r.output).toContain('trying again (1 of 5)')
    expect(r.code).toBe(0)
    const lines = logAt(clone()).trim().split('\n').sort()
    expect(lines).toEqual([record(17, 101), record(18, 202)].sort())
  }, 60_000)

  test('three jobs at once: each record lands exactly once', async () => {
    const { clone } = remote()
    const runs = await Promise.all([1, 2, 3].map((i) => runStep(clone(), record(20 + i, 300 + i))))
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0])
    const lines = logAt(clone()).trim().split('\n').sort()
    expect(lines).toEqual([1, 2, 3].map((i) => record(20 + i, 300 + i)).sort())
  }, 90_000)
})
