// The audit mode: find the transcripts of a period, draw the sample, score it on the rubric with the
// scorers each dimension names, and record the scores. The CLI and the Action both call runAudit; every
// side effect (files, the model endpoint, the clock) goes through AuditAdapters.
//
//   scan every transcript (period, day, agent, flagged?) → sample → what earlier runs recorded → the
//   review file → score (read each sampled transcript once: hash, rules, excerpt; then llm / human;
//   audit-scoring.ts) → records appended to <output-dir>/<period>.ndjson under a lock → the review file
//   extended → the result (summaries per stratum, unscored transcripts)

import pLimit from 'p-limit'
import type { AuditConfig, AuditDimension, AuditScorerName } from '../config/types.js'
import { ConfigError } from '../config/errors.js'
import { reviewFilePath } from '../audit/human-review.js'
import { createLlmScorer } from '../audit/llm-scorer.js'
import { rubricVersion, withScorer } from '../audit/rubric.js'
import { compileRules } from '../audit/rules-scorer.js'
import { selectSample, type SampledTranscript, type TranscriptCandidate } from '../audit/sample.js'
import type { ScanResult } from '../audit/scan.js'
import { formatRecords, newRecords, recordKey, recordOf, storeFilePath, type AuditRecord } from '../audit/store.js'
import { failBelowBreaches, lowestScoring, summarise, type TranscriptResult } from '../audit/summary.js'
import { plural } from '../report/text.js'
import { extendReviewFile, openReviewFile } from './audit-review-file.js'
import { scoreSample, type ReviewState, type ScoredSample, type ScorerDimensions } from './audit-scoring.js'
import type { AuditAdapters, AuditRequest, AuditRunResult, UnscoredTranscript } from './audit-types.js'

export type { AuditAdapters, AuditProgress, AuditReadRequest, AuditRequest, AuditRunResult, AuditScanRequest, MalformedReport, UnscoredTranscript } from './audit-types.js'

const SCAN_CONCURRENCY = 8
const SCORER_ORDER: readonly AuditScorerName[] = ['rules', 'llm', 'human']

/** The scorers a run with these settings uses: what the entries need to prepare (the llm endpoint). */
export function scorersInUse(config: AuditConfig, scorer: AuditScorerName | undefined): Set<AuditScorerName> {
  return new Set(withScorer(config.rubric.dimensions, scorer).map((d) => d.scorer))
}

/** The rubric with this run's scorers, split by scorer; a configuration the run cannot score is an error. */
function scorerDimensions(config: AuditConfig, request: AuditRequest, configFile: string | undefined): { dimensions: AuditDimension[]; dims: ScorerDimensions } {
  const dimensions = withScorer(config.rubric.dimensions, request.scorer)
  const bare = dimensions.filter((d) => d.scorer === 'rules' && d.rules.length === 0)
  if (bare.length > 0) {
    throw new ConfigError(
      bare.map((d) => ({
        file: request.scorer !== undefined ? '--scorer' : (configFile ?? 'the configuration'),
        key: `audit.rubric.dimensions.${d.name}.rules`,
        message: `${d.name} has no rules, so the rules scorer cannot score it: give it rules, or use --scorer llm or human`
      }))
    )
  }
  if (dimensions.some((d) => d.scorer === 'llm') && config.llm.model === undefined) {
    throw new ConfigError({
      file: configFile ?? '--model',
      key: 'audit.llm.model',
      message: 'the llm scorer needs a model: set audit.llm.model in the configuration or pass --model (there is no default, so a cost is never chosen for you)'
    })
  }
  const of = (scorer: AuditScorerName) => dimensions.filter((d) => d.scorer === scorer)
  return { dimensions, dims: { rules: of('rules'), llm: of('llm'), human: of('human') } }
}

interface PeriodScan {
  files: string[]
  candidates: TranscriptCandidate[]
  undated: string[]
}

/** Every transcript's period (and day, agent, flagged notes), on worker threads when the adapters can. */
async function scanPeriod(config: AuditConfig, period: string, adapters: AuditAdapters, warnings: string[]): Promise<PeriodScan> {
  const files = await adapters.glob(config.paths)
  const flagged = config.strata.flagged ? new RegExp(config.strata.flaggedPattern, 'i') : undefined
  const options = { fields: config.fields, maxLineBytes: config.maxLineBytes, period, ...(flagged !== undefined && { flagged }) }
  const progress = (done: number) => adapters.onProgress?.({ phase: 'scanning', done, total: files.length })
  let results = await adapters.scanMany?.({ paths: files, ...options }, progress)
  if (results === undefined) {
    const limit = pLimit(SCAN_CONCURRENCY)
    let count = 0
    results = await Promise.all(
      files.map((path) =>
        limit(async () => {
          const result = await adapters.scan(path, options)
          progress(++count)
          return result
        })
      )
    )
  }
  const scans = files.map((path, i) => ({ path, result: results[i] as ScanResult }))
  const undated = scans.filter((s) => s.result.date === undefined).map((s) => s.path)
  const candidates: TranscriptCandidate[] = scans.flatMap(({ path, result }) =>
    result.date?.period === period
      ? [{ path, period, flagged: result.flagged, ...(result.date.day !== undefined && { day: result.date.day }), ...(result.agent !== undefined && { agent: result.agent }) }]
      : []
  )
  if (undated.length > 0) {
    const shown = undated.slice(0, 5).join(', ')
    warnings.push(
      `${plural(undated.length, 'transcript')} ${undated.length === 1 ? 'belongs' : 'belong'} to no period (no timestamp in the first event, no date in the path): ${shown}${undated.length > 5 ? `, and ${undated.length - 5} more` : ''}`
    )
  }
  return { files, candidates, undated }
}

