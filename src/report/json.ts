// `--format json`: the machine-readable contract. Exactly
//   {"findings":[{"path","line","column","rule","severity","message"}],"summary":{"files","errors","warnings"}}
// with findings sorted by path, line, column, rule. Nothing else is ever printed on stdout in this format.

import type { Finding, LintResult, Rule, Severity } from '../lint/types.js'

/** What the reports need to know about a rule (a subset of the registry entries). */
export type RuleInfo = Pick<Rule, 'id' | 'name' | 'description' | 'defaultSeverity'>

export interface JsonFinding {
  path: string
  line: number
  column: number
  rule: string
  severity: Severity
  message: string
}

export interface JsonReport {
  findings: JsonFinding[]
  summary: { files: number; errors: number; warnings: number }
}

/** Code-unit order rather than locale order, so the output is identical on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function compareFindings(a: Finding, b: Finding): number {
  return compareText(a.path, b.path) || a.line - b.line || a.column - b.column || compareText(a.rule, b.rule)
}

/** A sorted copy; the sort is stable, so findings equal in all four keys keep the order they came in. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings)
}

/** The report object, with exactly the documented keys (extra properties on findings are dropped). */
export function toJsonReport(result: LintResult): JsonReport {
  return {
    findings: sortFindings(result.findings).map((f) => ({
      path: f.path,
      line: f.line,
      column: f.column,
      rule: f.rule,
      severity: f.severity,
      message: f.message
    })),
    summary: { files: result.summary.files, errors: result.summary.errors, warnings: result.summary.warnings }
  }
}

/** One line of JSON and a newline: easy to pipe into `jq`. */
export function formatJson(result: LintResult): string {
  return `${JSON.stringify(toJsonReport(result))}\n`
}
