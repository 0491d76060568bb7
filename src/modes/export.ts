// The export mode: the repository's reliability records into a warehouse, incrementally and idempotently.
//
//   every source file → fingerprint (its bytes, the table's schema version, the export day for snapshots)
//   → plan against the state the warehouse holds → rows of the changed files (bad records reported, left out)
//   → warehouse.replace per table, in batches → state recorded after each batch
//
// An export cut off half-way and re-run ends with the same rows: a batch replaces its files' rows whole,
// and the state says "sent" only after the batch is in.

import { createHash } from 'node:crypto'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { AuditDimension, Config } from '../config/types.js'
import { parseExperimentDoc } from '../experiments/parse.js'
import type { ExperimentDoc } from '../experiments/model.js'
import { actionItemRows, AUDIT_RECORDS_PER_PART, auditRowMaker, experimentRows, incidentRows, type AuditLine, type RowProblem, type SourceRows } from '../export/rows.js'
import { planExport, type SourceFingerprint, type StateEntry } from '../export/plan.js'
import { TABLES, type TableName } from '../export/tables.js'
import { sliceEncoded, type EncodedRows, type RowBatch, type RowEncoding, type Warehouse, type SchemaChange } from '../export/warehouse.js'
import type { RepoFiles } from '../lint/adapters.js'
import { parseOptionsOf } from '../lint/lint-file.js'
import { parsePostmortem } from '../postmortem/parse.js'
import { detectionFromStart, firstRecordNeeded, placeIncident, resolutionFromEnd, withMilestones, type IncidentEnds, type TimelineRecord } from '../review/incidents.js'
import type { ReviewPeriod } from '../review/period.js'
import { collectSyncItems } from '../sync/items.js'

/** Bumped when the rows made from the same file change, so every file is sent again once. */
export const EXPORT_SCHEMA_VERSION = '1'
/** The fingerprint of a file whose rows may be half-way in: it matches no real fingerprint. */
const PENDING = 'pending'
/** How long row making runs before it lets the warehouse's replies in. */
const YIELD_EVERY_MS = 5
/** Rows per warehouse batch: bounds memory and the size of one load job or statement. */
export const BATCH_ROWS = 50_000

export interface ExportAdapters {
  files: Pick<RepoFiles, 'glob' | 'read'>
  /** SHA-256 (hex) of a repository file's bytes, streamed. */
  hashFile(path: string): Promise<string>
  /** An NDJSON file's lines with their numbers, parsed, a run of lines at a time (a bad line is a problem, not a stop). */
  ndjsonLines(path: string): AsyncIterable<readonly AuditLine[]>
  /** An incident timeline, open for its readers until closed: one open per file, not one per reader. */
  openIncident(path: string): IncidentFile
  /**
   * The audit files' parts made on other threads, already encoded, to be taken in the order of `paths`;
   * undefined (or no such adapter) when that is not worth it, and the export makes them itself.
   */
  auditPartsElsewhere?(paths: readonly string[], setup: AuditPartsSetup): AuditParts | undefined
}

export interface AuditPartsSetup {
  repository: string
  dimensions: AuditDimension[]
  encoding: RowEncoding
  /** The audit_scores columns, in the table's order. */
  columns: string[]
}

export interface EncodedAuditPart {
  problems: RowProblem[]
  encoded: EncodedRows
}

export interface AuditParts {
  partsOf(path: string): AsyncIterable<EncodedAuditPart>
  /** Ends the work: the export stopped, or took every part. */
  close(): void
}

export interface IncidentFile {
  ends(firstNeeded: (last: unknown) => boolean): IncidentEnds
  recordsFromStart(): AsyncIterable<TimelineRecord>
  recordsFromEnd(): AsyncIterable<{ value?: unknown }>
  close(): void
}

export interface ExportRequest {
  repository: string
  now: Date
  dryRun: boolean
  /** Progress for long exports (the CLI shows it on a terminal). */
  onProgress?: (table: TableName, done: number, total: number) => void
}

