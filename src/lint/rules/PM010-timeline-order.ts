import type { Timestamp } from '../../postmortem/model.js'
import type { FileRule, RuleReport } from '../types.js'

function show(ts: Timestamp): string {
  return [ts.date, ts.time, ts.zone].filter(Boolean).join(' ')
}

function short(text: string, max = 50): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/**
 * PM010 timeline-order: every Timeline entry starts with a real timestamp and the entries are in
 * chronological order — time to detect and time to mitigate are read off this timeline.
 */
export const timelineOrderRule: FileRule = {
  id: 'PM010',
  name: 'timeline-order',
  description: 'Timeline entries start with a real timestamp and are in chronological order.',
  defaultSeverity: 'error',
  scope: 'file',
  check(pm) {
    const reports: RuleReport[] = []
    // Compare at the coarsest granularity two entries share: dates with dates, instants with instants.
    let lastDated: Timestamp | undefined
    let lastTimed: Timestamp | undefined
    let lastDateOnly: Timestamp | undefined
    for (const entry of pm.timeline) {
      const { line, column } = entry.position
      const ts = entry.timestamp
      if (!ts) {
        const timeOnly = /^[\W_]*\d{1,2}:\d{2}/.test(entry.text)
        reports.push({
          line,
          column,
          message: timeOnly
            ? `Timeline entry "${short(entry.text)}" gives a time but no date; give the date once, e.g. "2026-10-14 09:02 UTC — …" on the first entry (later entries may give just the time).`
            : `Timeline entry "${short(entry.text)}" has no timestamp; start it with one, e.g. "2026-10-14 09:02 UTC — …".`
        })
        continue
      }
      if (ts.epochMs === undefined) {
        reports.push({
          line,
          column,
          message: `Timeline entry "${ts.raw}" is not a real date/time; write a real one as YYYY-MM-DD HH:MM, e.g. 2026-10-14 09:02 UTC.`
        })
        continue
      }
      if (ts.time === undefined) {
        if (lastDated && ts.date < lastDated.date) {
          reports.push({
            line,
            column,
            message: `Timeline entry at ${show(ts)} comes after ${show(lastDated)}; put entries in chronological order.`
          })
        }
        lastDateOnly = ts
      } else {
        const before =
          lastTimed && lastTimed.epochMs !== undefined && ts.epochMs < lastTimed.epochMs
            ? lastTimed
            : lastDateOnly && ts.date < lastDateOnly.date
              ? lastDateOnly
              : undefined
        if (before) {
          reports.push({
            line,
            column,
            message: `Timeline entry at ${show(ts)} comes after ${show(before)}; put entries in chronological order.`
          })
        }
        lastTimed = ts
      }
      lastDated = ts
    }
    return reports
  }
}
