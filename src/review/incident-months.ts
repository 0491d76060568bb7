// Incidents month by month, for the packet's charts: how many started in each month by severity, and how
// long the resolved ones took (median and worst). Pure: the incidents come from a review run over the
// trend window (modes/publish.ts, packetTrends), the months from the audit trend (six, ending with the
// review's month), so every chart of a packet covers the same months.

import type { IncidentRow, ReviewPacket } from './packet.js'
import { severityRank } from './incidents.js'
import { compareText } from './quality.js'

export interface IncidentMonth {
  month: string
  /** Incidents that started in the month. */
  total: number
  /** Per severity, in `IncidentMonths.severities` order; 0 where none. */
  bySeverity: number[]
  /** Of `total`, those resolved (with a time to resolve). */
  resolved: number
  /** Median and worst time to resolve of the resolved ones; null when none was resolved. */
  ttrMedianMs: number | null
  ttrWorstMs: number | null
}

export interface IncidentMonths {
  months: string[]
  /** Severities seen in the months, most severe first (configured levels order, unknown ones after). */
  severities: string[]
  incidents: IncidentMonth[]
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** Buckets incidents by the UTC month they started in; incidents outside `months` are not counted. */
export function incidentMonths(rows: ReadonlyArray<Pick<IncidentRow, 'start' | 'severity' | 'ttrMs'>>, months: readonly string[], severityLevels: readonly string[]): IncidentMonths {
  const inWindow = rows.filter((r) => months.includes(r.start.slice(0, 7)))
  const severities = [...new Set(inWindow.map((r) => r.severity))].sort((a, b) => severityRank(a, severityLevels) - severityRank(b, severityLevels) || compareText(a, b))
  const incidents = months.map((month): IncidentMonth => {
    const these = inWindow.filter((r) => r.start.slice(0, 7) === month)
    const ttrs = these.flatMap((r) => (r.ttrMs === undefined ? [] : [r.ttrMs])).sort((a, b) => a - b)
    return {
      month,
      total: these.length,
      bySeverity: severities.map((s) => these.filter((r) => r.severity === s).length),
      resolved: ttrs.length,
      ttrMedianMs: median(ttrs),
      ttrWorstMs: ttrs.length === 0 ? null : (ttrs[ttrs.length - 1] as number)
    }
  })
  return { months: [...months], severities, incidents }
}

/** A packet and the incidents of its trend months: what the charts and every published channel show. */
export interface PacketWithHistory {
  packet: ReviewPacket
  history: IncidentMonths
}
