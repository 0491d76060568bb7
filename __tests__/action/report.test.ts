// The Action's reports as text: the job summary table, annotation titles and the check-run annotations.

import type { Finding, LintResult } from '../../src/lint/types.js'
import { checkRunAnnotation, exceedsStepAnnotationLimit, findingTitle, stepAnnotation } from '../../src/report/annotations.js'
import { lineUrl, renderLintSummary, SUMMARY_MAX_ROWS } from '../../src/report/job-summary.js'
import { outcomeOf } from '../../src/action/lint-action.js'

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821'
const link = { serverUrl: 'https://github.com', repository: 'Codertocat/Hello-World', sha: SHA }

function finding(overrides: Partial<Finding> = {}): Finding {
  return { path: 'docs/postmortems/PM-2.md', line: 3, column: 1, rule: 'PM002', severity: 'error', message: 'Metadata "Severity" is missing.', ...overrides }
}

function result(findings: Finding[], files = 2): LintResult {
  const errors = findings.filter((f) => f.severity === 'error').length
  return { findings, summary: { files, errors, warnings: findings.length - errors } }
}

describe('annotations', () => {
  test('titles name the rule by id and name', () => {
    expect(findingTitle(finding())).toBe('PM002 required-metadata')
    expect(findingTitle(finding({ rule: 'PM005' }))).toBe('PM005 section-order')
    expect(findingTitle(finding({ rule: 'PM999' }))).toBe('PM999')
  })

  test('step annotations carry file, line, column and title', () => {
    expect(stepAnnotation(finding({ column: 4 }))).toEqual({ file: 'docs/postmortems/PM-2.md', startLine: 3, startColumn: 4, title: 'PM002 required-metadata' })
  })

  test('check-run annotations use GitHub’s levels', () => {
    expect(checkRunAnnotation(finding())).toEqual({
      path: 'docs/postmortems/PM-2.md',
      start_line: 3,
      end_line: 3,
      start_column: 1,
      end_column: 1,
      annotation_level: 'failure',
      message: 'Metadata "Severity" is missing.',
      title: 'PM002 required-metadata'
    })
    expect(checkRunAnnotation(finding({ severity: 'warning' })).annotation_level).toBe('warning')
  })

  test('more than 10 errors or 10 warnings exceed what a step shows', () => {
    const many = (n: number, severity: Finding['severity']) => Array.from({ length: n }, (_, i) => finding({ line: i + 1, severity }))
    expect(exceedsStepAnnotationLimit([...many(10, 'error'), ...many(10, 'warning')])).toBe(false)
    expect(exceedsStepAnnotationLimit(many(11, 'error'))).toBe(true)
    expect(exceedsStepAnnotationLimit(many(11, 'warning'))).toBe(true)
  })
})

describe('outcomeOf', () => {
  test.each([
    ['error', { files: 1, errors: 1, warnings: 0 }, 'fail'],
    ['error', { files: 1, errors: 0, warnings: 3 }, 'pass'],
    ['warning', { files: 1, errors: 0, warnings: 1 }, 'fail'],
    ['warning', { files: 1, errors: 0, warnings: 0 }, 'pass'],
    ['never', { files: 1, errors: 5, warnings: 5 }, 'pass']
  ] as const)('fail-on %s with %j → %s', (failOn, summary, outcome) => {
    expect(outcomeOf(summary, failOn)).toBe(outcome)
  })
})

