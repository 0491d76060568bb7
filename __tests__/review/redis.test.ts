// Incidents from a Redis stream: the XRANGE window of a period, entries grouped into incidents, paging,
// and — when a redis-server can be started and the `redis` package is installed — the real thing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { defaultReviewConfig } from '../../src/config/review.js'
import { readStreamRange, streamEntriesFromRedis, type StreamClient } from '../../src/io/redis-stream.js'
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

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

describe('against a real redis-server', () => {
  let server: ChildProcess | undefined
  let url = ''
  let skip = ''
  beforeAll(async () => {
    if (spawnSync('redis-server', ['--version']).status !== 0) {
      skip = 'redis-server is not installed (apt-get install redis-server; .ci/run installs it)'
      return
    }
    try {
      await import('redis' as string)
    } catch {
      skip = 'the `redis` npm package is not installed (npm install redis)'
      return
    }
    const port = await freePort()
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    url = `redis://127.0.0.1:${port}`
    for (let i = 0; i < 50; i++) {
      if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG') return
      await new Promise((r) => setTimeout(r, 100))
    }
    skip = 'redis-server did not start'
  }, 20_000)
  afterAll(() => {
    server?.kill()
  })

  it('reads the window of October from incident:timeline by stream ID', async () => {
    if (skip !== '') {
      console.warn(`skipped: ${skip}`)
      return
    }
    const port = new URL(url).port
    const add = (iso: string, ...fields: string[]) => spawnSync('redis-cli', ['-p', port, 'XADD', 'incident:timeline', `${ms(iso)}-0`, ...fields], { encoding: 'utf8' })
    add('2026-09-30T23:59:59Z', 'id', 'OLD', 'status', 'resolved')
    add('2026-10-14T08:55:00Z', 'id', 'INC-1', 'status', 'triggered', 'severity', 'Sev2')
    add('2026-10-14T10:30:00Z', 'id', 'INC-1', 'status', 'resolved', 'severity', 'Sev2')
    add('2026-11-01T00:00:00Z', 'id', 'NEW', 'status', 'triggered')
    const { start, end } = streamIdRange(OCT)
    const entries = await streamEntriesFromRedis(url, 'incident:timeline', start, end)
    expect(entries.map((e) => e.message.id)).toEqual(['INC-1', 'INC-1'])
  })
})
