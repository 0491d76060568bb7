#!/usr/bin/env node
// Derives the API contracts the fake servers in __tests__/helpers/ validate against into __tests__/contracts/,
// so the test suite runs in a fresh clone without ../shared (a user's clone, the project's GitHub CI).
//
//   node scripts/contracts.mjs ../shared/contracts          regenerate every contract
//   node scripts/contracts.mjs ../shared/contracts --check  exit 1 when a committed file differs from a fresh derivation
//   node scripts/contracts.mjs --check                      GitHub only (needs no ../shared)
//
// Each derived file keeps the structure the fakes validate against (paths, methods, operation ids,
// parameters, request and response schemas, GraphQL types and fields) and drops the prose (descriptions,
// summaries, examples, vendor extensions). GitHub's description comes from the @octokit/openapi dev
// dependency, cut to the endpoints reliability-loop calls; its examples are kept because the fake GitHub
// answers with them. The sources and licences are written beside the files (README.md, *.LICENSE).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSchema, parse as parseGraphql, print as printGraphql, visit } from 'graphql'
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(ROOT, '__tests__', 'contracts')
const require = createRequire(import.meta.url)

/** The GitHub endpoints reliability-loop calls, path → methods (the fakes route these; a new call needs its entry here). */
const GITHUB_OPERATIONS = {
  '/repos/{owner}/{repo}': ['get'],
  '/repos/{owner}/{repo}/check-runs': ['post'],
  '/repos/{owner}/{repo}/check-runs/{check_run_id}': ['get', 'patch'],
  '/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations': ['get'],
  '/repos/{owner}/{repo}/commits/{ref}/check-runs': ['get'],
  '/repos/{owner}/{repo}/statuses/{sha}': ['post'],
  '/repos/{owner}/{repo}/commits/{ref}/status': ['get'],
  '/repos/{owner}/{repo}/commits/{ref}': ['get'],
  '/repos/{owner}/{repo}/pulls/{pull_number}': ['get'],
  '/repos/{owner}/{repo}/pulls/{pull_number}/files': ['get'],
  '/repos/{owner}/{repo}/pulls': ['get', 'post'],
  '/repos/{owner}/{repo}/issues': ['get', 'post'],
  '/repos/{owner}/{repo}/issues/{issue_number}': ['get', 'patch'],
  '/repos/{owner}/{repo}/issues/{issue_number}/comments': ['get', 'post'],
  '/repos/{owner}/{repo}/issues/comments/{comment_id}': ['patch'],
  '/repos/{owner}/{repo}/issues/{issue_number}/events': ['get'],
  '/repos/{owner}/{repo}/issues/{issue_number}/timeline': ['get'],
  '/repos/{owner}/{repo}/issues/{issue_number}/labels': ['get', 'post'],
  '/repos/{owner}/{repo}/contents/{path}': ['get', 'put'],
  '/repos/{owner}/{repo}/actions/runs': ['get'],
  '/repos/{owner}/{repo}/actions/runs/{run_id}': ['get'],
  '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs': ['get'],
  '/repos/{owner}/{repo}/assignees/{assignee}': ['get'],
  '/repos/{owner}/{repo}/collaborators/{username}/permission': ['get'],
  '/orgs/{org}/teams/{team_slug}/memberships/{username}': ['get'],
  '/repos/{owner}/{repo}/labels': ['get', 'post'],
  '/repos/{owner}/{repo}/milestones': ['get', 'post'],
  '/repos/{owner}/{repo}/compare/{basehead}': ['get'],
  '/repos/{owner}/{repo}/git/refs': ['post'],
  '/repos/{owner}/{repo}/git/ref/{ref}': ['get'],
  '/repos/{owner}/{repo}/git/refs/{ref}': ['patch'],
  '/repos/{owner}/{repo}/git/trees/{tree_sha}': ['get'],
  '/repos/{owner}/{repo}/git/trees': ['post'],
  '/repos/{owner}/{repo}/git/blobs': ['post'],
  '/repos/{owner}/{repo}/git/commits': ['post'],
  '/repos/{owner}/{repo}/commits/{commit_sha}/pulls': ['get'],
  '/rate_limit': ['get']
}

