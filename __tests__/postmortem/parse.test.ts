import { DEFAULT_PARSE_OPTIONS, parsePostmortem, type ParseOptions } from '../../src/postmortem/parse.js'
import type { Postmortem, TimelineEntry } from '../../src/postmortem/model.js'

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h, mi, s)

const TEMPLATE = `# Incident PM-42: Tool router looped on empty search results

- Date: 2026-10-14
- Severity: Sev2
- Owners: @maria.chen, @dev-ops
- Traces: https://traces.example.com/t/abc
- NDJSON: logs/missions/x.ndjson
- PagerDuty: PD-123

## Summary

The tool router retried an empty search 4,000 times.

## Timeline

- 2026-10-14 09:02 UTC — Loop starts
- 09:15 UTC — Alert fires
- 2026-10-14 09:40 UTC — Router rolled back

## Root Cause

No retry budget.

## Customer Impact

<!-- fill in -->

## Action Items

- [ ] Add a retry budget :: @maria.chen :: 2026-12-15 [ENG-123](https://jira.example.com/browse/ENG-123)
- [x] Alert on loops :: @dev-ops :: 2026-11-01
`

const withOptions = (overrides: Partial<ParseOptions>): ParseOptions => ({ ...DEFAULT_PARSE_OPTIONS, ...overrides })
const timelineOf = (text: string, path = 'pm.md'): TimelineEntry[] => parsePostmortem(text, path).timeline
const epochs = (entries: TimelineEntry[]): Array<number | undefined> => entries.map((e) => e.timestamp?.epochMs)

describe('the template', () => {
  const pm = parsePostmortem(TEMPLATE, 'docs/postmortems/PM-42.md')

  it('parses without problems', () => {
    expect(pm.problems).toEqual([])
    expect(pm.path).toBe('docs/postmortems/PM-42.md')
    expect(pm.title).toEqual({
      text: 'Incident PM-42: Tool router looped on empty search results',
      depth: 1,
      position: { line: 1, column: 1 },
      id: '42',
      name: 'Tool router looped on empty search results'
    })
  })

  it('finds every template section in order, with its extent', () => {
    expect(pm.sections.map((s) => [s.canonical, s.heading.position.line, s.endLine, s.empty])).toEqual([
      ['Summary', 10, 12, false],
      ['Timeline', 14, 18, false],
      ['Root Cause', 20, 22, false],
      ['Customer Impact', 24, 26, true],
      ['Action Items', 28, 31, false]
    ])
  })

  it('reads the timeline', () => {
    expect(pm.timeline).toEqual([
      {
        form: 'list',
        text: '2026-10-14 09:02 UTC — Loop starts',
        position: { line: 16, column: 1 },
        timestamp: { raw: '2026-10-14 09:02 UTC', date: '2026-10-14', time: '09:02', zone: 'UTC', effectiveZone: 'UTC', dateInferred: false, epochMs: utc(2026, 10, 14, 9, 2) }
      },
      {
        form: 'list',
        text: '09:15 UTC — Alert fires',
        position: { line: 17, column: 1 },
        timestamp: { raw: '09:15 UTC', date: '2026-10-14', time: '09:15', zone: 'UTC', effectiveZone: 'UTC', dateInferred: true, epochMs: utc(2026, 10, 14, 9, 15) }
      },
      expect.objectContaining({ position: { line: 18, column: 1 } })
    ])
  })

  it('reads the action items', () => {
    expect(pm.actionItems.map((i) => [i.summary, i.checked, i.owner?.name, i.due, i.ticket?.id, i.position.line])).toEqual([
      ['Add a retry budget', false, 'maria.chen', '2026-12-15', 'ENG-123', 30],
      ['Alert on loops', true, 'dev-ops', '2026-11-01', undefined, 31]
    ])
  })

  it('keeps the lines and marks the comment line as ignored', () => {
    expect(pm.lines).toHaveLength(32)
    expect(pm.lines[0]).toBe('# Incident PM-42: Tool router looped on empty search results')
    expect([...pm.ignoredLines]).toEqual([26])
    expect(pm.disabledRules).toEqual([])
  })
})

