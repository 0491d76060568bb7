import { describe, expect, it } from '@jest/globals'
import { inPeriod, monthPeriod, PeriodError, resolvePeriod, shiftMonth } from '../../src/review/period.js'
import { formatDuration, parseInstant } from '../../src/review/timestamp.js'

const NOW = new Date('2026-11-27T12:00:00Z')

describe('resolvePeriod', () => {
  it('defaults to the previous calendar month in UTC', () => {
    expect(resolvePeriod({}, NOW)).toMatchObject({ label: '2026-10', title: 'October 2026', startMs: Date.parse('2026-10-01T00:00:00Z'), endMs: Date.parse('2026-11-01T00:00:00Z'), auditMonth: '2026-10' })
    // Just after midnight on 1 January, the previous month is last year's December.
    expect(resolvePeriod({}, new Date('2027-01-01T00:00:01Z')).label).toBe('2026-12')
    // 23:30 on 31 October in New York is already November in UTC: the period is October.
    expect(resolvePeriod({}, new Date('2026-10-31T23:30:00-04:00')).label).toBe('2026-10')
  })

  it('reads --month, leap years included', () => {
    const feb = resolvePeriod({ month: '2028-02' }, new Date('2028-03-02T00:00:00Z'))
    expect((feb.endMs - feb.startMs) / 86_400_000).toBe(29)
    expect(() => resolvePeriod({ month: '2026-13' }, NOW)).toThrow(PeriodError)
    expect(() => resolvePeriod({ month: '10/2026' }, NOW)).toThrow(/YYYY-MM/)
  })

  it('reads --since/--until as instants: dates are whole UTC days, --until inclusive', () => {
    const p = resolvePeriod({ since: '2026-10-01', until: '2026-10-15' }, NOW)
    expect(p).toMatchObject({ label: '2026-10-01_2026-10-15', startMs: Date.parse('2026-10-01T00:00:00Z'), endMs: Date.parse('2026-10-16T00:00:00Z'), auditMonth: '2026-10' })
    const zoned = resolvePeriod({ since: '2026-10-01T00:00:00+02:00', until: '2026-10-02T00:00:00+02:00' }, NOW)
    expect(zoned.startMs).toBe(Date.parse('2026-09-30T22:00:00Z'))
    expect(zoned.endMs).toBe(Date.parse('2026-10-01T22:00:00Z'))
    expect(resolvePeriod({ since: '2026-11-20' }, NOW).endMs).toBe(NOW.getTime())
  })

  it('refuses a period that has not started, and reviews the current one to date', () => {
    // NOW is 27 November 2026.
    expect(() => resolvePeriod({ month: '2027-01' }, NOW)).toThrow(PeriodError)
    expect(() => resolvePeriod({ month: '2027-01' }, NOW)).toThrow('--month 2027-01 has not started yet (it is 2026-11-27 12:00 UTC): review a period that has begun; the current month is reviewed to date')
    expect(() => resolvePeriod({ month: '2026-12' }, NOW)).toThrow(/has not started/)
    expect(() => resolvePeriod({ since: '2026-12-01' }, NOW)).toThrow(/--since 2026-12-01 has not started/)
    expect(() => resolvePeriod({ since: '2026-11-01', until: '2026-11-28' }, NOW)).toThrow('--until 2026-11-28 has not come yet (it is 2026-11-27 12:00 UTC): leave --until out to review up to now')
    expect(() => resolvePeriod({ since: '2026-11-01', until: '2026-11-28T00:00:01Z' }, NOW)).toThrow(/has not come yet/)
    const current = resolvePeriod({ month: '2026-11' }, NOW)
    expect(current).toEqual({ label: '2026-11', title: 'November 2026 (to date)', startMs: Date.parse('2026-11-01T00:00:00Z'), endMs: NOW.getTime(), auditMonth: '2026-11', toDate: true })
    // Today as the last day of a range: up to now.
    expect(resolvePeriod({ since: '2026-11-01', until: '2026-11-27' }, NOW)).toMatchObject({ label: '2026-11-01_2026-11-27', title: '2026-11-01 to 2026-11-27 (to date)', endMs: NOW.getTime(), toDate: true })
    // A month that has ended is unchanged.
    expect(resolvePeriod({ month: '2026-10' }, NOW).toDate).toBeUndefined()
  })

  it('rejects times without a zone, backwards ranges and mixed flags', () => {
    expect(() => resolvePeriod({ since: '2026-10-01T00:00:00' }, NOW)).toThrow(/no zone/)
    expect(() => resolvePeriod({ since: '2026-10-10', until: '2026-10-01' }, NOW)).toThrow(/after --since/)
    expect(() => resolvePeriod({ until: '2026-10-01' }, NOW)).toThrow(/needs --since/)
    expect(() => resolvePeriod({ month: '2026-10', days: 3 }, NOW)).toThrow(/one of/)
    expect(() => resolvePeriod({ since: 'yesterday' }, NOW)).toThrow(/date/)
  })

  it('reads --days as the last n days up to now', () => {
    const p = resolvePeriod({ days: 30 }, NOW)
    expect(p.endMs).toBe(NOW.getTime())
    expect(p.startMs).toBe(NOW.getTime() - 30 * 86_400_000)
    expect(p.label).toBe('2026-10-28_2026-11-27')
    expect(() => resolvePeriod({ days: 0 }, NOW)).toThrow(/1 or more/)
  })

  it('has an exclusive end and shifts months across years', () => {
    const oct = monthPeriod('2026-10')
    expect(inPeriod(Date.parse('2026-10-31T23:59:59.999Z'), oct)).toBe(true)
    expect(inPeriod(Date.parse('2026-11-01T00:00:00Z'), oct)).toBe(false)
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(shiftMonth('2026-10', -5)).toBe('2026-05')
  })
})

