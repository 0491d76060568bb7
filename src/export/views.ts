// The views analysts chart (Grafana, Looker Studio): rolling audit means, incidents per week, time to
// resolve per month and the backlog per day. One definition, written through a Dialect, so DuckDB (tested
// for real) and the cloud warehouses run the same query.

import type { Dialect } from './dialect.js'

export interface ViewDefinition {
  name: string
  description: string
  sql: (d: Dialect) => string
}

/**
 * One score per transcript and dimension (a person's over the judge's over the rules'), random stratum only:
 * the unbiased sample the trends are about.
 */
function auditDaily(d: Dialect): string {
  return `WITH ranked AS (
  SELECT repository, dimension, scored_at, score_normalised,
    ROW_NUMBER() OVER (PARTITION BY repository, period, content_sha256, dimension
      ORDER BY CASE scorer WHEN 'human' THEN 0 WHEN 'llm' THEN 1 ELSE 2 END, scored_at DESC) AS pick
  FROM ${d.table('audit_scores')}
  WHERE stratum = 'random' AND score_normalised IS NOT NULL AND scored_at IS NOT NULL
), daily AS (
  SELECT repository, dimension, ${d.toDate('scored_at')} AS day, SUM(score_normalised) AS total, COUNT(*) AS scores
  FROM ranked WHERE pick = 1
  GROUP BY repository, dimension, ${d.toDate('scored_at')}
)`
}

function rolling(days: number): (d: Dialect) => string {
  return (d) => `${auditDaily(d)}
SELECT repository, dimension, day,
  SUM(total) OVER w / SUM(scores) OVER w AS rolling_mean,
  SUM(scores) OVER w AS scores_in_window
FROM daily
WINDOW w AS (PARTITION BY repository, dimension ORDER BY ${d.dayNumber('day')} RANGE BETWEEN ${days - 1} PRECEDING AND CURRENT ROW)`
}

export const VIEWS: readonly ViewDefinition[] = [
  { name: 'audit_rolling_30d', description: 'Mean normalised audit score (0..1) per dimension over the 30 days up to each day; random stratum, one score per transcript.', sql: rolling(30) },
  { name: 'audit_rolling_90d', description: 'As audit_rolling_30d over 90 days.', sql: rolling(90) },
  {
    name: 'incidents_weekly',
    description: 'Incidents started per week (Monday) and severity.',
    sql: (d) => `SELECT repository, ${d.weekStart('started_at')} AS week, severity, COUNT(*) AS incidents
FROM ${d.table('incidents')}
WHERE started_at IS NOT NULL
GROUP BY repository, ${d.weekStart('started_at')}, severity`
  },
  {
    name: 'resolve_time_monthly',
    description: 'Median and worst minutes from start to resolution of the incidents resolved in each month.',
    sql: (d) => `SELECT repository, ${d.monthStart('resolved_at')} AS month, COUNT(*) AS resolved_incidents,
  ${d.median(d.minutesBetween('started_at', 'resolved_at'))} AS median_minutes,
  MAX(${d.minutesBetween('started_at', 'resolved_at')}) AS worst_minutes
FROM ${d.table('incidents')}
WHERE resolved_at IS NOT NULL AND started_at IS NOT NULL
GROUP BY repository, ${d.monthStart('resolved_at')}`
  },
  {
    name: 'backlog_daily',
    description: 'Open and overdue action items per export day.',
    sql: (d) => `SELECT repository, snapshot_date, ${d.countIf('is_open')} AS open_items, ${d.countIf('overdue')} AS overdue_items, COUNT(*) AS items
FROM ${d.table('action_items')}
GROUP BY repository, snapshot_date`
  }
]
