// Gate 3: a change to prompts, tools or agents comes with an experiment doc whose rollback plan is real.
// Pure: the changed paths and the text of the experiment docs the change adds or modifies come in.
// Parsing and the rollback rules are the experiment model's (src/experiments/), shared with the
// `experiment` mode, so the gate and `experiment validate` never disagree.

import picomatch from 'picomatch'
import type { GateConfig } from '../config/types.js'
import { parseExperimentDoc } from '../experiments/parse.js'
import { checkRollbackPlan } from '../experiments/rollback.js'
import { plural } from '../util/plural.js'
import type { GateAnnotation, GateVerdict, RollbackPlanDetails } from './types.js'
import type { ChangedFiles, DocAssessment, GatedFileCoverage } from './facts.js'

export type { ChangedFile, ChangedFiles, DocAssessment, GatedFileCoverage } from './facts.js'

/** An experiment doc the change adds or modifies, as read at the head. */
export type ExperimentDocInput = { path: string; content: string | Uint8Array } | { path: string; readError: string }

export interface RollbackPlanInput {
  changed: ChangedFiles
  docs: readonly ExperimentDocInput[]
  settings: GateConfig['rollbackPlan']
  /** `experiment.paths`: what counts as an experiment doc. */
  experimentGlobs: readonly string[]
}

/** The experiment docs a change adds or modifies (paths matching the experiment globs): the ones the gate reads. */
export function changedExperimentDocs(changed: ChangedFiles, experimentGlobs: readonly string[]): string[] {
  const isDoc = picomatch([...experimentGlobs], { dot: true })
  return changed.files.filter((f) => f.status !== 'removed' && isDoc(f.path)).map((f) => f.path)
}

/** Statuses in which an experiment can still stand behind a change: the ones a rollback plan is for. */
export const COVERING_STATUSES: readonly string[] = ['proposed', 'running']

export interface RollbackCoverage {
  gated: GatedFileCoverage[]
  docs: DocAssessment[]
}

/** Pure: which changed docs cover which gated files. */
export function assessRollbackCoverage(input: Pick<RollbackPlanInput, 'changed' | 'docs' | 'settings'>): RollbackCoverage {
  const isGated = picomatch(input.settings.paths, { dot: true })
  const gated: GatedFileCoverage[] = input.changed.files.filter((f) => isGated(f.path)).map((f) => ({ ...f }))
  const docs = input.docs.map((doc) => assessDoc(doc, input.settings))
  for (const doc of docs) {
    if (doc.state !== 'covers') continue
    const matches = picomatch(doc.globs, { dot: true })
    for (const file of gated) {
      if (!matches(file.path)) continue
      doc.covers.push(file.path)
      file.coveredBy ??= doc.path
    }
    if (doc.covers.length === 0) doc.state = 'covers-nothing'
  }
  return { gated, docs }
}

function assessDoc(input: ExperimentDocInput, settings: GateConfig['rollbackPlan']): DocAssessment {
  const base = { path: input.path, globs: [] as string[], covers: [] as string[] }
  if ('readError' in input) return { ...base, state: 'unreadable', problems: [{ line: 1, message: input.readError }] }
  const parsed = parseExperimentDoc(input.content, input.path)
  if (!parsed.doc) {
    const problems = parsed.problems.length > 0 ? parsed.problems : [{ line: 1, message: 'not an experiment doc (no front matter)' }]
    return { ...base, state: 'invalid', problems: problems.map((p) => ({ line: p.line, message: p.message })) }
  }
  const { doc } = parsed
  const explicit = doc.change.paths
  const assessed = {
    ...base,
    status: doc.status,
    changeType: doc.change.type,
    globs: explicit ?? settings.typePaths[doc.change.type],
    globsFrom: explicit !== undefined ? ('change.paths' as const) : ('change.type' as const)
  }
  const rollback = checkRollbackPlan(doc)
  if (rollback.length > 0) return { ...assessed, state: 'no-rollback-plan', problems: rollback.map((p) => ({ line: p.line, message: p.message })) }
  // Other problems (consistency of status, outcome, dates) are the experiment mode's to fail on; kept as warnings.
  const warnings = parsed.problems.map((p) => ({ line: p.line, message: p.message }))
  const plan = { trigger: doc.rollback.trigger, steps: doc.rollback.steps.length, owner: doc.rollback.owner }
  return { ...assessed, state: COVERING_STATUSES.includes(doc.status) ? 'covers' : 'finished', plan, problems: warnings }
}

