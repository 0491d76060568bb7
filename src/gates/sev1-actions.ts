// Gate 2: no open action items in postmortems of a blocking severity (Sev1 by default). Pure: parsed
// postmortems at the head commit (and, for those the change touches, at the base) come in.
//
// No deadlock: a change that ticks the last open boxes passes (the head is what counts, and the items it
// closed are listed), and a pull request labelled with the fix label passes for the items it references.

import type { GateConfig } from '../config/types.js'
import type { ActionItem, Postmortem } from '../postmortem/model.js'
import { severityIn } from '../postmortem/severity.js'
import { plural } from '../util/plural.js'
import type { GateAnnotation, GateItem, GatePullRequest, GateVerdict, Sev1ActionsDetails } from './types.js'

export interface Sev1ActionsInput {
  /** Every postmortem at the head commit (or working tree). */
  postmortems: readonly Postmortem[]
  /** The same postmortems at the base, for those the change touches: shows which items the change closed. */
  basePostmortems?: readonly Postmortem[]
  settings: GateConfig['sev1Actions']
  /** YYYY-MM-DD, for `block: overdue`. */
  today: string
  pullRequest?: GatePullRequest
}

interface OpenItem {
  postmortem: Postmortem
  item: ActionItem
  overdue: boolean
  /** Why the item does not block, when it does not: not yet overdue, or the reference the fix label honours. */
  exemptBy?: { notYetDue: true } | { reference: string }
}

function itemKey(item: ActionItem): string {
  return item.summary.toLowerCase().replace(/\s+/g, ' ').trim()
}

/** How a pull request may reference an item: its ticket id or URL, or its line (`path#L12`, `path:12`). */
export function itemReferences(path: string, item: ActionItem): string[] {
  const refs = [`${path}#L${item.position.line}`, `${path}:${item.position.line}`]
  if (item.ticket?.url) refs.push(item.ticket.url)
  if (item.ticket?.id) refs.push(item.ticket.id)
  return refs
}

function referencedIn(text: string, path: string, item: ActionItem): string | undefined {
  const lower = text.toLowerCase()
  for (const ref of itemReferences(path, item)) {
    const needle = ref.toLowerCase()
    let at = lower.indexOf(needle)
    while (at !== -1) {
      // `ENG-12` must not match inside `ENG-123`, nor `PM-7.md:4` inside `PM-7.md:42`.
      const before = at === 0 ? '' : (lower[at - 1] ?? '')
      const after = lower[at + needle.length] ?? ''
      if (!/[a-z0-9_]/.test(before) && !/[0-9a-z_]/.test(after)) return ref
      at = lower.indexOf(needle, at + 1)
    }
  }
  return undefined
}

function isOverdue(item: ActionItem, today: string): boolean {
  // Without a valid due date an item can never become overdue, so under `block: overdue` it counts as overdue.
  if (!item.due || !item.dueValid) return true
  return item.due < today
}

