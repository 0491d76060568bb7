// Whether an experiment's rollback plan is real: a trigger, at least one concrete step and an owner,
// none of them a placeholder. The `experiment` mode and the gate's rollback-plan gate both ask this.

import type { ExperimentDoc, SourcePosition } from './model.js'

export interface RollbackProblem {
  message: string
  line: number
  column: number
  /** The front-matter key the problem is about: `rollback`, `rollback.trigger`, `rollback.steps[1]`, `rollback.owner`. */
  key: string
}

/** Words that stand for "not written yet", compared after trimming, lower-casing and unwrapping. */
const PLACEHOLDERS = new Set(['', 'tbd', 'tba', 'tbc', 'todo', 'to do', 'fixme', 'xxx', 'n/a', 'na', 'n.a', 'none', 'nil', 'null', 'unknown', 'later', '...', '…'])

/** Triggers that name no observation anyone could act on. */
const VAGUE_TRIGGERS = new Set([
  'if needed',
  'as needed',
  'when needed',
  'if necessary',
  'when necessary',
  'if required',
  'if something goes wrong',
  'if anything goes wrong',
  'if it breaks',
  'on failure',
  'on problems',
  'if there are problems',
  'if there are issues'
])

function normalise(value: string): string {
  let text = value.trim().toLowerCase()
  // Unwrap `<TBD>`, `[todo]`, `**n/a**`, `"none"`, `TBD.` one layer at a time.
  for (let previous = ''; previous !== text; ) {
    previous = text
    text = text
      .replace(/^[<[("'`*_{]+/, '')
      .replace(/[>\])"'`*_}.!:;,]+$/, '')
      .trim()
  }
  return text
}

/**
 * Whether a value says nothing yet: empty, `TBD`, `N/A`, `none`, `-`, `todo`, `?` and the like, in any
 * case and wrapping (`<TBD>`, `**todo**`), only dashes or question marks, or text that starts with
 * `TBD`/`TODO`/`FIXME` (`TODO: write the steps`).
 */
export function isPlaceholder(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (typeof value !== 'string') return typeof value === 'object'
  const text = normalise(value)
  if (PLACEHOLDERS.has(text)) return true
  if (/^[\s\-–—?_.…]*$/.test(text)) return true
  return /^(tbd|tba|todo|fixme)\b/.test(text)
}

function wordCount(text: string): number {
  return text.trim().split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length
}

/**
 * An empty list means the plan is real. Positions come from the doc's front matter; `source` is where
 * to point when the doc does not know them (e.g. the line of the `rollback` key in a doc built elsewhere).
 */
export function checkRollbackPlan(doc: ExperimentDoc, source?: { line: number; column?: number }): RollbackProblem[] {
  const positions: Readonly<Record<string, SourcePosition>> = doc.positions ?? {}
  const fallback: SourcePosition = positions.rollback ?? (source ? { line: source.line, column: source.column ?? 1 } : { line: 1, column: 1 })
  const at = (key: string): SourcePosition => positions[key] ?? fallback
  const problems: RollbackProblem[] = []
  const add = (key: string, message: string) => problems.push({ ...at(key), key, message })

  // Typed as required, but a doc may come from anywhere: check what is really there.
  const plan = (doc as { rollback?: unknown }).rollback
  if (plan === undefined || plan === null || typeof plan !== 'object' || Array.isArray(plan)) {
    add('rollback', 'no rollback plan: add "rollback:" with a trigger (when to roll back), steps (how) and an owner (who)')
    return problems
  }
  const { trigger, steps, owner } = plan as { trigger?: unknown; steps?: unknown; owner?: unknown }

  if (isPlaceholder(trigger)) {
    add('rollback.trigger', `the rollback trigger ${describe(trigger)}: name the observation that makes you roll back, e.g. "task success below 0.80 for 2 hours"`)
  } else if (VAGUE_TRIGGERS.has(normalise(String(trigger)))) {
    add('rollback.trigger', `the rollback trigger "${String(trigger).trim()}" names nothing anyone can observe: say which metric or audit score, at what threshold`)
  }

  const list = Array.isArray(steps) ? steps : typeof steps === 'string' ? [steps] : []
  if (list.length === 0) {
    add('rollback.steps', 'the rollback plan has no steps: list what to do to undo the change, e.g. "pin support-agent prompt to v42"')
  } else {
    list.forEach((step, i) => {
      const key = `rollback.steps[${i}]`
      if (isPlaceholder(step)) add(key, `rollback step ${i + 1} ${describe(step)}: write the action, e.g. "revert PR #2231" or "set flag research.max_steps to 60"`)
      else if (wordCount(String(step)) < 2) add(key, `rollback step ${i + 1} "${String(step).trim()}" is not concrete: say what to revert or switch, and where`)
    })
  }

  if (isPlaceholder(owner)) add('rollback.owner', `the rollback owner ${describe(owner)}: name who rolls back, an @handle or a team`)
  return problems
}

function describe(value: unknown): string {
  if (value === undefined || value === null) return 'is missing'
  if (typeof value !== 'string') return 'is not text'
  if (value.trim() === '') return 'is empty'
  return `is a placeholder ("${value.trim()}")`
}
