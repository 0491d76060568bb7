// The packet's content: everything the markdown, the JSON and the job summary show, built from what the
// readers found. Pure and deterministic: every list is sorted, the clock is an input.

import type { ReviewConfig, ReviewThresholdName } from '../config/types.js'
import type { AuditTrends } from './audits.js'
import type { Backlog, PostmortemRow } from './backlog.js'
import type { BypassRow } from './bypasses.js'
import type { ExperimentRow } from './experiments.js'
import { compareIncidents, severityRank, timeToDetect, timeToResolve, type Incident } from './incidents.js'
import type { ReviewPeriod } from './period.js'
import { compareNotes, type DataNote } from './quality.js'
import { normalise } from './audits.js'
import { TRACKER_NAMES } from '../sync/trackers/tracker.js'
import type { TrackerStatus } from './tracker-status.js'
import type { PacketDecisions } from './decisions.js'
import { sanitizeText } from '../util/sanitize.js'

export type Rag = 'red' | 'amber' | 'green'

export interface AreaStatus {
  area: 'Incidents' | 'Postmortem hygiene' | 'Action items' | 'Audit scores' | 'Experiments' | 'Gate bypasses'
  status: Rag
  /** One line: why. */
  summary: string
}

export interface SourceInfo {
  name: string
  /** Globs or files read. */
  location: string
  /** The last commit that touched it; undefined outside git or when uncommitted. */
  commit?: string
  /** False when nothing was there: the packet says so instead of failing. */
  present: boolean
  /** Read from a live service (the Redis stream), not from the repository. */
  live?: boolean
}

export interface IncidentRow {
  id: string
  path: string
  severity: string
  title: string
  start: string
  ttdMs?: number
  ttrMs?: number
  status: string
  openActions?: number
  postmortem?: string
}

export interface ReviewPacket {
  /** `toDate`: the period had not ended; it runs up to when the packet was made (`end`). */
  period: { label: string; title: string; start: string; end: string; toDate?: true }
  generatedAt: string
  sources: SourceInfo[]
  summary: AreaStatus[]
  incidents: IncidentRow[]
  postmortems: PostmortemRow[]
  backlog: Backlog
  /** The synced items' tickets; absent when the repository does not sync action items. */
  tracker?: TrackerStatus
  audits: AuditTrends
  experiments: ExperimentRow[]
  bypasses: BypassRow[]
  dataQuality: DataNote[]
  /** The meeting's decisions written into this period's packet (kept), and the previous packet's with where they stand. */
  decisions: PacketDecisions
}

export interface PacketInputs {
  period: ReviewPeriod
  now: Date
  settings: ReviewConfig
  severityLevels: readonly string[]
  sources: SourceInfo[]
  incidents: Incident[]
  postmortems: PostmortemRow[]
  backlog: Backlog
  tracker?: TrackerStatus
  /** Open action items per postmortem id, for the incidents table. */
  openActionsByPostmortem: ReadonlyMap<string, number>
  audits: AuditTrends
  experiments: ExperimentRow[]
  bypasses: BypassRow[]
  notes: DataNote[]
  decisions?: PacketDecisions
}

function rag(value: number, band: { amber: number; red: number }): Rag {
  return value >= band.red ? 'red' : value >= band.amber ? 'amber' : 'green'
}

const worst = (...xs: Rag[]): Rag => (xs.includes('red') ? 'red' : xs.includes('amber') ? 'amber' : 'green')
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

