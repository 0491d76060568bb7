// Repository records → warehouse rows (pure). Every row gets a stable record_id, so loading the same rows
// twice changes nothing; a record that does not fit the schema is reported with its file and line and left
// out, never half-loaded.

import { hash } from 'node:crypto'
import { recordOf } from '../audit/store.js'
import type { AuditDimension } from '../config/types.js'
import type { ExperimentDoc } from '../experiments/model.js'
import type { Incident } from '../review/incidents.js'
import type { SyncItem } from '../sync/items.js'
import { TABLES, type Column, type ColumnType, type Row, type TableName } from './tables.js'

export interface RowProblem {
  source: string
  line?: number
  message: string
  /** The record was not loaded (it does not fit the schema); without it, a note about data that was loaded. */
  leftOut?: true
}

export interface SourceRows {
  table: TableName
  source: string
  rows: Row[]
  problems: RowProblem[]
}

export function recordId(...parts: readonly string[]): string {
  return recordIdOfJoined(parts.join('\u0000'))
}

/** recordId of parts already joined with NUL: a record's rows share all parts but the last. */
function recordIdOfJoined(joined: string): string {
  // The one-shot hash: a million rows make a million ids, and createHash's object per id was a fifth of an export.
  return hash('sha256', joined, 'hex').slice(0, 32)
}

const iso = (ms: number | undefined): string | null => (ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString())
const DAY = /^\d{4}-\d{2}-\d{2}$/
const date = (value: string | undefined): string | null => (value !== undefined && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null)

/**
 * A UTC timestamp as toISOString writes it, with a day no month lacks: valid without parsing it. Every row
 * maker writes its timestamps so, and Date.parse per row was a twentieth of an export; others are parsed.
 */
const CERTAIN_TIMESTAMP = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/

type ColumnCheck = (value: NonNullable<Row[string]>) => boolean

const COLUMN_CHECKS: Record<ColumnType, ColumnCheck> = {
  STRING: (v) => typeof v === 'string',
  JSON: (v) => typeof v === 'string',
  INTEGER: (v) => Number.isInteger(v),
  FLOAT: (v) => typeof v === 'number' && Number.isFinite(v),
  BOOLEAN: (v) => typeof v === 'boolean',
  DATE: (v) => typeof v === 'string' && date(v) !== null,
  TIMESTAMP: (v) => typeof v === 'string' && (CERTAIN_TIMESTAMP.test(v) || !Number.isNaN(Date.parse(v)))
}

/** Each table's columns with their checks, looked up once: every row of an export is checked. */
const CHECKED_COLUMNS = new Map<TableName, ReadonlyArray<{ column: Column; check: ColumnCheck }>>(
  TABLES.map((t) => [t.name, t.columns.map((column) => ({ column, check: COLUMN_CHECKS[column.type] }))])
)

/** A row's problems against its table: required columns present, values of the column's type. */
export function rowProblems(table: TableName, row: Row): string[] {
  const problems: string[] = []
  for (const { column, check } of CHECKED_COLUMNS.get(table) ?? []) {
    const value = row[column.name]
    if (value === null || value === undefined) {
      if (column.required) problems.push(`${column.name} is missing`)
      continue
    }
    if (!check(value)) problems.push(`${column.name} is not a ${column.type.toLowerCase()}: ${JSON.stringify(value).slice(0, 60)}`)
  }
  return problems
}

function accept(out: SourceRows, row: Row, line?: number): void {
  const problems = rowProblems(out.table, row)
  if (problems.length === 0) out.rows.push(row)
  else out.problems.push({ source: out.source, ...(line !== undefined && { line }), message: `left out: ${problems.join('; ')}`, leftOut: true })
}

/**
 * Audit records made into rows at a time. A few hundred: their rows are encoded and dropped before the young
 * generation is collected, so they never reach the old one (larger parts left 100 MB of dead rows between
 * full collections, and made a million-row export a fifth slower).
 */
export const AUDIT_RECORDS_PER_PART = 256

export interface AuditLine {
  line: number
  value?: unknown
  problem?: string
}

/**
 * The rows of one audit-records file, made a run of lines at a time so a large file is never held whole:
 * each call turns the next lines into rows. Records duplicated by key are loaded once across the file.
 */
