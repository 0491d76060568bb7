// The audit mode: find the transcripts of a period, draw the sample, score it on the rubric with the
// scorers each dimension names, and record the scores. The CLI and the Action both call runAudit; every
// side effect (files, the model endpoint, the clock) goes through AuditAdapters.
//
//   scan every transcript (period, day, agent, flagged?) → sample → read each sampled transcript once
//   (hash, rules, excerpt) → llm / human → records appended to <output-dir>/<period>.ndjson → summary

import pLimit from 'p-limit'
import type { AuditConfig, AuditDimension, AuditScorerName } from '../config/types.js'
import { ConfigError } from '../config/errors.js'
import type { ByteSource } from '../io/ndjson.js'
import { parseReviewFile, renderReviewEntries, renderReviewHeader, reviewedScores, reviewFilePath, reviewKey, type ReviewEntry, type ReviewFile } from '../audit/human-review.js'
import { createLlmScorer, type ChatComplete, type LlmScorer, type LlmStop } from '../audit/llm-scorer.js'
import type { MalformedLine } from '../audit/read-transcript.js'
import { readSampled, type SampledRead, type SampledReadOptions } from '../audit/read-sampled.js'
import { rubricVersion, withScorer } from '../audit/rubric.js'
import { compileRules } from '../audit/rules-scorer.js'
import { selectSample, type SampledTranscript, type TranscriptCandidate } from '../audit/sample.js'
import { scanTranscript, type ScanResult } from '../audit/scan.js'
import { failed, scored, type DimensionScore } from '../audit/scores.js'
import { formatRecords, newRecords, recordKey, recordOf, storeFilePath, type AuditRecord } from '../audit/store.js'
import { failBelowBreaches, lowestScoring, summarise, type DimensionSummary, type RankedTranscript, type TranscriptResult } from '../audit/summary.js'
import { readNdjson } from '../io/ndjson.js'
import { plural } from '../report/text.js'

export interface AuditProgress {
  phase: 'scanning' | 'scoring'
  done: number
  total: number
}

/** What the scan of every transcript needs: the same for every transcript of a run. */
export interface AuditScanRequest {
  paths: string[]
  fields: AuditConfig['fields']
  maxLineBytes: number
  period: string
  flagged?: RegExp
}

/** What reading the sample needs when only the rules score it (see `readMany`). */
export interface AuditReadRequest {
  paths: string[]
  fields: AuditConfig['fields']
  maxLineBytes: number
  /** The dimensions the rules score. */
  rules: AuditDimension[]
}

export interface AuditAdapters {
  /** Repository-relative files matching the globs, sorted. */
  glob(patterns: readonly string[]): Promise<string[]>
  /** The NDJSON bytes of a repository-relative file (gunzipped for `.gz`). */
  open(path: string): ByteSource
  exists(path: string): boolean
  readText(path: string): Promise<string | undefined>
  /** Creates the file (and its directory) with this text. */
  writeText(path: string, text: string): Promise<void>
  /** Appends text, first ending the file's last line if it has no line break; creates the file if needed. */
  appendText(path: string, text: string): Promise<void>
  /**
   * Holds an exclusive lock on the file across processes (waiting for another holder, taking over a stale
   * lock) until the returned release is called.
   */
  lock(path: string): Promise<() => Promise<void>>
  now(): Date
  /** The model endpoint; needed only when a dimension is scored by `llm`. */
  chat?: ChatComplete
  onProgress?: (progress: AuditProgress) => void
  /**
   * Scans many transcripts at once (on worker threads), with the results in the order of the paths; or
   * answers undefined, and the scan is done here, with `open`.
   */
  scanMany?(request: AuditScanRequest, onProgress: (done: number) => void): Promise<ScanResult[] | undefined>
  /** Reads a rules-only sample at once (on worker threads), in the order of the paths; or undefined, as scanMany. */
  readMany?(request: AuditReadRequest, onProgress: (done: number) => void): Promise<SampledRead[] | undefined>
}

