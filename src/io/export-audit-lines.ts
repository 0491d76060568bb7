// An audit-records file's lines, parsed, a run at a time: what the export makes audit rows from, on its own
// thread and on its workers'.

import type { AuditLine } from '../export/rows.js'
import { ndjsonFileSource, readNdjsonBatches } from './ndjson.js'

export async function* auditLinesOf(absPath: string): AsyncGenerator<AuditLine[]> {
  for await (const records of readNdjsonBatches(ndjsonFileSource(absPath))) yield records.map((r) => (r.value === undefined ? { line: r.line, problem: r.problem ?? 'unreadable line' } : { line: r.line, value: r.value }))
}
