// `postmortem new`: a draft postmortem, from flags and (with an incident) from the incident's records, in the
// configured template; `--missing`: one per resolved incident of a severity that needs a postmortem and has
// none. Reads through adapters, writes nothing: the entries write the drafts (atomically, never over a file).

import { missingSeveritiesOf } from '../config/postmortem.js'
import type { Config } from '../config/types.js'
import { incidentFacts, recordText, type IncidentFacts } from '../drafts/incident-facts.js'
import { ID_PATTERN, idOfFlag, idsInUse, nextFreeId } from '../drafts/ids.js'
import { renderDraft, type DraftContent } from '../drafts/render.js'
import { builtInTemplate } from '../drafts/template.js'
import type { RepoFiles } from '../lint/adapters.js'
import { parseOptionsOf } from '../lint/lint-file.js'
import { parseSeverity, severityIn } from '../postmortem/severity.js'
import type { TimelineRecord } from '../review/incidents.js'
import { formatDuration } from '../review/timestamp.js'
import { groupStreamEntries, type StreamEntry } from '../review/stream-incidents.js'
import { closestName, editDistance } from '../util/did-you-mean.js'
import { errorMessage } from '../util/error-message.js'
import { asDict, type Dict } from '../util/dict.js'

export interface PostmortemAdapters {
  files: Pick<RepoFiles, 'glob' | 'read' | 'exists'>
  /** The last record of a timeline file (the first is not needed here). */
  incidentEnds(path: string, firstNeeded: (last: unknown) => boolean): { last?: { value: unknown }; problems: Array<{ message: string }> } | Promise<{ last?: { value: unknown }; problems: Array<{ message: string }> }>
  /** Every record of a timeline file, in order. */
  recordsFromStart(path: string): AsyncIterable<TimelineRecord>
  /** XRANGE of a Redis stream; absent without REDIS_URL. */
  streamEntries?(key: string, start: string, end: string): Promise<StreamEntry[]>
}

/** A problem with what was asked for or with the inputs: the entries report it as a usage error (exit 2). */
export class DraftInputError extends Error {
  override readonly name = 'DraftInputError'
  constructor(
    message: string,
    readonly hint?: string
  ) {
    super(message)
  }
}

export interface DraftRequest {
  incident?: string
  id?: string
  title?: string
  severity?: string
  owners?: string[]
  /** YYYY-MM-DD, UTC: the Date of a draft made without an incident. */
  today: string
}

export interface Draft {
  id: string
  /** Repository-relative path the draft is to be written to. */
  path: string
  text: string
  incidentId?: string
  owners: string[]
  title: string
  /** What the draft could not fill in from the records, and record problems met on the way. */
  notes: string[]
}

interface IncidentEntry {
  id: string
  path: string
  last?: Record<string, unknown>
  load: () => Promise<TimelineRecord[]>
}


async function collect(records: AsyncIterable<TimelineRecord>): Promise<TimelineRecord[]> {
  const out: TimelineRecord[] = []
  for await (const r of records) out.push(r)
  return out
}

