// The review mode end to end on temporary repositories: every source, every bad input in the Data quality
// section (never a crash), determinism, and the JSON shape.
import { afterAll, describe, expect, it } from '@jest/globals'
import { createNodeReviewAdapters } from '../../src/io/node-review-adapters.js'
import { runReview } from '../../src/modes/review.js'
import { monthPeriod, resolvePeriod } from '../../src/review/period.js'
import { renderPacketJson } from '../../src/review/render-json.js'
import { renderPacketMarkdown } from '../../src/review/render-markdown.js'
import { AUDIT, configOf, makeRepo, POSTMORTEM, rec, removeRepos } from './fixtures.js'

afterAll(removeRepos)
const NOW = new Date('2026-11-27T12:00:00Z')

async function review(root: string, month = '2026-10') {
  const config = configOf(root)
  return runReview(config, { period: monthPeriod(month), now: NOW }, createNodeReviewAdapters(config))
}

const GOOD = {
  'docs/postmortems/PM-7.md': POSTMORTEM,
  'logs/incidents/loop.ndjson':
    rec({ ts: '2026-10-14T08:55:00Z', id: 'INC-7', severity: 'Sev2', status: 'triggered', title: 'Router loop', postmortem: 'PM-7' }) +
    rec({ ts: '2026-10-14T09:00:00Z', id: 'INC-7', severity: 'Sev2', status: 'acknowledged', title: 'Router loop', postmortem: 'PM-7' }) +
    rec({ ts: '2026-10-14T10:30:00Z', id: 'INC-7', severity: 'Sev1', status: 'resolved', title: 'Router loop', postmortem: 'PM-7' }),
  'logs/incidents/september.ndjson': rec({ ts: '2026-09-02T08:00:00Z', id: 'INC-6', severity: 'Sev3', status: 'resolved', title: 'Old' }),
  'reliability/audits/2026-09.ndjson': AUDIT('2026-09', 'a', { tone: 5, accuracy: 1 }) + AUDIT('2026-09', 'b', { tone: 4, accuracy: 1 }),
  'reliability/audits/2026-10.ndjson': AUDIT('2026-10', 'c', { tone: 3, accuracy: 1 }) + AUDIT('2026-10', 'd', { tone: 2, accuracy: 0 }),
  'reliability/bypass-log.ndjson':
    rec({ ts: '2026-10-14T09:40:00Z', repository: 'o/r', pull_request: 4, head_sha: 'abc', actor: 'maria', gates: ['rollback-plan'], reason: 'rollback during INC-7' }) +
    rec({ ts: '2026-11-02T09:40:00Z', repository: 'o/r', pull_request: 5, head_sha: 'def', actor: 'maria', gates: ['rollback-plan'], reason: 'later' })
}

