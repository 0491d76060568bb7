// The export's sources: every file the tables are made from, with its fingerprint, and how its rows are made.

import { createHash } from 'node:crypto'
import type { Config } from '../config/types.js'
import { parseExperimentDoc } from '../experiments/parse.js'
import type { ExperimentDoc } from '../experiments/model.js'
import { actionItemRows, AUDIT_RECORDS_PER_PART, auditRowMaker, experimentRows, incidentRows, type SourceRows } from '../export/rows.js'
import type { SourceFingerprint } from '../export/plan.js'
import type { TableName } from '../export/tables.js'
import { parseOptionsOf } from '../lint/lint-file.js'
import { parsePostmortem } from '../postmortem/parse.js'
import { detectionFromStart, firstRecordNeeded, placeIncident, resolutionFromEnd, withMilestones } from '../review/incidents.js'
import type { ReviewPeriod } from '../review/period.js'
import { collectSyncItems } from '../sync/items.js'
import type { ExportAdapters, ExportRequest } from './export-types.js'

/** Bumped when the rows made from the same file change, so every file is sent again once. */
export const EXPORT_SCHEMA_VERSION = '1'

const ALL_TIME: ReviewPeriod = { label: 'all', title: 'all time', startMs: Number.NEGATIVE_INFINITY, endMs: Number.POSITIVE_INFINITY, auditMonth: '' }

export interface Source extends SourceFingerprint {
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

/** Adds sources, each file hashed, in path order. */
function sourceAdder(adapters: ExportAdapters, sources: Source[]) {
  const addParts = async (table: TableName, paths: readonly string[], rows: (path: string) => AsyncIterable<SourceRows>, extra = '') => {
    for (const path of [...new Set(paths)].sort()) sources.push({ table, source: path, fingerprint: fingerprint(table, await adapters.hashFile(path), extra), rows: () => rows(path) })
  }
  const add = (table: TableName, paths: readonly string[], rows: (path: string) => Promise<SourceRows>, extra = '') => addParts(table, paths, (path) => once(rows(path)), extra)
  return { addParts, add }
}

/**
 * The audit-records files (`<audit dir>/YYYY-MM.ndjson`), hashed, in a stable order: listed before the
 * other tables' files, because their rows are most of an export's work and can start once these are known.
 */
export async function listAuditSources(config: Config, request: ExportRequest, adapters: ExportAdapters, notes: string[]): Promise<Source[]> {
  const { auditDir } = config.review
  const { repository } = request
  const sources: Source[] = []
  const auditFiles = (await adapters.files.glob([`${auditDir}/*.ndjson`])).filter((p) => /\/\d{4}-\d{2}\.ndjson$/.test(p))
  if (auditFiles.length === 0) notes.push(`no audit records in ${auditDir}/ (run \`reliability-loop audit\` to record some, or set review.audit-dir): the audit_scores table and the audit_rolling_* views stay empty`)
  const dimensions = config.audit.rubric.dimensions
  const rubricDigest = JSON.stringify(dimensions.map((d) => [d.name, d.scale, d.threshold]))
  await sourceAdder(adapters, sources).addParts('audit_scores', auditFiles, async function* (path) {
    const make = auditRowMaker(repository, path, dimensions)
    for await (const lines of adapters.ndjsonLines(path)) for (let i = 0; i < lines.length; i += AUDIT_RECORDS_PER_PART) yield make(lines.slice(i, i + AUDIT_RECORDS_PER_PART))
  }, rubricDigest)
  return sources
}

/** Every file of the other tables (incidents, action items, experiments), hashed, in a stable order. */
export async function listOtherSources(config: Config, request: ExportRequest, adapters: ExportAdapters, notes: string[]): Promise<Source[]> {
  const review = config.review
  const experiments = config.experiment
  const day = request.now.toISOString().slice(0, 10)
  const { repository } = request
  const sources: Source[] = []
  const { add } = sourceAdder(adapters, sources)

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
