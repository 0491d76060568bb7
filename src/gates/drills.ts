// Gate 1: the drill suite is green for the pull request's head commit. Pure: what was observed (a job
// result, a workflow run, a check run, nothing yet) comes in; the verdict goes out, naming what it read.

import picomatch from 'picomatch'
import type { GateConfig } from '../config/types.js'
import type { ChangedFile } from './rollback-plan.js'
import type { GateVerdict } from './types.js'

export type JobResult = 'success' | 'failure' | 'cancelled' | 'skipped'
export const JOB_RESULTS: readonly JobResult[] = ['success', 'failure', 'cancelled', 'skipped']

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

const PENDING_STATUSES = new Set(['queued', 'in_progress', 'waiting', 'requested', 'pending'])

function runLink(run: DrillRun): string {
  const label = `${run.kind} ${run.name} #${run.id}${run.attempt !== undefined && run.attempt > 1 ? ` (attempt ${run.attempt})` : ''}`
  return run.url ? `[${label}](${run.url})` : label
}

const short = (sha: string) => sha.slice(0, 7)

/**
 * The drill settings for this run: an explicit drill result (the `drill-result` input, `--drill-result`)
 * means `source: job` unless the policy names another source, which then wins with a warning.
 */
export function drillSettingsFor(settings: GateConfig['drills'], drillResult: string | undefined): { settings: GateConfig['drills']; warning?: string } {
  const given = drillResult?.trim() ?? ''
  if (given === '' || settings.source === 'job') return { settings }
  if (!settings.sourceExplicit) return { settings: { ...settings, source: 'job' } }
  return {
    settings,
    warning:
      `The \`drill-result\` input ("${given}") is ignored: the policy sets \`gate.drills.source: ${settings.source}\`. ` +
      'Remove the input, or set `gate.drills.source: job` on the base branch to gate on it.'
  }
}

/** The drill workflow's file, when the policy names one by file name (a numeric id names no file). */
export function drillWorkflowFile(settings: GateConfig['drills']): string | undefined {
  return settings.source === 'workflow' && !/^\d+$/.test(settings.workflow) ? `.github/workflows/${settings.workflow}` : undefined
}

/** The changed files that define the drills: the drill workflow file and `gate.drills.suite-paths`. */
export function editedDrillFiles(files: readonly ChangedFile[], settings: GateConfig['drills']): ChangedFile[] {
  const workflow = drillWorkflowFile(settings)
  const globs = [...(workflow !== undefined ? [workflow] : []), ...settings.suitePaths]
  if (globs.length === 0) return []
  const isSuite = picomatch(globs, { dot: true })
  return files.filter((f) => isSuite(f.path))
}

/**
 * The verdict on the drills. `edited`: drill files the change touches; then whatever the run says, the
 * gate fails for a reviewer to look (a pull request could make its own drills green), unless bypassed.
 */
export function evaluateDrills(observation: DrillObservation, settings: GateConfig['drills'], edited: readonly ChangedFile[] = []): GateVerdict {
  const observed = evaluateObservation(observation, settings)
  if (edited.length === 0) return observed
  const list = edited.map((f) => `\`${f.path}\`${f.status === 'removed' ? ' (removed)' : ''}`).join(', ')
  return {
    id: 'drills',
    conclusion: 'failure',
    title: 'Drill suite changed by this pull request',
    summary:
      `This change edits the drills themselves (${list}), so their result cannot vouch for it: a reviewer must look at the drill change. ` +
      'Once reviewed, a user allowed to bypass (`gate.bypass`) applies the bypass label. ' +
      `What the drills reported: ${observed.title}. ${observed.summary}`,
    // A removed file has no line to carry an annotation.
    annotations: edited.filter((f) => f.status !== 'removed').map((f) => ({
      path: f.path,
      start_line: 1,
      end_line: 1,
      annotation_level: 'failure',
      title: 'Drill suite changed',
      message: 'This pull request edits the drills; their green result proves nothing until a reviewer has looked at the change (then the bypass label lets it pass).'
    }))
  }
}

