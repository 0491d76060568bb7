// `reliability-loop audit` in-process on temporary repositories: the JSON contract, the records and their
// de-duplication, fail-below, the strata, the llm scorer against the local OpenAI-compatible server, the
// human review round trip, and the exit codes.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { main } from '../../src/cli/main.js'
import { FakeOpenAI } from '../helpers/openai-server.js'

const NOW = () => new Date('2026-11-27T12:00:00Z')
const KEY = 'sk-cli-audit-test-key'
const MODEL = 'judge-mini'

const ev = (data: Record<string, unknown>) => `${JSON.stringify(data)}\n`
function mission(day: string, extra: Array<Record<string, unknown>> = []): string {
  return (
    ev({ ts: `${day}T08:00:00Z`, type: 'system', role: 'system', content: 'Support agent support-v7.' }) +
    ev({ ts: `${day}T08:00:05Z`, type: 'user', role: 'user', content: 'Where is my order?' }) +
    ev({ ts: `${day}T08:00:09Z`, type: 'assistant', role: 'assistant', content: 'It ships tomorrow.' }) +
    extra.map(ev).join('')
  )
}

/** October: 6 transcripts (2 flagged, one gzipped, one with a malformed line); September: 1; one undated. */
const FILES: Record<string, string | Buffer> = {
  'logs/missions/2026-10/m1.ndjson': mission('2026-10-01'),
  'logs/missions/2026-10/m2.ndjson': mission('2026-10-02', [{ type: 'assistant', content: 'Order 4418 is in Leeds.', notes: "policy violation: disclosed another customer's order" }]),
  'logs/missions/2026-10/m3.ndjson': mission('2026-10-03', [{ type: 'assistant', content: 'Valid.', notes: 'tone: curt' }]),
  'logs/missions/2026-10/m4.ndjson.gz': gzipSync(mission('2026-10-04', [{ type: 'tool_result', content: '{}', notes: 'error: tool timeout' }])),
  'logs/missions/2026-10/m5.ndjson': `${mission('2026-10-05')}{"type":"assistant","content":"cut\n${ev({ type: 'user', content: 'bye' })}`,
  'logs/missions/2026-10/m6.ndjson': mission('2026-10-06'),
  'logs/missions/2026-09/old.ndjson': mission('2026-09-30'),
  'logs/missions/undated.ndjson': ev({ type: 'system', content: 'no timestamp' })
}

const temps: string[] = []
function repo(extra: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rl-audit-cli-'))
  temps.push(dir)
  for (const [file, content] of Object.entries({ ...FILES, ...extra })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
  return dir
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

async function cli(argv: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await main(
    argv,
    { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: '1', ...env }, cwd, isTTY: false },
    { now: NOW }
  )
  return { code, stdout, stderr }
}

const json = (stdout: string) => JSON.parse(stdout) as {
  period: string
  seed: string
  rubric: { version: string; dimensions: Record<string, { description: string; scale: string; threshold: number; scorer: string }> }
  sampled: Array<{ transcript: string; sha256: string; scorer: string; stratum: 'random' | 'flagged'; scores: Record<string, number | null>; reasons: Record<string, string> }>
  means: Record<string, number | null>
  flagged_means: Record<string, number | null>
  malformed: Array<{ path: string; line: number }>
}

const records = (dir: string, period = '2026-10') => {
  const file = path.join(dir, 'reliability/audits', `${period}.ndjson`)
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) : []
}