/**
 * Every contract: its file here, how it is derived, and where it came from. `from` names a file in the
 * shared contracts folder, or the npm package for GitHub.
 */
const CONTRACTS = [
  {
    file: 'github-rest.json',
    kind: 'github',
    what: `GitHub REST API (OpenAPI 3.0.3), cut to the ${Object.keys(GITHUB_OPERATIONS).length} paths reliability-loop calls and every component they reference; GitHub's examples kept (the fake GitHub answers with them)`,
    source: '`@octokit/openapi` (dev dependency), `generated/api.github.com.json`',
    licence: 'MIT, see `github-rest.LICENSE` (copied from the package)'
  },
  {
    file: 'linear-schema.graphql',
    from: 'linear-schema.graphql',
    kind: 'graphql',
    what: "Linear's public GraphQL schema (SDL): every type, field, argument and directive; descriptions dropped",
    source: 'linear/linear, `packages/sdk/src/schema.graphql` at 8335e09',
    licence: 'MIT, see `linear-schema.LICENSE`',
    licenceFile: 'linear-schema.LICENSE'
  },
  {
    file: 'jira-cloud-platform-v3.json',
    from: 'jira-cloud-platform-v3.trimmed.json',
    kind: 'openapi',
    what: 'Jira Cloud platform REST API v3 (OpenAPI 3.0.1), the endpoints sync uses (issues, search/jql, users, transitions, remote links, comments, properties, project, myself, priorities)',
    source: "Atlassian's published `swagger-v3.v3.json` (2025-07 edition), as trimmed in shared/contracts",
    licence: 'Atlassian publishes it for API clients; no licence file came with it'
  },
  {
    file: 'confluence-cloud-v2.json',
    from: 'confluence-cloud-v2.trimmed.json',
    kind: 'openapi',
    what: 'Confluence Cloud REST API v2 (OpenAPI 3.0.3): pages, children, versions, labels, attachments (read), content properties, spaces',
    source: "Atlassian's published `openapi-v2.v3.json` (2.0.0), as trimmed in shared/contracts",
    licence: 'Atlassian publishes it for API clients; no licence file came with it'
  },
  {
    file: 'bigquery-v2.discovery.json',
    from: 'bigquery-v2.discovery.json',
    kind: 'discovery',
    what: 'BigQuery API v2 discovery document (revision 20250928): resources, methods, parameters, schemas',
    source: "Google's discovery document, as kept in goccy/bigquery-emulator at cb8555b (`server/resources/discovery.json`)",
    licence: "Google's API terms; Apache-2.0 per googleapis/discovery-artifact-manager, see `bigquery-v2.LICENSE`",
    licenceFile: 'bigquery-v2.LICENSE'
  },
  {
    file: 'snowflake-sqlapi.yaml',
    from: 'snowflake-sqlapi.yaml',
    kind: 'openapi-yaml',
    what: 'Snowflake SQL API v2 (OpenAPI 3.0.0): submit, poll and cancel statements',
    source: 'snowflakedb/snowflake-rest-api-specs at 42671a9',
    licence: 'Apache-2.0, see `snowflake-sqlapi.LICENSE`',
    licenceFile: 'snowflake-sqlapi.LICENSE'
  }
]

// ------------------------------------------------------------------------------------------------
// Dropping the prose from JSON descriptions (OpenAPI and Google discovery alike).

/** Keys whose value maps names chosen by the vendor to nodes: their keys are names, never keywords. */
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  'paths',
  'schemas',
  'parameters',
  'responses',
  'content',
  'headers',
  'requestBodies',
  'securitySchemes',
  'links',
  'callbacks',
  'encoding',
  'variables',
  'definitions',
  '$defs',
  'resources',
  'methods',
  'scopes',
  'examples'
])
/** Keys whose value is data, copied as it is (an example's value may well have a `description` field). */
const LITERALS = new Set(['default', 'enum', 'const', 'value', 'mapping'])
const PROSE = new Set(['description', 'summary', 'externalDocs', 'enumDescriptions', 'documentationLink', 'icons', 'tags', 'contact', 'termsOfService'])

