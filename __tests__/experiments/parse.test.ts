import { describe, expect, it } from '@jest/globals'
import { parseExperimentDoc } from '../../src/experiments/parse.js'
import { CONCLUSION_LINES, FRONT_MATTER_LINES, ID, docText, lineOf, withLine } from './fixtures.js'

const PATH = 'docs/experiments/EXP-2026-10-16-ask.md'

describe('parseExperimentDoc', () => {
  it('reads a valid doc into the model, with the body and where each key is', () => {
    const { doc, problems } = parseExperimentDoc(docText(), PATH)
    expect(problems).toEqual([])
    expect(doc).toMatchObject({
      id: ID,
      path: PATH,
      name: 'Ask before retrying an empty search',
      owner: '@maria.chen',
      status: 'running',
      change: { type: 'prompt', ref: 'research-agent prompt v43' },
      metrics: [
        { name: 'task_success_rate', baseline: 0.78, target: 0.82 },
        { name: 'p95_latency', baseline: '4.1 s', target: '<= 3.5 s' }
      ],
      guardrails: [{ name: 'audit:tool-use', threshold: '>= 0.85', source: 'audit' }],
      rollback: { trigger: 'task_success_rate below 0.74 for 2 hours', owner: '@dev-ops' },
      created: '2026-10-16',
      bodyLine: FRONT_MATTER_LINES.length + 3
    })
    expect(doc?.body).toContain('## Context')
    expect(doc?.positions.rollback).toEqual({ line: lineOf('rollback:'), column: 1 })
    expect(doc?.positions['rollback.trigger']).toEqual({ line: lineOf('  trigger:'), column: 3 })
    expect(doc?.positions['rollback.steps[1]']).toEqual({ line: lineOf('    - Check'), column: 7 })
    expect(doc?.positions['metrics[1].target']).toEqual({ line: lineOf('    target: "<='), column: 5 })
  })

  it('maps the conclusion keys to the model (audit-period, target-met)', () => {
    const lines = withLine('status:', 'status: concluded').concat(CONCLUSION_LINES)
    const { doc, problems } = parseExperimentDoc(docText(lines), PATH)
    expect(problems).toEqual([])
    expect(doc).toMatchObject({
      status: 'concluded',
      outcome: 'won',
      concluded: '2026-10-30',
      auditPeriod: '2026-10',
      results: [
        { name: 'task_success_rate', observed: 0.83, targetMet: true },
        { name: 'p95_latency', observed: '3.2 s', targetMet: true }
      ]
    })
  })

  it('reads bytes: BOM, CRLF', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${docText().replace(/\n/g, '\r\n')}`)
    const { doc, problems } = parseExperimentDoc(bytes, PATH)
    expect(problems).toEqual([])
    expect(doc?.positions.rollback?.line).toBe(lineOf('rollback:'))
  })

  it('reports what makes a file unreadable instead of throwing', () => {
    expect(parseExperimentDoc(new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x00]), PATH).problems[0]?.message).toMatch(/not valid UTF-8/)
    expect(parseExperimentDoc('a\0b', PATH).problems[0]?.message).toMatch(/binary/)
    expect(parseExperimentDoc('x'.repeat(1024 * 1024 + 1), PATH).problems[0]?.message).toMatch(/over the 1 MB/)
  })

  it('needs front matter, closed', () => {
    expect(parseExperimentDoc('# Just a title\n', PATH).problems).toEqual([{ line: 1, column: 1, message: expect.stringMatching(/^no YAML front matter/) }])
    expect(parseExperimentDoc('---\nid: x\n', PATH).problems[0]?.message).toMatch(/not closed/)
  })

  it('reports invalid YAML at its line', () => {
    const lines = withLine('hypothesis:', 'hypothesis: [unclosed')
    const { doc, problems } = parseExperimentDoc(docText(lines), PATH)
    expect(doc).toBeUndefined()
    expect(problems[0]?.message).toMatch(/^invalid YAML in the front matter/)
    expect(problems[0]?.line).toBeGreaterThanOrEqual(lineOf('hypothesis:'))
  })

  it('reports a duplicate key', () => {
    const { problems } = parseExperimentDoc(docText([...FRONT_MATTER_LINES, 'name: again']), PATH)
    expect(problems[0]?.message).toMatch(/invalid YAML.*[Mm]ap keys must be unique/)
  })

  it('never throws on odd front matter', () => {
    for (const text of ['---\n---\n', '---\n- a list\n---\n', '---\n42\n---\n', '---\n&a [*a]\n---\n', '---\n~\n---\n']) {
      const result = parseExperimentDoc(text, PATH)
      expect(result.doc).toBeUndefined()
      expect(result.problems.length).toBeGreaterThan(0)
    }
  })
})

describe('consistency checks beyond the schema', () => {
  it('rejects a date that is not in the calendar', () => {
    const { doc, problems } = parseExperimentDoc(docText(withLine('created:', 'created: 2026-02-30')), PATH)
    expect(doc).toBeDefined()
    expect(problems).toEqual([{ line: lineOf('created:'), column: 1, key: 'created', message: '2026-02-30 is not a day in the calendar' }])
  })

  it('rejects a conclusion before creation, results for unknown metrics, twice, or missing', () => {
    const conclusion = [
      'outcome: lost',
      'concluded: 2026-10-01',
      'results:',
      '  - name: task_success_rate',
      '    observed: 0.7',
      '    target-met: false',
      '  - name: task_success_rate',
      '    observed: 0.71',
      '    target-met: false',
      '  - name: csat',
      '    observed: 4',
      '    target-met: true'
    ]
    const lines = withLine('status:', 'status: concluded').concat(conclusion)
    const messages = parseExperimentDoc(docText(lines), PATH).problems.map((p) => `${p.key}: ${p.message}`)
    expect(messages).toEqual([
      'concluded: concluded (2026-10-01) is before created (2026-10-16)',
      'results: no result for "p95_latency": record one result per metric',
      'results[1].name: metric "task_success_rate" has more than one result',
      'results[2].name: "csat" is not one of the metrics (task_success_rate, p95_latency)'
    ])
  })

  it('rejects a metric listed twice', () => {
    const lines = withLine('  - name: p95_latency', '  - name: task_success_rate')
    expect(parseExperimentDoc(docText(lines), PATH).problems.map((p) => p.message)).toEqual(['metric "task_success_rate" is listed more than once'])
  })
})
