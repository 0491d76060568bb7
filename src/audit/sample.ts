// Choosing the sample of a period. Every transcript gets a key, the SHA-256 of the seed and its path; the
// sample is the transcripts with the smallest keys. So the same transcripts and seed always give the same
// sample, whatever order the files were found in, and a transcript added later displaces at most one.
// With the flagged stratum, the transcripts whose events carry error or policy notes are added on top of
// that random draw (those it did not already take): the random stratum is the same with or without the
// flagged one, so its means stay unbiased. The cap per agent and day is filled by the random draw first.

import { createHash } from 'node:crypto'

export interface TranscriptCandidate {
  /** Repository-relative, `/`-separated: the same on every machine, so it can seed the hash. */
  path: string
  period: string
  /** `YYYY-MM-DD` (UTC), when known. */
  day?: string
  agent?: string
  /** Some event's notes match the flagged pattern (only looked for when the stratum is on). */
  flagged: boolean
}

export type Stratum = 'flagged' | 'random'

export interface SampledTranscript {
  path: string
  stratum: Stratum
  /** The sampling key (hex), recorded so anyone can check the draw. */
  key: string
}

export interface SampleOptions {
  seed: string
  size: number
  includeFlagged: boolean
  /** 0: no cap. */
  maxPerAgentDay: number
}

export function sampleKey(seed: string, path: string): string {
  return createHash('sha256').update(seed).update('\n').update(path).digest('hex')
}

function agentDay(candidate: TranscriptCandidate): string {
  return `${candidate.agent ?? ''}\n${candidate.day ?? ''}`
}

/** The sample, in draw order: `size` transcripts at random (by key), then the flagged ones not drawn (when asked for). */
export function selectSample(candidates: readonly TranscriptCandidate[], options: SampleOptions): SampledTranscript[] {
  const keyed = candidates
    .map((candidate) => ({ candidate, key: sampleKey(options.seed, candidate.path) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.candidate.path < b.candidate.path ? -1 : 1))
  const perAgentDay = new Map<string, number>()
  const taken = new Set<string>()
  const sample: SampledTranscript[] = []
  const take = (candidate: TranscriptCandidate, key: string, stratum: Stratum): void => {
    if (taken.has(candidate.path)) return
    if (options.maxPerAgentDay > 0) {
      const bucket = agentDay(candidate)
      const count = perAgentDay.get(bucket) ?? 0
      if (count >= options.maxPerAgentDay) return
      perAgentDay.set(bucket, count + 1)
    }
    taken.add(candidate.path)
    sample.push({ path: candidate.path, stratum, key })
  }
  for (const { candidate, key } of keyed) {
    if (sample.length >= options.size) break
    take(candidate, key, 'random')
  }
  if (options.includeFlagged) for (const { candidate, key } of keyed) if (candidate.flagged) take(candidate, key, 'flagged')
  return sample
}
