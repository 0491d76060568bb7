import { describe, expect, it } from '@jest/globals'
import { compareFindings, formatJson, sortFindings, toJsonReport } from '../../src/report/json.js'
import type { Finding, LintResult } from '../../src/lint/types.js'

// Fixed findings: deliberately unsorted, one with a rule (PM001) the registry subset does not list (each test file has its own copy).
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

describe('formatJson', () => {
  it('prints exactly the documented shape on one line', () => {
    const text = formatJson(result())
    expect(text.endsWith('\n')).toBe(true)
    expect(text.trimEnd().includes('\n')).toBe(false)
    const parsed = JSON.parse(text) as Record<string, unknown>
    expect(Object.keys(parsed)).toEqual(['findings', 'summary'])
    expect(parsed.summary).toEqual({ files: 3, errors: 3, warnings: 1 })
    for (const finding of parsed.findings as Array<Record<string, unknown>>) {
      expect(Object.keys(finding)).toEqual(['path', 'line', 'column', 'rule', 'severity', 'message'])
    }
  })

  it('sorts findings by path, line, column, rule (code-unit order, not locale order)', () => {
    const { findings } = toJsonReport(result())
    expect(findings.map((f) => `${f.path}:${f.line}:${f.column}:${f.rule}`)).toEqual([
      'docs/postmortems/PM-10.md:3:1:PM005',
      'docs/postmortems/PM-7.md:1:1:PM001',
      'docs/postmortems/PM-7.md:1:1:PM002',
      'docs/postmortems/PM-7.md:12:15:PM007'
    ])
    // 'Z' sorts before 'a' in code-unit order.
    const upper = { ...FINDINGS[0]!, path: 'Z.md' }
    const lower = { ...FINDINGS[0]!, path: 'a.md' }
    expect(sortFindings([lower, upper]).map((f) => f.path)).toEqual(['Z.md', 'a.md'])
    expect(compareFindings(upper, upper)).toBe(0)
  })

  it('drops properties a finding carries beyond the contract and does not mutate the input', () => {
    const extra = { ...FINDINGS[0]!, fix: 'something' } as (typeof FINDINGS)[0]
    const input = [extra, FINDINGS[1]!]
    const report = toJsonReport(result(input))
    expect(report.findings.map((f) => Object.keys(f).length)).toEqual([6, 6])
    expect(input[0]).toBe(extra)
  })

  it('prints an empty findings list for a clean run', () => {
    expect(formatJson(result([], 5))).toBe('{"findings":[],"summary":{"files":5,"errors":0,"warnings":0}}\n')
  })
})