/** The records of a store file by key, and how many of its lines are not records. */
async function readStore(adapters: AuditAdapters, storeFile: string, maxLineBytes: number): Promise<{ records: Map<string, AuditRecord>; bad: number }> {
  const records = new Map<string, AuditRecord>()
  let bad = 0
  if (!adapters.exists(storeFile)) return { records, bad }
  for await (const batch of adapters.lines(storeFile, maxLineBytes).batches) {
    for (const line of batch) {
      const record = 'value' in line ? recordOf(line.value) : undefined
      if (record === undefined) bad++
      else records.set(recordKey(record), record)
    }
  }
  return { records, bad }
}

/**
 * Appends the records whose key the store does not hold yet, and returns them. Under the store's lock,
 * the keys are read again: another run of the same period may have recorded the same transcripts since
 * this one started, and a key must never be written twice.
 */
async function appendNewRecords(adapters: AuditAdapters, storeFile: string, records: readonly AuditRecord[], maxLineBytes: number): Promise<AuditRecord[]> {
  if (records.length === 0) return []
  const release = await adapters.lock(storeFile)
  try {
    const { records: current } = await readStore(adapters, storeFile, maxLineBytes)
    const toAppend = newRecords(records, new Set(current.keys()))
    if (toAppend.length > 0) await adapters.appendText(storeFile, formatRecords(toAppend))
    return toAppend
  } finally {
    await release()
  }
}

interface RecordContext {
  period: string
  seed: string
  version: string
  storeFile: string
  stored: ReadonlyMap<string, AuditRecord>
  dryRun: boolean
  maxLineBytes: number
  now: Date
}

/** The final results of this run as records, appended (unless a dry run); what was added and left out. */
async function recordResults(results: readonly TranscriptResult[], ctx: RecordContext, adapters: AuditAdapters): Promise<AuditRunResult['store']> {
  const scoredAt = ctx.now.toISOString()
  const fresh = results.filter((r) => !r.reused)
  const final = fresh.filter((r) => Object.values(r.scores).every((s) => s.final))
  const records: AuditRecord[] = final.map((r) => ({
    period: ctx.period,
    seed: ctx.seed,
    transcript: r.transcript,
    sha256: r.sha256,
    rubric_version: ctx.version,
    scorer: r.scorer,
    model: r.model,
    stratum: r.stratum,
    scores: Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, s.score])),
    reasons: Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, s.reason])),
    scored_at: scoredAt
  }))
  const added = ctx.dryRun ? newRecords(records, new Set(ctx.stored.keys())) : await appendNewRecords(adapters, ctx.storeFile, records, ctx.maxLineBytes)
  return {
    file: ctx.storeFile,
    added: added.length,
    alreadyStored: results.length - fresh.length + records.length - added.length,
    notRecorded: fresh.length - final.length,
    dryRun: ctx.dryRun
  }
}

/** The command line of this run, for the review file: `--scorer human` only when this run was given it. */
function rerunCommand(config: AuditConfig, request: AuditRequest): string {
  const flags = [`--period ${request.period}`, `--seed ${JSON.stringify(config.seed)}`, `--sample ${config.sampleSize}`]
  if (config.strata.flagged) flags.push('--include-flagged')
  if (request.scorer !== undefined) flags.push(`--scorer ${request.scorer}`)
  return `reliability-loop audit ${flags.join(' ')}`
}

/** Each transcript with a failed score from some scorer, once, with that scorer's first reason. */
export function unscoredOf(results: readonly TranscriptResult[]): UnscoredTranscript[] {
  const seen = new Set<string>()
  const out: UnscoredTranscript[] = []
  for (const r of results) {
    if (seen.has(r.transcript)) continue
    const failedScore = Object.values(r.scores).find((s) => s.state === 'failed')
    if (failedScore === undefined) continue
    seen.add(r.transcript)
    out.push({ transcript: r.transcript, scorer: r.scorer, reason: failedScore.reason })
  }
  return out
}

