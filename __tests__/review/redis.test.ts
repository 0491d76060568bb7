// Incidents from a Redis stream: the XRANGE window of a period, entries grouped into incidents, paging,
// and the real thing: a redis-server started by this file (skipped, with a warning, only when there is no
// redis-server binary; CI installs it), read through node-redis in-process and through the built CLI.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createClient } from 'redis'
import { main } from '../../src/cli/main.js'
import { defaultReviewConfig } from '../../src/config/review.js'
import type { Config } from '../../src/config/types.js'
import { createNodeReviewAdapters } from '../../src/io/node-review-adapters.js'
import { createRedisClient, readStreamRange, streamEntriesFromRedis, withoutSecrets, type StreamClient } from '../../src/io/redis-stream.js'
import { runReview } from '../../src/modes/review.js'
import { BUNDLE, ensureBundle, runActionBundle } from '../helpers/run-action.js'
import { configOf, makeRepo, removeRepos } from './fixtures.js'
import { placeIncident } from '../../src/review/incidents.js'
import { monthPeriod } from '../../src/review/period.js'
import { entryRecord, groupStreamEntries, streamIdMs, streamIdRange, type StreamEntry } from '../../src/review/stream-incidents.js'

const settings = defaultReviewConfig().incidents
const OCT = monthPeriod('2026-10')
const ms = (iso: string) => Date.parse(iso)

describe('stream incidents', () => {
  it('turns the period into XRANGE bounds on the IDs\' millisecond timestamps', () => {
    expect(streamIdRange(OCT)).toEqual({ start: String(ms('2026-10-01T00:00:00Z')), end: String(ms('2026-11-01T00:00:00Z') - 1) })
    expect(streamIdMs('1791968400000-3')).toBe(1791968400000)
    expect(streamIdMs('nope')).toBeUndefined()
  })

  it('reads entries as fields or as one JSON field, timing them by their ID without ts', () => {
    expect(entryRecord({ id: `${ms('2026-10-14T09:00:00Z')}-0`, message: { id: 'A', status: 'triggered' } }, 'ts')).toEqual({ value: { id: 'A', status: 'triggered', ts: ms('2026-10-14T09:00:00Z') } })
    expect(entryRecord({ id: '1-0', message: { json: '{"id":"A","ts":"2026-10-14T09:00:00Z"}' } }, 'ts')).toEqual({ value: { id: 'A', ts: '2026-10-14T09:00:00Z' } })
    expect(entryRecord({ id: '1-0', message: { data: '{broken' } }, 'ts').problem).toMatch(/^entry 1-0: `data` is not JSON/)
  })

  it('groups entries by incident id; the last entry is the current state', () => {
    const t = (iso: string, seq = 0) => `${ms(iso)}-${seq}`
    const entries: StreamEntry[] = [
      { id: t('2026-10-14T08:55:00Z'), message: { id: 'INC-1', status: 'triggered', severity: 'Sev2', title: 'Loop' } },
      { id: t('2026-10-14T08:56:00Z'), message: { id: 'INC-2', status: 'triggered', severity: 'Sev3', title: 'Slow' } },
      { id: t('2026-10-14T09:02:00Z'), message: { id: 'INC-1', status: 'acknowledged', severity: 'Sev2', title: 'Loop' } },
      { id: t('2026-10-14T10:30:00Z'), message: { id: 'INC-1', status: 'resolved', severity: 'Sev1', title: 'Loop' } },
      { id: t('2026-10-14T10:31:00Z'), message: { status: 'resolved' } }
    ]
    const { incidents, notes } = groupStreamEntries(entries, 'incident:timeline', settings)
    expect(notes.map((n) => n.message)).toEqual([expect.stringMatching(/has no `id`; skipped$/)])
    expect(incidents.map((i) => [i.ends.path, i.timeline.length])).toEqual([
      ['redis:incident:timeline#INC-1', 3],
      ['redis:incident:timeline#INC-2', 1]
    ])
    const placed = placeIncident(incidents[0]!.ends, settings, OCT)
    expect(placed.incident).toMatchObject({ id: 'INC-1', severity: 'Sev1', status: 'resolved', startedMs: ms('2026-10-14T08:55:00Z'), resolvedMs: ms('2026-10-14T10:30:00Z') })
  })

  it('reads every page, starting each after the last entry read', async () => {
    const all = Array.from({ length: 2500 }, (_, i) => ({ id: `${1000 + i}-0`, message: { id: `I${i % 7}` } }))
    const calls: string[] = []
    const client: StreamClient = {
      connect: async () => undefined,
      async xRange(_key, start, end, options) {
        calls.push(start)
        const after = start.startsWith('(') ? Number(start.slice(1).split('-')[0]) + 1 : Number(start)
        return all.filter((e) => streamIdMs(e.id)! >= after && streamIdMs(e.id)! <= Number(end)).slice(0, options?.COUNT ?? Infinity)
      }
    }
    const entries = await readStreamRange(client, 'k', '1000', '4000')
    expect(entries).toHaveLength(2500)
    expect(calls).toEqual(['1000', '(1999-0', '(2999-0'])
  })
})