describe('sections', () => {
  const canonicals = (text: string, options = DEFAULT_PARSE_OPTIONS): Array<string | undefined> =>
    parsePostmortem(text, 'pm.md', options).sections.map((s) => s.canonical)

  it.each([
    ['## ACTION ITEMS', 'Action Items'],
    ['## action items', 'Action Items'],
    ['## Root cause', 'Root Cause'],
    ['## 2. Root cause(s):', 'Root Cause'],
    ['## Timeline (times in BST)', 'Timeline'],
    ['## Timeline:', 'Timeline'],
    ['## **Summary**', 'Summary'],
    ['## 🔥 Customer impact', 'Customer Impact'],
    ['# Summary', 'Summary'],
    ['## Lessons learned', undefined],
    ['### Summary', undefined]
  ])('%j → %s', (heading, canonical) => {
    const pm = parsePostmortem(`# Title\n\n${heading}\n\ntext\n`, 'pm.md')
    expect(pm.sections.find((s) => s.heading.text !== 'Title')?.canonical).toBe(canonical)
  })

  it('maps configured aliases, case-insensitively', () => {
    const options = withOptions({ sectionAliases: { 'Corrective Actions': 'Action Items', Impact: 'Customer Impact', 'TL;DR': 'Summary' } })
    expect(canonicals('# T\n\n## tl;dr\n\n## IMPACT\n\n## Corrective actions:\n', options)).toEqual(['Summary', 'Customer Impact', 'Action Items'])
    expect(canonicals('# T\n\n## Impact\n\n## Corrective Actions\n')).toEqual([undefined, undefined])
  })

  it('does not let an alias shadow a template section', () => {
    const options = withOptions({ sectionAliases: { Summary: 'Action Items' } })
    expect(canonicals('# T\n\n## Summary\n', options)).toEqual(['Summary'])
  })

  it('uses configured section names', () => {
    const options = withOptions({ sections: ['Overview', 'Events'] })
    expect(canonicals('# T\n\n## overview\n\n## Summary\n\n## EVENTS\n', options)).toEqual(['Overview', undefined, 'Events'])
  })

  it('reads setext headings as title and sections', () => {
    const pm = parsePostmortem('Incident PM-7: Setext\n=====================\n\nSummary\n-------\n\nText.\n\nAction Items\n------------\n\n- [ ] Fix :: @a :: 2026-12-15\n', 'pm.md')
    expect(pm.title).toMatchObject({ id: '7', depth: 1, position: { line: 1, column: 1 } })
    expect(pm.sections.map((s) => [s.canonical, s.heading.depth, s.heading.position.line])).toEqual([
      ['Summary', 2, 4],
      ['Action Items', 2, 9]
    ])
    expect(pm.actionItems).toHaveLength(1)
  })

  it('keeps a first heading that is a template section as a section too (it is the title only for PM001)', () => {
    const pm = parsePostmortem('## Summary\n\ntext\n\n## Lessons learned\n\n# Appendix\n\n## Timeline\n', 'pm.md')
    expect(pm.title).toEqual({ text: 'Summary', depth: 2, position: { line: 1, column: 1 } })
    expect(pm.sections.map((s) => [s.heading.text, s.canonical])).toEqual([
      ['Summary', 'Summary'],
      ['Lessons learned', undefined],
      ['Appendix', undefined],
      ['Timeline', 'Timeline']
    ])
  })

  it('takes the first heading as the title whatever its depth', () => {
    const pm = parsePostmortem('### Small title\n\n## Summary\n', 'pm.md')
    expect(pm.title).toMatchObject({ text: 'Small title', depth: 3 })
    expect(pm.sections.map((s) => s.canonical)).toEqual(['Summary'])
    const notes = parsePostmortem('## Notes\n\n## Summary\n', 'pm.md')
    expect(notes.title).toMatchObject({ text: 'Notes', depth: 2 })
    expect(notes.sections.map((s) => s.heading.text)).toEqual(['Summary'])
  })

  it('keeps duplicate sections, each with its own extent', () => {
    const pm = parsePostmortem('# T\n\n## Summary\n\none\n\n## summary\n\ntwo\n', 'pm.md')
    expect(pm.sections.map((s) => [s.canonical, s.heading.position.line, s.endLine])).toEqual([
      ['Summary', 3, 5],
      ['Summary', 7, 9]
    ])
  })

  it('calls a section with only comments and blank lines empty', () => {
    const pm = parsePostmortem('# T\n\n## Summary\n\n<!-- TODO -->\n\n\n## Root Cause\n\n### Details\n', 'pm.md')
    expect(pm.sections.map((s) => [s.empty, s.endLine])).toEqual([
      [true, 5],
      [false, 10]
    ])
    expect(parsePostmortem('# T\n\n## Summary\n', 'pm.md').sections[0]).toMatchObject({ empty: true, endLine: 3 })
  })

  it('keeps ### headings inside their section', () => {
    const pm = parsePostmortem('# T\n\n## Root Cause\n\n### Trigger\n\ntext\n\n### Contributing factors\n', 'pm.md')
    expect(pm.sections).toHaveLength(1)
    expect(pm.sections[0]?.endLine).toBe(9)
  })
})

