// Snowflake over its SQL API v2, with nothing but fetch: key-pair JWT (or a programmatic access token),
// every statement submitted with a requestId derived from its content, so a retried submit is not applied
// twice, and asynchronous statements polled. PUT/GET are not available there, so rows travel as one JSON
// binding per chunk and are merged with MERGE … USING (SELECT … FROM TABLE(FLATTEN(PARSE_JSON(?)))).

import { createHash, createPrivateKey, createPublicKey, createSign, randomUUID } from 'node:crypto'
import { snowflakeDialect } from '../export/dialect.js'
import { requestIdFor } from '../export/request-id.js'
import type { StateEntry } from '../export/plan.js'
import { STATE_COLUMNS, STATE_TABLE, TABLES, type Column, type Row, type TableDefinition, type TableName } from '../export/tables.js'
import { VIEWS } from '../export/views.js'
import { WarehouseError, type SchemaChange, type Warehouse } from '../export/warehouse.js'
import { JsonRowBatch } from './json-row-batch.js'
import { ownBatch } from './own-batch.js'
import { DEFAULT_HTTP_POLICY, HttpRequestError, sendWithRetry, type HttpPolicy, type HttpResponse } from '../sync/retry.js'
import { errorMessage } from '../util/error-message.js'
import { sanitizeText } from '../util/sanitize.js'
import { dictOrEmpty } from '../util/dict.js'

export interface SnowflakeSettings {
  /** Account identifier: `myorg-myaccount` or a locator `xy12345.us-east-1`. */
  account: string
  user: string
  database: string
  schema: string
  warehouse?: string
  role?: string
  /** PEM private key (PKCS#8, encrypted or not) for key-pair authentication… */
  privateKey?: string
  passphrase?: string
  /** …or a programmatic access token. */
  accessToken?: string
  /** Default https://<account>.snowflakecomputing.com. */
  apiUrl?: string
  fetch?: typeof fetch
  policy?: HttpPolicy
  sleep?: (ms: number) => Promise<void>
  /** Rows per MERGE statement (one JSON binding). */
  chunkRows?: number
  now?: () => number
}


/** The account as the JWT names it: upper case, without the region of a locator. */
export function jwtAccountName(account: string): string {
  const name = account.replace(/\.snowflakecomputing\.com$/i, '')
  return (name.includes('.') ? name.split('.')[0]! : name).toUpperCase()
}

/** The key-pair JWT Snowflake accepts (RS256, at most an hour). */
export function snowflakeJwt(settings: Pick<SnowflakeSettings, 'account' | 'user' | 'privateKey' | 'passphrase'>, nowMs: number): string {
  let key
  try {
    key = createPrivateKey({ key: settings.privateKey ?? '', format: 'pem', ...(settings.passphrase !== undefined && settings.passphrase !== '' && { passphrase: settings.passphrase }) })
  } catch (error) {
    throw new WarehouseError(`SNOWFLAKE_PRIVATE_KEY cannot be read as a PEM private key (${errorMessage(error).split('\n')[0]})`, 'give the PKCS#8 PEM key (-----BEGIN PRIVATE KEY----- or ENCRYPTED PRIVATE KEY with SNOWFLAKE_PRIVATE_KEY_PASSPHRASE)', true)
  }
  const der = createPublicKey(key).export({ type: 'spki', format: 'der' })
  const fingerprint = `SHA256:${createHash('sha256').update(der).digest('base64')}`
  const qualified = `${jwtAccountName(settings.account)}.${settings.user.toUpperCase()}`
  const now = Math.floor(nowMs / 1000)
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: `${qualified}.${fingerprint}`, sub: qualified, iat: now, exp: now + 3540 })}`
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key, 'base64url')}`
}


