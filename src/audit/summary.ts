// What a run adds up to: per-dimension means and pass rates, the lowest-scoring transcripts, and whether
// `fail-below` is breached. A failed score counts against the pass rate (it is never a pass) and is left
// out of the mean (it has no value); a pending one (not reviewed yet) counts nowhere.

import type { AuditDimension, AuditScorerName } from '../config/types.js'
import { normalised, passes } from './rubric.js'
import type { Stratum } from './sample.js'
import type { DimensionScore } from './scores.js'

/** One transcript as one scorer saw it. */
export interface TranscriptResult {
  transcript: string
  sha256: string
  scorer: AuditScorerName
  stratum: Stratum
  model: string | null
  /** The dimensions this scorer scores. */
  scores: Record<string, DimensionScore>
  /** Taken from a record of an earlier run (same key) instead of being scored again. */
  reused: boolean
}

export interface DimensionSummary {
  dimension: AuditDimension
  /** Mean of the scores that exist; null when there are none. */
  mean: number | null
  scored: number
  failed: number
  pending: number
  /** Scored at or above the threshold. */
  passed: number
  /** passed / (scored + failed); null when both are 0. */
  passRate: number | null
}

export function summarise(dimensions: readonly AuditDimension[], results: readonly TranscriptResult[]): DimensionSummary[] {
  return dimensions.map((dimension) => {
    let sum = 0
    let scoredCount = 0
    let failedCount = 0
    let pendingCount = 0
    let passed = 0
    for (const result of results) {
      const s = result.scores[dimension.name]
      if (s === undefined) continue
      if (s.state === 'pending') pendingCount++
      else if (s.state === 'failed' || s.score === null) failedCount++
      else {
        scoredCount++
        sum += s.score
        if (passes(dimension, s.score)) passed++
      }
    }
    const judged = scoredCount + failedCount
    return {
      dimension,
      mean: scoredCount === 0 ? null : sum / scoredCount,
      scored: scoredCount,
      failed: failedCount,
      pending: pendingCount,
      passed,
      passRate: judged === 0 ? null : passed / judged
    }
  })
}

export interface RankedTranscript {
  transcript: string
  /** Mean share of the scale over its judged dimensions (a failed score counts as 0). */
  standing: number
  /** Dimension → its score state, across scorers. */
  scores: Record<string, DimensionScore>
}

/** The `count` transcripts with the lowest standing, lowest first; ties by path. */
export function lowestScoring(dimensions: readonly AuditDimension[], results: readonly TranscriptResult[], count = 5): RankedTranscript[] {
  const byName = new Map(dimensions.map((d) => [d.name, d]))
  const byTranscript = new Map<string, Record<string, DimensionScore>>()
  for (const result of results) byTranscript.set(result.transcript, { ...(byTranscript.get(result.transcript) ?? {}), ...result.scores })
  const ranked: RankedTranscript[] = []
  for (const [transcript, scores] of byTranscript) {
    let total = 0
    let judged = 0
    for (const [name, s] of Object.entries(scores)) {
      const dimension = byName.get(name)
      if (!dimension || s.state === 'pending') continue
      judged++
      total += s.score === null ? 0 : normalised(dimension, s.score)
    }
    if (judged > 0) ranked.push({ transcript, standing: total / judged, scores })
  }
  ranked.sort((a, b) => a.standing - b.standing || (a.transcript < b.transcript ? -1 : 1))
  return ranked.slice(0, count)
}

/** Dimensions whose pass rate is below `failBelow` (none when it is not set). */
export function failBelowBreaches(summaries: readonly DimensionSummary[], failBelow: number | undefined): DimensionSummary[] {
  if (failBelow === undefined) return []
  return summaries.filter((s) => s.passRate !== null && s.passRate < failBelow)
}