export interface TableSummary {
  table: TableName
  files: number
  sent_files: number
  unchanged_files: number
  removed_files: number
  rows: number
  left_out: number
}

export interface ExportResult {
  warehouse: string
  repository: string
  dry_run: boolean
  schema_changes: string[]
  tables: TableSummary[]
  problems: RowProblem[]
  /** What the export did not read, and why (e.g. incidents kept in Redis). */
  notes: string[]
}

const ALL_TIME: ReviewPeriod = { label: 'all', title: 'all time', startMs: Number.NEGATIVE_INFINITY, endMs: Number.POSITIVE_INFINITY, auditMonth: '' }

interface Source extends SourceFingerprint {
  /** The file's rows, in parts: a large file is read and sent a batch at a time, never held whole. */
  rows: () => AsyncIterable<SourceRows>
}

async function* once(rows: Promise<SourceRows>): AsyncIterable<SourceRows> {
  yield await rows
}

function fingerprint(table: TableName, fileHash: string, extra = ''): string {
  return createHash('sha256').update(`${EXPORT_SCHEMA_VERSION}\u0000${table}\u0000${extra}\u0000${fileHash}`).digest('hex')
}

const textDecoder = new TextDecoder()

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

/** A run of a file's rows, made here (row objects) or elsewhere (already encoded). */
interface Part {
  problems: readonly RowProblem[]
  count: number
  addTo(batch: RowBatch, start: number, end: number): void
}

const madePart = (made: SourceRows): Part => ({
  problems: made.problems,
  count: made.rows.length,
  addTo: (batch, start, end) => batch.add(start === 0 && end === made.rows.length ? made.rows : made.rows.slice(start, end))
})

const encodedPart = (made: EncodedAuditPart): Part => ({
  problems: made.problems,
  count: made.encoded.texts.length,
  addTo: (batch, start, end) => batch.addEncoded(sliceEncoded(made.encoded, start, end))
})

async function* partsOf(made: AsyncIterable<SourceRows>): AsyncIterable<Part> {
  for await (const rows of made) yield madePart(rows)
}

