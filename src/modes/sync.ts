// The sync mode: read every postmortem, plan one decision per action item against what the tracker
// holds, carry it out (unless it is a dry run), and write ticket references back onto the items' lines.
// The Action and the CLI both call runSync; everything outside (files, tracker, clock) is passed in.

import type { Config, SyncConfig } from '../config/types.js'
import { syncConfigOf } from '../config/sync.js'
import type { RepoFiles } from '../lint/adapters.js'
import { parseOptionsOf } from '../lint/lint-file.js'
import type { Postmortem } from '../postmortem/model.js'
import { parsePostmortem } from '../postmortem/parse.js'
import { isReadFailure, readContents } from '../postmortem/read.js'
import { executePlan, type ExecuteOptions, type ItemResult } from '../sync/execute.js'
import { findItemProblems, itemLocation, type ItemProblems } from '../sync/item-checks.js'
import { collectDecisionItems, DEFAULT_DECISION_PATHS, parseDecisionFile } from '../sync/decisions.js'
import { collectSyncItems, type ItemReference, type SkippedItem, type SyncItem } from '../sync/items.js'
import { planSync, planWithoutTracker, type PlanItem, type PlanSettings, type SyncPlan } from '../sync/plan.js'
import type { OwnerIdentity, PriorityLevel, Ticket, Tracker, TrackerKind } from '../sync/trackers/tracker.js'
import { applyWriteBack, itemLinesUnchanged, writeBackEdits, type WriteBackEdit } from '../sync/writeback.js'
import { errorMessage } from '../util/error-message.js'

export interface SyncAdapters {
  files: RepoFiles
  /**
   * Writes a repository-relative file (the write-back). With `expected`, only if the file still holds that
   * text, checked as late as the adapter can: 'changed' when it no longer does (nothing written).
   */
  writeFile: (path: string, text: string, expected?: string) => Promise<void | 'changed'>
  /** Undefined when there are no credentials: then the run can only be a dry run, planned from the postmortems alone. */
  tracker?: Tracker
  onProgress?: (progress: { done: number; total: number }) => void
  /** Told when the run enters a stage that may take a while (for a progress line). */
  onPhase?: (phase: SyncPhase) => void
}

/** The stages that wait on the tracker or the disk: asking what exists, writing tickets, writing references back. */
export type SyncPhase = 'looking-up' | 'writing' | 'writing-back'

export interface SyncRequest {
  /** Plan only: no ticket is written and no file changed. */
  dryRun: boolean
  /** Which tracker the run is for (named in reports even when it cannot be asked). */
  trackerKind: TrackerKind
  /** Link to a postmortem's line, for ticket descriptions and the summary. */
  lineUrl?: (path: string, line: number) => string
  /** Overrides of how writes are retried (tests shorten the waits). */
  execute?: Partial<Omit<ExecuteOptions, 'concurrency' | 'onProgress'>>
}

export interface SyncItemResult extends ItemResult {}

export interface SyncRunResult {
  tracker: TrackerKind
  dryRun: boolean
  /** Whether the tracker was asked what exists (false: a dry run without credentials). */
  consulted: boolean
  results: ItemResult[]
  /** Open managed tickets whose item is gone: reported, never closed or deleted. */
  orphans: Ticket[]
  skipped: SkippedItem[]
  /** Owners that could not be resolved, unreadable postmortems, write-back problems. */
  warnings: string[]
  /** The warnings about items lint rejects, with their place (the Action annotates the items' lines). */
  itemWarnings: Array<{ path: string; line: number; warning: string }>
  /** Files the write-back changed (repository-relative). */
  changedFiles: string[]
  counts: SyncCounts
}

export interface SyncCounts {
  created: number
  updated: number
  closed: number
  unchanged: number
  failed: number
}

interface ReadPostmortem {
  pm: Postmortem
  /** The text as read, for the write-back; undefined when it could not be decoded. */
  text?: string
}

/** The file as text with its BOM kept (the write-back must not change anything it does not mean to); undefined when not valid UTF-8. */
function exactText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return undefined
  }
}

type ParseFile = (bytes: Uint8Array, path: string) => Postmortem

/** Every file the globs match, parsed, with its exact text for the write-back. */
async function readDocuments(globs: readonly string[], parse: ParseFile, files: RepoFiles, warnings: string[], skip: ReadonlySet<string> = new Set()): Promise<ReadPostmortem[]> {
  const paths = [...new Set(await files.glob(globs))].filter((p) => !skip.has(p)).sort()
  const out: ReadPostmortem[] = []
  // The one reader of postmortem files (bounded concurrency, in path order); the warning keeps Node's code.
  const read = (path: string) => files.read(path).catch((error: unknown) => Promise.reject(new Error(`${path}: cannot read the file (${errorMessage(error)}); its action items were not synced`)))
  for (const got of await readContents(paths, read)) {
    if (isReadFailure(got)) {
      warnings.push(got.problem)
      continue
    }
    const { path } = got
    const bytes = typeof got.content === 'string' ? new TextEncoder().encode(got.content) : got.content
    const pm = parse(bytes, path)
    const text = exactText(bytes)
    // Decoding problems (binary, UTF-16, too large) all start "File is"; such a file is never edited.
    out.push(text !== undefined && !pm.problems.some((p) => p.message.startsWith('File is')) ? { pm, text } : { pm })
  }
  return out
}

