// The transcript as the model and the reviewer see it: start and end kept within the budget.
import { describe, expect, it } from '@jest/globals'
import { createRenderer } from '../../src/audit/render.js'
import { defaultAuditConfig } from '../../src/config/audit.js'

const FIELDS = defaultAuditConfig().fields

describe('createRenderer', () => {
  it('renders each event on a line with its number, time, type, role and tool', () => {
    const r = createRenderer({ fields: FIELDS, budgetChars: 10_000, includeNotes: false, otherFields: [] })
    r.accept({ line: 3, data: { ts: '2026-10-02T08:14:14Z', type: 'tool_call', role: 'assistant', tool: 'get_order', content: { order: '5120' }, notes: 'secret' } })
    r.accept({ line: 4, data: { type: 'user', role: 'user', content: 'thanks' } })
    expect(r.finish()).toEqual({
      text: '[line 3] 2026-10-02T08:14:14Z tool_call/assistant (get_order): {"order":"5120"}\n[line 4] user: thanks\n',
      events: 2,
      omitted: 0
    })
  })

  it('shows notes unless include-notes is off', () => {
    const r = createRenderer({ fields: FIELDS, budgetChars: 10_000, includeNotes: true, otherFields: [] })
    r.accept({ line: 1, data: { type: 'assistant', content: 'x', notes: 'tone: curt' } })
    expect(r.finish().text).toBe('[line 1] assistant: x\n  notes: tone: curt\n')
    const hidden = createRenderer({ fields: FIELDS, budgetChars: 10_000, includeNotes: false, otherFields: [] })
    hidden.accept({ line: 1, data: { type: 'assistant', content: 'x', notes: 'tone: curt' } })
    expect(hidden.finish().text).toBe('[line 1] assistant: x\n')
  })

  it('with the default settings, shows an event that has only notes: the judge sees the policy violation', () => {
    const { fields, llm } = defaultAuditConfig()
    const r = createRenderer({ fields, budgetChars: 10_000, includeNotes: llm.includeNotes, otherFields: llm.otherFields })
    r.accept({ line: 4, data: { ts: '2026-10-02T08:15:00Z', type: 'review', notes: 'policy violation: refunded $340 without approval' } })
    expect(r.finish().text).toBe('[line 4] 2026-10-02T08:15:00Z review:\n  notes: policy violation: refunded $340 without approval\n')
  })

  it("shows a tool call's arguments and, by default, every other scalar field of the event", () => {
    const { fields, llm } = defaultAuditConfig()
    const r = createRenderer({ fields, budgetChars: 10_000, includeNotes: llm.includeNotes, otherFields: llm.otherFields })
    r.accept({ line: 2, data: { type: 'tool_call', tool: 'issue_refund', arguments: { amount_usd: 340, approved: false }, status: 'error', latency_ms: 812, nested: { x: 1 } } })
    expect(r.finish().text).toBe('[line 2] tool_call (issue_refund):\n  arguments: {"amount_usd":340,"approved":false}\n  status: error\n  latency_ms: 812\n')
  })

  it('shows only the other fields configured, reading dotted paths', () => {
    const r = createRenderer({ fields: FIELDS, budgetChars: 10_000, includeNotes: true, otherFields: ['meta.severity', 'status'] })
    r.accept({ line: 1, data: { type: 'assistant', content: 'x', status: 'ok', other: 'hidden', meta: { severity: 'high' } } })
    expect(r.finish().text).toBe('[line 1] assistant: x\n  meta.severity: high\n  status: ok\n')
  })

  it('keeps the notes of an event whose content is huge, within the per-event cut', () => {
    const r = createRenderer({ fields: FIELDS, budgetChars: 6000, includeNotes: true, otherFields: ['*'] })
    r.accept({ line: 1, data: { type: 'tool_result', content: 'y'.repeat(1_000_000), notes: 'error: the tool returned garbage' } })
    const { text } = r.finish()
    expect(text).toContain('more characters]')
    expect(text).toContain('  notes: error: the tool returned garbage\n')
    expect(text.length).toBeLessThan(1100)
  })

  it('keeps the start and the end within the budget, and says what was left out', () => {
    const budget = 2000
    const r = createRenderer({ fields: FIELDS, budgetChars: budget, includeNotes: false, otherFields: [] })
    for (let i = 1; i <= 500; i++) r.accept({ line: i, data: { type: 'assistant', content: `step ${i} ${'x'.repeat(30)}` } })
    const out = r.finish()
    expect(out.text.length).toBeLessThanOrEqual(budget + 100)
    expect(out.text).toContain('[line 1] assistant: step 1 ')
    expect(out.text).toContain('[line 500] assistant: step 500 ')
    expect(out.text).toMatch(/\[… \d+ events left out to fit the budget …\]/)
    expect(out.events).toBe(500)
    expect(out.omitted).toBe(500 - out.text.split('\n').filter((l) => l.startsWith('[line ')).length)
  })

  it('cuts one huge event so it cannot crowd out the rest', () => {
    const r = createRenderer({ fields: FIELDS, budgetChars: 6000, includeNotes: false, otherFields: [] })
    r.accept({ line: 1, data: { type: 'user', content: 'question' } })
    r.accept({ line: 2, data: { type: 'tool_result', content: 'y'.repeat(1_000_000) } })
    r.accept({ line: 3, data: { type: 'assistant', content: 'answer' } })
    const { text } = r.finish()
    expect(text).toContain('[line 1] user: question')
    expect(text).toContain('more characters]')
    expect(text).toContain('[line 3] assistant: answer')
    expect(text.length).toBeLessThan(6000)
  })
})
