// The `audit:` section: defaults (documented in the schema too), the rubric merged with the default
// dimensions, and every mistake reported with file, line and key.
import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { DEFAULT_AUDIT_DIMENSIONS, auditConfigSchema } from '../../src/config/audit-schema.js'
import { defaultAuditConfig, defaultAuditDimensions } from '../../src/config/audit.js'
import { ConfigError, type ConfigIssue } from '../../src/config/errors.js'
import { loadConfig, type ConfigOverride } from '../../src/config/load.js'
import { configSchema } from '../../src/config/schema.js'

const ROOT = '/repo'
const YML = '/repo/.github/reliability.yml'
const load = (text?: string, overrides: ConfigOverride[] = []) => loadConfig({ root: ROOT, readFile: (p) => (p === YML ? text : undefined), overrides })
const lines = (...l: string[]) => `${l.join('\n')}\n`

function issuesOf(run: () => unknown): ConfigIssue[] {
  try {
    run()
  } catch (e) {
    if (e instanceof ConfigError) return [...e.issues]
    throw e
  }
  throw new Error('expected a ConfigError')
}

describe('audit defaults', () => {
  it('applies them without an audit section', () => {
    expect(load().audit).toEqual(defaultAuditConfig())
    expect(load(lines('audit:')).audit).toEqual(defaultAuditConfig())
  })

  it('documents the same defaults in the schema', () => {
    const d = defaultAuditConfig()
    const p = auditConfigSchema.properties
    expect(p.paths.default).toEqual(d.paths)
    expect(p.fields.default).toEqual(d.fields)
    expect(p['sample-size'].default).toBe(d.sampleSize)
    expect(p.seed.default).toBe(d.seed)
    expect(p.strata.properties.flagged.default).toBe(d.strata.flagged)
    expect(p.strata.properties['flagged-pattern'].default).toBe(d.strata.flaggedPattern)
    expect(p.strata.properties['max-per-agent-day'].default).toBe(d.strata.maxPerAgentDay)
    expect(p.llm.properties['api-key-env'].default).toBe(d.llm.apiKeyEnv)
    expect(p.llm.properties['max-calls'].default).toBe(d.llm.maxCalls)
    expect(p.llm.properties.retries.default).toBe(d.llm.retries)
    expect(p.llm.properties['timeout-seconds'].default).toBe(d.llm.timeoutSeconds)
    expect(p.llm.properties.concurrency.default).toBe(d.llm.concurrency)
    expect(p.llm.properties['include-notes'].default).toBe(d.llm.includeNotes)
    expect(p['budget-chars'].default).toBe(d.budgetChars)
    expect(p['output-dir'].default).toBe(d.outputDir)
    expect(p['max-line-bytes'].default).toBe(d.maxLineBytes)
    for (const name of Object.keys(p.fields.properties)) expect(p.fields.properties[name as keyof typeof p.fields.properties].default).toBe(d.fields[name as keyof typeof d.fields])
    // The default rubric in the schema validates against the dimension schema and resolves to the defaults.
    const validate = new Ajv({ strict: false, allowUnionTypes: true }).compile(configSchema)
    expect(validate({ audit: { rubric: { dimensions: DEFAULT_AUDIT_DIMENSIONS } } })).toBe(true)
    expect(load(lines('audit:', '  rubric:', `    dimensions: ${JSON.stringify(DEFAULT_AUDIT_DIMENSIONS)}`)).audit?.rubric.dimensions).toEqual(defaultAuditDimensions())
  })

  it('closes every object to unknown keys and describes every property', () => {
    const missing: string[] = []
    const open: string[] = []
    const walk = (node: unknown, at: string) => {
      if (node === null || typeof node !== 'object') return
      const n = node as Record<string, unknown>
      if (n.properties) {
        if (n.additionalProperties !== false) open.push(at)
        for (const [key, child] of Object.entries(n.properties as Record<string, unknown>)) {
          if (typeof (child as { description?: unknown }).description !== 'string') missing.push(`${at}.${key}`)
          walk(child, `${at}.${key}`)
        }
      }
      for (const k of ['items', 'additionalProperties'] as const) if (typeof n[k] === 'object') walk(n[k], `${at}.${k}`)
    }
    walk(auditConfigSchema, 'audit')
    expect(missing).toEqual([])
    expect(open).toEqual([])
  })
})

