// One "inside the repository" rule for every configured path and glob, in every section.
import { describe, expect, it } from '@jest/globals'
import { ConfigError, type ConfigIssue } from '../../src/config/errors.js'
import { loadConfig } from '../../src/config/load.js'
import { REPOSITORY_PATH_KEYS, outsideRepositoryReason } from '../../src/config/repo-paths.js'
import { configSchema } from '../../src/config/schema.js'

const ROOT = '/repo'
const YML = '/repo/.github/reliability.yml'

function issuesOf(text: string, overrides: Parameters<typeof loadConfig>[0]['overrides'] = []): ConfigIssue[] {
  try {
    loadConfig({ root: ROOT, readFile: (p) => (p === YML ? text : undefined), overrides })
  } catch (e) {
    if (e instanceof ConfigError) return [...e.issues]
    throw e
  }
  return []
}

/** A YAML document setting one key (dotted, `[]` = a one-item list) to `value`. */
function yamlFor(key: string, value: string): string {
  const isList = key.endsWith('[]')
  const parts = (isList ? key.slice(0, -2) : key).split('.')
  return parts.map((p, i) => `${'  '.repeat(i)}${p}:${i === parts.length - 1 ? (isList ? ` [${JSON.stringify(value)}]` : ` ${JSON.stringify(value)}`) : ''}`).join('\n') + '\n'
}

describe('outsideRepositoryReason', () => {
  it('accepts paths and globs below the root', () => {
    for (const ok of ['docs/postmortems/**/PM-*.md', 'reliability/audits', '.', './docs/x.md', 'node_modules/.cache/reliability-loop']) {
      expect(outsideRepositoryReason(ok)).toBeUndefined()
    }
  })

  it('refuses absolute paths, drive letters, escapes and empty strings', () => {
    expect(outsideRepositoryReason('/tmp/x')).toBe('is an absolute path')
    expect(outsideRepositoryReason('C:\\temp\\x')).toBe('is an absolute path')
    expect(outsideRepositoryReason('../outside/*.md')).toBe('leaves the repository')
    expect(outsideRepositoryReason('docs/../../x')).toBe('leaves the repository')
    expect(outsideRepositoryReason('docs/**/../../x/*.md')).toBe('has a ".." segment')
    expect(outsideRepositoryReason('a/../b')).toBe('has a ".." segment')
    expect(outsideRepositoryReason('..\\outside')).toBe('leaves the repository')
    expect(outsideRepositoryReason(' ')).toBe('must not be empty')
  })
})

describe('loadConfig: every configured path stays inside the repository', () => {
  it('postmortems.paths: "../outside/*.md" is an error at file:line:col and key', () => {
    const issues = issuesOf('postmortems:\n  paths:\n    - docs/postmortems/**/PM-*.md\n    - ../outside/*.md\n')
    expect(issues).toEqual([
      {
        file: '.github/reliability.yml',
        line: 4,
        column: 7,
        key: 'postmortems.paths[1]',
        message: '"../outside/*.md" leaves the repository: paths and globs here are relative to the repository root and stay inside it'
      }
    ])
  })

  it('lint.cache-dir: an absolute /tmp/x is an error, not ./tmp/x', () => {
    const [issue] = issuesOf('lint:\n  cache-dir: /tmp/x\n')
    expect(issue).toMatchObject({ line: 2, column: 14, key: 'lint.cache-dir', message: expect.stringContaining('"/tmp/x" is an absolute path') })
    const [escape] = issuesOf('lint:\n  cache-dir: ../outside\n')
    expect(escape).toMatchObject({ key: 'lint.cache-dir', message: expect.stringContaining('leaves the repository') })
  })

  it.each(REPOSITORY_PATH_KEYS.map((k) => [k]))('%s: "../outside" and "/tmp/x" are errors', (key) => {
    for (const value of ['../outside', '/tmp/x']) {
      const issues = issuesOf(yamlFor(key, value))
      const expectedKey = key.endsWith('[]') ? `${key.slice(0, -2)}[0]` : key
      expect(issues.map((i) => i.key)).toContain(expectedKey)
      expect(issues.find((i) => i.key === expectedKey)?.line).toBeGreaterThan(0)
    }
  })

  it('reports every outside path at once, across sections', () => {
    const issues = issuesOf('postmortems:\n  paths: [/etc/*.md]\naudit:\n  paths: ["../logs/*.ndjson"]\nreview:\n  output-dir: /tmp/r\n')
    expect(issues.map((i) => i.key).sort()).toEqual(['audit.paths[0]', 'postmortems.paths[0]', 'review.output-dir'])
  })

  it('applies to overrides too (an Action paths input)', () => {
    const issues = issuesOf('', [{ source: 'input paths', values: { postmortems: { paths: ['../x/*.md'] } } }])
    expect(issues).toEqual([{ file: 'input paths', key: 'postmortems.paths[0]', message: expect.stringContaining('leaves the repository') }])
  })

  it('accepts the defaults and ordinary relative paths', () => {
    expect(issuesOf('')).toEqual([])
    expect(issuesOf('postmortems:\n  paths: ["./docs/pm/*.md"]\nlint:\n  cache-dir: node_modules/.cache/rl\n')).toEqual([])
  })

  it('lists every path-like key of the schema', () => {
    const found: string[] = []
    const walk = (node: unknown, at: string): void => {
      if (node === null || typeof node !== 'object') return
      const n = node as { properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[]; oneOf?: unknown[]; type?: unknown }
      for (const alt of [...(n.anyOf ?? []), ...(n.oneOf ?? [])]) walk(alt, at)
      for (const [name, child] of Object.entries(n.properties ?? {})) {
        const key = at === '' ? name : `${at}.${name}`
        const c = child as { type?: unknown; items?: { type?: unknown } }
        const isStrings = c.type === 'array' && c.items?.type === 'string'
        if (/(^|-)(paths|dir|log|template)$/.test(name) && (c.type === 'string' || isStrings)) found.push(isStrings ? `${key}[]` : key)
        walk(child, key)
      }
    }
    walk(configSchema, '')
    expect(found.length).toBeGreaterThan(10)
    expect([...REPOSITORY_PATH_KEYS].sort()).toEqual(expect.arrayContaining(found.sort()))
  })
})
