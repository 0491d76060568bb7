import { defaultGateConfig } from '../../src/config/gate.js'
import { evaluateSev1Actions } from '../../src/gates/sev1-actions.js'
import { parsePostmortem } from '../../src/postmortem/parse.js'
import { postmortem } from './fixtures.js'
import { renderVerdictMarkdown } from '../../src/report/gate-report.js'
import type { GateVerdict } from '../../src/gates/types.js'

const summary = (v: GateVerdict) => renderVerdictMarkdown(v, links)

const settings = defaultGateConfig().sev1Actions
const pm = (path: string, severity: string, items: string[]) => parsePostmortem(postmortem(1, severity, items), path)
const OPEN = '- [ ] Cap tool retries in the router :: @ana :: 2024-04-01 [ENG-12](https://tracker.example.com/ENG-12)'
const OPEN_LATER = '- [ ] Add an empty-result metric :: @li :: 2999-01-01'
const DONE = '- [x] Lower the step cap to 25 :: @maria.chen :: 2024-03-05'
const links = { serverUrl: 'https://github.com', repository: 'o/r', sha: 'f'.repeat(40) }
const TODAY = '2024-06-01'

describe('gate: no open Sev1 action items', () => {
  test('a postmortem the parser could not read (too many lines, binary) fails the gate instead of passing as empty', () => {
    const huge = `${postmortem(1, 'Sev1', [OPEN])}${'filler line\n'.repeat(6000)}`
    const unread = parsePostmortem(huge, 'docs/postmortems/PM-9.md')
    expect(unread.actionItems).toEqual([])
    const binary = parsePostmortem(new Uint8Array([0, 1, 2, 0, 255, 0]), 'docs/postmortems/PM-8.md')
    const v = evaluateSev1Actions({ postmortems: [unread, binary, pm('docs/postmortems/PM-1.md', 'Sev2', [OPEN])], settings, today: TODAY })
    expect(v.conclusion).toBe('failure')
    expect(v.title).toBe('2 postmortems could not be read: Sev1 action items unknown')
    expect(v.annotations.map((a) => [a.path, a.title])).toEqual([['docs/postmortems/PM-9.md', 'Postmortem not read'], ['docs/postmortems/PM-8.md', 'Postmortem not read']])
    expect(summary(v)).toContain('Not read')
    expect(summary(v)).toMatch(/PM-9\.md: File has \d+ lines/)
  })

  test('an unchecked item of a Sev1 postmortem fails, listing item, owner, due date and a link to the line', () => {
    const v = evaluateSev1Actions({ postmortems: [pm('docs/postmortems/PM-1.md', 'Sev1', [OPEN, DONE])], settings, today: TODAY })
    expect(v.conclusion).toBe('failure')
    expect(v.title).toBe('1 open Sev1 action item in 1 postmortem')
    const line = v.annotations[0]?.start_line ?? 0
    expect(summary(v)).toContain(`[docs/postmortems/PM-1.md:${line}](https://github.com/o/r/blob/${'f'.repeat(40)}/docs/postmortems/PM-1.md#L${line})`)
    expect(summary(v)).toContain('| Cap tool retries in the router | @ana | 2024-04-01 (overdue) |')
    expect(v.annotations).toEqual([
      expect.objectContaining({ path: 'docs/postmortems/PM-1.md', start_line: line, annotation_level: 'failure', title: 'Open Sev1 action item' })
    ])
    expect(pm('x', 'Sev1', [OPEN]).lines[line - 1]).toContain('Cap tool retries')
  })

  test('other severities, checked items and items without a checkbox do not block (the last are noted)', () => {
    const v = evaluateSev1Actions({
      postmortems: [pm('a.md', 'Sev2', [OPEN]), pm('b.md', 'SEV-1', [DONE, '- Talk to the vendor :: @li :: 2024-04-01'])],
      settings,
      today: TODAY
    })
    expect(v).toMatchObject({ conclusion: 'success', title: 'No open Sev1 action items' })
    expect(summary(v)).toContain('Checked 1 Sev1 postmortem of 2 postmortems')
    expect(summary(v)).toContain('1 action item without a checkbox')
  })

  test('blocking severities are configurable', () => {
    const v = evaluateSev1Actions({ postmortems: [pm('a.md', 'Sev2', [OPEN])], settings: { ...settings, severities: ['Sev1', 'Sev2'] }, today: TODAY })
    expect(v).toMatchObject({ conclusion: 'failure', title: '1 open Sev1/Sev2 action item in 1 postmortem' })
  })

  test('block: overdue blocks past-due items and items without a valid due date only', () => {
    const overdue = { ...settings, block: 'overdue' as const }
    expect(evaluateSev1Actions({ postmortems: [pm('a.md', 'Sev1', [OPEN_LATER])], settings: overdue, today: TODAY })).toMatchObject({ conclusion: 'success' })
    expect(evaluateSev1Actions({ postmortems: [pm('a.md', 'Sev1', [OPEN])], settings: overdue, today: TODAY }).conclusion).toBe('failure')
    expect(evaluateSev1Actions({ postmortems: [pm('a.md', 'Sev1', ['- [ ] Someday :: @li'])], settings: overdue, today: TODAY }).conclusion).toBe('failure')
  })

  test('no deadlock: a change that ticks the last open box passes and says so', () => {
    const base = pm('docs/postmortems/PM-1.md', 'Sev1', [OPEN, DONE])
    const head = pm('docs/postmortems/PM-1.md', 'Sev1', [OPEN.replace('- [ ]', '- [x]'), DONE])
    const v = evaluateSev1Actions({ postmortems: [head], basePostmortems: [base], settings, today: TODAY })
    expect(v).toMatchObject({ conclusion: 'success', title: 'No open Sev1 action items (1 closed by this change)' })
    expect(summary(v)).toContain('### Closed by this change')
    expect(summary(v)).toContain('Cap tool retries in the router')
  })

  test('no deadlock: the fix label passes the items the pull request references, by ticket, URL or line', () => {
    const pms = [pm('docs/postmortems/PM-1.md', 'Sev1', [OPEN, OPEN_LATER])]
    const line = pms[0]?.actionItems[1]?.position.line
    const pr = (body: string, labels = ['reliability-fix']) => ({ number: 5, title: 'Fix the router', body, labels })
    // By ticket id: only that item passes; the other still blocks.
    let v = evaluateSev1Actions({ postmortems: pms, settings, today: TODAY, pullRequest: pr('Fixes ENG-12') })
    expect(v.conclusion).toBe('failure')
    expect(v.title).toBe('1 open Sev1 action item in 1 postmortem')
    expect(summary(v)).toContain('### Passed by the fix label')
    expect(summary(v)).toContain('referenced as `ENG-12` by this pull request, labelled `reliability-fix`')
    // Both referenced (the second by its line): passes, and says why.
    v = evaluateSev1Actions({ postmortems: pms, settings, today: TODAY, pullRequest: pr(`Fixes https://tracker.example.com/ENG-12 and docs/postmortems/PM-1.md#L${line}`) })
    expect(v).toMatchObject({ conclusion: 'success', title: 'No blocking Sev1 action items (2 passed by reliability-fix)' })
    expect(v.annotations.map((a) => a.annotation_level)).toEqual(['notice', 'notice'])
    // Without the label, references change nothing; `ENG-1` does not reference ENG-12.
    expect(evaluateSev1Actions({ postmortems: pms, settings, today: TODAY, pullRequest: pr('Fixes ENG-12', []) }).title).toBe('2 open Sev1 action items in 1 postmortem')
    expect(evaluateSev1Actions({ postmortems: [pm('docs/postmortems/PM-1.md', 'Sev1', [OPEN])], settings, today: TODAY, pullRequest: pr('Fixes ENG-1') }).conclusion).toBe('failure')
  })

  test('a long list stays within one screen: 40 rows, then a count', () => {
    const items = Array.from({ length: 45 }, (_, i) => `- [ ] Item ${i} :: @ana :: 2024-04-01`)
    const v = evaluateSev1Actions({ postmortems: [pm('a.md', 'Sev1', items)], settings, today: TODAY })
    expect(summary(v)).toContain('…and 5 more items.')
    expect(v.annotations).toHaveLength(45)
  })
})
