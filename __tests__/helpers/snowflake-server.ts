// A fake Snowflake SQL API v2 on 127.0.0.1: POST /api/v2/statements (validated against the SubmitStatement
// schema of Snowflake's OpenAPI description), GET /api/v2/statements/{handle}, with the key-pair JWT checked
// as Snowflake checks it (RS256 signature by the user's registered public key, iss = ACCOUNT.USER.SHA256:
// <fingerprint>, sub = ACCOUNT.USER, at most an hour, the token-type header) or a programmatic access token.
// A requestId seen before answers with the first submission's result without running it again. The SQL is run
// on an in-memory DuckDB after translating the Snowflake syntax the export writes (FLATTEN(PARSE_JSON(?)),
// value:field::TYPE); views are kept, not run (their functions are Snowflake's; the same definitions run for
// real in the DuckDB export tests). Faults: a status (429, 503), an async answer (202, then polled), or a reset
// after the statement ran.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash, createVerify, randomUUID, type KeyObject } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { parse } from 'yaml'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { SNOWFLAKE_CONTRACT_PATH } from './contracts.js'

/** Snowflake's SQL API description (derived into __tests__/contracts/ by scripts/contracts.mjs). */
export function snowflakeContractPath(): string | undefined {
  return existsSync(SNOWFLAKE_CONTRACT_PATH) ? SNOWFLAKE_CONTRACT_PATH : undefined
}

type Dict = Record<string, unknown>
const dict = (v: unknown): Dict => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Dict) : {})

export type SnowflakeFault = { status: number } | { async: true } | { reset: 'after' }

export interface FakeSnowflake {
  url: string
  statements: string[]
  fault(fault: SnowflakeFault): void
  rows(table: string): Promise<Array<Record<string, unknown>>>
  views(): string[]
  close(): Promise<void>
}

