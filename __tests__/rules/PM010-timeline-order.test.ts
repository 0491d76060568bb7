import { timelineOrderRule } from '../../src/lint/rules/PM010-timeline-order.js'
import { VALID_POSTMORTEM, check, postmortem, summarize } from './helpers.js'

/** Timeline heading on line 5 (Date on line 3), entries from line 6. */
const timeline = (...lines: string[]): string =>
  ['# Incident PM-42: Router loop', '', '- Date: 2026-10-14', '', '## Timeline', ...lines, '', '## Root Cause', '', 'x', ''].join('\n')
const ORDER = 'put entries in chronological order.'

describe('PM010 timeline-order', () => {
  test('passes timestamped entries in order', () => {
    expect(check(timelineOrderRule, postmortem())).toEqual([])
    expect(check(timelineOrderRule, VALID_POSTMORTEM)).toEqual([])
  })

  test('passes time-only entries that take their date from earlier entries, across midnight', () => {
    expect(check(timelineOrderRule, timeline('- 2026-10-14 22:50 UTC — alert', '- 23:40 — page', '- 00:10 — rollback', '- 2026-10-15 — review'))).toEqual([])
  })

  test('passes zoned entries in order as instants even when their wall-clock times are not', () => {
    expect(check(timelineOrderRule, timeline('- 2026-10-14 10:00 +02:00 — alert', '- 2026-10-14 08:30 UTC — page'))).toEqual([])
  })

  test('reports an out-of-order entry with both timestamps', () => {
    expect(summarize(check(timelineOrderRule, timeline('- 2026-10-14 09:02 UTC — alert', '- 2026-10-14 08:55 UTC — deploy', '- 2026-10-14 09:30 UTC — rollback')))).toEqual([
      `7:1 Timeline entry at 2026-10-14 08:55 UTC comes after 2026-10-14 09:02 UTC; ${ORDER}`
    ])
  })

  test('compares a date-only entry by date alone', () => {
    const text = timeline('- 2026-10-14 14:40 — servers terminated', '- 2026-10-14 — library published', '- 2026-10-15 — evaluated', '- 2026-10-13 — vulnerability disclosed')
    expect(summarize(check(timelineOrderRule, text))).toEqual([`9:1 Timeline entry at 2026-10-13 comes after 2026-10-15; ${ORDER}`])
  })

  test('reports a timed entry dated before an earlier date-only entry', () => {
    expect(summarize(check(timelineOrderRule, timeline('- 2026-10-15 — review', '- 2026-10-14 09:00 — alert')))).toEqual([
      `7:1 Timeline entry at 2026-10-14 09:00 comes after 2026-10-15; ${ORDER}`
    ])
  })

  test('checks table rows, with date and time in one or two columns', () => {
    const text = timeline(
      '| Date | Time | Event |',
      '| --- | --- | --- |',
      '| 2026-10-14 | 15:50 | scan |',
      '| 2026-10-14 | 14:30 | call |'
    )
    expect(summarize(check(timelineOrderRule, text))).toEqual([`9:1 Timeline entry at 2026-10-14 14:30 comes after 2026-10-14 15:50; ${ORDER}`])
  })

  test('reports an entry without a timestamp', () => {
    expect(summarize(check(timelineOrderRule, timeline('- 2026-10-14 09:02 UTC — alert', '- The on-call engineer joined')))).toEqual([
      '7:1 Timeline entry "The on-call engineer joined" has no timestamp; start it with one, e.g. "2026-10-14 09:02 UTC — …".'
    ])
  })

  test('says when an entry gives a time but no date is known', () => {
    const text = ['# Incident PM-42: x', '', '## Timeline', '- 09:02 — alert fired', ''].join('\n')
    expect(summarize(check(timelineOrderRule, text))).toEqual([
      '4:1 Timeline entry "09:02 — alert fired" gives a time but no date; give the date once, e.g. "2026-10-14 09:02 UTC — …" on the first entry (later entries may give just the time).'
    ])
  })

  test('reports a date or time that is not real', () => {
    expect(summarize(check(timelineOrderRule, timeline('- 2026-02-30 10:00 — alert', '- 2026-10-14 25:10 — page')))).toEqual([
      '6:1 Timeline entry "2026-02-30 10:00" is not a real date/time; write a real one as YYYY-MM-DD HH:MM, e.g. 2026-10-14 09:02 UTC.',
      '7:1 Timeline entry "2026-10-14 25:10" is not a real date/time; write a real one as YYYY-MM-DD HH:MM, e.g. 2026-10-14 09:02 UTC.'
    ])
  })

  test('ignores lists outside the Timeline section', () => {
    expect(check(timelineOrderRule, ['# Incident PM-42: x', '', '## Summary', '- no timestamp here', '- 2026-10-14 — x', '- 2026-10-13 — y', ''].join('\n'))).toEqual([])
  })
})
