// In-process tests of `main(argv, io)`: every option, every exit code, the JSON contract.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { main, type CliDeps } from '../../src/cli/main.js'
import { createNodeLintAdapters } from '../../src/io/node-adapters.js'
import type { Config } from '../../src/config/types.js'
import { RULES } from '../../src/lint/rules/index.js'
import { VERSION } from '../../src/version.js'

const NOW = () => new Date('2026-11-27T12:00:00Z')

const GOOD = `# Incident PM-7: Planner agent retried a refund twice

- Date: 2026-10-14
- Severity: Sev3
- Owners: @maria.chen

## Summary
The planner issued a duplicate refund.

## Timeline
- 2026-10-14 09:02 UTC — Alert fired.
- 2026-10-14 09:30 UTC — Rolled back.

## Root Cause
Missing idempotency key on the refund tool.

## Customer Impact
Two customers were refunded twice.

## Action Items
- [ ] Add an idempotency key to the refund tool :: @maria.chen :: 2026-12-15
`

/** PM002 (Severity missing) is its only problem: an error. */
const BROKEN = GOOD.replace(/PM-7/g, 'PM-8').replace('- Severity: Sev3\n', '')

/** Root Cause before Timeline: PM005, a warning by default, and nothing else. */
const WARNS = GOOD.replace(/PM-7/g, 'PM-9').replace(
  '## Timeline\n- 2026-10-14 09:02 UTC — Alert fired.\n- 2026-10-14 09:30 UTC — Rolled back.\n\n## Root Cause\nMissing idempotency key on the refund tool.\n',
  '## Root Cause\nMissing idempotency key on the refund tool.\n\n## Timeline\n- 2026-10-14 09:02 UTC — Alert fired.\n- 2026-10-14 09:30 UTC — Rolled back.\n'
)

const temps: string[] = []

/** A repository in a temp directory: files by repository-relative path. */
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rl-cli-'))
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

interface RunOptions {
  cwd: string
  env?: Record<string, string>
  isTTY?: boolean
  stderrIsTTY?: boolean
  deps?: Partial<CliDeps>
}

async function cli(argv: string[], options: RunOptions) {
  let stdout = ''
  let stderr = ''
  const code = await main(
    argv,
    {
      stdout: (t) => {
        stdout += t
      },
      stderr: (t) => {
        stderr += t
      },
      env: options.env ?? {},
      cwd: options.cwd,
      isTTY: options.isTTY ?? false,
      stderrIsTTY: options.stderrIsTTY ?? false
    },
    { now: NOW, ...options.deps }
  )
  return { code, stdout, stderr }
}