export function auditRowMaker(repository: string, source: string, dimensions: readonly AuditDimension[]): (lines: Iterable<AuditLine>) => SourceRows {
  const byName = new Map(dimensions.map((d) => [d.name, d]))
  // The dimensions loaded so far per record key (every part of the id but the dimension): one entry per
  // record, not per row, and a duplicated record adds only the dimensions it has that the first had not.
  const loaded = new Map<string, string[]>()
  return (lines) => {
    const out: SourceRows = { table: 'audit_scores', source, rows: [], problems: [] }
    for (const { line, value, problem } of lines) {
      if (problem !== undefined) {
        out.problems.push({ source, line, message: `left out: ${problem}`, leftOut: true })
        continue
      }
      const record = recordOf(value)
      if (record === undefined) {
        out.problems.push({ source, line, message: 'left out: not an audit record (needs period, seed, transcript, sha256, rubric_version, scorer and scores)', leftOut: true })
        continue
      }
      const scoredMs = Date.parse(record.scored_at)
      const scoredAt = Number.isNaN(scoredMs) ? null : new Date(scoredMs).toISOString()
      const idPrefix = [repository, record.period, record.seed, record.sha256, record.rubric_version, record.scorer, ''].join('\u0000')
      const dimensionsOfRecord = Object.keys(record.scores)
      const earlier = loaded.get(idPrefix)
      if (earlier === undefined) loaded.set(idPrefix, dimensionsOfRecord)
      for (const dimension of dimensionsOfRecord) {
        if (earlier !== undefined) {
          if (earlier.includes(dimension)) continue
          earlier.push(dimension)
        }
        const score = record.scores[dimension] ?? null
        const id = recordIdOfJoined(idPrefix + dimension)
        const rubric = byName.get(dimension)
        const normalised = score === null ? null : rubric?.scale === '1-5' ? (score - 1) / 4 : score
        accept(
          out,
          {
            record_id: id,
            repository,
            source,
            period: record.period,
            transcript: record.transcript,
            content_sha256: record.sha256,
            stratum: record.stratum,
            scorer: record.scorer,
            model: record.model,
            dimension,
            score,
            score_normalised: normalised,
            pass: rubric === undefined ? null : score !== null && score >= rubric.threshold,
            reason: record.reasons[dimension] ?? null,
            rubric_version: record.rubric_version,
            seed: record.seed,
            scored_at: scoredAt
          },
          line
        )
      }
    }
    return out
  }
}

/** One whole audit-records file (NDJSON lines) → one row per record and dimension. */
export function auditRows(repository: string, source: string, lines: Iterable<AuditLine>, dimensions: readonly AuditDimension[]): SourceRows {
  return auditRowMaker(repository, source, dimensions)(lines)
}

/** One incident timeline → its row. */
export function incidentRows(repository: string, source: string, incident: Incident | undefined, notes: readonly RowProblem[]): SourceRows {
  const out: SourceRows = { table: 'incidents', source, rows: [], problems: [...notes] }
  if (incident === undefined) return out
  accept(out, {
    record_id: recordId(repository, 'incident', source),
    repository,
    source,
    incident_id: incident.id,
    severity: incident.severity,
    status: incident.status,
    resolved: incident.resolved,
    title: incident.title,
    started_at: iso(incident.startedMs),
    detected_at: iso(incident.detectedMs),
    resolved_at: iso(incident.resolvedMs),
    postmortem_id: incident.postmortem ?? null
  })
  return out
}

/** The action items of one postmortem on the snapshot day. */
export function actionItemRows(repository: string, source: string, items: readonly SyncItem[], snapshotDate: string): SourceRows {
  const out: SourceRows = { table: 'action_items', source, rows: [], problems: [] }
  for (const item of items) {
    const due = date(item.due)
    accept(
      out,
      {
        record_id: recordId(repository, snapshotDate, item.key),
        repository,
        source,
        snapshot_date: snapshotDate,
        postmortem_id: item.postmortemId,
        item_key: item.key,
        summary: item.summary,
        owner: item.owner ?? null,
        due,
        is_open: !item.checked,
        ticket: item.ref?.id ?? item.ref?.url ?? null,
        overdue: !item.checked && due !== null && due < snapshotDate,
        severity: item.severity ?? null
      },
      item.line
    )
  }
  return out
}

/** One experiment doc → its row. */
export function experimentRows(repository: string, doc: ExperimentDoc): SourceRows {
  const out: SourceRows = { table: 'experiments', source: doc.path, rows: [], problems: [] }
  accept(out, {
    record_id: recordId(repository, 'experiment', doc.path),
    repository,
    source: doc.path,
    experiment_id: doc.id,
    name: doc.name,
    owner: doc.owner,
    status: doc.status,
    change_type: doc.change.type,
    change_ref: doc.change.ref,
    outcome: doc.outcome ?? null,
    metrics: JSON.stringify({ metrics: doc.metrics, ...(doc.results !== undefined && { results: doc.results }) }),
    created: date(doc.created),
    concluded: date(doc.concluded)
  })
  return out
}
