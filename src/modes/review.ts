// The review mode: reads every source of a period and builds the packet. The CLI and the Action both call
// runReview; the file system, git and the lint run come in through ReviewAdapters, the clock as a Date.
//
//   incidents: first + last record of each timeline → placed in the period → for those in it whose last
//   record lacks detection/resolution times, the timeline read from its start up to detection and from its
//   end back through resolution (or the Redis stream's entries of the period, grouped by incident)
//   postmortems (model + lint) → backlog; audits (trend months) → trends; experiments; bypass log

import { recordOf, type AuditRecord } from '../audit/store.js'
import type { Config, ReviewConfig } from '../config/types.js'
import { reviewConfigOf } from '../config/review.js'
import { discoverExperiments } from '../experiments/discover.js'
import type { ExperimentDoc } from '../experiments/model.js'
import type { ByteSource } from '../io/ndjson.js'
import { readNdjson } from '../io/ndjson.js'
import type { RepoFiles } from '../lint/adapters.js'
import { parseOptionsOf } from '../lint/lint-file.js'
import { isReadFailure, readPostmortems as readPostmortemFiles } from '../postmortem/read.js'
import type { Postmortem } from '../postmortem/model.js'
import { auditMonths, auditTrends } from '../review/audits.js'
import { datedIn, digestPostmortems, inBacklogAt, placeUndated, postmortemDayMs, postmortemId, type Placements, type PostmortemLint } from '../review/backlog.js'
import { bypassesInPeriod } from '../review/bypasses.js'
import { experimentsInPeriod } from '../review/experiments.js'
import { detectionFromStart, firstRecordNeeded, placeIncident, resolutionFromEnd, withMilestones, type Incident, type IncidentEnds, type IncidentPlacement, type TimelineRecord } from '../review/incidents.js'
import { buildPacket, type ReviewPacket, type SourceInfo } from '../review/packet.js'
import type { ReviewPeriod } from '../review/period.js'
import { errorText, type DataNote } from '../review/quality.js'
import { groupStreamEntries, streamIdRange, type StreamEntry } from '../review/stream-incidents.js'
import { itemPlace, trackerNotConsulted, trackerStatusOf, type TrackerReading } from '../review/tracker-status.js'
import { syncConfigOf } from '../config/sync.js'
import { collectSyncItems, type SkippedItem, type SyncItem } from '../sync/items.js'
import { collectDecisionItems, parseDecisionFile } from '../sync/decisions.js'
import { decisionRows, decisionsSectionLines, previousPacketPath, type PacketDecisions } from '../review/decisions.js'
import { TRACKER_NAMES, type Tracker, type TrackerKind } from '../sync/trackers/tracker.js'
import { planSettingsOf } from './sync.js'

export interface ReviewAdapters {
  files: Pick<RepoFiles, 'glob' | 'read' | 'exists'>
  /**
   * The last record of an incident timeline, and its first unless `firstNeeded(last)` says no, without
   * reading the rest. Synchronous when it can be: an await per file adds up over ten thousand files.
   */
  incidentEnds(path: string, firstNeeded: (last: unknown) => boolean): IncidentEnds | Promise<IncidentEnds>
  /** The bytes of an NDJSON file (repository-relative), streamed. */
  openNdjson(path: string): ByteSource
  /** The records of an NDJSON file from its first line on (read lazily: stop early and little is read). */
  recordsFromStart(path: string): AsyncIterable<TimelineRecord>
  /** The records of an NDJSON file from its last line backwards (read lazily: stop early and little is read). */
  recordsFromEnd(path: string): AsyncIterable<{ value?: unknown }>
  /** Lint errors and warnings per postmortem path (the lint mode over these files). */
  lint(paths: readonly string[]): Promise<ReadonlyMap<string, PostmortemLint>>
  /** The last commit that touched any of these paths or globs; undefined outside git. */
  commitOf(locations: readonly string[]): Promise<string | undefined>
  /**
   * Path → time (epoch ms, author date) of the last commit that touched each file; files without one (not
   * committed, outside git, beyond a shallow clone's history) are absent.
   */
  lastCommitTimes(paths: readonly string[]): Promise<ReadonlyMap<string, number>>
  /**
   * XRANGE of a Redis stream between two IDs (inclusive), every page; for `incidents.source: redis`.
   * Absent when no connection is configured (REDIS_URL); throws when the stream cannot be read.
   */
  streamEntries?(key: string, start: string, end: string): Promise<StreamEntry[]>
  /**
   * The action-item tracker, for the tickets' status: absent when the repository does not sync (no `sync:`
   * section); `notConsulted` says why it is not read (no credentials), else `lookup` reads it.
   */
  tracker?: { kind: TrackerKind; lookup?: Tracker['lookup']; notConsulted?: string }
}