export function planSettingsOf(sync: SyncConfig, lineUrl?: (path: string, line: number) => string): PlanSettings {
  const settings: PlanSettings = {
    labels: sync.labels,
    severityLabels: sync.severityLabels,
    priorities: sync.priorities as Record<string, PriorityLevel>,
    tickClosed: sync.tickClosed
  }
  if (lineUrl) settings.lineUrl = lineUrl
  return settings
}

/** The owners of open items, with what the config's table says about them. */
export function ownerIdentities(items: readonly SyncItem[], owners: SyncConfig['owners']): OwnerIdentity[] {
  const names = [...new Set(items.filter((i) => !i.checked && i.owner !== undefined).map((i) => i.owner as string))].sort()
  return names.map((owner) => ({ owner, ...(owners[owner] ?? {}) }))
}

function countResults(results: readonly ItemResult[], dryRun: boolean): SyncCounts {
  const counts: SyncCounts = { created: 0, updated: 0, closed: 0, unchanged: 0, failed: 0 }
  for (const r of results) {
    if (r.error !== undefined) counts.failed++
    else if (r.plan.action === 'create') counts.created++
    else if (r.plan.action === 'update') counts.updated++
    else if (r.plan.action === 'close') counts.closed++
    else counts.unchanged++
  }
  if (dryRun) counts.failed = 0
  return counts
}

async function plan(items: SyncItem[], sync: SyncConfig, request: SyncRequest, tracker: Tracker | undefined, warnings: string[]): Promise<SyncPlan> {
  const settings = planSettingsOf(sync, request.lineUrl)
  if (!tracker) return planWithoutTracker(items, settings)
  const references: ItemReference[] = items.flatMap((i) => (i.ref ? [i.ref] : []))
  // Independent reads: the tracker's tickets and who the owners are.
  const [lookup, resolution] = await Promise.all([tracker.lookup({ keys: items.map((i) => i.key), references }), tracker.resolveAssignees(ownerIdentities(items, sync.owners))])
  warnings.push(...resolution.warnings)
  return planSync({ items, tickets: lookup.tickets, unresolved: lookup.unresolved, assignees: resolution.assignees, settings })
}

/**
 * Items that lint rejects (PM007, PM009 on the item's line) are planned with a warning naming the rule; with
 * `sync.require-valid-items` no ticket is created or rewritten from them (they are skipped, or their ticket
 * left as it is). A ticket without an owner or a due date is never made quietly. Ticked items are only
 * ever closed, so what they lack does not matter.
 */
function screenInvalidItems(
  plan: SyncPlan,
  problems: ItemProblems,
  sync: SyncConfig,
  out: { skipped: SkippedItem[]; warnings: string[]; itemWarnings: SyncRunResult['itemWarnings'] }
): SyncPlan {
  const items: PlanItem[] = []
  for (const planned of plan.items) {
    const { item } = planned
    const found = item.checked ? undefined : problems.get(itemLocation(item.path, item.line))
    if (!found) {
      items.push(planned)
      continue
    }
    const what = found.map((p) => `${p.rule} ${p.message}`).join(' ')
    if (!sync.requireValidItems) {
      const warning = `${itemLocation(item.path, item.line)}: ${what} Planned anyway; set sync.require-valid-items: true to skip such items.`
      out.warnings.push(warning)
      out.itemWarnings.push({ path: item.path, line: item.line, warning })
      items.push(planned)
    } else if (planned.action === 'create') {
      out.skipped.push({ path: item.path, line: item.line, summary: item.summary, reason: `${what} (sync.require-valid-items is on)` })
    } else if (planned.action === 'update') {
      const { draft: _draft, changes: _changes, ...rest } = planned
      items.push({ ...rest, action: 'unchanged', reason: `not updated from an item lint rejects (${found.map((p) => p.rule).join(', ')}; sync.require-valid-items is on)` })
    } else {
      items.push(planned)
    }
  }
  return { ...plan, items }
}

/**
 * Writes one file's ticket references. The file is read again just before writing: when someone edited it
 * while the run talked to the tracker, the references go into the current text if the items' lines are
 * still as they were; otherwise the file is left alone with a warning (its tickets exist, and the next run
 * finds them by key and writes the references). Returns whether the file was written.
 */
