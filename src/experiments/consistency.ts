// What the schema cannot say about a schema-valid experiment: dates that exist and come in order,
// metric names that are unique, and results that match the metrics one to one.

import { isDict } from '../util/dict.js'
import type { ExperimentProblem, SourcePosition } from './model.js'
import { locate } from './schema-problems.js'

/** Whether YYYY-MM-DD names a real day (the schema's pattern lets 2026-02-31 through). */
export function isRealDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date
}

/**
 * Works on the front matter as read, schema-valid or not, so that one run reports these problems beside
 * the schema's: each check looks only at values of the shape it needs and skips the rest.
 */
export function consistencyProblems(
  values: unknown,
  positions: Readonly<Record<string, SourcePosition>>,
  fallback: SourcePosition
): ExperimentProblem[] {
  const problems: ExperimentProblem[] = []
  const add = (segments: (string | number)[], key: string, message: string) => problems.push({ ...locate(positions, segments, fallback), key, message })
  const fm = isDict(values) ? values : {}
  const dateOf = (key: string): string | undefined => (typeof fm[key] === 'string' && DAY_RE.test(fm[key]) ? fm[key] : undefined)

  for (const key of ['created', 'concluded'] as const) {
    const date = dateOf(key)
    if (date !== undefined && !isRealDate(date)) add([key], key, `${date} is not a day in the calendar`)
  }
  const created = dateOf('created')
  const concluded = dateOf('concluded')
  if (created !== undefined && concluded !== undefined && isRealDate(created) && isRealDate(concluded) && concluded < created) {
    add(['concluded'], 'concluded', `concluded (${concluded}) is before created (${created})`)
  }

  const metricNames = new Set<string>()
  const metrics = Array.isArray(fm.metrics) ? fm.metrics : []
  metrics.forEach((metric, i) => {
    const name = nameOf(metric)
    if (name === undefined) return
    if (metricNames.has(name)) add(['metrics', i, 'name'], `metrics[${i}].name`, `metric "${name}" is listed more than once`)
    metricNames.add(name)
  })

  // Results can only be matched against a metrics list that was read whole.
  const metricsComplete = metrics.length > 0 && metrics.every((m) => nameOf(m) !== undefined)
  if (Array.isArray(fm.results) && metricsComplete) {
    const reported = new Set<string>()
    fm.results.forEach((result, i) => {
      const name = nameOf(result)
      if (name === undefined) return
      if (!metricNames.has(name)) {
        add(['results', i, 'name'], `results[${i}].name`, `"${name}" is not one of the metrics (${[...metricNames].join(', ')})`)
      } else if (reported.has(name)) {
        add(['results', i, 'name'], `results[${i}].name`, `metric "${name}" has more than one result`)
      }
      reported.add(name)
    })
    const missing = [...metricNames].filter((name) => !reported.has(name))
    const resultsComplete = fm.results.every((r) => nameOf(r) !== undefined)
    if (missing.length > 0 && resultsComplete) add(['results'], 'results', `no result for ${missing.map((m) => `"${m}"`).join(', ')}: record one result per metric`)
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column)
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/

function nameOf(entry: unknown): string | undefined {
  return isDict(entry) && typeof entry.name === 'string' ? entry.name : undefined
}