describe('timeline: list items', () => {
  it.each([
    ['2026-10-14 09:02 UTC', utc(2026, 10, 14, 9, 2)],
    ['2026-10-14T09:02Z', utc(2026, 10, 14, 9, 2)],
    ['2026-10-14T09:02:30+02:00', utc(2026, 10, 14, 7, 2, 30)],
    ['2026-10-14 09:02 CET', utc(2026, 10, 14, 8, 2)],
    ['2026-10-14 09:02 PST', utc(2026, 10, 14, 17, 2)],
    ['**2026-10-14 09:02 UTC**', utc(2026, 10, 14, 9, 2)]
  ])('%s', (stamp, epochMs) => {
    const [entry] = timelineOf(`# T\n\n## Timeline\n\n- ${stamp} — something happened\n`)
    expect(entry).toMatchObject({ form: 'list', position: { line: 5, column: 1 }, timestamp: { epochMs } })
  })

  it('applies "All times in PST" to entries without a zone', () => {
    const entries = timelineOf('# T\n\n## Timeline\n\nAll times in PST.\n\n- 2026-10-14 09:02 alert\n- 09:30 fix\n- 10:00 UTC all clear\n')
    expect(epochs(entries)).toEqual([utc(2026, 10, 14, 17, 2), utc(2026, 10, 14, 17, 30), utc(2026, 10, 14, 10, 0)])
    expect(entries.map((e) => [e.timestamp?.zone, e.timestamp?.effectiveZone])).toEqual([
      [undefined, 'PST'],
      [undefined, 'PST'],
      ['UTC', 'UTC']
    ])
  })

  it('applies the zone in the heading: `Timeline (times in BST)` and `Timeline (UTC)`', () => {
    expect(epochs(timelineOf('# T\n\n## Timeline (times in BST)\n\n- 2026-10-14 09:02 x\n'))).toEqual([utc(2026, 10, 14, 8, 2)])
    expect(epochs(timelineOf('# T\n\n## Timeline (CET)\n\n- 2026-10-14 09:02 x\n'))).toEqual([utc(2026, 10, 14, 8, 2)])
  })

  it('prefers the heading statement over a later paragraph', () => {
    expect(epochs(timelineOf('# T\n\n## Timeline (times in UTC)\n\nOur users are in PST; times are in PST.\n\n- 2026-10-14 09:02 x\n'))).toEqual([
      utc(2026, 10, 14, 9, 2)
    ])
  })

  it('carries the zone of the last entry that named one when nothing is stated', () => {
    const entries = timelineOf('# T\n\n## Timeline\n\n- 2017-11-30 16:22 PST start\n- 17:07 later\n')
    expect(entries[1]?.timestamp).toMatchObject({ effectiveZone: 'PST', epochMs: utc(2017, 12, 1, 1, 7) })
    expect(entries[1]?.timestamp?.zone).toBeUndefined()
  })

  it('carries the date to time-only entries and across midnight', () => {
    const entries = timelineOf('# T\n\n## Timeline\n\n- 2026-10-14 23:40 UTC start\n- 23:55 escalated\n- 00:10 fixed\n- 00:30 verified\n')
    expect(entries.map((e) => [e.timestamp?.date, e.timestamp?.dateInferred])).toEqual([
      ['2026-10-14', false],
      ['2026-10-14', true],
      ['2026-10-15', true],
      ['2026-10-15', true]
    ])
  })

  it('keeps entries without a timestamp, without one', () => {
    const entries = timelineOf('# T\n\n## Timeline\n\n- Sometime in the morning the loop started\n- 2026-10-14 09:00 UTC paged\n')
    expect(entries.map((e) => [e.text, e.timestamp === undefined])).toEqual([
      ['Sometime in the morning the loop started', true],
      ['2026-10-14 09:00 UTC paged', false]
    ])
  })

  it('reads nested bullets as part of their entry, not entries of their own', () => {
    const entries = timelineOf('# T\n\n## Timeline\n\n- 2026-10-14 09:00 UTC paged\n  - 09:01 detail\n- 09:05 acked\n')
    expect(entries.map((e) => e.timestamp?.time)).toEqual(['09:00', '09:05'])
  })

  it('reads ordered lists', () => {
    expect(timelineOf('# T\n\n## Timeline\n\n1. 2026-10-14 09:00 UTC paged\n2. 09:05 UTC acked\n').map((e) => e.timestamp?.time)).toEqual(['09:00', '09:05'])
  })
})