async function writeBackFile(path: string, original: string | undefined, edits: readonly WriteBackEdit[], adapters: SyncAdapters, warnings: string[]): Promise<boolean> {
  if (original === undefined) {
    warnings.push(`${path}: not written back (the file could not be decoded as text)`)
    return false
  }
  const planned = applyWriteBack(original, edits)
  for (const s of planned.skipped) warnings.push(`${path}:${s.line}: not written back: ${s.reason}`)
  if (planned.applied === 0) return false
  const later = `its tickets exist, and the next run finds them by key and writes the references`
  // An edit saved between the re-read and the write makes the adapter refuse the write: read again, up to three times.
  for (let attempt = 1; ; attempt++) {
    let current: string | undefined
    try {
      current = exactText(await adapters.files.read(path))
    } catch (error) {
      warnings.push(`${path}: not written back: the file could not be read again (${errorMessage(error)}); ${later}`)
      return false
    }
    if (current !== original && (current === undefined || !itemLinesUnchanged(original, current, edits))) {
      warnings.push(`${path}: not written back: the file was changed while sync ran and its action items' lines moved or changed; ${later}`)
      return false
    }
    const edited = current === original ? planned : applyWriteBack(current, edits)
    try {
      if ((await adapters.writeFile(path, edited.text, current)) !== 'changed') return true
    } catch (error) {
      warnings.push(`${path}: the write-back failed (${errorMessage(error)}); ${later}`)
      return false
    }
    if (attempt === 3) {
      warnings.push(`${path}: not written back: the file kept changing while sync wrote it; ${later}`)
      return false
    }
  }
}

export async function runSync(config: Config, request: SyncRequest, adapters: SyncAdapters): Promise<SyncRunResult> {
  const sync = syncConfigOf(config)
  const warnings: string[] = []
  const options = parseOptionsOf(config.lint)
  const read = await readDocuments(config.lint.postmortems.paths, (bytes, path) => parsePostmortem(bytes, path, options), adapters.files, warnings)
  const postmortems = read.map((r) => r.pm)
  const { items, skipped } = collectSyncItems(postmortems)
  // A file that is a postmortem is never also read as a review packet.
  const decisionFiles = await readDocuments(sync.decisionPaths ?? DEFAULT_DECISION_PATHS, parseDecisionFile, adapters.files, warnings, new Set(postmortems.map((pm) => pm.path)))
  const decisions = collectDecisionItems(decisionFiles.map((r) => r.pm))
  items.push(...decisions.items)
  skipped.push(...decisions.skipped)
  read.push(...decisionFiles)
  if (!request.dryRun && !adapters.tracker) throw new Error('a sync that writes needs the tracker’s credentials; without them only a dry run is possible')

  if (adapters.tracker) adapters.onPhase?.('looking-up')
  const itemWarnings: SyncRunResult['itemWarnings'] = []
  for (const s of decisions.skipped) itemWarnings.push({ path: s.path, line: s.line, warning: `${s.path}:${s.line}: ${s.reason}` })
  const syncPlan = screenInvalidItems(await plan(items, sync, request, adapters.tracker, warnings), findItemProblems(postmortems, config.lint), sync, { skipped, warnings, itemWarnings })

  let results: ItemResult[]
  if (request.dryRun || !adapters.tracker) {
    results = syncPlan.items.map((p) => (p.ticket ? { plan: p, ticket: p.ticket } : { plan: p }))
  } else {
    adapters.onPhase?.('writing')
    results = await executePlan(syncPlan.items, adapters.tracker, {
      concurrency: sync.concurrency,
      attempts: request.execute?.attempts ?? 3,
      ...(request.execute?.backoffMs && { backoffMs: request.execute.backoffMs }),
      ...(request.execute?.sleep && { sleep: request.execute.sleep }),
      ...(adapters.onProgress && { onProgress: adapters.onProgress })
    })
  }

  const changedFiles: string[] = []
  if (!request.dryRun && sync.writeBack !== 'off') {
    const texts = new Map(read.map((r) => [r.pm.path, r.text]))
    const edits = writeBackEdits(results)
    if (edits.size > 0) adapters.onPhase?.('writing-back')
    for (const [path, fileEdits] of edits) {
      if (await writeBackFile(path, texts.get(path), fileEdits, adapters, warnings)) changedFiles.push(path)
    }
  }

  return {
    tracker: request.trackerKind,
    dryRun: request.dryRun,
    consulted: adapters.tracker !== undefined,
    results,
    orphans: syncPlan.orphans,
    skipped,
    warnings,
    itemWarnings,
    changedFiles,
    counts: countResults(results, request.dryRun)
  }
}
