// Gate 2: no open action items in postmortems of a blocking severity (Sev1 by default). Pure: parsed
// postmortems at the head commit (and, for those the change touches, at the base) come in.
//
// No deadlock: a change that ticks the last open boxes passes (the head is what counts, and the items it
// closed are listed), and a pull request labelled with the fix label passes for the items it references.

import type { GateConfig } from '../config/types.js'
import type { ActionItem, Postmortem } from '../postmortem/model.js'
import { severityIn } from '../postmortem/severity.js'
import { cell as markdownCell, lineUrl } from '../report/job-summary.js'
import { plural } from '../report/text.js'
import type { GateAnnotation, GateLinks, GatePullRequest, GateVerdict } from './types.js'

export interface Sev1ActionsInput {
  /** Every postmortem at the head commit (or working tree). */
  postmortems: readonly Postmortem[]
  /** The same postmortems at the base, for those the change touches: shows which items the change closed. */
  basePostmortems?: readonly Postmortem[]
  settings: GateConfig['sev1Actions']
  /** YYYY-MM-DD, for `block: overdue`. */
  today: string
  pullRequest?: GatePullRequest
  links?: GateLinks
}

interface OpenItem {
  postmortem: Postmortem
  item: ActionItem
  overdue: boolean
  /** Why the item does not block, when it does not. */
  exemptBy?: string
}

/** Items listed in full in a summary; the rest are counted (a check run summary holds 65535 characters). */
const MAX_LISTED = 40

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
  const { settings, pullRequest, links } = input
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
      if (settings.block === 'overdue' && !entry.overdue) entry.exemptBy = 'not overdue'
      else if (fixLabelled) {
        const ref = referencedIn(prText, postmortem.path, item)
        if (ref !== undefined) entry.exemptBy = `referenced as \`${ref}\` by this pull request, labelled \`${settings.fixLabel}\``
      }
      open.push(entry)
    }
  }

  const closed = closedByChange(input, levels)
  const blockers = open.filter((o) => o.exemptBy === undefined)
  const exempted = open.filter((o) => o.exemptBy !== undefined && o.exemptBy !== 'not overdue')
  const notYetDue = open.filter((o) => o.exemptBy === 'not overdue')

  const where = (o: OpenItem) => {
    const loc = `${o.postmortem.path}:${o.item.position.line}`
    return links ? `[${markdownCell(loc)}](${lineUrl(links, o.postmortem.path, o.item.position.line)})` : markdownCell(loc)
  }
  const table = (items: readonly OpenItem[], extra?: (o: OpenItem) => string) => {
    const rows = items.slice(0, MAX_LISTED).map(
      (o) =>
        `| ${where(o)} | ${markdownCell(o.item.summary || o.item.raw)} | ${markdownCell(o.item.ownerRaw ?? '—')} | ${markdownCell(o.item.due ?? '—')}${o.overdue && o.item.due ? ' (overdue)' : ''} |${extra ? ` ${markdownCell(extra(o))} |` : ''}`
    )
    const more = items.length > MAX_LISTED ? `\n\n…and ${plural(items.length - MAX_LISTED, 'more item')}.` : ''
    return `| Item | Action | Owner | Due |${extra ? ' Note |' : ''}\n| --- | --- | --- | --- |${extra ? ' --- |' : ''}\n${rows.join('\n')}${more}`
  }

  const parts: string[] = []
  const policy = settings.block === 'open' ? `every unchecked action item of a ${levelNames} postmortem blocks` : `unchecked action items of ${levelNames} postmortems block once overdue (or without a valid due date)`
  parts.push(`Checked ${plural(blocking.length, `${levelNames} postmortem`)} of ${plural(input.postmortems.length, 'postmortem')} (policy \`block: ${settings.block}\`: ${policy}).`)
  if (blockers.length > 0) {
    parts.push(`### Blocking\n\n${table(blockers)}`)
    const how = [
      'tick the item’s box in the postmortem once it is done (this pull request may do it)',
      `or, for the pull request that fixes it, add the label \`${settings.fixLabel}\` and reference the item in the description by its ticket or as \`path#Lline\` (e.g. \`${blockers[0] ? itemReferences(blockers[0].postmortem.path, blockers[0].item)[0] : ''}\`)`
    ]
    parts.push(`To unblock: ${how.join(', ')}.`)
  }
  if (exempted.length > 0) parts.push(`### Passed by the fix label\n\n${table(exempted, (o) => o.exemptBy ?? '')}`)
  if (closed.length > 0) {
    const list = closed.slice(0, MAX_LISTED).map((c) => `- ${markdownCell(c.item.summary)} (${c.path}:${c.item.position.line})`)
    parts.push(`### Closed by this change\n\n${list.join('\n')}${closed.length > MAX_LISTED ? `\n- …and ${closed.length - MAX_LISTED} more` : ''}`)
  }
  if (notYetDue.length > 0) parts.push(`${plural(notYetDue.length, 'open item')} not yet overdue do not block under \`block: overdue\`.`)
  if (untracked > 0) parts.push(`${plural(untracked, 'action item')} without a checkbox cannot be ticked and are not counted here; the lint mode reports them (PM007).`)

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
    ...exempted.map(
      (o): GateAnnotation => ({
        path: o.postmortem.path,
        start_line: o.item.position.line,
        end_line: o.item.position.line,
        annotation_level: 'notice',
        title: 'Open action item passed by the fix label',
        message: `${o.item.summary}: ${o.exemptBy ?? ''}`
      })
    )
  ]

  const verdictTitle =
    blockers.length > 0
      ? `${plural(blockers.length, `open ${levelNames} action item`)} in ${plural(new Set(blockers.map((b) => b.postmortem.path)).size, 'postmortem')}`
      : exempted.length > 0
        ? `No blocking ${levelNames} action items (${exempted.length} passed by \`${settings.fixLabel}\`)`
        : closed.length > 0
          ? `No open ${levelNames} action items (${closed.length} closed by this change)`
          : `No open ${levelNames} action items`
  return { id: 'sev1-actions', conclusion: blockers.length > 0 ? 'failure' : 'success', title: verdictTitle.replace(/`/g, ''), summary: parts.join('\n\n'), annotations }
}

/** Items of blocking postmortems that were open at the base and are checked at the head. */
function closedByChange(input: Sev1ActionsInput, levels: readonly string[]): Array<{ path: string; item: ActionItem }> {
  if (!input.basePostmortems) return []
  const heads = new Map(input.postmortems.map((pm) => [pm.path, pm]))
  const closed: Array<{ path: string; item: ActionItem }> = []
  for (const base of input.basePostmortems) {
    if (!severityIn(base.metadata.severity, levels)) continue
    const head = heads.get(base.path)
    if (!head) continue
    const wasOpen = new Set(base.actionItems.filter((i) => i.kind === 'task' && !i.checked).map(itemKey))
    for (const item of head.actionItems) if (item.kind === 'task' && item.checked && wasOpen.has(itemKey(item))) closed.push({ path: head.path, item })
  }
  return closed
}