describe('withoutSecrets', () => {
  it('removes the URL and its password, raw or percent-encoded, from a message', () => {
    const url = 'redis://default:hunter2%3Ap%40ss@cache.internal:6379/0'
    expect(withoutSecrets(`cannot reach ${url}: bad password hunter2:p@ss (hunter2%3Ap%40ss)`, url)).toBe('cannot reach ***: bad password *** (***)')
    expect(withoutSecrets('connect ECONNREFUSED 10.0.0.1:6379', url)).toBe('connect ECONNREFUSED 10.0.0.1:6379')
    expect(withoutSecrets('not a url here', 'not a url')).toBe('*** here')
    expect(withoutSecrets('auth failed for p%zz', 'redis://:p%zz@host')).toBe('auth failed for ***')
  })

  it('refuses a REDIS_URL that is not redis:// or rediss:// without repeating it', async () => {
    await expect(streamEntriesFromRedis('http://:s3cret@host', 'k', '0', '1')).rejects.toThrow(/^REDIS_URL is not a redis:\/\/ or rediss:\/\/ URL$/)
    await expect(streamEntriesFromRedis('s3cret', 'k', '0', '1')).rejects.toThrow(/^REDIS_URL is not a redis:\/\/ or rediss:\/\/ URL$/)
  })
})

describe('a server that accepts the connection and never answers', () => {
  it('gives the read up after the timeout, with an error instead of a hang', async () => {
    const silent = createServer((socket) => socket.on('data', () => undefined))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as { port: number }
    const began = Date.now()
    try {
      await expect(streamEntriesFromRedis(`redis://:s3cret@127.0.0.1:${port}`, 'k', '0', '1', (u) => createRedisClient(u, 300))).rejects.toThrow(/^Socket timeout/)
      expect(Date.now() - began).toBeLessThan(5000)
    } finally {
      silent.close()
    }
  })
})

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** A throwaway redis-server on 127.0.0.1, in memory only, with a password; resolves once it accepts connections. */
async function startRedisServer(port: number, password: string, dir: string): Promise<ChildProcess> {
  // Every command goes to the slow log, so the test can see exactly which XRANGEs the review sent.
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--requirepass', password, '--slowlog-log-slower-than', '0', '--slowlog-max-len', '10000']
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${log}`)), 10_000)
    const onData = (chunk: Buffer) => {
      log += chunk.toString('utf8')
      if (log.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve(child)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited (${code}) before it was ready:\n${log}`))
    })
  })
}

const KEY = 'incident:timeline'
const START = OCT.startMs
const END = OCT.endMs
const PASSWORD = 'hunter2:p@ss/w0rd'
const id = (msValue: number, seq = 0) => `${msValue}-${seq}`

