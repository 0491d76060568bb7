import { describe, expect, it } from '@jest/globals'
import { annotation, escapeData, escapeProperty, formatWorkflowCommands, workflowCommand } from '../../src/report/workflow-commands.js'
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

describe('github workflow commands', () => {
  it('emits one annotation per finding, sorted, then a plain summary line', () => {
    expect(formatWorkflowCommands(result(), { rules: RULE_INFO }).split('\n')).toEqual([
      '::warning file=docs/postmortems/PM-10.md,line=3,col=1,title=PM005 section-order::Section "Timeline" comes after "Root Cause".',
      '::error file=docs/postmortems/PM-7.md,line=1,col=1,title=PM001::Title is missing.',
      '::error file=docs/postmortems/PM-7.md,line=1,col=1,title=PM002 required-metadata::Metadata "Severity" is missing.',
      '::error file=docs/postmortems/PM-7.md,line=12,col=15,title=PM007 action-item-format::Action item "x" has no owner.',
      '4 problems (3 errors, 1 warning) in 2 files',
      ''
    ])
  })

  it('prints only the summary for a clean run', () => {
    expect(formatWorkflowCommands(result([], 2), { rules: RULE_INFO })).toBe('2 postmortems, no problems\n')
  })

  it('escapes data like @actions/core: %, CR and LF', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b')
    // Escaping % first means an already-escaped-looking sequence survives a round trip.
    expect(escapeData('%0A')).toBe('%250A')
  })

  it('escapes properties like @actions/core: also : and ,', () => {
    expect(escapeProperty('docs/a,b:c%.md\n')).toBe('docs/a%2Cb%3Ac%25.md%0A')
  })

  it('cannot be broken out of by a message or a path', () => {
    const line = annotation(
      { path: 'docs/x,line=99::y.md', line: 2, column: 3, rule: 'PM007', severity: 'error', message: 'bad\n::error::injected' },
      new Map([['PM007', 'action-item-format']])
    )
    expect(line).toBe('::error file=docs/x%2Cline=99%3A%3Ay.md,line=2,col=3,title=PM007 action-item-format::bad%0A::error::injected')
    expect(line.split('\n')).toHaveLength(1)
  })

  it('leaves out missing or empty properties', () => {
    expect(workflowCommand('warning', { file: '', line: undefined }, 'm')).toBe('::warning::m')
    expect(workflowCommand('error', { file: 'a.md', line: 0 }, 'm')).toBe('::error file=a.md,line=0::m')
  })
})
