import { describe, expect, it } from '@jest/globals'
import { ansi, formatText, plural } from '../../src/report/text.js'
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


// eslint-disable-next-line no-control-regex
const ANSI_RE = /\u001b\[\d+m/g

describe('formatText', () => {
  it('groups findings by file, aligned like eslint stylish on a wide terminal, with a summary line', () => {
    expect(formatText(result(), { color: false, width: 200 })).toBe(
      [
        'docs/postmortems/PM-10.md',
        '  3:1  warning  Section "Timeline" comes after "Root Cause".  PM005',
        '',
        'docs/postmortems/PM-7.md',
        '   1:1   error  Title is missing.                PM001',
        '   1:1   error  Metadata "Severity" is missing.  PM002',
        '  12:15  error  Action item "x" has no owner.    PM007',
        '',
        '✖ 4 problems (3 errors, 1 warning) in 2 files',
        ''
      ].join('\n')
    )
  })

  it('pads nothing after messages when not on a terminal (a file, a pipe, CI)', () => {
    expect(formatText(result(), { color: false }).split('\n').slice(4, 7)).toEqual([
      '   1:1   error  Title is missing.  PM001',
      '   1:1   error  Metadata "Severity" is missing.  PM002',
      '  12:15  error  Action item "x" has no owner.  PM007'
    ])
  })

  it('on a narrow terminal, pads no row past its width; one long message does not widen the others', () => {
    const long = 'x'.repeat(200)
    const findings: Finding[] = [
      { path: 'a.md', line: 1, column: 1, rule: 'PM001', severity: 'error', message: long },
      { path: 'a.md', line: 2, column: 1, rule: 'PM002', severity: 'error', message: 'Short.' },
      { path: 'a.md', line: 3, column: 1, rule: 'PM003', severity: 'error', message: 'A little longer message.' }
    ]
    const rows = formatText(result(findings), { color: false, width: 100 }).split('\n').slice(1, 4)
    expect(rows[0]).toBe(`  1:1  error  ${long}  PM001`)
    for (const row of rows.slice(1)) expect(row.length).toBeLessThan(100)
    // The short rows still align their rule ids with each other.
    expect(rows[1]?.indexOf('PM002')).toBe(rows[2]?.indexOf('PM003'))
    expect(rows[1]?.indexOf('PM002')).toBeGreaterThan('  2:1  error  A little longer message.'.length)
  })

  it('says how many postmortems were clean', () => {
    expect(formatText(result([], 12), { color: false })).toBe('✔ 12 postmortems, no problems\n')
    expect(formatText(result([], 1), { color: false })).toBe('✔ 1 postmortem, no problems\n')
  })

  it('uses singular words for one of a kind', () => {
    const one = result([{ path: 'a.md', line: 1, column: 1, rule: 'PM001', severity: 'error', message: 'x' }])
    expect(formatText(one, { color: false })).toContain('✖ 1 problem (1 error, 0 warnings) in 1 file\n')
    expect(plural(0, 'file')).toBe('0 files')
  })

  it('keeps each finding on one line even when the message has line breaks', () => {
    const out = formatText(result([{ path: 'a.md', line: 1, column: 1, rule: 'PM001', severity: 'error', message: 'first\r\n  second\tthird' }]), { color: false })
    expect(out.split('\n')[1]).toBe('  1:1  error  first second third  PM001')
  })

  it('colours only when asked to, and colour does not change the text', () => {
    const plain = formatText(result(), { color: false })
    const coloured = formatText(result(), { color: true })
    expect(plain).not.toMatch(ANSI_RE)
    expect(coloured).toMatch(ANSI_RE)
    expect(coloured.replace(ANSI_RE, '')).toBe(plain)
    expect(coloured).toContain('\u001b[4mdocs/postmortems/PM-7.md\u001b[24m')
    expect(coloured).toContain('\u001b[31merror\u001b[39m')
    expect(coloured).toContain('\u001b[33mwarning\u001b[39m')
    expect(formatText(result([], 2), { color: true })).toBe('\u001b[32m✔ 2 postmortems, no problems\u001b[39m\n')
  })

  it('paints the summary yellow when there are only warnings', () => {
    const warnings = result([{ path: 'a.md', line: 1, column: 1, rule: 'PM005', severity: 'warning', message: 'x' }])
    expect(formatText(warnings, { color: true })).toContain('\u001b[1m\u001b[33m✖ 1 problem (0 errors, 1 warning) in 1 file')
  })

  it('ansi() is the identity when disabled', () => {
    expect(ansi(false).red('x')).toBe('x')
    expect(ansi(true).red('')).toBe('')
  })
})