describe('timeline: tables', () => {
  it('reads a timestamp column', () => {
    const entries = timelineOf('# T\n\n## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n| 2026-10-14 09:02 | Loop starts |\n| 2026-10-14 09:15 | Alert |\n')
    expect(entries).toEqual([
      expect.objectContaining({ form: 'table', text: '2026-10-14 09:02 | Loop starts', position: { line: 7, column: 1 } }),
      expect.objectContaining({ form: 'table', text: '2026-10-14 09:15 | Alert', position: { line: 8, column: 1 } })
    ])
    expect(epochs(entries)).toEqual([utc(2026, 10, 14, 9, 2), utc(2026, 10, 14, 9, 15)])
  })

  it('reads separate Date and Time columns', () => {
    const text = [
      '# T',
      '',
      '## Timeline',
      '',
      'All times in CET',
      '',
      '| Date | Time | Event |',
      '| --- | --- | --- |',
      '| 2026-10-14 | 09:02 | Loop starts |',
      '|  | 09:15 | Alert |',
      '| 2026-10-15 | 10:00 | Postmortem |',
      ''
    ].join('\n')
    const entries = timelineOf(text)
    expect(epochs(entries)).toEqual([utc(2026, 10, 14, 8, 2), utc(2026, 10, 14, 8, 15), utc(2026, 10, 15, 9, 0)])
    expect(entries.map((e) => e.timestamp?.dateInferred)).toEqual([false, true, false])
    expect(entries[1]?.text).toBe('09:15 | Alert')
  })

  it('keeps rows without a timestamp, and skips empty rows', () => {
    const entries = timelineOf('# T\n\n## Timeline\n\n| When | What |\n|---|---|\n| later | x |\n| | |\n| 2026-10-14 | y |\n')
    expect(entries.map((e) => [e.text, e.timestamp?.date])).toEqual([
      ['later | x', undefined],
      ['2026-10-14 | y', '2026-10-14']
    ])
  })
})

