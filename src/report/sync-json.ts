// `sync --format json`: the machine-readable contract.
//   {"items":[{"key","postmortem","line","summary","owner","due","action","ticket","reason"}], …}
// Each item also has "error" when its action failed and "notes" when there is something to know.
// `ticket` is {"ref","url"} or null (an item still to be created). Next to "items": the tracker, whether
// it was a dry run, the counts, open tickets whose item is gone ("orphans"), skipped items, warnings and
// the files the write-back changed.

import type { SyncRunResult } from '../modes/sync.js'
import type { PlanAction } from '../sync/plan.js'

export interface JsonSyncItem {
  key: string
  postmortem: string
  line: number
  summary: string
  owner: string | null
  due: string | null
  action: PlanAction
  ticket: { ref: string; url: string } | null
  reason: string
  error?: string
  notes?: string[]
}

export interface JsonSyncReport {
  tracker: string
  dryRun: boolean
  /** False when the tracker was not asked (a dry run without credentials). */
  consulted: boolean
  items: JsonSyncItem[]
  counts: SyncRunResult['counts']
  orphans: Array<{ ref: string; url: string; title: string; keys: string[] }>
  skipped: Array<{ postmortem: string; line: number; summary: string; reason: string }>
  warnings: string[]
  writeBack: { files: string[] }
}

export function toJsonSyncReport(result: SyncRunResult): JsonSyncReport {
  return {
    tracker: result.tracker,
    dryRun: result.dryRun,
    consulted: result.consulted,
    items: result.results.map(({ plan, ticket, error }) => {
      const { item } = plan
      const json: JsonSyncItem = {
        key: item.key,
        postmortem: item.path,
        line: item.line,
        summary: item.summary,
        owner: item.owner ?? null,
        due: item.due ?? null,
        action: plan.action,
        ticket: ticket ? { ref: ticket.ref, url: ticket.url } : null,
        reason: plan.reason
      }
      if (error !== undefined) json.error = error
      if (plan.notes.length > 0) json.notes = [...plan.notes]
      return json
    }),
    counts: result.counts,
    orphans: result.orphans.map((t) => ({ ref: t.ref, url: t.url, title: t.title, keys: t.keys })),
    skipped: result.skipped.map((s) => ({ postmortem: s.path, line: s.line, summary: s.summary, reason: s.reason })),
    warnings: result.warnings,
    writeBack: { files: result.changedFiles }
  }
}

export function formatSyncJson(result: SyncRunResult): string {
  return `${JSON.stringify(toJsonSyncReport(result), null, 2)}\n`
}
