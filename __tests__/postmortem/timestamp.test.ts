import {
  findDate,
  findZoneStatement,
  headingZone,
  isRealDate,
  parseIsoDate,
  parseLeadingTimestamp,
  zoneOffsetMinutes
} from '../../src/postmortem/timestamp.js'

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h, mi, s)

describe('parseLeadingTimestamp: ISO dates', () => {
  it.each([
    ['2026-10-14 09:02 UTC', utc(2026, 10, 14, 9, 2), 'UTC'],
    ['2026-10-14T09:02Z', utc(2026, 10, 14, 9, 2), 'Z'],
    ['2026-10-14T09:02:11+02:00', utc(2026, 10, 14, 7, 2, 11), '+02:00'],
    ['2026-10-14 09:02 +0200', utc(2026, 10, 14, 7, 2), '+0200'],
    ['2026-10-14 09:02 CET', utc(2026, 10, 14, 8, 2), 'CET'],
    ['2026-10-14 09:02 CEST', utc(2026, 10, 14, 7, 2), 'CEST'],
    ['2026-10-14 09:02 PST', utc(2026, 10, 14, 17, 2), 'PST'],
    ['2026-10-14 09:02 PDT', utc(2026, 10, 14, 16, 2), 'PDT'],
    ['2026-10-14 09:02 UTC+2', utc(2026, 10, 14, 7, 2), 'UTC+2'],
    ['2026-10-14 09:02 GMT-05:00', utc(2026, 10, 14, 14, 2), 'GMT-05:00'],
    ['2026-10-14 09:02 IST', utc(2026, 10, 14, 3, 32), 'IST'],
    ['2026-10-14T09:00-07:00', utc(2026, 10, 14, 16, 0), '-07:00']
  ])('%s → exact epoch in its zone', (text, epochMs, zone) => {
    const ts = parseLeadingTimestamp(text)
    expect(ts).toMatchObject({ date: '2026-10-14', zone, effectiveZone: zone, epochMs, dateInferred: false })
  })

  it('keeps the time as written, with optional seconds, and drops fractions', () => {
    expect(parseLeadingTimestamp('2026-10-14 09:02')).toMatchObject({ time: '09:02', raw: '2026-10-14 09:02' })
    expect(parseLeadingTimestamp('2026-10-14 09:02:33 UTC')).toMatchObject({ time: '09:02:33', epochMs: utc(2026, 10, 14, 9, 2, 33) })
    expect(parseLeadingTimestamp('2026-10-14T09:02:33.123Z')).toMatchObject({ time: '09:02:33', epochMs: utc(2026, 10, 14, 9, 2, 33) })
    expect(parseLeadingTimestamp('2026-10-14 9:02')).toMatchObject({ time: '09:02' })
    expect(parseLeadingTimestamp('2026-10-14, 09:02')).toMatchObject({ time: '09:02' })
  })

  it('assumes UTC when no zone is known, and says so by leaving the zone fields empty', () => {
    const ts = parseLeadingTimestamp('2026-10-14 09:02 Alert fired')
    expect(ts).toEqual({ raw: '2026-10-14 09:02', date: '2026-10-14', time: '09:02', dateInferred: false, epochMs: utc(2026, 10, 14, 9, 2) })
  })

  it('reads a date alone as midnight', () => {
    expect(parseLeadingTimestamp('2021-12-10 The Log4Shell vulnerability was published')).toEqual({
      raw: '2021-12-10',
      date: '2021-12-10',
      dateInferred: false,
      epochMs: utc(2021, 12, 10)
    })
  })

  it('does not take a capitalised word after the time for a zone', () => {
    const ts = parseLeadingTimestamp('2026-10-14 09:02 EKS upgrade started')
    expect(ts?.zone).toBeUndefined()
    expect(ts?.raw).toBe('2026-10-14 09:02')
  })

  it('reads `09:00-10:00` as a range starting at 09:00, not as UTC-10', () => {
    const ts = parseLeadingTimestamp('2026-10-14 09:00-10:00 maintenance window')
    expect(ts).toMatchObject({ time: '09:00', raw: '2026-10-14 09:00', epochMs: utc(2026, 10, 14, 9, 0) })
    expect(ts?.zone).toBeUndefined()
  })

  it('still reads an offset after a space as a zone', () => {
    expect(parseLeadingTimestamp('2026-10-14 09:00 -07:00')?.zone).toBe('-07:00')
  })

  it('keeps the shape but no epoch when the date or time is not real', () => {
    expect(parseLeadingTimestamp('2026-02-30 10:00')).toEqual({ raw: '2026-02-30 10:00', date: '2026-02-30', dateInferred: false })
    expect(parseLeadingTimestamp('2026-10-14 25:00')?.epochMs).toBeUndefined()
    expect(parseLeadingTimestamp('2026-10-14 10:61')?.epochMs).toBeUndefined()
    expect(parseLeadingTimestamp('2026-13-01')?.epochMs).toBeUndefined()
  })

  it('accepts leap days only in leap years', () => {
    expect(parseLeadingTimestamp('2024-02-29')?.epochMs).toBe(utc(2024, 2, 29))
    expect(parseLeadingTimestamp('2025-02-29')?.epochMs).toBeUndefined()
  })

  it('does not read a longer number or a version as a date', () => {
    expect(parseLeadingTimestamp('2026-10-145 x')).toBeUndefined()
    expect(parseLeadingTimestamp('2026-10-14-rollback')).toBeUndefined()
    expect(parseLeadingTimestamp('20202-01-16 12:00')).toBeUndefined()
    expect(parseLeadingTimestamp('2026')).toBeUndefined()
    expect(parseLeadingTimestamp('v1.2.3 released')).toBeUndefined()
  })

  it('skips emphasis, code and link brackets before the timestamp', () => {
    expect(parseLeadingTimestamp('**2026-10-14 09:02 UTC** alert')?.epochMs).toBe(utc(2026, 10, 14, 9, 2))
    expect(parseLeadingTimestamp('`2026-10-14 09:02`')?.time).toBe('09:02')
    expect(parseLeadingTimestamp('[2026-10-14 09:02](https://x)')?.time).toBe('09:02')
  })
})