export interface ReviewRequest {
  period: ReviewPeriod
  now: Date
}

async function readIncidents(settings: ReviewConfig, period: ReviewPeriod, adapters: ReviewAdapters, notes: DataNote[]): Promise<{ incidents: Incident[]; files: number }> {
  const paths = await adapters.files.glob(settings.incidents.paths)
  const firstNeeded = (last: unknown) => firstRecordNeeded(last, settings.incidents, period)
  // One file at a time: the file system adapter reads synchronously (a few kilobytes a file), so running
  // files side by side would only add scheduling (see bench/review.mjs).
  const placed: Array<{ incident?: Incident; notes: DataNote[] }> = []
  for (const path of paths) {
    let ends: IncidentEnds
    try {
      const read = adapters.incidentEnds(path, firstNeeded)
      ends = read instanceof Promise ? await read : read
    } catch (error) {
      placed.push({ notes: [{ source: 'incidents', path, message: `cannot read the file: ${errorText(error)}` }] })
      continue
    }
    const placement = placeIncident(ends, settings.incidents, period)
    placed.push(placement.incident === undefined ? { notes: placement.notes } : await completeIncident(placement, settings, path, () => adapters.recordsFromStart(path), () => adapters.recordsFromEnd(path)))
  }
  const incidents: Incident[] = []
  const ids = new Map<string, string>()
  for (const p of placed) {
    notes.push(...p.notes)
    if (p.incident === undefined) continue
    const other = ids.get(p.incident.id)
    if (other !== undefined) notes.push({ source: 'incidents', path: p.incident.path, message: `incident id ${p.incident.id} is also used by ${other}` })
    else ids.set(p.incident.id, p.incident.path)
    incidents.push(p.incident)
  }
  return { incidents, files: paths.length }
}

/** Detection and resolution the last record does not carry, read from the timeline's start and end. */
async function completeIncident(
  placement: IncidentPlacement,
  settings: ReviewConfig,
  path: string,
  fromStart: () => AsyncIterable<TimelineRecord>,
  fromEnd: () => AsyncIterable<{ value?: unknown }>
): Promise<{ incident?: Incident; notes: DataNote[] }> {
  let { incident } = placement
  if (incident === undefined) return { notes: placement.notes }
  const notes = [...placement.notes]
  if (placement.needsDetection) {
    const found = await detectionFromStart(fromStart(), settings.incidents, path)
    // The head's unreadable lines were reported with the incident's ends already.
    notes.push(...found.notes.filter((n) => n.line === undefined || !notes.some((p) => p.line === n.line)))
    incident = withMilestones(incident, found)
  }
  if (placement.needsResolution) incident = withMilestones(incident, await resolutionFromEnd(fromEnd(), settings.incidents))
  return { incident, notes }
}