// eslint-disable-next-line no-control-regex
const ANSI_RE = /\u001b\[\d+m/

const PM = 'docs/postmortems'
let good: string // PM-7 only
let mixed: string // PM-7 good, PM-8 error, PM-9 warning
let warnsOnly: string // PM-7 good, PM-9 warning

beforeAll(() => {
  good = repo({ [`${PM}/PM-7.md`]: GOOD })
  mixed = repo({ [`${PM}/PM-7.md`]: GOOD, [`${PM}/PM-8.md`]: BROKEN, [`${PM}/PM-9.md`]: WARNS, 'README.md': '# not a postmortem\n' })
  warnsOnly = repo({ [`${PM}/PM-7.md`]: GOOD, [`${PM}/PM-9.md`]: WARNS })
})

describe('program', () => {
  it('--help lists the modes, examples and exit codes on stdout', async () => {
    const { code, stdout, stderr } = await cli(['--help'], { cwd: good })
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toContain('Usage: reliability-loop <mode> [options]')
    expect(stdout).toMatch(/Modes:\n\s+lint \[options\] \[paths\.\.\.\]\s+check incident postmortems against the template/)
    expect(stdout).toContain('Examples:')
    expect(stdout).toContain('$ reliability-loop lint --format sarif > results.sarif')
    expect(stdout).toContain('Exit codes: 0 no errors, 1 problems found, 2 usage or configuration error, 3 internal error')
  })

  it('--version and -v print the version', async () => {
    for (const flag of ['--version', '-v']) {
      const { code, stdout } = await cli([flag], { cwd: good })
      expect(code).toBe(0)
      expect(stdout).toBe(`${VERSION}\n`)
    }
  })

  it('without a mode prints the help on stderr and exits 2', async () => {
    const { code, stdout, stderr } = await cli([], { cwd: good })
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('Usage: reliability-loop <mode> [options]')
  })

  it('an unknown mode exits 2', async () => {
    const { code, stderr } = await cli(['triage'], { cwd: good })
    expect(code).toBe(2)
    expect(stderr).toContain("error: unknown command 'triage'")
  })

  it('`help lint` shows the help of the mode', async () => {
    const { code, stdout } = await cli(['help', 'lint'], { cwd: good })
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: reliability-loop lint [options] [paths...]')
  })
})

describe('lint --help', () => {
  it('documents every option, examples (pre-commit, SARIF) and the exit codes', async () => {
    const { code, stdout } = await cli(['lint', '--help'], { cwd: good })
    expect(code).toBe(0)
    for (const option of ['--format <format>', '--output <file>', '--config <file>', '--root <dir>', '--rule <id=setting>', '--quiet', '--max-warnings <n>', '--no-cache', '--concurrency <n>', '--color', '--no-color']) {
      expect(stdout).toContain(option)
    }
    expect(stdout).toContain("reliability-loop lint $(git diff --cached --name-only --diff-filter=AM -- 'docs/postmortems/PM-*.md')")
    expect(stdout).toContain('reliability-loop lint --format sarif > results.sarif')
    expect(stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 .*DEBUG=reliability-loop/)
  })
})

describe('lint: results and exit codes', () => {
  it('exits 0 and says so when every postmortem is clean', async () => {
    const { code, stdout, stderr } = await cli(['lint'], { cwd: good })
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '✔ 1 postmortem, no problems\n', stderr: '' })
  })

  it('exits 1 on errors and prints them grouped by file', async () => {
    const { code, stdout, stderr } = await cli(['lint'], { cwd: mixed })
    expect(code).toBe(1)
    expect(stderr).toBe('')
    const lines = stdout.split('\n')
    expect(lines[0]).toBe(`${PM}/PM-8.md`)
    expect(lines[1]).toMatch(/^ {2}\d+:\d+ +error +Metadata "Severity" is missing.* {2}PM002$/)
    expect(lines).toContain(`${PM}/PM-9.md`)
    expect(stdout).toMatch(/ {2}\d+:\d+ +warning +.* {2}PM005\n/)
    expect(stdout.endsWith('✖ 2 problems (1 error, 1 warning) in 2 files\n')).toBe(true)
    expect(stdout).not.toMatch(ANSI_RE)
  })

  it('exits 0 when there are only warnings', async () => {
    const { code, stdout } = await cli(['lint'], { cwd: warnsOnly })
    expect(code).toBe(0)
    expect(stdout).toContain('✖ 1 problem (0 errors, 1 warning) in 1 file')
  })

  it('exits 3 on an unexpected error, with one line and a pointer to DEBUG but no stack', async () => {
    const runLint: CliDeps['runLint'] = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')\n    at somewhere")
    }
    const { code, stdout, stderr } = await cli(['lint'], { cwd: good, deps: { runLint } })
    expect(code).toBe(3)
    expect(stdout).toBe('')
    expect(stderr).toBe("error: unexpected internal error: Cannot read properties of undefined (reading 'x')\nrun with DEBUG=reliability-loop for details\n")
  })

  it('prints the stack of an unexpected error with DEBUG=reliability-loop', async () => {
    const runLint: CliDeps['runLint'] = async () => {
      throw new Error('boom')
    }
    const { code, stderr } = await cli(['lint'], { cwd: good, env: { DEBUG: 'reliability-loop' }, deps: { runLint } })
    expect(code).toBe(3)
    expect(stderr).toContain('error: unexpected internal error: boom\n')
    expect(stderr).toMatch(/Error: boom\n\s+at /)
    expect(stderr).not.toContain('run with DEBUG')
  })

  it('exits 3 for a non-Error throw too', async () => {
    const runLint: CliDeps['runLint'] = () => Promise.reject('a string') // eslint-disable-line prefer-promise-reject-errors
    const { code, stderr } = await cli(['lint'], { cwd: good, deps: { runLint } })
    expect(code).toBe(3)
    expect(stderr.split('\n')[0]).toBe('error: unexpected internal error: a string')
  })
})