describe('parseLeadingTimestamp: 12-hour clock', () => {
  const ctx = { lastDate: '2025-08-12' }
  it.each([
    ['5:00 PM', '17:00'],
    ['5:00PM', '17:00'],
    ['5:00 p.m.', '17:00'],
    ['12:05 PM', '12:05'],
    ['12:30 AM', '00:30'],
    ['11:39AM', '11:39'],
    ['07:30am - First report', '07:30'],
    // Redundant, not wrong: the hour already says afternoon.
    ['17:14pm', '17:14']
  ])('%s → %s', (text, time) => {
    expect(parseLeadingTimestamp(text, ctx)).toMatchObject({ time, date: '2025-08-12', dateInferred: true })
  })

  it('rejects hours the suffix contradicts', () => {
    expect(parseLeadingTimestamp('0:30 AM', ctx)).toBeUndefined()
    expect(parseLeadingTimestamp('17:14am', ctx)).toBeUndefined()
    expect(parseLeadingTimestamp('2018-01-17 17:14am')?.epochMs).toBeUndefined()
  })

  it('reads `2018-01-17 17:14pm` as a real time', () => {
    expect(parseLeadingTimestamp('2018-01-17 17:14pm')).toMatchObject({ time: '17:14', epochMs: utc(2018, 1, 17, 17, 14) })
  })
})

