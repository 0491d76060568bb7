// The publish mode's data: the packet of a period (the review mode, unchanged) and the incidents of the
// trend months, from a second review run over the six months ending with the period's, so the charts come
// from the same readers as the packet. The second run shares the first one's incident reads (each file's
// ends are read once) and skips what the charts do not need (lint, git, the tracker).

import type { Config } from '../config/types.js'
import { auditMonths } from '../review/audits.js'
import { incidentMonths, type PacketWithHistory } from '../review/incident-months.js'
import type { IncidentEnds } from '../review/incidents.js'
import { monthPeriod, type ReviewPeriod } from '../review/period.js'
import { runReview, type ReviewAdapters, type ReviewRequest } from './review.js'

/** The six months ending with the period's audit month, as one period (its end: the later of the two). */
export function trendWindow(period: ReviewPeriod): ReviewPeriod {
  const months = auditMonths(period.auditMonth)
  const first = monthPeriod(months[0] as string)
  const last = monthPeriod(months[months.length - 1] as string)
  return { label: `${first.label}_${last.label}`, title: `${first.title} to ${last.title}`, startMs: first.startMs, endMs: Math.max(last.endMs, period.endMs), auditMonth: period.auditMonth }
}

/**
 * Each incident file's ends read once, however many runs ask; read again only when a run needs the first
 * record that an earlier run (with a later period start) did not read.
 */
function sharedIncidentEnds(adapters: ReviewAdapters): ReviewAdapters['incidentEnds'] {
  const read = new Map<string, IncidentEnds | Promise<IncidentEnds>>()
  return async (path, firstNeeded) => {
    const cached = read.get(path)
    if (cached !== undefined) {
      const ends = await cached
      if (!(ends.firstNotNeeded === true && ends.last !== undefined && firstNeeded(ends.last.value))) return ends
    }
    const fresh = adapters.incidentEnds(path, firstNeeded)
    read.set(path, fresh)
    return fresh
  }
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i])

export async function reviewWithHistory(config: Config, request: ReviewRequest, adapters: ReviewAdapters): Promise<PacketWithHistory> {
  const shared: ReviewAdapters = { ...adapters, incidentEnds: sharedIncidentEnds(adapters) }
  const packet = await runReview(config, request, shared)
  const { tracker: _tracker, ...withoutTracker } = shared
  // The window run needs only incidents: the other globs (postmortems, experiments) find nothing, so their
  // files are neither read nor parsed a second time.
  const incidentGlobs = config.review.incidents.paths
  const files: ReviewAdapters['files'] = { ...shared.files, glob: (patterns) => (sameList(patterns, incidentGlobs) ? shared.files.glob(patterns) : Promise.resolve([])) }
  const light: ReviewAdapters = { ...withoutTracker, files, lint: async () => new Map(), commitOf: async () => undefined }
  const window = trendWindow(request.period)
  const wide = await runReview(config, { ...request, period: window }, light)
  return { packet, history: incidentMonths(wide.incidents, packet.audits.months, config.lint.postmortems.severityLevels) }
}