function dropProse(node, { keepExamples }) {
  if (Array.isArray(node)) return node.map((item) => dropProse(item, { keepExamples }))
  if (node === null || typeof node !== 'object') return node
  const out = {}
  for (const [key, value] of Object.entries(node)) {
    if (PROSE.has(key) || key.startsWith('x-') || key === 'example') continue
    if (key === 'examples' && !keepExamples) continue
    if (LITERALS.has(key)) out[key] = value
    else if (NAME_MAPS.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, dropProse(child, { keepExamples })]))
    } else out[key] = dropProse(value, { keepExamples })
  }
  return out
}

/** The components an OpenAPI fragment references, transitively: `#/components/<kind>/<name>` → its node. */
function referencedComponents(document, roots) {
  const kept = {}
  const pending = [...roots]
  while (pending.length > 0) {
    const node = pending.pop()
    if (Array.isArray(node)) pending.push(...node)
    else if (node !== null && typeof node === 'object') {
      if (typeof node.$ref === 'string') {
        const [, kind, name] = node.$ref.match(/^#\/components\/([^/]+)\/(.+)$/) ?? []
        if (!kind) throw new Error(`unsupported $ref ${node.$ref}`)
        kept[kind] ??= {}
        if (!(name in kept[kind])) {
          const target = document.components?.[kind]?.[name]
          if (target === undefined) throw new Error(`dangling $ref ${node.$ref}`)
          kept[kind][name] = target
          pending.push(target)
        }
      }
      // Every key but an example's data: `default` is also the name of an example or a response.
      for (const [key, value] of Object.entries(node)) if (key !== 'value') pending.push(value)
    }
  }
  const sorted = {}
  for (const kind of Object.keys(kept).sort()) sorted[kind] = Object.fromEntries(Object.entries(kept[kind]).sort(([a], [b]) => a.localeCompare(b)))
  return sorted
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])

function githubContract() {
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json')
  const full = JSON.parse(readFileSync(file, 'utf8'))
  const paths = {}
  for (const [path, methods] of Object.entries(GITHUB_OPERATIONS)) {
    const item = full.paths[path]
    if (!item) throw new Error(`@octokit/openapi has no path ${path}`)
    // Path-level keys (parameters) and the methods called; the other methods of the path are left out.
    paths[path] = Object.fromEntries(Object.entries(item).filter(([key]) => !HTTP_METHODS.has(key) || methods.includes(key)))
    for (const method of methods) if (!item[method]) throw new Error(`@octokit/openapi has no ${method.toUpperCase()} ${path}`)
  }
  const cut = { openapi: full.openapi, info: { title: full.info.title, version: full.info.version }, servers: full.servers, paths, components: referencedComponents(full, [paths]) }
  return JSON.stringify(dropProse(cut, { keepExamples: true })) + '\n'
}

function openapiContract(text) {
  const document = JSON.parse(text)
  return JSON.stringify(dropProse(document, { keepExamples: false })) + '\n'
}

function yamlContract(text) {
  const document = parseYaml(text)
  return stringifyYaml(dropProse(document, { keepExamples: false }), { lineWidth: 0 })
}

function discoveryContract(text) {
  return JSON.stringify(dropProse(JSON.parse(text), { keepExamples: false })) + '\n'
}

/** The SDL with every description removed (types, fields, arguments, enum values), reprinted by graphql. */
function graphqlContract(text) {
  const withoutDescriptions = visit(parseGraphql(text, { noLocation: true }), {
    enter(node) {
      if ('description' in node && node.description) return { ...node, description: undefined }
      return undefined
    }
  })
  const sdl = printGraphql(withoutDescriptions) + '\n'
  buildSchema(sdl) // the reprint must still be a valid schema
  return sdl
}

// ------------------------------------------------------------------------------------------------

function derive(contract, sharedDir) {
  if (contract.kind === 'github') return githubContract()
  const text = readFileSync(join(sharedDir, contract.from), 'utf8')
  switch (contract.kind) {
    case 'graphql':
      return graphqlContract(text)
    case 'openapi':
      return openapiContract(text)
    case 'openapi-yaml':
      return yamlContract(text)
    case 'discovery':
      return discoveryContract(text)
  }
  throw new Error(`unknown contract kind ${contract.kind}`)
}

