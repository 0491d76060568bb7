// `experiment validate` reports every problem of a doc in one run: schema problems, the consistency
// checks (calendar dates, results against metrics) and the rollback plan, not one kind per run.
import { describe, expect, it } from '@jest/globals'
import { validateExperimentDoc } from '../../src/experiments/validate.js'
import { FRONT_MATTER_LINES, docText, withLine } from './fixtures.js'

const keysOf = (text: string) => validateExperimentDoc(text, 'EXP-x.md').problems.map((p) => p.key)

describe('validateExperimentDoc reports everything at once', () => {
  it('a schema problem does not hide an impossible date, a result for no metric, or a placeholder rollback trigger', () => {
    let lines = withLine('status:', 'status: runing', FRONT_MATTER_LINES)
    lines = withLine('created:', 'created: 2026-02-31', lines)
    lines = withLine('  trigger:', '  trigger: TBD', lines)
    lines = [...lines, 'results:', '  - name: no_such_metric', '    observed: 0.8', '    target-met: true']
    const keys = keysOf(docText(lines))
    expect(keys).toEqual(expect.arrayContaining(['status', 'created', 'results[0].name', 'rollback.trigger']))
  })

  it('does not report a key twice when the schema already did', () => {
    const lines = [...withLine('status:', 'status: concluded', FRONT_MATTER_LINES), 'results:', '  - name: 7', '    observed: 0.8']
    const problems = validateExperimentDoc(docText(lines), 'EXP-x.md').problems
    expect(problems.filter((p) => p.key === 'results[0].name')).toHaveLength(1)
    expect(problems.map((p) => p.message).join('\n')).not.toContain('no result for')
  })

  it('a valid doc still has no problems', () => {
    expect(keysOf(docText())).toEqual([])
  })
})
