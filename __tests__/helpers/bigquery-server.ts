// A fake BigQuery on 127.0.0.1: the REST API v2 endpoints the export uses (datasets, tables, multipart load
// jobs, jobs.get, jobs.query, jobs.getQueryResults), with request bodies validated against Google's discovery
// document (unknown fields refused, as Google's APIs refuse them), Bearer auth, and the SQL executed for real
// on an in-memory DuckDB after a small translation of the BigQuery syntax the export writes (backquoted
// names, @parameters, UNNEST), so a MERGE that would not do what it says fails here.
// Load jobs honour their job id (a second insert of the same id answers 409) and validate each NDJSON row
// against the job's schema (types, REQUIRED); queries honour requestId. Jobs and queries first answer
// "not done", so the client's polling runs. Faults can be queued: a status (429, 500, 503, 403
// rateLimitExceeded), or a connection reset after the request was carried out.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync, readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import { DuckDBInstance, LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api'
import { BIGQUERY_CONTRACT_PATH } from './contracts.js'

/** The discovery document (derived into __tests__/contracts/ by scripts/contracts.mjs). */
export function bigQueryDiscoveryPath(): string | undefined {
  return existsSync(BIGQUERY_CONTRACT_PATH) ? BIGQUERY_CONTRACT_PATH : undefined
}

type Dict = Record<string, unknown>
const dict = (v: unknown): Dict => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Dict) : {})

/** Discovery schema → JSON Schema (draft-07) for ajv. */
function toJsonSchema(node: Dict): Dict {
  if (typeof node.$ref === 'string') return { $ref: `#/definitions/${node.$ref}` }
  const out: Dict = {}
  switch (node.type) {
    case 'object': {
      out.type = 'object'
      if (node.properties !== undefined) {
        out.properties = Object.fromEntries(Object.entries(dict(node.properties)).map(([k, v]) => [k, toJsonSchema(dict(v))]))
        if (node.additionalProperties === undefined) out.additionalProperties = false
      }
      if (node.additionalProperties !== undefined) out.additionalProperties = toJsonSchema(dict(node.additionalProperties))
      break
    }
    case 'array':
      out.type = 'array'
      out.items = toJsonSchema(dict(node.items))
      break
    case 'string':
      // int64 and uint64 travel as strings; Google also accepts numbers for them.
      out.type = node.format === 'int64' || node.format === 'uint64' ? ['string', 'integer'] : 'string'
      if (Array.isArray(node.enum)) out.enum = node.enum
      break
    case 'integer':
    case 'number':
    case 'boolean':
      out.type = node.type
      break
    default:
      break
  }
  return out
}

interface FakeJob {
  job: Dict
  polls: number
  result?: { fields: string[]; rows: unknown[][] }
  error?: string
}

export type BigQueryFault = { status: number; reason?: string; retryAfter?: number } | { reset: 'after' }

export interface FakeBigQuery {
  url: string
  token: string
  /** Requests received, method and path, in order. */
  requests: Array<{ method: string; path: string }>
  /** Faults for the next matching requests (`kind` of request: `load`, `query`, `getJob`, `getResults`, `table`, `dataset`). */
  fault(kind: string, fault: BigQueryFault): void
  /** Rows of a table, sorted by record_id. */
  rows(table: string): Promise<Array<Record<string, unknown>>>
  tables(): string[]
  views(): string[]
  close(): Promise<void>
}

