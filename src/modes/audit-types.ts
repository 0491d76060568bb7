// The audit mode's contract with its entries: the request, the adapters every side effect goes through
// (files, the model endpoint, the clock, worker threads), and the result as data (src/report/audit-*.ts
// render it). Kept apart from runAudit so the stages in audit-scoring.ts and audit-review-file.ts can
// name these types without importing the mode itself.

import type { AuditConfig, AuditDimension, AuditScorerName } from '../config/types.js'
import type { ChatComplete, LlmStop } from '../audit/llm-scorer.js'
import type { MalformedLine, TranscriptLines } from '../audit/read-transcript.js'
import type { SampledRead } from '../audit/read-sampled.js'
import type { SampledTranscript } from '../audit/sample.js'
import type { ScanOptions, ScanResult } from '../audit/scan.js'
import type { DimensionSummary, RankedTranscript, TranscriptResult } from '../audit/summary.js'

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
  /** The sampling pass over one repository-relative transcript (src/io/transcript-scan.ts). */
  scan(path: string, options: Omit<ScanOptions, 'path'>): Promise<ScanResult>
  /** The parsed lines of a repository-relative NDJSON file (gunzipped for `.gz`), hashed as they are read. */
  lines(path: string, maxLineBytes: number): TranscriptLines
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
   * answers undefined, and the scan is done here, with `scan`.
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