export interface AuditRequest {
  /** `YYYY-MM` */
  period: string
  /** Score every dimension with this scorer instead of each one's own. */
  scorer?: AuditScorerName
  /** Score and report, but write nothing (no records, no review file). */
  dryRun?: boolean
}

export interface UnscoredTranscript {
  transcript: string
  scorer: AuditScorerName
  reason: string
}

export interface MalformedReport extends MalformedLine {
  path: string
}

export interface AuditRunResult {
  period: string
  seed: string
  rubricVersion: string
  /** The rubric with the scorers this run used. */
  dimensions: AuditDimension[]
  counts: { found: number; inPeriod: number; flagged: number; undated: string[] }
  /** One entry per transcript and scorer, by transcript path then scorer. */
  sampled: TranscriptResult[]
  /** The draw, in order: the random stratum by sampling key, then the flagged transcripts added on top. */
  draw: SampledTranscript[]
  /** Over the random stratum only: the unbiased numbers (means, pass rates, fail-below). */
  summaries: DimensionSummary[]
  /** Over the flagged stratum, reported apart (all null when it is off or empty). */
  flaggedSummaries: DimensionSummary[]
  lowest: RankedTranscript[]
  failBelow?: number
  breaches: DimensionSummary[]
  malformed: MalformedReport[]
  /** `added`: records new to the store (written unless dryRun); `alreadyStored`: results an earlier run recorded. */
  store: { file: string; added: number; alreadyStored: number; notRecorded: number; dryRun: boolean }
  review?: { file: string; added: number; pending: number; problems: string[] }
  /**
   * Sampled transcripts without a score from some scorer (a failed score: the endpoint failed or was not
   * reached, the call cap, an unusable reply, an unreadable transcript), each with the first reason; the
   * run fails when there are more than `allowed` (audit.max-unscored). Awaiting a reviewer is not unscored.
   */
  unscored: { transcripts: UnscoredTranscript[]; allowed: number }
  /** `stoppedBy`: why the llm scorer sent no more requests (401/403: the credentials were refused). */
  llm?: { model: string; calls: number; overCap: number; stoppedBy?: LlmStop }
  warnings: string[]
}

const SCAN_CONCURRENCY = 8
/** Transcripts read at once while scoring; the model budget is handed out batch by batch, in draw order. */
const SCORE_BATCH = 8
const SCORER_ORDER: readonly AuditScorerName[] = ['rules', 'llm', 'human']

/** The scorers a run with these settings uses: what the entries need to prepare (the llm endpoint). */
export function scorersInUse(config: AuditConfig, scorer: AuditScorerName | undefined): Set<AuditScorerName> {
  return new Set(withScorer(config.rubric.dimensions, scorer).map((d) => d.scorer))
}

function checkDimensions(dimensions: readonly AuditDimension[], config: AuditConfig, request: AuditRequest, configFile: string | undefined): void {
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
}

interface ReadOutcome extends SampledRead {
  sample: SampledTranscript
}

function fromRecord(record: AuditRecord, dimensions: readonly AuditDimension[], stratum: SampledTranscript['stratum'], transcript: string): TranscriptResult {
  const scores: Record<string, DimensionScore> = {}
  for (const d of dimensions) {
    const value = record.scores[d.name]
    const reason = record.reasons[d.name] ?? ''
    scores[d.name] = typeof value === 'number' ? scored(value, reason) : failed(reason || 'no score was recorded', true)
  }
  return { transcript, sha256: record.sha256, scorer: record.scorer, stratum, model: record.model, scores, reused: true }
}

