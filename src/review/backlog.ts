// Postmortems of the period and the action-item backlog, from the postmortem model only.
// Open: unchecked. Overdue: unchecked with a due date before the period's end. Closed: checked (the
// model does not know when an item was checked, so closed items are counted, not dated).

import type { Postmortem } from '../postmortem/model.js'
import { inPeriod, type ReviewPeriod } from './period.js'
import { compareText, type DataNote } from './quality.js'
import { severityRank } from './incidents.js'
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
  date?: string
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

/** In the backlog as of the period's end: written by then, or undated (then it is in every backlog). */
export function inBacklogAt(pm: Postmortem, period: ReviewPeriod): boolean {
  const ms = postmortemDayMs(pm)
  return ms === undefined || ms < period.endMs
}

/** Dated in the period: its lint status and action counts are in the packet's hygiene table. */
export function datedIn(pm: Postmortem, period: ReviewPeriod): boolean {
  const ms = postmortemDayMs(pm)
  return ms !== undefined && inPeriod(ms, period)
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
  severityLevels: readonly string[]
): PostmortemDigest {
  const notes: DataNote[] = []
  const rows: PostmortemRow[] = []
  const items: Array<BacklogItem & { checked: boolean }> = []
  const sorted = [...postmortems].sort((a, b) => compareText(a.path, b.path))
  for (const pm of sorted) {
    for (const problem of pm.problems) notes.push({ source: 'postmortems', path: pm.path, line: problem.position.line, message: problem.message })
    const severity = pm.metadata.severity?.label ?? pm.metadata.severity?.raw ?? 'unknown'
    const dateMs = postmortemDayMs(pm)
    if (dateMs === undefined) notes.push({ source: 'postmortems', path: pm.path, message: 'no valid `Date`: it is in no period, and its action items have no age' })
    // The backlog as of the period's end: postmortems written later are not in it yet.
    if (!inBacklogAt(pm, period)) continue
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
    if (datedIn(pm, period)) {
      const owners = pm.metadata.owners.map((o) => (o.isHandle ? `@${o.name}` : o.name))
      rows.push({
        path: pm.path,
        id: postmortemId(pm),
        title: pm.title?.name ?? pm.title?.text ?? '',
        date: pm.metadata.date as string,
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
