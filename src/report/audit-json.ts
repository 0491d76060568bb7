// `audit --format json`: the machine-readable contract. Exactly
//   {"period","seed","rubric":{"version","dimensions":{"<dimension>":{"description","scale","threshold","scorer"}}},
//    "sampled":[{"transcript","sha256","scorer","stratum","scores":{"<dimension>":n|null},"reasons":{"<dimension>":"…"}}],
//    "means":{"<dimension>":n|null},"flagged_means":{"<dimension>":n|null},"malformed":[{"path","line"}]}
// on one line. `sampled` has one entry per transcript and scorer, sorted by transcript then scorer, each
// with its stratum (`random`, or `flagged`: added on top of the random draw for its notes); a score is
// null when it failed or awaits a reviewer (the reason says which). `means` are over the random stratum's
// scores that exist, `flagged_means` over the flagged stratum's, rounded to 4 decimals. Nothing else is
// printed on stdout in this format.

import type { DimensionSummary } from '../audit/summary.js'
import type { AuditRunResult } from '../modes/audit.js'

export interface AuditJsonReport {
  period: string
  seed: string
  rubric: { version: string; dimensions: Record<string, { description: string; scale: string; threshold: number; scorer: string }> }
  sampled: Array<{ transcript: string; sha256: string; scorer: string; stratum: string; scores: Record<string, number | null>; reasons: Record<string, string> }>
  means: Record<string, number | null>
  flagged_means: Record<string, number | null>
  malformed: Array<{ path: string; line: number }>
}

const round = (n: number): number => Math.round(n * 10000) / 10000
const meansOf = (summaries: readonly DimensionSummary[]) => Object.fromEntries(summaries.map((s) => [s.dimension.name, s.mean === null ? null : round(s.mean)]))

export function toAuditJson(result: AuditRunResult): AuditJsonReport {
  return {
    period: result.period,
    seed: result.seed,
    rubric: {
      version: result.rubricVersion,
      dimensions: Object.fromEntries(
        result.dimensions.map((d) => [d.name, { description: d.description, scale: d.scale, threshold: d.threshold, scorer: d.scorer }])
      )
    },
    sampled: result.sampled.map((r) => ({
      transcript: r.transcript,
      sha256: r.sha256,
      scorer: r.scorer,
      stratum: r.stratum,
      scores: Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, s.score])),
      reasons: Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, s.reason]))
    })),
    means: meansOf(result.summaries),
    flagged_means: meansOf(result.flaggedSummaries),
    malformed: result.malformed.map((m) => ({ path: m.path, line: m.line }))
  }
}

export function formatAuditJson(result: AuditRunResult): string {
  return `${JSON.stringify(toAuditJson(result))}\n`
}