describe('audit --scorer rules --format json', () => {
  it('prints exactly the documented contract', async () => {
    const dir = repo()
    const { code, stdout, stderr } = await cli(['audit', '--period', '2026-10', '--format', 'json'], dir)
    expect(code).toBe(0)
    const report = json(stdout)
    expect(Object.keys(report)).toEqual(['period', 'seed', 'rubric', 'sampled', 'means', 'flagged_means', 'malformed'])
    expect(report.period).toBe('2026-10')
    expect(report.seed).toBe('reliability-loop')
    expect(report.rubric.version).toMatch(/^auto-[0-9a-f]{12}$/)
    expect(Object.keys(report.rubric.dimensions)).toEqual(['policy_adherence', 'tone', 'accuracy'])
    expect(report.rubric.dimensions.tone).toEqual({ description: expect.any(String), scale: '1-5', threshold: 3, scorer: 'rules' })
    expect(report.sampled.map((s) => s.transcript)).toEqual([
      'logs/missions/2026-10/m1.ndjson',
      'logs/missions/2026-10/m2.ndjson',
      'logs/missions/2026-10/m3.ndjson',
      'logs/missions/2026-10/m4.ndjson.gz',
      'logs/missions/2026-10/m5.ndjson',
      'logs/missions/2026-10/m6.ndjson'
    ])
    for (const s of report.sampled) {
      expect(Object.keys(s)).toEqual(['transcript', 'sha256', 'scorer', 'stratum', 'scores', 'reasons'])
      expect(s.stratum).toBe('random')
      expect(s.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(s.scorer).toBe('rules')
      expect(Object.keys(s.scores)).toEqual(['policy_adherence', 'tone', 'accuracy'])
      expect(Object.keys(s.reasons)).toEqual(['policy_adherence', 'tone', 'accuracy'])
    }
    const by = (name: string) => report.sampled.find((s) => s.transcript.endsWith(name))
    expect(by('m2.ndjson')?.scores).toEqual({ policy_adherence: 0, tone: 5, accuracy: 1 })
    expect(by('m2.ndjson')?.reasons.policy_adherence).toBe('an event is noted as a policy violation (line 4: notes "policy violation: disclosed another customer\'s order")')
    expect(by('m3.ndjson')?.scores.tone).toBe(2)
    expect(by('m4.ndjson.gz')?.scores.accuracy).toBe(0)
    expect(report.means).toEqual({ policy_adherence: 0.8333, tone: 4.5, accuracy: 0.8333 })
    expect(report.flagged_means).toEqual({ policy_adherence: null, tone: null, accuracy: null })
    expect(report.malformed).toEqual([{ path: 'logs/missions/2026-10/m5.ndjson', line: 4 }])
    // The content hash is of the (gunzipped) NDJSON, so a transcript can be checked with sha256sum.
    const { createHash } = await import('node:crypto')
    expect(by('m1.ndjson')?.sha256).toBe(createHash('sha256').update(FILES['logs/missions/2026-10/m1.ndjson'] as string).digest('hex'))
    expect(stderr).toContain('warning: 1 transcript belongs to no period (no timestamp in the first event, no date in the path): logs/missions/undated.ndjson')
  })

  it('records one line per transcript and never twice for the same period, seed and rubric', async () => {
    const dir = repo()
    const first = await cli(['audit', '--period', '2026-10'], dir)
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('Recorded 6 new records in reliability/audits/2026-10.ndjson.')
    const stored = records(dir)
    expect(stored).toHaveLength(6)
    expect(Object.keys(stored[0] ?? {})).toEqual(['period', 'seed', 'transcript', 'sha256', 'rubric_version', 'scorer', 'model', 'stratum', 'scores', 'reasons', 'scored_at'])
    expect(stored[0]).toMatchObject({ period: '2026-10', seed: 'reliability-loop', scorer: 'rules', model: null, stratum: 'random', scored_at: '2026-11-27T12:00:00.000Z' })

    const again = await cli(['audit', '--period', '2026-10'], dir)
    expect(again.stdout).toContain('No new records in reliability/audits/2026-10.ndjson (6 already there).')
    expect(records(dir)).toEqual(stored)

    // A transcript that changes is a new transcript; another seed is another draw.
    writeFileSync(path.join(dir, 'logs/missions/2026-10/m1.ndjson'), mission('2026-10-01', [{ type: 'user', content: 'thanks' }]))
    await cli(['audit', '--period', '2026-10'], dir)
    expect(records(dir)).toHaveLength(7)
    await cli(['audit', '--period', '2026-10', '--seed', 'other'], dir)
    expect(records(dir)).toHaveLength(13)
  })

  it('records one line per key when two runs of the same period write at once', async () => {
    const many: Record<string, string> = {}
    for (let i = 1; i <= 9; i++) many[`logs/missions/2026-11/n${i}.ndjson`] = mission(`2026-11-0${i}`)
    const dir = repo(many)
    const [a, b] = await Promise.all([cli(['audit', '--period', '2026-11', '--format', 'json'], dir), cli(['audit', '--period', '2026-11', '--format', 'json'], dir)])
    expect([a.code, b.code]).toEqual([0, 0])
    const stored = records(dir, '2026-11')
    expect(new Set(stored.map((r) => r.sha256)).size).toBe(9)
    expect(stored).toHaveLength(9)
    expect(existsSync(path.join(dir, 'reliability/audits/2026-11.ndjson.lock'))).toBe(false)
  })

  it('takes over the lock a crashed run left behind, once it is stale', async () => {
    const dir = repo()
    const lock = path.join(dir, 'reliability/audits/2026-10.ndjson.lock')
    mkdirSync(lock, { recursive: true })
    const minuteAgo = new Date(Date.now() - 60_000)
    utimesSync(lock, minuteAgo, minuteAgo)
    const { code } = await cli(['audit', '--period', '2026-10'], dir)
    expect(code).toBe(0)
    expect(records(dir)).toHaveLength(6)
    expect(existsSync(lock)).toBe(false)
  })

  it('appends after a last line cut short by a crash, without merging into it', async () => {
    const dir = repo({ 'reliability/audits/2026-10.ndjson': '{"period":"2026-10","seed":"x"' })
    const { code, stderr } = await cli(['audit', '--period', '2026-10'], dir)
    expect(code).toBe(0)
    expect(stderr).toContain('reliability/audits/2026-10.ndjson: 1 line that is not an audit record was ignored')
    const lines = readFileSync(path.join(dir, 'reliability/audits/2026-10.ndjson'), 'utf8').split('\n')
    expect(lines[0]).toBe('{"period":"2026-10","seed":"x"')
    expect(lines.slice(1).filter(Boolean).map((l) => JSON.parse(l) as unknown)).toHaveLength(6)
  })

  it('writes nothing with --dry-run', async () => {
    const dir = repo()
    const { code, stdout } = await cli(['audit', '--period', '2026-10', '--dry-run'], dir)
    expect(code).toBe(0)
    expect(stdout).toContain('--dry-run: nothing written; reliability/audits/2026-10.ndjson would get 6 new records.')
    expect(existsSync(path.join(dir, 'reliability'))).toBe(false)
  })

  it('samples reproducibly: the same seed gives the same transcripts, --sample limits them', async () => {
    const dir = repo()
    const a = json((await cli(['audit', '--period', '2026-10', '--sample', '3', '--seed', 's1', '--format', 'json', '--dry-run'], dir)).stdout)
    const b = json((await cli(['audit', '--period', '2026-10', '--sample', '3', '--seed', 's1', '--format', 'json', '--dry-run'], dir)).stdout)
    expect(a.sampled).toHaveLength(3)
    expect(b.sampled).toEqual(a.sampled)
    const seeds = await Promise.all(['s2', 's3', 's4', 's5'].map(async (s) => json((await cli(['audit', '--period', '2026-10', '--sample', '3', '--seed', s, '--format', 'json', '--dry-run'], dir)).stdout).sampled.map((x) => x.transcript).join()))
    expect(new Set([...seeds, a.sampled.map((x) => x.transcript).join()]).size).toBeGreaterThan(1)
  })

  it('adds the flagged transcripts on top of the random sample, marks each, and keeps them out of the means', async () => {
    // m2 (policy violation) and m4 (error) are flagged by the default pattern; tone notes are not.
    const flagged = ['m2.ndjson', 'm4.ndjson.gz']
    for (const seed of ['a', 'b', 'c', 'd']) {
      const plain = json((await cli(['audit', '--period', '2026-10', '--sample', '2', '--seed', seed, '--format', 'json', '--dry-run'], repo())).stdout)
      const dir = repo()
      const { code, stdout } = await cli(['audit', '--period', '2026-10', '--sample', '2', '--seed', seed, '--include-flagged', '--format', 'json'], dir)
      expect(code).toBe(0)
      const report = json(stdout)
      const random = report.sampled.filter((s) => s.stratum === 'random')
      // The random stratum is the sample drawn without the flagged stratum, N = 2 of them.
      expect(random).toEqual(plain.sampled)
      expect(report.means).toEqual(plain.means)
      const drawn = new Set(random.map((s) => path.basename(s.transcript)))
      expect(report.sampled.filter((s) => s.stratum === 'flagged').map((s) => path.basename(s.transcript)).sort()).toEqual(flagged.filter((f) => !drawn.has(f)))
      const flaggedOnly = report.sampled.filter((s) => s.stratum === 'flagged')
      const mean = (values: number[]) => (values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10000) / 10000)
      expect(report.flagged_means).toEqual(Object.fromEntries(['policy_adherence', 'tone', 'accuracy'].map((d) => [d, mean(flaggedOnly.map((s) => s.scores[d] as number))])))
      expect(records(dir).map((r) => [path.basename(String(r.transcript)), r.stratum]).sort()).toEqual(report.sampled.map((s) => [path.basename(s.transcript), s.stratum]).sort())
    }
  })

  it('shows the stratum of each transcript and the flagged means apart in the text report', async () => {
    const { stdout } = await cli(['audit', '--period', '2026-10', '--sample', '2', '--seed', 'a', '--include-flagged', '--dry-run'], repo())
    expect(stdout).toMatch(/2 sampled at random, and \d flagged transcripts? added on top\./)
    expect(stdout).toMatch(/transcript\s+stratum\s+scorer/)
    expect(stdout).toMatch(/m4\.ndjson\.gz\s+(flagged|random)\s+rules/)
    expect(stdout).toContain('Flagged stratum')
  })

  it('exits 1 below --fail-below, and says which dimension', async () => {
    const dir = repo()
    const failing = await cli(['audit', '--period', '2026-10', '--fail-below', '0.9', '--format', 'json', '--dry-run'], dir)
    expect(failing.code).toBe(1)
    expect(failing.stderr).toContain('error: below --fail-below 0.9: policy_adherence passes 83%, tone passes 83%, accuracy passes 83%')
    const text = await cli(['audit', '--period', '2026-10', '--fail-below', '80%', '--dry-run'], dir)
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('✔ every dimension passes at least 80% of the sample (fail-below 0.8)')
  })

  it('prints a readable table by default', async () => {
    const { stdout } = await cli(['audit', '--period', '2026-10', '--dry-run'], repo())
    expect(stdout).toContain('Audit of 2026-10 · seed "reliability-loop" · rubric auto-')
    expect(stdout).toContain('6 transcripts in 2026-10 (of 8 found); 6 sampled.')
    expect(stdout).toMatch(/logs\/missions\/2026-10\/m2\.ndjson\s+rules\s+0 ✗\s+5\s+1\n/)
    expect(stdout).toMatch(/policy_adherence\s+0-1\s+1\s+0\.83\s+5\/6 \(83%\)/)
    expect(stdout).toContain('Lowest scoring:')
    expect(stdout).toContain('Malformed lines (1):\n  logs/missions/2026-10/m5.ndjson:4: invalid JSON')
  })

  it('defaults to the previous month, and says when no transcript belongs to the period', async () => {
    const dir = repo()
    expect(json((await cli(['audit', '--format', 'json', '--dry-run'], dir)).stdout).period).toBe('2026-10')
    const empty = await cli(['audit', '--period', '2025-01', '--format', 'json'], dir)
    expect(empty.code).toBe(0)
    expect(json(empty.stdout)).toMatchObject({ sampled: [], means: { policy_adherence: null, tone: null, accuracy: null } })
    expect(empty.stderr).toContain('warning: none of the 8 transcripts found belongs to 2025-01; choose the month with --period YYYY-MM')
  })
})