describe('renderLintSummary', () => {
  test('a table of every finding, files linked to the line on the commit, then the totals', () => {
    const md = renderLintSummary({
      result: result([finding({ path: 'docs/postmortems/PM-3.md', line: 9, rule: 'PM005', severity: 'warning', message: 'out of order' }), finding()]),
      outcome: 'fail',
      failOn: 'error',
      link,
      notes: ['Linted the 2 postmortems that pull request #2 adds or changes.']
    })
    expect(md).toBe(
      [
        '## ❌ reliability-loop lint: 1 error, 1 warning in 2 postmortems',
        '',
        'Linted the 2 postmortems that pull request #2 adds or changes.',
        '',
        '| File | Line | Rule | Severity | Message |',
        '| --- | ---: | --- | --- | --- |',
        `| [docs/postmortems/PM-2.md](https://github.com/Codertocat/Hello-World/blob/${SHA}/docs/postmortems/PM-2.md#L3) | 3 | PM002 required-metadata | error | Metadata "Severity" is missing. |`,
        `| [docs/postmortems/PM-3.md](https://github.com/Codertocat/Hello-World/blob/${SHA}/docs/postmortems/PM-3.md#L9) | 9 | PM005 section-order | warning | out of order |`,
        '',
        '**Totals:** 1 error, 1 warning, 2 files linted; fail-on: `error` → **fail**',
        ''
      ].join('\n')
    )
  })

  test('no findings: the headline and totals, no table', () => {
    const md = renderLintSummary({ result: result([], 3), outcome: 'pass', failOn: 'error', link })
    expect(md).toContain('## ✅ reliability-loop lint: 3 postmortems, no problems')
    expect(md).not.toContain('| File |')
    expect(md).toContain('**Totals:** 0 errors, 0 warnings, 3 files linted')
  })

  test('warnings that do not fail the step are marked as such', () => {
    expect(renderLintSummary({ result: result([finding({ severity: 'warning' })]), outcome: 'pass', failOn: 'error' })).toContain('## ⚠️ reliability-loop lint: 0 errors, 1 warning')
  })

  test('cells cannot break the table or inject HTML', () => {
    const md = renderLintSummary({ result: result([finding({ message: 'a | b\nc <script>' })]), outcome: 'fail', failOn: 'error' })
    expect(md).toContain('| a \\| b<br>c &lt;script&gt; |')
    // Without a link the file is plain text.
    expect(md).toContain('| docs/postmortems/PM-2.md | 3 |')
  })

  test('paths are encoded in links', () => {
    expect(lineUrl(link, 'docs/post mortems/PM-#1.md', 4)).toBe(`https://github.com/Codertocat/Hello-World/blob/${SHA}/docs/post%20mortems/PM-%231.md#L4`)
  })

  test(`stops the table at ${SUMMARY_MAX_ROWS} rows and says how many more there are`, () => {
    const findings = Array.from({ length: SUMMARY_MAX_ROWS + 234 }, (_, i) => finding({ line: i + 1 }))
    const md = renderLintSummary({ result: result(findings), outcome: 'fail', failOn: 'error', link })
    expect(md.split('\n').filter((l) => l.startsWith('| [docs/'))).toHaveLength(SUMMARY_MAX_ROWS)
    expect(md).toContain('…and 234 more findings not shown in this table (it stops at 1000 rows)')
    expect(md).toContain(`**Totals:** ${SUMMARY_MAX_ROWS + 234} errors`)
  })

  test('stays within a character budget (the check run’s 65535), still ending with the totals', () => {
    const findings = Array.from({ length: 900 }, (_, i) => finding({ line: i + 1, message: 'x'.repeat(200) }))
    const md = renderLintSummary({ result: result(findings), outcome: 'fail', failOn: 'error', link }, { maxChars: 65535 })
    expect(md.length).toBeLessThanOrEqual(65535)
    expect(md).toMatch(/…and \d+ more findings not shown/)
    expect(md.trimEnd().endsWith('→ **fail**')).toBe(true)
  })

  test('nothing to lint', () => {
    const md = renderLintSummary({ result: result([], 0), outcome: 'pass', failOn: 'error', notes: ['No postmortems changed in pull request #2: nothing to lint.'] })
    expect(md).toContain('## reliability-loop lint: no postmortems to lint')
    expect(md).toContain('No postmortems changed in pull request #2')
  })
})