describe('runReview', () => {
  it('gathers incidents, postmortems, the backlog, audit trends and bypasses of the month', async () => {
    const packet = await review(makeRepo(GOOD))
    expect(packet.incidents).toEqual([
      { id: 'INC-7', path: 'logs/incidents/loop.ndjson', severity: 'Sev1', title: 'Router loop', start: '2026-10-14T08:55:00.000Z', ttdMs: 5 * 60_000, ttrMs: 95 * 60_000, status: 'resolved', postmortem: 'PM-7', openActions: 2 }
    ])
    expect(packet.postmortems).toMatchObject([{ id: 'PM-7', date: '2026-10-14', lint: { errors: expect.any(Number) }, openActions: 2, overdueActions: 1, closedActions: 1 }])
    expect(packet.backlog).toMatchObject({ open: 2, overdue: 1, closed: 1 })
    expect(packet.backlog.overdueItems).toMatchObject([{ owner: '@maria.chen', due: '2026-10-20', postmortem: 'PM-7' }])
    const tone = packet.audits.dimensions.find((d) => d.dimension === 'tone')
    expect(tone).toMatchObject({ scale: '1-5', mean: 2.5, previous: 4.5, change: -2, count: 2 })
    expect(tone?.trend).toEqual([null, null, null, null, 4.5, 2.5])
    expect(packet.audits.lowest[0]).toMatchObject({ transcript: 'd', lowest: { dimension: 'accuracy', score: 0 } })
    expect(packet.bypasses).toMatchObject([{ pullRequest: 4, actor: 'maria' }])
    expect(packet.summary.find((a) => a.area === 'Audit scores')?.status).toBe('red')
    // One Sev1 incident: red by the default thresholds (sev1-incidents red at 1).
    expect(packet.summary.find((a) => a.area === 'Incidents')?.status).toBe('red')
    expect(packet.dataQuality).toEqual([])
  })

  it('renders the same bytes twice, with the chart and its table, links relative to docs/reviews', async () => {
    const root = makeRepo(GOOD)
    const a = renderPacketMarkdown(await review(root))
    const b = renderPacketMarkdown(await review(root))
    expect(a).toBe(b)
    expect(renderPacketJson(await review(root))).toBe(renderPacketJson(await review(root)))
    expect(a).toContain('```mermaid\nxychart-beta\n')
    expect(a).toContain('x-axis ["2026-09", "2026-10"]')
    expect(a).toMatch(/\| tone \| 1-5 \| – \| – \| – \| – \| 4\.50 \| 2\.50 \| −2\.00 \| 2 \|/)
    expect(a).toContain('[PM-7](../../docs/postmortems/PM-7.md)')
    expect(a).toMatch(/## Decisions\n\n<!-- Write each decision as an action item[^]*-->\n$/)
    for (const heading of ['Sources', 'Executive summary', 'Incidents', 'Postmortem hygiene', 'Action-item backlog', 'Audit scores', 'Experiments', 'Gate bypasses', 'Data quality', 'Decisions']) {
      expect(a).toContain(`\n## ${heading}\n`)
    }
  })

  it('gives an empty repository a packet that says every source is absent', async () => {
    const packet = await review(makeRepo({ 'README.md': 'hi\n' }))
    expect(packet.sources.every((s) => !s.present)).toBe(true)
    expect(packet.incidents).toEqual([])
    const md = renderPacketMarkdown(packet)
    expect(md).toContain('No incidents in the period.')
    expect(md).toContain('absent: nothing to read')
  })

  it('notes every bad input instead of failing', async () => {
    const packet = await review(
      makeRepo({
        ...GOOD,
        'logs/incidents/empty.ndjson': '',
        'logs/incidents/malformed.ndjson': `${rec({ ts: '2026-10-03T10:00:00Z', id: 'INC-M', status: 'triggered', severity: 'Sev3' })}{not json\n${rec({ ts: '2026-10-03T11:00:00Z', id: 'INC-M', status: 'resolved', severity: 'Sev3' })}`,
        'logs/incidents/truncated.ndjson': `${rec({ ts: '2026-10-05T10:00:00Z', id: 'INC-T', status: 'triggered', severity: 'Sev3' })}{"ts":"2026-10-05T12`,
        'logs/incidents/no-ts.ndjson': rec({ id: 'INC-N', status: 'triggered' }),
        'logs/incidents/zoneless.ndjson': rec({ ts: '2026-10-07T10:00:00', id: 'INC-Z', status: 'resolved', severity: 'Sev3' }),
        'logs/incidents/spans.ndjson': rec({ ts: '2026-09-30T22:00:00Z', id: 'INC-S', status: 'triggered', severity: 'Sev2' }) + rec({ ts: '2026-11-01T01:00:00+02:00', id: 'INC-S', status: 'investigating', severity: 'Sev2' }),
        'logs/incidents/array.ndjson': '[1,2]\n',
        'reliability/audits/2026-10.ndjson': `${AUDIT('2026-10', 'c', { tone: 3 })}{"period":"2026-10"}\nbroken\n`,
        'reliability/bypass-log.ndjson': `${rec({ repository: 'o/r', pull_request: 1 })}${rec({ ts: '2026-10-09T10:00:00', repository: 'o/r', pull_request: 2, gates: [] })}`,
        'docs/experiments/EXP-bad.md': '---\nid: 1\n---\n'
      })
    )
    const notes = packet.dataQuality.map((n) => `${n.source} ${n.path ?? ''}${n.line !== undefined ? `:${n.line}` : ''} ${n.message}`)
    const expectNote = (pattern: RegExp) => expect(notes.some((n) => pattern.test(n))).toBe(true)
    expectNote(/^incidents logs\/incidents\/empty\.ndjson empty file/)
    expectNote(/^incidents logs\/incidents\/malformed\.ndjson:2 invalid JSON/)
    expectNote(/^incidents logs\/incidents\/truncated\.ndjson last line: truncated last line/)
    expectNote(/^incidents logs\/incidents\/no-ts\.ndjson record without `ts`/)
    expectNote(/^incidents logs\/incidents\/no-ts\.ndjson no record time/)
    expectNote(/^incidents logs\/incidents\/zoneless\.ndjson `ts` "2026-10-07T10:00:00" has no time zone; read as UTC/)
    expectNote(/^incidents logs\/incidents\/spans\.ndjson incident INC-S spans the period boundary: it started before the period and is still open/)
    expectNote(/^incidents logs\/incidents\/array\.ndjson the last record is not a JSON object/)
    expectNote(/^audits reliability\/audits\/2026-10\.ndjson:2 not an audit score record/)
    expectNote(/^audits reliability\/audits\/2026-10\.ndjson:3 invalid JSON/)
    expectNote(/^bypasses reliability\/bypass-log\.ndjson:1 record without `ts`/)
    expectNote(/^bypasses reliability\/bypass-log\.ndjson:2 `ts` has no time zone/)
    expectNote(/^experiments docs\/experiments\/EXP-bad\.md/)
    // The readable incidents are still there; the truncated one from its last complete record.
    expect(packet.incidents.map((i) => i.id).sort()).toEqual(['INC-7', 'INC-M', 'INC-S', 'INC-T', 'INC-Z'])
    expect(packet.incidents.find((i) => i.id === 'INC-M')).toMatchObject({ status: 'resolved', ttrMs: 3_600_000 })
    expect(packet.bypasses).toMatchObject([{ pullRequest: 2 }])
    const md = renderPacketMarkdown(packet)
    expect(md).toContain('## Data quality')
    expect(md).toContain('`logs/incidents/malformed.ndjson:2`')
  })

  it('counts each audited transcript once, random stratum for the means, and says what it counted and left out', async () => {
    const line = (transcript: string, scores: Record<string, number>, extra: Record<string, unknown> = {}) =>
      rec({ period: '2026-10', seed: 's', transcript, sha256: `${transcript}-hash`, rubric_version: 'v1', scorer: 'rules', model: null, scores, reasons: {}, scored_at: '2026-10-28T00:00:00Z', ...extra })
    const packet = await review(
      makeRepo({
        // No `stratum` field: random. The same line twice (two audit runs appended it): counted once.
        'reliability/audits/2026-10.ndjson':
          line('a', { accuracy: 1 }) + line('a', { accuracy: 1 }) + line('b', { accuracy: 0.5 }) + line('b', { accuracy: 1 }, { scorer: 'llm', model: 'm' }) + line('c', { accuracy: 0 }, { stratum: 'flagged' })
      })
    )
    expect(packet.audits.dimensions).toMatchObject([{ dimension: 'accuracy', mean: 1, count: 2, flagged: { mean: 0, count: 1 } }])
    const md = renderPacketMarkdown(packet)
    expect(md).toContain('| dimension | scale | 2026-05 | 2026-06 | 2026-07 | 2026-08 | 2026-09 | 2026-10 | change vs 2026-09 | transcripts in 2026-10 | flagged in 2026-10 (apart) |')
    expect(md).toMatch(/\| accuracy \| 0-1 \| – \| – \| – \| – \| – \| 1\.00 \| – \| 2 \| 0\.00 \(1\) \|/)
    expect(md).toContain('Counted: one score per transcript and dimension (a person\'s over the judge\'s over the rules\'), 2 transcripts of the random stratum in 2026-10 for the means and trends, 1 of the flagged stratum shown apart. Left out, over the months read: 1 record repeated by key, 1 score set aside for one that takes precedence on the same transcript and dimension.')
  })

  it('calls the audit area amber when the month has flagged transcripts only: no mean to judge', async () => {
    const packet = await review(makeRepo({ 'reliability/audits/2026-10.ndjson': AUDIT('2026-10', 'c', { accuracy: 0 }).replace('"random"', '"flagged"') }))
    expect(packet.summary.find((a) => a.area === 'Audit scores')).toMatchObject({ status: 'amber', summary: 'no scores of the random stratum for 2026-10' })
  })

  it('reviews the current month to date: items overdue as of now, not as of the month\'s end', async () => {
    const due = (day: string) => `- [ ] Item due ${day} :: @dev-ops :: ${day}\n`
    const pm = `${POSTMORTEM.replace('- Date: 2026-10-14', '- Date: 2026-11-03')}${due('2026-11-20')}${due('2026-11-27')}${due('2026-11-29')}`
    const root = makeRepo({ 'docs/postmortems/PM-7.md': pm })
    const config = configOf(root)
    const period = resolvePeriod({ month: '2026-11' }, NOW)
    const packet = await runReview(config, { period, now: NOW }, createNodeReviewAdapters(config))
    // Due on the 27th (today) is not overdue yet; the 29th has not come.
    expect(packet.backlog.overdueItems.map((i) => i.due)).toEqual(['2026-10-20', '2026-11-20'])
    expect(packet.period).toEqual({ label: '2026-11', title: 'November 2026 (to date)', start: '2026-11-01T00:00:00.000Z', end: '2026-11-27T12:00:00.000Z', toDate: true })
    const md = renderPacketMarkdown(packet)
    expect(md).toMatch(/^# Reliability review: November 2026 \(to date\)\n/)
    expect(md).toContain('2 overdue (due before today)')
  })

  it('keeps incidents of the period only, placing them by instant, not by string', async () => {
    const packet = await review(
      makeRepo({
        // 00:30 on 1 November at +02:00 is 31 October in UTC: in October.
        'logs/incidents/late.ndjson': rec({ ts: '2026-11-01T00:30:00+02:00', id: 'LATE', status: 'resolved', severity: 'Sev3' }),
        // 23:30 on 31 October at -02:00 is 1 November in UTC: not in October.
        'logs/incidents/early.ndjson': rec({ ts: '2026-10-31T23:30:00-02:00', id: 'NOV', status: 'resolved', severity: 'Sev3' })
      })
    )
    expect(packet.incidents.map((i) => i.id)).toEqual(['LATE'])
  })
})

describe('the JSON packet', () => {
  it('has a version and every section', async () => {
    const json = JSON.parse(renderPacketJson(await review(makeRepo(GOOD)))) as Record<string, unknown>
    expect(Object.keys(json)).toEqual(['version', 'period', 'generatedAt', 'sources', 'summary', 'incidents', 'postmortems', 'backlog', 'audits', 'experiments', 'bypasses', 'dataQuality', 'decisions'])
    expect(json).toMatchObject({
      version: 1,
      period: { label: '2026-10', title: 'October 2026', start: '2026-10-01T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z' },
      generatedAt: '2026-11-27T12:00:00.000Z',
      audits: { month: '2026-10', months: ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'] }
    })
    expect((json.summary as Array<{ area: string; status: string }>).map((a) => a.area)).toEqual(['Incidents', 'Postmortem hygiene', 'Action items', 'Audit scores', 'Experiments', 'Gate bypasses'])
  })
})

describe('the example content', () => {
  it('gives a packet for 2026-10 whose incidents link to the example postmortems', async () => {
    const { fileURLToPath } = await import('node:url')
    const { loadConfig } = await import('../../src/config/load.js')
    const { readConfigText } = await import('../../src/cli/lint-command.js')
    const root = fileURLToPath(new URL('../../', import.meta.url))
    const config = loadConfig({ root, configPath: `${root}examples/review/reliability.yml`, readFile: readConfigText })
    const packet = await runReview(config, { period: monthPeriod('2026-10'), now: NOW }, createNodeReviewAdapters(config))
    expect(packet.incidents.map((i) => [i.id, i.postmortem, i.openActions])).toEqual([
      ['INC-1014', 'PM-102', 4],
      ['INC-1031', undefined, undefined]
    ])
    expect(packet.audits.dimensions.map((d) => d.dimension)).toEqual(['accuracy', 'policy_adherence', 'tone'])
    expect(packet.bypasses).toHaveLength(1)
    expect(packet.dataQuality.map((n) => n.message)).toEqual(['incident INC-1031 spans the period boundary: it was resolved after the period'])
    const september = await runReview(config, { period: monthPeriod('2026-09'), now: NOW }, createNodeReviewAdapters(config))
    expect(september.incidents.map((i) => [i.id, i.severity, i.postmortem])).toEqual([['INC-0922', 'Sev1', 'PM-101']])
  })
})

describe('incidents from Redis', () => {
  const redisConfig = (root: string) => {
    const config = configOf(root)
    return { ...config, review: { ...config.review!, incidents: { ...config.review!.incidents, source: 'redis' as const } } }
  }

  it('says so in Data quality when no connection is configured, or the stream cannot be read', async () => {
    const root = makeRepo({})
    const config = redisConfig(root)
    const packet = await runReview(config, { period: monthPeriod('2026-10'), now: NOW }, createNodeReviewAdapters(config))
    expect(packet.dataQuality.map((n) => n.message)).toEqual(['incidents.source is redis but no connection is configured (set REDIS_URL); no incidents are shown'])
    expect(packet.sources[0]).toMatchObject({ name: 'Incidents', location: 'redis stream incident:timeline', present: false })
    const failing = { ...createNodeReviewAdapters(config), streamEntries: async () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')) }
    const down = await runReview(config, { period: monthPeriod('2026-10'), now: NOW }, failing)
    expect(down.dataQuality.map((n) => n.message)).toEqual(['cannot read the stream: ECONNREFUSED 127.0.0.1:6379; no incidents are shown'])
  })

  it('places the stream\'s incidents like timeline files, asking for the period\'s ID window', async () => {
    const root = makeRepo({})
    const config = redisConfig(root)
    const asked: string[][] = []
    const t = (iso: string) => `${Date.parse(iso)}-0`
    const adapters = {
      ...createNodeReviewAdapters(config),
      streamEntries: async (key: string, start: string, end: string) => {
        asked.push([key, start, end])
        return [
          { id: t('2026-10-14T08:55:00Z'), message: { id: 'INC-1', status: 'triggered', severity: 'Sev2', title: 'Loop' } },
          { id: t('2026-10-14T09:02:00Z'), message: { id: 'INC-1', status: 'acknowledged', severity: 'Sev2', title: 'Loop' } },
          { id: t('2026-10-14T10:30:00Z'), message: { id: 'INC-1', status: 'resolved', severity: 'Sev2', title: 'Loop' } }
        ]
      }
    }
    const packet = await runReview(config, { period: monthPeriod('2026-10'), now: NOW }, adapters)
    expect(asked).toEqual([['incident:timeline', String(Date.parse('2026-10-01T00:00:00Z')), String(Date.parse('2026-11-01T00:00:00Z') - 1)]])
    expect(packet.incidents).toMatchObject([{ id: 'INC-1', ttdMs: 7 * 60_000, ttrMs: 95 * 60_000, status: 'resolved' }])
    expect(packet.sources[0]).toMatchObject({ present: true })
    expect(packet.dataQuality).toEqual([])
  })
})
