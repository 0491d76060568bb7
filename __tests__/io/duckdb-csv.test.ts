// The DuckDB batch's CSV: a repeated value is quoted once and reused, so the lines must equal those of a
// plain field-by-field encoding whatever the sequence of values; and a JSON batch is what JSON.stringify gives.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { csvReadBufferBytes, readCsvOptions } from '../../src/io/duckdb-csv.js'
import { loadFailureHint } from '../../src/io/export-duckdb.js'
import { CsvLineWriter, encodeRows } from '../../src/io/row-encoding.js'
import { JsonRowBatch } from '../../src/io/json-row-batch.js'
import type { Row } from '../../src/export/tables.js'

const plain = (value: Row[string] | undefined): string => (value === null || value === undefined ? '' : typeof value === 'string' ? `"${value.replace(/"/g, '""')}"` : String(value))

describe('CsvLineWriter', () => {
  it('writes every line as a plain encoding would, across repeats and changes of null, empty and quoted values', () => {
    const value = fc.oneof(fc.constant(null), fc.constant(''), fc.constantFrom('a', 'say "hi"', 'x,y', 'line\nbreak'), fc.integer(), fc.double({ noNaN: true }), fc.boolean())
    fc.assert(
      fc.property(fc.array(fc.record({ a: value, b: value, c: fc.option(value, { nil: undefined }) }), { maxLength: 20 }), (rows) => {
        const writer = new CsvLineWriter(['a', 'b', 'c'])
        for (const row of rows) expect(writer.line(row as Row)).toBe(['a', 'b', 'c'].map((n) => plain((row as Row)[n])).join(','))
      })
    )
  })

  it('asks DuckDB for a longer line and buffer only when a row needs them', () => {
    expect(readCsvOptions('"a": \'VARCHAR\'', 100)).toContain('max_line_size = 2097152, buffer_size = 4194304')
    expect(readCsvOptions('"a": \'VARCHAR\'', 12_000_000)).toContain('max_line_size = 12000001, buffer_size = 24000002')
  })

  it('gives the read buffer the options name, which the memory limit is raised for', () => {
    expect(csvReadBufferBytes(100)).toBe(4194304)
    expect(csvReadBufferBytes(12_000_000)).toBe(24000002)
  })

  it('bounds each row\'s UTF-8 length from above, and counts a long row exactly', () => {
    const short = 'é🙂"x'
    const long = `${'a'.repeat(100_000)}é🙂`
    const check = (text: string, exact: boolean) => {
      const { longest } = encodeRows('csv', ['v'], [{ v: text }])
      const bytes = Buffer.byteLength(`"${text.replaceAll('"', '""')}"`)
      if (exact) expect(longest).toBe(bytes)
      else expect(longest).toBeGreaterThanOrEqual(bytes)
    }
    check(short, false)
    check(long, true)
    check('\ud800'.repeat(50), false)
  })

  it('says a batch ran out of memory as such, not as rows DuckDB refused', () => {
    expect(loadFailureHint('Out of Memory Error: could not allocate block of size 80.0 MiB (0 bytes/61.0 MiB used)', 72, 12_000_000)).toBe('DuckDB had 72 MiB for a batch whose longest row is up to 12000000 bytes; free memory on this machine and re-run (it resumes where it stopped), and report it if it happens again')
    expect(loadFailureHint('Conversion Error: Could not convert string "x" to DOUBLE', 64, 100)).toMatch(/^this is a bug if the table was created by reliability-loop/)
  })
})

describe('JsonRowBatch', () => {
  it('holds each row as JSON: arrays and NDJSON as JSON.stringify would write them, with the record ids', () => {
    const rows: Row[] = [{ record_id: 'r1', v: 'a"b' }, { record_id: 'r2', v: null }, { record_id: 'r3', v: 3 }]
    const batch = new JsonRowBatch()
    batch.add(rows.slice(0, 2))
    batch.add(rows.slice(2))
    expect(batch.rowCount).toBe(3)
    expect(batch.jsonArray()).toBe(JSON.stringify(rows))
    expect(batch.jsonArray(1, 3)).toBe(JSON.stringify(rows.slice(1, 3)))
    expect(batch.ndjson()).toBe(rows.map((r) => JSON.stringify(r)).join('\n'))
    expect(batch.recordIds).toEqual(['r1', 'r2', 'r3'])
  })
})
