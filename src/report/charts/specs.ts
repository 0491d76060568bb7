// The packet's charts as data: a Vega-Lite spec and an alt text that states every number, per chart. Pure;
// render.ts turns the specs into SVG and PNG. A chart without data is a chart that says "no data" (never
// a broken image), and its alt text says why.

import { normalise, type AuditTrends } from '../../review/audits.js'
import type { IncidentMonths } from '../../review/incident-months.js'

export type ChartId = 'audit-means' | 'incidents-by-severity' | 'time-to-resolve'

export interface ChartSpec {
  id: ChartId
  /** The file name of its PNG (attachments, cid, demo output). */
  fileName: string
  title: string
  /** States the numbers plotted, for screen readers and for mail clients that block images. */
  alt: string
  /** True when the chart only says "no data". */
  empty: boolean
  vegaLite: Record<string, unknown>
}

export const CHART_FONT = 'Inter'
const WIDTH = 560
const HEIGHT = 220
const SEVERITY_COLOURS = ['#b91c1c', '#ea580c', '#ca8a04', '#2563eb', '#0d9488', '#6b7280', '#7c3aed', '#9ca3af']

const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: WIDTH,
  height: HEIGHT,
  background: 'white',
  padding: 12,
  config: {
    font: CHART_FONT,
    title: { fontSize: 15, fontWeight: 'normal', anchor: 'start', offset: 12 },
    axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelAngle: 0 },
    legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', orient: 'bottom', direction: 'horizontal' },
    view: { stroke: null }
  }
}

const range = (months: readonly string[]): string => (months.length === 0 ? '' : `${months[0]} to ${months[months.length - 1]}`)
const round = (n: number, digits: number): number => Number(n.toFixed(digits))

function chart(id: ChartId, title: string, alt: string, body: Record<string, unknown>, empty = false): ChartSpec {
  return { id, fileName: `${id}.png`, title, alt, empty, vegaLite: { ...BASE, title, ...body } }
}

function noData(id: ChartId, title: string, why: string): ChartSpec {
  return chart(
    id,
    title,
    `${title}: no data (${why}).`,
    {
      data: { values: [{ line: 'no data' }, { line: why }] },
      transform: [{ window: [{ op: 'row_number', as: 'row' }] }],
      mark: { type: 'text', fontSize: 14, color: '#4b5563' },
      encoding: {
        text: { field: 'line' },
        y: { field: 'row', type: 'ordinal', axis: null },
        size: { condition: { test: 'datum.row === 1', value: 22 }, value: 13 }
      }
    },
    true
  )
}

/** Audit means on 0–1, one line per dimension, over the trend months. */
export function auditMeansChart(audits: AuditTrends): ChartSpec {
  const title = `Audit means, ${range(audits.months)} (0–1)`
  const values = audits.dimensions.flatMap((d) => d.trend.flatMap((mean, i) => (mean === null ? [] : [{ month: audits.months[i], dimension: d.dimension, mean: round(normalise(mean, d.scale), 3) }])))
  if (values.length === 0) return noData('audit-means', title, `no audit scores in ${range(audits.months)}`)
  const alt = `${title}. ${audits.dimensions
    .map((d) => `${d.dimension}: ${audits.months.map((m, i) => `${m} ${d.trend[i] === null ? 'no scores' : round(normalise(d.trend[i] as number, d.scale), 2).toFixed(2)}`).join(', ')}`)
    .join('; ')}.`
  return chart('audit-means', title, alt, {
    data: { values },
    mark: { type: 'line', point: { size: 40 }, strokeWidth: 2 },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: 'month', scale: { domain: audits.months } },
      y: { field: 'mean', type: 'quantitative', title: 'mean score (0–1)', scale: { domain: [0, 1] } },
      color: { field: 'dimension', type: 'nominal', title: 'dimension' }
    }
  })
}

