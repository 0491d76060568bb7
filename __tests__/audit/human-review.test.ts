// The review file: written for people, read back strictly, appended to without touching their edits.
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { parseReviewFile, renderReviewEntries, renderReviewHeader, reviewedScores, reviewFilePath, reviewKey } from '../../src/audit/human-review.js'
import { defaultAuditDimensions } from '../../src/config/audit.js'

const DIMS = defaultAuditDimensions().map((d) => ({ ...d, scorer: 'human' as const }))
const HEADER = { period: '2026-10', seed: 'q4 #1', rubricVersion: 'v3', dimensions: DIMS, storeFile: 'reliability/audits/2026-10.ndjson', rerun: 'reliability-loop audit --period 2026-10 --scorer human' }
const ENTRY = { transcript: 'logs/missions/2026-10/mission 1201.ndjson', sha256: 'ab'.repeat(32), excerpt: '[line 1] user: "quotes", # not a comment\n[line 2] assistant: a: b\n' }

describe('the review file', () => {
  it('is named after period and seed, made safe', () => {
    expect(reviewFilePath('reliability/audits', '2026-10', 'q4 #1/..')).toBe('reliability/audits/review/2026-10-q4_1_...yml')
  })

  it('explains itself in comments and lists each transcript with empty scores', () => {
    const text = renderReviewHeader(HEADER) + renderReviewEntries([ENTRY], DIMS)
    expect(text).toContain('# For each transcript below, replace `null` under `scores` with your score')
    expect(text).toContain('#   tone: a whole number from 1 (worst) to 5 (best); passes at 3.')
    expect(text).toContain("#   reliability-loop audit --period 2026-10 --scorer human\n")
    const data = parse(text) as { period: string; seed: string; rubric: string; transcripts: unknown[] }
    expect(data).toEqual({
      period: '2026-10',
      seed: 'q4 #1',
      rubric: 'v3',
      transcripts: [{ transcript: ENTRY.transcript, sha256: ENTRY.sha256, scores: { policy_adherence: null, tone: null, accuracy: null }, reasons: { policy_adherence: '', tone: '', accuracy: '' }, excerpt: ENTRY.excerpt }]
    })
  })

  it('reads back what a reviewer filled in, and entries appended later', () => {
    const filled = (renderReviewHeader(HEADER) + renderReviewEntries([ENTRY], DIMS))
      .replace('tone: null', 'tone: 2 # curt')
      .replace('policy_adherence: null', 'policy_adherence: "1"')
      .replace(/reasons:\n(\s+)policy_adherence: ""\n\s+tone: ""/, 'reasons:\n$1policy_adherence: ""\n$1tone: Dismissive reply')
    const more = renderReviewEntries([{ ...ENTRY, transcript: 'logs/other.ndjson' }], DIMS)
    const parsed = parseReviewFile(filled + more)
    if (!('file' in parsed)) throw new Error(parsed.error)
    expect([...parsed.file.entries.keys()]).toEqual([reviewKey(ENTRY.transcript, ENTRY.sha256), reviewKey('logs/other.ndjson', ENTRY.sha256)])
    const { scores, problems } = reviewedScores(parsed.file.entries.get(reviewKey(ENTRY.transcript, ENTRY.sha256)), DIMS, 'f.yml')
    expect(problems).toEqual([])
    expect(scores.tone).toEqual({ score: 2, reason: 'Dismissive reply', state: 'scored', final: true })
    expect(scores.policy_adherence).toEqual({ score: 1, reason: 'scored by a reviewer in f.yml', state: 'scored', final: true })
    expect(scores.accuracy).toEqual({ score: null, reason: "awaiting a reviewer's score in f.yml", state: 'pending', final: false })
  })

  it('keeps a score off the scale pending, and says why', () => {
    const { scores, problems } = reviewedScores({ scores: { tone: 4.5, policy_adherence: 'yes', accuracy: 2 }, reasons: {} }, DIMS, 'f.yml')
    expect(problems).toEqual(['policy_adherence is "yes", not a number from 0 (worst) to 1 (best)', 'tone is 4.5, not a whole number from 1 (worst) to 5 (best)', 'accuracy is 2, not a number from 0 (worst) to 1 (best)'])
    expect(Object.values(scores).every((s) => s.state === 'pending')).toBe(true)
  })

  it('refuses a file that does not parse rather than treat it as empty', () => {
    expect(parseReviewFile('transcripts:\n  - transcript: [unclosed\n')).toEqual({ error: expect.stringMatching(/^invalid YAML/) })
    expect(parseReviewFile('transcripts: 3\n')).toEqual({ error: '`transcripts` must be a list' })
    expect(parseReviewFile('')).toEqual({ file: { entries: new Map() } })
  })
})
