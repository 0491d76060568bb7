import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { parseExperimentDoc } from '../../src/experiments/parse.js'
import { experimentSchema } from '../../src/experiments/schema.js'
import { experimentValidator } from '../../src/experiments/schema-problems.js'
import { CONCLUSION_LINES, FRONT_MATTER_LINES, docText, lineOf, withLine } from './fixtures.js'

const problemsOf = (lines: readonly string[]) => parseExperimentDoc(docText(lines), 'EXP.md').problems

describe('experiment schema', () => {
  it('compiles under ajv strict mode (draft-07)', () => {
    expect(experimentSchema.$schema).toBe('http://json-schema.org/draft-07/schema#')
    expect(() => new Ajv({ strict: true, allowUnionTypes: true }).compile(experimentSchema)).not.toThrow()
  })

  it('describes every property and closes every object to unknown keys', () => {
    const undocumented: string[] = []
    const open: string[] = []
    const walk = (node: unknown, at: string) => {
      if (node === null || typeof node !== 'object') return
      const n = node as Record<string, unknown>
      if (n.properties && !at.includes('allOf')) {
        if (n.additionalProperties !== false) open.push(at)
        for (const [key, child] of Object.entries(n.properties as Record<string, unknown>)) {
          if (typeof (child as { description?: unknown }).description !== 'string') undocumented.push(`${at}.${key}`)
          walk(child, `${at}.${key}`)
        }
      }
      if (typeof n.items === 'object') walk(n.items, `${at}[]`)
    }
    walk(experimentSchema, '')
    expect(undocumented).toEqual([])
    expect(open).toEqual([])
  })

  it('is the validator parse uses', () => {
    expect(experimentValidator()({})).toBe(false)
  })

  it('requires every key of a proposed experiment, naming the missing one', () => {
    for (const key of ['id', 'name', 'owner', 'status', 'change', 'hypothesis', 'metrics', 'rollback', 'created']) {
      const lines = FRONT_MATTER_LINES.filter((l, i, all) => {
        // Drop the key and the indented block under it.
        const start = all.findIndex((x) => x.startsWith(`${key}:`))
        let end = start + 1
        while (end < all.length && (all[end] ?? '').startsWith(' ')) end++
        return i < start || i >= end
      })
      expect(problemsOf(lines)).toEqual([{ line: 1, column: 1, message: `the front matter is missing "${key}"` }])
    }
  })

  it('requires trigger, steps and owner in the rollback plan, at the rollback key', () => {
    const lines = withLine('  trigger:')
    expect(problemsOf(lines)).toEqual([{ line: lineOf('rollback:', lines), column: 1, key: 'rollback', message: '"rollback" is missing "trigger"' }])
    const noSteps = withLine('  steps:', '  steps: []', withLine('    - Set', undefined, withLine('    - Check')))
    expect(problemsOf(noSteps)).toEqual([{ line: lineOf('  steps:', noSteps), column: 3, key: 'rollback.steps', message: 'must list at least one item' }])
  })

  it('names the key, the line and what is wanted for wrong values', () => {
    const lines = withLine('status:', 'status: done')
    expect(problemsOf(lines)).toEqual([
      { line: lineOf('status:'), column: 1, key: 'status', message: 'must be one of proposed, running, concluded, rolled-back, abandoned (got "done")' }
    ])
    expect(problemsOf(withLine('id:', 'id: 3f2b8c1e'))).toEqual([
      { line: 2, column: 1, key: 'id', message: 'must be a UUID such as 3f2b8c1e-6d4a-4e0b-9a57-2c1d0e9f8a76 (got "3f2b8c1e")' }
    ])
    expect(problemsOf(withLine('  ref:', '  ref: 43'))[0]).toMatchObject({ key: 'change.ref', message: 'must be text (got 43; put it in quotes)' })
    expect(problemsOf(withLine('created:', 'created: 16/10/2026'))[0]?.message).toBe('must be a date, YYYY-MM-DD (got "16/10/2026")')
    expect(problemsOf(withLine('  type: prompt', '  type: weights'))[0]).toMatchObject({ key: 'change.type', line: lineOf('  type: prompt') })
    expect(problemsOf(withLine('    baseline: 0.78', '    baseline: [1]'))[0]).toMatchObject({ key: 'metrics[0].baseline', message: 'must be a number or text (got a list)' })
    expect(problemsOf(withLine('name:', 'name: ""'))[0]).toMatchObject({ key: 'name', message: 'must not be empty' })
  })

  it('suggests the key meant by an unknown one', () => {
    const lines = withLine('hypothesis:', 'hypotesis: x')
    expect(problemsOf(lines)).toEqual([
      { line: 1, column: 1, message: 'the front matter is missing "hypothesis"' },
      { line: lineOf('hypotesis:', lines), column: 1, key: 'hypotesis', message: expect.stringMatching(/^unknown key \(did you mean "hypothesis"\?\); allowed here: id, name/) }
    ])
  })

  it('requires outcome, concluded and results once concluded or rolled back', () => {
    for (const status of ['concluded', 'rolled-back']) {
      const messages = problemsOf(withLine('status:', `status: ${status}`)).map((p) => `${p.key}@${p.line}: ${p.message}`)
      expect(messages).toEqual(
        ['outcome', 'concluded', 'results'].map((key) => `status@${lineOf('status:')}: status is ${status}, so "${key}" is required; record the result with "reliability-loop experiment conclude <id>"`)
      )
    }
    expect(problemsOf(withLine('status:', 'status: concluded').concat(CONCLUSION_LINES))).toEqual([])
  })

  it('keeps outcome and status consistent', () => {
    const rolledBackButWon = withLine('status:', 'status: rolled-back').concat(CONCLUSION_LINES)
    expect(problemsOf(rolledBackButWon)).toEqual([
      { line: lineOf('outcome:', rolledBackButWon), column: 1, key: 'outcome', message: 'with status rolled-back the outcome must be rolled-back (got "won")' }
    ])
    const concludedRolledBack = withLine('status:', 'status: concluded').concat(withLine('outcome:', 'outcome: rolled-back', CONCLUSION_LINES))
    expect(problemsOf(concludedRolledBack)[0]?.message).toBe('with status concluded the outcome must be one of won, lost, inconclusive (got "rolled-back")')
  })

  it('checks the conclusion keys whatever the status', () => {
    const lines = [...FRONT_MATTER_LINES, 'audit-period: 2026-13', 'outcome: great']
    expect(problemsOf(lines).map((p) => `${p.key}: ${p.message}`)).toEqual([
      'audit-period: must be a month, YYYY-MM (got "2026-13")',
      'outcome: must be one of won, lost, inconclusive, rolled-back (got "great")'
    ])
  })
})