function evaluateObservation(observation: DrillObservation, settings: GateConfig['drills']): GateVerdict {
  const verdict = (conclusion: GateVerdict['conclusion'], title: string, summary: string): GateVerdict => ({ id: 'drills', conclusion, title, summary, annotations: [] })
  const skippedNote = settings.skippedCountsAsSuccess
    ? '`gate.drills.skipped-counts-as-success` is on, so a skipped drill run passes.'
    : 'A skipped drill proves nothing, so it fails the gate; set `gate.drills.skipped-counts-as-success: true` to let it pass.'

  switch (observation.kind) {
    case 'job': {
      const read = `Read the drill job's result: \`${observation.result}\`.`
      if (observation.result === 'success') return verdict('success', 'Drills passed', read)
      if (observation.result === 'skipped') {
        return settings.skippedCountsAsSuccess ? verdict('success', 'Drills skipped (counted as success)', `${read} ${skippedNote}`) : verdict('failure', 'Drills skipped', `${read} ${skippedNote}`)
      }
      return verdict('failure', observation.result === 'cancelled' ? 'Drills cancelled' : 'Drills failed', `${read} The drill suite must pass on the pull request's head commit.`)
    }
    case 'unknown':
      return verdict('neutral', 'Drill result unknown', observation.reason)
    case 'not-applicable':
      return verdict('success', 'Drills not applicable', observation.reason)
    case 'error':
      return verdict('failure', 'Drill result could not be read', observation.message)
    case 'missing-workflow':
      return verdict(
        'failure',
        'Drill workflow not found',
        `\`${observation.file}\` does not exist at the base commit${observation.baseCommit !== undefined ? ` ${short(observation.baseCommit)}` : ''}, so no run of it can come. ` +
          'Set `gate.drills.workflow` (in the policy on the base branch) to the file name of your drill workflow under `.github/workflows`, ' +
          'or read the drills from elsewhere with `gate.drills.source: check` (a check run) or `job` (the `drill-result` input).'
      )
    case 'none': {
      const what = `No ${observation.source} \`${observation.name}\` exists for the head commit ${short(observation.headSha)}`
      if (observation.timedOut) {
        return verdict(
          'failure',
          'Drills never ran',
          `${what}, ${observation.waitedSeconds} s after it was made (\`gate.drills.never-ran-timeout\`: ${observation.timeoutSeconds} s). ` +
            'Check that the drill workflow triggers on this event and branch; when its path filters exclude this change, list the covered paths in `gate.drills.paths`.'
        )
      }
      return verdict('pending', 'Waiting for the drills to start', `${what} yet. The gate is evaluated again when the drill workflow completes.`)
    }
    case 'run': {
      const { run } = observation
      const read = `Read ${runLink(run)} on ${short(run.headSha)}: ${run.status === 'completed' ? `\`${run.conclusion ?? 'no conclusion'}\`` : `\`${run.status}\``}.`
      if (run.status !== 'completed') {
        if (PENDING_STATUSES.has(run.status)) return verdict('pending', 'Drills running', `${read} The gate is evaluated again when it completes.`)
        return verdict('failure', `Drills ${run.status}`, `${read} The run cannot complete in this state.`)
      }
      switch (run.conclusion) {
        case 'success':
          return verdict('success', 'Drills passed', read)
        case 'skipped':
        case 'neutral':
          return settings.skippedCountsAsSuccess
            ? verdict('success', `Drills ${run.conclusion} (counted as success)`, `${read} ${skippedNote}`)
            : verdict('failure', `Drills ${run.conclusion}`, `${read} ${skippedNote}`)
        default:
          return verdict('failure', run.conclusion === 'failure' || run.conclusion === null ? 'Drills failed' : `Drills ${run.conclusion.replace(/_/g, ' ')}`, `${read} The drill suite must pass on the pull request's head commit; re-run it or fix the failure.`)
      }
    }
  }
}
