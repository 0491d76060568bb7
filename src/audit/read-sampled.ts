// One sampled transcript read through once: its hash, its rules scores and, for the llm and human
// scorers, its excerpt. Used in-process and by the audit workers (src/io/audit-worker.ts) alike; the
// lines come from the I/O layer (src/io/transcript-lines.ts).

import type { AuditFieldNames } from '../config/types.js'
import type { TranscriptEvent } from './fields.js'
import { readTranscript, type MalformedLine, type TranscriptLines } from './read-transcript.js'
import { createRenderer, type RenderedTranscript } from './render.js'
import type { RuleScorer } from './rules-scorer.js'
import type { DimensionScore } from './scores.js'

export interface SampledReadOptions {
  fields: AuditFieldNames
  /** Score the rules dimensions. */
  rules?: RuleScorer
  /** Render an excerpt within the budget, for the llm and human scorers. */
  render?: { budgetChars: number; includeNotes: boolean; otherFields: readonly string[] }
}

export interface SampledRead {
  sha256: string
  rules?: Record<string, DimensionScore>
  rendered?: RenderedTranscript
  /** Why it could not be read through; then no scorer gives it a score. */
  unreadable?: string
  malformed: MalformedLine[]
  moreMalformed: number
}

export async function readSampled(lines: TranscriptLines, options: SampledReadOptions): Promise<SampledRead> {
  const scoring = options.rules?.start()
  const renderer = options.render ? createRenderer({ fields: options.fields, ...options.render }) : undefined
  const read = await readTranscript(lines, (event: TranscriptEvent) => {
    scoring?.accept(event)
    renderer?.accept(event)
  })
  const out: SampledRead = { sha256: read.sha256, malformed: read.malformed, moreMalformed: read.moreMalformed }
  if (read.unreadable !== undefined) out.unreadable = read.unreadable
  if (scoring) out.rules = scoring.finish(read.unreadable === undefined ? {} : { unreadable: `the transcript could not be read through (${read.unreadable})` })
  if (renderer) out.rendered = renderer.finish()
  return out
}
