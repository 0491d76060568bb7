// The drills prove nothing when the pull request edits them: the drill workflow file (or the files
// `gate.drills.suite-paths` names) changed by the pull request fails the drills gate for a reviewer to look.

import { defaultGateConfig } from '../../src/config/gate.js'
import { evaluateGates, type GateInputs } from '../../src/gates/evaluate.js'
import type { GateConfig } from '../../src/config/types.js'
import { renderVerdictMarkdown } from '../../src/report/gate-report.js'
import type { GateVerdict } from '../../src/gates/types.js'

const summary = (v: GateVerdict | undefined) => (v ? renderVerdictMarkdown(v) : '')

const HEAD = 'a'.repeat(40)
const green = { kind: 'run' as const, run: { kind: 'workflow run' as const, name: 'drills.yml', id: 901, status: 'completed', conclusion: 'success', headSha: HEAD } }
const inputs = (files: string[], settings: GateConfig = defaultGateConfig(), extra: Partial<GateInputs> = {}): GateInputs => ({
  settings,
  drill: green,
  postmortems: [],
  changed: { files: files.map((path) => ({ path, status: 'modified' as const })), truncated: false },
  experimentDocs: [],
  experimentGlobs: ['docs/experiments/**/EXP-*.md'],
  today: '2024-06-01',
  ...extra
})
const drills = (i: GateInputs) => evaluateGates(i).verdicts.find((v) => v.id === 'drills')

describe('gate: a pull request that edits its own drills', () => {
  test('a green run of a drill workflow the pull request edited fails, asking a reviewer to look', () => {
    const v = drills(inputs(['.github/workflows/drills.yml', 'src/app.ts']))
    expect(v?.conclusion).toBe('failure')
    expect(v?.title).toBe('Drill suite changed by this pull request')
    expect(summary(v)).toContain('`.github/workflows/drills.yml`')
    expect(summary(v)).toMatch(/reviewer must look/)
    expect(v?.annotations).toEqual([expect.objectContaining({ path: '.github/workflows/drills.yml', annotation_level: 'failure' })])
  })

  test('files named in gate.drills.suite-paths count too; other files do not', () => {
    const settings = defaultGateConfig()
    settings.drills.suitePaths = ['drills/**']
    expect(drills(inputs(['drills/scenarios/refund.yaml'], settings))?.conclusion).toBe('failure')
    expect(drills(inputs(['src/app.ts', '.github/workflows/other.yml'], settings))?.conclusion).toBe('success')
  })

  test('the bypass applies: an allowed user’s label turns it neutral', () => {
    const settings = defaultGateConfig()
    settings.bypass.users = ['ana']
    const context = { repository: 'o/r', pullRequest: 7, headSha: HEAD, event: 'pull_request', now: '2024-06-01T10:00:00Z', body: 'Bypass-Reason: reviewed the drill change' }
    const out = evaluateGates(inputs(['.github/workflows/drills.yml'], settings, { bypass: { application: { actor: 'ana', at: '2024-06-01T09:00:00Z' }, memberships: {}, context } }))
    expect(out.verdicts[0]).toMatchObject({ id: 'drills', conclusion: 'neutral' })
    expect(out.bypassRecord?.gates).toEqual(['drills'])
  })
})
