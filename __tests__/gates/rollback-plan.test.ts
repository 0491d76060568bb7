import { defaultGateConfig } from '../../src/config/gate.js'
import { changedExperimentDocs, evaluateRollbackPlan, type ChangedFile } from '../../src/gates/rollback-plan.js'
import { experimentDoc } from './fixtures.js'
import { renderVerdictMarkdown } from '../../src/report/gate-report.js'
import type { GateVerdict } from '../../src/gates/types.js'

const summary = (v: GateVerdict) => renderVerdictMarkdown(v)

const settings = defaultGateConfig().rollbackPlan
const GLOBS = ['docs/experiments/**/EXP-*.md']
const DOC = 'docs/experiments/EXP-2024-06-03-stop.md'
const changed = (...files: Array<string | ChangedFile>) => ({ files: files.map((f) => (typeof f === 'string' ? { path: f, status: 'modified' as const } : f)), truncated: false })
const evaluate = (files: ReturnType<typeof changed>, docs: Array<{ path: string; content: string } | { path: string; readError: string }> = []) =>
  evaluateRollbackPlan({ changed: files, docs, settings, experimentGlobs: GLOBS })

describe('gate: experiment doc with a rollback plan', () => {
  test('not applicable (success) when no gated path changes', () => {
    expect(evaluate(changed('README.md', 'docs/postmortems/PM-1.md'))).toMatchObject({ conclusion: 'success', title: 'Not applicable: no prompt, tool or agent changes' })
  })

  test('a prompt change without an experiment doc fails, annotating the changed prompt', () => {
    const v = evaluate(changed('prompts/research.md', 'src/x.ts'))
    expect(v).toMatchObject({ conclusion: 'failure', title: 'No experiment doc for a prompt/tool change' })
    expect(summary(v)).toContain('- `prompts/research.md`')
    expect(v.annotations).toEqual([expect.objectContaining({ path: 'prompts/research.md', start_line: 1, annotation_level: 'failure' })])
  })

  test('removing a tool counts as a change, but is not annotated', () => {
    const v = evaluate(changed({ path: 'tools/refund.py', status: 'removed' }))
    expect(v.conclusion).toBe('failure')
    expect(summary(v)).toContain('`tools/refund.py` (removed)')
    expect(v.annotations).toEqual([])
  })

  test('with an experiment doc whose rollback plan is real: success, naming trigger, steps and owner', () => {
    const v = evaluate(changed('prompts/planner.md', DOC), [{ path: DOC, content: experimentDoc() }])
    expect(v).toMatchObject({ conclusion: 'success', title: 'Rollback plan present (1 experiment doc)' })
    expect(summary(v)).toContain('rollback when task_success_rate below 0.74 for 2 hours on the new arm; 1 step; owner @dev-ops')
  })

  test.each([
    ['TBD trigger', 'rollback:\n  trigger: TBD\n  steps: [Revert the prompt to v41]\n  owner: "@dev-ops"', 'rollback trigger'],
    ['N/A steps', 'rollback:\n  trigger: task success below 0.7\n  steps: ["N/A"]\n  owner: "@dev-ops"', 'rollback step 1'],
    ['"-" step', 'rollback:\n  trigger: task success below 0.7\n  steps: ["-"]\n  owner: "@dev-ops"', 'rollback step 1'],
    ['none owner', 'rollback:\n  trigger: task success below 0.7\n  steps: [Revert the prompt to v41]\n  owner: none', 'rollback owner']
  ])('a placeholder rollback plan fails (%s), annotating the doc line and the changed file', (_name, rollback, message) => {
    const content = experimentDoc(rollback)
    const v = evaluate(changed('prompts/research.md', DOC), [{ path: DOC, content }])
    expect(v.conclusion).toBe('failure')
    expect(v.title).toBe('1 experiment doc without a real rollback plan')
    const onDoc = v.annotations.filter((a) => a.path === DOC && a.annotation_level === 'failure')
    expect(onDoc.length).toBeGreaterThan(0)
    expect(onDoc[0]?.message).toContain(message)
    expect(content.split('\n')[(onDoc[0]?.start_line ?? 0) - 1]).toMatch(/trigger|steps|- |owner/)
    expect(v.annotations.some((a) => a.path === 'prompts/research.md' && a.annotation_level === 'failure')).toBe(true)
  })

  test('a doc without a rollback plan, or without front matter, fails with the schema problem', () => {
    const missing = evaluate(changed('prompts/a.md', DOC), [{ path: DOC, content: experimentDoc('') }])
    expect(missing.conclusion).toBe('failure')
    expect(summary(missing)).toMatch(/invalid: .*rollback/)
    const plain = evaluate(changed('prompts/a.md', DOC), [{ path: DOC, content: '# Just a heading\n' }])
    expect(plain.conclusion).toBe('failure')
    expect(summary(evaluate(changed('prompts/a.md', DOC), [{ path: DOC, readError: 'EACCES' }]))).toContain('cannot be read: EACCES')
  })

  test('only added or modified files matching the experiment globs are docs', () => {
    expect(
      changedExperimentDocs(changed(DOC, 'docs/experiments/TEMPLATE.md', 'docs/experiments/notes.md', { path: 'docs/experiments/EXP-old.md', status: 'removed' }), GLOBS)
    ).toEqual([DOC])
  })

  test('a truncated file list with no gated file in it cannot pass', () => {
    expect(evaluateRollbackPlan({ changed: { files: [{ path: 'a.txt', status: 'modified' }], truncated: true }, docs: [], settings, experimentGlobs: GLOBS }).conclusion).toBe('failure')
  })
})