const castOf: Record<Column['type'], string> = { STRING: 'STRING', INTEGER: 'NUMBER(38,0)', FLOAT: 'FLOAT', BOOLEAN: 'BOOLEAN', TIMESTAMP: 'TIMESTAMP_TZ', DATE: 'DATE', JSON: 'VARIANT' }
const literal = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`

// Long by design: one closure holds the connection settings, and its helpers and the Warehouse methods
// (each short) share them; splitting it would thread the same settings through every function.
export function openSnowflakeWarehouse(settings: SnowflakeSettings): Warehouse {
  const apiUrl = (settings.apiUrl ?? `https://${settings.account.replace(/\.snowflakecomputing\.com$/i, '').toLowerCase()}.snowflakecomputing.com`).replace(/\/+$/, '')
  const fetchFn = settings.fetch ?? fetch
  const policy = settings.policy ?? DEFAULT_HTTP_POLICY
  const sleep = settings.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)))
  const now = settings.now ?? Date.now
  const dialect = snowflakeDialect(settings.database, settings.schema)
  const chunkRows = settings.chunkRows ?? 5000
  let jwt: { token: string; until: number } | undefined

  const auth = (): Record<string, string> => {
    if (settings.accessToken !== undefined && settings.accessToken !== '') return { authorization: `Bearer ${settings.accessToken}`, 'x-snowflake-authorization-token-type': 'PROGRAMMATIC_ACCESS_TOKEN' }
    if (jwt === undefined || jwt.until < now()) jwt = { token: snowflakeJwt(settings, now()), until: now() + 50 * 60_000 }
    return { authorization: `Bearer ${jwt.token}`, 'x-snowflake-authorization-token-type': 'KEYPAIR_JWT' }
  }

  async function send(method: 'GET' | 'POST', path: string, what: string, body?: unknown): Promise<HttpResponse> {
    let response: HttpResponse
    try {
      response = await sendWithRetry(fetchFn, { url: `${apiUrl}${path}`, method, headers: { ...auth(), accept: 'application/json', 'user-agent': 'reliability-loop', ...(body !== undefined && { 'content-type': 'application/json' }) }, ...(body !== undefined && { body: JSON.stringify(body) }), idempotent: true, what }, policy)
    } catch (error) {
      if (error instanceof HttpRequestError) throw new WarehouseError(`Snowflake: ${sanitizeText(error.message, { multiline: false, maxLength: 300 })}`, 'check that the account URL is reachable; the export can be re-run safely')
      throw error
    }
    const message = sanitizeText(String(dictOrEmpty(response.json).message ?? ''), { multiline: false, maxLength: 300 })
    if (response.status === 401) throw new WarehouseError(`Snowflake refused the credentials (401) for ${what}${message ? `: ${message}` : ''}`, 'check SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and that the public key is set on the user (ALTER USER … SET RSA_PUBLIC_KEY), or the programmatic access token', true)
    if (response.status === 403) throw new WarehouseError(`Snowflake refused ${what} (403)${message ? `: ${message}` : ''}`, `the role needs USAGE on the warehouse and database, and CREATE TABLE/VIEW on schema ${settings.database}.${settings.schema}`, true)
    return response
  }

  /** Runs one statement and returns its rows (column names in lower case). */
  async function execute(statement: string, what: string, bindings: readonly string[] = [], requestId: string = randomUUID()): Promise<Array<Record<string, unknown>>> {
    const body = {
      statement,
      timeout: 600,
      database: settings.database,
      schema: settings.schema,
      ...(settings.warehouse !== undefined && { warehouse: settings.warehouse }),
      ...(settings.role !== undefined && { role: settings.role }),
      ...(bindings.length > 0 && { bindings: Object.fromEntries(bindings.map((value, i) => [String(i + 1), { type: 'TEXT', value }])) }),
      parameters: { timezone: 'UTC' }
    }
    // The same requestId on a retry makes Snowflake answer with the first submission's statement.
    let r = await send('POST', `/api/v2/statements?requestId=${requestId}&async=false`, what, body)
    let delay = 250
    for (;;) {
      if (r.status === 202) {
        const handle = String(dictOrEmpty(r.json).statementHandle ?? '')
        await sleep((delay = Math.min(delay * 2, 5000)))
        r = await send('GET', `/api/v2/statements/${encodeURIComponent(handle)}`, what)
        continue
      }
      if (r.status !== 200) {
        const failure = dictOrEmpty(r.json)
        throw new WarehouseError(`Snowflake: ${what} failed (${r.status}${failure.sqlState ? ` ${String(failure.sqlState)}` : ''}): ${sanitizeText(String(failure.message ?? 'no details'), { multiline: false, maxLength: 300 })}`, r.status === 422 ? 'the statement was refused: check the database, schema and that the tables were created by reliability-loop' : 'the export can be re-run safely', r.status === 422 || r.status === 400 || r.status === 404)
      }
      const result = dictOrEmpty(r.json)
      const columns = (Array.isArray(dictOrEmpty(result.resultSetMetaData).rowType) ? (dictOrEmpty(result.resultSetMetaData).rowType as unknown[]) : []).map((c) => String(dictOrEmpty(c).name).toLowerCase())
      return (Array.isArray(result.data) ? (result.data as unknown[][]) : []).map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null])))
    }
  }

  async function ensureTable(name: string, description: string, columns: readonly Column[], changes: SchemaChange[]): Promise<void> {
    const existing = await execute(`SELECT column_name FROM ${JSON.stringify(settings.database)}.INFORMATION_SCHEMA.COLUMNS WHERE table_schema = ? AND table_name = ?`, `reading table ${name}`, [settings.schema, name.toUpperCase()])
    const have = new Set(existing.map((r) => String(r.column_name).toLowerCase()))
    if (have.size === 0) {
      await execute(`CREATE TABLE IF NOT EXISTS ${dialect.table(name)} (${columns.map((c) => `${c.name} ${dialect.type(c.type)} COMMENT ${literal(c.description)}`).join(', ')}) COMMENT = ${literal(description)}`, `creating table ${name}`)
      changes.push({ description: `created table ${name}` })
      return
    }
    for (const c of columns.filter((col) => !have.has(col.name))) {
      await execute(`ALTER TABLE ${dialect.table(name)} ADD COLUMN IF NOT EXISTS ${c.name} ${dialect.type(c.type)} COMMENT ${literal(c.description)}`, `adding column ${name}.${c.name}`)
      changes.push({ description: `added column ${name}.${c.name}` })
    }
  }

  const scopeOf = (table: TableDefinition, snapshot: string | undefined) => `repository = ? AND source IN (SELECT value::STRING FROM TABLE(FLATTEN(PARSE_JSON(?))))${snapshot === undefined ? '' : ` AND ${table.snapshotColumn} = ?::DATE`}`

  return {
    describe: `Snowflake ${settings.database}.${settings.schema}`,
    async ensureSchema() {
      const changes: SchemaChange[] = []
      for (const table of TABLES) await ensureTable(table.name, table.description, table.columns, changes)
      await ensureTable(STATE_TABLE, 'What reliability-loop export has sent, per table and source file.', STATE_COLUMNS, changes)
      for (const view of VIEWS) await execute(`CREATE OR REPLACE VIEW ${dialect.table(view.name)} COMMENT = ${literal(view.description)} AS\n${view.sql(dialect)}`, `creating view ${view.name}`)
      return changes
    },
    async readState(repository) {
      const exists = await execute(`SELECT COUNT(*) AS n FROM ${JSON.stringify(settings.database)}.INFORMATION_SCHEMA.TABLES WHERE table_schema = ? AND table_name = ?`, 'reading the export state', [settings.schema, STATE_TABLE.toUpperCase()])
      if (Number(exists[0]?.n ?? 0) === 0) return []
      const rows = await execute(`SELECT table_name, source, fingerprint, row_count FROM ${dialect.table(STATE_TABLE)} WHERE repository = ?`, 'reading the export state', [repository])
      return rows.map((r) => ({ table: String(r.table_name) as TableName, source: String(r.source), fingerprint: String(r.fingerprint), rowCount: Number(r.row_count) }))
    },
    rowEncoding: 'json',
    newBatch: () => new JsonRowBatch(),
    async replace(table, repository, sources, batch, batchId, snapshotDate) {
      const rows = ownBatch(batch, JsonRowBatch, 'Snowflake')
      const snapshot = snapshotDate !== undefined && table.snapshotColumn !== undefined ? snapshotDate : undefined
      const scopeBindings = [repository, JSON.stringify(sources), ...(snapshot === undefined ? [] : [snapshot])]
      // First the rows of these files that the batch no longer has; then the batch merged in chunks.
      await execute(
        `DELETE FROM ${dialect.table(table.name)} WHERE ${scopeOf(table, snapshot)} AND record_id NOT IN (SELECT value::STRING FROM TABLE(FLATTEN(PARSE_JSON(?))))`,
        `removing old rows from ${table.name}`,
        [...scopeBindings, JSON.stringify(rows.recordIds)],
        requestIdFor(`${batchId}:delete`)
      )
      const names = table.columns.map((c) => c.name)
      const select = table.columns.map((c) => (c.type === 'JSON' ? `PARSE_JSON(value:${c.name}::STRING) AS ${c.name}` : `value:${c.name}::${castOf[c.type]} AS ${c.name}`)).join(', ')
      for (let i = 0; i < rows.rowCount; i += chunkRows) {
        await execute(
          `MERGE INTO ${dialect.table(table.name)} T USING (SELECT ${select} FROM TABLE(FLATTEN(PARSE_JSON(?)))) S ON T.record_id = S.record_id
WHEN MATCHED THEN UPDATE SET ${names.filter((n) => n !== 'record_id').map((n) => `T.${n} = S.${n}`).join(', ')}
WHEN NOT MATCHED THEN INSERT (${names.join(', ')}) VALUES (${names.map((n) => `S.${n}`).join(', ')})`,
          `merging rows into ${table.name}`,
          [rows.jsonArray(i, i + chunkRows)],
          requestIdFor(`${batchId}:merge:${i}`)
        )
      }
    },
    async recordState(repository, sent: readonly StateEntry[], removed, at) {
      const forget = [...sent, ...removed].map((e) => ({ table_name: e.table, source: e.source }))
      if (forget.length === 0) return
      await execute(
        `DELETE FROM ${dialect.table(STATE_TABLE)} WHERE repository = ? AND (table_name, source) IN (SELECT value:table_name::STRING, value:source::STRING FROM TABLE(FLATTEN(PARSE_JSON(?))))`,
        'recording the export state',
        [repository, JSON.stringify(forget)]
      )
      if (sent.length === 0) return
      await execute(
        `INSERT INTO ${dialect.table(STATE_TABLE)} (table_name, repository, source, fingerprint, row_count, exported_at) SELECT value:table_name::STRING, ?, value:source::STRING, value:fingerprint::STRING, value:row_count::NUMBER(38,0), ?::TIMESTAMP_TZ FROM TABLE(FLATTEN(PARSE_JSON(?)))`,
        'recording the export state',
        [repository, at.toISOString(), JSON.stringify(sent.map((s) => ({ table_name: s.table, source: s.source, fingerprint: s.fingerprint, row_count: s.rowCount })))]
      )
    },
    async close() {}
  }
}