/** Incidents started per month, stacked by severity. */
export function incidentsChart(history: IncidentMonths): ChartSpec {
  const title = `Incidents started per month by severity, ${range(history.months)}`
  const total = history.incidents.reduce((n, m) => n + m.total, 0)
  if (total === 0) return noData('incidents-by-severity', title, `no incidents started in ${range(history.months)}`)
  const values = history.incidents.flatMap((m) => history.severities.map((severity, i) => ({ month: m.month, severity, incidents: m.bySeverity[i] ?? 0, order: i })).filter((v) => v.incidents > 0))
  const alt = `${title}. ${history.incidents
    .map((m) => `${m.month}: ${m.total}${m.total === 0 ? '' : ` (${history.severities.flatMap((s, i) => ((m.bySeverity[i] ?? 0) > 0 ? [`${s} ${m.bySeverity[i]}`] : [])).join(', ')})`}`)
    .join('; ')}.`
  const maxTotal = Math.max(...history.incidents.map((m) => m.total))
  return chart('incidents-by-severity', title, alt, {
    data: { values },
    mark: { type: 'bar', width: { band: 0.6 } },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: 'month the incident started', scale: { domain: history.months } },
      y: { field: 'incidents', type: 'quantitative', title: 'incidents', stack: 'zero', axis: { tickMinStep: 1, format: 'd' }, scale: { domain: [0, Math.max(maxTotal, 1)] } },
      color: { field: 'severity', type: 'nominal', title: 'severity', scale: { domain: history.severities, range: SEVERITY_COLOURS.slice(0, Math.max(history.severities.length, 1)) } },
      order: { field: 'order', type: 'quantitative' }
    }
  })
}

/** Median and worst time to resolve of the incidents that started in each month and are resolved. */
export function timeToResolveChart(history: IncidentMonths): ChartSpec {
  const worstOverall = Math.max(0, ...history.incidents.map((m) => m.ttrWorstMs ?? 0))
  const unit = worstOverall < 2 * 3_600_000 ? { name: 'minutes', ms: 60_000 } : { name: 'hours', ms: 3_600_000 }
  const title = `Time to resolve per month (median and worst), ${range(history.months)}`
  if (history.incidents.every((m) => m.resolved === 0)) return noData('time-to-resolve', title, `no resolved incident started in ${range(history.months)}`)
  const values = history.incidents.flatMap((m) =>
    m.ttrMedianMs === null || m.ttrWorstMs === null
      ? []
      : [
          { month: m.month, measure: 'median', value: round(m.ttrMedianMs / unit.ms, 1) },
          { month: m.month, measure: 'worst', value: round(m.ttrWorstMs / unit.ms, 1) }
        ]
  )
  const alt = `${title}, in ${unit.name}. ${history.incidents
    .map((m) => (m.ttrMedianMs === null || m.ttrWorstMs === null ? `${m.month}: none resolved` : `${m.month}: median ${round(m.ttrMedianMs / unit.ms, 1)}, worst ${round(m.ttrWorstMs / unit.ms, 1)} (${m.resolved} resolved)`))
    .join('; ')}.`
  return chart('time-to-resolve', title, alt, {
    data: { values },
    mark: { type: 'line', point: { size: 50 }, strokeWidth: 2 },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: 'month the incident started', scale: { domain: history.months } },
      y: { field: 'value', type: 'quantitative', title: `time to resolve (${unit.name})`, scale: { zero: true } },
      color: { field: 'measure', type: 'nominal', title: 'measure', scale: { domain: ['median', 'worst'], range: ['#2563eb', '#b91c1c'] } },
      strokeDash: { field: 'measure', type: 'nominal', scale: { domain: ['median', 'worst'], range: [[1, 0], [5, 3]] } }
    }
  })
}

export function packetChartSpecs(audits: AuditTrends, history: IncidentMonths): ChartSpec[] {
  return [auditMeansChart(audits), incidentsChart(history), timeToResolveChart(history)]
}
