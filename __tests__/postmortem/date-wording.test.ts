// Dates a person wrote in another format are reported as such: the due date is the whole field
// (`end of Q4`, not `end`), and `11/07/2026` is "not YYYY-MM-DD", not "not a real calendar date".
import { describe, expect, it } from '@jest/globals'
import { parseActionItem } from '../../src/postmortem/action-item.js'
import { parsePostmortem } from '../../src/postmortem/parse.js'
import { dateProblem } from '../../src/postmortem/timestamp.js'
import { defaultLintConfig } from '../../src/config/defaults.js'
import { lintFile } from '../../src/lint/lint-file.js'

const lintPostmortemText = (text: string) => lintFile(text, 'pm.md', defaultLintConfig(), { today: '2026-11-27', pathExists: () => false }).findings

const at = { line: 1, column: 1 }
const item = (source: string) => parseActionItem(source, 'task', false, at)

describe('the due field of an action item', () => {
  it('is the whole field when it is not a date followed by a ticket', () => {
    expect(item('Fix :: @a :: end of Q4')).toMatchObject({ due: 'end of Q4', dueValid: false })
    expect(item('Fix :: @a :: end of Q4')).not.toHaveProperty('ticket')
    expect(item('Fix :: @a :: next sprint ENG-12')).toMatchObject({ due: 'next sprint', dueValid: false, ticket: { id: 'ENG-12' } })
    expect(item('Fix :: @a :: Q4 [ENG-1](https://x.test/ENG-1)')).toMatchObject({ due: 'Q4', ticket: { id: 'ENG-1' } })
  })

  it('keeps a date followed by a ticket apart, as before', () => {
    expect(item('Fix :: @a :: 2026-12-15 ENG-1')).toMatchObject({ due: '2026-12-15', dueValid: true, ticket: { id: 'ENG-1' } })
    expect(item('Fix :: @a :: due 2026-12-15')).toMatchObject({ due: '2026-12-15', dueValid: true })
    expect(item('Fix :: @a :: 12/15/2026 ENG-1')).toMatchObject({ due: '12/15/2026', dueValid: false, ticket: { id: 'ENG-1' } })
  })
})

describe('dateProblem', () => {
  it('says a date in another format is not YYYY-MM-DD, naming what it could mean', () => {
    expect(dateProblem('11/07/2026', '2026-11-27')).toBe('is not in the YYYY-MM-DD format; write it as 2026-11-07 or 2026-07-11, whichever it means')
    expect(dateProblem('31/07/2026', '2026-11-27')).toBe('is not in the YYYY-MM-DD format; write it as 2026-07-31')
    expect(dateProblem('07.07.2026', '2026-11-27')).toBe('is not in the YYYY-MM-DD format; write it as 2026-07-07')
    expect(dateProblem('July 11, 2026', '2026-11-27')).toBe('is not in the YYYY-MM-DD format; write it as YYYY-MM-DD, e.g. 2026-11-27')
    expect(dateProblem('end of Q4', '2026-11-27')).toBe('is not in the YYYY-MM-DD format; write it as YYYY-MM-DD, e.g. 2026-11-27')
  })

  it('says a YYYY-MM-DD that does not exist is not a real calendar date', () => {
    expect(dateProblem('2026-02-31', '2026-11-27')).toBe('is not a real calendar date; write it as YYYY-MM-DD, e.g. 2026-11-27')
    expect(dateProblem('2026-13-01', '2026-11-27')).toMatch(/^is not a real calendar date/)
  })
})

describe('lint messages', () => {
  it('PM003: Date "11/07/2026" says which format is expected', () => {
    const text = '# Incident PM-1: x\n\n- Date: 11/07/2026\n- Severity: Sev3\n- Owners: @a\n\n## Summary\nx\n'
    const messages = lintPostmortemText(text).filter((f) => f.rule === 'PM003').map((f) => f.message)
    expect(messages).toEqual(['Date "11/07/2026" is not in the YYYY-MM-DD format; write it as 2026-11-07 or 2026-07-11, whichever it means.'])
  })

  it('PM007: ":: end of Q4" is reported as the due date "end of Q4"', () => {
    const text = '# Incident PM-1: x\n\n## Action Items\n\n- [ ] Fix it :: @a :: end of Q4\n'
    const pm = parsePostmortem(text, 'pm.md')
    expect(pm.actionItems[0]?.due).toBe('end of Q4')
    const messages = lintPostmortemText(text).filter((f) => f.rule === 'PM007').map((f) => f.message)
    expect(messages.join('\n')).toContain('due date "end of Q4"')
  })
})