function readme(sizes) {
  const octokitVersion = JSON.parse(readFileSync(require.resolve('@octokit/openapi/package.json'), 'utf8')).version
  const rows = CONTRACTS.map(
    (c) => `| \`${c.file}\` | ${c.what} | ${c.kind === 'github' ? `${c.source}, version ${octokitVersion}` : `${c.source}; shared/contracts/\`${c.from}\``} | ${c.licence} | ${sizes.get(c.file) ?? '?'} |`
  )
  return `# API contracts for the fake servers

The fake GitHub, Linear and Jira servers in \`__tests__/helpers/\` (and any fake Confluence, BigQuery or Snowflake
server; \`__tests__/helpers/contracts.ts\` has every path) validate requests against these descriptions of the vendors' APIs, so a request the real service would reject fails
our tests too. They are derived, not written: \`scripts/contracts.mjs\` keeps the structure the fakes validate
against (paths, methods, operation ids, parameters, request and response schemas; GraphQL types, fields and
arguments) and drops descriptions, summaries, examples and vendor extensions. GitHub's examples stay, because
the fake GitHub answers with them.

| file | what | source | licence | bytes |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

## Regenerate

\`\`\`sh
node scripts/contracts.mjs ../shared/contracts           # all of them (the vendors' files are in ../shared/contracts)
node scripts/contracts.mjs ../shared/contracts --check   # exit 1 when a committed file is not what the script derives
\`\`\`

GitHub's file is derived from the installed \`@octokit/openapi\` alone (\`node scripts/contracts.mjs\`); after
upgrading that dev dependency, regenerate it. \`__tests__/contracts/contracts.test.ts\` fails when it is stale, and
\`.ci/run\` checks the others whenever \`../shared/contracts\` is there.
Another vendor's contract: add its entry to \`CONTRACTS\` in the script and its path to \`__tests__/helpers/contracts.ts\`,
then regenerate.
`
}

function main() {
  const args = process.argv.slice(2)
  const check = args.includes('--check')
  const positional = args.filter((a) => !a.startsWith('--'))
  if (args.some((a) => a.startsWith('--') && a !== '--check') || positional.length > 1) {
    console.error('usage: node scripts/contracts.mjs [SHARED_CONTRACTS_DIR] [--check]')
    process.exit(2)
  }
  const sharedDir = positional[0] ? resolve(positional[0]) : undefined
  if (sharedDir && !existsSync(sharedDir)) {
    console.error(`contracts: ${sharedDir} does not exist; pass the folder holding the vendors' descriptions (../shared/contracts).`)
    process.exit(2)
  }
  const selected = CONTRACTS.filter((c) => c.kind === 'github' || sharedDir)
  if (!sharedDir) console.error('contracts: no shared contracts folder given; deriving GitHub only (from @octokit/openapi).')
  mkdirSync(OUT, { recursive: true })
  const stale = []
  const sizes = new Map()
  for (const contract of CONTRACTS) {
    const target = join(OUT, contract.file)
    if (!selected.includes(contract)) {
      if (existsSync(target)) sizes.set(contract.file, readFileSync(target).length)
      continue
    }
    const text = derive(contract, sharedDir)
    sizes.set(contract.file, Buffer.byteLength(text))
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined
    if (current === text) continue
    if (check) stale.push(contract.file)
    else writeFileSync(target, text)
  }
  if (!check) {
    writeFileSync(join(OUT, 'github-rest.LICENSE'), readFileSync(require.resolve('@octokit/openapi/LICENSE')))
    // Copied as text: the shared originals are read-only, and their mode would come along with copyFileSync.
    if (sharedDir) for (const c of CONTRACTS) if (c.licenceFile) writeFileSync(join(OUT, c.licenceFile), readFileSync(join(sharedDir, c.licenceFile)))
    writeFileSync(join(OUT, 'README.md'), readme(sizes))
    for (const [file, bytes] of sizes) console.log(`${file}: ${bytes} bytes`)
    return
  }
  if (stale.length > 0) {
    console.error(`contracts: ${stale.join(', ')} differ from a fresh derivation; run 'node scripts/contracts.mjs ${positional[0] ?? '../shared/contracts'}' and commit __tests__/contracts/.`)
    process.exit(1)
  }
  console.log(`contracts: ${selected.map((c) => c.file).join(', ')} are current`)
}

main()
