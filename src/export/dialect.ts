// What differs between the warehouses' SQL: names, types and a few functions. Everything else in the
// tables and views is written once (views.ts) and tested for real on DuckDB.

import type { ColumnType } from './tables.js'

export type DialectName = 'duckdb' | 'bigquery' | 'snowflake'

export interface Dialect {
  name: DialectName
  /** A table or view name, qualified and quoted as the warehouse wants it. */
  table(name: string): string
  type(type: ColumnType): string
  /** Whole days since 1970-01-01 of a DATE expression (for RANGE windows over days). */
  dayNumber(dateExpr: string): string
  /** The DATE of a TIMESTAMP expression. */
  toDate(tsExpr: string): string
  /** Monday of the week of a TIMESTAMP, as a DATE. */
  weekStart(tsExpr: string): string
  /** First day of the month of a TIMESTAMP, as a DATE. */
  monthStart(tsExpr: string): string
  minutesBetween(fromExpr: string, toExpr: string): string
  median(expr: string): string
  /** 1 when the boolean is true, else 0. */
  countIf(boolExpr: string): string
}

export function duckdbDialect(): Dialect {
  return {
    name: 'duckdb',
    table: (name) => `"${name}"`,
    type: (t) => ({ STRING: 'VARCHAR', INTEGER: 'BIGINT', FLOAT: 'DOUBLE', BOOLEAN: 'BOOLEAN', TIMESTAMP: 'TIMESTAMPTZ', DATE: 'DATE', JSON: 'JSON' })[t],
    dayNumber: (d) => `(CAST(${d} AS DATE) - DATE '1970-01-01')`,
    toDate: (ts) => `CAST(timezone('UTC', ${ts}) AS DATE)`,
    weekStart: (ts) => `CAST(date_trunc('week', timezone('UTC', ${ts})) AS DATE)`,
    monthStart: (ts) => `CAST(date_trunc('month', timezone('UTC', ${ts})) AS DATE)`,
    minutesBetween: (a, b) => `(epoch(${b}) - epoch(${a})) / 60.0`,
    median: (x) => `median(${x})`,
    countIf: (b) => `SUM(CASE WHEN ${b} THEN 1 ELSE 0 END)`
  }
}

export function bigqueryDialect(project: string, dataset: string): Dialect {
  return {
    name: 'bigquery',
    table: (name) => `\`${project}.${dataset}.${name}\``,
    type: (t) => ({ STRING: 'STRING', INTEGER: 'INT64', FLOAT: 'FLOAT64', BOOLEAN: 'BOOL', TIMESTAMP: 'TIMESTAMP', DATE: 'DATE', JSON: 'JSON' })[t],
    dayNumber: (d) => `UNIX_DATE(${d})`,
    toDate: (ts) => `DATE(${ts})`,
    weekStart: (ts) => `DATE_TRUNC(DATE(${ts}), WEEK(MONDAY))`,
    monthStart: (ts) => `DATE_TRUNC(DATE(${ts}), MONTH)`,
    minutesBetween: (a, b) => `TIMESTAMP_DIFF(${b}, ${a}, SECOND) / 60.0`,
    median: (x) => `APPROX_QUANTILES(${x}, 100)[OFFSET(50)]`,
    countIf: (b) => `COUNTIF(${b})`
  }
}

export function snowflakeDialect(database: string, schema: string): Dialect {
  return {
    name: 'snowflake',
    table: (name) => `"${database}"."${schema}"."${name.toUpperCase()}"`,
    type: (t) => ({ STRING: 'VARCHAR', INTEGER: 'NUMBER(38,0)', FLOAT: 'FLOAT', BOOLEAN: 'BOOLEAN', TIMESTAMP: 'TIMESTAMP_TZ', DATE: 'DATE', JSON: 'VARIANT' })[t],
    dayNumber: (d) => `DATEDIFF('day', '1970-01-01'::DATE, ${d})`,
    toDate: (ts) => `TO_DATE(CONVERT_TIMEZONE('UTC', ${ts}))`,
    weekStart: (ts) => `TO_DATE(DATE_TRUNC('week', CONVERT_TIMEZONE('UTC', ${ts})))`,
    monthStart: (ts) => `TO_DATE(DATE_TRUNC('month', CONVERT_TIMEZONE('UTC', ${ts})))`,
    minutesBetween: (a, b) => `DATEDIFF('second', ${a}, ${b}) / 60.0`,
    median: (x) => `MEDIAN(${x})`,
    countIf: (b) => `COUNT_IF(${b})`
  }
}
