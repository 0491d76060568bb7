// The incident charts of the markdown packet, as Mermaid (GitHub renders it): incidents started per month
// (bars, with a table by severity, since Mermaid's xychart cannot stack) and time to resolve per month
// (median and worst). The same numbers as the PNG charts of the published packet (src/report/charts/).

import type { IncidentMonths } from './incident-months.js'

const cell = (v: string | number): string => String(v).replace(/\|/g, '\\|')

export function incidentTrendMarkdown(history: IncidentMonths): string[] {
  const { months, incidents, severities } = history
  if (months.length === 0) return []
  const span = `${months[0]} to ${months[months.length - 1]}`
  const out = ['### Incidents by month', '']
  const total = incidents.reduce((n, m) => n + m.total, 0)
  if (total === 0) return [...out, `No incidents started in ${span}.`, '']
  const most = Math.max(...incidents.map((m) => m.total))
  out.push(
    '```mermaid',
    'xychart-beta',
    `  title "Incidents started per month, ${span}"`,
    `  x-axis [${months.map((m) => `"${m}"`).join(', ')}]`,
    `  y-axis "incidents" 0 --> ${most}`,
    `  bar [${incidents.map((m) => m.total).join(', ')}]`,
    '```',
    '',
    `| month | ${severities.map(cell).join(' | ')} | total |`,
    `| --- | ${severities.map(() => '---').join(' | ')} | --- |`,
    ...incidents.map((m) => `| ${m.month} | ${m.bySeverity.join(' | ')} | ${m.total} |`),
    ''
  )
  const resolved = incidents.filter((m) => m.ttrMedianMs !== null && m.ttrWorstMs !== null)
  if (resolved.length === 0) return [...out, `No incident started in ${span} is resolved: no time to resolve to chart.`, '']
  const worst = Math.max(...resolved.map((m) => m.ttrWorstMs as number))
  const unit = worst < 2 * 3_600_000 ? { name: 'minutes', ms: 60_000 } : { name: 'hours', ms: 3_600_000 }
  const value = (ms: number | null): string => ((ms as number) / unit.ms).toFixed(1)
  const skipped = incidents.filter((m) => m.resolved === 0).map((m) => m.month)
  out.push(
    '```mermaid',
    'xychart-beta',
    `  title "Time to resolve (${unit.name}), median and worst"`,
    `  x-axis [${resolved.map((m) => `"${m.month}"`).join(', ')}]`,
    `  y-axis "${unit.name}" 0 --> ${Math.ceil(worst / unit.ms)}`,
    `  line [${resolved.map((m) => value(m.ttrMedianMs)).join(', ')}]`,
    `  line [${resolved.map((m) => value(m.ttrWorstMs)).join(', ')}]`,
    '```',
    '',
    `Lines: median, then worst, of the incidents started in the month and resolved${skipped.length > 0 ? `; months with none resolved are left out (${skipped.join(', ')})` : ''}.`,
    ''
  )
  return out
}