/** The records of a store file by key, and how many of its lines are not records. */
async function readStore(adapters: AuditAdapters, storeFile: string, maxLineBytes: number): Promise<{ records: Map<string, AuditRecord>; bad: number }> {
  const records = new Map<string, AuditRecord>()
  let bad = 0
  if (!adapters.exists(storeFile)) return { records, bad }
  for await (const line of readNdjson(adapters.open(storeFile), { maxLineBytes })) {
    const record = 'value' in line ? recordOf(line.value) : undefined
    if (record === undefined) bad++
    else records.set(recordKey(record), record)
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

export async function runAudit(config: AuditConfig, request: AuditRequest, adapters: AuditAdapters, configFile?: string): Promise<AuditRunResult> {
  const dimensions = withScorer(config.rubric.dimensions, request.scorer)
  checkDimensions(dimensions, config, request, configFile)
  const byScorer = (scorer: AuditScorerName) => dimensions.filter((d) => d.scorer === scorer)
  const rulesDims = byScorer('rules')
  const llmDims = byScorer('llm')
  const humanDims = byScorer('human')
  if (llmDims.length > 0 && adapters.chat === undefined) throw new Error('runAudit: the llm scorer is in use but no chat adapter was given')

  const version = rubricVersion(config.rubric)
  const { period } = request
  const seed = config.seed
  const warnings: string[] = []

  // --- scan ----------------------------------------------------------------------------------------
  const files = await adapters.glob(config.paths)
  const flaggedPattern = config.strata.flagged ? new RegExp(config.strata.flaggedPattern, 'i') : undefined
  const scanRequest: AuditScanRequest = { paths: files, fields: config.fields, maxLineBytes: config.maxLineBytes, period, ...(flaggedPattern !== undefined && { flagged: flaggedPattern }) }
  const scanProgress = (done: number) => adapters.onProgress?.({ phase: 'scanning', done, total: files.length })
  const scanned = await adapters.scanMany?.(scanRequest, scanProgress)
  let scans: Array<{ path: string; result: ScanResult }>
  if (scanned !== undefined) scans = files.map((path, i) => ({ path, result: scanned[i] as ScanResult }))
  else {
    const scanLimit = pLimit(SCAN_CONCURRENCY)
    let count = 0
    scans = await Promise.all(
      files.map((path) =>
        scanLimit(async () => {
          const result = await scanTranscript(adapters.open(path), { ...scanRequest, path })
          scanProgress(++count)
          return { path, result }
        })
      )
    )
  }
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

  const draw = selectSample(candidates, { seed, size: config.sampleSize, includeFlagged: config.strata.flagged, maxPerAgentDay: config.strata.maxPerAgentDay })

  // --- what earlier runs recorded ------------------------------------------------------------------
  const storeFile = storeFilePath(config.outputDir, period)
  const { records: stored, bad } = await readStore(adapters, storeFile, config.maxLineBytes)
  if (bad > 0) warnings.push(`${storeFile}: ${bad === 1 ? '1 line that is not an audit record was' : `${bad} lines that are not audit records were`} ignored`)

  // --- the human review file -----------------------------------------------------------------------
  const reviewFile = reviewFilePath(config.outputDir, period, seed)
  let review: ReviewFile | undefined
  let reviewText: string | undefined
  let reviewBroken: string | undefined
  if (humanDims.length > 0) {
    reviewText = await adapters.readText(reviewFile)
    if (reviewText !== undefined) {
      const parsed = parseReviewFile(reviewText)
      if ('error' in parsed) {
        reviewBroken = parsed.error
        warnings.push(`${reviewFile}: ${parsed.error}; its scores cannot be read and nothing was added to it: fix it and run again`)
      } else review = parsed.file
    }
  }

  // --- score ----------------------------------------------------------------------------------------
  const rules = rulesDims.length > 0 ? compileRules(rulesDims, config.fields) : undefined
  const llm: LlmScorer | undefined = llmDims.length > 0 && adapters.chat ? createLlmScorer(llmDims, { model: config.llm.model ?? '', complete: adapters.chat }) : undefined
  const needsText = llmDims.length > 0 || humanDims.length > 0
  const llmLimit = pLimit(config.llm.concurrency)
  let llmBudget = config.llm.maxCalls
  let llmCalls = 0
  let overCap = 0

  const results: TranscriptResult[] = []
  const malformed: MalformedReport[] = []
  const reviewAdditions: ReviewEntry[] = []
  const reviewProblems: string[] = []
  let done = 0

  const readOptions: SampledReadOptions = {
    fields: config.fields,
    maxLineBytes: config.maxLineBytes,
    ...(rules !== undefined && { rules }),
    ...(needsText && { render: { budgetChars: config.budgetChars, includeNotes: config.llm.includeNotes, otherFields: config.llm.otherFields } })
  }
  const readOne = async (sample: SampledTranscript): Promise<ReadOutcome> => ({ sample, ...(await readSampled(adapters.open(sample.path), readOptions)) })
  // A sample only the rules score can be read all at once; with the llm or human scorer it is read batch
  // by batch (an excerpt is kept for each transcript until its turn).
  const bulk = needsText
    ? undefined
    : await adapters.readMany?.({ paths: draw.map((d) => d.path), fields: config.fields, maxLineBytes: config.maxLineBytes, rules: rulesDims }, (n) =>
        adapters.onProgress?.({ phase: 'scoring', done: n, total: draw.length })
      )

  for (let i = 0; i < draw.length; i += SCORE_BATCH) {
    const slice = draw.slice(i, i + SCORE_BATCH)
    const batch: ReadOutcome[] = bulk !== undefined ? slice.map((sample, j) => ({ sample, ...(bulk[i + j] as SampledRead) })) : await Promise.all(slice.map(readOne))
    const llmJobs: Array<Promise<void>> = []
    // In draw order, so which transcripts get the model budget does not depend on timing.
    for (const outcome of batch) {
      const { sample, sha256 } = outcome
      malformed.push(...outcome.malformed.map((m) => ({ path: sample.path, ...m })))
      if (outcome.moreMalformed > 0) warnings.push(`${sample.path}: ${plural(outcome.moreMalformed, 'more malformed line')} not listed`)
      const base = { transcript: sample.path, sha256, stratum: sample.stratum, reused: false }
      const keyOf = (scorer: AuditScorerName) => recordKey({ period, seed, sha256, rubric_version: version, scorer })

      if (outcome.rules) results.push({ ...base, scorer: 'rules', model: null, scores: outcome.rules })

      if (llm) {
        const earlier = stored.get(keyOf('llm'))
        if (earlier) results.push(fromRecord(earlier, llmDims, sample.stratum, sample.path))
        else if (outcome.unreadable !== undefined) {
          const why = `not scored: the transcript could not be read through (${outcome.unreadable})`
          results.push({ ...base, scorer: 'llm', model: config.llm.model ?? null, scores: Object.fromEntries(llmDims.map((d) => [d.name, failed(why, false)])) })
        } else if (llmBudget <= 0) {
          overCap++
          const why = `not scored: this run reached its cap of ${plural(config.llm.maxCalls, 'model call')} (audit.llm.max-calls); the next run scores it`
          results.push({ ...base, scorer: 'llm', model: config.llm.model ?? null, scores: Object.fromEntries(llmDims.map((d) => [d.name, failed(why, false)])) })
        } else {
          llmBudget--
          llmCalls++
          const result: TranscriptResult = { ...base, scorer: 'llm', model: config.llm.model ?? null, scores: {} }
          results.push(result)
          const rendered = outcome.rendered ?? { text: '', events: 0, omitted: 0 }
          llmJobs.push(
            llmLimit(async () => {
              result.scores = await llm.score({ ...rendered, path: sample.path })
            })
          )
        }
      }

      if (humanDims.length > 0) {
        const earlier = stored.get(keyOf('human'))
        if (earlier) results.push(fromRecord(earlier, humanDims, sample.stratum, sample.path))
        else {
          const filled = review?.entries.get(reviewKey(sample.path, sha256))
          const { scores, problems } = reviewedScores(filled, humanDims, reviewFile)
          reviewProblems.push(...problems.map((p) => `${sample.path}: ${p}`))
          if (reviewBroken !== undefined) for (const d of humanDims) scores[d.name] = { ...(scores[d.name] as DimensionScore), reason: `the review file ${reviewFile} cannot be read: ${reviewBroken}` }
          results.push({ ...base, scorer: 'human', model: null, scores })
          if (filled === undefined && outcome.unreadable === undefined) {
            reviewAdditions.push({ transcript: sample.path, sha256, excerpt: outcome.rendered?.text ?? '' })
          }
        }
      }
    }
    await Promise.all(llmJobs)
    done += batch.length
    if (bulk === undefined) adapters.onProgress?.({ phase: 'scoring', done, total: draw.length })
  }

  // --- record ---------------------------------------------------------------------------------------
  const now = adapters.now().toISOString()
  const finished = results.filter((r) => !r.reused && Object.values(r.scores).every((s) => s.final))
  const records: AuditRecord[] = finished.map((r) => ({
    period,
    seed,
    transcript: r.transcript,
    sha256: r.sha256,
    rubric_version: version,
    scorer: r.scorer,
    model: r.model,
    stratum: r.stratum,
    scores: Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, s.score])),
    reasons: Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, s.reason])),
    scored_at: now
  }))
  const toAppend = request.dryRun ? newRecords(records, new Set(stored.keys())) : await appendNewRecords(adapters, storeFile, records, config.maxLineBytes)
  const notRecorded = results.filter((r) => !r.reused && !Object.values(r.scores).every((s) => s.final)).length

  let reviewSummary: AuditRunResult['review']
  if (humanDims.length > 0) {
    let added = 0
    if (!request.dryRun && reviewBroken === undefined && reviewAdditions.length > 0) {
      const entries = renderReviewEntries(reviewAdditions, humanDims)
      if (reviewText === undefined) {
        await adapters.writeText(reviewFile, renderReviewHeader({ period, seed, rubricVersion: version, dimensions: humanDims, storeFile, rerun: rerunCommand(config, request) }) + entries)
        added = reviewAdditions.length
      } else {
        // Appended only if the file still reads as a review with these entries at the end of its list.
        const joined = `${reviewText}${reviewText.endsWith('\n') ? '' : '\n'}${entries}`
        const check = parseReviewFile(joined)
        if ('file' in check && reviewAdditions.every((e) => check.file.entries.has(reviewKey(e.transcript, e.sha256)))) {
          await adapters.appendText(reviewFile, entries)
          added = reviewAdditions.length
        } else {
          warnings.push(`${reviewFile}: ${plural(reviewAdditions.length, 'transcript')} could not be added, because \`transcripts:\` is no longer the file's last list: move it to the end and run again`)
        }
      }
    }
    const pendingCount = results.filter((r) => r.scorer === 'human' && Object.values(r.scores).some((s) => s.state === 'pending')).length
    reviewSummary = { file: reviewFile, added, pending: pendingCount, problems: reviewProblems }
  }

  const ordered = [...results].sort((a, b) =>
    a.transcript < b.transcript ? -1 : a.transcript > b.transcript ? 1 : SCORER_ORDER.indexOf(a.scorer) - SCORER_ORDER.indexOf(b.scorer)
  )
  malformed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line))
  const summaries = summarise(dimensions, ordered.filter((r) => r.stratum === 'random'))
  const result: AuditRunResult = {
    period,
    seed,
    rubricVersion: version,
    dimensions,
    counts: { found: files.length, inPeriod: candidates.length, flagged: candidates.filter((c) => c.flagged).length, undated },
    sampled: ordered,
    draw,
    summaries,
    flaggedSummaries: summarise(dimensions, ordered.filter((r) => r.stratum === 'flagged')),
    lowest: lowestScoring(dimensions, ordered),
    breaches: failBelowBreaches(summaries, config.failBelow),
    unscored: { transcripts: unscoredOf(ordered), allowed: config.maxUnscored },
    malformed,
    store: { file: storeFile, added: toAppend.length, alreadyStored: results.filter((r) => r.reused).length + records.length - toAppend.length, notRecorded, dryRun: request.dryRun === true },
    warnings
  }
  if (config.failBelow !== undefined) result.failBelow = config.failBelow
  if (reviewSummary) result.review = reviewSummary
  if (llm) {
    const stoppedBy = llm.stoppedBy()
    result.llm = { model: config.llm.model ?? '', calls: llmCalls, overCap, ...(stoppedBy !== undefined && { stoppedBy }) }
  }
  return result
}