export async function startFakeBigQuery(options: { project: string; token?: string }): Promise<FakeBigQuery> {
  const path = bigQueryDiscoveryPath()
  if (path === undefined) throw new Error('BigQuery discovery document not found')
  const discovery = JSON.parse(readFileSync(path, 'utf8')) as Dict
  const ajv = new Ajv({ allErrors: true, strict: false })
  ajv.addSchema({ $id: 'bq', definitions: Object.fromEntries(Object.entries(dict(discovery.schemas)).map(([k, v]) => [k, toJsonSchema(dict(v))])) })
  const validators = new Map<string, ValidateFunction>()
  const validate = (schema: string, body: unknown): string | undefined => {
    let v = validators.get(schema)
    if (!v) validators.set(schema, (v = ajv.getSchema(`bq#/definitions/${schema}`)!))
    return v(body) ? undefined : ajv.errorsText(v.errors)
  }

  const instance = await DuckDBInstance.create(':memory:')
  const db: DuckDBConnection = await instance.connect()
  const token = options.token ?? 'ya29.fake-token'
  const datasets = new Set<string>()
  const tables = new Map<string, { fields: Dict[]; description?: string }>()
  const views = new Map<string, string>()
  const jobs = new Map<string, FakeJob>()
  const requestIds = new Map<string, string>()
  const faults: Array<{ kind: string; fault: BigQueryFault }> = []
  const requests: FakeBigQuery['requests'] = []
  let jobCounter = 0

  const duckType: Record<string, string> = { STRING: 'VARCHAR', INTEGER: 'BIGINT', INT64: 'BIGINT', FLOAT: 'DOUBLE', FLOAT64: 'DOUBLE', BOOLEAN: 'BOOLEAN', BOOL: 'BOOLEAN', TIMESTAMP: 'TIMESTAMPTZ', DATE: 'DATE', JSON: 'JSON' }
  const createDuckTable = async (name: string, fields: Dict[]) => {
    await db.run(`CREATE OR REPLACE TABLE "${name}" (${fields.map((f) => `"${String(f.name)}" ${duckType[String(f.type)] ?? 'VARCHAR'}`).join(', ')})`)
  }

  /** The BigQuery SQL the export writes, as DuckDB runs it. */
  const translate = (sql: string) =>
    sql
      .replace(/"((?:[^"\\]|\\.)*)"/g, (_m, s: string) => `'${(JSON.parse(`"${s}"`) as string).replace(/'/g, "''")}'`)
      .replace(/`[^`.]+\.[^`.]+\.([^`]+)`/g, '"$1"')
      .replace(/IN UNNEST\(@(\w+)\)/g, 'IN (SELECT unnest($$$1))')
      .replace(/CODE_POINTS_TO_STRING\(\[0\]\)/g, 'chr(0)')
      .replace(/TIMESTAMP '/g, "TIMESTAMPTZ '")
      .replace(/@(\w+)/g, '$$$1')

  const error = (res: ServerResponse, status: number, message: string, reason = 'invalid') => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ error: { code: status, message, errors: [{ reason, message }] } }))
  }
  const ok = (res: ServerResponse, body: unknown, status = 200) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }

  function rowProblem(fields: Dict[], row: Dict): string | undefined {
    const names = new Set(fields.map((f) => String(f.name)))
    for (const key of Object.keys(row)) if (!names.has(key)) return `no such field: ${key}`
    for (const f of fields) {
      const v = row[String(f.name)]
      if (v === null || v === undefined) {
        if (f.mode === 'REQUIRED') return `missing required field: ${String(f.name)}`
        continue
      }
      const t = String(f.type)
      const bad = (t === 'STRING' || t === 'JSON') ? typeof v !== 'string' : t === 'BOOLEAN' ? typeof v !== 'boolean' : t === 'FLOAT' || t === 'INTEGER' ? typeof v !== 'number' : t === 'DATE' ? !/^\d{4}-\d{2}-\d{2}$/.test(String(v)) : t === 'TIMESTAMP' ? Number.isNaN(Date.parse(String(v))) : false
      if (bad) return `invalid value for ${String(f.name)} (${t}): ${JSON.stringify(v)}`
    }
    return undefined
  }

  async function runQuery(sql: string, params: unknown[]): Promise<FakeJob['result']> {
    const named: Record<string, unknown> = {}
    // Arrays are typed as BigQuery types them (ARRAY<STRING>), so an empty one is valid, as it is in BigQuery.
    const types: Record<string, unknown> = {}
    for (const p of params.map(dict)) {
      if (Array.isArray(dict(p.parameterValue).arrayValues)) types[String(p.name)] = LIST(VARCHAR)
      const value = dict(p.parameterValue)
      named[String(p.name)] = Array.isArray(value.arrayValues) ? listValue(value.arrayValues.map((a) => String(dict(a).value))) : String(value.value)
    }
    let result: FakeJob['result']
    for (const statement of sql.split(/;\s*\n|;\s*$/).map((s) => s.trim()).filter(Boolean)) {
      const view = /^CREATE OR REPLACE VIEW `[^`]+\.([^`.]+)`/.exec(statement)
      if (view) {
        // BigQuery's functions (UNIX_DATE, APPROX_QUANTILES) are not DuckDB's: the view is kept, not run; the
        // same definitions are run for real on DuckDB by the DuckDB export tests.
        for (const [, table] of statement.matchAll(/`[^`.]+\.[^`.]+\.([^`]+)`/g)) if (table !== view[1] && !tables.has(table!)) throw new Error(`Not found: Table ${table}`)
        views.set(view[1]!, statement)
        continue
      }
      const used = Object.fromEntries(Object.entries(named).filter(([k]) => new RegExp(`@${k}\\b`).test(statement)))
      const usedTypes = Object.fromEntries(Object.entries(types).filter(([k]) => k in used))
      const reader = await db.runAndReadAll(translate(statement), used as never, usedTypes as never)
      result = { fields: reader.columnNames(), rows: reader.getRowsJson() as unknown[][] }
    }
    return result
  }

  const queryResponse = (jobId: string, job: FakeJob) => {
    if (job.polls++ === 0) return { kind: 'bigquery#queryResponse', jobReference: { projectId: options.project, jobId }, jobComplete: false }
    const rows = job.result?.rows ?? []
    return {
      kind: 'bigquery#getQueryResultsResponse',
      jobReference: { projectId: options.project, jobId },
      jobComplete: true,
      schema: { fields: (job.result?.fields ?? []).map((name) => ({ name, type: 'STRING' })) },
      rows: rows.map((r) => ({ f: r.map((v) => ({ v: v === null ? null : String(v) })) })),
      totalRows: String(rows.length)
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x')
    const p = url.pathname
    requests.push({ method: req.method ?? '', path: p })
    if (req.headers.authorization !== `Bearer ${token}`) return error(res, 401, 'Request had invalid authentication credentials.', 'authError')
    const kind = p.startsWith('/upload/') ? 'load' : /\/queries$/.test(p) ? 'query' : /\/queries\//.test(p) ? 'getResults' : /\/jobs\//.test(p) ? 'getJob' : /\/tables/.test(p) ? 'table' : 'dataset'
    const fi = faults.findIndex((f) => f.kind === kind)
    const fault = fi >= 0 ? faults.splice(fi, 1)[0]!.fault : undefined
    if (fault && 'status' in fault) {
      if (fault.retryAfter !== undefined) res.setHeader('retry-after', String(fault.retryAfter))
      return error(res, fault.status, 'injected', fault.reason ?? 'backendError')
    }
    const json = () => {
      try {
        return JSON.parse(body.toString('utf8')) as unknown
      } catch {
        return undefined
      }
    }
    const base = `/bigquery/v2/projects/${options.project}`
    let m: RegExpExecArray | null
    const respond = async () => {
      if (!p.startsWith(base) && !p.startsWith(`/upload${base}`)) return error(res, 404, `Not found: project ${p}`, 'notFound')
      if (req.method === 'GET' && (m = /^\/bigquery\/v2\/projects\/[^/]+\/datasets\/([^/]+)$/.exec(p))) {
        return datasets.has(m[1]!) ? ok(res, { kind: 'bigquery#dataset', datasetReference: { projectId: options.project, datasetId: m[1] } }) : error(res, 404, `Not found: Dataset ${options.project}:${m[1]}`, 'notFound')
      }
      if (req.method === 'POST' && p === `${base}/datasets`) {
        const problem = validate('Dataset', json())
        if (problem) return error(res, 400, `Invalid Dataset: ${problem}`)
        const id = String(dict(dict(json()).datasetReference).datasetId)
        if (datasets.has(id)) return error(res, 409, `Already Exists: Dataset ${options.project}:${id}`, 'duplicate')
        datasets.add(id)
        return ok(res, json())
      }
      if ((m = /^\/bigquery\/v2\/projects\/[^/]+\/datasets\/([^/]+)\/tables(?:\/([^/]+))?$/.exec(p))) {
        const [, ds, table] = m
        if (!datasets.has(ds!)) return error(res, 404, `Not found: Dataset ${options.project}:${ds}`, 'notFound')
        if (req.method === 'POST' && table === undefined) {
          const problem = validate('Table', json())
          if (problem) return error(res, 400, `Invalid Table: ${problem}`)
          const id = String(dict(dict(json()).tableReference).tableId)
          if (tables.has(id)) return error(res, 409, `Already Exists: Table ${id}`, 'duplicate')
          const fields = (dict(dict(json()).schema).fields as Dict[]) ?? []
          tables.set(id, { fields })
          await createDuckTable(id, fields)
          return ok(res, json())
        }
        const t = table === undefined ? undefined : tables.get(table)
        if (req.method === 'GET') return t ? ok(res, { tableReference: { projectId: options.project, datasetId: ds, tableId: table }, schema: { fields: t.fields } }) : error(res, 404, `Not found: Table ${options.project}:${ds}.${table}`, 'notFound')
        if (req.method === 'PUT' && t) {
          const problem = validate('Table', json())
          if (problem) return error(res, 400, `Invalid Table: ${problem}`)
          const fields = (dict(dict(json()).schema).fields as Dict[]) ?? []
          const have = new Set(t.fields.map((f) => String(f.name)))
          for (const f of fields.filter((x) => !have.has(String(x.name)))) {
            if (f.mode === 'REQUIRED') return error(res, 400, `Provided Schema does not match Table. Cannot add required field ${String(f.name)}`)
            await db.run(`ALTER TABLE "${table}" ADD COLUMN "${String(f.name)}" ${duckType[String(f.type)] ?? 'VARCHAR'}`)
          }
          t.fields = fields
          return ok(res, json())
        }
        if (req.method === 'DELETE' && t) {
          tables.delete(table!)
          await db.run(`DROP TABLE "${table}"`)
          res.writeHead(204).end()
          return
        }
        return error(res, 404, `Not found: Table ${table}`, 'notFound')
      }
      if (req.method === 'POST' && p === `/upload${base}/jobs`) {
        if (url.searchParams.get('uploadType') !== 'multipart') return error(res, 400, 'uploadType must be multipart here')
        const boundary = /boundary=([^;]+)/.exec(String(req.headers['content-type']))?.[1]
        if (!String(req.headers['content-type']).startsWith('multipart/related') || boundary === undefined) return error(res, 400, 'Content-Type must be multipart/related with a boundary')
        const parts = body.toString('utf8').split(`--${boundary}`).slice(1, -1).map((part) => part.replace(/^\r\n/, '').split('\r\n\r\n'))
        if (parts.length !== 2) return error(res, 400, 'expected a metadata part and a media part')
        const metadata = JSON.parse(parts[0]![1]!.replace(/\r\n$/, '')) as Dict
        const problem = validate('Job', metadata)
        if (problem) return error(res, 400, `Invalid Job: ${problem}`)
        const jobId = String(dict(metadata.jobReference).jobId)
        if (!/^[A-Za-z0-9_-]{1,1024}$/.test(jobId)) return error(res, 400, `Invalid job ID "${jobId}"`)
        if (jobs.has(jobId)) return error(res, 409, `Already Exists: Job ${options.project}:${jobId}`, 'duplicate')
        const load = dict(dict(metadata.configuration).load)
        const dest = dict(load.destinationTable)
        const fields = (dict(load.schema).fields as Dict[]) ?? []
        const job: FakeJob = { job: { ...metadata, status: { state: 'RUNNING' } }, polls: 0 }
        jobs.set(jobId, job)
        const lines = parts[1]![1]!.replace(/\r\n$/, '').split('\n').filter((l) => l.trim() !== '')
        const bad = lines.map((l, i) => ({ i, problem: rowProblem(fields, dict(JSON.parse(l))) })).find((x) => x.problem !== undefined)
        if (bad) job.error = `Error while reading data, error message: JSON table encountered too many errors; row ${bad.i + 1}: ${bad.problem}`
        else {
          const id = String(dest.tableId)
          tables.set(id, { fields })
          await createDuckTable(id, fields)
          for (let i = 0; i < lines.length; i += 500) {
            const chunk = lines.slice(i, i + 500).map((l) => dict(JSON.parse(l)))
            const values = chunk.map((r) => `(${fields.map((f) => { const v = r[String(f.name)]; return v === null || v === undefined ? 'NULL' : typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v) }).join(', ')})`)
            await db.run(`INSERT INTO "${id}" VALUES ${values.join(', ')}`)
          }
        }
        if (fault && 'reset' in fault) return void req.socket.destroy()
        return ok(res, job.job)
      }
      if (req.method === 'GET' && (m = /^\/bigquery\/v2\/projects\/[^/]+\/jobs\/([^/]+)$/.exec(p))) {
        const job = jobs.get(m[1]!)
        if (!job) return error(res, 404, `Not found: Job ${m[1]}`, 'notFound')
        const done = job.polls++ > 0
        return ok(res, { ...job.job, status: done ? { state: 'DONE', ...(job.error !== undefined && { errorResult: { reason: 'invalid', message: job.error }, errors: [{ reason: 'invalid', message: job.error }] }) } : { state: 'RUNNING' } })
      }
      if (req.method === 'POST' && p === `${base}/queries`) {
        const request = dict(json())
        const problem = validate('QueryRequest', request)
        if (problem) return error(res, 400, `Invalid QueryRequest: ${problem}`)
        if (request.useLegacySql !== false) return error(res, 400, 'legacy SQL is not what the export writes')
        const requestId = typeof request.requestId === 'string' ? request.requestId : undefined
        const known = requestId === undefined ? undefined : requestIds.get(requestId)
        if (known !== undefined) return ok(res, queryResponse(known, jobs.get(known)!))
        const jobId = `job_${++jobCounter}`
        const job: FakeJob = { job: {}, polls: 0 }
        try {
          job.result = await runQuery(String(request.query), Array.isArray(request.queryParameters) ? request.queryParameters : [])
        } catch (e) {
          return error(res, 400, `Query error: ${(e as Error).message.split('\n')[0]}`, 'invalidQuery')
        }
        jobs.set(jobId, job)
        if (requestId !== undefined) requestIds.set(requestId, jobId)
        if (fault && 'reset' in fault) return void req.socket.destroy()
        return ok(res, queryResponse(jobId, job))
      }
      if (req.method === 'GET' && (m = /^\/bigquery\/v2\/projects\/[^/]+\/queries\/([^/]+)$/.exec(p))) {
        const job = jobs.get(m[1]!)
        if (!job) return error(res, 404, `Not found: Job ${m[1]}`, 'notFound')
        return ok(res, queryResponse(m[1]!, job))
      }
      return error(res, 404, `no fake for ${req.method} ${p}`, 'notFound')
    }
    await respond()
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((e: Error) => error(res, 500, e.message))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    fault: (kind, fault) => void faults.push({ kind, fault }),
    async rows(table) {
      return (await db.runAndReadAll(`SELECT * FROM "${table}" ORDER BY record_id`)).getRowObjectsJson() as Array<Record<string, unknown>>
    },
    tables: () => [...tables.keys()].sort(),
    views: () => [...views.keys()].sort(),
    async close() {
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
      db.closeSync()
    }
  }
}
