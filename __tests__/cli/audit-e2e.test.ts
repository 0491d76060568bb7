// End to end: `reliability-loop audit` through the built bundle dist/cli.js as a child process, on the
// Node 24 devDependency and on the system Node (20 here). Checks the exact `--format json` contract, the
// records, the exit codes, and the repository's own example transcripts in logs/missions/.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const CLI = path.join(REPO, 'dist/cli.js')

function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => Math.max(n, e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs), 0)
}

/** node_modules/.bin/node (24) and the first node on PATH outside node_modules (the user's, 20 here). */
function nodes(): Array<[string, string]> {
  const found = [path.join(REPO, 'node_modules/.bin/node')]
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '' || dir.split(/[\\/]/).includes('node_modules')) continue
    if (existsSync(path.join(dir, 'node'))) {
      found.push(path.join(dir, 'node'))
      break
    }
  }
  const seen = new Set<string>()
  return found
    .filter((n) => existsSync(n) && !seen.has(realpathSync(n)) && seen.add(realpathSync(n)))
    .map((n) => [execFileSync(n, ['--version'], { encoding: 'utf8' }).trim(), n])
}

const ev = (data: Record<string, unknown>) => `${JSON.stringify(data)}\n`
const mission = (day: string, notes?: string) =>
  ev({ ts: `${day}T10:00:00Z`, type: 'user', role: 'user', content: 'Refund please.' }) + ev({ ts: `${day}T10:00:04Z`, type: 'assistant', role: 'assistant', content: 'Done.', ...(notes && { notes }) })

