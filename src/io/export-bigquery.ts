// BigQuery over its REST API (v2), with nothing but fetch: each batch is loaded as NDJSON by a load job
// (free, no streaming buffer, so the rows can be merged at once) into a staging table, with a job id derived
// from the batch's content, so a retried or re-run batch is the same job; then one MERGE on record_id
// replaces the batch's files' rows in the target table, and the staging table is dropped.

import { randomUUID } from 'node:crypto'
import { bigqueryDialect } from '../export/dialect.js'
import { requestIdFor } from '../export/request-id.js'
import type { StateEntry } from '../export/plan.js'
import { STATE_COLUMNS, STATE_TABLE, TABLES, type Column, type Row, type TableDefinition, type TableName } from '../export/tables.js'
import { VIEWS } from '../export/views.js'
import { WarehouseError, type SchemaChange, type Warehouse } from '../export/warehouse.js'
import { JsonRowBatch } from './json-row-batch.js'
import { ownBatch } from './own-batch.js'
import { DEFAULT_HTTP_POLICY, HttpRequestError, sendWithRetry, type HttpPolicy, type HttpResponse } from '../sync/retry.js'
import { sanitizeText } from '../util/sanitize.js'
import { dictOrEmpty, type Dict } from '../util/dict.js'

export interface BigQuerySettings {
  project: string
  dataset: string
  location?: string
  token: string
  /** Default https://bigquery.googleapis.com (tests point it at a local server). */
  apiUrl?: string
  fetch?: typeof fetch
  policy?: HttpPolicy
  /** How long to wait for a job, in ms (default 10 minutes). */
  jobTimeoutMs?: number
  sleep?: (ms: number) => Promise<void>
}


const bqType: Record<Column['type'], string> = { STRING: 'STRING', INTEGER: 'INTEGER', FLOAT: 'FLOAT', BOOLEAN: 'BOOLEAN', TIMESTAMP: 'TIMESTAMP', DATE: 'DATE', JSON: 'JSON' }
const fieldsOf = (columns: readonly Column[]) => columns.map((c) => ({ name: c.name, type: bqType[c.type], mode: c.required ? 'REQUIRED' : 'NULLABLE', description: c.description }))

function errorOf(json: unknown): { message: string; reason?: string } {
  const error = dictOrEmpty(dictOrEmpty(json).error)
  const first = dictOrEmpty(Array.isArray(error.errors) ? error.errors[0] : undefined)
  const message = typeof error.message === 'string' ? error.message : typeof json === 'string' ? json : 'no details'
  return { message: sanitizeText(message, { multiline: false, maxLength: 300 }), ...(typeof first.reason === 'string' && { reason: first.reason }) }
}

const isRateLimit = (r: HttpResponse) => r.status === 403 && ['rateLimitExceeded', 'backendError'].includes(errorOf(r.json).reason ?? '')

