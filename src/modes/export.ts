// The export mode: the repository's reliability records into a warehouse, incrementally and idempotently.
//
//   every source file → fingerprint (its bytes, the table's schema version, the export day for snapshots)
//     (export-sources.ts)
//   → plan against the state the warehouse holds → rows of the changed files (bad records reported, left
//     out), made here or, for the audit files, on worker threads (export-parts.ts)
//   → batches per table, each sent while the next is made, the state recorded after each (export-batches.ts)
//
// An export cut off half-way and re-run ends with the same rows: a file's first batch replaces its rows, and
// the state says "sent" only after its last batch is in.

import type { Config } from '../config/types.js'
import { planExport } from '../export/plan.js'
import type { RowProblem } from '../export/rows.js'
import { TABLES, tableDefinition, type TableName } from '../export/tables.js'
import type { SchemaChange, Warehouse } from '../export/warehouse.js'
import { BatchSender } from './export-batches.js'
import { encodedPartsOf, partsOf, prefetchParts, type Part } from './export-parts.js'
import { listAuditSources, listOtherSources, type Source } from './export-sources.js'
import type { ExportAdapters, ExportRequest, ExportResult, TableSummary } from './export-types.js'

export { BATCH_ROWS } from './export-batches.js'
export { EXPORT_SCHEMA_VERSION } from './export-sources.js'
export type { AuditParts, AuditPartsSetup, EncodedAuditPart, ExportAdapters, ExportRequest, ExportResult, IncidentFile, TableSummary } from './export-types.js'

export async function runExport(config: Config, request: ExportRequest, adapters: ExportAdapters, warehouse: Warehouse): Promise<ExportResult> {
  const notes: string[] = []
  const problems: RowProblem[] = []
  // The warehouse makes its tables while the audit files are listed and hashed; a failure of either is
  // thrown only once both have ended, so the warehouse is never closed under a running statement.
  const schemaWork: Promise<SchemaChange[]> = request.dryRun ? Promise.resolve([]) : warehouse.ensureSchema()
  schemaWork.catch(() => undefined)
  const auditSources = await listAuditSources(config, request, adapters, notes).catch(async (error: unknown) => {
    await schemaWork.catch(() => undefined)
    throw error
  })
  const schemaChanges = await schemaWork
  const state = await warehouse.readState(request.repository)
  // Making the audit rows is most of an export's work, so the changed audit files go to other threads as
  // soon as they are known, and are made there while this thread lists and hashes the other files. (The
  // plan of all files below sends the same audit files: a file's plan depends on its own state alone.)
  const auditChanged = planExport(auditSources, state).send.map((s) => s.source)
  const auditColumns = tableDefinition('audit_scores').columns.map((c) => c.name)
  const elsewhere = auditChanged.length === 0 ? undefined : adapters.auditPartsElsewhere?.(auditChanged, { repository: request.repository, dimensions: config.audit.rubric.dimensions, encoding: warehouse.rowEncoding, columns: auditColumns })
  try {
    const sources = [...auditSources, ...(await listOtherSources(config, request, adapters, notes))]
    const plan = planExport(sources, state)
    const summaries = new Map<TableName, TableSummary>(TABLES.map((t) => [t.name, { table: t.name, files: 0, sent_files: 0, unchanged_files: 0, removed_files: 0, rows: 0, left_out: 0 }]))
    for (const s of sources) summaries.get(s.table)!.files++
    const toSend = new Set(plan.send.map((s) => `${s.table}\u0000${s.source}`))
    const changed = sources.filter((s) => toSend.has(`${s.table}\u0000${s.source}`))

    // While other threads make the audit rows, this one makes the other tables' (one row or a few per file),
    // so that they are ready when the audit rows are in.
    const prefetched = elsewhere === undefined ? new Map<Source, Promise<Part[]>>() : prefetchParts(changed.filter((s) => s.table !== 'audit_scores'))
    const partsFor = async (source: Source): Promise<AsyncIterable<Part> | Iterable<Part>> =>
      (await prefetched.get(source)) ?? (source.table === 'audit_scores' && elsewhere !== undefined ? encodedPartsOf(elsewhere.partsOf(source.source)) : partsOf(source.rows()))

    const sender = new BatchSender(warehouse, request, problems)
    for (const table of TABLES) {
      const removed = plan.remove.filter((r) => r.table === table.name)
      await sender.sendTable({ table, changed: changed.filter((s) => s.table === table.name), removed, summary: summaries.get(table.name)!, partsOf: partsFor })
    }
    await sender.finished()
    return {
      warehouse: warehouse.describe,
      repository: request.repository,
      dry_run: request.dryRun,
      schema_changes: schemaChanges.map((c) => c.description),
      tables: [...summaries.values()],
      problems,
      notes
    }
  } finally {
    elsewhere?.close()
  }
}
