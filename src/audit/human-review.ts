// The `human` scorer: a review file (YAML) lists the sampled transcripts, each with an excerpt and an
// empty score per human dimension. A person fills the scores in; the next run of the same period and
// seed reads them back and records them. A score counts only for the transcript content it was given
// for (path and SHA-256). New transcripts are appended to the file as text, so the reviewer's edits and
// comments are never rewritten.

import { parseDocument, stringify } from 'yaml'
import type { AuditDimension } from '../config/types.js'
import { describeScale, isOnScale } from './rubric.js'
import { pending, scored, type DimensionScore } from './scores.js'

export interface ReviewEntry {
  transcript: string
  sha256: string
  excerpt: string
}

export interface FilledReview {
  scores: Record<string, unknown>
  reasons: Record<string, unknown>
}

export interface ReviewFile {
  /** Filled or not, by reviewKey. */
  entries: Map<string, FilledReview>
}

export function reviewKey(transcript: string, sha256: string): string {
  return `${transcript}\n${sha256}`
}

/** `<output-dir>/review/<period>-<seed>.yml`, the seed made safe for a file name. */
export function reviewFilePath(outputDir: string, period: string, seed: string): string {
  const safeSeed = seed.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'seed'
  return `${outputDir}/review/${period}-${safeSeed}.yml`
}

export interface ReviewHeader {
  period: string
  seed: string
  rubricVersion: string
  dimensions: readonly AuditDimension[]
  /** Where the recorded scores go, for the instructions. */
  storeFile: string
  /** The command line that reads the scores back: the same period, seed, sample and scorer as this run. */
  rerun: string
}

function commentLines(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '#' : `# ${line}`))
    .join('\n')
}

export function renderReviewHeader(header: ReviewHeader): string {
  const scales = header.dimensions.map((d) => `  ${d.name}: ${describeScale(d)}; passes at ${d.threshold}. ${d.description}`).join('\n')
  const instructions = [
    `reliability-loop audit: human review of ${header.period} (seed ${JSON.stringify(header.seed)}, rubric ${header.rubricVersion}).`,
    '',
    'For each transcript below, replace `null` under `scores` with your score, and say why under `reasons`.',
    'The scales:',
    scales,
    '',
    'Then run the audit again with the same settings:',
    `  ${header.rerun}`,
    `Filled-in scores are recorded in ${header.storeFile}; scores left null stay pending.`,
    'Keep `transcript` and `sha256` as they are: a score counts only for the content it was given for.'
  ].join('\n')
  const meta = stringify({ period: header.period, seed: header.seed, rubric: header.rubricVersion }, { lineWidth: 0 })
  return `${commentLines(instructions)}\n${meta}transcripts:\n`
}

/** Entries as items of the `transcripts:` list, ready to append to the file. */
export function renderReviewEntries(entries: readonly ReviewEntry[], dimensions: readonly AuditDimension[]): string {
  return entries
    .map((entry) => {
      const item = {
        transcript: entry.transcript,
        sha256: entry.sha256,
        scores: Object.fromEntries(dimensions.map((d) => [d.name, null])),
        reasons: Object.fromEntries(dimensions.map((d) => [d.name, ''])),
        excerpt: entry.excerpt
      }
      const yaml = stringify([item], { lineWidth: 0, blockQuote: 'literal' })
      return yaml
        .split('\n')
        .map((line) => (line === '' ? line : `  ${line}`))
        .join('\n')
    })
    .join('')
}

/** Reads a review file; a file that does not parse is an error, never an empty review (it holds someone's work). */
export function parseReviewFile(text: string): { file: ReviewFile } | { error: string } {
  const doc = parseDocument(text, { prettyErrors: false })
  if (doc.errors.length > 0) return { error: `invalid YAML: ${(doc.errors[0]?.message ?? '').split('\n')[0]}` }
  const data: unknown = doc.toJS()
  const list = (data as { transcripts?: unknown } | null)?.transcripts
  if (list !== undefined && list !== null && !Array.isArray(list)) return { error: '`transcripts` must be a list' }
  const entries = new Map<string, FilledReview>()
  for (const item of (list ?? []) as unknown[]) {
    if (item === null || typeof item !== 'object') continue
    const { transcript, sha256, scores, reasons } = item as Record<string, unknown>
    if (typeof transcript !== 'string' || typeof sha256 !== 'string') continue
    entries.set(reviewKey(transcript, sha256), {
      scores: scores !== null && typeof scores === 'object' ? (scores as Record<string, unknown>) : {},
      reasons: reasons !== null && typeof reasons === 'object' ? (reasons as Record<string, unknown>) : {}
    })
  }
  return { file: { entries } }
}

/** The reviewer's scores for one transcript: scored where filled in on the scale, pending elsewhere. */
export function reviewedScores(filled: FilledReview | undefined, dimensions: readonly AuditDimension[], file: string): { scores: Record<string, DimensionScore>; problems: string[] } {
  const scores: Record<string, DimensionScore> = {}
  const problems: string[] = []
  for (const d of dimensions) {
    const raw = filled?.scores[d.name]
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      scores[d.name] = pending(`awaiting a reviewer's score in ${file}`)
      continue
    }
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN
    if (!isOnScale(d, value)) {
      const problem = `${d.name} is ${JSON.stringify(raw)}, not ${describeScale(d)}`
      problems.push(problem)
      scores[d.name] = pending(`the reviewer's score in ${file} is unusable: ${problem}`)
      continue
    }
    const reason = filled?.reasons[d.name]
    scores[d.name] = scored(value, typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : `scored by a reviewer in ${file}`)
  }
  return { scores, problems }
}