function areaStatuses(inputs: PacketInputs): AreaStatus[] {
  const t = inputs.settings.thresholds as Record<ReviewThresholdName, { amber: number; red: number }>
  const most = inputs.severityLevels[0]
  const sev1 = inputs.incidents.filter((i) => severityRank(i.severity, inputs.severityLevels) === 1).length
  const open = inputs.incidents.filter((i) => !i.resolved).length
  const lintErrors = inputs.postmortems.reduce((n, p) => n + p.lint.errors, 0)
  const rolledBack = inputs.experiments.filter((e) => e.activity.includes('rolled-back')).length
  let biggestDrop = 0
  let dropped = ''
  let belowHalf = ''
  for (const d of inputs.audits.dimensions) {
    if (d.change !== null) {
      const drop = -d.change / (d.scale === '1-5' ? 4 : 1)
      if (drop > biggestDrop) {
        biggestDrop = drop
        dropped = d.dimension
      }
    }
    if (d.mean !== null && normalise(d.mean, d.scale) < 0.5 && belowHalf === '') belowHalf = d.dimension
  }
  // Means are over the random stratum: flagged transcripts alone give no mean to judge.
  const noMeans = inputs.audits.counting.transcripts === 0
  const auditRag = noMeans ? 'amber' : worst(rag(biggestDrop, t['audit-drop']), belowHalf !== '' ? 'red' : 'green')
  return [
    {
      area: 'Incidents',
      status: worst(rag(inputs.incidents.length, t.incidents), rag(sev1, t['sev1-incidents'])),
      summary: `${plural(inputs.incidents.length, 'incident')}${most !== undefined ? `, ${sev1} ${most}` : ''}; ${open} still open`
    },
    {
      area: 'Postmortem hygiene',
      status: rag(lintErrors, t['lint-errors']),
      summary: `${plural(inputs.postmortems.length, 'postmortem')} in the period; ${plural(lintErrors, 'lint error')}`
    },
    {
      area: 'Action items',
      status: rag(inputs.backlog.overdue, t['overdue-actions']),
      summary: `${inputs.backlog.open} open, ${inputs.backlog.overdue} overdue, ${inputs.backlog.closed} closed${trackerSummary(inputs.tracker)}`
    },
    {
      area: 'Audit scores',
      status: auditRag,
      summary:
        inputs.audits.records === 0
          ? `no audit records for ${inputs.audits.month}`
          : noMeans
            ? `no scores of the random stratum for ${inputs.audits.month}`
            : [dropped !== '' ? `largest drop: ${dropped} (${biggestDrop.toFixed(2)} on 0–1)` : 'no dimension dropped', belowHalf !== '' ? `${belowHalf} below half its scale` : ''].filter(Boolean).join('; ')
    },
    {
      area: 'Experiments',
      status: rag(rolledBack, t['rolled-back-experiments']),
      summary: `${plural(inputs.experiments.length, 'experiment')} active; ${rolledBack} rolled back`
    },
    {
      area: 'Gate bypasses',
      status: rag(inputs.bypasses.length, t.bypasses),
      summary: plural(inputs.bypasses.length, 'bypass').replace('bypasss', 'bypasses')
    }
  ]
}

function trackerSummary(tracker: TrackerStatus | undefined): string {
  if (tracker === undefined || !tracker.consulted) return ''
  const name = TRACKER_NAMES[tracker.tracker]
  const parts = [tracker.mismatches.length > 0 && `${tracker.mismatches.length} disagree with their ${name} ticket`, tracker.notSynced > 0 && `${tracker.notSynced} not synced yet`].filter(Boolean)
  return parts.length === 0 ? `; all match their ${name} tickets` : `; ${parts.join(', ')}`
}

/** The longest text of any one packet field; longer text (a vendor's error body) is cut, saying so. */
const MAX_FIELD_CHARS = 1000
/** What sanitizeText would change in a short string: a control character, a line separator, a leading `::`. */
const NEEDS_SANITIZING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|^\s*::/

/**
 * Every string of the packet made safe to print and to commit (sanitizeText): no NUL byte, control character
 * or terminal escape sequence, no line a runner would obey as a workflow command, one line, cut at
 * MAX_FIELD_CHARS. Titles, ids, reasons and error messages come from files and services the review does not
 * control; done once here, so no renderer (markdown, JSON, job summary, annotations) can miss one.
 */
function sanitizeStrings<T>(value: T): T {
  if (typeof value === 'string') return (value.length <= MAX_FIELD_CHARS && !NEEDS_SANITIZING.test(value) ? value : sanitizeText(value, { multiline: false, maxLength: MAX_FIELD_CHARS })) as T
  if (Array.isArray(value)) return value.map((v: unknown) => sanitizeStrings(v)) as T
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [sanitizeStrings(k), sanitizeStrings(v)])) as T
  return value
}

export function buildPacket(inputs: PacketInputs): ReviewPacket {
  return sanitizeStrings(assemblePacket(inputs))
}

function assemblePacket(inputs: PacketInputs): ReviewPacket {
  const incidents = [...inputs.incidents].sort(compareIncidents).map((i): IncidentRow => {
    const row: IncidentRow = { id: i.id, path: i.path, severity: i.severity, title: i.title, start: new Date(i.startedMs).toISOString(), status: i.status }
    const ttd = timeToDetect(i)
    const ttr = timeToResolve(i)
    if (ttd !== undefined) row.ttdMs = ttd
    if (ttr !== undefined) row.ttrMs = ttr
    if (i.postmortem !== undefined) {
      row.postmortem = i.postmortem
      const open = inputs.openActionsByPostmortem.get(i.postmortem)
      if (open !== undefined) row.openActions = open
    }
    return row
  })
  return {
    period: { label: inputs.period.label, title: inputs.period.title, start: new Date(inputs.period.startMs).toISOString(), end: new Date(inputs.period.endMs).toISOString(), ...(inputs.period.toDate && { toDate: true as const }) },
    generatedAt: inputs.now.toISOString(),
    sources: inputs.sources,
    summary: areaStatuses(inputs),
    incidents,
    postmortems: inputs.postmortems,
    backlog: inputs.backlog,
    ...(inputs.tracker !== undefined && { tracker: inputs.tracker }),
    audits: inputs.audits,
    experiments: inputs.experiments,
    bypasses: inputs.bypasses,
    dataQuality: [...inputs.notes].sort(compareNotes),
    decisions: inputs.decisions ?? {}
  }
}
