// The score records: one NDJSON file per period, `<output-dir>/<YYYY-MM>.ndjson`, appended to and never
// rewritten. One record per transcript and scorer. A record is keyed by period, seed, the transcript's
// content hash, the rubric version and the scorer: a run whose key is already in the file appends nothing
// for that transcript, so re-running a period with the same seed never duplicates records.
// Column names are snake_case so the file loads as it is into BigQuery and Snowflake (docs/audit.md).

import type { AuditScorerName } from '../config/types.js'
import type { Stratum } from './sample.js'

export interface AuditRecord {
  period: string
  seed: string
  transcript: string
  /** SHA-256 (hex) of the transcript's NDJSON content (after gunzip for `.ndjson.gz`). */
  sha256: string
  rubric_version: string
  scorer: AuditScorerName
  /** The model, for the llm scorer; null otherwise. */
  model: string | null
  stratum: Stratum
  /** Dimension → score on its scale; null when the score failed (a reply without a valid score). */
  scores: Record<string, number | null>
  reasons: Record<string, string>
  /** ISO 8601, UTC. */
  scored_at: string
}

export type RecordKeyParts = Pick<AuditRecord, 'period' | 'seed' | 'sha256' | 'rubric_version' | 'scorer'>

export function recordKey(parts: RecordKeyParts): string {
  return [parts.period, parts.seed, parts.sha256, parts.rubric_version, parts.scorer].join('\n')
}

export function storeFilePath(outputDir: string, period: string): string {
  return `${outputDir}/${period}.ndjson`
}

const SCORERS: readonly string[] = ['rules', 'llm', 'human']

/** A stored line as a record, or undefined when it is not one of ours (hand-edited, from another tool). */
export function recordOf(value: unknown): AuditRecord | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  const r = value as Record<string, unknown>
  const text = (k: string) => typeof r[k] === 'string'
  if (!['period', 'seed', 'transcript', 'sha256', 'rubric_version', 'scorer'].every(text)) return undefined
  if (!SCORERS.includes(r.scorer as string)) return undefined
  if (r.scores === null || typeof r.scores !== 'object' || Array.isArray(r.scores)) return undefined
  const scores: Record<string, number | null> = {}
  for (const [k, v] of Object.entries(r.scores as Record<string, unknown>)) {
    if (v !== null && typeof v !== 'number') return undefined
    scores[k] = v
  }
  const reasons: Record<string, string> = {}
  if (r.reasons !== null && typeof r.reasons === 'object') for (const [k, v] of Object.entries(r.reasons as Record<string, unknown>)) reasons[k] = String(v)
  return {
    period: r.period as string,
    seed: r.seed as string,
    transcript: r.transcript as string,
    sha256: r.sha256 as string,
    rubric_version: r.rubric_version as string,
    scorer: r.scorer as AuditScorerName,
    model: typeof r.model === 'string' ? r.model : null,
    stratum: r.stratum === 'flagged' ? 'flagged' : 'random',
    scores,
    reasons,
    scored_at: typeof r.scored_at === 'string' ? r.scored_at : ''
  }
}

/** The lines to append: records whose key is neither stored nor earlier in the list. */
export function newRecords(records: readonly AuditRecord[], stored: ReadonlySet<string>): AuditRecord[] {
  const seen = new Set(stored)
  const out: AuditRecord[] = []
  for (const record of records) {
    const key = recordKey(record)
    if (seen.has(key)) continue
    seen.add(key)
    out.push(record)
  }
  return out
}

export function formatRecords(records: readonly AuditRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('')
}
