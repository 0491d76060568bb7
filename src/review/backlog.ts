// Postmortems of the period and the action-item backlog, from the postmortem model only.
// Open: unchecked. Overdue: unchecked with a due date before the period's end. Closed: checked (the
// model does not know when an item was checked, so closed items are counted, not dated).
// A postmortem whose `Date` does not parse (`11/07/2026`, a Notion export) is not dropped: it is placed by
// an incident of the period it names, else by its file's last commit (placeUndated), and dated so.

import type { Postmortem } from '../postmortem/model.js'
import { inPeriod, type ReviewPeriod } from './period.js'
import { compareText, type DataNote } from './quality.js'
import { severityRank, type Incident } from './incidents.js'
import type { TicketCell } from './tracker-status.js'

const DAY_MS = 86_400_000

export interface PostmortemLint {
  errors: number
  warnings: number
}

export interface PostmortemRow {
  path: string
  id: string
  title: string
  /** YYYY-MM-DD: the `Date`, or for an undated postmortem the day it was placed on (see `placedBy`). */
  date?: string
  /** The `Date` as written, when it is not a real YYYY-MM-DD date. */
  dateWritten?: string
  /** How a postmortem without a valid `Date` was placed in the period. */
  placedBy?: Placement
  severity: string
  owners: string[]
  lint: PostmortemLint
  openActions: number
  overdueActions: number
  closedActions: number
}

export interface BacklogItem {
  postmortem: string
  path: string
  line: number
  summary: string
  owner: string
  severity: string
  due?: string
  /** Days from the postmortem's date to the period's end; undefined without a date. */
  ageDays?: number
  overdue: boolean
  /** The item's ticket, when the tracker was read and has one. */
  ticket?: TicketCell
}

export interface OwnerBacklog {
  owner: string
  open: number
  overdue: number
  closed: number
  oldestDays?: number
}

export interface Backlog {
  open: number
  overdue: number
  closed: number
  byOwner: OwnerBacklog[]
  bySeverity: Array<{ severity: string; open: number; overdue: number; closed: number }>
  /** Age buckets of open items, in days. */
  byAge: Array<{ bucket: string; open: number }>
  /** Overdue items, most overdue first. */
  overdueItems: BacklogItem[]
}

export interface PostmortemDigest {
  inPeriod: PostmortemRow[]
  backlog: Backlog
  notes: DataNote[]
}

