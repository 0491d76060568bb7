import type { Postmortem } from '../postmortem/model.js'
import type { LintConfig } from '../config/types.js'

import type { Severity } from './severity.js'

export type { RuleSetting, Severity } from './severity.js'

export interface Finding {
  path: string
  line: number
  column: number
  rule: string
  severity: Severity
  message: string
}

/** What a rule may know about the world besides the postmortem: injected, so rules stay pure. */
export interface RuleContext {
  config: LintConfig
  /** Today's date as YYYY-MM-DD in UTC, from the injected clock. */
  today: string
  /** Whether a repository-relative path exists; rules never touch the file system themselves. */
  pathExists: (repoRelativePath: string) => boolean
}

/** A finding before the runner stamps path, rule and severity on it. */
export interface RuleReport {
  line: number
  column?: number
  message: string
  /** Overrides the configured severity for this finding (e.g. PM009 is a warning while Status is draft). */
  severity?: Severity
}

export interface FileRule {
  id: string
  name: string
  description: string
  defaultSeverity: Severity
  scope: 'file'
  check: (pm: Postmortem, ctx: RuleContext) => RuleReport[]
}

/**
 * What a project rule sees of each file. Full models stay in the worker that parsed them (and are not
 * cached), so cross-file rules work on this small digest.
 */
export interface PostmortemDigest {
  path: string
  /** The id from the title (`Incident PM-<id>`), if any. */
  id?: string
  /** Where the title is. */
  line: number
  column: number
  /** Rules the file silences with `<!-- reliability-loop-disable … -->`. */
  disabledRules: string[]
}

/** A rule that needs every linted file at once (e.g. duplicate ids). */
export interface ProjectRule {
  id: string
  name: string
  description: string
  defaultSeverity: Severity
  scope: 'project'
  check: (files: readonly PostmortemDigest[], ctx: RuleContext) => Array<RuleReport & { path: string }>
}

export type Rule = FileRule | ProjectRule

export interface LintSummary {
  files: number
  errors: number
  warnings: number
}

export interface LintResult {
  findings: Finding[]
  summary: LintSummary
}
