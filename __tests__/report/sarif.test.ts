import { describe, expect, it } from '@jest/globals'
import { PROJECT_URL, SARIF_SCHEMA, formatSarif, ruleHelpUri, toRelativeUri, toSarif, type SarifOptions } from '../../src/report/sarif.js'
import { RULES } from '../../src/lint/rules/index.js'
import { VERSION } from '../../src/version.js'
import type { Finding, LintResult } from '../../src/lint/types.js'
import type { RuleInfo } from '../../src/report/json.js'

// Fixed findings: deliberately unsorted, one with a rule (PM001) not in RULE_INFO (each test file has its own copy).
const RULE_INFO: RuleInfo[] = [
  { id: 'PM002', name: 'required-metadata', description: 'The metadata gives a Date, a Severity and the Owners. More text.', defaultSeverity: 'error' },
  { id: 'PM005', name: 'section-order', description: 'Sections appear in template order.', defaultSeverity: 'warning' },
  { id: 'PM007', name: 'action-item-format', description: 'Action items are tasks.', defaultSeverity: 'error' }
]

const FINDINGS: Finding[] = [
  { path: 'docs/postmortems/PM-7.md', line: 12, column: 15, rule: 'PM007', severity: 'error', message: 'Action item "x" has no owner.' },
  { path: 'docs/postmortems/PM-10.md', line: 3, column: 1, rule: 'PM005', severity: 'warning', message: 'Section "Timeline" comes after "Root Cause".' },
  { path: 'docs/postmortems/PM-7.md', line: 1, column: 1, rule: 'PM002', severity: 'error', message: 'Metadata "Severity" is missing.' },
  { path: 'docs/postmortems/PM-7.md', line: 1, column: 1, rule: 'PM001', severity: 'error', message: 'Title is missing.' }
]

function result(findings: Finding[] = FINDINGS, files = 3): LintResult {
  const errors = findings.filter((f) => f.severity === 'error').length
  return { findings, summary: { files, errors, warnings: findings.length - errors } }
}


const OPTIONS: SarifOptions = {
  rules: RULE_INFO,
  version: '9.8.7',
  informationUri: PROJECT_URL,
  helpUri: (id) => ruleHelpUri(id, '9.8.7')
}

type Json = Record<string, unknown>
const obj = (value: unknown): Json => {
  expect(value).toEqual(expect.any(Object))
  expect(Array.isArray(value)).toBe(false)
  return value as Json
}
const arr = (value: unknown): unknown[] => {
  expect(Array.isArray(value)).toBe(true)
  return value as unknown[]
}
const isUri = (value: unknown): boolean => typeof value === 'string' && /^https:\/\/\S+$/.test(value)

/**
 * The SARIF 2.1.0 requirements (§3.13 sarifLog, §3.14 run, §3.18 tool, §3.19 toolComponent,
 * §3.49 reportingDescriptor, §3.27 result, §3.28 location, §3.29 physicalLocation, §3.4 artifactLocation,
 * §3.30 region) and GitHub code scanning's, checked by hand since the schema cannot be fetched offline.
 */
function assertValidSarif(log: unknown): void {
  const root = obj(log)
  expect(root.version).toBe('2.1.0')
  expect(root.$schema).toBe(SARIF_SCHEMA)
  const runs = arr(root.runs)
  expect(runs).toHaveLength(1)
  const run = obj(runs[0])
  const driver = obj(obj(run.tool).driver)
  expect(typeof driver.name).toBe('string')
  expect(typeof driver.version).toBe('string')
  expect(isUri(driver.informationUri)).toBe(true)
  const rules = arr(driver.rules).map(obj)
  const ids = rules.map((r) => r.id)
  expect(new Set(ids).size).toBe(ids.length)
  for (const rule of rules) {
    expect(rule.id).toMatch(/^PM\d{3}$/)
    expect(typeof rule.name).toBe('string')
    expect(typeof obj(rule.shortDescription).text).toBe('string')
    expect(typeof obj(rule.fullDescription).text).toBe('string')
    expect(isUri(rule.helpUri)).toBe(true)
    expect(['none', 'note', 'warning', 'error']).toContain(obj(rule.defaultConfiguration).level)
  }
  for (const r of arr(run.results).map(obj)) {
    expect(typeof r.ruleId).toBe('string')
    if (r.ruleIndex !== undefined) expect(rules[r.ruleIndex as number]?.id).toBe(r.ruleId)
    expect(['none', 'note', 'warning', 'error']).toContain(r.level)
    expect(typeof obj(r.message).text).toBe('string')
    const locations = arr(r.locations)
    expect(locations.length).toBeGreaterThan(0)
    for (const location of locations) {
      const physical = obj(obj(location).physicalLocation)
      const artifact = obj(physical.artifactLocation)
      expect(typeof artifact.uri).toBe('string')
      // A relative reference: no scheme, no leading slash, forward slashes.
      expect(artifact.uri).not.toMatch(/^[a-z][a-z0-9+.-]*:|^\/|\\/i)
      const region = obj(physical.region)
      expect(Number.isInteger(region.startLine) && (region.startLine as number) >= 1).toBe(true)
      expect(Number.isInteger(region.startColumn) && (region.startColumn as number) >= 1).toBe(true)
    }
  }
}

