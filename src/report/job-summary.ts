// The job summary (and the check run's summary): every finding in one markdown table, file names linked
// to the line on the commit that was linted, then the totals. Unlike annotations it has no per-step
// limit, so it is where a fork PR (no check run possible) shows everything.

import * as core from '@actions/core'
import type { LintResult } from '../lint/types.js'
import { findingTitle } from './annotations.js'
import { sortFindings } from './json.js'
import { cell, lineUrl, type SourceLink } from './markdown.js'
import { plural } from './text.js'

export { cell, lineUrl, type SourceLink } from './markdown.js'

/** Rows the job summary shows before saying how many more there are (GitHub caps a step's summary at 1 MiB). */
export const SUMMARY_MAX_ROWS = 1000

export interface LintSummaryReport {
  result: LintResult
  outcome: 'pass' | 'fail'
  /** The fail-on setting, named in the totals so a reader knows why the step passed or failed. */
  failOn: string
  /** Where file links point; without it file names are plain text. */
  link?: SourceLink
  /** Sentences shown under the heading (what was linted and why, where the check run is). */
  notes?: readonly string[]
}

export interface SummaryLimits {
  maxRows?: number
  /** Total length to stay within (the Checks API takes 65535 characters of summary). */
  maxChars?: number
}

function headline(report: LintSummaryReport): string {
  const { summary } = report.result
  if (summary.files === 0) return '## reliability-loop lint: no postmortems to lint'
  const icon = report.outcome === 'fail' ? '❌' : summary.errors + summary.warnings > 0 ? '⚠️' : '✅'
  const what =
    summary.errors + summary.warnings === 0
      ? `${plural(summary.files, 'postmortem')}, no problems`
      : `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')} in ${plural(summary.files, 'postmortem')}`
  return `## ${icon} reliability-loop lint: ${what}`
}

export function renderLintSummary(report: LintSummaryReport, limits: SummaryLimits = {}): string {
  const maxRows = limits.maxRows ?? SUMMARY_MAX_ROWS
  const maxChars = limits.maxChars ?? Number.POSITIVE_INFINITY
  const { summary, findings } = report.result
  const head = `${[headline(report), ...(report.notes ?? [])].join('\n\n')}\n\n`
  const totals = `**Totals:** ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.files, 'file')} linted; fail-on: \`${report.failOn}\` → **${report.outcome}**\n`
  if (findings.length === 0) return `${head}${totals}`

  const sorted = sortFindings(findings)
  let table = '| File | Line | Rule | Severity | Message |\n| --- | ---: | --- | --- | --- |\n'
  // Room for the "more" line and the totals, so a cut table still ends with them.
  const reserve = totals.length + 200
  let shown = 0
  for (const f of sorted) {
    if (shown >= maxRows) break
    const file = report.link ? `[${cell(f.path)}](${lineUrl(report.link, f.path, f.line)})` : cell(f.path)
    const row = `| ${file} | ${f.line} | ${cell(findingTitle(f))} | ${f.severity} | ${cell(f.message)} |\n`
    if (head.length + table.length + row.length + reserve > maxChars) break
    table += row
    shown++
  }
  const more =
    shown < sorted.length
      ? `\n…and ${plural(sorted.length - shown, 'more finding')} not shown in this table (it stops at ${plural(shown, 'row')}); the annotations carry every finding.\n`
      : ''
  return `${head}${table}${more}\n${totals}`
}

/** Appends the markdown to the step's summary (GITHUB_STEP_SUMMARY). */
export async function writeJobSummary(markdown: string): Promise<void> {
  await core.summary.addRaw(markdown, true).write()
}
