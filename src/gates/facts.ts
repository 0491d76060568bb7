// The facts a gate verdict's details are made of: the drill run it read, the changed files and how the
// experiment docs cover them, the bypass decision. Plain types with no gate logic, so the verdict types
// (types.ts) and the gates that fill them import them from here without a cycle.

import type { GateId } from '../config/types.js'

export type JobResult = 'success' | 'failure' | 'cancelled' | 'skipped'

/** A workflow run or check run that the drill source pointed at. */
export interface DrillRun {
  kind: 'workflow run' | 'check run'
  /** Workflow file or check name. */
  name: string
  id: number
  /** `queued`, `in_progress`, `completed`, `waiting`, `requested`, `pending`. */
  status: string
  /** Set when completed: `success`, `failure`, `cancelled`, `skipped`, `neutral`, `timed_out`, … */
  conclusion: string | null
  url?: string
  /** Workflow runs: which attempt this is (re-runs). */
  attempt?: number
  headSha: string
}

export type DrillObservation =
  /** `drill-result: ${{ needs.drills.result }}` or `--drill-result`. */
  | { kind: 'job'; result: JobResult }
  /** Nothing says how the drills went (the CLI's --local without --drill-result, or an empty drill-result input). */
  | { kind: 'unknown'; reason: string }
  | { kind: 'run'; run: DrillRun }
  /** No run for the head commit. `timedOut`: the never-ran timeout has passed. */
  | { kind: 'none'; source: 'workflow run' | 'check run'; name: string; headSha: string; timedOut: boolean; waitedSeconds: number; timeoutSeconds: number }
  /** The pull request changes nothing the drills cover (their path filters). */
  | { kind: 'not-applicable'; reason: string }
  /** The source could not be read (API error, unknown workflow). */
  | { kind: 'error'; message: string }
  /** The drill workflow file does not exist at the base commit: no run of it can come. */
  | { kind: 'missing-workflow'; file: string; baseCommit?: string }

export interface ChangedFile {
  path: string
  /** `removed` files count as changes to gated paths (deleting a prompt changes the agent) but are not docs. */
  status: 'added' | 'modified' | 'removed' | 'renamed'
}

export interface ChangedFiles {
  files: ChangedFile[]
  /** The list may be incomplete (GitHub lists at most 3000 files of a pull request). */
  truncated: boolean
}

/** One experiment doc the change adds or modifies, as the gate judged it. */
export interface DocAssessment {
  path: string
  /**
   * `covers`: valid, real rollback plan, proposed or running, and its paths match some gated file.
   * `covers-nothing`: would cover, but none of the gated files match its paths.
   * `finished`: its status (concluded, rolled-back, abandoned) means it covers no new change.
   * `unreadable` / `invalid` / `no-rollback-plan`: it cannot cover anything, and fails the gate.
   */
  state: 'covers' | 'covers-nothing' | 'finished' | 'unreadable' | 'invalid' | 'no-rollback-plan'
  status?: string
  changeType?: string
  /** The globs it covers, and where they come from. */
  globs: string[]
  globsFrom?: 'change.paths' | 'change.type'
  /** The gated files it covers. */
  covers: string[]
  plan?: { trigger: string; steps: number; owner: string }
  problems: Array<{ line: number; message: string }>
}

/** A gated file and the first doc that covers it (in the order the docs were given). */
export interface GatedFileCoverage extends ChangedFile {
  coveredBy?: string
}

/** What was decided about the bypass label, for the reports to word. */
export type BypassDecision =
  | { kind: 'nothing-failed'; label: string }
  | {
      kind: 'refused'
      label: string
      /** Who applied the label; undefined when the labelling event could not be found. */
      actor?: string
      /** Team memberships that could not be read, as `membership of @x in org/team could not be read (…)`. */
      unknownMemberships: string[]
      allowedUsers: string[]
      allowedTeams: string[]
    }
  | { kind: 'accepted'; label: string; actor: string; allowedAs: string; at: string; gates: GateId[]; reason?: string }