export const BROKEN_DOC_STATES: ReadonlySet<DocAssessment['state']> = new Set(['unreadable', 'invalid', 'no-rollback-plan'])

export function evaluateRollbackPlan(input: RollbackPlanInput): GateVerdict {
  const { settings, changed } = input
  const { gated, docs } = assessRollbackCoverage(input)
  const details: RollbackPlanDetails = { gate: 'rollback-plan', gatedGlobs: [...settings.paths], experimentGlobs: [...input.experimentGlobs], truncated: changed.truncated, gated, docs }
  const verdict = (conclusion: GateVerdict['conclusion'], title: string, annotations: GateAnnotation[] = []): GateVerdict => ({ id: 'rollback-plan', conclusion, title, details, annotations })

  if (gated.length === 0) {
    // A truncated list may hide gated files: the gate cannot pass what it cannot see.
    if (changed.truncated) return verdict('failure', 'Changed files could not all be listed')
    return verdict('success', 'Not applicable: no prompt, tool or agent changes')
  }

  const uncovered = gated.filter((f) => f.coveredBy === undefined)
  // Annotations on the uncovered files say why the gate wants a doc; removed files cannot carry one.
  const onUncovered = (message: string): GateAnnotation[] =>
    uncovered
      .filter((f) => f.status !== 'removed')
      .map((f) => ({ path: f.path, start_line: 1, end_line: 1, annotation_level: 'failure', title: 'Experiment doc with a rollback plan needed', message }))

  if (docs.length === 0) {
    const message = `Changes to ${settings.paths.join(', ')} need an experiment doc (${input.experimentGlobs.join(', ')}) with a rollback plan (trigger, steps, owner) that covers this file, in the same pull request.`
    return verdict('failure', 'No experiment doc for a prompt/tool change', onUncovered(message))
  }

  const annotations: GateAnnotation[] = []
  for (const d of docs) {
    const at = (level: GateAnnotation['annotation_level'], title: string) =>
      d.problems.map((p): GateAnnotation => ({ path: d.path, start_line: p.line, end_line: p.line, annotation_level: level, title, message: p.message }))
    if (d.state === 'unreadable') annotations.push(...at('failure', 'Experiment doc unreadable'))
    else if (d.state === 'invalid') annotations.push(...at('failure', 'Invalid experiment doc'))
    else if (d.state === 'no-rollback-plan') annotations.push(...at('failure', 'Rollback plan not real'))
    // Other problems (consistency of status, outcome, dates) are the experiment mode's to fail on.
    else annotations.push(...at('warning', 'Experiment doc'))
  }

  const broken = docs.filter((d) => BROKEN_DOC_STATES.has(d.state))
  if (broken.length === 0 && uncovered.length === 0) {
    return verdict('success', `Rollback plan present (${plural(docs.filter((d) => d.state === 'covers').length, 'experiment doc')})`, annotations)
  }
  const uncoveredMessage = `No experiment doc this change adds or modifies covers this file with a real rollback plan (status proposed or running, and change.paths or change.type matching it); see ${docs.map((d) => d.path).join(', ')}.`
  const title = broken.length > 0 ? `${plural(broken.length, 'experiment doc')} without a real rollback plan` : `${plural(uncovered.length, 'gated file')} not covered by an experiment doc`
  return verdict('failure', title, [...annotations, ...onUncovered(uncoveredMessage)])
}
