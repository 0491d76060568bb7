import { sectionOrderRule } from '../../src/lint/rules/PM005-section-order.js'
import { check, postmortem, summarize } from './helpers.js'

const doc = (...headings: string[]): string =>
  ['# Incident PM-42: Router loop', '', ...headings.flatMap((h) => [`## ${h}`, 'x', ''])].join('\n')

describe('PM005 section-order', () => {
  test('passes sections in template order, with other sections in between', () => {
    expect(check(sectionOrderRule, postmortem())).toEqual([])
    expect(check(sectionOrderRule, doc('Summary', 'Detection', 'Timeline', 'Root Cause', 'Customer Impact', 'Lessons Learned', 'Action Items'))).toEqual([])
  })

  test('passes when some template sections are missing (PM004 reports those)', () => {
    expect(check(sectionOrderRule, doc('Summary', 'Action Items'))).toEqual([])
  })

  test('reports the section that is out of order, saying where it goes', () => {
    // Summary 3, Root Cause 6, Timeline 9, Customer Impact 12, Action Items 15
    expect(summarize(check(sectionOrderRule, doc('Summary', 'Root Cause', 'Timeline', 'Customer Impact', 'Action Items')))).toEqual([
      '9:1 Section "Timeline" is out of template order (Summary, Timeline, Root Cause, Customer Impact, Action Items); move it after "Summary" and before "Root Cause".'
    ])
  })

  test('reports one misplaced section, not every section after it', () => {
    expect(summarize(check(sectionOrderRule, doc('Action Items', 'Summary', 'Timeline', 'Root Cause', 'Customer Impact')))).toEqual([
      '3:1 Section "Action Items" is out of template order (Summary, Timeline, Root Cause, Customer Impact, Action Items); move it after "Customer Impact".'
    ])
    const reports = check(sectionOrderRule, doc('Timeline', 'Summary', 'Root Cause'))
    expect(reports.map((r) => r.message)).toEqual([
      'Section "Summary" is out of template order (Summary, Timeline, Root Cause, Customer Impact, Action Items); move it before "Timeline".'
    ])
  })

  test('recognises aliases when checking order', () => {
    const reports = check(sectionOrderRule, doc('Overview', 'Timeline', 'Next Steps', 'Cause'))
    expect(summarize(reports)).toEqual([
      '12:1 Section "Cause" is out of template order (Summary, Timeline, Root Cause, Customer Impact, Action Items); move it after "Timeline" and before "Next Steps".'
    ])
  })

  test('reports a duplicate template section', () => {
    expect(summarize(check(sectionOrderRule, doc('Summary', 'Timeline', 'Root Cause', 'Timeline')))).toEqual([
      '12:1 Duplicate section "Timeline": "Timeline" already starts at line 6; merge the two into one section.'
    ])
  })
})
