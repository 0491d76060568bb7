import { placeholdersRule } from '../../src/lint/rules/PM009-placeholders.js'
import { VALID_POSTMORTEM, check, makeContext, parse, postmortem, summarize } from './helpers.js'

/** Summary heading on line 3, text from line 4. */
const summary = (...lines: string[]): string => ['# Incident PM-42: Router loop', '', '## Summary', ...lines, ''].join('\n')
const msg = (placeholder: string): string => `Placeholder "${placeholder}" is still in the text; replace it with the real content.`

describe('PM009 placeholders', () => {
  test('passes a finished postmortem (placeholders in code blocks and comments do not count)', () => {
    expect(check(placeholdersRule, postmortem())).toEqual([])
    expect(check(placeholdersRule, VALID_POSTMORTEM)).toEqual([])
  })

  test('reports TBD, TODO and XXX as whole upper-case words, with their columns', () => {
    expect(summarize(check(placeholdersRule, summary('Impact: TBD. Root cause TODO: confirm with XXX.')))).toEqual([
      `4:9 ${msg('TBD')}`,
      `4:25 ${msg('TODO')}`,
      `4:44 ${msg('XXX')}`
    ])
  })

  test('ignores the words in other cases or inside other words', () => {
    expect(check(placeholdersRule, summary('We listed our todos and TODOs in the TBDs tracker; XXXL pods; tbd.'))).toEqual([])
  })

  test('reports {{…}} placeholders anywhere in the text, including the title and metadata', () => {
    const text = ['# Incident PM-{{id}}: {{ title }}', '', '- Owners: {{owners}}', ''].join('\n')
    expect(summarize(check(placeholdersRule, text))).toEqual([
      `1:15 ${msg('{{id}}')}`,
      `1:23 ${msg('{{ title }}')}`,
      `3:11 ${msg('{{owners}}')}`
    ])
  })

  test('skips fenced and indented code, HTML comments and inline code spans', () => {
    const text = summary(
      '```',
      'TODO inside a fence {{x}}',
      '```',
      '',
      '    XXX indented code',
      '',
      '<!--',
      'TBD inside a comment',
      '-->',
      '',
      'Run `grep TODO` or ``echo {{x}} `TBD` `` first.'
    )
    expect(check(placeholdersRule, text)).toEqual([])
  })

  test('does not report autolinks or e-mail autolinks', () => {
    expect(check(placeholdersRule, summary('See <https://status.example.com/incidents/1182> or mail <oncall@example.com>.'))).toEqual([])
  })

  test('is a warning while Status is draft', () => {
    const text = ['# Incident PM-42: Router loop', '', '- Status: Draft', '', '## Summary', 'TBD', ''].join('\n')
    expect(check(placeholdersRule, text)).toEqual([
      {
        line: 6,
        column: 1,
        severity: 'warning',
        message: 'Placeholder "TBD" is still in the text; replace it with the real content (a warning while Status is draft; an error once it is not).'
      }
    ])
    expect(check(placeholdersRule, text.replace('Draft', 'final'))[0]?.severity).toBeUndefined()
  })

  // The parser currently marks every line holding inline HTML as ignored (and `<owner>` is inline HTML to
  // CommonMark), so these cases are checked on a model whose ignored lines are only the real code/comments.
  describe('<…> placeholders', () => {
    const scan = (...lines: string[]): string[] => {
      const pm = { ...parse(summary(...lines)), ignoredLines: new Set<number>() }
      return summarize(placeholdersRule.check(pm, makeContext()))
    }

    test('reports <owner>, <YYYY-MM-DD> and multi-word placeholders', () => {
      expect(scan('- [ ] Fix it :: <owner> :: <YYYY-MM-DD>', 'Caused by <what happened>.')).toEqual([
        `4:17 ${msg('<owner>')}`,
        `4:28 ${msg('<YYYY-MM-DD>')}`,
        `5:11 ${msg('<what happened>')}`
      ])
    })

    test('ignores HTML tags, autolinks, e-mail autolinks, inline code and comparisons', () => {
      expect(
        scan(
          'Line one<br>line two<br/>, <details><summary>Logs</summary> </details>',
          '<img src="graph.png" alt="error rate"> <a href="https://x.example">x</a> <sub>1</sub>',
          '<https://traces.example.com/trace/1> <oncall@example.com> `<tool_call>` p99 < 5s and errors > 2%'
        )
      ).toEqual([])
    })
  })

  test('reports <owner> end to end', () => {
    expect(summarize(check(placeholdersRule, summary('Owner: <owner>')))).toEqual([`4:8 ${msg('<owner>')}`])
  })
})
