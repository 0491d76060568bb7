// The contracts the fake servers validate against are committed here (derived by scripts/contracts.mjs), so
// the suite needs no ../shared. These tests keep them honest: GitHub's file is what the installed
// @octokit/openapi gives, every file parses as what it claims to be, and each one names its source.

import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { buildSchema } from 'graphql'
import { parse as parseYaml } from 'yaml'
import {
  BIGQUERY_CONTRACT_PATH,
  CONFLUENCE_CONTRACT_PATH,
  CONTRACTS_DIR,
  GITHUB_CONTRACT_PATH,
  JIRA_CONTRACT_PATH,
  LINEAR_CONTRACT_PATH,
  SNOWFLAKE_CONTRACT_PATH
} from '../helpers/contracts.js'

const REPO_ROOT = resolve(CONTRACTS_DIR, '..', '..')
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>

/** Every `description` key outside a map of names (a property may well be called `description`). */
function proseLeft(node: unknown, path = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => proseLeft(item, `${path}[${i}]`))
  if (node === null || typeof node !== 'object') return []
  const found: string[] = []
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'description' || key === 'summary') && typeof value === 'string') found.push(`${path}.${key}`)
    else if (key === 'properties' || key === 'parameters' || key === 'schemas' || key === 'paths' || key === 'resources' || key === 'methods') {
      if (value && typeof value === 'object' && !Array.isArray(value)) for (const [name, child] of Object.entries(value)) found.push(...proseLeft(child, `${path}.${key}.${name}`))
      else found.push(...proseLeft(value, `${path}.${key}`))
    } else if (key !== 'value' && key !== 'default' && key !== 'enum') found.push(...proseLeft(value, `${path}.${key}`))
  }
  return found
}

describe('__tests__/contracts', () => {
  test('the GitHub contract is what scripts/contracts.mjs derives from the installed @octokit/openapi', () => {
    // Throws (exit 1, naming the stale file) when @octokit/openapi was upgraded without regenerating.
    const out = execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'contracts.mjs'), '--check'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    expect(out).toContain('github-rest.json are current')
  }, 60_000)

  test('each OpenAPI contract has its operations and schemas and no prose', () => {
    for (const path of [GITHUB_CONTRACT_PATH, JIRA_CONTRACT_PATH, CONFLUENCE_CONTRACT_PATH]) {
      const contract = readJson(path) as { openapi: string; paths: Record<string, Record<string, { operationId?: string }>>; components: { schemas: object } }
      expect(contract.openapi).toMatch(/^3\.0\./)
      const operations = Object.values(contract.paths).flatMap((item) => Object.values(item).filter((op) => typeof op?.operationId === 'string'))
      expect(operations.length).toBeGreaterThan(5)
      expect(Object.keys(contract.components.schemas).length).toBeGreaterThan(5)
      expect(proseLeft(contract).slice(0, 3)).toEqual([])
    }
    const snowflake = parseYaml(readFileSync(SNOWFLAKE_CONTRACT_PATH, 'utf8')) as { paths: Record<string, unknown> }
    expect(Object.keys(snowflake.paths)).toContain('/api/v2/statements')
    expect(proseLeft(snowflake).slice(0, 3)).toEqual([])
    const bigquery = readJson(BIGQUERY_CONTRACT_PATH) as { resources: Record<string, { methods: Record<string, { path: string }> }>; schemas: Record<string, unknown> }
    expect(bigquery.resources.jobs?.methods.insert?.path).toBe('projects/{+projectId}/jobs')
    expect(bigquery.schemas).toHaveProperty('JobConfigurationLoad')
    expect(proseLeft(bigquery).slice(0, 3)).toEqual([])
  })

  test('the Linear schema builds, with its types and fields and without descriptions', () => {
    const sdl = readFileSync(LINEAR_CONTRACT_PATH, 'utf8')
    const schema = buildSchema(sdl)
    expect(schema.getMutationType()?.getFields()).toHaveProperty('issueCreate')
    expect(schema.getQueryType()?.getFields()).toHaveProperty('issues')
    expect(sdl).not.toContain('"""')
  })

  test('the README names the source and licence of every contract, and the licence files it points to are here', () => {
    const readme = readFileSync(join(CONTRACTS_DIR, 'README.md'), 'utf8')
    const files = readdirSync(CONTRACTS_DIR)
    for (const contract of files.filter((f) => /\.(json|graphql|yaml)$/.test(f))) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${contract}\``))
      expect(row).toBeDefined()
      for (const licence of row?.match(/[\w-]+\.LICENSE/g) ?? []) expect(files).toContain(licence)
    }
    expect(readme).toContain('node scripts/contracts.mjs ../shared/contracts')
  })
})
