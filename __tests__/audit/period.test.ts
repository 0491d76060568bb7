import { describe, expect, it } from '@jest/globals'
import { dateInPath, dateOfTimestamp, isPeriod, previousPeriod } from '../../src/audit/period.js'

describe('periods', () => {
  it('accepts YYYY-MM only', () => {
    expect(['2026-10', '1999-01', '2026-12'].every(isPeriod)).toBe(true)
    expect(['2026-13', '2026-1', '26-10', '2026-10-01', ''].some(isPeriod)).toBe(false)
  })

  it('defaults to the previous month in UTC', () => {
    expect(previousPeriod(new Date('2026-11-27T12:00:00Z'))).toBe('2026-10')
    expect(previousPeriod(new Date('2027-01-01T00:00:00Z'))).toBe('2026-12')
    // 23:30 on 31 October in New York is already November in UTC.
    expect(previousPeriod(new Date('2026-10-31T23:30:00-04:00'))).toBe('2026-10')
  })

  it('dates a timestamp in UTC', () => {
    expect(dateOfTimestamp('2026-10-14T09:37:05.000Z')).toEqual({ period: '2026-10', day: '2026-10-14' })
    expect(dateOfTimestamp('2026-10-31T22:00:00-05:00')).toEqual({ period: '2026-11', day: '2026-11-01' })
    expect(dateOfTimestamp(1792000000)).toEqual({ period: '2026-10', day: '2026-10-14' })
    expect(dateOfTimestamp(1792000000000)).toEqual({ period: '2026-10', day: '2026-10-14' })
    for (const bad of ['yesterday', '', '10/14/2026', null, undefined, {}, -5, Number.NaN]) expect(dateOfTimestamp(bad)).toBeUndefined()
  })

  it('finds the last date written in a path', () => {
    expect(dateInPath('logs/missions/2026-10-14-mission-1182.ndjson')).toEqual({ period: '2026-10', day: '2026-10-14' })
    expect(dateInPath('logs/missions/2026-10/mission-1201.ndjson')).toEqual({ period: '2026-10' })
    expect(dateInPath('logs/2026/10/03/m.ndjson.gz')).toEqual({ period: '2026-10', day: '2026-10-03' })
    expect(dateInPath('logs/2025-01/20261002-m.ndjson')).toEqual({ period: '2026-10', day: '2026-10-02' })
    expect(dateInPath('logs/missions/mission-1201.ndjson')).toBeUndefined()
    expect(dateInPath('logs/missions/mission-2031.ndjson')).toBeUndefined()
  })
})
