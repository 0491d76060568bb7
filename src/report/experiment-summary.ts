// The Action's report of the experiment mode: one annotation per problem on the doc's line, and a job
// summary with every experiment (status, change, owner, outcome) and every problem.

import * as core from '@actions/core'
import type { ExperimentRunResult } from '../modes/experiment.js'
import { cell, lineUrl, type SourceLink } from './job-summary.js'
import { sortForList } from './experiments.js'
import { plural } from './text.js'

/** Rows of each table before the summary says how many more there are (GitHub caps a summary at 1 MiB). */
const MAX_ROWS = 500

/** One `::error` per problem, on the doc's line, titled with the front-matter key. */
export function annotateExperimentProblems(result: ExperimentRunResult): void {
  for (const experiment of [...result.experiments].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    for (const problem of experiment.problems) {
      core.error(problem.message, {
        file: experiment.path,
        startLine: problem.line,
        startColumn: problem.column,
        title: problem.key ? `experiment doc: ${problem.key}` : 'experiment doc'
      })
    }
  }
}

export interface ExperimentSummaryReport {
  result: ExperimentRunResult
  outcome: 'pass' | 'fail'
  failOn: string
  link?: SourceLink
}

function fileCell(path: string, line: number, link: SourceLink | undefined): string {
  return link ? `[${cell(path)}](${lineUrl(link, path, line)})` : cell(path)
}

export function renderExperimentSummary(report: ExperimentSummaryReport): string {
  const { result, link } = report
  const { summary } = result
  const icon = report.outcome === 'fail' ? '❌' : summary.problems > 0 ? '⚠️' : '✅'
  const what =
    summary.files === 0
      ? 'no experiment docs found'
      : summary.problems === 0
        ? `${plural(summary.files, 'experiment doc')}, no problems`
        : `${plural(summary.problems, 'problem')} in ${summary.invalid} of ${plural(summary.files, 'experiment doc')}`
  const out: string[] = [`## ${icon} reliability-loop experiment: ${what}`, '']

  const experiments = sortForList(result.experiments)
  if (experiments.length > 0) {
    out.push('| Experiment | Status | Change | Owner | Outcome | Problems |', '| --- | --- | --- | --- | --- | ---: |')
    for (const e of experiments.slice(0, MAX_ROWS)) {
      const name = e.doc ? `${cell(e.doc.name)}<br>${fileCell(e.path, 1, link)}` : fileCell(e.path, 1, link)
      const change = e.doc ? `${e.doc.change.type}: ${cell(e.doc.change.ref)}` : ''
      out.push(`| ${name} | ${e.doc?.status ?? 'invalid'} | ${change} | ${cell(e.doc?.owner ?? '')} | ${e.doc?.outcome ?? ''} | ${e.problems.length} |`)
    }
    if (experiments.length > MAX_ROWS) out.push('', `…and ${plural(experiments.length - MAX_ROWS, 'more experiment')}.`)
    out.push('')
  }

  const problems = [...result.experiments]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .flatMap((e) => [...e.problems].sort((a, b) => a.line - b.line || a.column - b.column).map((p) => ({ path: e.path, ...p })))
  if (problems.length > 0) {
    out.push('| File | Line | Key | Problem |', '| --- | ---: | --- | --- |')
    for (const p of problems.slice(0, MAX_ROWS)) out.push(`| ${fileCell(p.path, p.line, link)} | ${p.line} | ${cell(p.key ?? '')} | ${cell(p.message)} |`)
    if (problems.length > MAX_ROWS) out.push('', `…and ${plural(problems.length - MAX_ROWS, 'more problem')}; the annotations carry every one.`)
    out.push('')
  }
  out.push(`**Totals:** ${plural(summary.files, 'experiment doc')}, ${plural(summary.problems, 'problem')}; fail-on: \`${report.failOn}\` → **${report.outcome}**`)
  return `${out.join('\n')}\n`
}
