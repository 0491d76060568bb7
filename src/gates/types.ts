// What the gates produce. Pure data: the Action turns verdicts into check runs and a job summary, the
// CLI into text or JSON.

import type { GateId } from '../config/types.js'
import type { CheckRunAnnotation } from '../github/create-check-run.js'

export type { GateId } from '../config/types.js'

/** `pending` becomes a check run left `in_progress`; the other three are check-run conclusions. */
export type GateConclusion = 'success' | 'failure' | 'neutral' | 'pending'
export type GateResult = 'pass' | 'fail' | 'pending'

/** Same shape as a check-run annotation, so verdicts go to the Checks API as they are. */
export type GateAnnotation = CheckRunAnnotation

export interface GateVerdict {
  id: GateId
  conclusion: GateConclusion
  /** One line: the check run's title. */
  title: string
  /** Markdown that explains the verdict in one screen: the check run's summary. */
  summary: string
  annotations: GateAnnotation[]
}

/** Where links in summaries point; without it paths are plain text (the CLI's --local). */
export interface GateLinks {
  /** `https://github.com` or a GHES host. */
  serverUrl: string
  /** `owner/repo` */
  repository: string
  /** The commit files are shown at: the pull request's head commit. */
  sha: string
}

/** The pull request being gated, as far as the gates need it. */
export interface GatePullRequest {
  number: number
  url?: string
  title: string
  body: string
  labels: string[]
}

/** pass: every gate success or neutral; fail: any failure; pending: none failed, some still waiting. */
export function overallResult(verdicts: readonly GateVerdict[]): GateResult {
  if (verdicts.some((v) => v.conclusion === 'failure')) return 'fail'
  if (verdicts.some((v) => v.conclusion === 'pending')) return 'pending'
  return 'pass'
}

export function failedGates(verdicts: readonly GateVerdict[]): GateId[] {
  return verdicts.filter((v) => v.conclusion === 'failure').map((v) => v.id)
}
