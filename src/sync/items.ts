// Postmortem models → the action items sync works on, each with its stable key. Pure.

import type { ActionItem, Postmortem } from '../postmortem/model.js'
import { itemKey, postmortemIdOf } from './keys.js'

/** A ticket reference written on an item's line: `[ENG-123](https://…)`, `ENG-123`, `#12` or a URL. */
export interface ItemReference {
  id?: string
  url?: string
  raw: string
}

export interface SyncItem {
  key: string
  /** `PM-101` */
  postmortemId: string
  /** Repository-relative path of the postmortem. */
  path: string
  /** The postmortem's title text, for ticket descriptions. */
  postmortemTitle?: string
  /** 1-based line of the item (its `- [ ]`). */
  line: number
  /** Column of the list marker, for write-back. */
  column: number
  summary: string
  /** The owner as written without `@`: `maria.chen`, `Conversation Design`. */
  owner?: string
  /** A real YYYY-MM-DD date; an invalid one is left out (and reported by lint). */
  due?: string
  checked: boolean
  /** The postmortem's severity label (`Sev1`) when it is a configured level. */
  severity?: string
  ref?: ItemReference
  /** Text after the due date that is not a ticket reference: a reference cannot be written back beside it. */
  trailing?: string
  /** How many `::` fields the item has: write-back needs the due date field (3 or more). */
  fieldCount: number
  /** Labels this item's ticket gets besides the configured ones (`review-decision` for a review's decision). */
  labels?: string[]
}

export interface SkippedItem {
  path: string
  line: number
  summary: string
  reason: string
}

export interface CollectedItems {
  items: SyncItem[]
  skipped: SkippedItem[]
}

function referenceOf(item: ActionItem): ItemReference | undefined {
  const ticket = item.ticket
  if (!ticket || (ticket.id === undefined && ticket.url === undefined)) return undefined
  const ref: ItemReference = { raw: ticket.raw }
  if (ticket.id !== undefined) ref.id = ticket.id
  if (ticket.url !== undefined) ref.url = ticket.url
  return ref
}

/**
 * Every task-list action item of the postmortems, keyed. Bullets without a checkbox cannot be ticked
 * off, so they are skipped (and the lint mode reports them under PM007).
 */
export interface CollectOptions {
  /** The document's id for keys and ticket titles; default the postmortem's (`PM-101`). */
  idOf?: (pm: Postmortem) => string
  /** Extra labels on every item's ticket. */
  labels?: string[]
}

export function collectSyncItems(postmortems: readonly Postmortem[], options: CollectOptions = {}): CollectedItems {
  const items: SyncItem[] = []
  const skipped: SkippedItem[] = []
  for (const pm of [...postmortems].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const postmortemId = options.idOf?.(pm) ?? postmortemIdOf(pm.title?.id, pm.path)
    const seen = new Map<string, number>()
    for (const item of pm.actionItems) {
      const summary = item.summary.trim()
      if (item.kind !== 'task') {
        skipped.push({ path: pm.path, line: item.position.line, summary, reason: 'not a task-list item (`- [ ]`), so it cannot be ticked off' })
        continue
      }
      if (summary === '') {
        skipped.push({ path: pm.path, line: item.position.line, summary, reason: 'the item has no summary' })
        continue
      }
      const base = itemKey(postmortemId, summary)
      const occurrence = (seen.get(base) ?? 0) + 1
      seen.set(base, occurrence)
      const synced: SyncItem = {
        key: itemKey(postmortemId, summary, occurrence),
        postmortemId,
        path: pm.path,
        line: item.position.line,
        column: item.position.column,
        summary,
        checked: item.checked,
        fieldCount: item.fieldCount
      }
      const title = pm.title?.text
      if (title !== undefined) synced.postmortemTitle = title
      if (item.owner !== undefined) synced.owner = item.owner.name
      if (item.due !== undefined && item.dueValid) synced.due = item.due
      const severity = pm.metadata.severity?.label
      if (severity !== undefined) synced.severity = severity
      const ref = referenceOf(item)
      if (options.labels !== undefined && options.labels.length > 0) synced.labels = [...options.labels]
      if (ref) synced.ref = ref
      else if (item.ticket !== undefined) synced.trailing = item.ticket.raw
      items.push(synced)
    }
  }
  return { items, skipped }
}
