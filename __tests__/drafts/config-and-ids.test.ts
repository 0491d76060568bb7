import { describe, expect, it } from '@jest/globals'
import { ConfigError } from '../../src/config/errors.js'
import { loadConfig } from '../../src/config/load.js'
import { defaultPostmortemDraftConfig, missingSeveritiesOf } from '../../src/config/postmortem.js'
import { idsInUse, nextFreeId } from '../../src/drafts/ids.js'

const ROOT = '/repo'
const load = (text: string) => loadConfig({ root: ROOT, readFile: (p) => (p === `${ROOT}/.github/reliability.yml` ? text : undefined) })

describe('drafts: config section', () => {
  it('defaults: docs/postmortems, its TEMPLATE.md; --missing takes linked severities plus the gate\'s blocking ones', () => {
    const config = load('')
    expect(config.drafts).toEqual(defaultPostmortemDraftConfig())
    expect(missingSeveritiesOf(config)).toEqual(['Sev1', 'Sev2'])
    expect(missingSeveritiesOf(load('lint:\n  linked-severities: [Sev2]\ngate:\n  sev1-actions:\n    severities: [Sev1]\n'))).toEqual(['Sev2', 'Sev1'])
  })

  it('reads every key, maps severities onto the levels, and rejects unknown levels and paths outside the repository', () => {
    const config = load('drafts:\n  dir: ./pm/\n  owner-fields: [ic]\n  link-fields:\n    traces: [t]\n  missing-severities: [sev 3]\n  label: pm\n')
    expect(config.drafts).toMatchObject({ dir: 'pm', ownerFields: ['ic'], linkFields: { traces: ['t'], ndjson: ['ndjson', 'log', 'ndjson_log', 'transcript'] }, missingSeverities: ['Sev3'], label: 'pm' })
    expect(missingSeveritiesOf(config)).toEqual(['Sev3'])
    let error: unknown
    try {
      load('drafts:\n  dir: ../elsewhere\n  missing-severities: [Sev9]\n')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).issues.map((i) => [i.line, i.key])).toEqual([
      [2, 'drafts.dir'],
      [3, 'drafts.missing-severities[0]']
    ])
  })
})

describe('postmortem ids (PM011\'s rule)', () => {
  it('takes ids from file names and titles, case-insensitively, and the next number after the highest', () => {
    const ids = idsInUse([
      { path: 'docs/postmortems/PM-101.md', text: '# Incident PM-101: x' },
      { path: 'docs/postmortems/old/PM-a7.md', text: '# Incident PM-A7: y' },
      { path: 'docs/postmortems/misnamed.md', text: 'intro\n# Incident PM-130: z' }
    ])
    expect([...ids.keys()].sort()).toEqual(['101', '130', 'A7'])
    expect(nextFreeId(ids)).toBe('131')
    expect(nextFreeId(new Map())).toBe('1')
  })
})
