// What the export needs of a warehouse. DuckDB, BigQuery and Snowflake implement it in src/io/.

import type { Row, TableDefinition, TableName } from './tables.js'
import type { StateEntry } from './plan.js'

export interface SchemaChange {
  /** `created table incidents`, `added column audit_scores.score_normalised`, `replaced view backlog_daily`. */
  description: string
}

export interface Warehouse {
  /** What it is, for messages: `DuckDB .reliability-loop/warehouse.duckdb`. No credentials. */
  readonly describe: string
  /** Tables created when absent and given the columns they lack; the state table; the views (re)created. */
  ensureSchema(): Promise<SchemaChange[]>
  /** What was exported from this repository before. */
  readState(repository: string): Promise<StateEntry[]>
  /**
   * Afterwards the table's rows of this repository and these sources (on `snapshotDate` for a snapshot table)
   * are exactly `rows`. `batchId` is deterministic for the same content, so a retried batch is not applied twice.
   */
  replace(table: TableDefinition, repository: string, sources: readonly string[], rows: readonly Row[], batchId: string, snapshotDate?: string): Promise<void>
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