async function* encodedPartsOf(made: AsyncIterable<EncodedAuditPart>): AsyncIterable<Part> {
  for await (const encoded of made) yield encodedPart(encoded)
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

async function listSources(config: Config, request: ExportRequest, adapters: ExportAdapters, notes: string[]): Promise<Source[]> {
  const audit = config.audit
  const review = config.review
  const experiments = config.experiment
  const day = request.now.toISOString().slice(0, 10)
  const { repository } = request
  const sources: Source[] = []
  const addParts = async (table: TableName, paths: readonly string[], rows: (path: string) => AsyncIterable<SourceRows>, extra = '') => {
    for (const path of [...new Set(paths)].sort()) sources.push({ table, source: path, fingerprint: fingerprint(table, await adapters.hashFile(path), extra), rows: () => rows(path) })
  }
  const add = (table: TableName, paths: readonly string[], rows: (path: string) => Promise<SourceRows>, extra = '') => addParts(table, paths, (path) => once(rows(path)), extra)

  const auditFiles = (await adapters.files.glob([`${review.auditDir}/*.ndjson`])).filter((p) => /\/\d{4}-\d{2}\.ndjson$/.test(p))
  if (auditFiles.length === 0) notes.push(`no audit records in ${review.auditDir}/ (run \`reliability-loop audit\` to record some, or set review.audit-dir): the audit_scores table and the audit_rolling_* views stay empty`)
  const dimensions = audit.rubric.dimensions
  const rubricDigest = JSON.stringify(dimensions.map((d) => [d.name, d.scale, d.threshold]))
  await addParts('audit_scores', auditFiles, async function* (path) {
    const make = auditRowMaker(repository, path, dimensions)
    for await (const lines of adapters.ndjsonLines(path)) for (let i = 0; i < lines.length; i += AUDIT_RECORDS_PER_PART) yield make(lines.slice(i, i + AUDIT_RECORDS_PER_PART))
  }, rubricDigest)

  if (review.incidents.source === 'redis') notes.push('incidents are read from Redis (review.incidents.source: redis) and are not exported: only incident files are')
  else {
    const incidentSettings = review.incidents
    await add('incidents', await adapters.files.glob(incidentSettings.paths), async (path) => {
      const file = adapters.openIncident(path)
      try {
        const placement = placeIncident(file.ends((last) => firstRecordNeeded(last, incidentSettings)), incidentSettings, ALL_TIME)
        let incident = placement.incident
        if (incident !== undefined && placement.needsDetection) incident = withMilestones(incident, await detectionFromStart(file.recordsFromStart(), incidentSettings, path))
        if (incident !== undefined && placement.needsResolution) incident = withMilestones(incident, await resolutionFromEnd(file.recordsFromEnd(), incidentSettings))
        const problems = placement.notes.map((n) => ({ source: path, ...(n.line !== undefined && { line: n.line }), message: n.message }))
        return incidentRows(repository, path, incident, problems)
      } finally {
        file.close()
      }
    }, JSON.stringify(incidentSettings))
  }

  const parseOptions = parseOptionsOf(config.lint)
  await add('action_items', await adapters.files.glob(config.lint.postmortems.paths), async (path) => {
    const pm = parsePostmortem(await adapters.files.read(path), path, parseOptions)
    return actionItemRows(repository, path, collectSyncItems([pm]).items, day)
  }, day)

  await add('experiments', await adapters.files.glob(experiments.paths), async (path) => {
    const parsed = parseExperimentDoc(textDecoder.decode(await adapters.files.read(path)), path)
    if (parsed.doc === undefined) {
      const first = parsed.problems[0]
      return { table: 'experiments', source: path, rows: [], problems: [{ source: path, ...(first !== undefined && { line: first.line }), message: `left out: not a valid experiment doc (${first?.message ?? 'unreadable'}); run \`reliability-loop experiment validate\``, leftOut: true }] }
    }
    return experimentRows(repository, { ...parsed.doc, path } as ExperimentDoc)
  })
  return sources
}

export async function runExport(config: Config, request: ExportRequest, adapters: ExportAdapters, warehouse: Warehouse): Promise<ExportResult> {
  const notes: string[] = []
  const problems: RowProblem[] = []
  // The warehouse makes its tables while the files are listed and hashed; a failure of either is thrown
  // only once both have ended, so the warehouse is never closed under a running statement.
  const schemaWork: Promise<SchemaChange[]> = request.dryRun ? Promise.resolve([]) : warehouse.ensureSchema()
  schemaWork.catch(() => undefined)
  const sources = await listSources(config, request, adapters, notes).catch(async (error: unknown) => {
    await schemaWork.catch(() => undefined)
    throw error
  })
  const schemaChanges = await schemaWork
  const state = await warehouse.readState(request.repository)
  const plan = planExport(sources, state)
  const day = request.now.toISOString().slice(0, 10)
  const summaries = new Map<TableName, TableSummary>(TABLES.map((t) => [t.name, { table: t.name, files: 0, sent_files: 0, unchanged_files: 0, removed_files: 0, rows: 0, left_out: 0 }]))
  for (const s of sources) summaries.get(s.table)!.files++
  const toSend = new Map(plan.send.map((s) => [`${s.table}\u0000${s.source}`, s]))

  // Batches are sent one at a time, in order, but the next batch's rows are made while the previous one is
  // being sent: making rows is this thread's work, loading them the warehouse's.
  let sending: Promise<void> = Promise.resolve()
  let lastYield = performance.now()
  const batchRows = warehouse.batchRows ?? BATCH_ROWS
  for (const table of TABLES) {
    const summary = summaries.get(table.name)!
    const changed = sources.filter((s) => s.table === table.name && toSend.has(`${s.table}\u0000${s.source}`))
    const removed = plan.remove.filter((r) => r.table === table.name)
    summary.unchanged_files = summary.files - changed.length
    summary.removed_files = removed.length
    const emptyBatch = (): Batch => ({ sources: [], rows: request.dryRun ? countingBatch() : warehouse.newBatch(table), started: [], finished: [], ranges: new Map() })
    let batch = emptyBatch()
    const flush = async (removedNow: ReadonlyArray<{ table: TableName; source: string }>) => {
      if (batch.sources.length === 0 && batch.rows.rowCount === 0 && batch.finished.length === 0 && removedNow.length === 0) return
      const full = batch
      batch = emptyBatch()
      await sending
      if (request.dryRun) return
      // What the batch does, whatever the sizes of the parts it was made of: the files it starts, each file's
      // range of rows, the files it removes.
      const started = full.started.map((s) => `${s.source}=${s.fingerprint}`)
      const ranges = [...full.ranges].map(([source, r]) => `${source}=${r.fingerprint}@${r.start}+${r.count}`)
      const batchId = createHash('sha256').update([table.name, request.repository, day, ...started, '', ...ranges, '', ...removedNow.map((r) => r.source)].join('\u0000')).digest('hex').slice(0, 40)
      sending = (async () => {
        // The files are known to the warehouse before their rows are: a run cut off after the rows went in
        // leaves them marked pending, so the next run sends them again, or removes their rows if the file is gone.
        if (full.started.length > 0) await warehouse.recordState(request.repository, full.started.map((s) => ({ ...s, fingerprint: PENDING, rowCount: 0 })), [], request.now)
        const replaced = [...full.sources, ...removedNow.map((r) => r.source)]
        if (replaced.length > 0 || full.rows.rowCount > 0) await warehouse.replace(table, request.repository, replaced, full.rows, batchId, table.snapshotColumn === undefined ? undefined : day)
        await warehouse.recordState(request.repository, full.finished, removedNow, request.now)
      })()
      // Handled here so a failure waits, unreported by Node, for the next flush (or the end) to throw it.
      sending.catch(() => undefined)
    }
    const elsewhere = table.name === 'audit_scores' && changed.length > 0 ? adapters.auditPartsElsewhere?.(changed.map((s) => s.source), { repository: request.repository, dimensions: config.audit.rubric.dimensions, encoding: warehouse.rowEncoding, columns: table.columns.map((c) => c.name) }) : undefined
    try {
      for (const [index, source] of changed.entries()) {
        request.onProgress?.(table.name, index + 1, changed.length)
        batch.sources.push(source.source)
        batch.started.push({ table: table.name, source: source.source, fingerprint: source.fingerprint })
        let rowCount = 0
        for await (const part of elsewhere === undefined ? partsOf(source.rows()) : encodedPartsOf(elsewhere.partsOf(source.source))) {
          // Files are read synchronously, so without this the warehouse's replies to the batch being sent
          // would wait, unheard, until this batch is full. Every few milliseconds, not every part: a turn of
          // the event loop per incident file was a third of the incidents' time.
          if (performance.now() - lastYield >= YIELD_EVERY_MS) {
            await yieldToEventLoop()
            lastYield = performance.now()
          }
          problems.push(...part.problems)
          summary.left_out += part.problems.filter((p) => p.leftOut === true).length
          // Batches are cut at exactly batchRows (DuckDB writes whole row groups straight to the file), so a
          // file may go in several: its later batches add to the rows its first one replaced.
          for (let taken = 0; taken < part.count; ) {
            if (batch.rows.rowCount >= batchRows) await flush([])
            const take = Math.min(batchRows - batch.rows.rowCount, part.count - taken)
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
        if (batch.rows.rowCount >= batchRows) await flush([])
      }
    } finally {
      elsewhere?.close()
    }
    await flush(removed)
  }
  await sending
  return {
    warehouse: warehouse.describe,
    repository: request.repository,
    dry_run: request.dryRun,
    schema_changes: schemaChanges.map((c) => c.description),
    tables: [...summaries.values()],
    problems,
    notes
  }
}

