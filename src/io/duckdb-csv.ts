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

function field(value: Row[string] | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`
  return String(value)
}

/** One CSV line (no newline) of a row, in the columns' order. */
export function csvLine(columns: readonly Column[], row: Row): string {
  let line = field(row[columns[0]!.name])
  for (let i = 1; i < columns.length; i++) line += `,${field(row[columns[i]!.name])}`
  return line
}

/**
 * A batch of rows written to a CSV file as they are added (a batch holds no rows in memory). `close` ends the
 * file; the longest line is kept for read_csv's max_line_size.
 */
export class CsvFileBatch implements RowBatch {
  private fd: number | undefined
  private rows = 0
  private longest = 0

  constructor(
    readonly file: string,
    private readonly columns: readonly Column[]
  ) {}

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
        const line = csvLine(this.columns, rows[i]!)
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

/** read_csv's options for a file written by writeCsvFile, typed by `columnTypes` (`"name": 'VARCHAR'`, …). */
export function readCsvOptions(columnTypes: string, longestLine: number): string {
  // Line and buffer sizes are left to DuckDB unless a row needs more: set, even to the defaults, they made
  // DuckDB spend over a second at the final checkpoint of a million-row export.
  const sizes = longestLine < DEFAULT_MAX_LINE_BYTES ? '' : `max_line_size = ${longestLine + 1}, buffer_size = ${2 * (longestLine + 1)}, `
  return `header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, ${sizes}columns = {${columnTypes}}`
}