describe('parseLeadingTimestamp: month names', () => {
  it.each([
    ['Sep 27 2017 13:06', '2017-09-27', '13:06'],
    ['Sept. 27, 2017 13:06', '2017-09-27', '13:06'],
    ['September 27th, 2017 at 1:06 PM', '2017-09-27', '13:06'],
    ['July 11, 2025, 12:42 PM', '2025-07-11', '12:42'],
    ['27 September 2017 13:06', '2017-09-27', '13:06'],
    ['3rd Mar 2020', '2020-03-03', undefined]
  ])('%s', (text, date, time) => {
    const ts = parseLeadingTimestamp(text)
    expect(ts?.date).toBe(date)
    expect(ts?.time).toBe(time)
    expect(ts?.dateInferred).toBe(false)
  })

  it('gives `Sep 27 2017 13:06` its exact epoch in the stated zone', () => {
    expect(parseLeadingTimestamp('Sep 27 2017 13:06', { defaultZone: 'PDT' })?.epochMs).toBe(utc(2017, 9, 27, 20, 6))
  })

  it('does not read words that merely start like a month', () => {
    expect(parseLeadingTimestamp('Marching 3 2020 orders')).toBeUndefined()
    expect(parseLeadingTimestamp('Mayday 12 2020')).toBeUndefined()
    expect(parseLeadingTimestamp('Decided 5 2020')).toBeUndefined()
    expect(parseLeadingTimestamp('10 engineers 2020')).toBeUndefined()
  })

  it('rejects impossible days', () => {
    expect(parseLeadingTimestamp('Feb 30 2020')).toBeUndefined()
  })

  it('takes the year of a yearless day from the entry before', () => {
    const ctx = { lastDate: '2018-02-20' }
    expect(parseLeadingTimestamp('Feb 21, 13:00', ctx)).toMatchObject({ date: '2018-02-21', time: '13:00', dateInferred: true })
    expect(parseLeadingTimestamp('May 12', { lastDate: '2025-05-01' })).toMatchObject({ date: '2025-05-12', dateInferred: true })
    expect(parseLeadingTimestamp('15 May', { lastDate: '2025-05-14' })).toMatchObject({ date: '2025-05-15' })
  })

  it('picks the nearer year for a yearless day across New Year', () => {
    expect(parseLeadingTimestamp('Jan 2', { lastDate: '2025-12-31' })?.date).toBe('2026-01-02')
    expect(parseLeadingTimestamp('Dec 30', { lastDate: '2026-01-02' })?.date).toBe('2025-12-30')
    expect(parseLeadingTimestamp('Jul 30', { lastDate: '2026-01-02' })?.date).toBe('2026-07-30')
  })

  it('cannot date a yearless day without an earlier date', () => {
    expect(parseLeadingTimestamp('May 12')).toBeUndefined()
  })
})

describe('parseLeadingTimestamp: time-only entries', () => {
  it('takes the date of the entry before', () => {
    expect(parseLeadingTimestamp('14:08', { lastDate: '2018-02-12', defaultZone: 'PST' })).toEqual({
      raw: '14:08',
      date: '2018-02-12',
      time: '14:08',
      dateInferred: true,
      effectiveZone: 'PST',
      epochMs: utc(2018, 2, 12, 22, 8)
    })
  })

  it('is no timestamp when there is no date to take', () => {
    expect(parseLeadingTimestamp('14:08')).toBeUndefined()
  })

  it('continues on the next day when a list of times runs past midnight', () => {
    expect(parseLeadingTimestamp('00:10', { lastDate: '2026-10-14', lastTime: '23:50' })?.date).toBe('2026-10-15')
    expect(parseLeadingTimestamp('00:10', { lastDate: '2026-12-31', lastTime: '22:00' })?.date).toBe('2027-01-01')
    expect(parseLeadingTimestamp('09:10', { lastDate: '2026-10-14', lastTime: '08:50' })?.date).toBe('2026-10-14')
  })

  it('prefers its own zone, then the statement, then the zone the last entry named', () => {
    expect(parseLeadingTimestamp('10:00 CET', { lastDate: '2026-10-14', defaultZone: 'UTC', lastZone: 'PST' })?.epochMs).toBe(utc(2026, 10, 14, 9))
    expect(parseLeadingTimestamp('10:00', { lastDate: '2026-10-14', defaultZone: 'UTC', lastZone: 'PST' })?.epochMs).toBe(utc(2026, 10, 14, 10))
    expect(parseLeadingTimestamp('10:00', { lastDate: '2026-10-14', lastZone: 'PST' })).toMatchObject({
      effectiveZone: 'PST',
      epochMs: utc(2026, 10, 14, 18)
    })
  })

  it('reads `17:00-18:00` as a range', () => {
    const ts = parseLeadingTimestamp('17:00-18:00', { lastDate: '2018-02-20' })
    expect(ts).toMatchObject({ time: '17:00', raw: '17:00' })
    expect(ts?.zone).toBeUndefined()
  })

  it('rejects impossible times', () => {
    expect(parseLeadingTimestamp('24:00', { lastDate: '2026-10-14' })).toBeUndefined()
    expect(parseLeadingTimestamp('12:30:99', { lastDate: '2026-10-14' })).toBeUndefined()
    expect(parseLeadingTimestamp('1:2', { lastDate: '2026-10-14' })).toBeUndefined()
  })
})