function byTranscriptThenScorer(a: TranscriptResult, b: TranscriptResult): number {
  return a.transcript < b.transcript ? -1 : a.transcript > b.transcript ? 1 : SCORER_ORDER.indexOf(a.scorer) - SCORER_ORDER.indexOf(b.scorer)
}

export async function runAudit(config: AuditConfig, request: AuditRequest, adapters: AuditAdapters, configFile?: string): Promise<AuditRunResult> {
  const { dimensions, dims } = scorerDimensions(config, request, configFile)
  if (dims.llm.length > 0 && adapters.chat === undefined) throw new Error('runAudit: the llm scorer is in use but no chat adapter was given')
  const { period } = request
  const { seed } = config
  const version = rubricVersion(config.rubric)
  const warnings: string[] = []

  const scan = await scanPeriod(config, period, adapters, warnings)
  const draw = selectSample(scan.candidates, { seed, size: config.sampleSize, includeFlagged: config.strata.flagged, maxPerAgentDay: config.strata.maxPerAgentDay })

  const storeFile = storeFilePath(config.outputDir, period)
  const { records: stored, bad } = await readStore(adapters, storeFile, config.maxLineBytes)
  if (bad > 0) warnings.push(`${storeFile}: ${bad === 1 ? '1 line that is not an audit record was' : `${bad} lines that are not audit records were`} ignored`)
  const review: ReviewState | undefined = dims.human.length > 0 ? await openReviewFile(adapters, reviewFilePath(config.outputDir, period, seed), warnings) : undefined

  const llm = dims.llm.length > 0 && adapters.chat ? createLlmScorer(dims.llm, { model: config.llm.model ?? '', complete: adapters.chat }) : undefined
  const scoring = await scoreSample(draw, {
    config,
    period,
    version,
    dims,
    stored,
    adapters,
    warnings,
    ...(dims.rules.length > 0 && { rules: compileRules(dims.rules, config.fields) }),
    ...(llm !== undefined && { llm }),
    ...(review !== undefined && { review })
  })

  const dryRun = request.dryRun === true
  const store = await recordResults(scoring.results, { period, seed, version, storeFile, stored, dryRun, maxLineBytes: config.maxLineBytes, now: adapters.now() }, adapters)
  const reviewHeader = { period, seed, rubricVersion: version, dimensions: dims.human, storeFile, rerun: rerunCommand(config, request) }
  const reviewAdded = review !== undefined && !dryRun ? await extendReviewFile(adapters, review, scoring.reviewAdditions, reviewHeader, warnings) : 0

  const result = assembleResult(config, { period, version, dimensions, scan, draw, scoring, store, warnings })
  if (review !== undefined) {
    const pending = scoring.results.filter((r) => r.scorer === 'human' && Object.values(r.scores).some((s) => s.state === 'pending')).length
    result.review = { file: review.path, added: reviewAdded, pending, problems: scoring.reviewProblems }
  }
  if (llm !== undefined) {
    const stoppedBy = llm.stoppedBy()
    result.llm = { model: config.llm.model ?? '', calls: scoring.llmCalls, overCap: scoring.overCap, ...(stoppedBy !== undefined && { stoppedBy }) }
  }
  return result
}

interface RunParts {
  period: string
  version: string
  dimensions: AuditDimension[]
  scan: PeriodScan
  draw: SampledTranscript[]
  scoring: ScoredSample
  store: AuditRunResult['store']
  warnings: string[]
}

/** The run as data: results in report order, summaries per stratum, breaches, unscored transcripts. */
function assembleResult(config: AuditConfig, parts: RunParts): AuditRunResult {
  const { dimensions, scan } = parts
  const ordered = [...parts.scoring.results].sort(byTranscriptThenScorer)
  const malformed = [...parts.scoring.malformed].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line))
  const summaries = summarise(dimensions, ordered.filter((r) => r.stratum === 'random'))
  const result: AuditRunResult = {
    period: parts.period,
    seed: config.seed,
    rubricVersion: parts.version,
    dimensions,
    counts: { found: scan.files.length, inPeriod: scan.candidates.length, flagged: scan.candidates.filter((c) => c.flagged).length, undated: scan.undated },
    sampled: ordered,
    draw: parts.draw,
    summaries,
    flaggedSummaries: summarise(dimensions, ordered.filter((r) => r.stratum === 'flagged')),
    lowest: lowestScoring(dimensions, ordered),
    breaches: failBelowBreaches(summaries, config.failBelow),
    unscored: { transcripts: unscoredOf(ordered), allowed: config.maxUnscored },
    malformed,
    store: parts.store,
    warnings: parts.warnings
  }
  if (config.failBelow !== undefined) result.failBelow = config.failBelow
  return result
}
