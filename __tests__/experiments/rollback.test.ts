import { describe, expect, it } from '@jest/globals'
import type { ExperimentDoc } from '../../src/experiments/model.js'
import { parseExperimentDoc } from '../../src/experiments/parse.js'
import { checkRollbackPlan, isPlaceholder } from '../../src/experiments/rollback.js'
import { validateExperimentDoc } from '../../src/experiments/validate.js'
import { docText, lineOf, withLine } from './fixtures.js'

function parsed(lines?: string[]): ExperimentDoc {
  const { doc, problems } = parseExperimentDoc(docText(lines), 'EXP.md')
  if (!doc) throw new Error(`fixture does not parse: ${JSON.stringify(problems)}`)
  return doc
}

/** A doc as another module might build it: no positions. */
function built(rollback: unknown): ExperimentDoc {
  const doc = parsed()
  return { ...doc, positions: {}, rollback: rollback as ExperimentDoc['rollback'] }
}

const GOOD_PLAN = { trigger: 'csat below 4.1 over 24 hours', steps: ['Set billing.canary_percent to 0 and deploy'], owner: '@aiko' }

describe('isPlaceholder', () => {
  const placeholders = ['', '   ', 'TBD', 'tbd', 'Tbd.', '<TBD>', '[tbd]', '**TBD**', '"tbd"', 'N/A', 'n/a', 'NA', 'none', 'None', 'NONE', '-', '--', '—', '–', 'todo', 'TODO', 'To do', 'TODO: write the steps', 'tbd later', '?', '???', 'FIXME', '...', '…', 'TBA', 'unknown']
  it.each(placeholders)('%j is a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true)
  })
  it('treats missing and non-text values as placeholders', () => {
    for (const value of [undefined, null, {}, []]) expect(isPlaceholder(value)).toBe(true)
  })
  const real = ['Revert PR #2231', 'none of the canary traffic goes to v20 after this step', 'Todos los pasos', 'n/a rate above 5%', 'Tbdx service restart', '@dev-ops']
  it.each(real)('%j is not a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(false)
  })
})

