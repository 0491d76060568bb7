import { describe, expect, it } from '@jest/globals'
import { actionItemRows, auditRows, recordId, rowProblems } from '../../src/export/rows.js'
import { planExport } from '../../src/export/plan.js'
import type { AuditDimension } from '../../src/config/types.js'

const dims: AuditDimension[] = [
  { name: 'accuracy', description: '', scale: '1-5', threshold: 4, scorer: 'rules', rules: [] },
  { name: 'policy', description: '', scale: '0-1', threshold: 1, scorer: 'rules', rules: [] }
]
const record = (over: Record<string, unknown> = {}) => ({
  period: '2026-10', seed: 's', transcript: 'logs/a.ndjson', sha256: 'abc', rubric_version: 'v1', scorer: 'rules', model: null,
  stratum: 'random', scores: { accuracy: 5, policy: 0 }, reasons: { policy: 'PII' }, scored_at: '2026-10-31T10:00:00Z', ...over
})

describe('auditRows', () => {
  it('makes one row per dimension with pass, normalised score and a stable id', () => {
    const out = auditRows('acme/agents', 'reliability/audits/2026-10.ndjson', [{ line: 1, value: record() }], dims)
    expect(out.problems).toEqual([])
    expect(out.rows).toHaveLength(2)
    const accuracy = out.rows.find((r) => r.dimension === 'accuracy')!
    expect(accuracy).toMatchObject({ score: 5, score_normalised: 1, pass: true, stratum: 'random', scored_at: '2026-10-31T10:00:00.000Z' })
    const policy = out.rows.find((r) => r.dimension === 'policy')!
    expect(policy).toMatchObject({ score: 0, score_normalised: 0, pass: false, reason: 'PII' })
    expect(accuracy.record_id).toBe(recordId('acme/agents', '2026-10', 's', 'abc', 'v1', 'rules', 'accuracy'))
  })
  it('loads a record duplicated by key once', () => {
    const out = auditRows('r', 'f', [{ line: 1, value: record() }, { line: 2, value: record() }], dims)
    expect(out.rows).toHaveLength(2)
  })
  it('reports unreadable lines and foreign records with file and line, and leaves them out', () => {
    const out = auditRows('r', 'reliability/audits/2026-10.ndjson', [{ line: 3, problem: 'not JSON' }, { line: 4, value: { hello: 1 } }, { line: 5, value: record({ scored_at: 'yesterday' }) }], dims)
    expect(out.problems.map((p) => [p.source, p.line])).toEqual([['reliability/audits/2026-10.ndjson', 3], ['reliability/audits/2026-10.ndjson', 4]])
    // A bad timestamp is no reason to lose the score: it is loaded without one.
    expect(out.rows.every((r) => r.scored_at === null)).toBe(true)
  })
  it('a dimension no longer in the rubric has no pass verdict', () => {
    const out = auditRows('r', 'f', [{ line: 1, value: record({ scores: { tone: 0.5 } }) }], dims)
    expect(out.rows[0]).toMatchObject({ dimension: 'tone', pass: null, score_normalised: 0.5 })
  })
})

describe('rowProblems and action items', () => {
  it('checks required columns and types', () => {
    expect(rowProblems('incidents', { record_id: 'x', repository: 'r', source: 's', incident_id: 'I', started_at: 'not a time' })).toEqual(['started_at is not a timestamp: "not a time"'])
  })
  it('marks open items due before the snapshot day as overdue', () => {
    const base = { postmortemId: 'PM-1', path: 'p', line: 1, column: 1, summary: 's', fieldCount: 3 }
    const out = actionItemRows('r', 'p', [
      { ...base, key: 'a', checked: false, due: '2026-12-01' },
      { ...base, key: 'b', checked: true, due: '2026-12-01' },
      { ...base, key: 'c', checked: false, due: '2026-12-31' }
    ], '2026-12-07')
    expect(out.rows.map((r) => [r.item_key, r.is_open, r.overdue])).toEqual([['a', true, true], ['b', false, false], ['c', true, false]])
  })
})

describe('planExport', () => {
  it('sends changed and new files, removes vanished ones, skips the rest', () => {
    const plan = planExport(
      [{ table: 'incidents', source: 'a', fingerprint: '1' }, { table: 'incidents', source: 'b', fingerprint: '2' }, { table: 'incidents', source: 'c', fingerprint: '3' }],
      [{ table: 'incidents', source: 'a', fingerprint: '1', rowCount: 1 }, { table: 'incidents', source: 'b', fingerprint: 'old', rowCount: 1 }, { table: 'incidents', source: 'gone', fingerprint: '9', rowCount: 1 }]
    )
    expect(plan.send.map((s) => s.source)).toEqual(['b', 'c'])
    expect(plan.remove).toEqual([{ table: 'incidents', source: 'gone' }])
    expect(plan.unchanged).toBe(1)
  })
})