describe('timeline: headings', () => {
  const text = [
    '# 2018-02-12, Hub Launch Fail', // 1
    '',
    '## Timeline',
    '',
    'All times in PST',
    '',
    '### 2018-02-12 14:03', // 7
    '',
    'We noticed.',
    '',
    '- not an entry: a bullet under a timestamped heading',
    '',
    '### 14:08', // 13
    '',
    'We deleted the pods.',
    '',
    '### Aftermath', // 17
    '',
    '- 14:30 a list entry again',
    ''
  ].join('\n')
  const entries = timelineOf(text)

  it('reads timestamped headings as entries, and their bullets as their content', () => {
    expect(entries.map((e) => [e.form, e.text, e.position.line])).toEqual([
      ['heading', '2018-02-12 14:03', 7],
      ['heading', '14:08', 13],
      ['list', '14:30 a list entry again', 19]
    ])
  })

  it('carries the date and the zone to `### 14:08`', () => {
    expect(entries[1]?.timestamp).toEqual({
      raw: '14:08',
      date: '2018-02-12',
      time: '14:08',
      dateInferred: true,
      effectiveZone: 'PST',
      epochMs: utc(2018, 2, 12, 22, 8)
    })
  })

  it('reads 12-hour headings', () => {
    const pm = timelineOf('# Report\n\n- Date: 2025-08-12\n\n## Timeline (times in BST)\n\n### 5:00 PM\nDeclared\n\n### 5:02 PM\n\n### 11:59 PM\n\n### 12:10 AM\n')
    expect(pm.map((e) => e.timestamp?.time)).toEqual(['17:00', '17:02', '23:59', '00:10'])
    expect(epochs(pm)).toEqual([utc(2025, 8, 12, 16), utc(2025, 8, 12, 16, 2), utc(2025, 8, 12, 22, 59), utc(2025, 8, 12, 23, 10)])
  })

  it('reads `Sep 27 2017 13:06` headings', () => {
    const pm = timelineOf('# T\n\n## Timeline\n\nAll times in PDT\n\n### Sep 27 2017 13:06\n\n### 13:35\n')
    expect(epochs(pm)).toEqual([utc(2017, 9, 27, 20, 6), utc(2017, 9, 27, 20, 35)])
  })

  it('keeps `## May 12` day headings inside the timeline', () => {
    const pm = parsePostmortem(
      '# Incident report May 12 2025\n\n## Timeline\n\n_All times in EEST_\n\n## May 12\n\n### 20:15\n\n### 23:00\n\n### 00:40\n\n## 13 May\n\n### 14:30\n\n## Action Items\n',
      'pm.md'
    )
    expect(pm.sections.map((s) => s.heading.text)).toEqual(['Timeline', 'Action Items'])
    expect(pm.timeline.map((e) => [e.text, e.timestamp?.date, e.timestamp?.time])).toEqual([
      ['May 12', '2025-05-12', undefined],
      ['20:15', '2025-05-12', '20:15'],
      ['23:00', '2025-05-12', '23:00'],
      ['00:40', '2025-05-13', '00:40'],
      ['13 May', '2025-05-13', undefined],
      ['14:30', '2025-05-13', '14:30']
    ])
    expect(pm.timeline[1]?.timestamp?.epochMs).toBe(utc(2025, 5, 12, 17, 15))
  })

  it('only treats date headings as days right after the timeline', () => {
    const pm = parsePostmortem('# T\n\n## Summary\n\n## 2026-10-14 review\n', 'pm.md')
    expect(pm.sections.map((s) => s.heading.text)).toEqual(['Summary', '2026-10-14 review'])
  })
})

describe('timeline: where time-only entries get their date', () => {
  const body = '## Timeline\n\n### 09:00\n'

  it('from the metadata date', () => {
    expect(timelineOf(`# Title\n\n- Date: 2026-10-14\n\n${body}`)[0]?.timestamp?.date).toBe('2026-10-14')
  })

  it('else from a date in the title', () => {
    expect(timelineOf(`# Incident report August 12 2025 - LEAP\n\n${body}`)[0]?.timestamp?.date).toBe('2025-08-12')
  })

  it('else from a date in the file name', () => {
    expect(timelineOf(`# Title\n\n${body}`, 'docs/2018-02-12-launch-fail.md')[0]?.timestamp?.date).toBe('2018-02-12')
  })

  it('else not at all: the heading is not an entry', () => {
    expect(timelineOf(`# Title\n\n${body}`, 'docs/PM-1.md')).toEqual([])
  })

  it('prefers the metadata date over the title', () => {
    expect(timelineOf(`# 2020-01-01 outage\n\n- Date: 2026-10-14\n\n${body}`)[0]?.timestamp?.date).toBe('2026-10-14')
  })
})

