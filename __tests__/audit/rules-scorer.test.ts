// The rules scorer: conditions over events, the lowest applying rule wins, reasons name the line, and
// each transcript's scoring is independent of every other.
import { describe, expect, it } from '@jest/globals'
import { defaultAuditConfig, defaultAuditDimensions } from '../../src/config/audit.js'
import type { AuditDimension, AuditMatcher } from '../../src/config/types.js'
import type { TranscriptEvent } from '../../src/audit/fields.js'
import { compileRules } from '../../src/audit/rules-scorer.js'

const FIELDS = defaultAuditConfig().fields

const events = (...data: Array<Record<string, unknown>>): TranscriptEvent[] => data.map((d, i) => ({ line: i + 1, data: d }))

function score(dimensions: AuditDimension[], list: TranscriptEvent[], fields = FIELDS) {
  const scoring = compileRules(dimensions, fields).start()
  for (const e of list) scoring.accept(e)
  return scoring.finish()
}

const m = (matcher: Partial<AuditMatcher>): AuditMatcher => ({ ignoreCase: true, ...matcher })
const dim = (rules: AuditDimension['rules'], extra: Partial<AuditDimension> = {}): AuditDimension => ({
  name: 'd',
  description: 'd',
  scale: '0-1',
  threshold: 1,
  scorer: 'rules',
  rules,
  ...extra
})

const CLEAN = events(
  { ts: '2026-10-02T08:14:09Z', type: 'system', role: 'system', content: 'Support agent' },
  { ts: '2026-10-02T08:14:12Z', type: 'user', role: 'user', content: 'Has my tent shipped?' },
  { ts: '2026-10-02T08:14:18Z', type: 'assistant', role: 'assistant', content: 'Yes, it shipped with UPS.' }
)

describe('the default rubric', () => {
  it('scores a clean transcript at the top of every scale', () => {
    const scores = score(defaultAuditDimensions(), CLEAN)
    expect(Object.fromEntries(Object.entries(scores).map(([k, s]) => [k, s.score]))).toEqual({ policy_adherence: 1, tone: 5, accuracy: 1 })
    expect(scores.policy_adherence).toEqual({ score: 1, reason: 'no rule applies (3 events read)', state: 'scored', final: true })
  })

  it('scores policy_adherence 0 when any event is noted as a policy violation, naming the line', () => {
    const list = events(...CLEAN.map((e) => e.data), { type: 'assistant', content: 'Order 4418-3307 has shoes.', notes: "policy violation: disclosed another customer's order" })
    const scores = score(defaultAuditDimensions(), list)
    expect(scores.policy_adherence?.score).toBe(0)
    expect(scores.policy_adherence?.reason).toBe('an event is noted as a policy violation (line 4: notes "policy violation: disclosed another customer\'s order")')
    expect(scores.accuracy?.score).toBe(1)
  })

  it('scores tone 2 on a tone note and accuracy 0 on an error note or when the agent never answers', () => {
    const rude = score(defaultAuditDimensions(), events(...CLEAN.map((e) => e.data), { type: 'assistant', content: 'Valid.', notes: 'tone: curt' }))
    expect(rude.tone?.score).toBe(2)
    const silent = score(defaultAuditDimensions(), events({ type: 'user', content: 'hello?' }, { type: 'tool_result', content: '{}', notes: 'error: tool timeout' }))
    expect(silent.accuracy?.score).toBe(0)
    expect(silent.accuracy?.reason).toBe('an event is noted as an error (line 2: notes "error: tool timeout") [1 more rule applies]')
  })
})

