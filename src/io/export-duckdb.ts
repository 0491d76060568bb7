// The embedded DuckDB warehouse (the CLI's default): one file, `.reliability-loop/warehouse.duckdb` unless
// configured, so the views can be tried with no cloud account and the SQL is tested for real. DuckDB's native
// binary is large, so `@duckdb/node-api` is an optional dependency, loaded only here and only when used.

import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { duckdbDialect } from '../export/dialect.js'
import type { StateEntry } from '../export/plan.js'
import { STATE_COLUMNS, STATE_TABLE, TABLES, type Column, type Row, type TableDefinition, type TableName } from '../export/tables.js'
import { VIEWS } from '../export/views.js'
import { WarehouseError, type SchemaChange, type Warehouse } from '../export/warehouse.js'
import { errorMessage } from '../util/error-message.js'
import { CsvFileBatch, csvReadBufferBytes, readCsvOptions } from './duckdb-csv.js'
import { ownBatch } from './own-batch.js'

type DuckDbModule = typeof import('@duckdb/node-api')
type Connection = Awaited<ReturnType<Awaited<ReturnType<DuckDbModule['DuckDBInstance']['create']>>['connect']>>

export const DUCKDB_INSTALL_HINT = 'DuckDB is an optional dependency of the CLI: install it with `npm install @duckdb/node-api` (or choose --to bigquery|snowflake)'

async function loadDuckDb(): Promise<DuckDbModule> {
  try {
    return await import('@duckdb/node-api')
  } catch (error) {
    throw new WarehouseError(`cannot load DuckDB (@duckdb/node-api): ${errorMessage(error).split('\n')[0]}`, DUCKDB_INSTALL_HINT, true)
  }
}

/**
 * DuckDB's row-group size: a batch this large is written straight to the file, where smaller ones go through
 * the write-ahead log and are written again at the checkpoint (a third slower over a million rows).
 */
const DUCKDB_BATCH_ROWS = 122_880

/**
 * DuckDB's settings for the export. One thread: the export makes the next batch's rows on its own core while
 * DuckDB loads the last, and a DuckDB on every core slowed both (a million rows on 2 cores: 10.1 s with 2
 * threads, 8.3 s with 1). The allocator returns memory early, so a long export's memory stays flat.
 */
const DUCKDB_SETTINGS = { threads: '1', allocator_flush_threshold: '8MB', allocator_background_threads: 'true' }

/**
 * DuckDB's memory for the export's work, in MiB. Its default, 80% of the machine, let it keep every block it
 * wrote: three million rows held 150 MB more than one million. The blocks are in the file, so a bounded pool
 * drops them and the export's memory stays the same whatever the size. A batch with a long row needs a read
 * buffer of twice that row, and the limit rises for it (csvReadBufferBytes).
 */
export const DUCKDB_MEMORY_MIB = 64