describe('lint --format json', () => {
  it('prints exactly the JSON contract and nothing else on stdout', async () => {
    const { code, stdout, stderr } = await cli(['lint', '--format', 'json'], { cwd: mixed })
    expect(code).toBe(1)
    expect(stderr).toBe('')
    const report = JSON.parse(stdout) as Record<string, unknown>
    expect(Object.keys(report)).toEqual(['findings', 'summary'])
    const summary = report.summary as Record<string, unknown>
    expect(Object.keys(summary)).toEqual(['files', 'errors', 'warnings'])
    expect(summary).toEqual({ files: 3, errors: 1, warnings: 1 })
    const findings = report.findings as Array<Record<string, unknown>>
    expect(findings).toHaveLength(2)
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(['path', 'line', 'column', 'rule', 'severity', 'message'])
      expect(typeof f.path).toBe('string')
      expect(Number.isInteger(f.line) && (f.line as number) >= 1).toBe(true)
      expect(Number.isInteger(f.column) && (f.column as number) >= 1).toBe(true)
      expect(f.rule).toMatch(/^PM\d{3}$/)
      expect(['error', 'warning']).toContain(f.severity)
      expect(typeof f.message).toBe('string')
    }
    expect(findings.map((f) => [f.path, f.rule, f.severity])).toEqual([
      [`${PM}/PM-8.md`, 'PM002', 'error'],
      [`${PM}/PM-9.md`, 'PM005', 'warning']
    ])
  })

  it('keeps stdout pure JSON when there are warnings to print (they go to stderr)', async () => {
    const { code, stdout, stderr } = await cli(['lint', '--format', 'json', '-q'], { cwd: warnsOnly, stderrIsTTY: true })
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toEqual({ findings: [], summary: { files: 2, errors: 0, warnings: 0 } })
    expect(stderr).toBe('note: 1 warning hidden by --quiet\n')
  })

  it('-f is --format', async () => {
    const { stdout } = await cli(['lint', '-f', 'json'], { cwd: good })
    expect(JSON.parse(stdout)).toEqual({ findings: [], summary: { files: 1, errors: 0, warnings: 0 } })
  })
})

describe('lint --format sarif and github', () => {
  it('sarif: a SARIF 2.1.0 log with the rule registry and one result per finding', async () => {
    const { code, stdout } = await cli(['lint', '--format', 'sarif'], { cwd: mixed })
    expect(code).toBe(1)
    const log = JSON.parse(stdout) as { version: string; runs: Array<{ tool: { driver: { name: string; version: string; rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> }
    expect(log.version).toBe('2.1.0')
    const run = log.runs[0]!
    expect(run.tool.driver.name).toBe('reliability-loop')
    expect(run.tool.driver.version).toBe(VERSION)
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id))
    expect(run.results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.artifactLocation.uri])).toEqual([
      ['PM002', 'error', `${PM}/PM-8.md`],
      ['PM005', 'warning', `${PM}/PM-9.md`]
    ])
  })

  it('github: workflow commands with the rule name in the title', async () => {
    const { code, stdout } = await cli(['lint', '--format', 'github'], { cwd: mixed })
    expect(code).toBe(1)
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(new RegExp(`^::error file=${PM}/PM-8\\.md,line=\\d+,col=\\d+,title=PM002 required-metadata::Metadata "Severity" is missing`))
    expect(lines[1]).toMatch(new RegExp(`^::warning file=${PM}/PM-9\\.md,line=\\d+,col=\\d+,title=PM005 section-order::`))
    expect(lines[2]).toBe('2 problems (1 error, 1 warning) in 2 files')
  })

  it('an unknown format is a usage error', async () => {
    const { code, stdout, stderr } = await cli(['lint', '--format', 'xml'], { cwd: good })
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain("argument 'xml' is invalid. Allowed choices are text, json, sarif, github.")
  })
})

