// Gate 1: the drill suite is green for the pull request's head commit. Pure: what was observed (a job
// result, a workflow run, a check run, nothing yet) comes in; the verdict goes out, naming what it read.

import picomatch from 'picomatch'
import type { GateConfig } from '../config/types.js'
import type { ChangedFile, DrillObservation, JobResult } from './facts.js'

export type { DrillObservation, DrillRun, JobResult } from './facts.js'
import type { DrillsDetails, GateConclusion, GateVerdict } from './types.js'

export const JOB_RESULTS: readonly JobResult[] = ['success', 'failure', 'cancelled', 'skipped']



const PENDING_STATUSES = new Set(['queued', 'in_progress', 'waiting', 'requested', 'pending'])

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
  const details: DrillsDetails = { gate: 'drills', observation, skippedCountsAsSuccess: settings.skippedCountsAsSuccess, edited: [...edited] }
  if (edited.length > 0) {
    return {
      id: 'drills',
      conclusion: 'failure',
      title: 'Drill suite changed by this pull request',
      details,
      // A removed file has no line to carry an annotation.
      annotations: edited
        .filter((f) => f.status !== 'removed')
        .map((f) => ({
          path: f.path,
          start_line: 1,
          end_line: 1,
          annotation_level: 'failure',
          title: 'Drill suite changed',
          message: 'This pull request edits the drills; their green result proves nothing until a reviewer has looked at the change (then the bypass label lets it pass).'
        }))
    }
  }
  const { conclusion, title } = judgeObservation(observation, settings)
  return { id: 'drills', conclusion, title, details, annotations: [] }
}

/** What an observation means for the gate (the words around it are the report's). */
export function judgeObservation(observation: DrillObservation, settings: GateConfig['drills']): { conclusion: GateConclusion; title: string } {
  const skipped = (what: string) => (settings.skippedCountsAsSuccess ? { conclusion: 'success' as const, title: `Drills ${what} (counted as success)` } : { conclusion: 'failure' as const, title: `Drills ${what}` })
  switch (observation.kind) {
    case 'job':
      if (observation.result === 'success') return { conclusion: 'success', title: 'Drills passed' }
      if (observation.result === 'skipped') return skipped('skipped')
      return { conclusion: 'failure', title: observation.result === 'cancelled' ? 'Drills cancelled' : 'Drills failed' }
    case 'unknown':
      return { conclusion: 'neutral', title: 'Drill result unknown' }
    case 'not-applicable':
      return { conclusion: 'success', title: 'Drills not applicable' }
    case 'error':
      return { conclusion: 'failure', title: 'Drill result could not be read' }
    case 'missing-workflow':
      return { conclusion: 'failure', title: 'Drill workflow not found' }
    case 'none':
      return observation.timedOut ? { conclusion: 'failure', title: 'Drills never ran' } : { conclusion: 'pending', title: 'Waiting for the drills to start' }
    case 'run': {
      const { run } = observation
      if (run.status !== 'completed') return PENDING_STATUSES.has(run.status) ? { conclusion: 'pending', title: 'Drills running' } : { conclusion: 'failure', title: `Drills ${run.status}` }
      switch (run.conclusion) {
        case 'success':
          return { conclusion: 'success', title: 'Drills passed' }
        case 'skipped':
        case 'neutral':
          return skipped(run.conclusion)
        default:
          return { conclusion: 'failure', title: run.conclusion === 'failure' || run.conclusion === null ? 'Drills failed' : `Drills ${run.conclusion.replace(/_/g, ' ')}` }
      }
    }
  }
}
