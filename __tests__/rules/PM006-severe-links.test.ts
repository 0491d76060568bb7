import { severeLinksRule } from '../../src/lint/rules/PM006-severe-links.js'
import { EXISTING_PATHS, check, defaultConfig, postmortem, summarize } from './helpers.js'

const NDJSON = 'logs/missions/2026-10-14-mission-1182.ndjson'

/** A Sev-`severity` postmortem with the given link lines (metadata from line 3; Severity on line 4). */
const severe = (links: string[], severity = 'Sev1'): string =>
  postmortem({ metadata: ['- Date: 2026-10-14', `- Severity: ${severity}`, '- Owners: @maria.chen', ...links].join('\n') })

const GOOD = [
  '- Traces: https://traces.example.com/trace/7f3a9c',
  `- NDJSON: ${NDJSON}`,
  '- PagerDuty: https://example.pagerduty.com/incidents/Q1ABCD2EFGHIJK'
]

describe('PM006 severe-links', () => {
  test('passes a severe postmortem that links traces, an existing NDJSON log and the PagerDuty incident', () => {
    expect(check(severeLinksRule, postmortem(), { paths: EXISTING_PATHS })).toEqual([])
    expect(check(severeLinksRule, severe(GOOD), { paths: [NDJSON] })).toEqual([])
  })

  test('accepts URLs for NDJSON, ./ paths, markdown links and bare PagerDuty ids', () => {
    const links = [
      '- Traces: [trace](https://traces.example.com/trace/1), http://jaeger.internal:16686/trace/2',
      `- NDJSON: ./${NDJSON}, https://storage.example.com/missions/1182.ndjson, [log](${NDJSON})`,
      '- PagerDuty: P1234567, Q1ABCD2EFGHIJK'
    ]
    expect(check(severeLinksRule, severe(links), { paths: [NDJSON] })).toEqual([])
  })

  test('does not apply to severities outside lint.linked-severities', () => {
    expect(check(severeLinksRule, severe([], 'Sev3'))).toEqual([])
    expect(check(severeLinksRule, severe([], 'Sev7'))).toEqual([])
    const config = defaultConfig()
    config.linkedSeverities = ['Sev1']
    expect(check(severeLinksRule, severe([], 'Sev2'), { config })).toEqual([])
  })

  test('matches linked severities in any spelling', () => {
    expect(check(severeLinksRule, severe([], 'SEV-2'))).toHaveLength(3)
  })

  test('reports missing links at the Severity line', () => {
    expect(summarize(check(severeLinksRule, severe([])))).toEqual([
      '4:3 Sev1 postmortems must link Traces; add "- Traces: https://traces.example.com/trace/7f3a9c" to the metadata.',
      '4:3 Sev1 postmortems must link NDJSON; add "- NDJSON: logs/missions/2026-10-14-mission-1182.ndjson" to the metadata.',
      '4:3 Sev1 postmortems must link PagerDuty; add "- PagerDuty: https://<subdomain>.pagerduty.com/incidents/<ID>" to the metadata.'
    ])
  })

  test('reports an empty link field at its line', () => {
    const reports = check(severeLinksRule, severe(['- Traces:', GOOD[1]!, GOOD[2]!]), { paths: [NDJSON] })
    expect(summarize(reports)).toEqual(['6:3 Traces is empty, but Sev1 postmortems must link it; write e.g. "- Traces: https://traces.example.com/trace/7f3a9c".'])
  })

  test('reports a trace that is not an http(s) URL, at the value', () => {
    const reports = check(severeLinksRule, severe(['- Traces: traces.example.com/trace/7f3a9c', GOOD[1]!, GOOD[2]!]), { paths: [NDJSON] })
    expect(summarize(reports)).toEqual([
      '6:11 Traces value "traces.example.com/trace/7f3a9c" is not an http(s) URL; link the trace in your tracing tool, e.g. https://traces.example.com/trace/7f3a9c.'
    ])
  })

  test('reports NDJSON paths that do not exist, are absolute or escape the repository', () => {
    const line = '- NDJSON: logs/missing.ndjson, /var/log/agent.ndjson, ../../other/x.ndjson, logs/../../x.ndjson'
    const reports = check(severeLinksRule, severe([GOOD[0]!, line, GOOD[2]!]), { paths: [NDJSON] })
    expect(summarize(reports)).toEqual([
      '7:11 NDJSON log "logs/missing.ndjson" does not exist in the repository; commit the log at logs/missing.ndjson or fix the path (or link it by URL).',
      '7:32 NDJSON log "/var/log/agent.ndjson" is an absolute path; use the path relative to the repository root, e.g. logs/missions/2026-10-14-mission-1182.ndjson.',
      '7:55 NDJSON log "../../other/x.ndjson" points outside the repository; commit the log inside the repository and link it by its repository-relative path.',
      '7:77 NDJSON log "logs/../../x.ndjson" points outside the repository; commit the log inside the repository and link it by its repository-relative path.'
    ])
  })

  test('checks NDJSON paths against the repository after normalising them', () => {
    const reports = check(severeLinksRule, severe([GOOD[0]!, `- NDJSON: logs/tmp/../missions/2026-10-14-mission-1182.ndjson`, GOOD[2]!]), { paths: [NDJSON] })
    expect(reports).toEqual([])
  })

  test('reports PagerDuty values that are neither an incident URL nor an incident id', () => {
    const line = '- PagerDuty: https://example.com/incidents/Q1ABCD2, PD-123, https://example.pagerduty.com/services/PXYZ123'
    const reports = check(severeLinksRule, severe([GOOD[0]!, GOOD[1]!, line]), { paths: [NDJSON] })
    expect(reports.map((r) => [r.line, r.column])).toEqual([
      [8, 14],
      [8, 53],
      [8, 61]
    ])
    expect(reports[1]?.message).toBe(
      'PagerDuty value "PD-123" is not a PagerDuty incident; write the incident URL (https://<subdomain>.pagerduty.com/incidents/<ID>) or its ID, e.g. Q1ABCD2EFGHIJK.'
    )
  })

  test('is a warning while Status is draft (postmortem new writes TBD for links the records lack), an error once it is not', () => {
    const tbd = ['- Traces: TBD', '- NDJSON: TBD', '- PagerDuty: TBD']
    const draft = check(severeLinksRule, severe([...tbd, '- Status: draft']))
    expect(draft.map((r) => r.severity)).toEqual(['warning', 'warning', 'warning'])
    expect(draft.every((r) => r.message.endsWith('(a warning while Status is draft; an error once it is not).'))).toBe(true)
    expect(check(severeLinksRule, severe([...tbd, '- Status: final'])).map((r) => r.severity)).toEqual([undefined, undefined, undefined])
  })
})
