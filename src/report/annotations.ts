// Findings as GitHub annotations: workflow-command annotations on the step (core.error/warning, which
// GitHub shows for at most 10 errors and 10 warnings per step) and check-run annotations (no such limit).

import * as core from '@actions/core'
import type { CheckRunAnnotation } from '../github/create-check-run.js'
import { RULES } from '../lint/rules/index.js'
import type { Finding } from '../lint/types.js'
import { sortFindings } from './json.js'

/** GitHub shows at most this many error and this many warning annotations of one step. */
export const STEP_ANNOTATION_LIMIT = 10

const RULE_NAMES: ReadonlyMap<string, string> = new Map(RULES.map((rule) => [rule.id, rule.name]))

/** `PM005 section-order`: the annotation title, so the rule can be looked up or switched off by id. */
export function findingTitle(finding: Finding): string {
  const name = RULE_NAMES.get(finding.rule)
  return name === undefined ? finding.rule : `${finding.rule} ${name}`
}

export function stepAnnotation(finding: Finding): core.AnnotationProperties {
  return { file: finding.path, startLine: finding.line, startColumn: finding.column, title: findingTitle(finding) }
}

/** One `::error`/`::warning` command per finding, sorted by file and line. */
export function annotateFindings(findings: readonly Finding[]): void {
  for (const finding of sortFindings(findings)) {
    const annotate = finding.severity === 'error' ? core.error : core.warning
    annotate(finding.message, stepAnnotation(finding))
  }
}

/** Whether GitHub would hide some of these findings' step annotations. */
export function exceedsStepAnnotationLimit(findings: readonly Finding[]): boolean {
  const errors = findings.filter((f) => f.severity === 'error').length
  return errors > STEP_ANNOTATION_LIMIT || findings.length - errors > STEP_ANNOTATION_LIMIT
}

export function checkRunAnnotation(finding: Finding): CheckRunAnnotation {
  return {
    path: finding.path,
    start_line: finding.line,
    end_line: finding.line,
    start_column: finding.column,
    end_column: finding.column,
    annotation_level: finding.severity === 'error' ? 'failure' : 'warning',
    message: finding.message,
    title: findingTitle(finding)
  }
}
