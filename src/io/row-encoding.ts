// Rows → the warehouses' load formats, one text per row: CSV lines for DuckDB, JSON for BigQuery and
// Snowflake. Used where the rows are made, on this thread or a worker's. In CSV every string is quoted, so
// an empty string stays one while an empty field is NULL, and commas, quotes, newlines and NUL survive;
// booleans and numbers are written bare.

import { Buffer } from 'node:buffer'
import type { Row } from '../export/tables.js'
import type { EncodedRows, RowEncoding } from '../export/warehouse.js'

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

/** Rows longer than this many characters have their UTF-8 bytes counted, not bounded. */
const EXACT_FROM_CHARS = 64 * 1024

export function encodeRows(encoding: RowEncoding, names: readonly string[], rows: readonly Row[]): EncodedRows {
  const texts: string[] = new Array<string>(rows.length)
  let longest = 0
  if (encoding === 'csv') {
    const writer = new CsvLineWriter(names)
    for (let i = 0; i < rows.length; i++) texts[i] = writer.line(rows[i]!)
  } else {
    for (let i = 0; i < rows.length; i++) texts[i] = JSON.stringify(rows[i])
  }
  // Characters, not bytes, for the usual short row: a UTF-8 byte count per row would cost more than it saves
  // (a UTF-16 unit is 3 bytes at most). A long row is counted exactly, once: DuckDB's read buffer, and the
  // memory it is given for a batch, follow the longest row, and 4× of a megabyte row is memory wasted.
  for (const text of texts) {
    const bytes = text.length > EXACT_FROM_CHARS ? Buffer.byteLength(text) : text.length * 3
    if (bytes > longest) longest = bytes
  }
  return { texts, ...(encoding === 'json' && { recordIds: rows.map((r) => String(r.record_id)) }), longest }
}
