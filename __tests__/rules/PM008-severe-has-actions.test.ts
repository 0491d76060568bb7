import { severeHasActionsRule } from '../../src/lint/rules/PM008-severe-has-actions.js'
import { VALID_POSTMORTEM, check, defaultConfig, summarize } from './helpers.js'

const doc = (severity: string, ...body: string[]): string =>
  ['# Incident PM-42: Router loop', '', '- Date: 2026-10-14', `- Severity: ${severity}`, '', ...body, ''].join('\n')

describe('PM008 severe-has-actions', () => {
  test('passes a severe incident with at least one task (checked or not)', () => {
    expect(check(severeHasActionsRule, VALID_POSTMORTEM)).toEqual([])
    expect(check(severeHasActionsRule, doc('Sev2', '## Action Items', '- [x] Roll back :: @a :: 2026-10-14'))).toEqual([])
  })

  test('does not apply to other severities or an unknown severity', () => {
    expect(check(severeHasActionsRule, doc('Sev3', '## Summary', 'x'))).toEqual([])
    expect(check(severeHasActionsRule, doc('Sev9'))).toEqual([])
    expect(check(severeHasActionsRule, '# Incident PM-42: x\n')).toEqual([])
    const config = defaultConfig()
    config.linkedSeverities = ['Sev1']
    expect(check(severeHasActionsRule, doc('Sev2'), { config })).toEqual([])
  })

  test('reports at the Action Items heading when it holds no task', () => {
    expect(summarize(check(severeHasActionsRule, doc('Sev1', '## Summary', 'x', '', '## Action Items', '', 'None yet.')))).toEqual([
      '9:1 Sev1 incidents need at least one action item; add "- [ ] <summary> :: @owner :: YYYY-MM-DD" under "Action Items".'
    ])
  })

  test('says that bullets without a checkbox do not count', () => {
    const reports = check(severeHasActionsRule, doc('SEV 2', '## Next Steps', '- Add a retry budget', '- Add an alert'))
    expect(summarize(reports)).toEqual([
      '6:1 Sev2 incidents need at least one action item (the 2 bullets without a checkbox do not count); add "- [ ] <summary> :: @owner :: YYYY-MM-DD" under "Next Steps".'
    ])
  })

  test('reports at line 1 when there is no Action Items section', () => {
    expect(summarize(check(severeHasActionsRule, doc('Sev1', '## Summary', 'x')))).toEqual([
      '1:1 Sev1 incidents need at least one action item; add "- [ ] <summary> :: @owner :: YYYY-MM-DD" in a "## Action Items" section.'
    ])
  })

  test('is a warning while Status is draft (a draft made by postmortem new), an error once it is not', () => {
    const draft = check(severeHasActionsRule, doc('Sev1', '- Status: draft', '', '## Action Items', '', 'TBD'))
    expect(draft.map((r) => r.severity)).toEqual(['warning'])
    expect(draft[0]?.message).toMatch(/\(a warning while Status is draft; an error once it is not\)\.$/)
    expect(check(severeHasActionsRule, doc('Sev1', '- Status: in review', '', '## Action Items', '', 'TBD')).map((r) => r.severity)).toEqual([undefined])
  })
})