/** Every incident of the configured source, with its last record; timelines are read only when asked for. */
async function listIncidents(config: Config, adapters: PostmortemAdapters): Promise<{ incidents: IncidentEntry[]; notes: string[] }> {
  const settings = config.review.incidents
  const notes: string[] = []
  if (settings.source === 'redis') {
    if (adapters.streamEntries === undefined) {
      throw new DraftInputError(`review.incidents.source is redis, but no Redis connection is configured`, 'set REDIS_URL (redis://host:6379) to the server holding the stream')
    }
    let entries: StreamEntry[]
    try {
      entries = await adapters.streamEntries(settings.redisKey, '-', '+')
    } catch (error) {
      throw new DraftInputError(`cannot read the incident stream ${settings.redisKey}: ${recordText(errorMessage(error))}`, 'check REDIS_URL and that the server is reachable')
    }
    const grouped = groupStreamEntries(entries, settings.redisKey, settings)
    notes.push(...grouped.notes.map((n) => `${n.path}: ${n.message}`))
    const incidents = grouped.incidents.map(({ ends, timeline }) => ({ id: ends.path.replace(/^.*#/, ''), path: ends.path, ...(asDict(ends.last?.value) && { last: asDict(ends.last?.value) as Dict }), load: async () => timeline }))
    return { incidents, notes }
  }
  const paths = await adapters.files.glob(settings.paths)
  if (paths.length === 0) {
    throw new DraftInputError(`no incident timelines match ${settings.paths.join(', ')}`, 'set review.incidents.paths in .github/reliability.yml to where the incident NDJSON files are (or --root to the repository)')
  }
  const incidents: IncidentEntry[] = []
  for (const path of paths) {
    let last: Dict | undefined
    try {
      const ends = await adapters.incidentEnds(path, () => false)
      last = asDict(ends.last?.value)
      for (const p of ends.problems) notes.push(`${path}: ${p.message}`)
    } catch (error) {
      notes.push(`${path}: cannot read the file: ${errorMessage(error)}`)
      continue
    }
    const idValue = last?.[settings.fields.id]
    const id = typeof idValue === 'string' && idValue.trim() !== '' ? idValue.trim() : path.replace(/^.*\//, '').replace(/\.ndjson$/i, '')
    incidents.push({ id, path, ...(last && { last }), load: () => collect(adapters.recordsFromStart(path)) })
  }
  return { incidents, notes }
}

/** Ids close to an unknown one: a shared prefix or suffix, or a few edits away. */
function closeIds(wanted: string, ids: readonly string[]): string[] {
  const w = wanted.toLowerCase()
  const digits = w.replace(/\D/g, '')
  const scored = ids
    .map((id) => ({ id, d: editDistance(w, id.toLowerCase()), shares: digits.length >= 2 && id.replace(/\D/g, '').includes(digits) }))
    .filter((x) => x.shares || x.d <= Math.max(2, Math.floor(w.length / 3)))
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
  const best = closestName(wanted, ids)
  return [...new Set([...(best ? [best] : []), ...scored.map((x) => x.id)])].slice(0, 5)
}

interface ExistingPostmortems {
  files: Array<{ path: string; text: string }>
  ids: Map<string, string>
}

async function readExisting(config: Config, adapters: PostmortemAdapters): Promise<ExistingPostmortems> {
  const dir = config.drafts.dir
  const globs = [...config.lint.postmortems.paths, `${dir === '.' ? '' : `${dir}/`}**/PM-*.md`]
  const paths = await adapters.files.glob(globs)
  const files: ExistingPostmortems['files'] = []
  for (const path of paths) {
    try {
      files.push({ path, text: new TextDecoder().decode(await adapters.files.read(path)) })
    } catch {
      files.push({ path, text: '' })
    }
  }
  return { files, ids: idsInUse(files) }
}

async function readTemplate(config: Config, adapters: PostmortemAdapters): Promise<{ text: string; path: string }> {
  const path = config.drafts.template
  if (!adapters.files.exists(path)) return { text: builtInTemplate(config.lint.postmortems.sections), path: '(built-in template)' }
  try {
    return { text: new TextDecoder().decode(await adapters.files.read(path)), path }
  } catch (error) {
    throw new DraftInputError(`cannot read the template ${path}: ${errorMessage(error)}`, 'fix its permissions, or set drafts.template to another file')
  }
}

function canonicalSeverity(config: Config, raw: string, from: string): string {
  const parsed = parseSeverity(raw, config.lint.postmortems.severityLevels)
  if (parsed.label === undefined) {
    throw new DraftInputError(`${from} "${recordText(raw)}" is not one of postmortems.severity-levels (${config.lint.postmortems.severityLevels.join(', ')})`, 'pass --severity with one of those levels')
  }
  return parsed.label
}

function ownersOf(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '').map((v) => (/^@?[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(v) ? `@${v.replace(/^@/, '')}` : recordText(v)))
}

function sectionsFrom(facts: IncidentFacts | undefined): Record<string, string> {
  if (facts === undefined) {
    return {
      Summary: 'TBD: three to five sentences on what broke, for whom, for how long, and how it was stopped.',
      Timeline: 'TBD: one entry per line, oldest first, each starting with its date, time and zone (`- 2026-10-14 09:02 UTC — what happened`).'
    }
  }
  const i = facts.incident
  const at = (ms: number | undefined) => facts.events.find((e) => e.ms === ms)?.stamp
  const detect = i.detectedMs === undefined ? 'TBD (no record shows when it was detected)' : `${formatDuration(i.detectedMs - i.startedMs)}${at(i.detectedMs) ? ` (detected ${at(i.detectedMs)})` : ''}`
  const resolve = i.resolvedMs === undefined ? `TBD (the incident is ${i.status}, not resolved)` : `${formatDuration(i.resolvedMs - i.startedMs)}${at(i.resolvedMs) ? ` (resolved ${at(i.resolvedMs)})` : ''}`
  const title = i.title === '' ? '' : ` "${recordText(i.title)}"`
  const summary = [
    'TBD: three to five sentences on what broke, for whom, for how long, and how it was stopped.',
    '',
    `Incident ${recordText(i.id)}${title}, ${recordText(i.severity)}, from \`${i.path}\`. Time to detect: ${detect}. Time to resolve: ${resolve}.`
  ].join('\n')
  const timeline =
    facts.events.length > 0
      ? facts.events.map((e) => `- ${e.stamp} — ${e.text.replace(/[.]$/, '')}.`).join('\n')
      : 'TBD: the records carry no status changes or notes with a time; add one entry per line, oldest first.'
  return { Summary: summary, Timeline: `${timeline}\n\nTBD: add the triggering change, first impact, escalation and each mitigation.` }
}

async function factsOf(config: Config, entry: IncidentEntry): Promise<IncidentFacts> {
  let records: TimelineRecord[]
  try {
    records = await entry.load()
  } catch (error) {
    throw new DraftInputError(`cannot read the incident timeline ${entry.path}: ${errorMessage(error)}`, 'check that the file is readable')
  }
  const { facts, notes } = await incidentFacts(records, entry.path, config.review.incidents, config.drafts)
  if (facts === undefined) throw new DraftInputError(`incident ${recordText(entry.id)} cannot be read from ${entry.path}: ${notes.join('; ')}`, 'fix the records named above')
  return facts
}

function draftOf(config: Config, template: { text: string; path: string }, id: string, request: Omit<DraftRequest, 'id' | 'incident'>, facts: IncidentFacts | undefined): Draft {
  const dir = config.drafts.dir
  const severityRaw = request.severity ?? facts?.incident.severity
  if (severityRaw === undefined || severityRaw === 'unknown') {
    throw new DraftInputError(facts ? `incident ${recordText(facts.incident.id)} has no severity in its records` : 'missing --severity (nothing to take it from without --incident)', `pass --severity <${config.lint.postmortems.severityLevels.join('|')}>`)
  }
  const severity = canonicalSeverity(config, severityRaw, request.severity !== undefined ? '--severity' : 'the incident\'s severity')
  const title = recordText(request.title ?? (facts?.incident.title || 'TBD: what happened'))
  const owners = request.owners !== undefined && request.owners.length > 0 ? ownersOf(request.owners) : (facts?.owners ?? [])
  const content: DraftContent = {
    id,
    title,
    date: facts?.date ?? request.today,
    severity,
    owners,
    links: facts?.links ?? { traces: [], ndjson: [], pagerduty: [] },
    ...(facts && { incidentId: recordText(facts.incident.id) }),
    sections: sectionsFrom(facts)
  }
  let text: string
  try {
    text = renderDraft(template.text, template.path, content, parseOptionsOf(config.lint))
  } catch (error) {
    throw new DraftInputError(errorMessage(error), 'add a "## Timeline" section to the template (or set drafts.template to one that has it)')
  }
  const notes = [...(facts?.notes ?? [])]
  if (owners.length === 0) notes.push('no owner known: Owners is @TBD (pass --owner, or set drafts.owner-fields to the records\' commander/assignee fields)')
  const linked = severityIn(parseSeverity(severity, config.lint.postmortems.severityLevels), config.lint.linkedSeverities)
  for (const key of ['traces', 'ndjson', 'pagerduty'] as const) {
    if (content.links[key].length === 0 && linked) notes.push(`no ${key} link in the records: ${key === 'ndjson' ? 'NDJSON' : key === 'pagerduty' ? 'PagerDuty' : 'Traces'} is TBD (${severity} postmortems must link it)`)
  }
  return { id, path: `${dir === '.' ? '' : `${dir}/`}PM-${id}.md`, text, ...(facts && { incidentId: facts.incident.id }), owners, title, notes }
}

function chooseId(requested: string | undefined, inUse: ReadonlyMap<string, string>): string {
  if (requested === undefined) return nextFreeId(inUse)
  const id = idOfFlag(requested)
  if (!ID_PATTERN.test(id)) throw new DraftInputError(`--id "${recordText(requested)}" is not an id: use letters, digits, '.', '_' and '-' (e.g. 105)`)
  const user = inUse.get(id.toUpperCase())
  if (user !== undefined) throw new DraftInputError(`PM-${id} is already used by ${user}; postmortem ids never repeat`, `leave --id out to take the next free id (PM-${nextFreeId(inUse)})`)
  return id
}

/** One draft, for an incident or from flags alone. */
export async function draftPostmortem(config: Config, request: DraftRequest, adapters: PostmortemAdapters): Promise<Draft> {
  const existing = await readExisting(config, adapters)
  const id = chooseId(request.id, existing.ids)
  let facts: IncidentFacts | undefined
  if (request.incident !== undefined) {
    const { incidents } = await listIncidents(config, adapters)
    const wanted = request.incident.trim()
    const entry = incidents.find((i) => i.id === wanted) ?? incidents.find((i) => i.id.toLowerCase() === wanted.toLowerCase())
    if (entry === undefined) {
      const close = closeIds(wanted, incidents.map((i) => i.id))
      throw new DraftInputError(
        `no incident ${recordText(wanted)} among the ${incidents.length} incident${incidents.length === 1 ? '' : 's'} of ${config.review.incidents.source === 'redis' ? `the stream ${config.review.incidents.redisKey}` : config.review.incidents.paths.join(', ')}`,
        close.length > 0 ? `did you mean ${close.join(', ')}?` : 'check the id (it is the `id` field of the incident records)'
      )
    }
    facts = await factsOf(config, entry)
  }
  return draftOf(config, await readTemplate(config, adapters), id, request, facts)
}

export interface MissingResult {
  drafts: Draft[]
  /** Resolved incidents of the severities that already have a postmortem, with which. */
  covered: Array<{ incidentId: string; postmortem: string }>
  /** How many incidents were read, and how many were left out (open, other severities, before --since). */
  counts: { incidents: number; open: number; otherSeverity: number; beforeSince: number }
  severities: string[]
  notes: string[]
}

/** A draft for every resolved incident of a severity that needs one (drafts.missing-severities) with no postmortem. */
export async function draftMissing(
  config: Config,
  request: {
    sinceMs?: number
    today: string
    /** Ids taken outside the checkout (open draft pull requests): upper-cased id → where. */
    reservedIds?: ReadonlyMap<string, string>
    /** Incidents that already have a draft elsewhere (an open pull request): not drafted again. */
    skipIncidents?: ReadonlySet<string>
  },
  adapters: PostmortemAdapters
): Promise<MissingResult> {
  const settings = config.review.incidents
  const severities = missingSeveritiesOf(config)
  const existing = await readExisting(config, adapters)
  const { incidents, notes } = await listIncidents(config, adapters)
  const template = await readTemplate(config, adapters)
  const result: MissingResult = { drafts: [], covered: [], counts: { incidents: incidents.length, open: 0, otherSeverity: 0, beforeSince: 0 }, severities, notes }
  const inUse = new Map([...(request.reservedIds ?? []), ...existing.ids])
  for (const entry of incidents) {
    const last = entry.last ?? {}
    const status = typeof last[settings.fields.status] === 'string' ? (last[settings.fields.status] as string) : ''
    if (!settings.resolvedStatuses.some((s) => s.toLowerCase() === status.toLowerCase())) {
      result.counts.open++
      continue
    }
    const severity = parseSeverity(String(last[settings.fields.severity] ?? ''), config.lint.postmortems.severityLevels)
    if (!severityIn(severity, severities)) {
      result.counts.otherSeverity++
      continue
    }
    const named = typeof last[settings.fields.postmortem] === 'string' ? (last[settings.fields.postmortem] as string).trim() : ''
    const mentioning = existing.files.find((f) => new RegExp(`(?<![A-Za-z0-9_-])${entry.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_-])`).test(f.text))
    if (named !== '' || mentioning !== undefined) {
      result.covered.push({ incidentId: entry.id, postmortem: named !== '' ? named : mentioning?.path ?? '' })
      continue
    }
    if (request.skipIncidents?.has(entry.id) === true) {
      result.covered.push({ incidentId: entry.id, postmortem: 'an open draft pull request' })
      continue
    }
    const facts = await factsOf(config, entry)
    if (request.sinceMs !== undefined && (facts.incident.resolvedMs ?? facts.incident.lastMs) < request.sinceMs) {
      result.counts.beforeSince++
      continue
    }
    const id = nextFreeId(inUse)
    const draft = draftOf(config, template, id, { today: request.today }, facts)
    inUse.set(id.toUpperCase(), draft.path)
    result.drafts.push(draft)
  }
  return result
}