describe('conditions', () => {
  it('matches regular expressions ignoring case unless told not to', () => {
    const list = events({ notes: 'Policy Violation' })
    expect(score([dim([{ match: 'any', when: { notes: m({ matches: 'policy violation' }) }, score: 0 }])], list).d?.score).toBe(0)
    expect(score([dim([{ match: 'any', when: { notes: m({ matches: 'policy violation', ignoreCase: false }) }, score: 0 }])], list).d?.score).toBe(1)
  })

  it('finds keywords, one of a list, in the text or the JSON of a value', () => {
    const list = events({ type: 'tool_call', content: { query: 'refund $340' } })
    const rule = (contains: string[]) => [dim([{ match: 'any', when: { content: m({ contains }) }, score: 0 }])]
    expect(score(rule(['nothing', 'REFUND']), list).d?.score).toBe(0)
    expect(score(rule(['"query"']), list).d?.score).toBe(0)
    expect(score(rule(['chargeback']), list).d?.score).toBe(1)
  })

  it('requires every condition of a rule to hold on the same event', () => {
    const list = events({ type: 'user', content: 'calm down' }, { type: 'assistant', content: 'Sure.' })
    const rule = [dim([{ match: 'any', when: { type: m({ equals: 'assistant' }), content: m({ contains: ['calm down'] }) }, score: 0 }])]
    expect(score(rule, list).d?.score).toBe(1)
    expect(score(rule, events({ type: 'Assistant', content: 'Please calm down.' })).d?.score).toBe(0)
  })

  it('tests presence with exists, and exact values with equals', () => {
    const list = events({ tool: 'issue_refund', amount: 84 }, { tool: null })
    const exists = (want: boolean) => [dim([{ match: 'any', when: { tool: m({ exists: want }) }, score: 0 }])]
    expect(score(exists(true), list).d?.reason).toMatch(/line 1/)
    expect(score(exists(false), list).d?.reason).toMatch(/line 2/)
    expect(score([dim([{ match: 'any', when: { amount: m({ equals: 84 }) }, score: 0 }])], list).d?.score).toBe(0)
    expect(score([dim([{ match: 'any', when: { amount: m({ equals: '84' }) }, score: 0 }])], list).d?.score).toBe(1)
  })

  it('applies `match: none` when no event meets the condition', () => {
    const rule = [dim([{ match: 'none', when: { type: m({ equals: 'assistant' }) }, score: 0, reason: 'never answered' }])]
    expect(score(rule, events({ type: 'user' })).d).toMatchObject({ score: 0, reason: 'never answered' })
    expect(score(rule, events({ type: 'assistant' })).d?.score).toBe(1)
  })

  it('reads renamed and nested fields', () => {
    const fields = { ...FIELDS, notes: 'meta.flags', type: 'kind' }
    const list = events({ kind: 'assistant', meta: { flags: 'policy violation' } })
    const scores = score(defaultAuditDimensions(), list, fields)
    expect(scores.policy_adherence?.score).toBe(0)
    expect(scores.accuracy?.score).toBe(1)
    expect(scores.policy_adherence?.reason).toMatch(/notes|meta\.flags/)
  })

  it('takes the lowest applying rule, and says how many more applied and how often', () => {
    const rules = [
      { match: 'any' as const, when: { notes: m({ matches: 'tone' }) }, score: 4, reason: 'mild' },
      { match: 'any' as const, when: { notes: m({ matches: 'rude' }) }, score: 2, reason: 'rude' }
    ]
    const scores = score([dim(rules, { scale: '1-5', threshold: 3 })], events({ notes: 'tone: rude' }, { notes: 'rude again' }, { notes: 'ok' }))
    expect(scores.d).toMatchObject({ score: 2, reason: 'rude (line 1 and 1 more event: notes "tone: rude") [1 more rule applies]' })
  })

  it('uses default-score when no rule applies', () => {
    expect(score([dim([{ match: 'any', when: { notes: m({ exists: true }) }, score: 1 }], { scale: '1-5', defaultScore: 4 })], CLEAN).d?.score).toBe(4)
  })
})

describe('each transcript on its own', () => {
  it('shares nothing between scorings, even interleaved', () => {
    const scorer = compileRules(defaultAuditDimensions(), FIELDS)
    const a = scorer.start()
    const b = scorer.start()
    a.accept({ line: 1, data: { type: 'assistant', notes: 'policy violation' } })
    b.accept({ line: 1, data: { type: 'assistant', content: 'fine' } })
    a.accept({ line: 2, data: { type: 'assistant', notes: 'tone: curt' } })
    expect(b.finish().policy_adherence?.score).toBe(1)
    expect(b.finish().tone?.score).toBe(5)
    expect(a.finish().policy_adherence?.score).toBe(0)
    const c = scorer.start()
    c.accept({ line: 1, data: { type: 'assistant' } })
    expect(c.finish().policy_adherence?.reason).toBe('no rule applies (1 event read)')
  })

  it('gives no score, not a pass, to a transcript without readable events or that could not be read through', () => {
    const empty = compileRules(defaultAuditDimensions(), FIELDS).start().finish()
    expect(empty.policy_adherence).toEqual({ score: null, reason: 'not scored: the transcript has no readable events', state: 'failed', final: false })
    const cut = compileRules(defaultAuditDimensions(), FIELDS).start()
    cut.accept({ line: 1, data: { type: 'assistant' } })
    expect(cut.finish({ unreadable: 'gzip: unexpected end of file' }).tone).toEqual({ score: null, reason: 'not scored: gzip: unexpected end of file', state: 'failed', final: false })
  })
})
