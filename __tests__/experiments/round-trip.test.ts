// new → parse → validates; conclude → parse → validates, keeping comments and the body.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { concludeExperimentText } from '../../src/experiments/conclude.js'
import { bodyFromTemplate, createExperimentDoc, experimentFileName, slugify, type NewExperiment } from '../../src/experiments/create.js'
import { frontMatterValuesOf } from '../../src/experiments/front-matter-values.js'
import { parseExperimentDoc } from '../../src/experiments/parse.js'
import { validateExperimentDoc } from '../../src/experiments/validate.js'

const ID = '54a40651-d76c-4392-afa9-f3eb4bd89ccb'

const INPUT: NewExperiment = {
  name: 'Refund tool: check status instead of retrying!',
  owner: '@tomas.silva',
  hypothesis: 'Telling the agent the tool has side effects, and giving it a status tool, removes duplicate refunds: "17 of 143" came from the agent.',
  change: { type: 'tool', ref: 'agent-tools 9f1c2ab', description: 'side_effecting=true' },
  metrics: [
    { name: 'duplicate_refunds_per_1000', baseline: 1.9, target: 0 },
    { name: 'resolution', baseline: '93%', target: '>= 93%' }
  ],
  guardrails: [{ name: 'audit:tool-use', threshold: '>= 0.9', source: 'audit' }],
  rollback: { trigger: 'any duplicate refund in reconciliation', steps: ['Revert agent-tools 9f1c2ab', 'Turn off flag support_agent.refund_status_tool'], owner: '@payments-oncall' },
  related: ['PM-104']
}

const TEMPLATE = `---
id: 00000000-0000-4000-8000-000000000000
name: Example
---

# Example

## Context

<!-- why -->
`

describe('file names', () => {
  it('slugs names, cuts long ones at a word, and falls back to the id', () => {
    expect(slugify('Refund tool: check status instead of retrying!')).toBe('refund-tool-check-status-instead-of-retrying')
    expect(slugify('Café  déjà vu')).toBe('cafe-deja-vu')
    expect(slugify('a'.repeat(30) + ' ' + 'b'.repeat(40)).length).toBeLessThanOrEqual(60)
    expect(slugify('word '.repeat(30))).toMatch(/^word(-word)*$/)
    expect(experimentFileName('2026-11-27', '提示实验', ID)).toBe('EXP-2026-11-27-54a40651.md')
  })
})