describe('lint options', () => {
  it('an unknown option exits 2 with a suggestion', async () => {
    const { code, stdout, stderr } = await cli(['lint', '--fromat', 'json'], { cwd: good })
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain("error: unknown option '--fromat'")
    expect(stderr).toContain('Did you mean --format?')
  })

  it('--quiet reports errors only', async () => {
    const text = await cli(['lint', '--quiet'], { cwd: mixed })
    expect(text.code).toBe(1)
    expect(text.stdout).not.toContain('PM005')
    expect(text.stdout).toContain('✖ 1 problem (1 error, 0 warnings) in 1 file')
    const json = await cli(['lint', '-q', '--format', 'json'], { cwd: mixed })
    expect(JSON.parse(json.stdout)).toMatchObject({ findings: [{ rule: 'PM002' }], summary: { files: 3, errors: 1, warnings: 0 } })
    const clean = await cli(['lint', '-q'], { cwd: warnsOnly })
    expect(clean).toMatchObject({ code: 0, stdout: '✔ 2 postmortems, no errors (1 warning hidden by --quiet)\n' })
  })

  it('--quiet says how many warnings it hid: in the text summary, on stderr for other formats', async () => {
    const text = await cli(['lint', '--quiet'], { cwd: mixed })
    expect(text.stdout).toContain('✖ 1 problem (1 error, 0 warnings) in 1 file (1 warning hidden by --quiet)')
    const json = await cli(['lint', '-q', '--format', 'json'], { cwd: warnsOnly })
    expect(json.stderr).toBe('note: 1 warning hidden by --quiet\n')
    expect(JSON.parse(json.stdout)).toMatchObject({ findings: [], summary: { warnings: 0 } })
    // Nothing hidden: nothing said.
    const none = await cli(['lint', '-q'], { cwd: good })
    expect(none).toMatchObject({ code: 0, stdout: '✔ 1 postmortem, no problems\n', stderr: '' })
  })

  it('--max-warnings fails the run when warnings exceed it', async () => {
    expect((await cli(['lint', '--max-warnings', '1'], { cwd: warnsOnly })).code).toBe(0)
    const over = await cli(['lint', '--max-warnings', '0'], { cwd: warnsOnly })
    expect(over.code).toBe(1)
    expect(over.stderr).toBe('error: too many warnings: 1 (--max-warnings is 0)\n')
    // Warnings hidden by --quiet still count, as in eslint.
    expect((await cli(['lint', '--quiet', '--max-warnings', '0'], { cwd: warnsOnly })).code).toBe(1)
  })

  it('--max-warnings and --concurrency need a whole number', async () => {
    for (const argv of [['--max-warnings', 'many'], ['--max-warnings', '-1'], ['--concurrency', '1.5'], ['--concurrency']]) {
      const { code, stderr } = await cli(['lint', ...argv], { cwd: good })
      expect(code).toBe(2)
      expect(stderr).toMatch(/^error: /)
    }
  })

  it('--rule changes a rule setting, and is repeatable', async () => {
    const off = await cli(['lint', '--rule', 'PM002=off', '--rule', 'PM005=error', '--format', 'json'], { cwd: mixed })
    expect(off.code).toBe(1)
    expect(JSON.parse(off.stdout)).toMatchObject({ findings: [{ rule: 'PM005', severity: 'error' }], summary: { errors: 1, warnings: 0 } })
    const both = await cli(['lint', '--rule', 'PM002=off,PM005=off'], { cwd: mixed })
    expect(both).toMatchObject({ code: 0, stdout: '✔ 3 postmortems, no problems\n' })
  })

  it('a bad --rule is a configuration error naming the flag', async () => {
    const bad = await cli(['lint', '--rule', 'PM009=maybe'], { cwd: good })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe('error: --rule: lint.rules.PM009: must be one of off, warning, error (got "maybe")\nhint: fix the option value; run "reliability-loop lint --help" for the accepted values\n')
    const unknown = await cli(['lint', '--rule', 'PM999=off'], { cwd: good })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('--rule: lint.rules.PM999: unknown rule')
  })

  it('--config reads another file, relative to the current directory', async () => {
    const root = repo({ [`${PM}/PM-8.md`]: BROKEN, 'conf/strict.yml': 'lint:\n  rules:\n    PM002: warning\n' })
    const { code, stdout } = await cli(['lint', '-c', 'conf/strict.yml', '--format', 'json'], { cwd: root })
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ summary: { errors: 0, warnings: 1 } })
  })

  it('reads .github/reliability.yml by default', async () => {
    const root = repo({ [`${PM}/PM-8.md`]: BROKEN, '.github/reliability.yml': 'lint:\n  rules:\n    PM002: "off"\n' })
    expect(await cli(['lint'], { cwd: root })).toMatchObject({ code: 0, stdout: '✔ 1 postmortem, no problems\n' })
  })

  it('an invalid config exits 2 naming file:line:column and key, with a hint', async () => {
    const root = repo({ [`${PM}/PM-7.md`]: GOOD, '.github/reliability.yml': '# settings\nlint:\n  rules:\n    PM009: of\n' })
    const { code, stdout, stderr } = await cli(['lint', '--format', 'json'], { cwd: root })
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^error: \.github\/reliability\.yml:4:12: lint\.rules\.PM009: must be one of off, warning, error \(got "of"\)\nhint: fix \.github\/reliability\.yml at the place shown/)
    expect(stderr).not.toMatch(/\n\s+at /)
  })

  it('lists every problem of an invalid config', async () => {
    const root = repo({ '.github/reliability.yml': 'lint:\n  cache: maybe\n  concurency: 2\n' })
    const { code, stderr } = await cli(['lint'], { cwd: root })
    expect(code).toBe(2)
    expect(stderr).toContain('error: 2 problems in the configuration:\n')
    expect(stderr).toContain('.github/reliability.yml:2:10: lint.cache:')
    expect(stderr).toContain('.github/reliability.yml:3:3: lint.concurency: unknown key (did you mean "concurrency"?)')
  })

  it('invalid YAML exits 2 with its position', async () => {
    const root = repo({ '.github/reliability.yml': 'lint:\n  rules: [PM001\n' })
    const { code, stderr } = await cli(['lint'], { cwd: root })
    expect(code).toBe(2)
    expect(stderr).toMatch(/^error: \.github\/reliability\.yml:\d+:\d+: invalid YAML/)
  })

  it('a configured path outside the repository exits 2 at file:line:col, and nothing is written there', async () => {
    const parent = repo({ 'repo/.github/reliability.yml': 'lint:\n  cache-dir: ../outside\n', [`repo/${PM}/PM-7.md`]: GOOD })
    const { code, stderr } = await cli(['lint'], { cwd: path.join(parent, 'repo') })
    expect(code).toBe(2)
    expect(stderr).toContain('error: .github/reliability.yml:2:14: lint.cache-dir: "../outside" leaves the repository')
    expect(existsSync(path.join(parent, 'outside'))).toBe(false)
    const absolute = repo({ '.github/reliability.yml': 'postmortems:\n  paths: [/tmp/x/*.md]\n', [`${PM}/PM-7.md`]: GOOD })
    const abs = await cli(['lint'], { cwd: absolute })
    expect(abs.code).toBe(2)
    expect(abs.stderr).toContain('error: .github/reliability.yml:2:11: postmortems.paths[0]: "/tmp/x/*.md" is an absolute path')
  })

  it('a --config file that does not exist exits 2', async () => {
    const { code, stderr } = await cli(['lint', '--config', 'nope.yml'], { cwd: good })
    expect(code).toBe(2)
    expect(stderr).toContain('error: nope.yml: config file not found')
    expect(stderr).toContain('hint: check the --config path')
  })

  it('a --config that is a directory exits 2', async () => {
    const { code, stderr } = await cli(['lint', '--config', 'docs'], { cwd: good })
    expect(code).toBe(2)
    expect(stderr).toMatch(/^error: .*docs: cannot read the config file/)
  })

  it('--root sets the repository root; reported paths stay repository-relative', async () => {
    const elsewhere = repo({})
    const { code, stdout } = await cli(['lint', '--root', mixed, '--format', 'json'], { cwd: elsewhere })
    expect(code).toBe(1)
    expect((JSON.parse(stdout) as { findings: Array<{ path: string }> }).findings.map((f) => f.path)).toEqual([`${PM}/PM-8.md`, `${PM}/PM-9.md`])
    // Paths given with --root are relative to the current directory.
    const rel = path.relative(elsewhere, path.join(mixed, PM, 'PM-8.md'))
    const one = await cli(['lint', '--root', mixed, rel, '--format', 'json'], { cwd: elsewhere })
    expect(JSON.parse(one.stdout)).toMatchObject({ findings: [{ path: `${PM}/PM-8.md` }], summary: { files: 1 } })
  })

  it('a --root that does not exist exits 2', async () => {
    const { code, stderr } = await cli(['lint', '--root', 'no/such/dir'], { cwd: good })
    expect(code).toBe(2)
    expect(stderr).toBe('error: --root no/such/dir: no such directory\n')
    const file = await cli(['lint', '--root', `${PM}/PM-7.md`], { cwd: good })
    expect(file.code).toBe(2)
    expect(file.stderr).toContain('not a directory')
  })

  it('--output writes the report to a file (creating directories) and nothing to stdout', async () => {
    const root = repo({ [`${PM}/PM-8.md`]: BROKEN })
    const { code, stdout, stderr } = await cli(['lint', '--format', 'sarif', '--output', 'reports/results.sarif'], { cwd: root, isTTY: true })
    expect({ code, stdout, stderr }).toEqual({ code: 1, stdout: '', stderr: '' })
    const log = JSON.parse(readFileSync(path.join(root, 'reports/results.sarif'), 'utf8')) as { version: string }
    expect(log.version).toBe('2.1.0')
    // A text report in a file has no colour unless --color asks for it, even from a terminal.
    await cli(['lint', '-o', 'out.txt'], { cwd: root, isTTY: true, env: { FORCE_COLOR: '1' } })
    expect(readFileSync(path.join(root, 'out.txt'), 'utf8')).not.toMatch(ANSI_RE)
    await cli(['lint', '-o', 'out.txt', '--color'], { cwd: root })
    expect(readFileSync(path.join(root, 'out.txt'), 'utf8')).toMatch(ANSI_RE)
  })

  it('an --output that cannot be written exits 2', async () => {
    const { code, stderr } = await cli(['lint', '--output', `${PM}/PM-7.md/report.txt`], { cwd: good })
    expect(code).toBe(2)
    expect(stderr).toMatch(/^error: cannot write the report to docs\/postmortems\/PM-7\.md\/report\.txt: /)
  })

  it('caches results by default and --no-cache turns that off', async () => {
    const root = repo({ [`${PM}/PM-7.md`]: GOOD })
    await cli(['lint', '--no-cache'], { cwd: root })
    expect(existsSync(path.join(root, '.reliability-loop-cache'))).toBe(false)
    await cli(['lint'], { cwd: root })
    expect(existsSync(path.join(root, '.reliability-loop-cache/lint.json'))).toBe(true)
  })

  it('--concurrency and --no-cache reach the configuration', async () => {
    const seen: Config[] = []
    const createAdapters: CliDeps['createAdapters'] = (config, options) => {
      seen.push(config)
      return createNodeLintAdapters(config, options)
    }
    expect((await cli(['lint', '--concurrency', '3', '--no-cache'], { cwd: good, deps: { createAdapters } })).code).toBe(0)
    expect(seen[0]?.lint).toMatchObject({ concurrency: 3, cache: false })
    await cli(['lint'], { cwd: good, deps: { createAdapters } })
    expect(seen[1]?.lint).toMatchObject({ concurrency: 0, cache: true })
  })
})

