// `--format github`: GitHub Actions workflow commands, one annotation per finding:
//   ::error file=docs/postmortems/PM-7.md,line=3,col=1,title=PM002 required-metadata::Metadata "Severity" is missing; …
// Escaping follows @actions/core (toCommandValue, escapeData, escapeProperty), so a message can never end
// the command early or inject another one.

import type { Finding, LintResult } from '../lint/types.js'
import { sortFindings, type RuleInfo } from './json.js'
import { plural } from './text.js'

export interface WorkflowCommandOptions {
  /** The rule registry, for the rule names in annotation titles. */
  rules: readonly RuleInfo[]
}

/** The message part: `%`, CR and LF are percent-encoded (as @actions/core escapeData). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** A property value: additionally `:` and `,`, which separate the command and its properties (escapeProperty). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** `::name key=value,…::message`; properties with an empty value are left out, as @actions/core does. */
export function workflowCommand(name: string, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
  return `::${name}${props.length > 0 ? ` ${props.join(',')}` : ''}::${escapeData(message)}`
}

export function annotation(finding: Finding, ruleNames: ReadonlyMap<string, string>): string {
  const name = ruleNames.get(finding.rule)
  return workflowCommand(
    finding.severity,
    {
      file: finding.path,
      line: finding.line,
      col: finding.column,
      title: name === undefined ? finding.rule : `${finding.rule} ${name}`
    },
    finding.message
  )
}

export function formatWorkflowCommands(result: LintResult, options: WorkflowCommandOptions): string {
  const names = new Map(options.rules.map((rule) => [rule.id, rule.name]))
  const lines = sortFindings(result.findings).map((finding) => annotation(finding, names))
  const errors = result.findings.filter((f) => f.severity === 'error').length
  const warnings = result.findings.length - errors
  const files = new Set(result.findings.map((f) => f.path)).size
  // A plain line (not a command) so the log says what happened even past GitHub's per-step annotation limit.
  lines.push(
    result.findings.length === 0
      ? `${plural(result.summary.files, 'postmortem')}, no problems`
      : `${plural(result.findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(files, 'file')}`
  )
  return `${lines.join('\n')}\n`
}
