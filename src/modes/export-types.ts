// What the export mode is given and gives back: its adapters (the repository's files, the audit rows other
// threads make), its request and its result.

import type { AuditDimension } from '../config/types.js'
import type { AuditLine, RowProblem } from '../export/rows.js'
import type { TableName } from '../export/tables.js'
import type { EncodedRows, RowEncoding } from '../export/warehouse.js'
import type { RepoFiles } from '../lint/adapters.js'
import type { IncidentEnds, TimelineRecord } from '../review/incidents.js'

export interface ExportAdapters {
  files: Pick<RepoFiles, 'glob' | 'read'>
  /** SHA-256 (hex) of a repository file's bytes, streamed. */
  hashFile(path: string): Promise<string>
  /** An NDJSON file's lines with their numbers, parsed, a run of lines at a time (a bad line is a problem, not a stop). */
  ndjsonLines(path: string): AsyncIterable<readonly AuditLine[]>
  /** An incident timeline, open for its readers until closed: one open per file, not one per reader. */
  openIncident(path: string): IncidentFile
  /**
   * The audit files' parts made on other threads, already encoded, to be taken in the order of `paths`;
   * undefined (or no such adapter) when that is not worth it, and the export makes them itself.
   */
  auditPartsElsewhere?(paths: readonly string[], setup: AuditPartsSetup): AuditParts | undefined
}

export interface AuditPartsSetup {
  repository: string
  dimensions: AuditDimension[]
  encoding: RowEncoding
  /** The audit_scores columns, in the table's order. */
  columns: string[]
}

export interface EncodedAuditPart {
  problems: RowProblem[]
  encoded: EncodedRows
}

export interface AuditParts {
  partsOf(path: string): AsyncIterable<EncodedAuditPart>
  /** Ends the work: the export stopped, or took every part. */
  close(): void
}

export interface IncidentFile {
  ends(firstNeeded: (last: unknown) => boolean): IncidentEnds
  recordsFromStart(): AsyncIterable<TimelineRecord>
  recordsFromEnd(): AsyncIterable<{ value?: unknown }>
  close(): void
}

export interface ExportRequest {
  repository: string
  now: Date
  dryRun: boolean
  /** Progress for long exports (the CLI shows it on a terminal). */
  onProgress?: (table: TableName, done: number, total: number) => void
}

export interface TableSummary {
  table: TableName
  files: number
  sent_files: number
  unchanged_files: number
  removed_files: number
  rows: number
  left_out: number
}

export interface ExportResult {
  warehouse: string
  repository: string
  dry_run: boolean
  schema_changes: string[]
  tables: TableSummary[]
  problems: RowProblem[]
  /** What the export did not read, and why (e.g. incidents kept in Redis). */
  notes: string[]
}