describe('usage errors (exit 2)', () => {
  it('rejects a bad period, sample or share', async () => {
    const dir = repo()
    for (const args of [['--period', '2026-13'], ['--sample', '0'], ['--fail-below', '1.5'], ['--scorer', 'magic']]) {
      const { code, stderr } = await cli(['audit', ...args], dir)
      expect(code).toBe(2)
      expect(stderr).toMatch(/error: option .* (argument|invalid)/)
    }
  })

  it('needs a model and, for OpenAI, a key for the llm scorer', async () => {
    const dir = repo()
    const noModel = await cli(['audit', '--period', '2026-10', '--scorer', 'llm'], dir, { OPENAI_API_KEY: KEY })
    expect(noModel.code).toBe(2)
    expect(noModel.stderr).toContain('audit.llm.model: the llm scorer needs a model: set audit.llm.model in the configuration or pass --model')
    const noKey = await cli(['audit', '--period', '2026-10', '--scorer', 'llm', '--model', MODEL], dir)
    expect(noKey.code).toBe(2)
    expect(noKey.stderr).toContain('the llm scorer needs an API key for https://api.openai.com/v1: set the OPENAI_API_KEY environment variable')
  })

  it('names the config file and line of an invalid audit section', async () => {
    const dir = repo({ '.github/reliability.yml': 'audit:\n  sample-size: -1\n' })
    const { code, stderr } = await cli(['audit'], dir)
    expect(code).toBe(2)
    expect(stderr).toContain('.github/reliability.yml:2:16: audit.sample-size: must be 1 or more (got -1)')
  })

  it('lists the options, examples and exit codes in --help', async () => {
    const { code, stdout } = await cli(['audit', '--help'], repo())
    expect(code).toBe(0)
    for (const text of ['--period <YYYY-MM>', '--scorer <scorer>', '--include-flagged', '--fail-below <share>', 'Examples:', 'Exit codes:', 'OPENAI_API_KEY']) expect(stdout).toContain(text)
  })
})