describe('the rubric', () => {
  it('merges dimensions with the defaults and adds new ones', () => {
    const audit = load(
      lines(
        'audit:',
        '  rubric:',
        '    version: "2026.1"',
        '    dimensions:',
        '      tone:',
        '        threshold: 4',
        '        scorer: llm',
        '      accuracy:',
        '        enabled: false',
        '      escalation:',
        '        description: Hands off to a human when it should.',
        '        scale: 1-5',
        '        rules:',
        '          - when: { tool: { equals: handoff_to_human } }',
        '            match: none',
        '            score: 2'
      )
    ).audit
    expect(audit?.rubric.version).toBe('2026.1')
    expect(audit?.rubric.dimensions.map((d) => [d.name, d.scale, d.threshold, d.scorer])).toEqual([
      ['policy_adherence', '0-1', 1, 'rules'],
      ['tone', '1-5', 4, 'llm'],
      ['escalation', '1-5', 3, 'rules']
    ])
    expect(audit?.rubric.dimensions[2]?.rules).toEqual([{ match: 'none', when: { tool: { equals: 'handoff_to_human', ignoreCase: true } }, score: 2 }])
    expect(audit?.rubric.dimensions[1]?.description).toBe(DEFAULT_AUDIT_DIMENSIONS.tone.description)
  })

  it('reads text conditions as regular expressions and keywords as lists', () => {
    const audit = load(lines('audit:', '  rubric:', '    dimensions:', '      policy_adherence:', '        rules:', '          - when: { notes: "violat", content: { contains: refund, ignore-case: false } }', '            score: 0')).audit
    expect(audit?.rubric.dimensions[0]?.rules[0]?.when).toEqual({ notes: { matches: 'violat', ignoreCase: true }, content: { contains: ['refund'], ignoreCase: false } })
  })

  it('reports scores, thresholds and regular expressions that do not fit, at their line', () => {
    const issues = issuesOf(() =>
      load(
        lines(
          'audit:',
          '  rubric:',
          '    dimensions:',
          '      tone:',
          '        threshold: 0.5',
          '        rules:',
          '          - when: { notes: "(unclosed" }',
          '            score: 3.5',
          '      Bad-Name:',
          '        scale: 0-1',
          '      helpfulness:',
          '        description: Helps.'
        )
      )
    )
    expect(issues.map((i) => `${i.line}: ${i.key}: ${i.message}`)).toEqual([
      '5: audit.rubric.dimensions.tone.threshold: threshold 0.5 is not on the 1-5 scale; give a whole number from 1 to 5',
      '8: audit.rubric.dimensions.tone.rules[0].score: must be a whole number from 1 to 5 (the 1-5 scale)',
      expect.stringMatching(/^7: audit\.rubric\.dimensions\.tone\.rules\[0\]\.when\.notes: not a valid regular expression: /),
      '9: audit.rubric.dimensions.Bad-Name: dimension names are lower case letters, digits and `_`, starting with a letter (they become column names)',
      '11: audit.rubric.dimensions.helpfulness: the rules scorer needs rules: add `rules`, or set `scorer: llm` or `scorer: human`'
    ])
    expect(issues.every((i) => i.file === '.github/reliability.yml')).toBe(true)
  })

  it('says when a default dimension moved to another scale needs rules of its own', () => {
    const issues = issuesOf(() => load(lines('audit:', '  rubric:', '    dimensions:', '      tone:', '        scale: 0-1')))
    expect(issues.map((i) => `${i.line}: ${i.key}: ${i.message}`)).toEqual([
      '4: audit.rubric.dimensions.tone: the rules scorer needs rules: add `rules`, or set `scorer: llm` or `scorer: human`'
    ])
    expect(load(lines('audit:', '  rubric:', '    dimensions:', '      tone:', '        scale: 0-1', '        scorer: llm')).audit?.rubric.dimensions[1]).toMatchObject({ scale: '0-1', threshold: 0.5 })
  })

  it('needs at least one dimension', () => {
    const text = lines('audit:', '  rubric:', '    dimensions:', '      policy_adherence: { enabled: false }', '      tone: { enabled: false }', '      accuracy: { enabled: false }')
    expect(issuesOf(() => load(text)).map((i) => i.message)).toEqual(['every dimension is disabled: the rubric needs at least one'])
  })
})

