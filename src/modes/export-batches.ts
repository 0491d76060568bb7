// The export's batches: a table's rows gathered up to the warehouse's batch size and sent one batch at a
// time, in order, while the next one is made (making rows is this thread's or the workers' work, loading
// them the warehouse's). A file is marked pending before its first batch and recorded after its last, so
// an export cut off anywhere and re-run ends with the same rows.

import { createHash } from 'node:crypto'
import type { RowProblem } from '../export/rows.js'
import type { SourceFingerprint, StateEntry } from '../export/plan.js'
import type { TableDefinition, TableName } from '../export/tables.js'
import type { RowBatch, Warehouse } from '../export/warehouse.js'
import { EventLoopTurns, type Part } from './export-parts.js'
import type { Source } from './export-sources.js'
import type { ExportRequest, TableSummary } from './export-types.js'

/** Rows per warehouse batch: bounds memory and the size of one load job or statement. */
export const BATCH_ROWS = 50_000
/** The fingerprint of a file whose rows may be half-way in: it matches no real fingerprint. */
const PENDING = 'pending'

interface Batch {
  /** Files whose earlier rows this batch replaces (the files it starts). */
  sources: string[]
  rows: RowBatch
  /** Files started in this batch: marked pending before their rows go in. */
  started: SourceFingerprint[]
  /** Files whose last rows are in this batch: recorded as sent after it. */
  finished: StateEntry[]
  /** What the batch holds, for its deterministic id: each file's fingerprint and range of rows. */
  ranges: Map<string, { fingerprint: string; start: number; count: number }>
}

/** A dry run's batch: it counts the rows and keeps none. */
function countingBatch(): RowBatch {
  let rowCount = 0
  return {
    get rowCount() {
      return rowCount
    },
    add: (rows) => {
      rowCount += rows.length
    },
    addEncoded: (rows) => {
      rowCount += rows.texts.length
    }
  }
}

export interface TableWork {
  table: TableDefinition
  /** The table's files to send, in order. */
  changed: readonly Source[]
  /** The table's files gone from the repository: their rows are removed. */
  removed: ReadonlyArray<{ table: TableName; source: string }>
  summary: TableSummary
  /** A file's parts, from wherever they are made. */
  partsOf(source: Source): Promise<AsyncIterable<Part> | Iterable<Part>>
}

/** Sends tables one after another through one warehouse; `finished` waits for the last batch. */
export class BatchSender {
  /** The batch being sent: the next one waits for it. A failure is thrown at the next flush, or at the end. */
  private sending: Promise<void> = Promise.resolve()
  private readonly turns = new EventLoopTurns()
  private readonly day: string
  private readonly batchRows: number

  constructor(
    private readonly warehouse: Warehouse,
    private readonly request: ExportRequest,
    private readonly problems: RowProblem[]
  ) {
    this.day = request.now.toISOString().slice(0, 10)
    this.batchRows = warehouse.batchRows ?? BATCH_ROWS
  }

  async finished(): Promise<void> {
    await this.sending
  }

  async sendTable(work: TableWork): Promise<void> {
    const { table, changed, summary } = work
    summary.unchanged_files = summary.files - changed.length
    summary.removed_files = work.removed.length
    let batch = this.emptyBatch(table)
    const flush = async (removed: ReadonlyArray<{ table: TableName; source: string }>) => {
      if (batch.sources.length === 0 && batch.rows.rowCount === 0 && batch.finished.length === 0 && removed.length === 0) return
      const full = batch
      batch = this.emptyBatch(table)
      await this.sending
      if (!this.request.dryRun) this.send(table, full, removed)
    }
    for (const [index, source] of changed.entries()) {
      this.request.onProgress?.(table.name, index + 1, changed.length)
      batch.sources.push(source.source)
      batch.started.push({ table: table.name, source: source.source, fingerprint: source.fingerprint })
      let rowCount = 0
      for await (const part of await work.partsOf(source)) {
        await this.turns.take()
        this.problems.push(...part.problems)
        summary.left_out += part.problems.filter((p) => p.leftOut === true).length
        // Batches are cut at exactly batchRows (DuckDB writes whole row groups straight to the file), so a
        // file may go in several: its later batches add to the rows its first one replaced.
        for (let taken = 0; taken < part.count; ) {
          if (batch.rows.rowCount >= this.batchRows) await flush([])
          const take = Math.min(this.batchRows - batch.rows.rowCount, part.count - taken)
          part.addTo(batch.rows, taken, taken + take)
          const range = batch.ranges.get(source.source)
          if (range === undefined) batch.ranges.set(source.source, { fingerprint: source.fingerprint, start: rowCount, count: take })
          else range.count += take
          rowCount += take
          taken += take
        }
      }
      summary.rows += rowCount
      summary.sent_files++
      batch.finished.push({ table: table.name, source: source.source, fingerprint: source.fingerprint, rowCount })
      if (batch.rows.rowCount >= this.batchRows) await flush([])
    }
    await flush(work.removed)
  }

  private emptyBatch(table: TableDefinition): Batch {
    return { sources: [], rows: this.request.dryRun ? countingBatch() : this.warehouse.newBatch(table), started: [], finished: [], ranges: new Map() }
  }

  /** Starts sending a full batch; the next flush (or `finished`) waits for it. */
  private send(table: TableDefinition, full: Batch, removed: ReadonlyArray<{ table: TableName; source: string }>): void {
    const { warehouse, request, day } = this
    // What the batch does, whatever the sizes of the parts it was made of: the files it starts, each file's
    // range of rows, the files it removes.
    const started = full.started.map((s) => `${s.source}=${s.fingerprint}`)
    const ranges = [...full.ranges].map(([source, r]) => `${source}=${r.fingerprint}@${r.start}+${r.count}`)
    const batchId = createHash('sha256').update([table.name, request.repository, day, ...started, '', ...ranges, '', ...removed.map((r) => r.source)].join('\u0000')).digest('hex').slice(0, 40)
    this.sending = (async () => {
      // The files are known to the warehouse before their rows are: a run cut off after the rows went in
      // leaves them marked pending, so the next run sends them again, or removes their rows if the file is gone.
      if (full.started.length > 0) await warehouse.recordState(request.repository, full.started.map((s) => ({ ...s, fingerprint: PENDING, rowCount: 0 })), [], request.now)
      const replaced = [...full.sources, ...removed.map((r) => r.source)]
      if (replaced.length > 0 || full.rows.rowCount > 0) await warehouse.replace(table, request.repository, replaced, full.rows, batchId, table.snapshotColumn === undefined ? undefined : day)
      await warehouse.recordState(request.repository, full.finished, removed, request.now)
    })()
    // Handled here so a failure waits, unreported by Node, for the next flush (or the end) to throw it.
    this.sending.catch(() => undefined)
  }
}
