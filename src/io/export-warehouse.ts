// The warehouse an export writes to, from the `export:` settings and the environment the entry hands in
// (credentials only ever come from there). A missing setting is a configuration error naming the variable.

import path from 'node:path'
import type { ExportTarget } from '../config/export-schema.js'
import type { ExportConfig } from '../config/types.js'
import { WarehouseError, type Warehouse } from '../export/warehouse.js'
import { openBigQueryWarehouse } from './export-bigquery.js'
import { openDuckDbWarehouse } from './export-duckdb.js'
import { openSnowflakeWarehouse } from './export-snowflake.js'
import { GoogleAuthError, googleAccessToken, GOOGLE_CREDENTIAL_HINT } from './google-auth.js'

type Env = Readonly<Record<string, string | undefined>>

/** The environment variables the export reads, for docs, masking and messages. */
export const EXPORT_ENV = {
  bigquery: ['BIGQUERY_PROJECT', 'BIGQUERY_DATASET', 'BIGQUERY_LOCATION', 'BIGQUERY_ACCESS_TOKEN', 'BIGQUERY_CREDENTIALS_JSON', 'GOOGLE_APPLICATION_CREDENTIALS'],
  snowflake: ['SNOWFLAKE_ACCOUNT', 'SNOWFLAKE_USER', 'SNOWFLAKE_PRIVATE_KEY', 'SNOWFLAKE_PRIVATE_KEY_PASSPHRASE', 'SNOWFLAKE_TOKEN', 'SNOWFLAKE_DATABASE', 'SNOWFLAKE_SCHEMA', 'SNOWFLAKE_WAREHOUSE', 'SNOWFLAKE_ROLE']
} as const

/** Secrets among them: masked in the Action, never printed. */
export const EXPORT_SECRETS = ['BIGQUERY_ACCESS_TOKEN', 'BIGQUERY_CREDENTIALS_JSON', 'SNOWFLAKE_PRIVATE_KEY', 'SNOWFLAKE_PRIVATE_KEY_PASSPHRASE', 'SNOWFLAKE_TOKEN'] as const

const value = (env: Env, name: string, fallback?: string) => {
  const v = env[name]
  return v !== undefined && v.trim() !== '' ? v.trim() : fallback
}

function required(v: string | undefined, variable: string, key: string): string {
  if (v === undefined) throw new WarehouseError(`the export needs ${variable} (or ${key} in .github/reliability.yml)`, `set ${variable} in the environment (a repository variable or secret in the workflow)`, true)
  return v
}

export interface OpenWarehouseOptions {
  root: string
  env: Env
  /** Nothing is written: DuckDB's file is neither created nor opened for writing. */
  dryRun?: boolean
  /** The HTTP client (tests); the API base URLs of emulators come from BIGQUERY_API_URL / SNOWFLAKE_API_URL. */
  fetch?: typeof fetch
}

export async function openWarehouse(target: ExportTarget, settings: ExportConfig, options: OpenWarehouseOptions): Promise<Warehouse> {
  const { env } = options
  if (target === 'duckdb') return openDuckDbWarehouse(path.join(options.root, settings.duckdbPath), settings.duckdbPath, { readOnly: options.dryRun === true })
  if (target === 'bigquery') {
    const project = required(value(env, 'BIGQUERY_PROJECT', settings.bigquery.project), 'BIGQUERY_PROJECT', 'export.bigquery.project')
    const dataset = required(value(env, 'BIGQUERY_DATASET', settings.bigquery.dataset), 'BIGQUERY_DATASET', 'export.bigquery.dataset')
    const location = value(env, 'BIGQUERY_LOCATION', settings.bigquery.location)
    let token: string
    try {
      token = (await googleAccessToken({ BIGQUERY_ACCESS_TOKEN: value(env, 'BIGQUERY_ACCESS_TOKEN'), BIGQUERY_CREDENTIALS_JSON: value(env, 'BIGQUERY_CREDENTIALS_JSON'), GOOGLE_APPLICATION_CREDENTIALS: value(env, 'GOOGLE_APPLICATION_CREDENTIALS') }, options.fetch)).token
    } catch (error) {
      if (error instanceof GoogleAuthError) throw new WarehouseError(`BigQuery credentials: ${error.message}`, GOOGLE_CREDENTIAL_HINT, true)
      throw error
    }
    const apiUrl = value(env, 'BIGQUERY_API_URL')
    return openBigQueryWarehouse({ project, dataset, token, ...(location !== undefined && { location }), ...(apiUrl !== undefined && { apiUrl }), ...(options.fetch !== undefined && { fetch: options.fetch }) })
  }
  const s = settings.snowflake
  const account = required(value(env, 'SNOWFLAKE_ACCOUNT', s.account), 'SNOWFLAKE_ACCOUNT', 'export.snowflake.account')
  const user = required(value(env, 'SNOWFLAKE_USER', s.user), 'SNOWFLAKE_USER', 'export.snowflake.user')
  const database = required(value(env, 'SNOWFLAKE_DATABASE', s.database), 'SNOWFLAKE_DATABASE', 'export.snowflake.database')
  const schema = required(value(env, 'SNOWFLAKE_SCHEMA', s.schema), 'SNOWFLAKE_SCHEMA', 'export.snowflake.schema')
  const privateKey = env.SNOWFLAKE_PRIVATE_KEY?.trim() ? env.SNOWFLAKE_PRIVATE_KEY.replace(/\\n/g, '\n') : undefined
  const accessToken = value(env, 'SNOWFLAKE_TOKEN')
  if (privateKey === undefined && accessToken === undefined) throw new WarehouseError('the Snowflake export needs SNOWFLAKE_PRIVATE_KEY (key-pair authentication) or SNOWFLAKE_TOKEN (a programmatic access token)', 'add one of them as a secret and pass it to the step\'s env', true)
  const warehouse = value(env, 'SNOWFLAKE_WAREHOUSE', s.warehouse)
  const role = value(env, 'SNOWFLAKE_ROLE', s.role)
  const passphrase = value(env, 'SNOWFLAKE_PRIVATE_KEY_PASSPHRASE')
  const apiUrl = value(env, 'SNOWFLAKE_API_URL')
  return openSnowflakeWarehouse({
    account, user, database, schema,
    ...(warehouse !== undefined && { warehouse }),
    ...(role !== undefined && { role }),
    ...(privateKey !== undefined && { privateKey }),
    ...(passphrase !== undefined && { passphrase }),
    ...(accessToken !== undefined && { accessToken }),
    ...(apiUrl !== undefined && { apiUrl }),
    ...(options.fetch !== undefined && { fetch: options.fetch })
  })
}
