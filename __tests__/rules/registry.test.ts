import { RULES, ruleById } from '../../src/lint/rules/index.js'
import type { FileRule } from '../../src/lint/types.js'
import { EXISTING_PATHS, VALID_PATH, VALID_POSTMORTEM, VALID_POSTMORTEM_FRONT_MATTER, makeContext, parse, summarize } from './helpers.js'

describe('rule registry', () => {
  test('lists PM000…PM011 in id order, each once', () => {
    expect(RULES.map((r) => r.id)).toEqual(Array.from({ length: 12 }, (_, i) => `PM${String(i).padStart(3, '0')}`))
  })

  test('every rule has a kebab-case name, a description, a default severity and a scope', () => {
    for (const rule of RULES) {
      expect(rule.name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      expect(rule.description.length).toBeGreaterThan(10)
      expect(['error', 'warning']).toContain(rule.defaultSeverity)
      expect(['file', 'project']).toContain(rule.scope)
    }
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length)
  })

  test('names, scopes and default severities are the documented ones', () => {
    expect(RULES.map((r) => `${r.id} ${r.name} ${r.scope} ${r.defaultSeverity}`)).toEqual([
      'PM000 readable-file file error',
      'PM001 title file error',
      'PM002 required-metadata file error',
      'PM003 metadata-values file error',
      'PM004 required-sections file error',
      'PM005 section-order file warning',
      'PM006 severe-links file error',
      'PM007 action-item-format file error',
      'PM008 severe-has-actions file error',
      'PM009 placeholders file error',
      'PM010 timeline-order file error',
      'PM011 unique-id project error'
    ])
  })

  test('ruleById finds rules case-insensitively and returns undefined for unknown ids', () => {
    expect(ruleById('PM004')?.name).toBe('required-sections')
    expect(ruleById('pm011')?.name).toBe('unique-id')
    expect(ruleById('PM999')).toBeUndefined()
  })
})

describe('a complete valid postmortem', () => {
  const fileRules = RULES.filter((r): r is FileRule => r.scope === 'file')
  const ctx = makeContext({ paths: EXISTING_PATHS })

  test.each([
    ['list metadata', VALID_POSTMORTEM],
    ['front matter', VALID_POSTMORTEM_FRONT_MATTER]
  ])('has no reports from any rule (%s)', (_name, text) => {
    const pm = parse(text, VALID_PATH)
    expect(pm.problems).toEqual([])
    expect(pm.metadata.severity?.label).toBe('Sev1')
    expect(pm.actionItems).toHaveLength(3)
    expect(pm.timeline).toHaveLength(6)
    for (const rule of fileRules) expect({ rule: rule.id, reports: summarize(rule.check(pm, ctx)) }).toEqual({ rule: rule.id, reports: [] })
  })

  test('front matter variant really is read from front matter', () => {
    const pm = parse(VALID_POSTMORTEM_FRONT_MATTER, VALID_PATH)
    expect(pm.metadata.fields.severity?.source).toBe('frontmatter')
    expect(pm.metadata.owners.map((o) => o.name)).toEqual(['maria.chen', 'agent-platform'])
    expect(pm.metadata.pagerduty).toEqual(['Q3XYZW8ABCDEFG'])
  })
})
