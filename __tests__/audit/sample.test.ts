// Sampling: reproducible from seed and paths alone, the flagged stratum, and the cap per agent and day.
import { createHash } from 'node:crypto'
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { sampleKey, selectSample, type TranscriptCandidate } from '../../src/audit/sample.js'

const candidates = (n: number, extra: (i: number) => Partial<TranscriptCandidate> = () => ({})): TranscriptCandidate[] =>
  Array.from({ length: n }, (_, i) => ({ path: `logs/missions/2026-10/mission-${1000 + i}.ndjson`, period: '2026-10', flagged: false, ...extra(i) }))

const options = { seed: 's1', size: 5, includeFlagged: false, maxPerAgentDay: 0 }
const paths = (list: { path: string }[]) => list.map((s) => s.path)

describe('sampleKey', () => {
  it('is the SHA-256 of seed, a line break and the path: anyone can recompute a draw', () => {
    expect(sampleKey('s1', 'a/b.ndjson')).toBe(createHash('sha256').update('s1\na/b.ndjson').digest('hex'))
  })
})

describe('selectSample', () => {
  it('takes the transcripts with the smallest keys', () => {
    const all = candidates(40)
    const expected = all
      .map((c) => ({ path: c.path, key: sampleKey('s1', c.path) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .slice(0, 5)
    expect(selectSample(all, options)).toEqual(expected.map((e) => ({ ...e, stratum: 'random' })))
  })

  it('gives the same sample for the same seed whatever order the files were found in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(candidates(30), { minLength: 30, maxLength: 30 }), fc.string(), (shuffled, seed) => {
        expect(selectSample(shuffled, { ...options, seed })).toEqual(selectSample(candidates(30), { ...options, seed }))
      })
    )
  })

  it('draws another sample with another seed', () => {
    const a = paths(selectSample(candidates(200), options))
    const b = paths(selectSample(candidates(200), { ...options, seed: 's2' }))
    expect(a).not.toEqual(b)
  })

  it('takes everything when the period has fewer transcripts than the sample size', () => {
    expect(selectSample(candidates(3), options)).toHaveLength(3)
    expect(selectSample([], options)).toEqual([])
  })

  it('changes by at most one transcript when one is added', () => {
    const before = paths(selectSample(candidates(50), options))
    const after = paths(selectSample([...candidates(50), { path: 'logs/missions/late.ndjson', period: '2026-10', flagged: false }], options))
    expect(after.filter((p) => !before.includes(p)).length).toBeLessThanOrEqual(1)
  })

  it('with the flagged stratum, takes N at random first, then adds every flagged transcript not already drawn', () => {
    const all = candidates(60, (i) => ({ flagged: i % 20 === 7 }))
    const sample = selectSample(all, { ...options, includeFlagged: true })
    // The random stratum is exactly the sample drawn without the stratum: adding flagged ones never biases it.
    const random = selectSample(all, options)
    expect(random).toHaveLength(5)
    expect(sample.slice(0, 5)).toEqual(random)
    const flaggedPaths = all.filter((c) => c.flagged).map((c) => c.path)
    const drawnAtRandom = new Set(paths(random))
    expect(paths(sample.filter((s) => s.stratum === 'flagged')).sort()).toEqual(flaggedPaths.filter((p) => !drawnAtRandom.has(p)).sort())
    expect(sample).toHaveLength(5 + flaggedPaths.filter((p) => !drawnAtRandom.has(p)).length)
    // Without the stratum, flagged ones are just candidates.
    expect(random.every((s) => s.stratum === 'random')).toBe(true)
  })

  it('adds the flagged transcripts on top of the sample size', () => {
    const sample = selectSample(candidates(30, (i) => ({ flagged: i < 8 })), { ...options, includeFlagged: true })
    expect(sample.filter((s) => s.stratum === 'random')).toHaveLength(5)
    const randomFlagged = sample.filter((s) => s.stratum === 'random' && Number(/(\d+)\.ndjson$/.exec(s.path)?.[1]) < 1008).length
    expect(sample.filter((s) => s.stratum === 'flagged')).toHaveLength(8 - randomFlagged)
    expect(new Set(paths(sample)).size).toBe(sample.length)
  })

  it('caps the sample per agent and day, the random draw first, then the flagged ones within the cap', () => {
    const all = candidates(40, (i) => ({ agent: i % 2 === 0 ? 'support' : 'billing', day: `2026-10-0${1 + (i % 4)}`, flagged: i === 0 || i === 4 }))
    const sample = selectSample(all, { ...options, size: 30, includeFlagged: true, maxPerAgentDay: 1 })
    const byName = new Map(all.map((c) => [c.path, c]))
    const buckets = sample.map((s) => `${byName.get(s.path)?.agent}/${byName.get(s.path)?.day}`)
    // 4 buckets (support on days 1 and 3, billing on 2 and 4), at most one each: the random draw fills
    // every bucket, so no flagged one fits.
    expect(new Set(buckets).size).toBe(buckets.length)
    expect(sample).toHaveLength(4)
    expect(sample.every((s) => s.stratum === 'random')).toBe(true)
    expect(selectSample(all, { ...options, size: 30, maxPerAgentDay: 1 })).toEqual(sample)
  })

  it('treats a missing agent or day as one bucket of its own', () => {
    const sample = selectSample(candidates(10), { ...options, maxPerAgentDay: 2 })
    expect(sample).toHaveLength(2)
  })
})
