// End to end: `experiment new → list → validate → conclude` through the built bundle dist/cli.js, as a
// child process (stdin a pipe, so nothing is asked), on Node 24 and the system Node (20 here).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, cpSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const CLI = path.join(REPO, 'dist/cli.js')
const NODE_24 = path.join(REPO, 'node_modules/.bin/node')

function newestMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name)
    return Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }, 0)
}

function systemNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '' || dir.split(/[\\/]/).includes('node_modules')) continue
    const candidate = path.join(dir, 'node')
    if (existsSync(candidate)) return candidate
  }
  return undefined
}

const NODES = [...new Map([NODE_24, systemNode()].filter((n): n is string => n !== undefined && existsSync(n)).map((n) => [realpathSync(n), n])).values()]

const temps: string[] = []
beforeAll(() => {
  const stale = !existsSync(CLI) || statSync(CLI).mtimeMs < Math.max(newestMtime(path.join(REPO, 'src')), statSync(path.join(REPO, 'package-lock.json')).mtimeMs)
  if (stale) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'pipe' })
}, 120_000)
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const key of ['NODE_OPTIONS', 'FORCE_COLOR', 'NO_COLOR', 'DEBUG', 'CI']) delete env[key]
  return env
}

describe.each(NODES)('experiment through dist/cli.js on %s', (node) => {
  let repo: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'rl-exp-e2e-'))
    temps.push(repo)
    cpSync(path.join(REPO, 'docs/experiments'), path.join(repo, 'docs/experiments'), { recursive: true })
  })
  const run = (args: string[]) => spawnSync(node, [CLI, ...args], { cwd: repo, env: cleanEnv(), encoding: 'utf8', timeout: 60_000 })

  it('new → list → validate → conclude → validate', () => {
    const created = run([
      'experiment', 'new', '--format', 'json',
      '--name', 'Refund tool dry-run mode',
      '--owner', '@tomas.silva',
      '--hypothesis', 'A dry run before issue_refund catches duplicate refunds.',
      '--change-type', 'tool',
      '--change-ref', 'agent-tools 1a2b3c4',
      '--metric', 'duplicate_refunds_per_1000:1.9:0',
      '--rollback-trigger', 'any duplicate refund in the reconciliation report',
      '--rollback-step', 'Revert agent-tools 1a2b3c4 and redeploy',
      '--rollback-step', 'Run refund reconciliation for the window'
    ])
    expect(created.stderr).toBe('')
    expect(created.status).toBe(0)
    const doc = JSON.parse(created.stdout) as { path: string; id: string; written: boolean; created: string }
    expect(doc.written).toBe(true)
    expect(doc.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(doc.path).toBe(`docs/experiments/EXP-${doc.created}-refund-tool-dry-run-mode.md`)
    expect(readFileSync(path.join(repo, doc.path), 'utf8')).toMatch(/^---\nid: /)

    const listed = run(['experiment', 'list', '--format', 'json'])
    expect(listed.status).toBe(0)
    expect((JSON.parse(listed.stdout) as { experiments: Array<{ id: string }> }).experiments.map((e) => e.id)).toContain(doc.id)

    const valid = run(['experiment', 'validate'])
    expect(valid.status).toBe(0)
    expect(valid.stdout).toBe('✔ 4 experiment docs, no problems\n')

    // A proposed experiment cannot be concluded: it starts running first.
    const early = run(['experiment', 'conclude', doc.id.slice(0, 8), '--outcome', 'won', '--result', 'duplicate_refunds_per_1000:0'])
    expect(early.status).toBe(2)
    expect(early.stderr).toContain('is still proposed: it never ran, so it cannot have won')
    const file = path.join(repo, doc.path)
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: proposed$/m, 'status: running'))

    const concluded = run(['experiment', 'conclude', doc.id.slice(0, 8), '--outcome', 'won', '--result', 'duplicate_refunds_per_1000:0', '--audit-period', '2026-12'])
    expect(concluded.stderr).toBe('')
    expect(concluded.status).toBe(0)
    expect(concluded.stdout).toBe(`${doc.path}: concluded, outcome won (1 of 1 target met)\n`)
    expect(run(['experiment', 'validate', doc.path]).status).toBe(0)
  })

  it('missing values without a terminal: exit 2, naming the flags, without waiting for input', () => {
    const result = run(['experiment', 'new', '--name', 'x'])
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/^error: missing --owner <owner>, --hypothesis <text>/)
  })

  it('a broken doc fails validate with exit 1', () => {
    const broken = path.join(repo, 'docs/experiments/EXP-2026-12-01-broken.md')
    const text = readFileSync(path.join(repo, 'docs/experiments/EXP-2026-11-18-refund-tool-no-agent-retry.md'), 'utf8')
    writeFileSync(broken, text.replace(/  owner: "@payments-oncall"/, '  owner: TBD'))
    const result = run(['experiment', 'validate', '--format', 'json', broken])
    expect(result.status).toBe(1)
    expect(JSON.parse(result.stdout)).toMatchObject({ summary: { files: 1, invalid: 1, problems: 1 }, experiments: [{ problems: [{ key: 'rollback.owner' }] }] })
    rmSync(broken)
  })
})

