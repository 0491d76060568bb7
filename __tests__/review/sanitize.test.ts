// Untrusted text never reaches the packet as it came (issue 11 item 8): a NUL byte or an escape sequence
// from a Redis error, an incident file, a postmortem, an audit reason or the bypass log is stripped, and a
// line a GitHub runner would obey as a workflow command (`::set-output`) is neutralised, in the markdown,
// the JSON and the Action's warnings.
import { afterAll, describe, expect, it } from '@jest/globals'
import { createNodeReviewAdapters } from '../../src/io/node-review-adapters.js'
import { runReview } from '../../src/modes/review.js'
import { monthPeriod } from '../../src/review/period.js'
import { renderPacketJson } from '../../src/review/render-json.js'
import { renderPacketMarkdown } from '../../src/review/render-markdown.js'
import { AUDIT, configOf, makeRepo, POSTMORTEM, rec, removeRepos } from './fixtures.js'

afterAll(removeRepos)
const NOW = new Date('2026-11-27T12:00:00Z')
const HOSTILE = 'a\u0000b\u001b[31mred\u001b[0m\u001b]0;title\u0007\r\u0085c'
// Control characters (but tab and newline), DEL, C1 controls, ESC.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

function expectSafe(text: string): void {
  expect(text).not.toMatch(UNSAFE)
  expect(text).not.toMatch(/^\s*::/m)
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(stringsOf)
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...stringsOf(v)])
  return []
}

describe('untrusted text in the packet', () => {
  it('is stripped of NUL bytes, escape sequences and workflow commands, from every source', async () => {
    const root = makeRepo({
      'docs/postmortems/PM-7.md': POSTMORTEM.replace('Router loop', `Router ${HOSTILE} loop`).replace('Roll back the prompt', `Roll back ${HOSTILE}`),
      'logs/incidents/loop.ndjson': rec({ ts: '2026-10-14T08:55:00Z', id: `INC-7${HOSTILE}`, severity: 'Sev2', status: 'resolved', title: `::set-output name=x::${HOSTILE}` }),
      'logs/incidents/zoneless.ndjson': rec({ ts: `2026-10-07T10:00:00${HOSTILE}`, id: 'INC-Z', status: 'resolved', severity: 'Sev3' }),
      'reliability/audits/2026-10.ndjson': AUDIT('2026-10', `t${HOSTILE}`, { tone: 2 }).replace('"reasons":{}', `"reasons":${JSON.stringify({ tone: `::error::${HOSTILE}` })}`),
      'reliability/bypass-log.ndjson': rec({ ts: '2026-10-14T09:40:00Z', repository: 'o/r', pull_request: 4, head_sha: 'abc', actor: `m${HOSTILE}`, gates: ['rollback-plan'], reason: `\n::add-mask::${HOSTILE}` })
    })
    const config = configOf(root)
    const packet = await runReview(config, { period: monthPeriod('2026-10'), now: NOW }, createNodeReviewAdapters(config))
    const md = renderPacketMarkdown(packet)
    const json = renderPacketJson(packet)
    expectSafe(md)
    expectSafe(json)
    // JSON escapes control characters (`\u0000`): the strings it holds are what must be safe.
    for (const text of stringsOf(JSON.parse(json))) expectSafe(text)
    expect(packet.incidents[0]?.title).toBe(':\u200b:set-output name=x::abred c')
    expect(packet.bypasses[0]?.reason).toBe(' :\u200b:add-mask::abred c')
  })

  it('strips a Redis error\'s NUL byte and escape sequences', async () => {
    const root = makeRepo({})
    const config = configOf(root)
    const redis = { ...config, review: { ...config.review!, incidents: { ...config.review!.incidents, source: 'redis' as const } } }
    const adapters = { ...createNodeReviewAdapters(redis), streamEntries: async () => Promise.reject(new Error(`-ERR bad\u0000\u001b[2J\r\n::warning::x`)) }
    const packet = await runReview(redis, { period: monthPeriod('2026-10'), now: NOW }, adapters)
    expect(packet.dataQuality.map((n) => n.message)).toEqual(['cannot read the stream: -ERR bad ::warning::x; no incidents are shown'])
    expectSafe(renderPacketMarkdown(packet))
  })
})