/** `PM-102`: the title's id (`# Incident PM-102: …`), else the file name. */
export function postmortemId(pm: Postmortem): string {
  return pm.title?.id !== undefined ? `PM-${pm.title.id}` : pm.path.replace(/^.*\//, '').replace(/\.md$/i, '')
}

/** Midnight UTC of the postmortem's `Date`; undefined without a valid one. */
export function postmortemDayMs(pm: Postmortem): number | undefined {
  return pm.metadata.date !== undefined ? dayMs(pm.metadata.date) : undefined
}

/** How a postmortem without a valid `Date` was placed in time. */
export type Placement = { by: 'commit' } | { by: 'incident'; incident: string }

/** Path → the day (midnight UTC) a postmortem without a valid `Date` was placed on, and how. */
export type Placements = ReadonlyMap<string, { dayMs: number; placedBy: Placement }>

const NO_PLACEMENTS: Placements = new Map()

/** The postmortem's day: its `Date`, else the day it was placed on; undefined when neither exists. */
function dayOf(pm: Postmortem, placements: Placements): number | undefined {
  return postmortemDayMs(pm) ?? placements.get(pm.path)?.dayMs
}

/** In the backlog as of the period's end: written by then, or undated (then it is in every backlog). */
export function inBacklogAt(pm: Postmortem, period: ReviewPeriod, placements: Placements = NO_PLACEMENTS): boolean {
  const ms = dayOf(pm, placements)
  return ms === undefined || ms < period.endMs
}

/** Dated (or placed) in the period: its lint status and action counts are in the packet's hygiene table. */
export function datedIn(pm: Postmortem, period: ReviewPeriod, placements: Placements = NO_PLACEMENTS): boolean {
  const ms = dayOf(pm, placements)
  return ms !== undefined && inPeriod(ms, period)
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Days for the postmortems without a valid `Date`: the start of an incident of the period that names the
 * postmortem (its `postmortem` field) or that the postmortem names (its id as a word of the text), the
 * earliest when several; else the day of the file's last commit (`commitMs`, path → epoch ms). Neither:
 * not placed.
 */
export function placeUndated(postmortems: readonly Postmortem[], incidents: readonly Incident[], commitMs: ReadonlyMap<string, number>): Placements {
  const placements = new Map<string, { dayMs: number; placedBy: Placement }>()
  const byStart = [...incidents].sort((a, b) => a.startedMs - b.startedMs || compareText(a.id, b.id))
  // An id without a letter (`1014`) would match any number in the text: only the `postmortem` field counts then.
  const idPatterns = byStart.map((i) => (/\p{L}/u.test(i.id) ? new RegExp(`(?<![\\w-])${escapeRegExp(i.id)}(?![\\w-])`) : undefined))
  for (const pm of postmortems) {
    if (postmortemDayMs(pm) !== undefined) continue
    const id = postmortemId(pm)
    const text = pm.lines.join('\n')
    const named = byStart.findIndex((i, n) => i.postmortem === id || idPatterns[n]?.test(text) === true)
    const incident = byStart[named]
    if (incident !== undefined) {
      placements.set(pm.path, { dayMs: midnight(incident.startedMs), placedBy: { by: 'incident', incident: incident.id } })
      continue
    }
    const committed = commitMs.get(pm.path)
    if (committed !== undefined) placements.set(pm.path, { dayMs: midnight(committed), placedBy: { by: 'commit' } })
  }
  return placements
}

const midnight = (ms: number): number => ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS)
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** The data-quality note of a postmortem without a valid `Date`: what it says, and where it was placed. */
function undatedNote(pm: Postmortem, placements: Placements): string {
  const raw = pm.metadata.fields.date?.raw
  const what = raw === undefined || raw === '' ? 'no `Date`' : `\`Date\` "${raw}" is not a real date written YYYY-MM-DD`
  const placed = placements.get(pm.path)
  if (placed === undefined) return `${what}, the file has no commit and it names no incident of the period: it is in no period, and its action items have no age`
  const how = placed.placedBy.by === 'commit' ? "by its file's last commit" : `by the incident it names, ${placed.placedBy.incident}`
  return `${what}: placed on ${isoDay(placed.dayMs)} ${how}; write the date as YYYY-MM-DD to date it yourself`
}

function dayMs(date: string): number | undefined {
  const ms = Date.parse(`${date}T00:00:00Z`)
  return Number.isFinite(ms) ? ms : undefined
}

const AGE_BUCKETS: ReadonlyArray<{ bucket: string; max: number }> = [
  { bucket: '0–30 days', max: 30 },
  { bucket: '31–90 days', max: 90 },
  { bucket: '91–180 days', max: 180 },
  { bucket: 'over 180 days', max: Number.POSITIVE_INFINITY }
]

export function digestPostmortems(
  postmortems: readonly Postmortem[],
  lint: ReadonlyMap<string, PostmortemLint>,
  period: ReviewPeriod,
  severityLevels: readonly string[],
  placements: Placements = NO_PLACEMENTS
): PostmortemDigest {
  const notes: DataNote[] = []
  const rows: PostmortemRow[] = []
  const items: Array<BacklogItem & { checked: boolean }> = []
  const sorted = [...postmortems].sort((a, b) => compareText(a.path, b.path))
  for (const pm of sorted) {
    for (const problem of pm.problems) notes.push({ source: 'postmortems', path: pm.path, line: problem.position.line, message: problem.message })
    const severity = pm.metadata.severity?.label ?? pm.metadata.severity?.raw ?? 'unknown'
    const dateMs = dayOf(pm, placements)
    if (postmortemDayMs(pm) === undefined) notes.push({ source: 'postmortems', path: pm.path, message: undatedNote(pm, placements) })
    // The backlog as of the period's end: postmortems written later are not in it yet.
    if (!inBacklogAt(pm, period, placements)) continue
    let open = 0
    let overdue = 0
    let closed = 0
    for (const a of pm.actionItems) {
      const owner = a.owner ? (a.owner.isHandle ? `@${a.owner.name}` : a.owner.name) : '(no owner)'
      const dueMs = a.due !== undefined && a.dueValid ? dayMs(a.due) : undefined
      if (a.due !== undefined && !a.dueValid) notes.push({ source: 'action-items', path: pm.path, line: a.position.line, message: `due date "${a.due}" is not a real date` })
      const isOverdue = !a.checked && dueMs !== undefined && dueMs + DAY_MS <= period.endMs
      if (a.checked) closed++
      else open++
      if (isOverdue) overdue++
      items.push({
        postmortem: postmortemId(pm),
        path: pm.path,
        line: a.position.line,
        summary: a.summary,
        owner,
        severity,
        ...(a.due !== undefined && { due: a.due }),
        ...(dateMs !== undefined && { ageDays: Math.max(0, Math.floor((period.endMs - dateMs) / DAY_MS)) }),
        overdue: isOverdue,
        checked: a.checked
      })
    }
    if (dateMs !== undefined && inPeriod(dateMs, period)) {
      const owners = pm.metadata.owners.map((o) => (o.isHandle ? `@${o.name}` : o.name))
      const placed = placements.get(pm.path)
      const written = pm.metadata.fields.date?.raw
      rows.push({
        path: pm.path,
        id: postmortemId(pm),
        title: pm.title?.name ?? pm.title?.text ?? '',
        date: pm.metadata.date ?? isoDay(dateMs),
        ...(pm.metadata.date === undefined && written !== undefined && written !== '' && { dateWritten: written }),
        ...(pm.metadata.date === undefined && placed !== undefined && { placedBy: placed.placedBy }),
        severity,
        owners,
        lint: lint.get(pm.path) ?? { errors: 0, warnings: 0 },
        openActions: open,
        overdueActions: overdue,
        closedActions: closed
      })
    }
  }
  rows.sort((a, b) => compareText(a.date ?? '', b.date ?? '') || compareText(a.id, b.id))

  const owners = new Map<string, OwnerBacklog>()
  const severities = new Map<string, { severity: string; open: number; overdue: number; closed: number }>()
  const ages = AGE_BUCKETS.map((b) => ({ bucket: b.bucket, open: 0 }))
  for (const item of items) {
    const o = owners.get(item.owner) ?? { owner: item.owner, open: 0, overdue: 0, closed: 0 }
    const s = severities.get(item.severity) ?? { severity: item.severity, open: 0, overdue: 0, closed: 0 }
    if (item.checked) {
      o.closed++
      s.closed++
    } else {
      o.open++
      s.open++
      if (item.overdue) {
        o.overdue++
        s.overdue++
      }
      if (item.ageDays !== undefined) {
        o.oldestDays = Math.max(o.oldestDays ?? 0, item.ageDays)
        const bucket = AGE_BUCKETS.findIndex((b) => (item.ageDays as number) <= b.max)
        ;(ages[bucket] as { open: number }).open++
      }
    }
    owners.set(item.owner, o)
    severities.set(item.severity, s)
  }
  const overdueItems = items
    .filter((i) => i.overdue)
    .map(({ checked: _checked, ...item }) => item)
    .sort((a, b) => compareText(a.due ?? '', b.due ?? '') || compareText(a.path, b.path) || a.line - b.line)
  return {
    inPeriod: rows,
    backlog: {
      open: items.filter((i) => !i.checked).length,
      overdue: overdueItems.length,
      closed: items.filter((i) => i.checked).length,
      byOwner: [...owners.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || compareText(a.owner, b.owner)),
      bySeverity: [...severities.values()].sort((a, b) => severityRank(a.severity, severityLevels) - severityRank(b.severity, severityLevels) || compareText(a.severity, b.severity)),
      byAge: ages,
      overdueItems
    },
    notes
  }
}