describe('SARIF', () => {
  it('produces a structurally valid SARIF 2.1.0 log', () => {
    const log = JSON.parse(formatSarif(result(), OPTIONS)) as unknown
    assertValidSarif(log)
  })

  it('describes the tool and every rule of the registry', () => {
    const driver = toSarif(result(), OPTIONS).runs[0]!.tool.driver
    expect(driver.name).toBe('reliability-loop')
    expect(driver.version).toBe('9.8.7')
    expect(driver.informationUri).toBe(PROJECT_URL)
    expect(driver.rules.map((r) => r.id)).toEqual(['PM002', 'PM005', 'PM007'])
    expect(driver.rules[0]).toEqual({
      id: 'PM002',
      name: 'required-metadata',
      shortDescription: { text: 'The metadata gives a Date, a Severity and the Owners.' },
      fullDescription: { text: 'The metadata gives a Date, a Severity and the Owners. More text.' },
      helpUri: `${PROJECT_URL}/blob/v9.8.7/docs/rules/PM002.md`,
      defaultConfiguration: { level: 'error' }
    })
    expect(driver.rules[1]!.defaultConfiguration.level).toBe('warning')
  })

  it('turns each finding into a sorted result with rule, level, message and location', () => {
    const results = toSarif(result(), OPTIONS).runs[0]!.results
    expect(results.map((r) => r.ruleId)).toEqual(['PM005', 'PM001', 'PM002', 'PM007'])
    expect(results[0]).toEqual({
      ruleId: 'PM005',
      ruleIndex: 1,
      level: 'warning',
      message: { text: 'Section "Timeline" comes after "Root Cause".' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'docs/postmortems/PM-10.md', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, startColumn: 1 }
          }
        }
      ]
    })
    // PM001 is not in the given rules: no ruleIndex rather than a wrong one.
    expect(results[1]).not.toHaveProperty('ruleIndex')
    expect(results[3]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 12, startColumn: 15 })
  })

  it('has no results for a clean run', () => {
    const log = toSarif(result([], 4), OPTIONS)
    expect(log.runs[0]!.results).toEqual([])
    assertValidSarif(log)
  })

  it('percent-encodes path segments into relative URIs', () => {
    expect(toRelativeUri('docs/postmortems/PM-7 (draft).md')).toBe('docs/postmortems/PM-7%20(draft).md')
    expect(toRelativeUri('docs\\pm\\PM-#1.md')).toBe('docs/pm/PM-%231.md')
    expect(toRelativeUri('docs/ü/PM-1.md')).toBe('docs/%C3%BC/PM-1.md')
  })

  it('works with the real rule registry', () => {
    const log = toSarif(result(), { rules: RULES, version: VERSION, informationUri: PROJECT_URL, helpUri: (id) => ruleHelpUri(id, VERSION) })
    assertValidSarif(log)
    const driver = log.runs[0]!.tool.driver
    expect(driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id))
    expect(driver.rules.every((r) => r.helpUri.endsWith(`/docs/rules/${r.id}.md`))).toBe(true)
    // Every finding of the fixture names a registered rule, so every result has a ruleIndex.
    expect(log.runs[0]!.results.every((r) => r.ruleIndex !== undefined)).toBe(true)
  })
})
