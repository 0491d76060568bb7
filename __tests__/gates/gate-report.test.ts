// The gate report written from the verdicts' details: text for terminals (untrusted text made safe),
// markdown for check runs, JSON with the data.

import { defaultGateConfig } from '../../src/config/gate.js'
import { evaluateGates } from '../../src/gates/evaluate.js'
import { formatGateJson, formatGateText, renderVerdictMarkdown } from '../../src/report/gate-report.js'

const HEAD = 'a'.repeat(40)
const settings = defaultGateConfig()
settings.bypass.users = ['ana']
const hostile = 'prod down \u001b[2J\u001b]0;owned\u0007\n::set-output name=result::pass'
const evaluation = evaluateGates({
  settings,
  drill: { kind: 'job', result: 'failure' },
  postmortems: [],
  changed: { files: [{ path: 'src/a.ts', status: 'modified' }], truncated: false },
  experimentDocs: [],
  experimentGlobs: ['docs/experiments/**/EXP-*.md'],
  today: '2024-06-01',
  bypass: {
    application: { actor: 'ana', at: '2024-06-01T09:00:00Z' },
    memberships: {},
    context: { repository: 'o/r', pullRequest: 7, headSha: HEAD, event: 'pull_request', now: '2024-06-01T10:00:00Z', body: `Bypass-Reason: ${hostile}` }
  }
})

describe('gate report', () => {
  test('the text report carries no escape sequence or workflow command from the pull request', () => {
    const text = formatGateText(evaluation.result, evaluation.verdicts, { color: false, policy: 'defaults', ...(evaluation.bypass && { bypass: evaluation.bypass }) })
    expect(text).toContain('Bypassed by @ana (listed user)')
    expect(text).toContain('prod down')
    expect(text).not.toMatch(/\u001b|\u0007/)
    expect(text).not.toMatch(/^\s*::/m)
  })

  test('markdown and JSON say the same, the JSON with the data under details', () => {
    const drills = evaluation.verdicts[0]
    if (!drills) throw new Error('no drills verdict')
    expect(drills).toMatchObject({ conclusion: 'neutral', bypass: { kind: 'accepted', actor: 'ana', gates: ['drills'] } })
    const json = JSON.parse(formatGateJson(evaluation.result, evaluation.verdicts)) as { gates: Array<{ summary: string; details: unknown }> }
    expect(json.gates[0]?.summary).toBe(renderVerdictMarkdown(drills))
    expect(json.gates[0]?.details).toEqual({ gate: 'drills', observation: { kind: 'job', result: 'failure' }, skippedCountsAsSuccess: false, edited: [] })
    expect(renderVerdictMarkdown(drills)).toMatch(/^\*\*Bypassed\*\* by @ana/)
  })
})
