// Placing one incident from its first and last records; detection from the start, resolution from the end.
import { describe, expect, it } from '@jest/globals'
import { defaultReviewConfig } from '../../src/config/review.js'
import { detectionFromStart, firstRecordNeeded, placeIncident, resolutionFromEnd, type TimelineRecord } from '../../src/review/incidents.js'
import { monthPeriod } from '../../src/review/period.js'

const settings = defaultReviewConfig().incidents
const OCT = monthPeriod('2026-10')
const ends = (first: object, last: object) => ({ path: 'i.ndjson', size: 100, first: { value: first, line: 1 }, last: { value: last }, problems: [] })

async function* from<T>(items: T[], seen?: T[]): AsyncGenerator<T> {
  for (const item of items) {
    seen?.push(item)
    yield item
  }
}

describe('placeIncident', () => {
  it('uses the last record\'s milestones without asking for the timeline', () => {
    const last = { ts: '2026-10-02T00:00:00Z', id: 'A', status: 'Resolved', severity: 'Sev2', started_at: '2026-10-01T10:00:00Z', detected_at: '2026-10-01T10:05:00Z', resolved_at: '2026-10-01T12:00:00Z' }
    const placed = placeIncident(ends({ ts: '2026-10-01T10:00:00Z', id: 'A' }, last), settings, OCT)
    expect(placed).toMatchObject({ needsDetection: false, needsResolution: false, notes: [] })
    expect(placed.incident).toMatchObject({ resolved: true, startedMs: Date.parse('2026-10-01T10:00:00Z'), detectedMs: Date.parse('2026-10-01T10:05:00Z'), resolvedMs: Date.parse('2026-10-01T12:00:00Z') })
  })

  it('needs the first record only when the last lacks a start time, an id or a title', () => {
    const full = { ts: '2026-10-02T00:00:00Z', id: 'A', title: 'Loop', status: 'open', started_at: '2026-10-01T10:00:00+02:00' }
    expect(firstRecordNeeded(full, settings)).toBe(false)
    expect(firstRecordNeeded({ ...full, started_at: 'soon' }, settings)).toBe(true)
    expect(firstRecordNeeded({ ...full, id: ' ' }, settings)).toBe(true)
    expect(firstRecordNeeded({ ...full, title: undefined }, settings)).toBe(true)
    expect(firstRecordNeeded([full], settings)).toBe(true)
    // Without the first record, the last one stands in for it.
    const placed = placeIncident({ path: 'i.ndjson', size: 100, last: { value: full }, firstNotNeeded: true, problems: [] }, settings, OCT)
    expect(placed.notes).toEqual([expect.objectContaining({ message: 'incident A spans the period boundary: it is still open at the end of the period' })])
    expect(placed.incident).toMatchObject({ id: 'A', title: 'Loop', startedMs: Date.parse('2026-10-01T08:00:00Z') })
  })

  it('does not need the first record of an incident resolved before the period: it is out whenever it started', () => {
    const last = { ts: '2026-09-20T00:00:00Z', id: 'A', title: 'Loop', status: 'resolved' }
    expect(firstRecordNeeded(last, settings)).toBe(true)
    expect(firstRecordNeeded(last, settings, OCT)).toBe(false)
    // resolved_at decides over the last record's time.
    expect(firstRecordNeeded({ ...last, ts: '2026-10-02T00:00:00Z', resolved_at: '2026-09-30T23:00:00Z' }, settings, OCT)).toBe(false)
    expect(firstRecordNeeded({ ...last, resolved_at: '2026-10-01T00:00:00Z' }, settings, OCT)).toBe(true)
    // Resolved in the period, still open, or without a time: the start decides, so the first record is read.
    expect(firstRecordNeeded({ ...last, ts: '2026-10-02T00:00:00Z' }, settings, OCT)).toBe(true)
    expect(firstRecordNeeded({ ...last, status: 'investigating' }, settings, OCT)).toBe(true)
    expect(firstRecordNeeded({ ...last, ts: 'yesterday' }, settings, OCT)).toBe(true)
    // Placed without it, the incident is out of the period, as it would be with it.
    expect(placeIncident({ path: 'i.ndjson', size: 100, last: { value: last }, firstNotNeeded: true, problems: [] }, settings, OCT).incident).toBeUndefined()
  })

  it('leaves out incidents resolved before the period or started after it', () => {
    expect(placeIncident(ends({ ts: '2026-09-01T00:00:00Z', id: 'A' }, { ts: '2026-09-02T00:00:00Z', id: 'A', status: 'resolved' }), settings, OCT).incident).toBeUndefined()
    expect(placeIncident(ends({ ts: '2026-11-01T00:00:00Z', id: 'A' }, { ts: '2026-11-02T00:00:00Z', id: 'A', status: 'open' }), settings, OCT).incident).toBeUndefined()
    // Open since August: still an incident of October, spanning its start and end.
    const open = placeIncident(ends({ ts: '2026-08-01T00:00:00Z', id: 'A' }, { ts: '2026-08-02T00:00:00Z', id: 'A', status: 'investigating' }), settings, OCT)
    expect(open.incident).toMatchObject({ spansStart: true, spansEnd: true, resolved: false })
    // Its last record has no detected_at: detection is read from the start of its timeline.
    expect(open).toMatchObject({ needsDetection: true, needsResolution: false })
  })
})

describe('detection and resolution from the timeline', () => {
  it('stops reading at the first detected record', async () => {
    const seen: TimelineRecord[] = []
    const records: TimelineRecord[] = [
      { line: 1, value: { ts: '2026-10-01T10:00:00Z', status: 'triggered' } },
      { line: 2, problem: 'invalid JSON: x' },
      { line: 3, value: { ts: '2026-10-01T10:07:00Z', status: 'Acknowledged' } },
      { line: 4, value: { ts: '2026-10-01T10:09:00Z', status: 'investigating' } }
    ]
    const found = await detectionFromStart(from(records, seen), settings, 'i.ndjson')
    expect(found.detectedMs).toBe(Date.parse('2026-10-01T10:07:00Z'))
    expect(found.notes).toEqual([{ source: 'incidents', path: 'i.ndjson', line: 2, message: 'invalid JSON: x' }])
    expect(seen).toHaveLength(3)
  })

  it('takes the last resolution of a reopened incident, reading back only through it', async () => {
    const seen: object[] = []
    const backwards = [
      { value: { ts: '2026-10-03T12:00:00Z', status: 'closed' } },
      { value: { ts: '2026-10-03T11:00:00Z', status: 'resolved' } },
      { value: { ts: '2026-10-03T09:00:00Z', status: 'reopened' } },
      { value: { ts: '2026-10-02T09:00:00Z', status: 'resolved' } }
    ]
    expect(await resolutionFromEnd(from(backwards, seen), settings)).toEqual({ resolvedMs: Date.parse('2026-10-03T11:00:00Z') })
    expect(seen).toHaveLength(3)
  })
})
