// The job summary of a sync run: the counts, then a table of what changed (and what failed) with links
// to the tickets and the items' lines; then tickets whose item is gone, and warnings.

import type { SyncRunResult } from '../modes/sync.js'
import { cell } from './job-summary.js'
import { plural } from './text.js'

const MAX_ROWS = 1000

export function renderSyncSummary(result: SyncRunResult, lineUrl?: (path: string, line: number) => string): string {
  const n = result.counts
  const icon = n.failed > 0 ? '❌' : '✅'
  const mode = result.dryRun ? ' (dry run)' : ''
  const out: string[] = [`## ${icon} reliability-loop sync → ${result.tracker}${mode}`, '']
  out.push(
    result.dryRun
      ? `**Plan:** ${n.created} to create, ${n.updated} to update, ${n.closed} to close, ${n.unchanged} unchanged.`
      : `**Done:** ${n.created} created, ${n.updated} updated, ${n.closed} closed, ${n.unchanged} unchanged, ${n.failed} failed.`,
    ''
  )
  const changed = result.results.filter((r) => r.plan.action !== 'unchanged' || r.error !== undefined || r.plan.notes.length > 0)
  if (changed.length > 0) {
    out.push('| Action | Ticket | Item | Owner | Due | Summary |', '| --- | --- | --- | --- | --- | --- |')
    for (const r of changed.slice(0, MAX_ROWS)) {
      const { item } = r.plan
      const action = r.error !== undefined ? `**failed** (${r.plan.action}): ${cell(r.error)}` : r.plan.action
      const ticket = r.ticket ? `[${cell(r.ticket.ref)}](${r.ticket.url})` : '–'
      const where = `${item.path}:${item.line}`
      const itemCell = lineUrl ? `[${cell(where)}](${lineUrl(item.path, item.line)})` : cell(where)
      const notes = r.plan.notes.length > 0 ? `<br>_${cell(r.plan.notes.join('; '))}_` : ''
      out.push(`| ${action} | ${ticket} | ${itemCell} | ${cell(item.owner ?? '–')} | ${item.due ?? '–'} | ${cell(item.summary)}${notes} |`)
    }
    if (changed.length > MAX_ROWS) out.push('', `…and ${plural(changed.length - MAX_ROWS, 'more row')}.`)
    out.push('')
  }
  if (result.orphans.length > 0) {
    out.push(`**Open tickets whose item is gone** (removed or reworded before its reference was written back; never closed automatically):`, '')
    for (const t of result.orphans) out.push(`- [${cell(t.ref)}](${t.url}) ${cell(t.title)}`)
    out.push('')
  }
  if (result.warnings.length > 0) {
    out.push('**Warnings:**', '')
    for (const w of result.warnings) out.push(`- ${cell(w)}`)
    out.push('')
  }
  if (result.changedFiles.length > 0) out.push(`Ticket references written into ${result.changedFiles.map((f) => `\`${f}\``).join(', ')}.`, '')
  if (n.failed > 0) out.push('Failed items are left as they were; the next run completes them without duplicates.', '')
  return `${out.join('\n')}\n`
}
