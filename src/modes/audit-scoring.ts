// The scoring stage of the audit mode: each sampled transcript is read once (hash, rules scores, excerpt),
// then scored by the llm (within the run's model-call budget, in draw order) and the human review file,
// unless an earlier run recorded its score. The result is data; runAudit records and reports it.

import pLimit from 'p-limit'
import type { AuditConfig, AuditDimension, AuditScorerName } from '../config/types.js'
import { reviewedScores, reviewKey, type ReviewEntry, type ReviewFile } from '../audit/human-review.js'
import type { LlmScorer } from '../audit/llm-scorer.js'
import { readSampled, type SampledRead, type SampledReadOptions } from '../audit/read-sampled.js'
import type { RuleScorer } from '../audit/rules-scorer.js'
import type { SampledTranscript } from '../audit/sample.js'
import { failed, scored, type DimensionScore } from '../audit/scores.js'
import { recordKey, type AuditRecord } from '../audit/store.js'
import type { TranscriptResult } from '../audit/summary.js'
import { plural } from '../report/text.js'
import type { AuditAdapters, MalformedReport } from './audit-types.js'

/** Transcripts read at once while scoring; the model budget is handed out batch by batch, in draw order. */
const SCORE_BATCH = 8

/** The rubric split by scorer, as this run uses it. */
export interface ScorerDimensions {
  rules: AuditDimension[]
  llm: AuditDimension[]
  human: AuditDimension[]
}

/** The human review file as this run found it. */
export interface ReviewState {
  path: string
  /** The file's text; undefined when there is none yet. */
  text?: string
  /** Its entries, when it parses. */
  parsed?: ReviewFile
  /** Why it does not parse: then nothing is read from it or added to it. */
  broken?: string
}

export interface ScoringContext {
  config: AuditConfig
  period: string
  version: string
  dims: ScorerDimensions
  /** Records of earlier runs by key: a transcript recorded for a scorer is not scored again. */
  stored: ReadonlyMap<string, AuditRecord>
  rules?: RuleScorer
  llm?: LlmScorer
  review?: ReviewState
  adapters: AuditAdapters
  warnings: string[]
}

export interface ScoredSample {
  /** One entry per transcript and scorer, in draw order. */
  results: TranscriptResult[]
  malformed: MalformedReport[]
  /** Transcripts to add to the review file. */
  reviewAdditions: ReviewEntry[]
  reviewProblems: string[]
  llmCalls: number
  overCap: number
}

interface ReadOutcome extends SampledRead {
  sample: SampledTranscript
}

/** The run's model-call budget: taken in draw order, so who gets it does not depend on timing. */
class LlmTurns {
  calls = 0
  overCap = 0
  constructor(private left: number) {}
  take(): boolean {
    if (this.left <= 0) {
      this.overCap++
      return false
    }
    this.left--
    this.calls++
    return true
  }
}

/** A result taken from an earlier run's record, in this run's stratum. */
function fromRecord(record: AuditRecord, dimensions: readonly AuditDimension[], sample: SampledTranscript): TranscriptResult {
  const scores: Record<string, DimensionScore> = {}
  for (const d of dimensions) {
    const value = record.scores[d.name]
    const reason = record.reasons[d.name] ?? ''
    scores[d.name] = typeof value === 'number' ? scored(value, reason) : failed(reason || 'no score was recorded', true)
  }
  return { transcript: sample.path, sha256: record.sha256, scorer: record.scorer, stratum: sample.stratum, model: record.model, scores, reused: true }
}

const allFailed = (dimensions: readonly AuditDimension[], why: string): Record<string, DimensionScore> => Object.fromEntries(dimensions.map((d) => [d.name, failed(why, false)]))