/** Agents' incident events as they would append them, in stream order, around October 2026. */
function timeline(): Array<{ id: string; fields: Record<string, string> }> {
  const ev = (at: number | string, fields: Record<string, string>, seq = 0) => ({ id: id(typeof at === 'number' ? at : ms(at), seq), fields })
  const billing = { id: 'INC-1001', severity: 'Sev2', title: 'Billing agent retries double-charge', started_at: '2026-09-30T23:50:00Z' }
  const research = { id: 'INC-1014', severity: 'Sev2', title: 'Research agent loops on empty searches', postmortem: 'PM-102' }
  const leak = { id: 'INC-1020', severity: 'Sev1', title: 'Support agent quotes internal notes' }
  const triage = { id: 'INC-1031', severity: 'Sev3', title: 'Triage agent times out' }
  // INC-1020's agent posts an update every second while it investigates: more entries than one XRANGE page.
  const updates = Array.from({ length: 2100 }, (_, i) => ev(ms('2026-10-20T03:05:00Z') + i * 1000, { json: JSON.stringify({ ...leak, status: 'investigating', note: `replaying guardrail case ${i + 1}` }) }))
  return [
    ev('2026-09-30T22:00:00Z', { id: 'INC-0930', severity: 'Sev3', title: 'Nightly eval stuck', status: 'triggered' }),
    ev('2026-09-30T23:50:00Z', { ...billing, status: 'triggered' }),
    ev(START - 1, { id: 'INC-0930', severity: 'Sev3', title: 'Nightly eval stuck', status: 'resolved' }),
    ev(START, { ...billing, status: 'acknowledged' }),
    ev('2026-10-01T01:10:00Z', { ...billing, status: 'resolved' }),
    ev('2026-10-14T08:55:00Z', { ...research, status: 'triggered' }),
    ev('2026-10-14T09:02:00Z', { ...research, status: 'acknowledged' }),
    ev('2026-10-14T09:30:00Z', { data: '{"id":"INC-1014","status":"mitig' }),
    ev('2026-10-14T09:31:00Z', { status: 'mitigating', note: 'written by a writer that lost the id' }),
    ev('2026-10-14T10:30:00Z', { ...research, status: 'resolved' }),
    ev('2026-10-20T03:00:00Z', { json: JSON.stringify({ ...leak, status: 'triggered' }) }),
    ...updates,
    ev('2026-10-20T04:00:00Z', { json: JSON.stringify({ ...leak, status: 'resolved' }) }),
    ev(END - 1, { ...triage, status: 'triggered' }),
    ev(END - 1, { ...triage, status: 'acknowledged' }, 1),
    ev(END, { ...triage, status: 'resolved' }),
    ev(END, { id: 'INC-1101', severity: 'Sev2', title: 'November', status: 'triggered' }, 1)
  ]
}

const REDIS_YML = 'review:\n  incidents:\n    source: redis\n'

async function cli(argv: string[], cwd: string, env: Record<string, string>) {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: '1', ...env }, cwd, isTTY: false }, { now: () => new Date('2026-11-27T12:00:00Z') })
  return { code, stdout, stderr }
}

