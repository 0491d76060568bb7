// The rubric as the scorers and reports use it: its version, and what a score means on its scale.

import { createHash } from 'node:crypto'
import { scaleBounds } from '../config/audit.js'
import type { AuditConfig, AuditDimension, AuditScorerName } from '../config/types.js'

export { scaleBounds }

/** The configured version, or `auto-` and a hash of everything that decides a score. */
export function rubricVersion(rubric: AuditConfig['rubric']): string {
  if (rubric.version !== undefined) return rubric.version
  const canonical = rubric.dimensions.map((d) => ({
    name: d.name,
    description: d.description,
    scale: d.scale,
    threshold: d.threshold,
    rules: d.rules,
    defaultScore: d.defaultScore ?? null
  }))
  return `auto-${createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 12)}`
}

/** The dimensions with the scorer a run uses: each its own, or the one `--scorer` forces on all. */
export function withScorer(dimensions: readonly AuditDimension[], scorer: AuditScorerName | undefined): AuditDimension[] {
  return dimensions.map((d) => (scorer === undefined ? d : { ...d, scorer }))
}

export function passes(dimension: AuditDimension, score: number | null): boolean {
  return score !== null && score >= dimension.threshold
}

/** A score as a share of its scale (0 = bottom, 1 = top), so dimensions on different scales compare. */
export function normalised(dimension: AuditDimension, score: number): number {
  const { min, max } = scaleBounds(dimension.scale)
  return (score - min) / (max - min)
}

export function isOnScale(dimension: AuditDimension, score: number): boolean {
  const { min, max, integer } = scaleBounds(dimension.scale)
  return Number.isFinite(score) && score >= min && score <= max && (!integer || Number.isInteger(score))
}

export function describeScale(dimension: AuditDimension): string {
  return dimension.scale === '1-5' ? 'a whole number from 1 (worst) to 5 (best)' : 'a number from 0 (worst) to 1 (best)'
}
