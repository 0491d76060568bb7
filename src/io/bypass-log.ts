// Appends bypass records to reliability/bypass-log.ndjson (one JSON object per line), once per bypass:
// the gate runs on every push and re-run, and the monthly review must count a bypass once.

import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { BypassRecord } from '../gates/bypass.js'

/** The same bypass: the same label event on the same commit (or, without an event id, the same PR, commit and actor). */
function sameBypass(a: Partial<BypassRecord>, b: BypassRecord): boolean {
  if (a.pull_request !== b.pull_request || a.head_sha !== b.head_sha || a.repository !== b.repository) return false
  return b.label_event_id !== undefined ? a.label_event_id === b.label_event_id : a.actor === b.actor
}

export async function appendBypassRecord(file: string, record: BypassRecord): Promise<'appended' | 'already-logged'> {
  let existing = ''
  try {
    existing = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  for (const line of existing.split('\n')) {
    if (line.trim() === '') continue
    try {
      if (sameBypass(JSON.parse(line) as Partial<BypassRecord>, record)) return 'already-logged'
    } catch {
      // A line someone broke by hand is not ours to judge; keep appending.
    }
  }
  await mkdir(dirname(file), { recursive: true })
  // A file that does not end with a newline would glue our record onto its last line.
  const prefix = existing !== '' && !existing.endsWith('\n') ? '\n' : ''
  await appendFile(file, `${prefix}${JSON.stringify(record)}\n`, 'utf8')
  return 'appended'
}