let work: string
beforeAll(() => {
  if (!existsSync(CLI) || statSync(CLI).mtimeMs < newest(path.join(REPO, 'src'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'pipe' })
  work = mkdtempSync(path.join(tmpdir(), 'rl-audit-e2e-'))
}, 120_000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

function freshRepo(name: string): string {
  const dir = path.join(work, name)
  const files: Record<string, string | Buffer> = {
    'logs/missions/2026-10/a.ndjson': mission('2026-10-01'),
    'logs/missions/2026-10/b.ndjson': mission('2026-10-02', 'policy violation: promised a refund above the limit'),
    'logs/missions/2026-10/c.ndjson.gz': gzipSync(mission('2026-10-03', 'tone: curt')),
    'logs/missions/2026-10/d.ndjson': `${mission('2026-10-04')}{"truncated":`
  }
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
  return dir
}

function env(): NodeJS.ProcessEnv {
  const e = { ...process.env }
  for (const key of ['NODE_OPTIONS', 'FORCE_COLOR', 'NO_COLOR', 'DEBUG', 'CI', 'OPENAI_API_KEY', 'OPENAI_BASE_URL']) delete e[key]
  return e
}

const NODES = nodes()

it('runs on Node 24 and on a Node 20', () => {
  expect(NODES.map(([v]) => Number(/^v(\d+)/.exec(v)?.[1]))).toEqual(expect.arrayContaining([24, 20]))
})

describe.each(NODES)('dist/cli.js audit on Node %s', (version, node) => {
  const run = (args: string[], cwd: string) => spawnSync(node, [CLI, 'audit', ...args], { cwd, env: env(), encoding: 'utf8', timeout: 60_000 })

  it('--format json prints exactly the contract, on stdout alone', () => {
    const dir = freshRepo(`json-${version}`)
    const r = run(['--period', '2026-10', '--format', 'json', '--seed', 'e2e'], dir)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout.endsWith('}\n')).toBe(true)
    expect(r.stdout.trim().split('\n')).toHaveLength(1)
    const report = JSON.parse(r.stdout) as Record<string, unknown>
    const sha = (s: string) => expect.stringMatching(new RegExp(`^${s}$`))
    expect(report).toEqual({
      period: '2026-10',
      seed: 'e2e',
      rubric: {
        version: expect.stringMatching(/^auto-[0-9a-f]{12}$/),
        dimensions: {
          policy_adherence: { description: expect.any(String), scale: '0-1', threshold: 1, scorer: 'rules' },
          tone: { description: expect.any(String), scale: '1-5', threshold: 3, scorer: 'rules' },
          accuracy: { description: expect.any(String), scale: '0-1', threshold: 0.8, scorer: 'rules' }
        }
      },
      sampled: [
        { transcript: 'logs/missions/2026-10/a.ndjson', sha256: sha('[0-9a-f]{64}'), scorer: 'rules', stratum: 'random', scores: { policy_adherence: 1, tone: 5, accuracy: 1 }, reasons: expect.any(Object) },
        {
          transcript: 'logs/missions/2026-10/b.ndjson',
          sha256: sha('[0-9a-f]{64}'),
          scorer: 'rules',
          stratum: 'random',
          scores: { policy_adherence: 0, tone: 5, accuracy: 1 },
          reasons: {
            policy_adherence: 'an event is noted as a policy violation (line 2: notes "policy violation: promised a refund above the limit")',
            tone: 'no rule applies (2 events read)',
            accuracy: 'no rule applies (2 events read)'
          }
        },
        { transcript: 'logs/missions/2026-10/c.ndjson.gz', sha256: sha('[0-9a-f]{64}'), scorer: 'rules', stratum: 'random', scores: { policy_adherence: 1, tone: 2, accuracy: 1 }, reasons: expect.any(Object) },
        { transcript: 'logs/missions/2026-10/d.ndjson', sha256: sha('[0-9a-f]{64}'), scorer: 'rules', stratum: 'random', scores: { policy_adherence: 1, tone: 5, accuracy: 1 }, reasons: expect.any(Object) }
      ],
      means: { policy_adherence: 0.75, tone: 4.25, accuracy: 1 },
      flagged_means: { policy_adherence: null, tone: null, accuracy: null },
      malformed: [{ path: 'logs/missions/2026-10/d.ndjson', line: 3 }]
    })
    const stored = readFileSync(path.join(dir, 'reliability/audits/2026-10.ndjson'), 'utf8').trim().split('\n')
    expect(stored).toHaveLength(4)
    // Re-running records nothing new.
    run(['--period', '2026-10', '--format', 'json', '--seed', 'e2e'], dir)
    expect(readFileSync(path.join(dir, 'reliability/audits/2026-10.ndjson'), 'utf8').trim().split('\n')).toEqual(stored)
  })

  it('two audit processes of the same period record each key once', async () => {
    const dir = freshRepo(`concurrent-${version}`)
    for (let i = 1; i <= 9; i++) writeFileSync(path.join(dir, `logs/missions/2026-10/n${i}.ndjson`), mission(`2026-10-1${i - 1}`))
    const runAsync = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(node, [CLI, 'audit', '--period', '2026-10', '--sample', '20', '--format', 'json'], { cwd: dir, env: env(), stdio: 'ignore' })
        child.on('close', resolve)
      })
    expect(await Promise.all([runAsync(), runAsync()])).toEqual([0, 0])
    const lines = readFileSync(path.join(dir, 'reliability/audits/2026-10.ndjson'), 'utf8').trim().split('\n')
    expect(lines).toHaveLength(13)
    expect(new Set(lines.map((l) => (JSON.parse(l) as { sha256: string }).sha256)).size).toBe(13)
  }, 60_000)

  it('exits 1 below --fail-below and 2 on a usage error', () => {
    const dir = freshRepo(`codes-${version}`)
    const failing = run(['--period', '2026-10', '--fail-below', '0.9', '--format', 'json', '--dry-run'], dir)
    expect(failing.status).toBe(1)
    expect(failing.stderr).toBe('error: below --fail-below 0.9: policy_adherence passes 75%, tone passes 75%\n')
    const usage = run(['--period', 'October'], dir)
    expect(usage.status).toBe(2)
    expect(usage.stderr).toContain("error: option '--period <YYYY-MM>' argument 'October' is invalid. must be a month as YYYY-MM, e.g. 2026-10.")
  })

  it('audits the repository’s example transcripts: the noted policy violations score 0', () => {
    const r = run(['--root', REPO, '--period', '2026-10', '--format', 'json', '--dry-run'], REPO)
    expect(r.status).toBe(0)
    const report = JSON.parse(r.stdout) as { sampled: Array<{ transcript: string; scores: Record<string, number> }> }
    const zero = report.sampled.filter((s) => s.scores.policy_adherence === 0).map((s) => path.basename(s.transcript))
    expect(zero.sort()).toEqual(['mission-1204.ndjson', 'mission-1206.ndjson', 'mission-1208.ndjson'])
    expect(report.sampled.map((s) => s.transcript)).not.toContain('logs/missions/2026-11-04-mission-2240.ndjson')
  })
})
