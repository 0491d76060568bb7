import { actionItemFormatRule } from '../../src/lint/rules/PM007-action-item-format.js'
import { check, postmortem, summarize } from './helpers.js'

/** Action Items heading on line 3, items from line 4. */
const items = (...lines: string[]): string => ['# Incident PM-42: Router loop', '', '## Action Items', ...lines, ''].join('\n')
const TEMPLATE = '- [ ] <summary> :: <owner> :: <YYYY-MM-DD>'

describe('PM007 action-item-format', () => {
  test('passes well-formed tasks, with or without a ticket, checked or not', () => {
    expect(check(actionItemFormatRule, postmortem())).toEqual([])
    const text = items(
      '- [ ] Add a retry budget :: @maria.chen :: 2026-12-15 [ENG-123](https://tracker.example.com/ENG-123)',
      '- [X] Roll back prompt v42 :: Priya Natarajan :: 2026-10-14',
      '* [ ] Alert on empty-result loops :: @dev-ops :: 2026-12-01 ENG-124'
    )
    expect(check(actionItemFormatRule, text)).toEqual([])
  })

  test('does not report an unchecked item whose due date has passed', () => {
    expect(check(actionItemFormatRule, items('- [ ] Add a retry budget :: @maria.chen :: 2020-01-31'))).toEqual([])
  })

  test('reports a bullet without a checkbox', () => {
    expect(summarize(check(actionItemFormatRule, items('- Add a retry budget to the tool router')))).toEqual([
      `4:1 Action item "Add a retry budget to the tool router" has no checkbox, so it cannot be tracked; make it "${TEMPLATE}".`
    ])
  })

  test('reports missing fields, naming them', () => {
    expect(summarize(check(actionItemFormatRule, items('- [ ] Add a retry budget', '- [ ] Add an alert :: @maria.chen')))).toEqual([
      `4:1 Action item "Add a retry budget" is missing its owner and due date; add " :: <owner> :: <YYYY-MM-DD>" after the summary ("${TEMPLATE}").`,
      `5:1 Action item "Add an alert" is missing its due date; add " :: <YYYY-MM-DD>" after the owner ("${TEMPLATE}").`
    ])
  })

  test('reports a due date written where the owner goes as one finding', () => {
    expect(summarize(check(actionItemFormatRule, items('- [ ] Alert on stale cache :: 2027-01-10')))).toEqual([
      `4:31 Action item "Alert on stale cache" has no owner: "2027-01-10" stands where the owner goes; write " :: <owner> :: 2027-01-10" after the summary ("${TEMPLATE}").`
    ])
  })

  test('reports an empty summary, owner or due date', () => {
    const reports = check(actionItemFormatRule, items('- [ ] :: @maria.chen :: 2026-12-15', '- [ ] Add an alert :: :: 2026-12-15', '- [ ] Add a budget :: @a ::'))
    expect(summarize(reports)).toEqual([
      `4:1 Action item on line 4 has no summary; write what will be done before the first "::" ("${TEMPLATE}").`,
      `5:1 Action item "Add an alert" has an empty owner; write who will do it (an @handle or a name) after the summary ("${TEMPLATE}").`,
      `6:1 Action item "Add a budget" has an empty due date; write it as YYYY-MM-DD after the owner ("${TEMPLATE}").`
    ])
  })

  test('reports an owner that does not parse, at the owner', () => {
    expect(summarize(check(actionItemFormatRule, items('- [ ] Add a retry budget :: 42 :: 2026-12-15')))).toEqual([
      '4:29 Action item "Add a retry budget" has owner "42", which is not an @handle or a name; write one owner, e.g. "@maria.chen".'
    ])
  })

  test('reports a due date that is not a real date, at the date', () => {
    expect(summarize(check(actionItemFormatRule, items('- [ ] Add a retry budget :: @maria.chen :: 2026-02-30', '- [ ] Add an alert :: @a :: next week')))).toEqual([
      '4:44 Action item "Add a retry budget" has due date "2026-02-30", which is not a real YYYY-MM-DD date; write e.g. 2026-12-15.',
      '5:29 Action item "Add an alert" has due date "next week", which is not a real YYYY-MM-DD date; write e.g. 2026-12-15.'
    ])
  })

  test('reads items under an alias heading and nested tasks', () => {
    const text = ['# Incident PM-42: x', '', '## Corrective Actions', '- [ ] Parent :: @a :: 2026-12-01', '  - [ ] Child without owner', '  - a note on the parent', ''].join('\n')
    expect(summarize(check(actionItemFormatRule, text))).toEqual([
      `5:3 Action item "Child without owner" is missing its owner and due date; add " :: <owner> :: <YYYY-MM-DD>" after the summary ("${TEMPLATE}").`
    ])
  })
})
