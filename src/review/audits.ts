// Audit trends from the audit mode's score records (src/audit/store.ts): per-dimension means for the
// review's month, the change from the month before, the last six months, and the lowest-scoring
// transcripts. Means are in each dimension's own scale; the chart puts them on 0–1 so they share an axis.
//
// What is counted, so that a transcript weighs once whoever scored it and however often the audit ran:
// - a record repeated by key (recordKey: period, seed, content hash, rubric version, scorer) once, whatever
//   the file holds (two concurrent audit runs may both have appended it);
// - one score per transcript, dimension and month: a person's over the judge's over the rules' (a failed
//   score, null, gives way to the next); between records of the same scorer, the one of the transcript's
//   own stratum, then the later `scored_at`, then the later line;
// - means and trends over the random stratum only (the unbiased sample); the flagged stratum (transcripts
//   added because they were flagged) is shown apart. A transcript that any record of the month places in
//   the random stratum is in the random stratum; records without a stratum are random.

import { recordKey, type AuditRecord } from '../audit/store.js'
import type { Stratum } from '../audit/sample.js'
import { shiftMonth } from './period.js'
import { compareText } from './quality.js'

export const TREND_MONTHS = 6
const LOWEST_SHOWN = 5

export interface DimensionTrend {
  dimension: string
  scale: '0-1' | '1-5'
  /** Mean of the random stratum in the review month; null without scores. */
  mean: number | null
  previous: number | null
  /** mean − previous, when both exist. */
  change: number | null
  /** Transcripts of the random stratum with a score in the review month. */
  count: number
  /** One mean (random stratum) per month of `AuditTrends.months`, oldest first. */
  trend: Array<number | null>
  /** The flagged stratum in the review month, apart from the mean. */
  flagged: { mean: number | null; count: number }
}

export interface LowTranscript {
  transcript: string
  stratum: Stratum
  /** Mean of the transcript's scores on 0–1. */
  score: number
  lowest: { dimension: string; score: number; reason?: string }
}

/** What the trends counted and what they left out, over the months read. */
export interface AuditCounting {
  /** Records read in the trend months' files. */
  records: number
  /** Records whose key an earlier line already had: counted once. */
  duplicates: number
  /** Scores set aside for another score of the same transcript, dimension and month (see the header). */
  superseded: number
  /** Transcripts of the random stratum in the review month. */
  transcripts: number
  /** Transcripts of the flagged stratum in the review month. */
  flaggedTranscripts: number
}

export interface AuditTrends {
  month: string
  /** The six months ending with the review's, oldest first. */
  months: string[]
  dimensions: DimensionTrend[]
  lowest: LowTranscript[]
  /** Records read in the trend months (before duplicates are set aside); 0: no audit data. */
  records: number
  counting: AuditCounting
}

export function normalise(score: number, scale: '0-1' | '1-5'): number {
  return scale === '1-5' ? (score - 1) / 4 : score
}

export function auditMonths(month: string): string[] {
  return Array.from({ length: TREND_MONTHS }, (_, i) => shiftMonth(month, i - (TREND_MONTHS - 1)))
}

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length)

const SCORER_RANK: Record<AuditRecord['scorer'], number> = { human: 0, llm: 1, rules: 2 }

/** The score a transcript has on a dimension in a month, and where it came from. */
interface ChosenScore {
  score: number
  reason?: string
  scorer: AuditRecord['scorer']
  ownStratum: boolean
  scoredAt: string
  order: number
}

/** Whether `a` takes precedence over `b` (see the header). */
function precedes(a: ChosenScore, b: ChosenScore): boolean {
  return (
    SCORER_RANK[a.scorer] - SCORER_RANK[b.scorer] ||
    Number(b.ownStratum) - Number(a.ownStratum) ||
    compareText(b.scoredAt, a.scoredAt) ||
    b.order - a.order
  ) < 0
}

/** One transcript in one month: its stratum and its one score per dimension. */
interface TranscriptScores {
  period: string
  transcript: string
  stratum: Stratum
  scores: Map<string, ChosenScore>
}

interface Selection {
  transcripts: TranscriptScores[]
  duplicates: number
  superseded: number
}

