// The experiment doc: a markdown file with YAML front matter that records one prompt, tool, model or
// policy change tried on an LLM agent: what it should improve, what must not get worse, and how to undo it.
// Front matter keys are kebab-case as written in the file; the model uses camelCase for the two
// kebab-case keys (`audit-period` → auditPeriod, `target-met` → targetMet).

export { formatKeyPath } from '../util/key-path.js'

export const EXPERIMENT_STATUSES = ['proposed', 'running', 'concluded', 'rolled-back', 'abandoned'] as const
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number]

/** Statuses after which the experiment has a result: outcome, concluded date and results are required. */
export const FINISHED_STATUSES = ['concluded', 'rolled-back'] as const satisfies readonly ExperimentStatus[]

export const EXPERIMENT_OUTCOMES = ['won', 'lost', 'inconclusive', 'rolled-back'] as const
export type ExperimentOutcome = (typeof EXPERIMENT_OUTCOMES)[number]

export const CHANGE_TYPES = ['prompt', 'tool', 'model', 'policy'] as const
export type ChangeType = (typeof CHANGE_TYPES)[number]

/** A metric value as written: a number (`0.82`) or text with a unit or comparison (`"< 2%"`, `"4.1 s"`). */
export type MetricValue = number | string

export interface ExperimentChange {
  type: ChangeType
  /** What exactly changes: a prompt version (`support-agent@v43`), a commit, a PR, a model id. */
  ref: string
  /** One line on what the change does, optional. */
  description?: string
  /** Globs of the files the experiment changes; the merge gate's rollback-plan check reads them. */
  paths?: string[]
}

export interface ExperimentMetric {
  name: string
  baseline: MetricValue
  target: MetricValue
}

/** Must not get worse while the experiment runs, e.g. an audit dimension with its threshold. */
export interface ExperimentGuardrail {
  name: string
  threshold: MetricValue
  /** Where the number comes from, e.g. `audit` (the audit mode's rubric scores). */
  source?: string
}

export interface RollbackPlan {
  /** The observation that makes us roll back, e.g. "tenant-isolation audit score below 1.0". */
  trigger: string
  /** What to do, in order. */
  steps: string[]
  /** Who rolls back (an @handle or a team). */
  owner: string
}

export interface ExperimentResult {
  /** One of the experiment's metric names. */
  name: string
  observed: MetricValue
  targetMet: boolean
}

/** A 1-based source position. */
export interface SourcePosition {
  line: number
  column: number
}

/** The front matter of an experiment doc, schema-valid. */
export interface ExperimentFrontMatter {
  id: string
  name: string
  owner: string
  status: ExperimentStatus
  change: ExperimentChange
  hypothesis: string
  metrics: ExperimentMetric[]
  guardrails?: ExperimentGuardrail[]
  rollback: RollbackPlan
  /** YYYY-MM-DD */
  created: string
  /** Postmortems, transcripts or links this experiment follows up on. */
  related?: string[]
  outcome?: ExperimentOutcome
  /** YYYY-MM-DD */
  concluded?: string
  results?: ExperimentResult[]
  /** YYYY-MM: the audit period that measured the experiment. */
  auditPeriod?: string
}

export interface ExperimentDoc extends ExperimentFrontMatter {
  /** Repository-relative path of the file. */
  path: string
  /** The markdown after the front matter. */
  body: string
  /** Line of the body's first line in the file. */
  bodyLine: number
  /**
   * Where each front-matter entry is written, by its key path (see `formatKeyPath`): `rollback`,
   * `rollback.trigger`, `rollback.steps[0]`, `metrics[1].target`. Map entries are at their key, list items
   * at the item.
   */
  positions: Readonly<Record<string, SourcePosition>>
}

/** A problem with a doc, at a 1-based line and column; `key` is the dotted front-matter path when there is one. */
export interface ExperimentProblem {
  message: string
  line: number
  column: number
  key?: string
}

/** The problems of `more` at keys `reported` does not already cover (the same key, or one below it). */
export function notAlreadyReported(more: readonly ExperimentProblem[], reported: readonly ExperimentProblem[]): ExperimentProblem[] {
  const keys = reported.map((p) => p.key).filter((key): key is string => key !== undefined)
  return more.filter((p) => p.key === undefined || !keys.some((key) => key === p.key || p.key?.startsWith(`${key}.`) || p.key?.startsWith(`${key}[`)))
}

export function isFinished(status: ExperimentStatus): boolean {
  return (FINISHED_STATUSES as readonly ExperimentStatus[]).includes(status)
}