async function readStreamIncidents(settings: ReviewConfig, period: ReviewPeriod, adapters: ReviewAdapters, notes: DataNote[]): Promise<{ incidents: Incident[]; files: number }> {
  const key = settings.incidents.redisKey
  if (adapters.streamEntries === undefined) {
    notes.push({ source: 'incidents', path: `redis:${key}`, message: 'incidents.source is redis but no connection is configured (set REDIS_URL); no incidents are shown' })
    return { incidents: [], files: 0 }
  }
  const { start, end } = streamIdRange(period)
  let entries: StreamEntry[]
  try {
    entries = await adapters.streamEntries(key, start, end)
  } catch (error) {
    notes.push({ source: 'incidents', path: `redis:${key}`, message: `cannot read the stream: ${errorText(error)}; no incidents are shown` })
    return { incidents: [], files: 0 }
  }
  const grouped = groupStreamEntries(entries, key, settings.incidents)
  notes.push(...grouped.notes)
  const incidents: Incident[] = []
  for (const { ends, timeline } of grouped.incidents) {
    const placement = placeIncident(ends, settings.incidents, period)
    const done = await completeIncident(placement, settings, ends.path, () => iterate(timeline), () => iterate([...timeline].reverse()))
    notes.push(...done.notes)
    if (done.incident !== undefined) incidents.push(done.incident)
  }
  // Present when the stream was read, even without entries in the window.
  return { incidents, files: 1 }
}

async function* iterate<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items
}

async function readPostmortems(config: Config, adapters: ReviewAdapters, notes: DataNote[]): Promise<Postmortem[]> {
  const paths = await adapters.files.glob(config.lint.postmortems.paths)
  // The one postmortem reader (bounded concurrency); the failure keeps its code but not the absolute path Node
  // appends, so the packet is the same bytes on every machine and Node version.
  const read = (path: string) => adapters.files.read(path).catch((error: unknown) => Promise.reject(new Error(`cannot read the file: ${errorText(error)}`)))
  const out: Postmortem[] = []
  for (const got of await readPostmortemFiles(paths, read, { parse: parseOptionsOf(config.lint) })) {
    if (isReadFailure(got)) notes.push({ source: 'postmortems', path: got.path, message: got.problem })
    else out.push(got.postmortem)
  }
  return out
}

async function readAudits(settings: ReviewConfig, month: string, adapters: ReviewAdapters, notes: DataNote[]): Promise<{ records: AuditRecord[]; files: number }> {
  const records: AuditRecord[] = []
  let files = 0
  for (const m of auditMonths(month)) {
    const path = `${settings.auditDir}/${m}.ndjson`
    if (!adapters.files.exists(path)) continue
    files++
    let count = 0
    for await (const r of readNdjson(adapters.openNdjson(path))) {
      if (r.value === undefined) {
        notes.push({ source: 'audits', path, line: r.line, message: r.problem ?? 'unreadable line' })
        continue
      }
      const record = recordOf(r.value)
      if (record === undefined) notes.push({ source: 'audits', path, line: r.line, message: 'not an audit score record; skipped' })
      else if (record.period !== m) notes.push({ source: 'audits', path, line: r.line, message: `record of period ${record.period} in the file of ${m}; skipped` })
      else {
        records.push(record)
        count++
      }
    }
    if (count === 0) notes.push({ source: 'audits', path, message: 'no audit records in this file' })
  }
  return { records, files }
}