export async function startFakeSnowflake(options: { account: string; user: string; publicKey?: KeyObject; accessToken?: string }): Promise<FakeSnowflake> {
  const path = snowflakeContractPath()
  if (path === undefined) throw new Error('Snowflake SQL API description not found')
  const spec = parse(readFileSync(path, 'utf8')) as Dict
  const submitSchema = dict(dict(dict(dict(dict(dict(dict(dict(spec.paths)['/api/v2/statements']).post).requestBody).content)['application/json']).schema))
  const ajv = new Ajv({ allErrors: true, strict: false })
  // The fake refuses fields Snowflake does not know.
  const validateSubmit = ajv.compile({ ...submitSchema, additionalProperties: false })
  const instance = await DuckDBInstance.create(':memory:')
  const db: DuckDBConnection = await instance.connect()
  const views = new Map<string, string>()
  const byRequest = new Map<string, { handle: string; body: Dict }>()
  const pending = new Map<string, Dict>()
  const faults: SnowflakeFault[] = []
  const statements: string[] = []
  const account = options.account.toUpperCase()
  const user = options.user.toUpperCase()
  const fingerprint = options.publicKey ? `SHA256:${createHash('sha256').update(options.publicKey.export({ type: 'spki', format: 'der' })).digest('base64')}` : undefined

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }

  function authProblem(req: IncomingMessage): string | undefined {
    const header = String(req.headers.authorization ?? '')
    const type = String(req.headers['x-snowflake-authorization-token-type'] ?? '')
    if (!header.startsWith('Bearer ')) return 'missing bearer token'
    const token = header.slice(7)
    if (type === 'PROGRAMMATIC_ACCESS_TOKEN') return options.accessToken !== undefined && token === options.accessToken ? undefined : 'invalid programmatic access token'
    if (type !== 'KEYPAIR_JWT') return 'X-Snowflake-Authorization-Token-Type must say KEYPAIR_JWT for a key-pair JWT'
    const [h, c, s] = token.split('.')
    if (!h || !c || !s || options.publicKey === undefined) return 'malformed JWT'
    const claims = JSON.parse(Buffer.from(c, 'base64url').toString()) as Dict
    const header64 = JSON.parse(Buffer.from(h, 'base64url').toString()) as Dict
    if (header64.alg !== 'RS256') return 'JWT must be RS256'
    if (!createVerify('RSA-SHA256').update(`${h}.${c}`).verify(options.publicKey, s, 'base64url')) return 'JWT signature does not verify'
    if (claims.iss !== `${account}.${user}.${fingerprint}`) return `JWT iss ${String(claims.iss)} is not ${account}.${user}.<fingerprint of the registered key>`
    if (claims.sub !== `${account}.${user}`) return 'JWT sub is not ACCOUNT.USER'
    const now = Date.now() / 1000
    if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || claims.exp - claims.iat > 3600 || claims.exp < now) return 'JWT expired or valid for more than an hour'
    return undefined
  }

  const duckType = (t: string) => t.replace(/NUMBER\(38,0\)/g, 'BIGINT').replace(/TIMESTAMP_TZ/g, 'TIMESTAMPTZ').replace(/VARIANT/g, 'JSON').replace(/\bSTRING\b/g, 'VARCHAR')
  const translate = (sql: string) =>
    duckType(
      sql
        .replace(/ COMMENT (?:= )?'(?:[^'\\]|\\.)*'/g, '')
        .replace(/"[^"]+"\."[^"]+"\."([^"]+)"/g, '"$1"')
        .replace(/TABLE\(FLATTEN\(PARSE_JSON\(\?\)\)\)/g, '(SELECT unnest(CAST(json(?) AS JSON[])) AS value)')
        .replace(/value:(\w+)::(NUMBER\(38,0\)|\w+)/g, (_m, f: string, t: string) => `CAST(json_extract_string(value, '$.${f}') AS ${t})`)
        .replace(/value::STRING/g, () => "json_extract_string(value, '$')")
        .replace(/PARSE_JSON\(/g, 'json(')
        .replace(/\?::(DATE|TIMESTAMP_TZ)/g, 'CAST(? AS $1)')
        .replace(/SET T\.(\w+) = /g, 'SET $1 = ')
        .replace(/, T\.(\w+) = /g, ', $1 = ')
    )

  async function run(statement: string, bindings: Dict): Promise<{ columns: string[]; data: unknown[][] }> {
    const values = Object.keys(bindings).sort((a, b) => Number(a) - Number(b)).map((k) => String(dict(bindings[k]).value))
    let m: RegExpExecArray | null
    if ((m = /^CREATE OR REPLACE VIEW "[^"]+"\."[^"]+"\."([^"]+)"/.exec(statement))) {
      views.set(m[1]!, statement)
      return { columns: ['status'], data: [[`View ${m[1]} successfully created.`]] }
    }
    if (/INFORMATION_SCHEMA\.COLUMNS/.test(statement)) {
      const reader = await db.runAndReadAll(`SELECT upper(column_name) AS COLUMN_NAME FROM information_schema.columns WHERE table_name = ?`, [values[1]!])
      return { columns: ['COLUMN_NAME'], data: reader.getRowsJson() as unknown[][] }
    }
    if (/INFORMATION_SCHEMA\.TABLES/.test(statement)) {
      const reader = await db.runAndReadAll(`SELECT COUNT(*)::VARCHAR AS N FROM information_schema.tables WHERE table_name = ?`, [values[1]!])
      return { columns: ['N'], data: reader.getRowsJson() as unknown[][] }
    }
    const reader = await db.runAndReadAll(translate(statement), values)
    return { columns: reader.columnNames().map((c) => c.toUpperCase()), data: (reader.getRowsJson() as unknown[][]).map((r) => r.map((v) => (v === null ? null : String(v)))) }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x')
    const problem = authProblem(req)
    if (problem) return send(res, 401, { code: '390144', message: `JWT token is invalid. (${problem})` })
    const fault = faults.shift()
    if (fault && 'status' in fault) {
      if (fault.status === 429) res.setHeader('retry-after', '0')
      return send(res, fault.status, { message: 'injected' })
    }
    if (req.method === 'GET') {
      const m = /^\/api\/v2\/statements\/([^/]+)$/.exec(url.pathname)
      const body = m ? pending.get(m[1]!) : undefined
      return body ? send(res, 200, body) : send(res, 404, { message: 'statement not found' })
    }
    if (req.method !== 'POST' || url.pathname !== '/api/v2/statements') return send(res, 404, { message: 'not found' })
    const requestId = url.searchParams.get('requestId')
    if (requestId === null || !/^[0-9a-f-]{36}$/.test(requestId)) return send(res, 400, { message: 'requestId must be a UUID' })
    let body: Dict
    try {
      body = JSON.parse(raw) as Dict
    } catch {
      return send(res, 400, { message: 'body is not JSON' })
    }
    if (!validateSubmit(body)) return send(res, 400, { message: ajv.errorsText(validateSubmit.errors) })
    const statement = String(body.statement)
    if (/^\s*(PUT|GET|BEGIN|COMMIT|ROLLBACK|USE)\b/i.test(statement)) return send(res, 422, { code: '000002', sqlState: '0A000', message: 'Unsupported statement type', statementHandle: randomUUID() })
    const seen = byRequest.get(requestId)
    if (seen) return send(res, 200, seen.body)
    statements.push(statement)
    const handleId = randomUUID()
    let result: { columns: string[]; data: unknown[][] }
    try {
      result = await run(statement, dict(body.bindings))
    } catch (e) {
      return send(res, 422, { code: '001003', sqlState: '42000', message: `SQL compilation error: ${(e as Error).message.split('\n')[0]}`, statementHandle: handleId })
    }
    const resultSet = { code: '090001', message: 'Statement executed successfully.', statementHandle: handleId, createdOn: Date.now(), resultSetMetaData: { numRows: result.data.length, format: 'jsonv2', rowType: result.columns.map((name) => ({ name, type: 'text', nullable: true })) }, data: result.data }
    byRequest.set(requestId, { handle: handleId, body: resultSet })
    if (fault && 'reset' in fault) return void req.socket.destroy()
    if (fault && 'async' in fault) {
      pending.set(handleId, resultSet)
      return send(res, 202, { code: '333334', message: 'Asynchronous execution in progress.', statementHandle: handleId, statementStatusUrl: `/api/v2/statements/${handleId}` })
    }
    return send(res, 200, resultSet)
  }

  const server: Server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => void handle(req, res, raw).catch((e: Error) => send(res, 500, { message: e.message })))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    statements,
    fault: (f) => void faults.push(f),
    async rows(table) {
      return (await db.runAndReadAll(`SELECT * FROM "${table.toUpperCase()}" ORDER BY record_id`)).getRowObjectsJson() as Array<Record<string, unknown>>
    },
    views: () => [...views.keys()].sort(),
    async close() {
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
      db.closeSync()
    }
  }
}