describe('audit --scorer llm', () => {
  let fake: FakeOpenAI
  beforeAll(async () => {
    fake = await FakeOpenAI.start({ apiKey: KEY, model: MODEL })
  })
  afterAll(async () => fake.close())
  beforeEach(() => fake.reset())
  const env = () => ({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: KEY })

  it('scores through the endpoint, records the model, and does not ask again on a re-run', async () => {
    const dir = repo()
    fake.reply({ scores: { policy_adherence: { score: 0, reason: 'Disclosed order 4418 (line 4).' }, tone: { score: 4, reason: 'Fine.' }, accuracy: { score: 0.75, reason: 'Mostly.' } } })
    const { code, stdout, stderr } = await cli(['audit', '--period', '2026-10', '--scorer', 'llm', '--model', MODEL, '--format', 'json'], dir, env())
    expect(stderr).toBe('warning: 1 transcript belongs to no period (no timestamp in the first event, no date in the path): logs/missions/undated.ndjson\n')
    expect(code).toBe(0)
    const report = json(stdout)
    expect(report.sampled.every((s) => s.scorer === 'llm')).toBe(true)
    expect(fake.accepted).toHaveLength(6)
    for (const r of fake.requests) {
      expect(r.body.model).toBe(MODEL)
      expect(r.body.temperature).toBe(0)
      expect(r.body.response_format?.type).toBe('json_schema')
    }
    // The judge sees every event's notes (audit.llm.include-notes is on by default), so it can score a
    // noted policy violation as one.
    const m2 = fake.requests.map((r) => String(r.body.messages?.[1]?.content)).find((c) => c.includes('m2.ndjson'))
    expect(m2).toContain("[line 4] assistant: Order 4418 is in Leeds.\n  notes: policy violation: disclosed another customer's order\n")
    const scoredZero = report.sampled.filter((s) => s.scores.policy_adherence === 0)
    expect(scoredZero).toHaveLength(1)
    expect(scoredZero[0]?.reasons.policy_adherence).toBe('Disclosed order 4418 (line 4).')
    const stored = records(dir)
    expect(stored).toHaveLength(6)
    expect(stored.every((r) => r.model === MODEL && r.scorer === 'llm')).toBe(true)

    fake.reset()
    const again = await cli(['audit', '--period', '2026-10', '--scorer', 'llm', '--model', MODEL, '--format', 'json'], dir, env())
    expect(fake.requests).toHaveLength(0)
    expect(json(again.stdout).sampled).toEqual(report.sampled)
    expect(records(dir)).toHaveLength(6)
  })

  it('counts malformed and incomplete replies as failed scores, records them, and fails fail-below', async () => {
    const dir = repo()
    fake.reply({ content: 'not json at all' }, { content: '{"policy_adherence":{"score":1,"reason":"ok"}}' })
    const { code, stdout } = await cli(['audit', '--period', '2026-10', '--scorer', 'llm', '--model', MODEL, '--format', 'json', '--sample', '2', '--fail-below', '1'], dir, env())
    expect(code).toBe(1)
    const report = json(stdout)
    expect(report.sampled.flatMap((s) => Object.values(s.scores)).filter((v) => v === null)).toHaveLength(5)
    expect(report.sampled.flatMap((s) => Object.values(s.reasons))).toEqual(expect.arrayContaining([expect.stringMatching(/^the model's reply is not JSON/), "the model's reply has no score for tone"]))
    expect(records(dir).map((r) => r.scores)).toEqual(expect.arrayContaining([{ policy_adherence: null, tone: null, accuracy: null }]))
  })

  it('retries 429 and 500, and leaves unrecorded what the endpoint never answered', async () => {
    const dir = repo({ '.github/reliability.yml': 'audit:\n  llm: { retries: 1, concurrency: 1 }\n' })
    const top = { policy_adherence: { score: 1, reason: 'ok' }, tone: { score: 5, reason: 'ok' }, accuracy: { score: 1, reason: 'ok' } }
    // First transcript: 429 (Retry-After: 0), then an answer. Second: 500 twice, more than its one retry.
    fake.reply({ status: 429, retryAfter: '0' }, { scores: top }, { status: 500 }, { status: 500 })
    const { code, stdout, stderr } = await cli(['audit', '--period', '2026-10', '--scorer', 'llm', '--model', MODEL, '--format', 'json', '--sample', '2'], dir, env())
    // One of the two sampled transcripts got no score, and audit.max-unscored allows none.
    expect(code).toBe(1)
    expect(stderr).toContain('error: 1 of 2 sampled transcripts was not scored (audit.max-unscored allows 0): logs/missions/2026-10/')
    expect(stderr).toContain('model endpoint: 429: Rate limit reached for requests; retrying in 0.0 s')
    expect(stderr).toMatch(/model endpoint: 500: The server had an error while processing your request\.; retrying in \d\.\d s/)
    expect(fake.requests.map((r) => r.answered)).toEqual([429, 200, 500, 500])
    const report = json(stdout)
    expect(report.sampled.map((s) => s.scores)).toEqual(expect.arrayContaining([{ policy_adherence: 1, tone: 5, accuracy: 1 }, { policy_adherence: null, tone: null, accuracy: null }]))
    const reasons = report.sampled.flatMap((s) => Object.values(s.reasons))
    expect(reasons.filter((r) => r === 'not scored: the model endpoint failed (500): The server had an error while processing your request.')).toHaveLength(3)
    // Only the answered transcript is recorded; the next run asks again for the other.
    expect(records(dir)).toHaveLength(1)
    fake.reset()
    await cli(['audit', '--period', '2026-10', '--scorer', 'llm', '--model', MODEL, '--sample', '2'], dir, env())
    expect(fake.accepted).toHaveLength(1)
    expect(records(dir)).toHaveLength(2)
  }, 15_000)

  it('calls the model at most audit.llm.max-calls times a run, in draw order', async () => {
    const dir = repo({ '.github/reliability.yml': 'audit:\n  llm:\n    model: judge-mini\n    max-calls: 2\n  rubric:\n    dimensions:\n      tone: { scorer: llm }\n' })
    const { stdout } = await cli(['audit', '--period', '2026-10', '--format', 'json'], dir, env())
    const report = json(stdout)
    expect(fake.accepted).toHaveLength(2)
    const llm = report.sampled.filter((s) => s.scorer === 'llm')
    expect(llm).toHaveLength(6)
    expect(llm.filter((s) => s.scores.tone === null).map((s) => s.reasons.tone)).toEqual(
      Array(4).fill('not scored: this run reached its cap of 2 model calls (audit.llm.max-calls); the next run scores it')
    )
    // Rules dimensions and llm dimensions are separate records; capped ones are not recorded.
    expect(records(dir).filter((r) => r.scorer === 'llm')).toHaveLength(2)
    expect(records(dir).filter((r) => r.scorer === 'rules')).toHaveLength(6)
    // The next run scores the next two, in the same order every time.
    fake.reset()
    await cli(['audit', '--period', '2026-10', '--format', 'json'], dir, env())
    expect(fake.accepted).toHaveLength(2)
    expect(records(dir).filter((r) => r.scorer === 'llm')).toHaveLength(4)
  })

  it('falls back to json_object against a server without json_schema', async () => {
    const plain = await FakeOpenAI.start({ model: MODEL, jsonSchema: false })
    try {
      const dir = repo({ '.github/reliability.yml': 'audit:\n  llm: { concurrency: 1 }\n' })
      const { code, stdout } = await cli(['audit', '--period', '2026-10', '--scorer', 'llm', '--model', MODEL, '--format', 'json', '--sample', '2'], dir, { OPENAI_BASE_URL: plain.url })
      expect(code).toBe(0)
      expect(json(stdout).sampled.map((s) => s.scores)).toEqual([
        { policy_adherence: 1, tone: 5, accuracy: 1 },
        { policy_adherence: 1, tone: 5, accuracy: 1 }
      ])
      expect(plain.requests.map((r) => [r.body.response_format?.type, r.answered])).toEqual([
        ['json_schema', 400],
        ['json_object', 200],
        ['json_object', 200]
      ])
    } finally {
      await plain.close()
    }
  })
})

/** A port on 127.0.0.1 with nothing listening: a server is started there, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('when the judge could not score', () => {
  it('fails (exit 1) when nothing listens at the endpoint, naming the refused connection and its host', async () => {
    const port = await closedPort()
    const dir = repo({ '.github/reliability.yml': 'audit:\n  llm: { retries: 0 }\n' })
    const { code, stdout, stderr } = await cli(['audit', '--period', '2026-10', '--scorer', 'llm', '--model', MODEL, '--format', 'json'], dir, { OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` })
    expect(code).toBe(1)
    const report = json(stdout)
    expect(report.sampled.every((s) => Object.values(s.scores).every((v) => v === null))).toBe(true)
    expect(report.sampled[0]?.reasons.tone).toContain(`could not connect to 127.0.0.1:${port} (connection refused)`)
    expect(report.sampled[0]?.reasons.tone).not.toMatch(/\b500\b/)
    expect(stderr).toContain('error: 6 of 6 sampled transcripts were not scored (audit.max-unscored allows 0)')
    expect(stderr).toContain(`could not connect to 127.0.0.1:${port} (connection refused)`)
    expect(records(dir)).toEqual([])
  })

  it('passes when audit.max-unscored allows the unscored transcripts, and says how many', async () => {
    const port = await closedPort()
    const dir = repo({ '.github/reliability.yml': 'audit:\n  max-unscored: 6\n  llm: { retries: 0 }\n' })
    const { code, stderr } = await cli(['audit', '--period', '2026-10', '--scorer', 'llm', '--model', MODEL, '--format', 'json'], dir, { OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` })
    expect(code).toBe(0)
    expect(stderr).toContain('warning: 6 of 6 sampled transcripts were not scored (audit.max-unscored allows 6)')
  })

  it('is a configuration error (exit 2) when the endpoint answers 401, naming the variable to check, after one request', async () => {
    const fake = await FakeOpenAI.start({ apiKey: KEY, model: MODEL })
    try {
      const dir = repo({ '.github/reliability.yml': 'audit:\n  llm: { concurrency: 1, api-key-env: JUDGE_KEY }\n' })
      const { code, stderr } = await cli(['audit', '--period', '2026-10', '--scorer', 'llm', '--model', MODEL, '--format', 'json'], dir, { OPENAI_BASE_URL: fake.url, JUDGE_KEY: 'sk-wrong-key' })
      expect(code).toBe(2)
      expect(fake.requests.map((r) => r.answered)).toEqual([401])
      expect(stderr).toContain('error: the model endpoint refused the credentials (401: Incorrect API key provided.)')
      expect(stderr).toContain('hint: check the key in the JUDGE_KEY environment variable (audit.llm.api-key-env)')
      expect(stderr).not.toContain('sk-wrong-key')
      expect(records(dir)).toEqual([])
    } finally {
      await fake.close()
    }
  })

  it('rejects an invalid audit.max-unscored', async () => {
    const { code, stderr } = await cli(['audit', '--period', '2026-10'], repo({ '.github/reliability.yml': 'audit:\n  max-unscored: -1\n' }))
    expect(code).toBe(2)
    expect(stderr).toContain('audit.max-unscored')
  })
})

describe('audit --scorer human', () => {
  it('writes a review file, reads the filled-in scores back on the next run, and records them once', async () => {
    const dir = repo()
    const first = await cli(['audit', '--period', '2026-10', '--scorer', 'human', '--sample', '2', '--seed', 'q4'], dir)
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('Added 2 transcripts to the review file reliability/audits/review/2026-10-q4.yml: fill in the scores and run again.')
    expect(records(dir)).toHaveLength(0)
    const file = path.join(dir, 'reliability/audits/review/2026-10-q4.yml')
    const text = readFileSync(file, 'utf8')
    expect(text.match(/^ {2}- transcript: /gm)).toHaveLength(2)
    expect(text).toContain('    excerpt: |')
    // The command that reads the scores back is the one that wrote the file: the same scorer and sample.
    expect(text).toContain('#   reliability-loop audit --period 2026-10 --seed "q4" --sample 2 --scorer human\n')

    // A reviewer scores the first transcript in the file fully and the second only partly.
    const [firstInFile] = [...text.matchAll(/^ {2}- transcript: (.+)$/gm)].map((m) => m[1])
    let n = 0
    const filled = text.replace(/scores:\n {6}policy_adherence: null\n {6}tone: null\n {6}accuracy: null/g, () =>
      n++ === 0 ? 'scores:\n      policy_adherence: 1\n      tone: 4\n      accuracy: 1' : 'scores:\n      policy_adherence: 0\n      tone: null\n      accuracy: 1'
    )
    writeFileSync(file, `${filled}# reviewed by ana\n`)
    const second = await cli(['audit', '--period', '2026-10', '--scorer', 'human', '--sample', '2', '--seed', 'q4', '--format', 'json'], dir)
    const report = json(second.stdout)
    const full = report.sampled.find((s) => s.transcript === firstInFile)
    const partial = report.sampled.find((s) => s.transcript !== firstInFile)
    expect(full?.scores).toEqual({ policy_adherence: 1, tone: 4, accuracy: 1 })
    expect(partial?.scores).toEqual({ policy_adherence: 0, tone: null, accuracy: 1 })
    expect(partial?.reasons.tone).toBe("awaiting a reviewer's score in reliability/audits/review/2026-10-q4.yml")
    expect(records(dir)).toEqual([expect.objectContaining({ scorer: 'human', seed: 'q4', transcript: firstInFile, scores: { policy_adherence: 1, tone: 4, accuracy: 1 } })])
    // The reviewer's file is left as they wrote it.
    expect(readFileSync(file, 'utf8')).toBe(`${filled}# reviewed by ana\n`)

    await cli(['audit', '--period', '2026-10', '--scorer', 'human', '--sample', '2', '--seed', 'q4'], dir)
    expect(records(dir)).toHaveLength(1)
  })

  it('appends newly sampled transcripts to an existing review file', async () => {
    const dir = repo()
    await cli(['audit', '--period', '2026-10', '--scorer', 'human', '--sample', '1', '--seed', 'q4'], dir)
    const file = path.join(dir, 'reliability/audits/review/2026-10-q4.yml')
    const before = readFileSync(file, 'utf8')
    const { stdout } = await cli(['audit', '--period', '2026-10', '--scorer', 'human', '--sample', '3', '--seed', 'q4'], dir)
    expect(stdout).toContain('Added 2 transcripts to the review file')
    const after = readFileSync(file, 'utf8')
    expect(after.startsWith(before)).toBe(true)
    expect(after.match(/^ {2}- transcript: /gm)).toHaveLength(3)
  })

  it('never overwrites a review file that no longer parses', async () => {
    const dir = repo()
    await cli(['audit', '--period', '2026-10', '--scorer', 'human', '--sample', '1', '--seed', 'q4'], dir)
    const file = path.join(dir, 'reliability/audits/review/2026-10-q4.yml')
    writeFileSync(file, 'transcripts: [unclosed\n')
    const { code, stderr } = await cli(['audit', '--period', '2026-10', '--scorer', 'human', '--sample', '3', '--seed', 'q4'], dir)
    expect(code).toBe(0)
    expect(stderr).toMatch(/reliability\/audits\/review\/2026-10-q4\.yml: invalid YAML.*nothing was added to it: fix it and run again/)
    expect(readFileSync(file, 'utf8')).toBe('transcripts: [unclosed\n')
    expect(readdirSync(path.dirname(file))).toEqual(['2026-10-q4.yml'])
  })
})
