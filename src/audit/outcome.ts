// How an audit run ends, decided once for the CLI and the Action alike: the credentials refused by the
// model endpoint (a configuration error), more unscored transcripts than audit.max-unscored allows, a
// dimension below fail-below, or success. Unscored transcripts within the allowance are a warning.

import type { LlmStop } from './llm-scorer.js'
import { refusedCredentials } from './llm-scorer.js'
import type { DimensionSummary } from './summary.js'

/** Unscored transcripts named in the message; the rest are counted. */
const NAMED_UNSCORED = 3

export interface AuditOutcomeInput {
  sampledCount: number
  unscored: { transcripts: ReadonlyArray<{ transcript: string; reason: string }>; allowed: number }
  breaches: readonly DimensionSummary[]
  failBelow?: number
  llm?: { stoppedBy?: LlmStop }
}

export interface AuditOutcome {
  /**
   * `credentials-refused`: the endpoint answered 401/403, the key (or its permissions) must be fixed (exit
   * 2); `unscored`: more transcripts without a score than allowed (exit 1); `below`: a dimension's pass
   * rate is below fail-below (exit 1).
   */
  kind: 'ok' | 'credentials-refused' | 'unscored' | 'below'
  /** What went wrong, for every kind but `ok`. */
  message?: string
  /** Unscored transcripts within audit.max-unscored: said, but not a failure. */
  warning?: string
}

function unscoredText(input: AuditOutcomeInput): string {
  const { transcripts, allowed } = input.unscored
  const named = transcripts.slice(0, NAMED_UNSCORED).map((t) => `${t.transcript}: ${t.reason}`)
  const more = transcripts.length > NAMED_UNSCORED ? `; and ${transcripts.length - NAMED_UNSCORED} more` : ''
  const noun = input.sampledCount === 1 ? 'transcript' : 'transcripts'
  return `${transcripts.length} of ${input.sampledCount} sampled ${noun} ${transcripts.length === 1 ? 'was' : 'were'} not scored (audit.max-unscored allows ${allowed}): ${named.join('; ')}${more}`
}

export function auditOutcome(input: AuditOutcomeInput): AuditOutcome {
  const stop = input.llm?.stoppedBy
  const unscored = input.unscored.transcripts.length
  if (stop !== undefined && refusedCredentials(stop)) {
    const were = `${unscored} of ${input.sampledCount} sampled transcripts ${unscored === 1 ? 'was' : 'were'} not scored`
    return { kind: 'credentials-refused', message: `the model endpoint refused the credentials (${stop.status}: ${stop.detail}); ${were}` }
  }
  if (unscored > input.unscored.allowed) return { kind: 'unscored', message: unscoredText(input) }
  const warning = unscored > 0 ? { warning: unscoredText(input) } : {}
  if (input.breaches.length > 0) {
    const list = input.breaches.map((b) => `${b.dimension.name} passes ${b.passRate === null ? '–' : `${Math.round(b.passRate * 100)}%`}`).join(', ')
    return { kind: 'below', message: `below --fail-below ${input.failBelow}: ${list}`, ...warning }
  }
  return { kind: 'ok', ...warning }
}
