// Gate bypasses of the period, from reliability/bypass-log.ndjson (src/gates/bypass.ts writes it).

import type { BypassRecord } from '../gates/bypass.js'
import { inPeriod, type ReviewPeriod } from './period.js'
import { compareText, type DataNote } from './quality.js'
import { parseInstant } from './timestamp.js'

export interface BypassRow {
  ts: string
  repository: string
  pullRequest: number
  actor: string
  gates: string[]
  reason: string
  runUrl?: string
}

export function bypassesInPeriod(records: ReadonlyArray<{ line: number; value?: unknown; problem?: string }>, path: string, period: ReviewPeriod): { rows: BypassRow[]; notes: DataNote[] } {
  const rows: Array<BypassRow & { ms: number }> = []
  const notes: DataNote[] = []
  for (const r of records) {
    if (r.value === undefined || r.value === null || typeof r.value !== 'object' || Array.isArray(r.value)) {
      notes.push({ source: 'bypasses', path, line: r.line, message: r.problem ?? 'not a JSON object' })
      continue
    }
    const b = r.value as Partial<BypassRecord>
    const instant = parseInstant(b.ts)
    if (instant === undefined) {
      notes.push({ source: 'bypasses', path, line: r.line, message: b.ts === undefined ? 'record without `ts`' : '`ts` is not a time' })
      continue
    }
    if (!instant.zoned) notes.push({ source: 'bypasses', path, line: r.line, message: '`ts` has no time zone; read as UTC' })
    if (!inPeriod(instant.ms, period)) continue
    rows.push({
      ms: instant.ms,
      ts: new Date(instant.ms).toISOString(),
      repository: String(b.repository ?? ''),
      pullRequest: Number(b.pull_request ?? 0),
      actor: String(b.actor ?? ''),
      gates: Array.isArray(b.gates) ? b.gates.map(String) : [],
      reason: String(b.reason ?? ''),
      ...(typeof b.run_url === 'string' && { runUrl: b.run_url })
    })
  }
  rows.sort((a, b) => a.ms - b.ms || compareText(a.repository, b.repository) || a.pullRequest - b.pullRequest)
  return { rows: rows.map(({ ms: _ms, ...row }) => row), notes }
}