describe('lint paths', () => {
  it('lints one file given explicitly (the pre-commit case)', async () => {
    const { code, stdout } = await cli(['lint', `${PM}/PM-8.md`, '--format', 'json'], { cwd: mixed })
    expect(code).toBe(1)
    expect(JSON.parse(stdout)).toMatchObject({ findings: [{ path: `${PM}/PM-8.md`, rule: 'PM002' }], summary: { files: 1 } })
  })

  it('lints a file given explicitly even outside the configured globs', async () => {
    const root = repo({ 'notes/PM-8.md': BROKEN })
    const { code, stdout } = await cli(['lint', 'notes/PM-8.md', '--format', 'json'], { cwd: root })
    expect(code).toBe(1)
    expect(JSON.parse(stdout)).toMatchObject({ summary: { files: 1, errors: 1 } })
  })

  it('lints PM-*.md below a directory, and globs', async () => {
    const dir = await cli(['lint', 'docs', '--format', 'json'], { cwd: mixed })
    expect(JSON.parse(dir.stdout)).toMatchObject({ summary: { files: 3 } })
    const glob = await cli(['lint', `${PM}/PM-[79].md`, '--format', 'json'], { cwd: mixed })
    expect(glob.code).toBe(0)
    expect(JSON.parse(glob.stdout)).toMatchObject({ summary: { files: 2, errors: 0, warnings: 1 } })
  })

  it('a file that does not exist is a usage error naming it', async () => {
    const { code, stdout, stderr } = await cli(['lint', `${PM}/PM-7.md`, `${PM}/PM-404.md`], { cwd: good })
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.split('\n')[0]).toBe(`error: ${PM}/PM-404.md: no such file or directory`)
  })

  it('a path outside the root is a usage error', async () => {
    const { code, stderr } = await cli(['lint', path.join(mixed, PM, 'PM-8.md')], { cwd: good })
    expect(code).toBe(2)
    expect(stderr).toContain('is outside the repository root')
  })

  it('exits 2 when the configured globs match nothing: no "0 postmortems, no problems"', async () => {
    const empty = repo({ 'README.md': '' })
    const { code, stdout, stderr } = await cli(['lint'], { cwd: empty })
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.split('\n')[0]).toBe(`error: no postmortems match docs/postmortems/**/PM-*.md under ${empty}`)
    expect(stderr).toContain('hint: set postmortems.paths in .github/reliability.yml')
  })

  it('exits 2 with "no files match <pattern>" for a glob argument that matches nothing, naming each', async () => {
    const { code, stdout, stderr } = await cli(['lint', `${PM}/PM-4*.md`, `${PM}/PM-[79].md`, 'docs/postmortems/X-*.md'], { cwd: mixed })
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.split('\n')[0]).toBe(`error: no files match ${PM}/PM-4*.md`)
    expect(stderr).not.toContain('PM-[79]')
    expect(stderr).toContain('error: no files match docs/postmortems/X-*.md\n')
    expect(stderr).toContain('hint: check the spelling')
  })

  it('exits 2 for a glob that matches nothing from a subfolder, and for a directory without postmortems', async () => {
    const root = repo({ '.git/HEAD': '', [`${PM}/PM-7.md`]: GOOD, 'notes/readme.md': '' })
    const sub = await cli(['lint', 'PM-4*.md'], { cwd: path.join(root, PM) })
    expect(sub.code).toBe(2)
    expect(sub.stderr.split('\n')[0]).toBe(`error: no files match PM-4*.md (${PM}/PM-4*.md in the repository)`)
    const dir = await cli(['lint', 'notes'], { cwd: root })
    expect(dir.code).toBe(2)
    expect(dir.stderr.split('\n')[0]).toBe('error: no files match notes (notes/**/PM-*.md in the repository)')
  })
})

