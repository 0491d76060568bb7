import { metadataValuesRule } from '../../src/lint/rules/PM003-metadata-values.js'
import { VALID_POSTMORTEM_FRONT_MATTER, check, defaultConfig, postmortem, summarize } from './helpers.js'

const withMetadata = (metadata: string): string => postmortem({ metadata })

describe('PM003 metadata-values', () => {
  test('passes real values', () => {
    expect(check(metadataValuesRule, postmortem())).toEqual([])
    expect(check(metadataValuesRule, VALID_POSTMORTEM_FRONT_MATTER)).toEqual([])
    expect(check(metadataValuesRule, withMetadata('- Date: 2026-11-27\n- Severity: SEV-1 (customer-facing)\n- Owners: @maria.chen and Priya Natarajan'))).toEqual([])
  })

  test('does not report absent fields (PM002 does)', () => {
    expect(check(metadataValuesRule, '# Incident PM-42: Router loop\n')).toEqual([])
    expect(check(metadataValuesRule, withMetadata('- Date:\n- Severity:\n- Owners:'))).toEqual([])
  })

  test('reports a date that is not a real calendar date, at the value', () => {
    expect(summarize(check(metadataValuesRule, withMetadata('- Date: 2026-02-30\n- Severity: Sev2\n- Owners: @a')))).toEqual([
      '3:9 Date "2026-02-30" is not a real calendar date; write it as YYYY-MM-DD, e.g. 2026-11-27.'
    ])
    const reports = check(metadataValuesRule, withMetadata('- Date: last Tuesday\n- Severity: Sev2\n- Owners: @a'))
    expect(reports[0]?.message).toBe('Date "last Tuesday" is not in the YYYY-MM-DD format; write it as YYYY-MM-DD, e.g. 2026-11-27.')
  })

  test('reports a date after today', () => {
    expect(summarize(check(metadataValuesRule, withMetadata('- Date: 2026-11-28\n- Severity: Sev2\n- Owners: @a')))).toEqual([
      '3:9 Date 2026-11-28 is in the future (today is 2026-11-27); use the day the incident started.'
    ])
  })

  test('reports an unknown severity, listing the configured levels', () => {
    expect(summarize(check(metadataValuesRule, withMetadata('- Date: 2026-10-14\n- Severity: Sev7\n- Owners: @a')))).toEqual([
      '4:13 Severity "Sev7" is not a known level; use one of Sev1, Sev2, Sev3, Sev4.'
    ])
    const config = defaultConfig()
    config.postmortems.severityLevels = ['P0', 'P1', 'P2']
    const reports = check(metadataValuesRule, withMetadata('- Date: 2026-10-14\n- Severity: Sev2\n- Owners: @a'), { config })
    expect(reports.map((r) => r.message)).toEqual(['Severity "Sev2" is not a known level; use one of P0, P1, P2.'])
  })

  test('reports each owner that is neither an @handle nor a name', () => {
    expect(summarize(check(metadataValuesRule, withMetadata('- Date: 2026-10-14\n- Severity: Sev2\n- Owners: @maria.chen, 42!, team@@ops')))).toEqual([
      '5:24 Owner "42!" is not an @handle or a name; list owners as @handles or names separated by commas, e.g. "@maria.chen, @dev-ops".',
      '5:29 Owner "team@@ops" is not an @handle or a name; list owners as @handles or names separated by commas, e.g. "@maria.chen, @dev-ops".'
    ])
  })

  test('reads front matter values too', () => {
    const text = '---\ndate: 2031-01-01\nseverity: Critical\nowners: "@a"\n---\n# Incident PM-42: x\n'
    const reports = check(metadataValuesRule, text)
    expect(reports.map((r) => [r.line, r.message])).toEqual([
      [2, 'Date 2031-01-01 is in the future (today is 2026-11-27); use the day the incident started.'],
      [3, 'Severity "Critical" is not a known level; use one of Sev1, Sev2, Sev3, Sev4.']
    ])
  })
})
