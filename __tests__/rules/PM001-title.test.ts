import { titleRule } from '../../src/lint/rules/PM001-title.js'
import { check, postmortem, summarize } from './helpers.js'

describe('PM001 title', () => {
  test('passes "Incident PM-<id>: <title>" in PM-<id>.md', () => {
    expect(check(titleRule, postmortem())).toEqual([])
    expect(check(titleRule, '# Incident PM-42\n', { path: 'PM-42.md' })).toEqual([])
    expect(check(titleRule, '# Incident PM-2026-007 — Router loop\n', { path: 'docs/postmortems/2026/PM-2026-007.md' })).toEqual([])
  })

  test('passes a title after front matter', () => {
    expect(check(titleRule, '---\ndate: 2026-10-14\n---\n# Incident PM-42: Router loop\n')).toEqual([])
  })

  test('reports a missing title at line 1, suggesting the id from the file name', () => {
    expect(summarize(check(titleRule, 'Just some notes.\n'))).toEqual([
      '1:1 Postmortem has no title; start the document with "# Incident PM-42: <what happened>".'
    ])
    expect(summarize(check(titleRule, 'Just some notes.\n\n## Summary\n\nText.\n'))).toEqual([
      '1:1 Postmortem has no title (its first heading is "## Summary", a section); start the document with "# Incident PM-42: <what happened>".'
    ])
  })

  test('reports a title without "Incident PM-<id>" at the title, keeping the title text', () => {
    expect(summarize(check(titleRule, '\n# Tool router looped on empty search results\n'))).toEqual([
      '2:1 Title "Tool router looped on empty search results" does not start with "Incident PM-<id>"; write "# Incident PM-42: Tool router looped on empty search results".'
    ])
  })

  test('reports an id that does not match the file name, at the id', () => {
    expect(summarize(check(titleRule, '# Incident PM-43: Router loop\n'))).toEqual([
      '1:12 Title id PM-43 does not match the file name PM-42.md; rename the file to PM-43.md or change the title to "Incident PM-42".'
    ])
  })

  test('compares ids case-sensitively', () => {
    const reports = check(titleRule, '# Incident PM-abc: Router loop\n', { path: 'PM-ABC.md' })
    expect(reports).toHaveLength(1)
    expect(reports[0]?.message).toMatch(/Title id PM-abc does not match the file name PM-ABC\.md/)
  })

  test('reports a file name not of the form PM-<id>.md', () => {
    expect(summarize(check(titleRule, '# Incident PM-42: Router loop\n', { path: 'docs/postmortems/2026-10-14-router.md' }))).toEqual([
      '1:1 File name "2026-10-14-router.md" is not of the form PM-<id>.md; rename the file to PM-42.md.'
    ])
  })

  test('reports both a bad title and a bad file name', () => {
    const reports = check(titleRule, '# Router loop\n', { path: 'notes.md' })
    expect(reports.map((r) => r.line)).toEqual([1, 1])
    expect(reports[0]?.message).toMatch(/write "# Incident PM-<id>: Router loop"/)
    expect(reports[1]?.message).toMatch(/File name "notes.md" is not of the form PM-<id>\.md; rename the file to PM-<id>\.md/)
  })
})
