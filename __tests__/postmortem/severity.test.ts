import { parseSeverity, severityIn, severityKey } from '../../src/postmortem/severity.js'
import { DEFAULT_PARSE_OPTIONS, parsePostmortem } from '../../src/postmortem/parse.js'

const LEVELS = ['Sev1', 'Sev2', 'Sev3', 'Sev4']
const P_LEVELS = ['P0', 'P1', 'P2', 'P3']

describe('parseSeverity with the default levels', () => {
  it.each(['Sev1', 'SEV1', 'SEV-1', 'sev 1', 'sev_1', 'Sev - 1', ' sev1 '])('%j is Sev1', (raw) => {
    expect(parseSeverity(raw, LEVELS)).toEqual({ raw: raw.trim(), label: 'Sev1', rank: 1 })
  })

  it.each([
    ['Sev2', 'Sev2', 2],
    ['SEV3', 'Sev3', 3],
    ['sev-4', 'Sev4', 4]
  ])('%j has label %s and rank %d', (raw, label, rank) => {
    expect(parseSeverity(raw, LEVELS)).toMatchObject({ label, rank })
  })

  it.each(['Sev2 (customer-facing)', 'SEV-2 [paged]', 'Sev 2 - major outage', 'sev2, upgraded from sev3'])('allows a note after the level: %j', (raw) => {
    expect(parseSeverity(raw, LEVELS)).toEqual({ raw, label: 'Sev2', rank: 2 })
  })

  it.each(['Sev5', 'Sev0', 'Sev12', 'critical', 'high', '2', 'S1', 'Sev', 'TBD', ''])('%j is unknown: raw kept, no label', (raw) => {
    const severity = parseSeverity(raw, LEVELS)
    expect(severity).toEqual({ raw })
  })
})

describe('parseSeverity with custom levels', () => {
  it.each([
    ['P0', 'P0', 1],
    ['p1', 'P1', 2],
    ['P-2', 'P2', 3],
    ['p 3', 'P3', 4]
  ])('%j → %s (rank %d)', (raw, label, rank) => {
    expect(parseSeverity(raw, P_LEVELS)).toEqual({ raw, label, rank })
  })

  it('does not know the default spellings under custom levels', () => {
    expect(parseSeverity('Sev1', P_LEVELS)).toEqual({ raw: 'Sev1' })
    expect(parseSeverity('P4', P_LEVELS)).toEqual({ raw: 'P4' })
  })

  it('works with word levels', () => {
    const levels = ['Critical', 'Major', 'Minor']
    expect(parseSeverity('MAJOR', levels)).toEqual({ raw: 'MAJOR', label: 'Major', rank: 2 })
    expect(parseSeverity('minor (no customers)', levels)).toEqual({ raw: 'minor (no customers)', label: 'Minor', rank: 3 })
  })
})

describe('severityKey and severityIn', () => {
  it('makes every spelling of a level one key', () => {
    expect(new Set(['Sev1', 'SEV1', 'SEV-1', 'sev 1', 'sev_1'].map(severityKey))).toEqual(new Set(['sev1']))
  })

  it('tells whether a severity is one of a set of levels, in any spelling', () => {
    const sev1 = parseSeverity('SEV-1', LEVELS)
    expect(severityIn(sev1, ['sev 1', 'Sev2'])).toBe(true)
    expect(severityIn(sev1, ['Sev2'])).toBe(false)
    expect(severityIn(parseSeverity('Sev9', LEVELS), ['Sev9'])).toBe(false)
    expect(severityIn(undefined, LEVELS)).toBe(false)
  })
})

describe('severity in a postmortem', () => {
  const doc = (severity: string): string => `# Incident PM-1: x\n\n- Severity: ${severity}\n\n## Summary\n`

  it.each(['Sev1', 'SEV1', 'SEV-1', 'sev 1'])('reads %j from the metadata list as Sev1', (raw) => {
    expect(parsePostmortem(doc(raw), 'pm.md').metadata.severity).toEqual({ raw, label: 'Sev1', rank: 1 })
  })

  it('reads it from front matter too', () => {
    const pm = parsePostmortem('---\nseverity: SEV-3\n---\n# Incident PM-1: x\n', 'pm.md')
    expect(pm.metadata.severity).toEqual({ raw: 'SEV-3', label: 'Sev3', rank: 3 })
  })

  it('keeps an unknown severity raw for the lint rule to report', () => {
    const pm = parsePostmortem(doc('Sev7'), 'pm.md')
    expect(pm.metadata.severity).toEqual({ raw: 'Sev7' })
    expect(pm.metadata.fields.severity?.raw).toBe('Sev7')
    expect(pm.problems).toEqual([])
  })

  it('uses the configured levels', () => {
    const options = { ...DEFAULT_PARSE_OPTIONS, severityLevels: P_LEVELS }
    expect(parsePostmortem(doc('p0'), 'pm.md', options).metadata.severity).toEqual({ raw: 'p0', label: 'P0', rank: 1 })
    expect(parsePostmortem(doc('Sev1'), 'pm.md', options).metadata.severity).toEqual({ raw: 'Sev1' })
  })

  it('has no severity when the field is empty, but records the field', () => {
    const pm = parsePostmortem(doc(''), 'pm.md')
    expect(pm.metadata.severity).toBeUndefined()
    expect(pm.metadata.fields.severity).toMatchObject({ raw: '', position: { line: 3, column: 3 } })
  })
})
