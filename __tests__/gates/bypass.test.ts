import { defaultGateConfig } from '../../src/config/gate.js'
import { applyBypass, authorizeBypass, bypassReason } from '../../src/gates/bypass.js'
import type { GateVerdict } from '../../src/gates/types.js'
import { bypassSentence, markdownStyle } from '../../src/report/gate-details.js'
import { renderVerdictMarkdown } from '../../src/report/gate-report.js'

const settings = { ...defaultGateConfig().bypass, users: ['Ana'], teams: ['acme/sre'] }
const why = { gate: 'not-evaluated' as const, reason: 'why' }
const failing: GateVerdict = {
  id: 'rollback-plan',
  conclusion: 'failure',
  title: 'No experiment doc',
  details: why,
  annotations: [{ path: 'prompts/a.md', start_line: 1, end_line: 1, annotation_level: 'failure', message: 'm' }]
}
const passing: GateVerdict = { id: 'drills', conclusion: 'success', title: 'Drills passed', details: { gate: 'not-evaluated', reason: 'ok' }, annotations: [] }
const pending: GateVerdict = { id: 'sev1-actions', conclusion: 'pending', title: 'x', details: { gate: 'not-evaluated', reason: 'y' }, annotations: [] }
/** The sentence the reports show for a decision (markdown). */
const note = (out: ReturnType<typeof applyBypass>) => (out.decision ? bypassSentence(out.decision, markdownStyle()) : undefined)
const context = { repository: 'o/r', pullRequest: 7, headSha: 'a'.repeat(40), event: 'pull_request', now: '2024-06-01T10:00:00.000Z', body: 'Hotfix.\n\nBypass-Reason: checkout is down, drill infra broken', configCommit: 'b'.repeat(40) }
const application = { actor: 'ana', at: '2024-06-01T09:59:00Z', eventId: 101 }

describe('gate: bypass', () => {
  test('without the label nothing changes', () => {
    expect(applyBypass({ verdicts: [failing], settings, labelled: false, memberships: {}, context })).toEqual({ verdicts: [failing] })
  })

  test('by an allowed user: failures become neutral (annotations downgraded), pending stays, and a record is made', () => {
    const out = applyBypass({ verdicts: [passing, failing, pending], settings, labelled: true, application, memberships: {}, context })
    expect(out.verdicts.map((v) => v.conclusion)).toEqual(['success', 'neutral', 'pending'])
    expect(out.verdicts[1]?.title).toBe('Bypassed: No experiment doc')
    expect(out.verdicts[1]?.annotations[0]?.annotation_level).toBe('warning')
    expect(out.record).toEqual({
      ts: '2024-06-01T10:00:00.000Z',
      repository: 'o/r',
      pull_request: 7,
      head_sha: 'a'.repeat(40),
      actor: 'ana',
      allowed_as: 'user',
      label: 'reliability-bypass',
      labeled_at: '2024-06-01T09:59:00Z',
      label_event_id: 101,
      gates: ['rollback-plan'],
      reason: 'checkout is down, drill infra broken',
      event: 'pull_request',
      config_commit: 'b'.repeat(40)
    })
    expect(note(out)).toContain('**Bypassed** by @ana (listed user)')
  })

  test('by a member of an allowed team', () => {
    const out = applyBypass({ verdicts: [failing], settings, labelled: true, application: { ...application, actor: 'li' }, memberships: { 'acme/sre': true }, context })
    expect(out.verdicts[0]?.conclusion).toBe('neutral')
    expect(out.record?.allowed_as).toBe('team:acme/sre')
  })

  test('by someone else: refused, failures stay, and the summary says who applied it and who may', () => {
    const out = applyBypass({ verdicts: [failing], settings, labelled: true, application: { ...application, actor: 'mallory' }, memberships: { 'acme/sre': false }, context })
    expect(out.verdicts[0]?.conclusion).toBe('failure')
    expect(out.record).toBeUndefined()
    expect(note(out)).toBe('**Bypass refused:** the label `reliability-bypass` was applied by @mallory, who is not allowed to bypass. Allowed to bypass: @Ana, team acme/sre.')
    expect(renderVerdictMarkdown(out.verdicts[0] as GateVerdict).startsWith(note(out) ?? '-')).toBe(true)
  })

  test('unknown team membership and unknown labeller refuse, saying why', () => {
    const unknown = applyBypass({ verdicts: [failing], settings, labelled: true, application: { ...application, actor: 'li' }, memberships: { 'acme/sre': { unknown: '403' } }, context })
    expect(note(unknown)).toContain('membership of @li in acme/sre could not be read (403)')
    expect(note(applyBypass({ verdicts: [failing], settings, labelled: true, memberships: {}, context }))).toContain('who applied it is unknown')
  })

  test('nothing failing: no record', () => {
    const out = applyBypass({ verdicts: [passing], settings, labelled: true, application, memberships: {}, context })
    expect(out.record).toBeUndefined()
    expect(note(out)).toContain('nothing was bypassed')
  })

  test('reasons: Bypass-Reason lines in their usual spellings; none is recorded as missing', () => {
    expect(bypassReason('x\n**Bypass reason:** prod is down\n')).toBe('prod is down')
    expect(bypassReason('- bypass-reason: vendor outage')).toBe('vendor outage')
    expect(bypassReason('no reason here')).toBeUndefined()
    const out = applyBypass({ verdicts: [failing], settings, labelled: true, application, memberships: {}, context: { ...context, body: '' } })
    expect(out.record?.reason).toMatch(/^\(none given/)
  })

  test('users compare case-insensitively', () => {
    expect(authorizeBypass('ANA', settings, {})).toEqual({ allowedAs: 'user', notes: [] })
  })
})
