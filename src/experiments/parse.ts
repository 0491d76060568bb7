// Experiment doc text → ExperimentDoc: YAML front matter validated against the one schema, plus the
// markdown body. Never throws; every problem carries a line and column.

import { consistencyProblems } from './consistency.js'
import { decodeDoc, readFrontMatter } from './front-matter.js'
import { notAlreadyReported, type ExperimentDoc, type ExperimentFrontMatter, type ExperimentProblem, type ExperimentResult, type SourcePosition } from './model.js'
import { schemaProblems } from './schema-problems.js'
import { errorMessage } from '../util/error-message.js'

export interface ParsedExperimentDoc {
  /** Present when the front matter matches the schema (problems may still list consistency issues). */
  doc?: ExperimentDoc
  problems: ExperimentProblem[]
  /**
   * The front matter as read, when it is YAML but does not match the schema: lets the rollback check
   * still run, so one pass reports every problem.
   */
  unvalidated?: { values: unknown; positions: Readonly<Record<string, SourcePosition>> }
}

export function parseExperimentDoc(text: string | Uint8Array, path: string): ParsedExperimentDoc {
  try {
    return parse(text, path)
  } catch (error) {
    // A bug here must not take a whole run down with it; the file is reported instead.
    return { problems: [{ line: 1, column: 1, message: `could not read this experiment doc: ${errorMessage(error)}` }] }
  }
}

function parse(input: string | Uint8Array, path: string): ParsedExperimentDoc {
  const decoded = decodeDoc(input)
  if (decoded.text === undefined) return { problems: decoded.problem ? [decoded.problem] : [] }
  const { frontMatter, problems } = readFrontMatter(decoded.text)
  if (!frontMatter || problems.length > 0) return { problems }

  const fallback = { line: 1, column: 1 }
  const invalid = schemaProblems(frontMatter.values, frontMatter.positions, fallback)
  // Checked whether or not the schema passed, so one run reports every problem.
  const inconsistent = consistencyProblems(frontMatter.values, frontMatter.positions, fallback)
  if (invalid.length > 0) {
    return { problems: [...invalid, ...notAlreadyReported(inconsistent, invalid)], unvalidated: { values: frontMatter.values, positions: frontMatter.positions } }
  }

  const fm = toFrontMatter(frontMatter.values as Record<string, unknown>)
  const doc: ExperimentDoc = { ...fm, path, body: frontMatter.body, bodyLine: frontMatter.bodyLine, positions: frontMatter.positions }
  return { doc, problems: inconsistent }
}

/** Schema-valid front matter (kebab-case) → the model (camelCase). */
function toFrontMatter(values: Record<string, unknown>): ExperimentFrontMatter {
  const { 'audit-period': auditPeriod, results, ...rest } = values
  const fm = { ...rest } as unknown as ExperimentFrontMatter
  if (Array.isArray(results)) {
    fm.results = (results as Array<Record<string, unknown>>).map((r) => ({ name: r.name, observed: r.observed, targetMet: r['target-met'] }) as ExperimentResult)
  }
  if (typeof auditPeriod === 'string') fm.auditPeriod = auditPeriod
  return fm
}