/** The synced items' tickets, as the tracker has them now; a tracker that cannot be read is a data-quality note. */
async function readTracker(config: Config, postmortems: readonly Postmortem[], decisions: readonly SyncItem[], placements: Placements, period: ReviewPeriod, adapters: ReviewAdapters, notes: DataNote[]): Promise<TrackerReading | undefined> {
  const tracker = adapters.tracker
  if (tracker === undefined) return undefined
  if (tracker.lookup === undefined) return { status: trackerNotConsulted(tracker.kind, tracker.notConsulted ?? 'no credentials'), tickets: new Map() }
  const items = [...collectSyncItems(postmortems.filter((pm) => inBacklogAt(pm, period, placements))).items, ...decisions]
  const sync = syncConfigOf(config)
  try {
    const lookup = await tracker.lookup({ keys: items.map((i) => i.key), references: items.flatMap((i) => (i.ref ? [i.ref] : [])) })
    return trackerStatusOf(tracker.kind, items, lookup, planSettingsOf(sync))
  } catch (error) {
    // The one read is the search for the tickets labelled `labels[0]`: a refusal leaves every ticket count unknown.
    const why = `could not search ${TRACKER_NAMES[tracker.kind]} for tickets labelled "${sync.labels[0] ?? 'reliability'}": ${errorText(error)}`
    notes.push({ source: 'action-items', message: `${why}; the tickets' status and the hand-made reliability tickets are not shown` })
    return { status: trackerNotConsulted(tracker.kind, why), tickets: new Map() }
  }
}

interface DecisionPackets {
  /** This period's `## Decisions` lines, when its packet exists already. */
  written?: string[]
  previous?: { packet: Postmortem; items: SyncItem[]; skipped: SkippedItem[] }
}

/** This period's packet (for the decisions written into it) and the one before it (for its decisions), when they exist. */
async function readDecisionPackets(settings: ReviewConfig, period: ReviewPeriod, adapters: ReviewAdapters, notes: DataNote[]): Promise<DecisionPackets> {
  const out: DecisionPackets = {}
  const current = `${settings.outputDir}/${period.label}.md`
  const read = async (path: string): Promise<Uint8Array | undefined> => {
    try {
      return await adapters.files.read(path)
    } catch (error) {
      notes.push({ source: 'action-items', path, message: `cannot read the packet for its decisions: ${errorText(error)}` })
      return undefined
    }
  }
  if (adapters.files.exists(current)) {
    const bytes = await read(current)
    const lines = bytes === undefined ? undefined : decisionsSectionLines(new TextDecoder().decode(bytes))
    if (lines !== undefined && lines.length > 0) out.written = lines
  }
  const previousPath = previousPacketPath(await adapters.files.glob([`${settings.outputDir}/*.md`]), settings.outputDir, period.label)
  if (previousPath !== undefined) {
    const bytes = await read(previousPath)
    if (bytes !== undefined) {
      const packet = parseDecisionFile(bytes, previousPath)
      const { items, skipped } = collectDecisionItems([packet])
      for (const s of skipped) notes.push({ source: 'action-items', path: s.path, line: s.line, message: s.reason })
      out.previous = { packet, items, skipped }
    }
  }
  return out
}

async function readBypasses(settings: ReviewConfig, period: ReviewPeriod, adapters: ReviewAdapters, notes: DataNote[]): Promise<{ rows: ReturnType<typeof bypassesInPeriod>['rows']; present: boolean }> {
  if (!adapters.files.exists(settings.bypassLog)) return { rows: [], present: false }
  const records = []
  for await (const r of readNdjson(adapters.openNdjson(settings.bypassLog))) records.push(r)
  const { rows, notes: found } = bypassesInPeriod(records, settings.bypassLog, period)
  notes.push(...found)
  return { rows, present: true }
}