export function evaluateSev1Actions(input: Sev1ActionsInput): GateVerdict {
  const { settings, pullRequest } = input
  const levels = settings.severities
  const levelNames = levels.join('/')
  const blocking = input.postmortems.filter((pm) => severityIn(pm.metadata.severity, levels))
  const fixLabelled = pullRequest?.labels.some((l) => l.toLowerCase() === settings.fixLabel.toLowerCase()) ?? false
  const prText = pullRequest ? `${pullRequest.title}\n${pullRequest.body}` : ''

  const open: OpenItem[] = []
  let untracked = 0
  for (const postmortem of blocking) {
    for (const item of postmortem.actionItems) {
      if (item.kind !== 'task') {
        untracked++
        continue
      }
      if (item.checked) continue
      const entry: OpenItem = { postmortem, item, overdue: isOverdue(item, input.today) }
      if (settings.block === 'overdue' && !entry.overdue) entry.exemptBy = { notYetDue: true }
      else if (fixLabelled) {
        const reference = referencedIn(prText, postmortem.path, item)
        if (reference !== undefined) entry.exemptBy = { reference }
      }
      open.push(entry)
    }
  }

  // A postmortem the parser could not read has unknown severity and items: never a silent pass.
  const unread = input.postmortems.flatMap((pm) => {
    const problem = pm.problems.find((p) => p.incomplete === true)
    return problem === undefined ? [] : [{ path: pm.path, reason: problem.message }]
  })
  const closed = closedByChange(input, levels)
  const blockers = open.filter((o) => o.exemptBy === undefined)
  const exempted = open.filter((o) => o.exemptBy !== undefined && 'reference' in o.exemptBy)
  const notYetDue = open.filter((o) => o.exemptBy !== undefined && 'notYetDue' in o.exemptBy)

  const details: Sev1ActionsDetails = {
    gate: 'sev1-actions',
    severities: [...levels],
    block: settings.block,
    fixLabel: settings.fixLabel,
    postmortems: input.postmortems.length,
    blockingPostmortems: blocking.length,
    blocking: blockers.map(gateItem),
    passedByFixLabel: exempted.map((o) => ({ ...gateItem(o), reference: o.exemptBy !== undefined && 'reference' in o.exemptBy ? o.exemptBy.reference : '' })),
    closedByChange: closed.map((c) => ({ ...gateItem({ postmortem: c.postmortem, item: c.item, overdue: false }) })),
    notYetDue: notYetDue.length,
    untracked,
    unread
  }

  const annotations: GateAnnotation[] = [
    ...blockers.map(
      (o): GateAnnotation => ({
        path: o.postmortem.path,
        start_line: o.item.position.line,
        end_line: o.item.position.line,
        annotation_level: 'failure',
        title: `Open ${o.postmortem.metadata.severity?.label ?? levelNames} action item`,
        message: `${o.item.summary || o.item.raw}${o.item.ownerRaw ? ` (owner ${o.item.ownerRaw}` : ' (no owner'}${o.item.due ? `, due ${o.item.due})` : ')'} blocks merges until it is checked.`
      })
    ),
    ...unread.map(
      (u): GateAnnotation => ({
        path: u.path,
        start_line: 1,
        end_line: 1,
        annotation_level: 'failure',
        title: 'Postmortem not read',
        message: `${u.reason} Its severity and action items are unknown, so the gate cannot pass it: fix the file (reliability-loop lint shows why).`
      })
    ),
    ...details.passedByFixLabel.map(
      (o): GateAnnotation => ({
        path: o.path,
        start_line: o.line,
        end_line: o.line,
        annotation_level: 'notice',
        title: 'Open action item passed by the fix label',
        message: `${o.action}: referenced as ${o.reference} by this pull request, labelled ${settings.fixLabel}`
      })
    )
  ]

  const verdictTitle =
    unread.length > 0 && blockers.length === 0
      ? `${plural(unread.length, 'postmortem')} could not be read: ${levelNames} action items unknown`
      : blockers.length > 0
      ? `${plural(blockers.length, `open ${levelNames} action item`)} in ${plural(new Set(blockers.map((b) => b.postmortem.path)).size, 'postmortem')}`
      : exempted.length > 0
        ? `No blocking ${levelNames} action items (${exempted.length} passed by ${settings.fixLabel})`
        : closed.length > 0
          ? `No open ${levelNames} action items (${closed.length} closed by this change)`
          : `No open ${levelNames} action items`
  return { id: 'sev1-actions', conclusion: blockers.length > 0 || unread.length > 0 ? 'failure' : 'success', title: verdictTitle, details, annotations }
}

function gateItem(o: OpenItem): GateItem {
  const { item, postmortem } = o
  return {
    path: postmortem.path,
    line: item.position.line,
    action: item.summary || item.raw,
    ...(item.ownerRaw !== undefined && { owner: item.ownerRaw }),
    ...(item.due !== undefined && { due: item.due }),
    overdue: o.overdue,
    ...(postmortem.metadata.severity?.label !== undefined && { severity: postmortem.metadata.severity.label })
  }
}

/** Items of blocking postmortems that were open at the base and are checked at the head. */
function closedByChange(input: Sev1ActionsInput, levels: readonly string[]): Array<{ postmortem: Postmortem; item: ActionItem }> {
  if (!input.basePostmortems) return []
  const heads = new Map(input.postmortems.map((pm) => [pm.path, pm]))
  const closed: Array<{ postmortem: Postmortem; item: ActionItem }> = []
  for (const base of input.basePostmortems) {
    if (!severityIn(base.metadata.severity, levels)) continue
    const head = heads.get(base.path)
    if (!head) continue
    const wasOpen = new Set(base.actionItems.filter((i) => i.kind === 'task' && !i.checked).map(itemKey))
    for (const item of head.actionItems) if (item.kind === 'task' && item.checked && wasOpen.has(itemKey(item))) closed.push({ postmortem: head, item })
  }
  return closed
}