describe('the other settings', () => {
  it('reads every setting', () => {
    const audit = load(
      lines(
        'audit:',
        '  paths: [transcripts/**/*.jsonl]',
        '  fields: { ts: timestamp, notes: meta.flags }',
        '  sample-size: 40',
        '  seed: 2026',
        '  strata: { flagged: true, flagged-pattern: "violation", max-per-agent-day: 2 }',
        '  llm: { base-url: "http://localhost:11434/v1", model: llama3, api-key-env: JUDGE_KEY, max-calls: 5, retries: 1, timeout-seconds: 30, concurrency: 2, include-notes: false, other-fields: [status, meta.severity] }',
        '  budget-chars: 5000',
        '  output-dir: ./audits/',
        '  fail-below: 0.9',
        '  max-line-bytes: 65536'
      )
    ).audit
    expect(audit).toEqual({
      ...defaultAuditConfig(),
      paths: ['transcripts/**/*.jsonl'],
      fields: { ...defaultAuditConfig().fields, ts: 'timestamp', notes: 'meta.flags' },
      sampleSize: 40,
      seed: '2026',
      strata: { flagged: true, flaggedPattern: 'violation', maxPerAgentDay: 2 },
      llm: { baseUrl: 'http://localhost:11434/v1', model: 'llama3', apiKeyEnv: 'JUDGE_KEY', maxCalls: 5, retries: 1, timeoutSeconds: 30, concurrency: 2, includeNotes: false, otherFields: ['status', 'meta.severity'] },
      budgetChars: 5000,
      outputDir: 'audits',
      failBelow: 0.9,
      maxLineBytes: 65536
    })
  })

  it('reports mistakes with file, line and key', () => {
    const issues = issuesOf(() =>
      load(lines('audit:', '  sample-sise: 10', '  fail-below: 2', '  output-dir: ../elsewhere', '  strata: { flagged-pattern: "[" }', '  llm: { base-url: "localhost:8080", api-key: "sk-123" }'))
    )
    expect(issues.map((i) => `${i.line}: ${i.key}: ${i.message}`)).toEqual([
      expect.stringMatching(/^2: audit\.sample-sise: unknown key \(did you mean "sample-size"\?\)/),
      '3: audit.fail-below: must be <= 1',
      expect.stringMatching(/^6: audit\.llm\.api-key: unknown key/)
    ])
    const semantic = issuesOf(() => load(lines('audit:', '  output-dir: ../elsewhere', '  strata: { flagged-pattern: "[" }', '  llm: { base-url: "localhost:8080" }')))
    expect(semantic.map((i) => `${i.line}: ${i.key}`)).toEqual(['3: audit.strata.flagged-pattern', '4: audit.llm.base-url', '2: audit.output-dir'])
  })

  it('takes overrides from flags and inputs, validated like the file', () => {
    expect(load(undefined, [{ source: '--sample', values: { audit: { 'sample-size': 3 } } }]).audit?.sampleSize).toBe(3)
    expect(issuesOf(() => load(undefined, [{ source: '--sample', values: { audit: { 'sample-size': 0 } } }]))).toEqual([{ file: '--sample', key: 'audit.sample-size', message: 'must be 1 or more (got 0)' }])
  })
})
