// Experiments of the period, from the experiment docs: started (created in the period), running (running
// at its end), concluded and rolled back (concluded in the period), with outcomes and metric deltas.

import type { ExperimentDoc, MetricValue } from '../experiments/model.js'
import { inPeriod, type ReviewPeriod } from './period.js'
import { compareText } from './quality.js'

export type ExperimentActivity = 'started' | 'running' | 'concluded' | 'rolled-back' | 'abandoned'

export interface MetricDelta {
  name: string
  baseline: MetricValue
  observed?: MetricValue
  /** observed − baseline when both are numbers. */
  delta?: number
  targetMet?: boolean
}

export interface ExperimentRow {
  id: string
  name: string
  path: string
  owner: string
  status: string
  activity: ExperimentActivity[]
  created: string
  concluded?: string
  outcome?: string
  metrics: MetricDelta[]
}

function dayMs(date: string | undefined): number | undefined {
  if (date === undefined) return undefined
  const ms = Date.parse(`${date}T00:00:00Z`)
  return Number.isFinite(ms) ? ms : undefined
}

export function experimentsInPeriod(docs: readonly ExperimentDoc[], period: ReviewPeriod): ExperimentRow[] {
  const rows: ExperimentRow[] = []
  for (const doc of docs) {
    const created = dayMs(doc.created)
    const concluded = dayMs(doc.concluded)
    const activity: ExperimentActivity[] = []
    if (created !== undefined && inPeriod(created, period)) activity.push('started')
    // Running at some point of the period: started before its end and not concluded before its start.
    const runningDuring = created !== undefined && created < period.endMs && (concluded === undefined ? doc.status === 'running' : concluded >= period.endMs)
    if (runningDuring) activity.push('running')
    if (concluded !== undefined && inPeriod(concluded, period)) {
      if (doc.status === 'rolled-back' || doc.outcome === 'rolled-back') activity.push('rolled-back')
      else if (doc.status === 'abandoned') activity.push('abandoned')
      else activity.push('concluded')
    }
    if (activity.length === 0) continue
    const results = new Map((doc.results ?? []).map((r) => [r.name, r]))
    rows.push({
      id: doc.id,
      name: doc.name,
      path: doc.path,
      owner: doc.owner,
      status: doc.status,
      activity,
      created: doc.created,
      ...(doc.concluded !== undefined && { concluded: doc.concluded }),
      ...(doc.outcome !== undefined && { outcome: doc.outcome }),
      metrics: doc.metrics.map((m) => {
        const r = results.get(m.name)
        const delta: MetricDelta = { name: m.name, baseline: m.baseline }
        if (r !== undefined) {
          delta.observed = r.observed
          delta.targetMet = r.targetMet
          if (typeof r.observed === 'number' && typeof m.baseline === 'number') delta.delta = r.observed - m.baseline
        }
        return delta
      })
    })
  }
  return rows.sort((a, b) => compareText(a.created, b.created) || compareText(a.path, b.path))
}
