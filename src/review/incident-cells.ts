// The packet's incidents table, as cells: the markdown and the HTML packet show the same columns the same way.

import type { IncidentRow } from './packet.js'
import { formatDuration, shortUtc } from './timestamp.js'

export const INCIDENT_COLUMNS = ['id', 'severity', 'title', 'start', 'time to detect', 'time to resolve', 'status', 'open actions'] as const

/** One incident's cells, in INCIDENT_COLUMNS order; undefined for a time that is not known. */
export function incidentCells(i: IncidentRow): Array<string | undefined> {
  return [
    i.id,
    i.severity,
    i.title,
    shortUtc(Date.parse(i.start)),
    i.ttdMs === undefined ? undefined : formatDuration(i.ttdMs),
    i.ttrMs === undefined ? undefined : formatDuration(i.ttrMs),
    i.status,
    i.openActions === undefined ? (i.postmortem === undefined ? 'no postmortem' : `${i.postmortem} not found`) : `${i.openActions} (${i.postmortem})`
  ]
}
