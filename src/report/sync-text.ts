// `sync` on a terminal: one row per action item, then the totals and what needs a person's attention.
//
//   ACTION     TICKET  ITEM                             OWNER        DUE         SUMMARY
//   create     –       docs/postmortems/PM-101.md:70    priya.raman  2027-01-15  Make the vector-store…
//   close      #12     docs/postmortems/PM-101.md:68    priya.raman  2026-09-22  Roll back the retrieval…
//
//   dry run: 4 to create, 0 to update, 2 to close, 8 unchanged (nothing was written)

import type { SyncRunResult } from '../modes/sync.js'
import type { ItemResult } from '../sync/execute.js'
import { ansi, plural } from './text.js'

export interface SyncTextOptions {
  color: boolean
  /** Terminal width: the summary column is cut to fit; undefined (not a terminal) cuts nothing. */
  columns?: number
}

function label(result: ItemResult, dryRun: boolean): string {
  if (result.error !== undefined) return 'failed'
  if (dryRun) return result.plan.action
  return { create: 'created', update: 'updated', close: 'closed', unchanged: 'unchanged' }[result.plan.action]
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length)
}

function cut(text: string, width: number): string {
  if (width <= 1) return ''
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`
}

export function formatSyncText(result: SyncRunResult, options: SyncTextOptions): string {
  const c = ansi(options.color)
  const { dryRun } = result
  const rows = result.results.map((r) => ({
    r,
    action: label(r, dryRun),
    ticket: r.ticket?.ref ?? '–',
    item: `${r.plan.item.path}:${r.plan.item.line}`,
    owner: r.plan.item.owner ?? '–',
    due: r.plan.item.due ?? '–',
    summary: r.plan.item.summary
  }))
  const headers = { action: 'ACTION', ticket: 'TICKET', item: 'ITEM', owner: 'OWNER', due: 'DUE' }
  const widths = {
    action: Math.max(headers.action.length, ...rows.map((row) => row.action.length)),
    ticket: Math.max(headers.ticket.length, ...rows.map((row) => row.ticket.length)),
    item: Math.max(headers.item.length, ...rows.map((row) => row.item.length)),
    owner: Math.min(24, Math.max(headers.owner.length, ...rows.map((row) => row.owner.length))),
    due: 10
  }
  const fixed = widths.action + widths.ticket + widths.item + widths.owner + widths.due + 10
  const summaryWidth = options.columns === undefined ? Number.POSITIVE_INFINITY : Math.max(20, options.columns - fixed)
  const paint = (action: string, text: string): string => {
    if (action === 'failed') return c.red(text)
    if (action === 'create' || action === 'created') return c.green(text)
    if (action === 'close' || action === 'closed' || action === 'update' || action === 'updated') return c.yellow(text)
    return c.dim(text)
  }

  const lines: string[] = []
  const where = result.consulted ? result.tracker : `${result.tracker}, not consulted: no credentials`
  lines.push(c.bold(`reliability-loop sync → ${where}${dryRun ? ' (dry run: no ticket written, no file changed)' : ''}`), '')
  if (rows.length === 0) lines.push('No action items found.')
  else {
    lines.push(c.dim(`${pad(headers.action, widths.action)}  ${pad(headers.ticket, widths.ticket)}  ${pad(headers.item, widths.item)}  ${pad(headers.owner, widths.owner)}  ${pad(headers.due, widths.due)}  SUMMARY`))
    for (const row of rows) {
      lines.push(
        `${paint(row.action, pad(row.action, widths.action))}  ${pad(row.ticket, widths.ticket)}  ${pad(row.item, widths.item)}  ${pad(cut(row.owner, widths.owner), widths.owner)}  ${pad(row.due, widths.due)}  ${cut(row.summary, summaryWidth)}`
      )
      if (row.r.error !== undefined) lines.push(c.red(`    error: ${row.r.error}`))
      for (const note of row.r.plan.notes) lines.push(c.dim(`    note: ${note}`))
    }
  }
  lines.push('')
  const n = result.counts
  const totals = dryRun
    ? `${n.created} to create, ${n.updated} to update, ${n.closed} to close, ${n.unchanged} unchanged`
    : `${n.created} created, ${n.updated} updated, ${n.closed} closed, ${n.unchanged} unchanged, ${n.failed} failed`
  lines.push(n.failed > 0 ? c.red(c.bold(totals)) : c.bold(totals))
  for (const t of result.orphans) lines.push(c.yellow(`open ticket without an item: ${t.ref} ${t.title} (${t.url}); its item was removed or reworded: close it or restore the item`))
  for (const s of result.skipped) lines.push(c.dim(`skipped ${s.path}:${s.line}: ${s.reason}`))
  for (const w of result.warnings) lines.push(c.yellow(`warning: ${w}`))
  if (result.changedFiles.length > 0) lines.push(`wrote ticket references into ${plural(result.changedFiles.length, 'file')}: ${result.changedFiles.join(', ')}`)
  if (dryRun && !result.consulted) lines.push(c.dim('Give the tracker’s credentials (see `reliability-loop sync --help`) to compare with what exists and to write.'))
  else if (dryRun) lines.push(c.dim('Run without --dry-run to write these changes.'))
  if (n.failed > 0) lines.push(c.dim('Failed items are left for the next run, which completes them without duplicates.'))
  return `${lines.join('\n')}\n`
}