describe('parseInstant', () => {
  it('reads the common UTC form (with or without milliseconds) and still refuses days that do not exist', () => {
    expect(parseInstant('2026-10-14T09:02:00Z')).toEqual({ ms: Date.parse('2026-10-14T09:02:00Z'), zoned: true })
    expect(parseInstant('2028-02-29T23:59:59.123Z')).toEqual({ ms: Date.parse('2028-02-29T23:59:59.123Z'), zoned: true })
    // The same instants Date.parse gives, across years, months, leap days and the end of a day.
    for (let i = 0; i < 2000; i++) {
      const ms = Date.UTC(1970 + ((i * 7) % 400), (i * 5) % 12, 1 + ((i * 13) % 28), (i * 3) % 24, (i * 11) % 60, (i * 17) % 60, (i * 37) % 1000)
      const iso = new Date(ms).toISOString()
      expect(parseInstant(iso)?.ms).toBe(Date.parse(iso))
      expect(parseInstant(iso.replace(/\.\d{3}Z$/, 'Z'))?.ms).toBe(Date.parse(iso.replace(/\.\d{3}Z$/, 'Z')))
    }
    expect(parseInstant('0050-01-01T00:00:00Z')?.ms).toBe(Date.parse('0050-01-01T00:00:00Z'))
    for (const bad of ['2026-02-29T00:00:00Z', '2026-04-31T10:00:00Z', '2026-02-30T00:00:00.000Z', '2026-13-01T00:00:00Z', '2026-10-14T25:00:00Z', '2026-1x-14T09:02:00Z', '2026-10-14T09:60:00Z', '2026-10-14T09:02:00.1xZ']) expect(parseInstant(bad)).toBeUndefined()
  })

  it('compares instants, not strings: a later string can be an earlier instant', () => {
    const a = parseInstant('2026-10-14T10:00:00+02:00')
    const b = parseInstant('2026-10-14T09:30:00Z')
    expect(a?.ms).toBeLessThan(b?.ms as number)
    expect('2026-10-14T10:00:00+02:00' > '2026-10-14T09:30:00Z').toBe(true)
  })

  it('marks zone-less times and reads them as UTC; epochs are zoned', () => {
    expect(parseInstant('2026-10-14T09:00:00')).toEqual({ ms: Date.parse('2026-10-14T09:00:00Z'), zoned: false })
    expect(parseInstant('2026-10-14 09:00:00Z')).toEqual({ ms: Date.parse('2026-10-14T09:00:00Z'), zoned: true })
    expect(parseInstant(1_791_968_400)).toEqual({ ms: 1_791_968_400_000, zoned: true })
    expect(parseInstant(1_791_968_400_000)).toEqual({ ms: 1_791_968_400_000, zoned: true })
    expect(parseInstant('2026-10-14')).toEqual({ ms: Date.parse('2026-10-14T00:00:00Z'), zoned: true })
    expect(parseInstant('not a time')).toBeUndefined()
    expect(parseInstant('2026-02-30T10:00:00Z')).toBeUndefined()
    expect(parseInstant('2026-02-29T10:00:00Z')).toBeUndefined()
    expect(parseInstant('2024-02-29T10:00:00Z')?.ms).toBe(Date.parse('2024-02-29T10:00:00Z'))
    expect(parseInstant('2100-02-29')).toBeUndefined()
    expect(parseInstant('2000-02-29')?.ms).toBe(Date.parse('2000-02-29T00:00:00Z'))
    expect(parseInstant('2026-13-01T00:00:00Z')).toBeUndefined()
    expect(parseInstant('2026-00-10T00:00:00Z')).toBeUndefined()
    expect(parseInstant('2026-04-31')).toBeUndefined()
    expect(parseInstant(null)).toBeUndefined()
  })

  it('formats durations', () => {
    expect(formatDuration(7 * 60_000)).toBe('7 min')
    expect(formatDuration(95 * 60_000)).toBe('1 h 35 min')
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h')
  })
})
