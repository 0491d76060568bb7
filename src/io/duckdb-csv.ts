// Rows → CSV for DuckDB's read_csv, the way the DuckDB warehouse takes a batch. DuckDB reads typed CSV
// several times faster than the same rows as NDJSON, and a row is cheaper to write as CSV than as JSON
// (bench/export.mjs). Every string is quoted, so an empty string stays one while an empty field is NULL,
// and commas, quotes, newlines and NUL survive; booleans and numbers are written bare.

import { closeSync, openSync, writeSync } from 'node:fs'
import type { Column, Row } from '../export/tables.js'
import type { RowBatch } from '../export/warehouse.js'

/** Rows written per string: the file is written in pieces, so a batch is never one giant string. */
const ROWS_PER_WRITE = 4096
/** DuckDB's own default longest line; a batch with a longer row asks for more. */
const DEFAULT_MAX_LINE_BYTES = 2 * 1024 * 1024
const READ_BUFFER_BYTES = 4 * 1024 * 1024

function field(value: Row[string] | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`
  return String(value)
}

/**
 * Rows → CSV lines. Consecutive rows repeat most of their values (a record's dimensions share all but four
 * columns; a file's rows share repository and source), so each column's last value and its field are kept:
 * a repeated value is neither quoted nor allocated again.
 */
export class CsvLineWriter {
  private readonly lastValues: Array<Row[string] | undefined>
  private readonly lastFields: string[]
  private readonly fields: string[]

  constructor(private readonly names: readonly string[]) {
    this.lastValues = names.map(() => undefined)
    this.lastFields = names.map(() => '')
    this.fields = names.map(() => '')
  }

  /** One CSV line (no newline) of a row, its values in the order of the names. */
  line(row: Row): string {
    for (let i = 0; i < this.names.length; i++) {
      const value = row[this.names[i]!]
      if (value !== this.lastValues[i]) {
        this.lastValues[i] = value
        this.lastFields[i] = field(value)
      }
      this.fields[i] = this.lastFields[i]!
    }
    // An array joined once: a line built by += is a rope that the batch's join must flatten (a third slower).
    return this.fields.join(',')
  }
}

/**
 * A batch of rows written to a CSV file as they are added (a batch holds no rows in memory). `close` ends the
 * file; the longest line is kept for read_csv's max_line_size.
 */
export class CsvFileBatch implements RowBatch {
  private readonly writer: CsvLineWriter
  private fd: number | undefined
  private rows = 0
  private longest = 0

  constructor(
    readonly file: string,
    columns: readonly Column[]
  ) {
    this.writer = new CsvLineWriter(columns.map((c) => c.name))
  }

  get rowCount(): number {
    return this.rows
  }

  get longestLine(): number {
    return this.longest
  }

  add(rows: readonly Row[]): void {
    if (rows.length === 0) return
    this.fd ??= openSync(this.file, 'w')
    for (let start = 0; start < rows.length; start += ROWS_PER_WRITE) {
      const lines: string[] = []
      for (let i = start; i < Math.min(rows.length, start + ROWS_PER_WRITE); i++) {
        const line = this.writer.line(rows[i]!)
        // Characters, not bytes: a UTF-8 byte count per line would cost more than it saves; 4 bytes a character at most.
        if (line.length * 4 > this.longest) this.longest = line.length * 4
        lines.push(line)
      }
      writeSync(this.fd, `${lines.join('\n')}\n`)
    }
    this.rows += rows.length
  }

  /** Ends the file; the batch takes no more rows. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }
}

/** read_csv's options for a file written by CsvFileBatch, typed by `columnTypes` (`"name": 'VARCHAR'`, …). */
export function readCsvOptions(columnTypes: string, longestLine: number): string {
  // A 4 MiB read buffer, not DuckDB's 32: a batch's memory was mostly buffers (a million rows: 390 MB → 300 MB
  // peak). A longer row asks for a longer line and a buffer to hold it.
  const maxLine = Math.max(DEFAULT_MAX_LINE_BYTES, longestLine + 1)
  return `header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, max_line_size = ${maxLine}, buffer_size = ${Math.max(READ_BUFFER_BYTES, 2 * maxLine)}, columns = {${columnTypes}}`
}