describe('checkRollbackPlan', () => {
  it('accepts a real plan', () => {
    expect(checkRollbackPlan(parsed())).toEqual([])
    expect(checkRollbackPlan(built(GOOD_PLAN))).toEqual([])
  })

  it.each(['TBD', 'N/A', 'none', '-', 'todo', '?', '  '])('rejects the trigger %j, at its line', (trigger) => {
    const lines = withLine('  trigger:', `  trigger: "${trigger}"`)
    expect(checkRollbackPlan(parsed(lines))).toEqual([
      { line: lineOf('  trigger:', lines), column: 3, key: 'rollback.trigger', message: expect.stringMatching(/^the rollback trigger is (a placeholder|empty).*name the observation/) }
    ])
  })

  it.each(['TBD', 'N/A', 'none', '-', 'todo', '?', ' '])('rejects the step %j, at its line', (step) => {
    const lines = withLine('    - Check', `    - "${step}"`)
    expect(checkRollbackPlan(parsed(lines))).toEqual([
      { line: lineOf(`    - "${step}"`, lines), column: 7, key: 'rollback.steps[1]', message: expect.stringMatching(/^rollback step 2 is (a placeholder|empty)/) }
    ])
  })

  it.each(['TBD', 'n/a', 'NONE', '-', 'ToDo', '?', ''])('rejects the owner %j', (owner) => {
    const problems = checkRollbackPlan(built({ ...GOOD_PLAN, owner }))
    expect(problems.map((p) => p.key)).toEqual(['rollback.owner'])
    expect(problems[0]?.message).toMatch(/^the rollback owner is (a placeholder|empty).*name who rolls back/)
  })

  it('rejects empty values: the schema in a file, the check in a doc built elsewhere', () => {
    const problems = parseExperimentDoc(docText(withLine('  trigger:', '  trigger: ""')), 'EXP.md').problems
    expect(problems).toEqual([{ line: lineOf('  trigger:'), column: 3, key: 'rollback.trigger', message: 'must not be empty' }])
    expect(checkRollbackPlan(built({ ...GOOD_PLAN, trigger: '', steps: [''] })).map((p) => `${p.key}: ${p.message.slice(0, 40)}`)).toEqual([
      'rollback.trigger: the rollback trigger is empty: name the ',
      'rollback.steps[0]: rollback step 1 is empty: write the acti'
    ])
  })

  it('rejects a trigger that names nothing observable', () => {
    expect(checkRollbackPlan(built({ ...GOOD_PLAN, trigger: 'If needed' }))[0]?.message).toMatch(/names nothing anyone can observe/)
  })

  it('rejects a one-word step as not concrete', () => {
    expect(checkRollbackPlan(built({ ...GOOD_PLAN, steps: ['Revert'] }))[0]?.message).toBe('rollback step 1 "Revert" is not concrete: say what to revert or switch, and where')
  })

  it('rejects a missing trigger, steps or owner, and a missing plan', () => {
    expect(checkRollbackPlan(built({ steps: GOOD_PLAN.steps, owner: '@a' })).map((p) => `${p.key}: ${p.message}`)).toEqual([
      'rollback.trigger: the rollback trigger is missing: name the observation that makes you roll back, e.g. "task success below 0.80 for 2 hours"'
    ])
    expect(checkRollbackPlan(built({ trigger: GOOD_PLAN.trigger, owner: '@a' })).map((p) => p.key)).toEqual(['rollback.steps'])
    expect(checkRollbackPlan(built({ trigger: GOOD_PLAN.trigger, steps: [], owner: '@a' })).map((p) => p.key)).toEqual(['rollback.steps'])
    expect(checkRollbackPlan(built({ trigger: GOOD_PLAN.trigger, steps: GOOD_PLAN.steps })).map((p) => p.key)).toEqual(['rollback.owner'])
    expect(checkRollbackPlan(built(undefined))).toEqual([{ line: 1, column: 1, key: 'rollback', message: expect.stringMatching(/^no rollback plan/) }])
  })

  it('points at the given source line when the doc does not know its positions', () => {
    expect(checkRollbackPlan(built(undefined), { line: 17 })).toEqual([{ line: 17, column: 1, key: 'rollback', message: expect.stringMatching(/^no rollback plan/) }])
    expect(checkRollbackPlan(built({ ...GOOD_PLAN, trigger: 'TBD' }), { line: 17, column: 3 })[0]).toMatchObject({ line: 17, column: 3 })
  })

  it('reports every placeholder of a plan at once', () => {
    expect(checkRollbackPlan(built({ trigger: 'TBD', steps: ['N/A', 'pin the prompt to v42', '-'], owner: '?' })).map((p) => p.key)).toEqual([
      'rollback.trigger',
      'rollback.steps[0]',
      'rollback.steps[2]',
      'rollback.owner'
    ])
  })
})

describe('validateExperimentDoc', () => {
  it('checks the rollback plan of a doc that fails the schema, without repeating what the schema said', () => {
    const lines = withLine('status:', 'status: runing', withLine('  trigger:', '  trigger: TBD', withLine('  owner: "@dev-ops"', '  owner: ""')))
    const { doc, problems } = validateExperimentDoc(docText(lines), 'EXP.md')
    expect(doc).toBeUndefined()
    expect(problems.map((p) => `${p.line} ${p.key}: ${p.message.slice(0, 40)}`)).toEqual([
      `${lineOf('status:')} status: must be one of proposed, running, conclu`,
      `${lineOf('  trigger:')} rollback.trigger: the rollback trigger is a placeholder ("`,
      `${lineOf('  owner: "@dev-ops"')} rollback.owner: must not be empty`
    ])
  })


  it('adds the rollback problems to the parse problems, sorted by line', () => {
    const lines = withLine('  trigger:', '  trigger: TBD', withLine('created:', 'created: 2026-02-30'))
    expect(validateExperimentDoc(docText(lines), 'EXP.md').problems.map((p) => p.key)).toEqual(['rollback.trigger', 'created'])
  })
})
