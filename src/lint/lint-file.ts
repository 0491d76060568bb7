import type { LintConfig } from '../config/types.js'
import type { Postmortem } from '../postmortem/model.js'
import { parsePostmortem, type ParseOptions } from '../postmortem/parse.js'
import type { ParseDeadline } from '../postmortem/markup-budget.js'
import { RULES } from './rules/index.js'
import { errorMessage } from '../util/error-message.js'
import type { Finding, PostmortemDigest, Rule, RuleContext, RuleSetting } from './types.js'

/** Everything one file contributes to a lint run; small and plain so workers can post it and the cache can store it. */
export interface FileLintResult {
  path: string
  findings: Finding[]
  digest: PostmortemDigest
  /** Paths whose existence the rules asked about, with the answer: a cached result is valid only while they hold. */
  probes: Record<string, boolean>
  /** The result depends on the machine, not only the content (the parse ran out of time): never cached. */
  transient?: true
}

export function parseOptionsOf(config: LintConfig): ParseOptions {
  return {
    severityLevels: config.postmortems.severityLevels,
    sections: config.postmortems.sections,
    sectionAliases: config.postmortems.sectionAliases
  }
}

export function ruleSetting(rule: Rule, config: LintConfig): RuleSetting {
  return config.rules[rule.id] ?? rule.defaultSeverity
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
}

/** Runs every enabled file rule over one parsed postmortem. Pure: the world comes in through ctx. */
export function lintPostmortem(pm: Postmortem, ctx: RuleContext): Finding[] {
  const findings: Finding[] = []
  const disabled = new Set(pm.disabledRules)
  for (const rule of RULES) {
    if (rule.scope !== 'file' || disabled.has(rule.id)) continue
    const setting = ruleSetting(rule, ctx.config)
    if (setting === 'off') continue
    for (const report of rule.check(pm, ctx)) {
      findings.push({
        path: pm.path,
        line: report.line,
        column: report.column ?? 1,
        rule: rule.id,
        severity: report.severity ?? setting,
        message: report.message
      })
    }
  }
  return findings.sort(compareFindings)
}

export interface FileLintEnv {
  today: string
  pathExists: (path: string) => boolean
  /** The parse's clock and time budget; default the parser's own (PARSE_TIME_BUDGET_MS). */
  deadline?: ParseDeadline
}

/** Parses and lints one file's content. Never throws on content; a rule that throws is reported as a finding. */
export function lintFile(input: string | Uint8Array, path: string, config: LintConfig, env: FileLintEnv): FileLintResult {
  const probes: Record<string, boolean> = {}
  const ctx: RuleContext = {
    config,
    today: env.today,
    pathExists: (p) => (probes[p] ??= env.pathExists(p))
  }
  const pm = parsePostmortem(input, path, env.deadline ? { ...parseOptionsOf(config), deadline: env.deadline } : parseOptionsOf(config))
  let findings: Finding[]
  try {
    findings = lintPostmortem(pm, ctx)
  } catch (error) {
    // A bug in one rule must not hide the other files' results; say where it happened.
    findings = [
      {
        path,
        line: 1,
        column: 1,
        rule: 'PM000',
        severity: 'error',
        message: `reliability-loop failed while checking this file (${errorMessage(error)}); please report it with the file attached.`
      }
    ]
  }
  const digest: PostmortemDigest = {
    path,
    line: pm.title?.position.line ?? 1,
    column: pm.title?.position.column ?? 1,
    disabledRules: pm.disabledRules
  }
  if (pm.title?.id) digest.id = pm.title.id
  const result: FileLintResult = { path, findings, digest, probes }
  if (pm.problems.some((p) => p.transient)) result.transient = true
  return result
}

/** Runs the project rules (those that need every file at once) over the files' digests. */
export function lintProject(digests: readonly PostmortemDigest[], ctx: RuleContext): Finding[] {
  const disabledBy = new Map(digests.map((d) => [d.path, new Set(d.disabledRules)]))
  const findings: Finding[] = []
  for (const rule of RULES) {
    if (rule.scope !== 'project') continue
    const setting = ruleSetting(rule, ctx.config)
    if (setting === 'off') continue
    for (const report of rule.check(digests, ctx)) {
      if (disabledBy.get(report.path)?.has(rule.id)) continue
      findings.push({
        path: report.path,
        line: report.line,
        column: report.column ?? 1,
        rule: rule.id,
        severity: report.severity ?? setting,
        message: report.message
      })
    }
  }
  return findings
}
