// The DuckDB warehouse's batches: CSV files (src/io/row-encoding.ts writes the lines) for DuckDB's read_csv.
// DuckDB reads typed CSV several times faster than the same rows as NDJSON, and a row is cheaper to write as
// CSV than as JSON (bench/export.mjs).

import { closeSync, openSync, writeSync } from 'node:fs'
import type { Column, Row } from '../export/tables.js'
import type { EncodedRows, RowBatch } from '../export/warehouse.js'
import { encodeRows } from './row-encoding.js'

/** Rows written per string: the file is written in pieces, so a batch is never one giant string. */
const ROWS_PER_WRITE = 4096
/** DuckDB's own default longest line; a batch with a longer row asks for more. */
const DEFAULT_MAX_LINE_BYTES = 2 * 1024 * 1024
const READ_BUFFER_BYTES = 4 * 1024 * 1024

/**
 * A batch of rows written to a CSV file as they are added (a batch holds no rows in memory). `close` ends the
 * file; the longest line is kept for read_csv's max_line_size.
 */
export class CsvFileBatch implements RowBatch {
  private readonly names: readonly string[]
  private fd: number | undefined
  private rows = 0
  private longest = 0

  constructor(
    readonly file: string,
    columns: readonly Column[]
  ) {
    this.names = columns.map((c) => c.name)
  }

  get rowCount(): number {
    return this.rows
  }

  get longestLine(): number {
    return this.longest
  }

  add(rows: readonly Row[]): void {
    for (let start = 0; start < rows.length; start += ROWS_PER_WRITE) this.addEncoded(encodeRows('csv', this.names, rows.slice(start, start + ROWS_PER_WRITE)))
  }

  addEncoded(rows: EncodedRows): void {
    if (rows.texts.length === 0) return
    this.fd ??= openSync(this.file, 'w')
    writeSync(this.fd, `${rows.texts.join('\n')}\n`)
    this.rows += rows.texts.length
    if (rows.longest > this.longest) this.longest = rows.longest
  }

  /** Ends the file; the batch takes no more rows. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }
}

/** DuckDB's longest line for a batch whose longest row is `longestLine` bytes. */
const maxLineBytes = (longestLine: number) => Math.max(DEFAULT_MAX_LINE_BYTES, longestLine + 1)

/** The read buffer read_csv gets for a batch whose longest row is `longestLine` bytes. */
export function csvReadBufferBytes(longestLine: number): number {
  // A 4 MiB read buffer, not DuckDB's 32: a batch's memory was mostly buffers (a million rows: 390 MB → 300 MB
  // peak). A longer row asks for a longer line and a buffer to hold it.
  return Math.max(READ_BUFFER_BYTES, 2 * maxLineBytes(longestLine))
}

/** read_csv's options for a file written by CsvFileBatch, typed by `columnTypes` (`"name": 'VARCHAR'`, …). */
export function readCsvOptions(columnTypes: string, longestLine: number): string {
  return `header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, max_line_size = ${maxLineBytes(longestLine)}, buffer_size = ${csvReadBufferBytes(longestLine)}, columns = {${columnTypes}}`
}
