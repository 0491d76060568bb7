// Where the fake servers find the vendors' API descriptions: __tests__/contracts/, derived by
// scripts/contracts.mjs (GitHub's from the @octokit/openapi dev dependency, the others from
// ../shared/contracts) and committed, so the suite runs the same in a fresh clone as here.

import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const CONTRACTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'contracts')

/** GitHub REST API (OpenAPI 3.0.3) cut to the endpoints reliability-loop calls, with GitHub's examples. */
export const GITHUB_CONTRACT_PATH = resolve(CONTRACTS_DIR, 'github-rest.json')
/** Linear's public GraphQL schema (SDL). */
export const LINEAR_CONTRACT_PATH = resolve(CONTRACTS_DIR, 'linear-schema.graphql')
/** Jira Cloud platform REST API v3 (OpenAPI 3.0.1). */
export const JIRA_CONTRACT_PATH = resolve(CONTRACTS_DIR, 'jira-cloud-platform-v3.json')
/** Confluence Cloud REST API v2 (OpenAPI 3.0.3). */
export const CONFLUENCE_CONTRACT_PATH = resolve(CONTRACTS_DIR, 'confluence-cloud-v2.json')
/** BigQuery API v2 discovery document. */
export const BIGQUERY_CONTRACT_PATH = resolve(CONTRACTS_DIR, 'bigquery-v2.discovery.json')
/** Snowflake SQL API v2 (OpenAPI 3.0.0, YAML). */
export const SNOWFLAKE_CONTRACT_PATH = resolve(CONTRACTS_DIR, 'snowflake-sqlapi.yaml')