export async function runReview(config: Config, request: ReviewRequest, adapters: ReviewAdapters): Promise<ReviewPacket> {
  const settings = reviewConfigOf(config)
  const { period } = request
  const notes: DataNote[] = []

  const incidents = settings.incidents.source === 'files' ? await readIncidents(settings, period, adapters, notes) : await readStreamIncidents(settings, period, adapters, notes)

  const postmortems = await readPostmortems(config, adapters, notes)
  const undated = postmortems.filter((pm) => postmortemDayMs(pm) === undefined).map((pm) => pm.path)
  const placements = placeUndated(postmortems, incidents.incidents, undated.length === 0 ? new Map() : await adapters.lastCommitTimes(undated))
  const inPeriodPaths = postmortems.filter((pm) => datedIn(pm, period, placements)).map((pm) => pm.path)
  const lint = inPeriodPaths.length === 0 ? new Map<string, PostmortemLint>() : await adapters.lint(inPeriodPaths)
  const digest = digestPostmortems(postmortems, lint, period, config.lint.postmortems.severityLevels, placements)
  notes.push(...digest.notes)
  const decisionPackets = await readDecisionPackets(settings, period, adapters, notes)
  const tracker = await readTracker(config, postmortems, decisionPackets.previous?.items ?? [], placements, period, adapters, notes)
  const previous = decisionPackets.previous
  const decisions: PacketDecisions = {
    ...(decisionPackets.written !== undefined && { written: decisionPackets.written }),
    ...(previous !== undefined && { previous: { path: previous.packet.path, rows: decisionRows(previous.packet, tracker?.tickets ?? new Map(), previous.skipped) } })
  }
  const backlog = tracker === undefined ? digest.backlog : { ...digest.backlog, overdueItems: digest.backlog.overdueItems.map((i) => {
    const ticket = tracker.tickets.get(itemPlace(i.path, i.line))
    return ticket === undefined ? i : { ...i, ticket }
  }) }
  const openByPostmortem = new Map<string, number>()
  for (const pm of postmortems) {
    openByPostmortem.set(postmortemId(pm), pm.actionItems.filter((a) => !a.checked).length)
  }

  const audits = await readAudits(settings, period.auditMonth, adapters, notes)
  const scales = new Map((config.audit?.rubric.dimensions ?? []).map((d) => [d.name, d.scale] as const))

  const experimentPaths = config.experiment?.paths ?? ['docs/experiments/**/EXP-*.md']
  const discovered = await discoverExperiments(adapters.files, experimentPaths)
  const docs: ExperimentDoc[] = []
  for (const d of discovered) {
    if (d.doc !== undefined) docs.push(d.doc)
    else for (const p of d.problems.slice(0, 3)) notes.push({ source: 'experiments', path: d.path, line: p.line, message: `not read: ${p.message}` })
  }

  const bypasses = await readBypasses(settings, period, adapters, notes)

  const sourceList: Array<Omit<SourceInfo, 'commit'> & { globs: string[] }> = [
    { name: 'Incidents', location: settings.incidents.source === 'redis' ? `redis stream ${settings.incidents.redisKey}` : settings.incidents.paths.join(', '), globs: settings.incidents.source === 'redis' ? [] : settings.incidents.paths, present: incidents.files > 0, ...(settings.incidents.source === 'redis' && { live: true }) },
    { name: 'Postmortems', location: config.lint.postmortems.paths.join(', '), globs: config.lint.postmortems.paths, present: postmortems.length > 0 },
    { name: 'Audits', location: `${settings.auditDir}/<YYYY-MM>.ndjson`, globs: [`${settings.auditDir}/*.ndjson`], present: audits.files > 0 },
    { name: 'Experiments', location: experimentPaths.join(', '), globs: experimentPaths, present: discovered.length > 0 },
    { name: 'Gate bypasses', location: settings.bypassLog, globs: [settings.bypassLog], present: bypasses.present }
  ]
  const sources: SourceInfo[] = []
  for (const { globs, ...s } of sourceList) {
    const commit = s.present && globs.length > 0 ? await adapters.commitOf(globs) : undefined
    sources.push({ ...s, ...(commit !== undefined && { commit }) })
  }

  return buildPacket({
    period,
    now: request.now,
    settings,
    severityLevels: config.lint.postmortems.severityLevels,
    sources,
    incidents: incidents.incidents,
    postmortems: digest.inPeriod,
    backlog,
    ...(tracker !== undefined && { tracker: tracker.status }),
    openActionsByPostmortem: openByPostmortem,
    audits: auditTrends(audits.records, period.auditMonth, scales),
    experiments: experimentsInPeriod(docs, period),
    bypasses: bypasses.rows,
    notes,
    decisions
  })
}