describe('gate: which experiment doc covers which gated file', () => {
  const doc = (options: { status?: string; type?: string; paths?: string[]; extra?: string } = {}) => {
    let text = experimentDoc()
      .replace('status: proposed', `status: ${options.status ?? 'proposed'}`)
      .replace('  type: prompt', `  type: ${options.type ?? 'prompt'}${options.paths ? `\n  paths: [${options.paths.map((p) => JSON.stringify(p)).join(', ')}]` : ''}`)
    if (options.extra) text = text.replace('created: 2024-06-03', `created: 2024-06-03\n${options.extra}`)
    return text
  }
  const CONCLUDED = 'outcome: won\nconcluded: 2024-06-20\nresults:\n  - name: task_success_rate\n    observed: 0.81\n    target-met: true'
  const TOOL_DOC = 'docs/experiments/EXP-2024-05-01-refund-tool.md'

  test('a blank line in an unrelated, concluded tool experiment does not unlock a prompt change', () => {
    const v = evaluate(changed('prompts/support-agent.md', TOOL_DOC), [{ path: TOOL_DOC, content: doc({ status: 'concluded', type: 'tool', extra: CONCLUDED }) }])
    expect(v.conclusion).toBe('failure')
    expect(summary(v)).toContain('`prompts/support-agent.md`')
    expect(summary(v)).toMatch(/concluded/)
    expect(v.annotations.some((a) => a.path === 'prompts/support-agent.md' && a.annotation_level === 'failure')).toBe(true)
  })

  test('a running tool experiment does not cover a prompt file; a proposed prompt experiment does', () => {
    expect(evaluate(changed('prompts/support-agent.md', TOOL_DOC), [{ path: TOOL_DOC, content: doc({ status: 'running', type: 'tool' }) }]).conclusion).toBe('failure')
    const ok = evaluate(changed('prompts/support-agent.md', DOC), [{ path: DOC, content: doc({ status: 'running', type: 'prompt' }) }])
    expect(ok.conclusion).toBe('success')
    expect(summary(ok)).toContain(`\`prompts/support-agent.md\` | \`${DOC}\``)
  })

  test('change.paths decides what a doc covers; every gated file must be covered', () => {
    const narrow = doc({ paths: ['prompts/research*.md'] })
    const v = evaluate(changed('prompts/research.md', 'prompts/support-agent.md', DOC), [{ path: DOC, content: narrow }])
    expect(v.conclusion).toBe('failure')
    expect(v.title).toBe('1 gated file not covered by an experiment doc')
    expect(summary(v)).toContain(`\`prompts/research.md\` | \`${DOC}\``)
    expect(v.annotations.filter((a) => a.annotation_level === 'failure').map((a) => a.path)).toEqual(['prompts/support-agent.md'])

    const agents = evaluate(changed('agents/planner.yaml', DOC), [{ path: DOC, content: doc({ type: 'model', paths: ['agents/**'] }) }])
    expect(agents.conclusion).toBe('success')
  })

  test('the paths a change type implies come from gate.rollback-plan.type-paths', () => {
    const custom = { ...settings, typePaths: { ...settings.typePaths, prompt: ['src/prompts/**'] } }
    const files = changed('src/prompts/a.md', DOC)
    const docs = [{ path: DOC, content: doc() }]
    expect(evaluateRollbackPlan({ changed: files, docs, settings: { ...custom, paths: ['src/prompts/**'] }, experimentGlobs: GLOBS }).conclusion).toBe('success')
    expect(evaluateRollbackPlan({ changed: files, docs, settings: { ...settings, paths: ['src/prompts/**'] }, experimentGlobs: GLOBS }).conclusion).toBe('failure')
  })
})
