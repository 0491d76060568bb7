// A batch of rows as JSON texts, one per row: what BigQuery's NDJSON load job and Snowflake's bound JSON array
// are made of. Rows are encoded when added, so the batch never holds the row objects.

import type { Row } from '../export/tables.js'
import type { EncodedRows, RowBatch } from '../export/warehouse.js'
import { encodeRows } from './row-encoding.js'

export class JsonRowBatch implements RowBatch {
  /** Each row's JSON, in order. */
  readonly json: string[] = []
  /** Each row's record_id, in order. */
  readonly recordIds: string[] = []

  get rowCount(): number {
    return this.json.length
  }

  add(rows: readonly Row[]): void {
    this.addEncoded(encodeRows('json', [], rows))
  }

  addEncoded(rows: EncodedRows): void {
    if (rows.recordIds === undefined || rows.recordIds.length !== rows.texts.length) throw new Error('this is a bug: JSON rows came without their record ids')
    for (const text of rows.texts) this.json.push(text)
    for (const id of rows.recordIds) this.recordIds.push(id)
  }

  /** Rows `start` to `end` as one JSON array, as `JSON.stringify(rows.slice(start, end))` would give. */
  jsonArray(start = 0, end = this.json.length): string {
    return `[${this.json.slice(start, end).join(',')}]`
  }

  /** The rows as newline-delimited JSON. */
  ndjson(): string {
    return this.json.join('\n')
  }
}
