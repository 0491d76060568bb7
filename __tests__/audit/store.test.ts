// The score records: their key, what counts as one of ours, and de-duplication.
import { describe, expect, it } from '@jest/globals'
import { formatRecords, newRecords, recordKey, recordOf, storeFilePath, type AuditRecord } from '../../src/audit/store.js'

const record = (over: Partial<AuditRecord> = {}): AuditRecord => ({
  period: '2026-10',
  seed: 's',
  transcript: 'logs/m.ndjson',
  sha256: 'a'.repeat(64),
  rubric_version: 'v1',
  scorer: 'rules',
  model: null,
  stratum: 'random',
  scores: { tone: 5 },
  reasons: { tone: 'fine' },
  scored_at: '2026-11-01T00:00:00.000Z',
  ...over
})

describe('the store', () => {
  it('keys a record on period, seed, content hash, rubric version and scorer — not on path or time', () => {
    const base = recordKey(record())
    expect(recordKey(record({ transcript: 'logs/moved.ndjson', scored_at: '2027-01-01T00:00:00Z', scores: { tone: 1 }, model: 'x' }))).toBe(base)
    for (const change of [{ period: '2026-11' }, { seed: 't' }, { sha256: 'b'.repeat(64) }, { rubric_version: 'v2' }, { scorer: 'llm' as const }]) {
      expect(recordKey(record(change))).not.toBe(base)
    }
  })

  it('appends only records whose key is neither stored nor earlier in the batch', () => {
    const stored = new Set([recordKey(record())])
    const fresh = record({ sha256: 'c'.repeat(64) })
    expect(newRecords([record(), fresh, { ...fresh, scored_at: 'later' }, record({ scorer: 'human' })], stored)).toEqual([fresh, record({ scorer: 'human' })])
    expect(newRecords([], stored)).toEqual([])
  })

  it('writes one JSON line per record and reads its own lines back', () => {
    const text = formatRecords([record(), record({ scorer: 'llm', model: 'm', scores: { tone: null } })])
    const lines = text.split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[2]).toBe('')
    expect(lines.slice(0, 2).map((l) => recordOf(JSON.parse(l)))).toEqual([record(), record({ scorer: 'llm', model: 'm', scores: { tone: null } })])
  })

  it('does not take other lines for records', () => {
    for (const value of [null, 3, [], { period: '2026-10' }, { ...record(), scorer: 'magic' }, { ...record(), scores: { tone: '5' } }, { ...record(), scores: [] }]) {
      expect(recordOf(value)).toBeUndefined()
    }
  })

  it('keeps one file per period under the output directory', () => {
    expect(storeFilePath('reliability/audits', '2026-10')).toBe('reliability/audits/2026-10.ndjson')
  })
})
