// What the export needs of a warehouse. DuckDB, BigQuery and Snowflake implement it in src/io/.

import type { Row, TableDefinition, TableName } from './tables.js'
import type { StateEntry } from './plan.js'

export interface SchemaChange {
  /** `created table incidents`, `added column audit_scores.score_normalised`, `replaced view backlog_daily`. */
  description: string
}

/**
 * The rows of one batch, kept in the warehouse's own load format as they are made (CSV for DuckDB, JSON for
 * BigQuery and Snowflake): a batch holds text, never a hundred thousand row objects, and each row object is
 * garbage as soon as it is added.
 */
export interface RowBatch {
  readonly rowCount: number
  add(rows: readonly Row[]): void
  /** Rows already in this warehouse's format (encoded on another thread, `rowEncoding`). */
  addEncoded(rows: EncodedRows): void
}

/** The load format of a warehouse's batches: CSV lines (DuckDB) or JSON texts (BigQuery, Snowflake). */
export type RowEncoding = 'csv' | 'json'

/** Rows in a warehouse's load format, one text per row, as a thread that made them sends them. */
export interface EncodedRows {
  texts: string[]
  /** Each row's record_id, for the JSON warehouses, which merge on it. */
  recordIds?: string[]
  /** An upper bound of the longest text's length in UTF-8 bytes. */
  longest: number
}

/** Rows `start` to `end` of encoded rows. */
export function sliceEncoded(rows: EncodedRows, start: number, end: number): EncodedRows {
  if (start === 0 && end >= rows.texts.length) return rows
  return { texts: rows.texts.slice(start, end), ...(rows.recordIds !== undefined && { recordIds: rows.recordIds.slice(start, end) }), longest: rows.longest }
}

export interface Warehouse {
  /** What it is, for messages: `DuckDB .reliability-loop/warehouse.duckdb`. No credentials. */
  readonly describe: string
  /** Rows per batch, when the warehouse takes some sizes better than the export's default. */
  readonly batchRows?: number
  readonly rowEncoding: RowEncoding
  /** Tables created when absent and given the columns they lack; the state table; the views (re)created. */
  ensureSchema(): Promise<SchemaChange[]>
  /** What was exported from this repository before. */
  readState(repository: string): Promise<StateEntry[]>
  /**
   * Rows of this repository and of `sources` (on `snapshotDate` for a snapshot table) that `rows` does not
   * have are removed, and `rows` are merged in on record_id. A large file's rows come in several batches:
   * the first names the file in `sources`, the later ones add to its rows and name it no more. `batchId` is
   * deterministic for the same content, so a retried batch is not applied twice.
   */
  replace(table: TableDefinition, repository: string, sources: readonly string[], rows: RowBatch, batchId: string, snapshotDate?: string): Promise<void>
  /** An empty batch for `table`, to fill and pass to `replace`. */
  newBatch(table: TableDefinition): RowBatch
  /** Record what was sent (after `replace` succeeded), and forget removed sources. */
  recordState(repository: string, sent: readonly StateEntry[], removed: ReadonlyArray<{ table: TableName; source: string }>, at: Date): Promise<void>
  close(): Promise<void>
}

/** A failure that names the table and what to check; the export stops with exit 1. */
export class WarehouseError extends Error {
  override readonly name = 'WarehouseError'
  constructor(
    message: string,
    readonly hint: string,
    readonly configuration = false
  ) {
    super(message)
  }
}
