// What the schema cannot say about a schema-valid experiment: dates that exist and come in order,
// metric names that are unique, and results that match the metrics one to one.

import type { ExperimentFrontMatter, ExperimentProblem, SourcePosition } from './model.js'
import { locate } from './schema-problems.js'

/** Whether YYYY-MM-DD names a real day (the schema's pattern lets 2026-02-31 through). */
export function isRealDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date
}

export function consistencyProblems(
  fm: ExperimentFrontMatter,
  positions: Readonly<Record<string, SourcePosition>>,
  fallback: SourcePosition
): ExperimentProblem[] {
  const problems: ExperimentProblem[] = []
  const add = (segments: (string | number)[], key: string, message: string) => problems.push({ ...locate(positions, segments, fallback), key, message })

  for (const key of ['created', 'concluded'] as const) {
    const date = fm[key]
    if (date !== undefined && !isRealDate(date)) add([key], key, `${date} is not a day in the calendar`)
  }
  if (fm.concluded !== undefined && isRealDate(fm.created) && isRealDate(fm.concluded) && fm.concluded < fm.created) {
    add(['concluded'], 'concluded', `concluded (${fm.concluded}) is before created (${fm.created})`)
  }

  const metricNames = new Set<string>()
  fm.metrics.forEach((metric, i) => {
    if (metricNames.has(metric.name)) add(['metrics', i, 'name'], `metrics[${i}].name`, `metric "${metric.name}" is listed more than once`)
    metricNames.add(metric.name)
  })

  if (fm.results !== undefined) {
    const reported = new Set<string>()
    fm.results.forEach((result, i) => {
      if (!metricNames.has(result.name)) {
        add(['results', i, 'name'], `results[${i}].name`, `"${result.name}" is not one of the metrics (${[...metricNames].join(', ')})`)
      } else if (reported.has(result.name)) {
        add(['results', i, 'name'], `results[${i}].name`, `metric "${result.name}" has more than one result`)
      }
      reported.add(result.name)
    })
    const missing = [...metricNames].filter((name) => !reported.has(name))
    if (missing.length > 0) add(['results'], 'results', `no result for ${missing.map((m) => `"${m}"`).join(', ')}: record one result per metric`)
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column)
}