describe('text report width', () => {
  it('fits the rows to the terminal (no padding past its columns) and pads nothing when piped', async () => {
    const finding = (line: number, message: string) => ({ path: `${PM}/PM-7.md`, line, column: 1, rule: 'PM003', severity: 'error' as const, message })
    const findings = [finding(1, 'x'.repeat(200)), finding(2, 'Short.'), finding(3, 'A little longer message.')]
    const runLint: CliDeps['runLint'] = async () => ({ findings, summary: { files: 1, errors: 3, warnings: 0 }, files: [`${PM}/PM-7.md`], cacheHits: 0 })
    let stdout = ''
    await main(['lint'], { stdout: (t) => void (stdout += t), stderr: () => {}, env: { NO_COLOR: '1' }, cwd: good, isTTY: true, columns: 100 }, { now: NOW, runLint })
    const rows = stdout.split('\n').filter((l) => /^ +\d+:\d+/.test(l))
    expect(rows[0]).toBe(`  1:1  error  ${'x'.repeat(200)}  PM003`)
    for (const row of rows.slice(1)) expect(row.length).toBeLessThan(100)
    expect(rows[1]?.indexOf('PM003')).toBe(rows[2]?.indexOf('PM003'))
    const piped = await cli(['lint'], { cwd: good, deps: { runLint } })
    expect(piped.stdout.split('\n').filter((l) => /^ +\d+:\d+/.test(l))).toEqual([`  1:1  error  ${'x'.repeat(200)}  PM003`, '  2:1  error  Short.  PM003', '  3:1  error  A little longer message.  PM003'])
  })
})