/** What to do when DuckDB fails a batch: out of memory is not a refusal of the rows, so it says so. */
export function loadFailureHint(message: string, memoryMiB: number, longestLine: number): string {
  if (/out of memory/i.test(message)) return `DuckDB had ${memoryMiB} MiB for a batch whose longest row is up to ${longestLine} bytes; free memory on this machine and re-run (it resumes where it stopped), and report it if it happens again`
  return 'this is a bug if the table was created by reliability-loop; otherwise check the table\'s columns'
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`

// Long by design: one closure holds the connection settings, and its helpers and the Warehouse methods
// (each short) share them; splitting it would thread the same settings through every function.
export async function openDuckDbWarehouse(absPath: string, shownPath: string, options: { readOnly?: boolean; memoryMiB?: number } = {}): Promise<Warehouse> {
  const duckdb = await loadDuckDb()
  const baseMemoryMiB = options.memoryMiB ?? DUCKDB_MEMORY_MIB
  let memoryMiB = baseMemoryMiB
  // A dry run changes nothing: no file is created, and an existing one is opened read-only.
  if (options.readOnly && !existsSync(absPath)) return emptyWarehouse(`DuckDB ${shownPath} (not created yet)`)
  if (!options.readOnly) await mkdir(dirname(absPath), { recursive: true })
  let connection: Connection
  let instance: Awaited<ReturnType<DuckDbModule['DuckDBInstance']['create']>>
  try {
    instance = await duckdb.DuckDBInstance.create(absPath, { ...(options.readOnly && { access_mode: 'READ_ONLY' }), ...DUCKDB_SETTINGS, memory_limit: `${baseMemoryMiB}MiB` })
    connection = await instance.connect()
  } catch (error) {
    throw new WarehouseError(`cannot open the DuckDB file ${shownPath}: ${errorMessage(error).split('\n')[0]}`, 'check the path (export.duckdb.path) and that no other process holds the file open', true)
  }
  const dialect = duckdbDialect()
  const scratch = await mkdtemp(join(tmpdir(), 'reliability-loop-export-'))
  let batches = 0
  const all = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson()

  async function ensureTable(name: string, description: string, columns: readonly Column[], changes: SchemaChange[]): Promise<void> {
    const existing = new Set((await all(`SELECT column_name FROM information_schema.columns WHERE table_name = ${quote(name)} AND table_schema = 'main'`)).map((r) => String(r.column_name)))
    if (existing.size === 0) {
      await connection.run(`CREATE TABLE ${ident(name)} (${columns.map((c) => `${ident(c.name)} ${dialect.type(c.type)}`).join(', ')})`)
      await connection.run(`COMMENT ON TABLE ${ident(name)} IS ${quote(description)}`)
      for (const c of columns) await connection.run(`COMMENT ON COLUMN ${ident(name)}.${ident(c.name)} IS ${quote(c.description)}`)
      changes.push({ description: `created table ${name}` })
      return
    }
    for (const c of columns.filter((col) => !existing.has(col.name))) {
      await connection.run(`ALTER TABLE ${ident(name)} ADD COLUMN ${ident(c.name)} ${dialect.type(c.type)}`)
      await connection.run(`COMMENT ON COLUMN ${ident(name)}.${ident(c.name)} IS ${quote(c.description)}`)
      changes.push({ description: `added column ${name}.${c.name}` })
    }
  }

  return {
    describe: `DuckDB ${shownPath}`,
    batchRows: DUCKDB_BATCH_ROWS,
    rowEncoding: 'csv',
    async ensureSchema() {
      const changes: SchemaChange[] = []
      for (const table of TABLES) await ensureTable(table.name, table.description, table.columns, changes)
      await ensureTable(STATE_TABLE, 'What reliability-loop export has sent, per table and source file.', STATE_COLUMNS, changes)
      for (const view of VIEWS) {
        await connection.run(`CREATE OR REPLACE VIEW ${ident(view.name)} AS ${view.sql(dialect)}`)
        await connection.run(`COMMENT ON VIEW ${ident(view.name)} IS ${quote(view.description)}`)
      }
      return changes
    },
    async readState(repository) {
      // A dry run against a new file: nothing was exported yet.
      if ((await all(`SELECT 1 FROM information_schema.tables WHERE table_name = ${quote(STATE_TABLE)}`)).length === 0) return []
      const rows = await all(`SELECT table_name, source, fingerprint, row_count FROM ${ident(STATE_TABLE)} WHERE repository = ${quote(repository)}`)
      return rows.map((r) => ({ table: String(r.table_name) as TableName, source: String(r.source), fingerprint: String(r.fingerprint), rowCount: Number(r.row_count) }))
    },
    newBatch: (table) => new CsvFileBatch(join(scratch, `batch-${++batches}.csv`), table.columns),
    async replace(table: TableDefinition, repository, sources, batch, _batchId, snapshotDate) {
      const rows = ownBatch(batch, CsvFileBatch, 'DuckDB')
      rows.close()
      const file = rows.file
      const columns = table.columns.map((c) => `${quote(c.name)}: ${quote(dialect.type(c.type))}`).join(', ')
      const names = table.columns.map((c) => ident(c.name)).join(', ')
      // The files bound as one JSON text, not spelled out: 10,000 files took 43 ms to parse as SQL, 12 ms bound.
      const scope = `repository = $repository AND source IN (SELECT unnest(from_json($sources, '["VARCHAR"]')))${snapshotDate === undefined || table.snapshotColumn === undefined ? '' : ` AND ${ident(table.snapshotColumn)} = DATE ${quote(snapshotDate)}`}`
      // The read buffer of a batch with a long row, and room beside it: DuckDB fails a read it has no memory for.
      const needMiB = Math.max(baseMemoryMiB, Math.ceil((3 * csvReadBufferBytes(rows.longestLine)) / 1048576))
      try {
        if (needMiB !== memoryMiB) {
          await connection.run(`SET memory_limit = '${needMiB}MiB'`)
          memoryMiB = needMiB
        }
        await connection.run('BEGIN TRANSACTION')
        if (sources.length > 0) await connection.run(`DELETE FROM ${ident(table.name)} WHERE ${scope}`, { repository, sources: JSON.stringify(sources) })
        if (rows.rowCount > 0) await connection.run(`INSERT INTO ${ident(table.name)} (${names}) SELECT ${names} FROM read_csv(${quote(file)}, ${readCsvOptions(columns, rows.longestLine)})`)
        await connection.run('COMMIT')
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined)
        const message = errorMessage(error).split('\n')[0] ?? ''
        throw new WarehouseError(`DuckDB refused the rows of ${table.name}: ${message}`, loadFailureHint(message, memoryMiB, rows.longestLine))
      } finally {
        await rm(file, { force: true })
      }
    },
    async recordState(repository, sent: readonly StateEntry[], removed, at) {
      const forget = [...sent, ...removed]
      await connection.run('BEGIN TRANSACTION')
      try {
        // One statement for the whole batch, the files bound as one JSON text: a statement per file, 10,000
        // files spelled out in the SQL, or bound as lists of values (a value made per string) made a large
        // export wait on DuckDB (10,000 files: 94 ms as lists, 31 ms as JSON).
        if (forget.length > 0) {
          await connection.run(
            `DELETE FROM ${ident(STATE_TABLE)} WHERE repository = $repository AND (table_name, source) IN (SELECT e->>0, e->>1 FROM (SELECT unnest(CAST($entries AS JSON[])) AS e))`,
            { repository, entries: JSON.stringify(forget.map((e) => [e.table, e.source])) }
          )
        }
        if (sent.length > 0) {
          await connection.run(
            `INSERT INTO ${ident(STATE_TABLE)} (table_name, repository, source, fingerprint, row_count, exported_at)
SELECT e->>0, $repository, e->>1, e->>2, CAST(e->>3 AS BIGINT), CAST($at AS TIMESTAMPTZ) FROM (SELECT unnest(CAST($entries AS JSON[])) AS e)`,
            { repository, at: at.toISOString(), entries: JSON.stringify(sent.map((e) => [e.table, e.source, e.fingerprint, e.rowCount])) }
          )
        }
        await connection.run('COMMIT')
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined)
        throw error
      }
    },
    async close() {
      // Closing the instance checkpoints the file, so the next process (or a query tool) sees every row.
      connection.closeSync()
      instance.closeSync()
      await rm(scratch, { recursive: true, force: true })
    }
  }
}

/** The warehouse of a dry run against a DuckDB file that does not exist yet: it holds nothing, and takes nothing. */
function emptyWarehouse(describe: string): Warehouse {
  const refusal = () => new WarehouseError('a dry run writes nothing', 'this is a bug: a dry run must not reach the warehouse\'s writes')
  const refuse = async (): Promise<never> => {
    throw refusal()
  }
  return {
    describe,
    rowEncoding: 'csv',
    ensureSchema: refuse,
    readState: async () => [],
    newBatch: () => {
      throw refusal()
    },
    replace: refuse,
    recordState: refuse,
    close: async () => {}
  }
}

/** Rows of a query against the DuckDB file, for `export --query` (a look at the views without a DuckDB CLI). */
export async function queryDuckDb(absPath: string, sql: string): Promise<{ columns: string[]; rows: unknown[][] }> {
  const duckdb = await loadDuckDb()
  const instance = await duckdb.DuckDBInstance.create(absPath, { access_mode: 'READ_ONLY' })
  const connection = await instance.connect()
  try {
    const reader = await connection.runAndReadAll(sql)
    return { columns: reader.columnNames(), rows: reader.getRowsJson() as unknown[][] }
  } catch (error) {
    throw new WarehouseError(`the query failed: ${errorMessage(error).split('\n')[0]}`, 'the views are audit_rolling_30d, audit_rolling_90d, incidents_weekly, resolve_time_monthly and backlog_daily (docs/export.md)', true)
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}