describe('zones', () => {
  it.each([
    ['UTC', 0],
    ['z', 0],
    ['+05:30', 330],
    ['-0800', -480],
    ['UTC+1', 60],
    ['GMT-5', -300],
    ['cet', 60],
    ['BST', 60],
    ['EEST', 180]
  ])('%s is %d minutes', (zone, minutes) => {
    expect(zoneOffsetMinutes(zone)).toBe(minutes)
  })

  it.each(['XYZ', '+15:00', '+02:60', 'UTC+'])('%s is not a zone', (zone) => {
    expect(zoneOffsetMinutes(zone)).toBeUndefined()
  })

  it.each([
    ['All times in PST', 'PST'],
    ['All times in UTC.', 'UTC'],
    ['_All times in EEST_', 'EEST'],
    ['(times in BST)', 'BST'],
    ['Times are in pdt', 'PDT'],
    ['Timestamps are UTC', 'UTC'],
    ['All times in UTC+1', 'UTC+1'],
    ['All times in CET (GMT+1)', 'CET'],
    ['Response time in the office was slow; all times in CET', 'CET']
  ])('finds the statement in %j', (text, zone) => {
    expect(findZoneStatement(text)).toBe(zone)
  })

  it.each(['All times in UC/Pacific', 'Timeline', 'the time in question', 'times in XYZ'])('finds none in %j', (text) => {
    expect(findZoneStatement(text)).toBeUndefined()
  })

  it('reads a zone a timeline heading states, bare or as a statement', () => {
    expect(headingZone('Timeline (UTC)')).toBe('UTC')
    expect(headingZone('Timeline (times in BST)')).toBe('BST')
    expect(headingZone('Timeline (+02:00)')).toBe('+02:00')
    expect(headingZone('Timeline (draft)')).toBeUndefined()
    expect(headingZone('Timeline')).toBeUndefined()
  })
})

describe('dates', () => {
  it('checks calendar dates', () => {
    expect(isRealDate(2024, 2, 29)).toBe(true)
    expect(isRealDate(2100, 2, 29)).toBe(false)
    expect(isRealDate(2026, 4, 31)).toBe(false)
    expect(isRealDate(2026, 0, 1)).toBe(false)
    expect(parseIsoDate(' 2026-10-14 ')).toBe('2026-10-14')
    expect(parseIsoDate('2026-10-14 09:00')).toBeUndefined()
    expect(parseIsoDate('14/10/2026')).toBeUndefined()
  })

  it.each([
    ['Incident report August 12 2025 - LEAP hub outage', '2025-08-12'],
    ['2018-02-12, Hub Launch Fail', '2018-02-12'],
    ['2018-02-12-launch-fail.md', '2018-02-12'],
    ['Outage on 3 March 2024', '2024-03-03'],
    ['PM2021-011 - Log4Shell.md', undefined],
    ['2026-02-30 never happened, but 2026-03-01 did', '2026-03-01'],
    ['Tool router looped', undefined]
  ])('finds the date in %j', (text, date) => {
    expect(findDate(text)).toBe(date)
  })
})

describe('European day-first dates', () => {
  it('reads "19. April, 11:00" with the year of the entry before', async () => {
    const { parseLeadingTimestamp } = await import('../../src/postmortem/timestamp.js')
    const ts = parseLeadingTimestamp('19. April, 11:00', { lastDate: '2018-04-18', lastTime: '19:47' })
    expect(ts).toEqual(expect.objectContaining({ date: '2018-04-19', time: '11:00' }))
  })
})