describe('createExperimentDoc', () => {
  it('writes a doc that parses back to the same values and validates', () => {
    const { path, text } = createExperimentDoc(INPUT, { id: ID, created: '2026-11-27', dir: 'docs/experiments/', templateText: TEMPLATE })
    expect(path).toBe('docs/experiments/EXP-2026-11-27-refund-tool-check-status-instead-of-retrying.md')
    const { doc, problems } = validateExperimentDoc(text, path)
    expect(problems).toEqual([])
    expect(doc).toMatchObject({ ...INPUT, id: ID, status: 'proposed', created: '2026-11-27' })
    expect(doc?.body).toBe('\n# Refund tool: check status instead of retrying!\n\n## Context\n\n<!-- why -->\n')
  })

  it('is deterministic', () => {
    const options = { id: ID, created: '2026-11-27', dir: 'docs/experiments' }
    expect(createExperimentDoc(INPUT, options)).toEqual(createExperimentDoc(INPUT, options))
  })

  it('uses the built-in body without a template, and a template without a title', () => {
    expect(bodyFromTemplate(undefined, 'X')).toMatch(/^\n# X\n\n## Context\n/)
    expect(bodyFromTemplate('## Notes\n', 'X')).toBe('\n# X\n\n## Notes\n')
    expect(bodyFromTemplate('---\na: 1\n---\n', 'X')).toMatch(/^\n# X\n\n## Context/)
  })

  it('round-trips any names, owners and texts through YAML (quotes, colons, hashes, unicode, newlines)', () => {
    const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '' && !s.includes('\0'))
    fc.assert(
      fc.property(text, text, text, (name, hypothesis, ref) => {
        const input: NewExperiment = { ...INPUT, name, hypothesis, change: { type: 'prompt', ref } }
        const created = createExperimentDoc(input, { id: ID, created: '2026-11-27', dir: 'x' })
        const { doc } = parseExperimentDoc(created.text, created.path)
        expect(doc).toBeDefined()
        expect(doc?.name).toBe(name)
        expect(doc?.hypothesis).toBe(hypothesis)
        expect(doc?.change.ref).toBe(ref)
      }),
      { numRuns: 200 }
    )
  })
})

describe('concludeExperimentText', () => {
  const created = createExperimentDoc(INPUT, { id: ID, created: '2026-11-27', dir: 'docs/experiments', templateText: TEMPLATE })
  const results = [
    { name: 'duplicate_refunds_per_1000', observed: 0, targetMet: true },
    { name: 'resolution', observed: '94%', targetMet: true }
  ]

  it('records the conclusion so that the doc parses and validates', () => {
    const text = concludeExperimentText(created.text, { outcome: 'won', concluded: '2026-12-15', results, auditPeriod: '2026-12' })
    const { doc, problems } = validateExperimentDoc(text, created.path)
    expect(problems).toEqual([])
    expect(doc).toMatchObject({ status: 'concluded', outcome: 'won', concluded: '2026-12-15', results, auditPeriod: '2026-12', name: INPUT.name })
    expect(doc?.body).toBe(parseExperimentDoc(created.text, created.path).doc?.body)
    expect(frontMatterValuesOf(doc!)).toMatchObject({ 'audit-period': '2026-12', results: [{ 'target-met': true }, { 'target-met': true }] })
  })

  it('a rolled-back outcome moves the status to rolled-back', () => {
    const text = concludeExperimentText(created.text, { outcome: 'rolled-back', concluded: '2026-12-01', results })
    expect(validateExperimentDoc(text, created.path)).toMatchObject({ problems: [], doc: { status: 'rolled-back', outcome: 'rolled-back' } })
  })

  it('keeps comments and key order of the front matter, and replaces an earlier conclusion', () => {
    const commented = created.text.replace('status: proposed', 'status: running # canary since Monday')
    const once = concludeExperimentText(commented, { outcome: 'lost', concluded: '2026-12-01', results })
    const twice = concludeExperimentText(once, { outcome: 'won', concluded: '2026-12-02', results, auditPeriod: '2026-12' })
    expect(twice).toContain('# canary since Monday')
    expect(twice.match(/^outcome:/gm)).toHaveLength(1)
    expect(validateExperimentDoc(twice, created.path).doc).toMatchObject({ outcome: 'won', concluded: '2026-12-02' })
    const keys = [...twice.split('---')[1]!.matchAll(/^([a-z-]+):/gm)].map((m) => m[1])
    expect(keys).toEqual(['id', 'name', 'owner', 'status', 'change', 'hypothesis', 'metrics', 'guardrails', 'rollback', 'created', 'related', 'outcome', 'concluded', 'results', 'audit-period'])
  })

  it('changes nothing else in the file: folded text, long lines, quoting, comments, body', () => {
    const original = readFileSync(new URL('../../docs/experiments/EXP-2026-11-12-billing-tone-canary.md', import.meta.url), 'utf8')
    const concluded = concludeExperimentText(original, {
      outcome: 'won',
      concluded: '2026-11-27',
      results: [
        { name: 'billing_csat', observed: 4.5, targetMet: true },
        { name: 'escalation_rate', observed: 0.1, targetMet: true },
        { name: 'answer_tokens_median', observed: 120, targetMet: true }
      ],
      auditPeriod: '2026-12'
    })
    const appended = [
      'outcome: won',
      'concluded: 2026-11-27',
      'results:',
      '  - name: billing_csat',
      '    observed: 4.5',
      '    target-met: true',
      '  - name: escalation_rate',
      '    observed: 0.1',
      '    target-met: true',
      '  - name: answer_tokens_median',
      '    observed: 120',
      '    target-met: true',
      'audit-period: 2026-12'
    ].join('\n')
    const expected = original.replace('status: running\n', 'status: concluded\n').replace('  - logs/missions/2026-11-04-mission-2240.ndjson\n---\n', `  - logs/missions/2026-11-04-mission-2240.ndjson\n${appended}\n---\n`)
    expect(concluded).toBe(expected)
    // Concluding again replaces the recorded keys in place.
    const again = concludeExperimentText(concluded, { outcome: 'rolled-back', concluded: '2026-11-28', results: [{ name: 'billing_csat', observed: 3.9, targetMet: false }] })
    expect(again).toContain('status: rolled-back\n')
    expect(again).toContain('outcome: rolled-back\nconcluded: 2026-11-28\nresults:\n  - name: billing_csat\n    observed: 3.9\n    target-met: false\naudit-period: 2026-12\n---\n')
  })
})
