// What the gates produce. Pure data: each verdict carries what the gate read and decided (items, paths,
// runs, reasons) in `details`; src/report/gate-report.ts words it as markdown for the check runs and the
// job summary, as text for the CLI, and as JSON.

import type { GateId } from '../config/types.js'
import type { BypassDecision, ChangedFile, DocAssessment, DrillObservation, GatedFileCoverage } from './facts.js'

export type { GateId } from '../config/types.js'

/** `pending` becomes a check run left `in_progress`; the other three are check-run conclusions. */
export type GateConclusion = 'success' | 'failure' | 'neutral' | 'pending'
export type GateResult = 'pass' | 'fail' | 'pending'

/** The shape of a check-run annotation, so verdicts go to the Checks API as they are. */
export interface GateAnnotation {
  path: string
  start_line: number
  end_line: number
  start_column?: number
  end_column?: number
  annotation_level: 'notice' | 'warning' | 'failure'
  message: string
  title?: string
}

/** An action item as the Sev1 gate lists it. */
export interface GateItem {
  path: string
  line: number
  /** The item's text. */
  action: string
  owner?: string
  due?: string
  /** Past its due date, or without a valid one. */
  overdue: boolean
  /** The postmortem's severity as written. */
  severity?: string
}

export interface DrillsDetails {
  gate: 'drills'
  observation: DrillObservation
  skippedCountsAsSuccess: boolean
  /** Drill files the change edits: then the gate fails whatever the run says. */
  edited: ChangedFile[]
}

export interface Sev1ActionsDetails {
  gate: 'sev1-actions'
  severities: string[]
  block: 'open' | 'overdue'
  fixLabel: string
  postmortems: number
  blockingPostmortems: number
  blocking: GateItem[]
  /** Open items the fix label lets pass, with the reference the pull request made. */
  passedByFixLabel: Array<GateItem & { reference: string }>
  closedByChange: GateItem[]
  notYetDue: number
  /** Action items without a checkbox (not counted). */
  untracked: number
  /** Postmortems that could not be read into the model: their severity and items are unknown, so the gate fails. */
  unread: Array<{ path: string; reason: string }>
}

export interface RollbackPlanDetails {
  gate: 'rollback-plan'
  gatedGlobs: string[]
  experimentGlobs: string[]
  /** The changed-file list was cut short by GitHub. */
  truncated: boolean
  gated: GatedFileCoverage[]
  docs: DocAssessment[]
}

/** The gate could not be evaluated (no policy, an unreadable pull request): `reason` says why. */
export interface NotEvaluatedDetails {
  gate: 'not-evaluated'
  reason: string
  /** Verbatim text shown as a block (e.g. the configuration error). */
  detail?: string
  /** What to do next. */
  action?: string
}

export type GateDetails = DrillsDetails | Sev1ActionsDetails | RollbackPlanDetails | NotEvaluatedDetails

export interface GateVerdict {
  id: GateId
  conclusion: GateConclusion
  /** One line: the check run's title. */
  title: string
  details: GateDetails
  /** Set when the bypass label was looked at for this (failing) gate. */
  bypass?: BypassDecision
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