/** Records → one score per transcript, dimension and month (the rules in the header). */
function selectScores(records: readonly AuditRecord[]): Selection {
  const unique: AuditRecord[] = []
  const keys = new Set<string>()
  for (const r of records) {
    const key = recordKey(r)
    if (keys.has(key)) continue
    keys.add(key)
    unique.push(r)
  }
  const idOf = (r: AuditRecord) => `${r.period}\n${r.transcript}`
  const stratumOf = new Map<string, Stratum>()
  for (const r of unique) if (stratumOf.get(idOf(r)) !== 'random') stratumOf.set(idOf(r), r.stratum)

  const byTranscript = new Map<string, TranscriptScores>()
  let candidates = 0
  unique.forEach((r, order) => {
    const id = idOf(r)
    const stratum = stratumOf.get(id) as Stratum
    let entry = byTranscript.get(id)
    if (entry === undefined) {
      entry = { period: r.period, transcript: r.transcript, stratum, scores: new Map() }
      byTranscript.set(id, entry)
    }
    for (const [dim, score] of Object.entries(r.scores)) {
      if (score === null) continue
      candidates++
      const reason = r.reasons[dim]
      const candidate: ChosenScore = { score, ...(reason !== undefined && { reason }), scorer: r.scorer, ownStratum: r.stratum === stratum, scoredAt: r.scored_at, order }
      const held = entry.scores.get(dim)
      if (held === undefined || precedes(candidate, held)) entry.scores.set(dim, candidate)
    }
  })
  const transcripts = [...byTranscript.values()]
  const chosen = transcripts.reduce((n, t) => n + t.scores.size, 0)
  return { transcripts, duplicates: records.length - unique.length, superseded: candidates - chosen }
}

/**
 * `records` are every record read from the trend months' files; `scales` the rubric's dimensions (a
 * dimension the rubric no longer has is placed on 1–5 when any of its scores is above 1).
 */
export function auditTrends(records: readonly AuditRecord[], month: string, scales: ReadonlyMap<string, '0-1' | '1-5'>): AuditTrends {
  const months = auditMonths(month)
  const previousMonth = shiftMonth(month, -1)
  const inMonths = records.filter((r) => months.includes(r.period))
  const selection = selectScores(inMonths)

  // `${stratum}\n${period}\n${dimension}` → the chosen scores.
  const scoresOf = new Map<string, number[]>()
  const seenAbove1 = new Set<string>()
  const dims = new Set<string>()
  for (const t of selection.transcripts) {
    for (const [dim, { score }] of t.scores) {
      dims.add(dim)
      if (score > 1) seenAbove1.add(dim)
      const key = `${t.stratum}\n${t.period}\n${dim}`
      const list = scoresOf.get(key)
      if (list) list.push(score)
      else scoresOf.set(key, [score])
    }
  }
  const scoresIn = (stratum: Stratum, period: string, dim: string) => scoresOf.get(`${stratum}\n${period}\n${dim}`) ?? []
  const scaleOf = (dim: string): '0-1' | '1-5' => scales.get(dim) ?? (seenAbove1.has(dim) ? '1-5' : '0-1')
  const dimensions = [...dims].sort(compareText).map((dimension): DimensionTrend => {
    const now = scoresIn('random', month, dimension)
    const flagged = scoresIn('flagged', month, dimension)
    const m = mean(now)
    const p = mean(scoresIn('random', previousMonth, dimension))
    return {
      dimension,
      scale: scaleOf(dimension),
      mean: m,
      previous: p,
      change: m !== null && p !== null ? m - p : null,
      count: now.length,
      trend: months.map((mm) => mean(scoresIn('random', mm, dimension))),
      flagged: { mean: mean(flagged), count: flagged.length }
    }
  })

  const ofMonth = selection.transcripts.filter((t) => t.period === month && t.scores.size > 0)
  const lowest = ofMonth
    .map((t): LowTranscript => {
      let low: LowTranscript['lowest'] | undefined
      const normalised: number[] = []
      for (const [dim, chosen] of [...t.scores].sort(([a], [b]) => compareText(a, b))) {
        const n = normalise(chosen.score, scaleOf(dim))
        normalised.push(n)
        if (low === undefined || n < low.score) low = { dimension: dim, score: n, ...(chosen.reason !== undefined && { reason: chosen.reason }) }
      }
      return { transcript: t.transcript, stratum: t.stratum, score: mean(normalised) as number, lowest: low as LowTranscript['lowest'] }
    })
    .filter((t) => t.score < 1)
    .sort((a, b) => a.score - b.score || compareText(a.transcript, b.transcript))
    .slice(0, LOWEST_SHOWN)
  return {
    month,
    months,
    dimensions,
    lowest,
    records: inMonths.length,
    counting: {
      records: inMonths.length,
      duplicates: selection.duplicates,
      superseded: selection.superseded,
      transcripts: ofMonth.filter((t) => t.stratum === 'random').length,
      flaggedTranscripts: ofMonth.filter((t) => t.stratum === 'flagged').length
    }
  }
}
