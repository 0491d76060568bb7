// End to end: the built bundle dist/cli.js as a child process against a temp repository, on the Node 24
// devDependency (node_modules/.bin/node) and on the system Node (Node 20 here; the CLI supports >= 20).
// Under `npm test`/`npx jest` the tests themselves run on the Node 24 from node_modules/.bin, so the
// system Node is found on PATH outside node_modules; process.execPath is used too when it is another one.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { VERSION } from '../../src/version.js'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const CLI = path.join(REPO, 'dist/cli.js')
const NODE_24 = path.join(REPO, 'node_modules/.bin/node')

const GOOD = `# Incident PM-7: Planner agent retried a refund twice

- Date: 2024-03-05
- Severity: Sev3
- Owners: @maria.chen

## Summary
The planner issued a duplicate refund.

## Timeline
- 2024-03-05 09:02 UTC — Alert fired.
- 2024-03-05 09:30 UTC — Rolled back.

## Root Cause
Missing idempotency key on the refund tool.

## Customer Impact
Two customers were refunded twice.

## Action Items
- [ ] Add an idempotency key to the refund tool :: @maria.chen :: 2024-04-01
`

/** Severity missing (PM002) and an action item without a checkbox (PM007). */
const BROKEN = GOOD.replace(/PM-7/g, 'PM-8')
  .replace('- Severity: Sev3\n', '')
  .replace('- [ ] Add an idempotency key', '- Add an idempotency key')

function newestMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name)
    return Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }, 0)
}

let repo: string

beforeAll(() => {
  // Build the bundle when it is missing or older than the sources, rather than skip or test stale code.
  const stale = !existsSync(CLI) || statSync(CLI).mtimeMs < Math.max(newestMtime(path.join(REPO, 'src')), statSync(path.join(REPO, 'package-lock.json')).mtimeMs)
  if (stale) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'pipe' })

  repo = mkdtempSync(path.join(tmpdir(), 'rl-e2e-'))
  mkdirSync(path.join(repo, 'docs/postmortems'), { recursive: true })
  writeFileSync(path.join(repo, 'docs/postmortems/PM-7.md'), GOOD)
  writeFileSync(path.join(repo, 'docs/postmortems/PM-8.md'), BROKEN)
}, 120_000)

afterAll(() => {
  if (repo) rmSync(repo, { recursive: true, force: true })
})

/** The environment of a user's shell: no colour overrides, no debug, no jest NODE_OPTIONS. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const key of ['NODE_OPTIONS', 'FORCE_COLOR', 'NO_COLOR', 'DEBUG', 'CI']) delete env[key]
  return env
}

interface Report {
  findings: Array<{ path: string; line: number; column: number; rule: string; severity: string; message: string }>
  summary: { files: number; errors: number; warnings: number }
}

/** The first `node` on PATH that is not inside a node_modules directory: the user's own Node. */
function systemNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '' || dir.split(/[\\/]/).includes('node_modules')) continue
    const candidate = path.join(dir, process.platform === 'win32' ? 'node.exe' : 'node')
    if (existsSync(candidate)) return candidate
  }
  return undefined
}

const nodeVersion = (node: string): string => execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()

function nodesToTest(): Array<[string, string]> {
  const seen = new Set<string>()
  const nodes: Array<[string, string]> = []
  for (const [label, node] of [
    ['node_modules/.bin/node', NODE_24],
    ['the system Node', systemNode()],
    ['the Node running the tests', process.execPath]
  ] as const) {
    if (node === undefined || !existsSync(node)) continue
    const real = realpathSync(node)
    if (seen.has(real)) continue
    seen.add(real)
    nodes.push([`${label} (${nodeVersion(node)})`, node])
  }
  return nodes
}

const NODES = nodesToTest()

it('runs on Node 24 and on a Node 20', () => {
  const majors = NODES.map(([, node]) => Number(/^v(\d+)/.exec(nodeVersion(node))?.[1]))
  expect(majors).toContain(24)
  expect(majors.some((m) => m === 20)).toBe(true)
})

describe.each(NODES)('dist/cli.js on %s', (_name, node) => {
  const run = (args: string[], cwd = repo) => spawnSync(node, [CLI, ...args], { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 60_000 })

  it('is a supported Node', () => {
    const major = Number(/^v(\d+)/.exec(nodeVersion(node))?.[1])
    expect(major).toBeGreaterThanOrEqual(20)
    if (node === NODE_24) expect(major).toBe(24)
  })

  it('prints its version', () => {
    const result = run(['--version'])
    expect(result.status).toBe(0)
    expect(result.stdout).toBe(`${VERSION}\n`)
  })

  it('lints a repository with one good and one broken postmortem: exit 1 and the JSON contract', () => {
    const result = run(['lint', '--format', 'json', '--no-cache'])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(1)
    const report = JSON.parse(result.stdout) as Report
    expect(Object.keys(report)).toEqual(['findings', 'summary'])
    expect(report.summary).toEqual({ files: 2, errors: 2, warnings: 0 })
    expect(report.findings.map((f) => [f.path, f.rule, f.severity])).toEqual([
      ['docs/postmortems/PM-8.md', 'PM002', 'error'],
      ['docs/postmortems/PM-8.md', 'PM007', 'error']
    ])
    for (const f of report.findings) expect(Object.keys(f)).toEqual(['path', 'line', 'column', 'rule', 'severity', 'message'])
  })

  it('exits 0 for the good postmortem alone, from a subdirectory with --root', () => {
    const result = run(['lint', 'PM-7.md', '--root', '../..', '--no-cache'], path.join(repo, 'docs/postmortems'))
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toBe('✔ 1 postmortem, no problems\n')
  })

  it('prints the text report without colour when piped', () => {
    const result = run(['lint', '--no-cache'])
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('docs/postmortems/PM-8.md\n')
    expect(result.stdout).toContain('✖ 2 problems (2 errors, 0 warnings) in 1 file\n')
    expect(result.stdout).not.toContain('\u001b[')
    expect(result.stderr).toBe('')
  })

  it('exits 2 for an unknown option and for a missing file, without a stack trace', () => {
    const unknown = run(['lint', '--frobnicate'])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toContain("error: unknown option '--frobnicate'")
    const missing = run(['lint', 'docs/postmortems/PM-404.md'])
    expect(missing.status).toBe(2)
    expect(missing.stderr.split('\n')[0]).toBe('error: docs/postmortems/PM-404.md: no such file or directory')
    for (const r of [unknown, missing]) expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('exits 2 with file:line:column for an invalid config', () => {
    const bad = mkdtempSync(path.join(tmpdir(), 'rl-e2e-config-'))
    try {
      mkdirSync(path.join(bad, '.github'))
      writeFileSync(path.join(bad, '.github/reliability.yml'), 'lint:\n  concurrency: -1\n')
      const result = run(['lint'], bad)
      expect(result.status).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(/^error: \.github\/reliability\.yml:2:16: lint\.concurrency: /)
    } finally {
      rmSync(bad, { recursive: true, force: true })
    }
  })
})
