import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { configSchema } from '../../src/config/schema.js'
import { defaultLintConfig, KNOWN_RULE_IDS } from '../../src/config/defaults.js'
import { RULES } from '../../src/lint/rules/index.js'

const schemaJsonPath = new URL('../../src/config/schema.json', import.meta.url)

describe('config schema', () => {
  it('schema.json on disk is exactly the exported schema (editors read the JSON, the code validates with the TS)', () => {
    const onDisk: unknown = JSON.parse(readFileSync(schemaJsonPath, 'utf8'))
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(configSchema)))
  })

  it('compiles under ajv strict mode', () => {
    expect(() => new Ajv({ strict: true, allowUnionTypes: true }).compile(configSchema)).not.toThrow()
  })

  it('gives every property a description and closes postmortems and lint to unknown keys', () => {
    const missing: string[] = []
    const walk = (node: unknown, at: string) => {
      if (node === null || typeof node !== 'object') return
      const n = node as Record<string, unknown>
      if (n.properties) {
        for (const [key, child] of Object.entries(n.properties as Record<string, unknown>)) {
          if (typeof (child as { description?: unknown }).description !== 'string') missing.push(`${at}.${key}`)
          walk(child, `${at}.${key}`)
        }
      }
      for (const k of ['items', 'additionalProperties'] as const) if (typeof n[k] === 'object') walk(n[k], `${at}.${k}`)
      if (n.patternProperties) for (const child of Object.values(n.patternProperties as object)) walk(child, at)
    }
    walk(configSchema, '')
    expect(missing).toEqual([])
    expect(configSchema.additionalProperties).toBe(false)
    expect(configSchema.properties.postmortems.additionalProperties).toBe(false)
    expect(configSchema.properties.lint.additionalProperties).toBe(false)
  })

  it('makes lint.rules and the known rule ids from the rule registry: every rule but PM000, described as the rule describes itself', () => {
    const rules = configSchema.properties.lint.properties.rules.properties as Record<string, { description: string }>
    const registry = RULES.filter((rule) => rule.id !== 'PM000')
    expect(Object.keys(rules)).toEqual(registry.map((rule) => rule.id))
    expect(KNOWN_RULE_IDS).toEqual(registry.map((rule) => rule.id))
    for (const rule of registry) expect(rules[rule.id]?.description).toBe(`${rule.id} ${rule.name}: ${rule.description} Default: \`${rule.defaultSeverity}\`.`)
    expect(KNOWN_RULE_IDS).not.toContain('PM000') // a file that cannot be read never passes silently
  })

  it('documents the same defaults as defaults.ts', () => {
    const d = defaultLintConfig()
    const pm = configSchema.properties.postmortems.properties
    const lint = configSchema.properties.lint.properties
    expect(pm.paths.default).toEqual(d.postmortems.paths)
    expect(pm['severity-levels'].default).toEqual(d.postmortems.severityLevels)
    expect(pm.sections.default).toEqual(d.postmortems.sections)
    expect(pm['section-aliases'].default).toEqual(d.postmortems.sectionAliases)
    expect(lint.rules.default).toEqual(d.rules)
    expect(lint['linked-severities'].default).toEqual(d.linkedSeverities)
    expect(lint.cache.default).toBe(d.cache)
    expect(lint['cache-dir'].default).toBe(d.cacheDir)
    expect(lint.concurrency.default).toBe(d.concurrency)
  })
})
