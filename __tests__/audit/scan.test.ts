// The sampling pass's decisions, without any bytes: the period from the first event or the path, the
// agent, and the flagged notes, with the answer known as early as possible.
import { describe, expect, it } from '@jest/globals'
import { createScanner, type ScanOptions } from '../../src/audit/scan.js'
import { defaultAuditConfig } from '../../src/config/audit.js'

const options = (extra: Partial<ScanOptions> = {}): ScanOptions => ({
  path: 'logs/missions/m.ndjson',
  fields: defaultAuditConfig().fields,
  maxLineBytes: 1 << 20,
  period: '2026-10',
  flagged: /error|policy/i,
  ...extra
})

describe('createScanner', () => {
  it('looks for the notes key, as the reader must find it in a line', () => {
    expect(createScanner(options()).needle).toBe('notes"')
    expect(createScanner(options({ fields: { ...defaultAuditConfig().fields, notes: 'meta.flags' } })).needle).toBe('flags"')
  })

  it('is done after the first event of another period, or without the flagged stratum', () => {
    const other = createScanner(options())
    expect(other.first({ ts: '2026-09-30T23:59:59Z', agent: 'support' })).toBe(true)
    expect(other.result()).toEqual({ date: { period: '2026-09', day: '2026-09-30' }, dateFrom: 'event', agent: 'support', flagged: false })
    const unflagged = createScanner(options({ flagged: undefined }))
    expect(unflagged.first({ ts: '2026-10-02T08:00:00Z' })).toBe(true)
  })

  it('reads on in the period until an event is flagged', () => {
    const s = createScanner(options())
    expect(s.first({ ts: '2026-10-02T08:00:00Z' })).toBe(false)
    expect(s.next({ notes: 'tone: curt' })).toBe(false)
    expect(s.next({ notes: 'Policy violation: refund' })).toBe(true)
    expect(s.result()).toMatchObject({ date: { period: '2026-10' }, flagged: true })
  })

  it('falls back to the date in the path when there is no first event', () => {
    const s = createScanner(options({ path: 'logs/2026-10-03.ndjson' }))
    expect(s.first(undefined)).toBe(true)
    expect(s.result()).toEqual({ date: { period: '2026-10', day: '2026-10-03' }, dateFrom: 'path', flagged: false })
  })
})
