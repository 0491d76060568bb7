// Means, pass rates, the lowest-scoring transcripts and fail-below: failed scores never pass.
import { describe, expect, it } from '@jest/globals'
import { failed, pending, scored } from '../../src/audit/scores.js'
import { failBelowBreaches, lowestScoring, summarise, type TranscriptResult } from '../../src/audit/summary.js'
import { defaultAuditDimensions } from '../../src/config/audit.js'

const DIMS = defaultAuditDimensions()
const result = (transcript: string, scores: TranscriptResult['scores'], scorer: TranscriptResult['scorer'] = 'rules'): TranscriptResult => ({
  transcript,
  sha256: 'x',
  scorer,
  stratum: 'random',
  model: null,
  scores,
  reused: false
})

const RESULTS = [
  result('a', { policy_adherence: scored(1, ''), tone: scored(5, ''), accuracy: scored(1, '') }),
  result('b', { policy_adherence: scored(0, ''), tone: scored(2, ''), accuracy: scored(0.5, '') }),
  result('c', { policy_adherence: failed('bad reply', true), tone: pending('waiting'), accuracy: scored(0.9, '') })
]

describe('summarise', () => {
  it('averages the scores that exist and counts failed scores against the pass rate', () => {
    const [policy, tone, accuracy] = summarise(DIMS, RESULTS)
    expect(policy).toMatchObject({ mean: 0.5, scored: 2, failed: 1, pending: 0, passed: 1, passRate: 1 / 3 })
    expect(tone).toMatchObject({ mean: 3.5, scored: 2, failed: 0, pending: 1, passed: 1, passRate: 0.5 })
    expect(accuracy).toMatchObject({ passed: 2, passRate: 2 / 3 })
    expect(accuracy?.mean).toBeCloseTo(0.8)
  })

  it('has no mean and no pass rate for a dimension nothing scored', () => {
    expect(summarise(DIMS, [result('a', { tone: pending('x') })])[1]).toMatchObject({ mean: null, passRate: null, pending: 1 })
  })
})

describe('lowestScoring', () => {
  it('ranks transcripts by their share of the scales, a failed score as 0, across scorers', () => {
    const ranked = lowestScoring(DIMS, [...RESULTS, result('a', { tone: scored(1, '') }, 'human')])
    expect(ranked.map((r) => [r.transcript, Math.round(r.standing * 100)])).toEqual([
      ['b', 25],
      ['c', 45],
      ['a', 67]
    ])
  })
})

describe('failBelowBreaches', () => {
  it('lists the dimensions under the bar, none without one', () => {
    const summaries = summarise(DIMS, RESULTS)
    expect(failBelowBreaches(summaries, 0.6).map((s) => s.dimension.name)).toEqual(['policy_adherence', 'tone'])
    expect(failBelowBreaches(summaries, 0)).toEqual([])
    expect(failBelowBreaches(summaries, undefined)).toEqual([])
  })
})
