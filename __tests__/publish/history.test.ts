// The trend months' incidents come from a second review run; it reads again only the timeline heads the
// month's run skipped (an incident resolved before the month, whose start the window needs).
import { afterAll, describe, expect, it } from '@jest/globals'
import { createNodeReviewAdapters } from '../../src/io/node-review-adapters.js'
import { reviewWithHistory, trendWindow } from '../../src/modes/publish.js'
import { monthPeriod } from '../../src/review/period.js'
import { configOf, makeRepo, removeRepos } from '../review/fixtures.js'
import { REVIEW_FILES } from './fixtures.js'

afterAll(removeRepos)

describe('reviewWithHistory', () => {
  it('reads each incident file\'s ends once (again only for a head the month skipped) and each postmortem once, and counts the six months', async () => {
    const root = makeRepo(REVIEW_FILES)
    const config = configOf(root)
    const adapters = createNodeReviewAdapters(config, {})
    const ends: string[] = []
    const reads: string[] = []
    const counted = {
      ...adapters,
      incidentEnds: (path: string, firstNeeded: (last: unknown) => boolean) => {
        ends.push(path)
        return adapters.incidentEnds(path, firstNeeded)
      },
      files: { ...adapters.files, read: (path: string) => (reads.push(path), adapters.files.read(path)) }
    }
    const { packet, history } = await reviewWithHistory(config, { period: monthPeriod('2026-10'), now: new Date('2026-11-27T12:00:00Z') }, counted)
    expect(packet.incidents.map((i) => i.id)).toEqual(['INC-7', 'INC-8'])
    expect(history.incidents.map((m) => m.total)).toEqual([0, 0, 0, 1, 0, 2])
    // b.ndjson was resolved before October: the month's run did not read its first record, the window needs it.
    expect([...ends].sort()).toEqual(['logs/incidents/a.ndjson', 'logs/incidents/b.ndjson', 'logs/incidents/b.ndjson', 'logs/incidents/c.ndjson'])
    expect(reads.filter((p) => p.endsWith('.md'))).toEqual(['docs/postmortems/PM-7.md'])
  })

  it('spans the six months ending with the period\'s month', () => {
    const w = trendWindow(monthPeriod('2026-02'))
    expect([w.label, new Date(w.startMs).toISOString(), new Date(w.endMs).toISOString()]).toEqual(['2025-09_2026-02', '2025-09-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'])
  })
})
