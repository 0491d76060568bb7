// All three gates and the bypass, from data to verdicts. Pure: the mode (src/modes/gate.ts) gathers the
// inputs through its adapters; the Action and the CLI report the result.

import { GATE_IDS } from '../config/gate.js'
import type { GateConfig, GateId } from '../config/types.js'
import type { Postmortem } from '../postmortem/model.js'
import { applyBypass, type BypassContext, type BypassDecision, type BypassRecord, type LabelApplication, type TeamMemberships } from './bypass.js'
import { editedDrillFiles, evaluateDrills, type DrillObservation } from './drills.js'
import { evaluateRollbackPlan, type ChangedFiles, type ExperimentDocInput } from './rollback-plan.js'
import { evaluateSev1Actions } from './sev1-actions.js'
import { overallResult, type GatePullRequest, type GateResult, type GateVerdict, type NotEvaluatedDetails } from './types.js'

export interface GateInputs {
  settings: GateConfig
  drill: DrillObservation
  /** Postmortems at the head commit (or the working tree). */
  postmortems: readonly Postmortem[]
  /** The base versions of the postmortems the change touches. */
  basePostmortems?: readonly Postmortem[]
  changed: ChangedFiles
  /** The experiment docs the change adds or modifies, read at the head. */
  experimentDocs: readonly ExperimentDocInput[]
  /** `experiment.paths`: what counts as an experiment doc. */
  experimentGlobs: readonly string[]
  /** YYYY-MM-DD */
  today: string
  pullRequest?: GatePullRequest
  /** Present when the pull request carries the bypass label. */
  bypass?: { application?: LabelApplication; memberships: TeamMemberships; context: BypassContext }
}

export interface GateEvaluation {
  result: GateResult
  /** In GATE_IDS order. */
  verdicts: GateVerdict[]
  /** Set when failures were bypassed. */
  bypassRecord?: BypassRecord
  /** What was decided about the bypass label, when the pull request carries it. */
  bypass?: BypassDecision
  /** Sentences for the summary (warnings about the inputs). */
  notes: string[]
}

export function evaluateGates(inputs: GateInputs): GateEvaluation {
  const { settings } = inputs
  const verdicts: GateVerdict[] = [
    evaluateDrills(inputs.drill, settings.drills, editedDrillFiles(inputs.changed.files, settings.drills)),
    evaluateSev1Actions({
      postmortems: inputs.postmortems,
      ...(inputs.basePostmortems !== undefined && { basePostmortems: inputs.basePostmortems }),
      settings: settings.sev1Actions,
      today: inputs.today,
      ...(inputs.pullRequest !== undefined && { pullRequest: inputs.pullRequest })
    }),
    evaluateRollbackPlan({
      changed: inputs.changed,
      docs: inputs.experimentDocs,
      settings: settings.rollbackPlan,
      experimentGlobs: inputs.experimentGlobs
    })
  ]
  if (!inputs.bypass) return { result: overallResult(verdicts), verdicts, notes: [] }

  const outcome = applyBypass({
    verdicts,
    settings: settings.bypass,
    labelled: true,
    ...(inputs.bypass.application !== undefined && { application: inputs.bypass.application }),
    memberships: inputs.bypass.memberships,
    context: inputs.bypass.context
  })
  return {
    result: overallResult(outcome.verdicts),
    verdicts: outcome.verdicts,
    ...(outcome.record !== undefined && { bypassRecord: outcome.record }),
    ...(outcome.decision !== undefined && { bypass: outcome.decision }),
    notes: []
  }
}

/**
 * Every gate failing for one reason (the policy could not be read, the event cannot be gated): the
 * checks are still reported, so a required check never waits forever for a run that will not come.
 */
export function failAllGates(title: string, why: Omit<NotEvaluatedDetails, 'gate'>): GateEvaluation {
  const details: NotEvaluatedDetails = { gate: 'not-evaluated', ...why }
  const verdicts = GATE_IDS.map((id: GateId): GateVerdict => ({ id, conclusion: 'failure', title, details, annotations: [] }))
  return { result: 'fail', verdicts, notes: [] }
}