describe('against a real redis-server', () => {
  let server: ChildProcess | undefined
  let dir = ''
  let port = 0
  let url = ''
  let skip = ''
  const events = timeline()
  const inWindow = events.filter((e) => streamIdMs(e.id)! >= START && streamIdMs(e.id)! < END)

  beforeAll(async () => {
    if (spawnSync('redis-server', ['--version']).error !== undefined) {
      skip = 'no redis-server binary on PATH (apt-get install redis-server; .ci/run installs it when missing)'
      return
    }
    dir = mkdtempSync(path.join(tmpdir(), 'rl-redis-'))
    port = await freePort()
    server = await startRedisServer(port, PASSWORD, dir)
    url = `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`
    const client = createClient({ url })
    await client.connect()
    for (const e of events) await client.xAdd(KEY, e.id, e.fields)
    await client.close()
  }, 30_000)

  afterAll(() => {
    server?.kill()
    if (dir !== '') rmSync(dir, { recursive: true, force: true })
    removeRepos()
  })

  const skipped = () => {
    if (skip === '') return false
    console.warn(`skipped: ${skip}`)
    return true
  }

  /** The XRANGE commands the server received since the last call, with their arguments. */
  async function xranges(): Promise<string[][]> {
    const client = createClient({ url })
    await client.connect()
    const log = (await client.sendCommand(['SLOWLOG', 'GET', '-1'])) as Array<[number, number, number, string[], ...unknown[]]>
    await client.sendCommand(['SLOWLOG', 'RESET'])
    await client.close()
    return log
      .map((entry) => entry[3])
      .filter((args) => args[0]?.toUpperCase() === 'XRANGE')
      .reverse()
  }

  it('reads exactly the period\'s window with paged XRANGE, groups it by incident and builds the packet', async () => {
    if (skipped()) return
    const root = makeRepo({ '.github/reliability.yml': REDIS_YML })
    const config: Config = configOf(root)
    await xranges()
    const packet = await runReview(config, { period: OCT, now: new Date('2026-11-27T12:00:00Z') }, createNodeReviewAdapters(config, { redisUrl: url }))

    expect(inWindow).toHaveLength(2111)
    const page = (from: string) => ['XRANGE', KEY, from, String(END - 1), 'COUNT', '1000']
    expect((await xranges()).map((args) => args.map((a, i) => (i === 0 ? a.toUpperCase() : a)))).toEqual([
      page(String(START)),
      page(`(${inWindow[999]!.id}`),
      page(`(${inWindow[1999]!.id}`)
    ])

    const minutes = (n: number) => n * 60_000
    expect(packet.incidents).toEqual([
      { id: 'INC-1001', path: `redis:${KEY}#INC-1001`, severity: 'Sev2', title: 'Billing agent retries double-charge', start: '2026-09-30T23:50:00.000Z', ttdMs: minutes(10), ttrMs: minutes(80), status: 'resolved' },
      { id: 'INC-1014', path: `redis:${KEY}#INC-1014`, severity: 'Sev2', title: 'Research agent loops on empty searches', start: '2026-10-14T08:55:00.000Z', ttdMs: minutes(7), ttrMs: minutes(95), status: 'resolved', postmortem: 'PM-102' },
      { id: 'INC-1020', path: `redis:${KEY}#INC-1020`, severity: 'Sev1', title: 'Support agent quotes internal notes', start: '2026-10-20T03:00:00.000Z', ttdMs: minutes(5), ttrMs: minutes(60), status: 'resolved' },
      { id: 'INC-1031', path: `redis:${KEY}#INC-1031`, severity: 'Sev3', title: 'Triage agent times out', start: '2026-10-31T23:59:59.999Z', ttdMs: 0, status: 'acknowledged' }
    ])
    expect(packet.dataQuality).toEqual([
      { source: 'incidents', path: `redis:${KEY}`, message: expect.stringMatching(new RegExp(`^entry ${ms('2026-10-14T09:30:00Z')}-0: \`data\` is not JSON: `)) },
      { source: 'incidents', path: `redis:${KEY}`, message: `entry ${ms('2026-10-14T09:31:00Z')}-0 has no \`id\`; skipped` },
      { source: 'incidents', path: `redis:${KEY}#INC-1001`, message: 'incident INC-1001 spans the period boundary: it started before the period' },
      { source: 'incidents', path: `redis:${KEY}#INC-1031`, message: 'incident INC-1031 spans the period boundary: it is still open at the end of the period' }
    ])
    expect(packet.sources[0]).toEqual({ name: 'Incidents', location: `redis stream ${KEY}`, present: true, live: true })
    expect(packet.summary.find((s) => s.area === 'Incidents')).toMatchObject({ status: 'red' })
  })

  it('reads a window with nothing in it as present and empty', async () => {
    if (skipped()) return
    const entries = await streamEntriesFromRedis(url, KEY, String(ms('2026-08-01T00:00:00Z')), String(ms('2026-09-01T00:00:00Z') - 1))
    expect(entries).toEqual([])
    expect(await streamEntriesFromRedis(url, 'no:such:stream', String(START), String(END - 1))).toEqual([])
  })

  it('prints the packet through the CLI with REDIS_URL, and never the password', async () => {
    if (skipped()) return
    const root = makeRepo({ '.github/reliability.yml': REDIS_YML })
    const run = await cli(['review', '--month', '2026-10'], root, { REDIS_URL: url })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('| INC-1014 | Sev2 | Research agent loops on empty searches |')
    expect(run.stdout).toContain(`redis stream ${KEY}`)
    expect(run.stderr).toBe('note: 4 data-quality notes; see the packet\'s "Data quality" section\n')
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD)]) expect(run.stdout + run.stderr).not.toContain(secret)
  })

  it('turns a refused connection or a wrong password into a Data quality note, never a crash or a leaked password', async () => {
    if (skipped()) return
    const root = makeRepo({ '.github/reliability.yml': REDIS_YML })
    const closed = await freePort()
    const refused = await cli(['review', '--month', '2026-10', '--format', 'json'], root, { REDIS_URL: `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${closed}` })
    expect(refused.code).toBe(0)
    const packet = JSON.parse(refused.stdout) as { incidents: unknown[]; dataQuality: Array<{ message: string }> }
    expect(packet.incidents).toEqual([])
    expect(packet.dataQuality.map((n) => n.message)).toEqual([`cannot read the stream: connect ECONNREFUSED 127.0.0.1:${closed}; no incidents are shown`])

    const wrong = 'not-the-password'
    const denied = await cli(['review', '--month', '2026-10'], root, { REDIS_URL: `redis://default:${wrong}@127.0.0.1:${port}` })
    expect(denied.code).toBe(0)
    expect(denied.stdout).toMatch(/\| incidents \| `redis:incident:timeline` \| cannot read the stream: WRONGPASS [^|]*; no incidents are shown \|/)
    for (const run of [refused, denied]) for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), wrong]) expect(run.stdout + run.stderr).not.toContain(secret)
  })

  describe('through the bundles (dist/cli.js, dist/index.js: node-redis bundled in)', () => {
    const CLI = path.join(path.dirname(BUNDLE), 'cli.js')
    beforeAll(() => {
      if (skip === '') ensureBundle()
    }, 120_000)

    it('reads the stream on this Node, and exits promptly when the server refuses', () => {
      if (skipped()) return
      const root = makeRepo({ '.github/reliability.yml': REDIS_YML })
      const run = (redisUrl: string) => spawnSync(process.execPath, [CLI, 'review', '--month', '2026-10'], { cwd: root, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', REDIS_URL: redisUrl } })
      const ok = run(url)
      expect(ok.stderr).toBe('note: 4 data-quality notes; see the packet\'s "Data quality" section\n')
      expect(ok.status).toBe(0)
      expect(ok.stdout).toContain('| INC-1020 | Sev1 | Support agent quotes internal notes |')
      expect(ok.stdout + ok.stderr).not.toContain(encodeURIComponent(PASSWORD))
      expect(ok.stdout + ok.stderr).not.toContain(PASSWORD)

      const refused = run(`redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:1`)
      expect(refused.error).toBeUndefined()
      expect(refused.status).toBe(0)
      expect(refused.stdout).toContain('cannot read the stream: connect ECONNREFUSED 127.0.0.1:1; no incidents are shown')
      expect(refused.stdout + refused.stderr).not.toContain(encodeURIComponent(PASSWORD))
    }, 30_000)

    it('runs in the Action (dist/index.js, Node 24) with REDIS_URL from a secret, masked and never printed', async () => {
      if (skipped()) return
      const workspace = makeRepo({ '.github/reliability.yml': REDIS_YML })
      const runnerDir = mkdtempSync(path.join(tmpdir(), 'rl-redis-action-'))
      try {
        const run = await runActionBundle(runnerDir, {
          workspace,
          eventName: 'schedule',
          payload: { schedule: '0 6 1 * *' },
          with: { mode: 'review', 'review-month': '2026-10' },
          sha: '9d5c2f0b6e3a41c7a8f1e2d3c4b5a69788f0e1d2',
          repository: 'acme/agents',
          env: { REDIS_URL: url }
        })
        expect(run.stderr).toBe('')
        expect(run.code).toBe(0)
        expect(run.commands.filter((c) => c.command === 'add-mask').map((c) => c.message)).toContain(url)
        // Data quality warnings name the stream in their title; the stream is no file to annotate.
        expect(run.warnings).toContainEqual({ command: 'warning', properties: { title: `Review data quality (incidents): redis:${KEY}#INC-1031` }, message: 'incident INC-1031 spans the period boundary: it is still open at the end of the period' })
        expect(run.warnings.filter((c) => c.properties.file !== undefined)).toEqual([])
        expect(run.outputs).toMatchObject({ 'review-file': 'docs/reviews/2026-10.md', 'review-status': 'red' })
        const packet = readFileSync(path.join(workspace, 'docs/reviews/2026-10.md'), 'utf8')
        expect(packet).toContain('| INC-1031 | Sev3 | Triage agent times out |')
        const printed = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n') + run.summary + packet
        for (const secret of [PASSWORD, encodeURIComponent(PASSWORD)]) expect(printed).not.toContain(secret)
      } finally {
        rmSync(runnerDir, { recursive: true, force: true })
      }
    }, 40_000)
  })
})