// Long by design: one closure holds the connection settings, and its helpers and the Warehouse methods
// (each short) share them; splitting it would thread the same settings through every function.
export function openBigQueryWarehouse(settings: BigQuerySettings): Warehouse {
  const apiUrl = (settings.apiUrl ?? 'https://bigquery.googleapis.com').replace(/\/+$/, '')
  const fetchFn = settings.fetch ?? fetch
  const policy = settings.policy ?? DEFAULT_HTTP_POLICY
  const sleep = settings.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)))
  const { project, dataset } = settings
  const dialect = bigqueryDialect(project, dataset)
  const projectPath = `/bigquery/v2/projects/${encodeURIComponent(project)}`
  const datasetPath = `${projectPath}/datasets/${encodeURIComponent(dataset)}`
  const location = settings.location === undefined ? '' : `location=${encodeURIComponent(settings.location)}`

  async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, what: string, body?: unknown, options: { idempotent?: boolean; contentType?: string; raw?: string } = {}): Promise<HttpResponse> {
    let response: HttpResponse
    try {
      response = await sendWithRetry(
        fetchFn,
        {
          url: `${apiUrl}${path}`,
          method,
          headers: { authorization: `Bearer ${settings.token}`, ...(body !== undefined || options.raw !== undefined ? { 'content-type': options.contentType ?? 'application/json' } : {}) },
          ...(options.raw !== undefined ? { body: options.raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
          idempotent: options.idempotent ?? method !== 'POST',
          what
        },
        policy,
        isRateLimit
      )
    } catch (error) {
      if (error instanceof HttpRequestError) throw new WarehouseError(`BigQuery: ${sanitizeText(error.message, { multiline: false, maxLength: 300 })}`, 'check that BigQuery is reachable; the export can be re-run safely')
      throw error
    }
    if (response.status === 401) throw new WarehouseError(`BigQuery refused the credentials (401) for ${what}`, 'the access token is missing, expired or for another project: check the BigQuery credentials', true)
    if (response.status === 403) {
      const { message, reason } = errorOf(response.json)
      const quota = reason === 'quotaExceeded'
      throw new WarehouseError(`BigQuery refused ${what} (403${reason ? ` ${reason}` : ''}): ${message}`, quota ? 'a BigQuery quota is exhausted: wait and re-run (the export resumes where it stopped)' : `the account needs roles/bigquery.dataEditor on dataset ${project}:${dataset} and roles/bigquery.jobUser on project ${project}`, !quota)
    }
    return response
  }

  const fail = (what: string, response: HttpResponse, hint = 'check the project, dataset and location settings') => {
    const { message } = errorOf(response.json)
    return new WarehouseError(`BigQuery: ${what} failed (${response.status}): ${message}`, hint, response.status === 400 || response.status === 404)
  }

  async function waitForJob(jobId: string, what: string): Promise<Dict> {
    const deadline = Date.now() + (settings.jobTimeoutMs ?? 600_000)
    let delay = 250
    for (;;) {
      const r = await call('GET', `${projectPath}/jobs/${encodeURIComponent(jobId)}${location ? `?${location}` : ''}`, `${what} (job ${jobId})`)
      if (r.status >= 400) throw fail(what, r)
      const job = dictOrEmpty(r.json)
      const status = dictOrEmpty(job.status)
      if (status.state === 'DONE') {
        const result = dictOrEmpty(status.errorResult)
        if (typeof result.message === 'string') {
          const details = (Array.isArray(status.errors) ? status.errors : []).slice(0, 3).map((e) => sanitizeText(String(dictOrEmpty(e).message ?? ''), { multiline: false, maxLength: 200 }))
          throw new WarehouseError(`BigQuery: ${what} failed: ${sanitizeText(result.message, { multiline: false, maxLength: 300 })}${details.length > 0 ? ` (${details.join('; ')})` : ''}`, 'the export can be re-run; if it fails again, the rows or the table schema do not match (see docs/export.md)')
        }
        return job
      }
      if (Date.now() > deadline) throw new WarehouseError(`BigQuery: ${what}: job ${jobId} did not finish in time`, 're-run the export later: the job id is the same, so it is not run twice')
      await sleep(delay)
      delay = Math.min(delay * 2, 5000)
    }
  }

  interface QueryOptions {
    params?: Array<{ name: string; type: 'STRING' | 'DATE'; value: string | readonly string[] }>
    requestId?: string
  }

  async function query(sql: string, what: string, options: QueryOptions = {}): Promise<Array<Record<string, unknown>>> {
    const body: Dict = {
      query: sql,
      useLegacySql: false,
      requestId: options.requestId ?? randomUUID(),
      timeoutMs: 10_000,
      ...(settings.location !== undefined && { location: settings.location }),
      ...(options.params !== undefined && {
        parameterMode: 'NAMED',
        queryParameters: options.params.map((p) =>
          typeof p.value === 'string'
            ? { name: p.name, parameterType: { type: p.type }, parameterValue: { value: p.value } }
            : { name: p.name, parameterType: { type: 'ARRAY', arrayType: { type: p.type } }, parameterValue: { arrayValues: p.value.map((v) => ({ value: v })) } }
        )
      })
    }
    // A query with a requestId is idempotent: BigQuery runs it once however often it is sent.
    let r = await call('POST', `${projectPath}/queries`, what, body, { idempotent: true })
    if (r.status >= 400) throw fail(what, r)
    let result = dictOrEmpty(r.json)
    const jobId = String(dictOrEmpty(result.jobReference).jobId ?? '')
    const rows: Array<Record<string, unknown>> = []
    let delay = 250
    for (;;) {
      if (result.jobComplete === true) {
        const fields = (Array.isArray(dictOrEmpty(result.schema).fields) ? (dictOrEmpty(result.schema).fields as unknown[]) : []).map((f) => String(dictOrEmpty(f).name))
        for (const row of Array.isArray(result.rows) ? result.rows : []) {
          const cells = Array.isArray(dictOrEmpty(row).f) ? (dictOrEmpty(row).f as unknown[]) : []
          rows.push(Object.fromEntries(fields.map((name, i) => [name, dictOrEmpty(cells[i]).v ?? null])))
        }
        if (typeof result.pageToken !== 'string') return rows
      } else await sleep((delay = Math.min(delay * 2, 5000)))
      const page = [location, result.jobComplete === true && typeof result.pageToken === 'string' ? `pageToken=${encodeURIComponent(result.pageToken)}` : '', 'timeoutMs=10000'].filter(Boolean).join('&')
      r = await call('GET', `${projectPath}/queries/${encodeURIComponent(jobId)}?${page}`, what)
      if (r.status >= 400) throw fail(what, r)
      result = dictOrEmpty(r.json)
    }
  }

  async function ensureTable(name: string, description: string, columns: readonly Column[], changes: SchemaChange[]): Promise<void> {
    const path = `${datasetPath}/tables/${encodeURIComponent(name)}`
    const got = await call('GET', path, `reading table ${name}`)
    if (got.status === 404) {
      const created = await call('POST', `${datasetPath}/tables`, `creating table ${name}`, { tableReference: { projectId: project, datasetId: dataset, tableId: name }, description, schema: { fields: fieldsOf(columns) } })
      if (created.status >= 400 && created.status !== 409) throw fail(`creating table ${name}`, created)
      changes.push({ description: `created table ${name}` })
      return
    }
    if (got.status >= 400) throw fail(`reading table ${name}`, got)
    const existing = (Array.isArray(dictOrEmpty(dictOrEmpty(got.json).schema).fields) ? (dictOrEmpty(dictOrEmpty(got.json).schema).fields as unknown[]) : []).map(dictOrEmpty)
    const have = new Set(existing.map((f) => String(f.name)))
    const missing = columns.filter((c) => !have.has(c.name))
    if (missing.length === 0) return
    // Columns are only added, as NULLABLE (BigQuery cannot add REQUIRED columns to a table with rows).
    const fields = [...existing, ...fieldsOf(missing).map((f) => ({ ...f, mode: 'NULLABLE' }))]
    const patched = await call('PUT', path, `adding columns to ${name}`, { tableReference: { projectId: project, datasetId: dataset, tableId: name }, schema: { fields } })
    if (patched.status >= 400) throw fail(`adding columns to ${name}`, patched)
    for (const c of missing) changes.push({ description: `added column ${name}.${c.name}` })
  }

  async function load(table: TableDefinition, stage: string, rows: JsonRowBatch, batchId: string): Promise<void> {
    const jobId = `reliability_loop_${table.name}_${batchId}`
    const job = {
      jobReference: { projectId: project, jobId, ...(settings.location !== undefined && { location: settings.location }) },
      configuration: {
        load: {
          destinationTable: { projectId: project, datasetId: dataset, tableId: stage },
          sourceFormat: 'NEWLINE_DELIMITED_JSON',
          schema: { fields: fieldsOf(table.columns) },
          writeDisposition: 'WRITE_TRUNCATE',
          createDisposition: 'CREATE_IF_NEEDED'
        }
      }
    }
    const boundary = `reliability-loop-${batchId}`
    const body = [`--${boundary}`, 'Content-Type: application/json; charset=UTF-8', '', JSON.stringify(job), `--${boundary}`, 'Content-Type: application/octet-stream', '', rows.ndjson(), `--${boundary}--`, ''].join('\r\n')
    // The job id is the batch's: sending it again (a retry, or a re-run after a cut) finds the same job (409).
    const r = await call('POST', `/upload${projectPath}/jobs?uploadType=multipart`, `loading ${rows.rowCount} rows into ${table.name}`, undefined, { idempotent: true, contentType: `multipart/related; boundary=${boundary}`, raw: body })
    if (r.status >= 400 && r.status !== 409) throw fail(`loading rows into ${table.name}`, r)
    await waitForJob(jobId, `loading rows into ${table.name}`)
  }

  const scopeParams = (repository: string, sources: readonly string[], snapshotDate?: string): NonNullable<QueryOptions['params']> => [
    { name: 'repository', type: 'STRING', value: repository },
    { name: 'sources', type: 'STRING', value: sources },
    ...(snapshotDate === undefined ? [] : [{ name: 'snapshot', type: 'DATE' as const, value: snapshotDate }])
  ]

  return {
    describe: `BigQuery ${project}:${dataset}`,
    async ensureSchema() {
      const changes: SchemaChange[] = []
      const got = await call('GET', datasetPath, `reading dataset ${dataset}`)
      if (got.status === 404) {
        const created = await call('POST', `${projectPath}/datasets`, `creating dataset ${dataset}`, { datasetReference: { projectId: project, datasetId: dataset }, ...(settings.location !== undefined && { location: settings.location }), description: 'Reliability records exported by reliability-loop.' })
        if (created.status >= 400 && created.status !== 409) throw fail(`creating dataset ${dataset}`, created, `check that project ${project} exists and the account may create datasets, or create ${dataset} yourself`)
        changes.push({ description: `created dataset ${dataset}` })
      } else if (got.status >= 400) throw fail(`reading dataset ${dataset}`, got)
      for (const table of TABLES) await ensureTable(table.name, table.description, table.columns, changes)
      await ensureTable(STATE_TABLE, 'What reliability-loop export has sent, per table and source file.', STATE_COLUMNS, changes)
      for (const view of VIEWS) {
        await query(`CREATE OR REPLACE VIEW ${dialect.table(view.name)} OPTIONS (description = ${JSON.stringify(view.description)}) AS\n${view.sql(dialect)}`, `creating view ${view.name}`)
      }
      return changes
    },
    async readState(repository) {
      const got = await call('GET', `${datasetPath}/tables/${encodeURIComponent(STATE_TABLE)}`, 'reading the export state')
      if (got.status === 404) return []
      const rows = await query(`SELECT table_name, source, fingerprint, row_count FROM ${dialect.table(STATE_TABLE)} WHERE repository = @repository`, 'reading the export state', { params: [{ name: 'repository', type: 'STRING', value: repository }] })
      return rows.map((r) => ({ table: String(r.table_name) as TableName, source: String(r.source), fingerprint: String(r.fingerprint), rowCount: Number(r.row_count) }))
    },
    rowEncoding: 'json',
    newBatch: () => new JsonRowBatch(),
    async replace(table, repository, sources, batch, batchId, snapshotDate) {
      const rows = ownBatch(batch, JsonRowBatch, 'BigQuery')
      const snapshot = snapshotDate !== undefined && table.snapshotColumn !== undefined ? snapshotDate : undefined
      const scope = `T.repository = @repository AND T.source IN UNNEST(@sources)${snapshot === undefined ? '' : ` AND T.${table.snapshotColumn} = @snapshot`}`
      const params = scopeParams(repository, sources, snapshot)
      if (rows.rowCount === 0) {
        await query(`DELETE FROM ${dialect.table(table.name)} T WHERE ${scope}`, `removing rows from ${table.name}`, { params, requestId: requestIdFor(batchId) })
        return
      }
      const stage = `_reliability_loop_stage_${table.name}_${batchId.slice(0, 16)}`
      await load(table, stage, rows, batchId)
      const names = table.columns.map((c) => c.name)
      await query(
        `MERGE INTO ${dialect.table(table.name)} T USING ${dialect.table(stage)} S ON T.record_id = S.record_id
WHEN MATCHED THEN UPDATE SET ${names.filter((n) => n !== 'record_id').map((n) => `${n} = S.${n}`).join(', ')}
WHEN NOT MATCHED BY TARGET THEN INSERT (${names.join(', ')}) VALUES (${names.map((n) => `S.${n}`).join(', ')})${
          // A file's later batches add to its rows: only a batch that starts files removes their old rows.
          sources.length === 0 ? '' : `\nWHEN NOT MATCHED BY SOURCE AND ${scope} THEN DELETE`
        }`,
        `merging rows into ${table.name}`,
        { ...(sources.length > 0 && { params }), requestId: requestIdFor(batchId) }
      )
      const dropped = await call('DELETE', `${datasetPath}/tables/${encodeURIComponent(stage)}`, `dropping the staging table ${stage}`)
      if (dropped.status >= 400 && dropped.status !== 404) throw fail(`dropping the staging table ${stage}`, dropped)
    },
    async recordState(repository, sent: readonly StateEntry[], removed, at) {
      const keys = [...sent, ...removed].map((e) => `${e.table}\u0000${e.source}`)
      if (keys.length === 0) return
      const literal = (s: string) => JSON.stringify(s)
      const values = sent.map((s) => `(${literal(s.table)}, @repository, ${literal(s.source)}, ${literal(s.fingerprint)}, ${s.rowCount}, TIMESTAMP ${literal(at.toISOString())})`)
      await query(
        `DELETE FROM ${dialect.table(STATE_TABLE)} WHERE repository = @repository AND CONCAT(table_name, CODE_POINTS_TO_STRING([0]), source) IN UNNEST(@keys);${values.length === 0 ? '' : `\nINSERT INTO ${dialect.table(STATE_TABLE)} (table_name, repository, source, fingerprint, row_count, exported_at) VALUES ${values.join(', ')};`}`,
        'recording the export state',
        { params: [{ name: 'repository', type: 'STRING', value: repository }, { name: 'keys', type: 'STRING', value: keys }] }
      )
    },
    async close() {}
  }
}

