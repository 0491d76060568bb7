// Audit trends from the audit mode's score records (src/audit/store.ts): per-dimension means for the
// review's month, the change from the month before, the last six months, and the lowest-scoring
// transcripts. Means are in each dimension's own scale; the chart puts them on 0–1 so they share an axis.

import type { AuditRecord } from '../audit/store.js'
import { shiftMonth } from './period.js'
import { compareText } from './quality.js'

export const TREND_MONTHS = 6
const LOWEST_SHOWN = 5

export interface DimensionTrend {
  dimension: string
  scale: '0-1' | '1-5'
  /** Mean in the review month; null without scores. */
  mean: number | null
  previous: number | null
  /** mean − previous, when both exist. */
  change: number | null
  /** Scores counted in the review month. */
  count: number
  /** One mean per month of `AuditTrends.months`, oldest first. */
  trend: Array<number | null>
}

export interface LowTranscript {
  transcript: string
  /** Mean of the transcript's scores on 0–1. */
  score: number
  lowest: { dimension: string; score: number; reason?: string }
}

export interface AuditTrends {
  month: string
  /** The six months ending with the review's, oldest first. */
  months: string[]
  dimensions: DimensionTrend[]
  lowest: LowTranscript[]
  records: number
}

export function normalise(score: number, scale: '0-1' | '1-5'): number {
  return scale === '1-5' ? (score - 1) / 4 : score
}

export function auditMonths(month: string): string[] {
  return Array.from({ length: TREND_MONTHS }, (_, i) => shiftMonth(month, i - (TREND_MONTHS - 1)))
}

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length)

/**
 * `records` are every record read from the trend months' files; `scales` the rubric's dimensions (a
 * dimension the rubric no longer has is placed on 1–5 when any of its scores is above 1).
 */
export function auditTrends(records: readonly AuditRecord[], month: string, scales: ReadonlyMap<string, '0-1' | '1-5'>): AuditTrends {
  const months = auditMonths(month)
  const previousMonth = shiftMonth(month, -1)
  const byKey = new Map<string, number[]>()
  const seenAbove1 = new Set<string>()
  const dims = new Set<string>()
  for (const r of records) {
    for (const [dim, score] of Object.entries(r.scores)) {
      if (score === null) continue
      dims.add(dim)
      if (score > 1) seenAbove1.add(dim)
      const key = `${r.period}\n${dim}`
      const list = byKey.get(key)
      if (list) list.push(score)
      else byKey.set(key, [score])
    }
  }
  const scaleOf = (dim: string): '0-1' | '1-5' => scales.get(dim) ?? (seenAbove1.has(dim) ? '1-5' : '0-1')
  const dimensions = [...dims].sort(compareText).map((dimension): DimensionTrend => {
    const now = byKey.get(`${month}\n${dimension}`) ?? []
    const m = mean(now)
    const p = mean(byKey.get(`${previousMonth}\n${dimension}`) ?? [])
    return {
      dimension,
      scale: scaleOf(dimension),
      mean: m,
      previous: p,
      change: m !== null && p !== null ? m - p : null,
      count: now.length,
      trend: months.map((mm) => mean(byKey.get(`${mm}\n${dimension}`) ?? []))
    }
  })

  const perTranscript = new Map<string, { scores: number[]; lowest: LowTranscript['lowest'] }>()
  for (const r of records) {
    if (r.period !== month) continue
    for (const [dim, score] of Object.entries(r.scores)) {
      if (score === null) continue
      const n = normalise(score, scaleOf(dim))
      const entry = perTranscript.get(r.transcript) ?? { scores: [], lowest: { dimension: dim, score: n, ...(r.reasons[dim] !== undefined && { reason: r.reasons[dim] }) } }
      entry.scores.push(n)
      if (n < entry.lowest.score || (n === entry.lowest.score && compareText(dim, entry.lowest.dimension) < 0)) {
        entry.lowest = { dimension: dim, score: n, ...(r.reasons[dim] !== undefined && { reason: r.reasons[dim] }) }
      }
      perTranscript.set(r.transcript, entry)
    }
  }
  const lowest = [...perTranscript.entries()]
    .map(([transcript, e]) => ({ transcript, score: mean(e.scores) as number, lowest: e.lowest }))
    .filter((t) => t.score < 1)
    .sort((a, b) => a.score - b.score || compareText(a.transcript, b.transcript))
    .slice(0, LOWEST_SHOWN)
  return { month, months, dimensions, lowest, records: records.filter((r) => months.includes(r.period)).length }
}