describe('timeline: mixed forms and duplicates', () => {
  it('reads all three forms in one timeline, in document order', () => {
    const text = [
      '# T',
      '',
      '- Date: 2026-10-14',
      '',
      '## Timeline',
      '',
      'All times in UTC',
      '',
      '- 09:00 list entry',
      '',
      '| Time | Event |',
      '|---|---|',
      '| 09:10 | table entry |',
      '',
      '### 09:20 heading entry',
      ''
    ].join('\n')
    const entries = timelineOf(text)
    expect(entries.map((e) => [e.form, e.position.line])).toEqual([
      ['list', 9],
      ['table', 13],
      ['heading', 15]
    ])
    expect(epochs(entries)).toEqual([utc(2026, 10, 14, 9), utc(2026, 10, 14, 9, 10), utc(2026, 10, 14, 9, 20)])
  })

  it('reads every Timeline section when it is duplicated', () => {
    const entries = timelineOf('# T\n\n## Timeline\n\n- 2026-10-14 09:00 UTC a\n\n## Summary\n\n## timeline\n\n- 2026-10-14 10:00 UTC b\n')
    expect(entries.map((e) => e.text)).toEqual(['2026-10-14 09:00 UTC a', '2026-10-14 10:00 UTC b'])
  })

  it('ignores timestamps outside the Timeline section', () => {
    expect(timelineOf('# T\n\n## Summary\n\n- 2026-10-14 09:00 UTC a\n')).toEqual([])
  })
})

describe('disable comments and ignored lines', () => {
  it('collects rule ids from disable comments', () => {
    const pm = parsePostmortem('<!-- reliability-loop-disable PM009 PM005 -->\n# T\n\n## Summary\n\ntext <!-- reliability-loop-disable pm003, PM001 -->\n', 'pm.md')
    expect(pm.disabledRules).toEqual(['PM009', 'PM005', 'PM003', 'PM001'])
    expect(pm.title?.text).toBe('T')
  })

  it('ignores disable comments in code', () => {
    const pm = parsePostmortem('# T\n\n```\n<!-- reliability-loop-disable PM009 -->\n```\n\n    <!-- reliability-loop-disable PM008 -->\n', 'pm.md')
    expect(pm.disabledRules).toEqual([])
  })

  it('marks fenced code, indented code and HTML comment lines as ignored', () => {
    const pm = parsePostmortem('# T\n\n```\ncode\n```\n\ntext\n\n    indented\n\n<!--\nmulti\n-->\n', 'pm.md')
    expect([...pm.ignoredLines].sort((a, b) => a - b)).toEqual([3, 4, 5, 9, 11, 12, 13])
  })
})

describe('model shape', () => {
  it('is plain data apart from the ignored-lines set', () => {
    const pm: Postmortem = parsePostmortem(TEMPLATE, 'pm.md')
    const { ignoredLines, ...rest } = pm
    expect(ignoredLines).toBeInstanceOf(Set)
    expect(JSON.parse(JSON.stringify(rest))).toEqual(rest)
  })

  it('does not share state between calls', () => {
    const first = parsePostmortem(TEMPLATE, 'a.md')
    first.problems.push({ message: 'x', position: { line: 1, column: 1 } })
    first.metadata.owners.pop()
    const second = parsePostmortem(TEMPLATE, 'b.md')
    expect(second.problems).toEqual([])
    expect(second.metadata.owners).toHaveLength(2)
  })
})