export async function scoreSample(draw: readonly SampledTranscript[], ctx: ScoringContext): Promise<ScoredSample> {
  const { config, adapters } = ctx
  const out: ScoredSample = { results: [], malformed: [], reviewAdditions: [], reviewProblems: [], llmCalls: 0, overCap: 0 }
  const needsText = ctx.dims.llm.length > 0 || ctx.dims.human.length > 0
  const readOptions: SampledReadOptions = {
    fields: config.fields,
    ...(ctx.rules !== undefined && { rules: ctx.rules }),
    ...(needsText && { render: { budgetChars: config.budgetChars, includeNotes: config.llm.includeNotes, otherFields: config.llm.otherFields } })
  }
  const readOne = async (sample: SampledTranscript): Promise<ReadOutcome> => ({ sample, ...(await readSampled(adapters.lines(sample.path, config.maxLineBytes), readOptions)) })
  const progress = (done: number) => adapters.onProgress?.({ phase: 'scoring', done, total: draw.length })
  // A sample only the rules score can be read all at once; with the llm or human scorer it is read batch
  // by batch (an excerpt is kept for each transcript until its turn).
  const bulk = needsText
    ? undefined
    : await adapters.readMany?.({ paths: draw.map((d) => d.path), fields: config.fields, maxLineBytes: config.maxLineBytes, rules: ctx.dims.rules }, progress)

  const turns = new LlmTurns(config.llm.maxCalls)
  const llmLimit = pLimit(config.llm.concurrency)
  for (let i = 0; i < draw.length; i += SCORE_BATCH) {
    const slice = draw.slice(i, i + SCORE_BATCH)
    const batch: ReadOutcome[] = bulk !== undefined ? slice.map((sample, j) => ({ sample, ...(bulk[i + j] as SampledRead) })) : await Promise.all(slice.map(readOne))
    const llmJobs: Array<Promise<void>> = []
    for (const outcome of batch) {
      noteMalformed(outcome, out, ctx.warnings)
      if (outcome.rules) out.results.push({ transcript: outcome.sample.path, sha256: outcome.sha256, stratum: outcome.sample.stratum, reused: false, scorer: 'rules', model: null, scores: outcome.rules })
      const job = scoreWithLlm(outcome, ctx, turns, out)
      if (job !== undefined) llmJobs.push(llmLimit(job))
      scoreWithReview(outcome, ctx, out)
    }
    await Promise.all(llmJobs)
    if (bulk === undefined) progress(Math.min(i + SCORE_BATCH, draw.length))
  }
  out.llmCalls = turns.calls
  out.overCap = turns.overCap
  return out
}

function noteMalformed(outcome: ReadOutcome, out: ScoredSample, warnings: string[]): void {
  out.malformed.push(...outcome.malformed.map((m) => ({ path: outcome.sample.path, ...m })))
  if (outcome.moreMalformed > 0) warnings.push(`${outcome.sample.path}: ${plural(outcome.moreMalformed, 'more malformed line')} not listed`)
}

function keyOf(ctx: ScoringContext, sha256: string, scorer: AuditScorerName): string {
  return recordKey({ period: ctx.period, seed: ctx.config.seed, sha256, rubric_version: ctx.version, scorer })
}

/** The llm result of one transcript, pushed now; the request, when one is due, as a job to run. */
function scoreWithLlm(outcome: ReadOutcome, ctx: ScoringContext, turns: LlmTurns, out: ScoredSample): (() => Promise<void>) | undefined {
  const { llm } = ctx
  if (llm === undefined) return undefined
  const { sample, sha256 } = outcome
  const earlier = ctx.stored.get(keyOf(ctx, sha256, 'llm'))
  if (earlier) {
    out.results.push(fromRecord(earlier, ctx.dims.llm, sample))
    return undefined
  }
  const result: TranscriptResult = { transcript: sample.path, sha256, stratum: sample.stratum, reused: false, scorer: 'llm', model: ctx.config.llm.model ?? null, scores: {} }
  out.results.push(result)
  if (outcome.unreadable !== undefined) {
    result.scores = allFailed(ctx.dims.llm, `not scored: the transcript could not be read through (${outcome.unreadable})`)
    return undefined
  }
  if (!turns.take()) {
    result.scores = allFailed(ctx.dims.llm, `not scored: this run reached its cap of ${plural(ctx.config.llm.maxCalls, 'model call')} (audit.llm.max-calls); the next run scores it`)
    return undefined
  }
  const rendered = outcome.rendered ?? { text: '', events: 0, omitted: 0 }
  return async () => {
    result.scores = await llm.score({ ...rendered, path: sample.path })
  }
}

/** The human result of one transcript: an earlier record, the review file's scores, or pending (and added to the file). */
function scoreWithReview(outcome: ReadOutcome, ctx: ScoringContext, out: ScoredSample): void {
  const dims = ctx.dims.human
  if (dims.length === 0) return
  const { sample, sha256 } = outcome
  const earlier = ctx.stored.get(keyOf(ctx, sha256, 'human'))
  if (earlier) {
    out.results.push(fromRecord(earlier, dims, sample))
    return
  }
  const reviewFile = ctx.review?.path ?? ''
  const filled = ctx.review?.parsed?.entries.get(reviewKey(sample.path, sha256))
  const { scores, problems } = reviewedScores(filled, dims, reviewFile)
  out.reviewProblems.push(...problems.map((p) => `${sample.path}: ${p}`))
  const broken = ctx.review?.broken
  if (broken !== undefined) for (const d of dims) scores[d.name] = { ...(scores[d.name] as DimensionScore), reason: `the review file ${reviewFile} cannot be read: ${broken}` }
  out.results.push({ transcript: sample.path, sha256, stratum: sample.stratum, reused: false, scorer: 'human', model: null, scores })
  if (filled === undefined && outcome.unreadable === undefined) out.reviewAdditions.push({ transcript: sample.path, sha256, excerpt: outcome.rendered?.text ?? '' })
}
