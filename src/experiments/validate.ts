// Everything wrong with one experiment doc: unreadable text, schema violations, inconsistencies and a
// rollback plan that is not real. What `experiment validate` and the Action's experiment mode report.

import { notAlreadyReported, type ExperimentDoc, type ExperimentProblem } from './model.js'
import { parseExperimentDoc, type ParsedExperimentDoc } from './parse.js'
import { checkRollbackPlan } from './rollback.js'

export interface ValidatedExperimentDoc {
  doc?: ExperimentDoc
  /** Sorted by line and column. */
  problems: ExperimentProblem[]
}

/**
 * Adds the rollback-plan check to a parse result. A doc that fails the schema is still checked when its
 * front matter has a `rollback` map, leaving out what the schema already reported for the same key.
 */
export function withRollbackProblems(parsed: ParsedExperimentDoc): ValidatedExperimentDoc {
  let rollback: ExperimentProblem[] = []
  if (parsed.doc) rollback = checkRollbackPlan(parsed.doc)
  else if (parsed.unvalidated && hasRollbackMap(parsed.unvalidated.values)) {
    const { values, positions } = parsed.unvalidated
    const partial = { rollback: (values as { rollback: unknown }).rollback, positions } as unknown as ExperimentDoc
    rollback = notAlreadyReported(checkRollbackPlan(partial), parsed.problems)
  }
  const problems = [...parsed.problems, ...rollback].sort((a, b) => a.line - b.line || a.column - b.column)
  return parsed.doc ? { doc: parsed.doc, problems } : { problems }
}

function hasRollbackMap(values: unknown): boolean {
  const rollback = values !== null && typeof values === 'object' ? (values as Record<string, unknown>).rollback : undefined
  return rollback !== null && typeof rollback === 'object' && !Array.isArray(rollback)
}

export function validateExperimentDoc(text: string | Uint8Array, path: string): ValidatedExperimentDoc {
  return withRollbackProblems(parseExperimentDoc(text, path))
}
