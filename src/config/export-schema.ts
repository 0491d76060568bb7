// JSON Schema of `export:` in .github/reliability.yml. Names and places only: credentials come from the
// environment (docs/export.md).

export const EXPORT_TARGETS = ['duckdb', 'bigquery', 'snowflake'] as const
export type ExportTarget = (typeof EXPORT_TARGETS)[number]
export const DEFAULT_DUCKDB_PATH = '.reliability-loop/warehouse.duckdb'

const name = (description: string) => ({ type: 'string', minLength: 1, description })

export const exportConfigSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  description: 'The export of audit scores, incidents, action items and experiments to a warehouse (`reliability-loop export`).',
  properties: {
    target: { type: 'string', enum: [...EXPORT_TARGETS], description: 'Where to export when --to is not given. The CLI defaults to duckdb; the Action needs bigquery or snowflake.', default: 'duckdb' },
    repository: name('Label of the rows (owner/name); default GITHUB_REPOSITORY, else the origin remote, else the folder name.'),
    duckdb: {
      type: 'object',
      additionalProperties: false,
      description: 'The embedded DuckDB warehouse (the CLI\'s default target).',
      properties: { path: { ...name('The DuckDB file, relative to the repository root (keep it out of git).'), default: DEFAULT_DUCKDB_PATH } }
    },
    bigquery: {
      type: 'object',
      additionalProperties: false,
      description: 'BIGQUERY_PROJECT, BIGQUERY_DATASET and BIGQUERY_LOCATION override these.',
      properties: { project: name('Google Cloud project id.'), dataset: name('Dataset, created when absent.'), location: name('Dataset location, e.g. EU or us-central1.') }
    },
    snowflake: {
      type: 'object',
      additionalProperties: false,
      description: 'SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER, SNOWFLAKE_DATABASE, SNOWFLAKE_SCHEMA, SNOWFLAKE_WAREHOUSE and SNOWFLAKE_ROLE override these.',
      properties: {
        account: name('Account identifier, e.g. myorg-myaccount.'),
        user: name('User whose RSA public key matches SNOWFLAKE_PRIVATE_KEY.'),
        database: name('Database (must exist).'),
        schema: name('Schema (must exist); tables and views are created in it.'),
        warehouse: name('Warehouse that runs the statements.'),
        role: name('Role to use.')
      }
    }
  }
} as const