describe('colour and progress', () => {
  it('colours the text report on a terminal only', async () => {
    expect((await cli(['lint'], { cwd: mixed, isTTY: true })).stdout).toMatch(ANSI_RE)
    expect((await cli(['lint'], { cwd: mixed, isTTY: false })).stdout).not.toMatch(ANSI_RE)
  })

  it('honours --color, --no-color, NO_COLOR and FORCE_COLOR', async () => {
    expect((await cli(['lint', '--color'], { cwd: mixed })).stdout).toMatch(ANSI_RE)
    expect((await cli(['lint', '--no-color'], { cwd: mixed, isTTY: true })).stdout).not.toMatch(ANSI_RE)
    expect((await cli(['lint'], { cwd: mixed, isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ANSI_RE)
    expect((await cli(['lint'], { cwd: mixed, env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI_RE)
    expect((await cli(['lint'], { cwd: mixed, isTTY: true, env: { FORCE_COLOR: '0' } })).stdout).not.toMatch(ANSI_RE)
  })

  it('never colours JSON', async () => {
    const { stdout } = await cli(['lint', '--format', 'json', '--color'], { cwd: mixed, isTTY: true })
    expect(stdout).not.toMatch(ANSI_RE)
  })

  it('shows a progress line on a terminal stderr, cleared at the end', async () => {
    const { stdout, stderr } = await cli(['lint'], { cwd: mixed, stderrIsTTY: true })
    expect(stderr).toMatch(/^\r\u001b\[2Klinting \d\/3…/)
    expect(stderr).toContain('linting 3/3…')
    expect(stderr.endsWith('\r\u001b[2K')).toBe(true)
    expect(stdout).not.toContain('linting')
  })

  it('shows no progress in CI, for other formats, or when stderr is not a terminal', async () => {
    expect((await cli(['lint'], { cwd: mixed, stderrIsTTY: true, env: { CI: 'true' } })).stderr).toBe('')
    expect((await cli(['lint', '--format', 'json'], { cwd: mixed, stderrIsTTY: true })).stderr).toBe('')
    expect((await cli(['lint'], { cwd: mixed, isTTY: true, stderrIsTTY: false })).stderr).toBe('')
  })

  it('clears the progress line when linting fails', async () => {
    const runLint: CliDeps['runLint'] = async (_config, _request, adapters) => {
      adapters.onProgress?.({ done: 0, total: 5 })
      throw new Error('disk on fire')
    }
    const { code, stderr } = await cli(['lint'], { cwd: good, stderrIsTTY: true, deps: { runLint } })
    expect(code).toBe(3)
    expect(stderr.startsWith('\r\u001b[2Klinting 0/5…\r\u001b[2Kerror: unexpected internal error: disk on fire\n')).toBe(true)
  })
})
