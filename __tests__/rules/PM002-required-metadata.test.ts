import { requiredMetadataRule } from '../../src/lint/rules/PM002-required-metadata.js'
import { VALID_POSTMORTEM_FRONT_MATTER, check, defaultConfig, postmortem, summarize } from './helpers.js'

describe('PM002 required-metadata', () => {
  test('passes when Date, Severity and Owners are given (list or front matter)', () => {
    expect(check(requiredMetadataRule, postmortem())).toEqual([])
    expect(check(requiredMetadataRule, VALID_POSTMORTEM_FRONT_MATTER)).toEqual([])
  })

  test('reports each missing field at the title, saying what line to add', () => {
    const text = '# Incident PM-42: Router loop\n\n- Traces: https://traces.example.com/trace/1\n\n## Summary\n\nText.\n'
    expect(summarize(check(requiredMetadataRule, text))).toEqual([
      '1:1 Metadata "Date" is missing; add a line "- Date: YYYY-MM-DD" below the title (or "date: YYYY-MM-DD" in YAML front matter) — the day the incident started.',
      '1:1 Metadata "Severity" is missing; add a line "- Severity: Sev2" below the title (or "severity: Sev2" in YAML front matter) — one of Sev1, Sev2, Sev3, Sev4.',
      '1:1 Metadata "Owners" is missing; add a line "- Owners: @handle, @team" below the title (or "owners: [\'@handle\', \'@team\']" in YAML front matter) — who owns the follow-up, as @handles or names.'
    ])
  })

  test('reports an empty field at its line', () => {
    const text = postmortem({ metadata: '- Date: 2026-10-14\n- Severity:\n- Owners: @maria.chen' })
    expect(summarize(check(requiredMetadataRule, text))).toEqual([
      '4:3 Metadata "Severity" is empty; fill it in, e.g. "- Severity: Sev2" — one of Sev1, Sev2, Sev3, Sev4.'
    ])
  })

  test('suggests the front matter key when the metadata is in front matter', () => {
    const text = '---\ndate: 2026-10-14\nseverity: Sev3\n---\n# Incident PM-42: Router loop\n'
    const reports = check(requiredMetadataRule, text)
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ line: 1 })
    expect(reports[0]?.message).toMatch(/^Metadata "Owners" is missing; add "owners: \['@handle', '@team'\]" to the front matter/)
  })

  test('names the configured severity levels', () => {
    const config = defaultConfig()
    config.postmortems.severityLevels = ['P0', 'P1', 'P2']
    const reports = check(requiredMetadataRule, '# Incident PM-42: Router loop\n\n- Date: 2026-10-14\n- Owners: @a\n', { config })
    expect(summarize(reports)).toEqual([
      '1:1 Metadata "Severity" is missing; add a line "- Severity: P1" below the title (or "severity: P1" in YAML front matter) — one of P0, P1, P2.'
    ])
  })
})
