// The packet's audit means (issue 10 item 3): one score per transcript and dimension (a person's over the
// judge's over the rules'), the random stratum for means and trends, the flagged stratum apart, records
// repeated by key counted once, and what was counted and left out said.
import { describe, expect, it } from '@jest/globals'
import type { AuditRecord } from '../../src/audit/store.js'
import { auditTrends } from '../../src/review/audits.js'

const SCALES = new Map([['tone', '1-5' as const]])

function record(transcript: string, scores: Record<string, number | null>, extra: Partial<AuditRecord> = {}): AuditRecord {
  return { period: '2026-10', seed: 's', transcript, sha256: `${transcript}-hash`, rubric_version: 'v1', scorer: 'rules', model: null, stratum: 'random', scores, reasons: {}, scored_at: '2026-10-28T00:00:00Z', ...extra }
}

describe('auditTrends', () => {
  it('takes one score per transcript and dimension: a person\'s over the judge\'s over the rules\'', () => {
    const trends = auditTrends(
      [
        record('a', { tone: 1 }),
        record('a', { tone: 3 }, { scorer: 'llm', model: 'm' }),
        record('a', { tone: 5 }, { scorer: 'human' }),
        record('b', { tone: 2 }),
        // The judge failed on b: the rules' score stands.
        record('b', { tone: null }, { scorer: 'llm', model: 'm' })
      ],
      '2026-10',
      SCALES
    )
    expect(trends.dimensions).toMatchObject([{ dimension: 'tone', mean: 3.5, count: 2 }])
    expect(trends.counting).toMatchObject({ records: 5, duplicates: 0, superseded: 2, transcripts: 2, flaggedTranscripts: 0 })
    expect(trends.lowest.map((t) => [t.transcript, t.score])).toEqual([['b', 0.25]])
  })

  it('counts a record repeated by key once', () => {
    const a = record('a', { tone: 1 })
    const trends = auditTrends([a, { ...a }, record('b', { tone: 5 }), record('b', { tone: 5 })], '2026-10', SCALES)
    expect(trends.dimensions).toMatchObject([{ dimension: 'tone', mean: 3, count: 2 }])
    expect(trends.counting).toMatchObject({ records: 4, duplicates: 2, superseded: 0, transcripts: 2 })
  })

  it('computes means and trends over the random stratum and shows the flagged one apart', () => {
    const trends = auditTrends(
      [
        record('p', { tone: 4 }, { period: '2026-09' }),
        record('q', { tone: 1 }, { period: '2026-09', stratum: 'flagged' }),
        record('a', { tone: 5 }),
        record('b', { tone: 3 }),
        record('c', { tone: 1 }, { stratum: 'flagged' }),
        record('d', { tone: 2 }, { stratum: 'flagged' })
      ],
      '2026-10',
      SCALES
    )
    const tone = trends.dimensions[0]
    expect(tone).toMatchObject({ mean: 4, previous: 4, change: 0, count: 2, flagged: { mean: 1.5, count: 2 } })
    expect(tone?.trend.slice(-2)).toEqual([4, 4])
    expect(trends.counting).toMatchObject({ transcripts: 2, flaggedTranscripts: 2 })
    // The lowest-scoring list names the stratum of each transcript.
    expect(trends.lowest.map((t) => [t.transcript, t.stratum])).toEqual([['c', 'flagged'], ['d', 'flagged'], ['b', 'random']])
  })

  it('does not turn a small drop into a large one when a transcript was scored twice', () => {
    // September: ten transcripts at 0.9. October: ten at 0.85, of which two also scored by the judge at 0.
    const sept = Array.from({ length: 10 }, (_, i) => record(`s${i}`, { accuracy: 0.9 }, { period: '2026-09' }))
    const oct = Array.from({ length: 10 }, (_, i) => record(`o${i}`, { accuracy: 0.85 }))
    const judged = [record('o0', { accuracy: 0.85 }, { scorer: 'llm', model: 'm' }), record('o1', { accuracy: 0.85 }, { scorer: 'llm', model: 'm' })]
    const trends = auditTrends([...sept, ...oct, ...judged, record('o2', { accuracy: 0 }, { stratum: 'flagged', seed: 'other' })], '2026-10', new Map())
    const accuracy = trends.dimensions[0]
    expect(accuracy?.count).toBe(10)
    expect(accuracy?.change).toBeCloseTo(-0.05, 10)
  })
})
