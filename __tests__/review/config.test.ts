// The `review:` section: defaults, every setting, and mistakes reported with file, line and key.
import { describe, expect, it } from '@jest/globals'
import { ConfigError, type ConfigIssue } from '../../src/config/errors.js'
import { loadConfig } from '../../src/config/load.js'
import { defaultReviewConfig } from '../../src/config/review.js'
import { DEFAULT_REVIEW_THRESHOLDS } from '../../src/config/review-schema.js'

const ROOT = '/repo'
const YML = '/repo/.github/reliability.yml'
const load = (text?: string) => loadConfig({ root: ROOT, readFile: (p) => (p === YML ? text : undefined) })
const lines = (...l: string[]) => `${l.join('\n')}\n`

function issuesOf(run: () => unknown): ConfigIssue[] {
  try {
    run()
  } catch (e) {
    if (e instanceof ConfigError) return [...e.issues]
    throw e
  }
  throw new Error('expected a ConfigError')
}

describe('review config', () => {
  it('applies the defaults without a section, taking the audit directory from audit.output-dir', () => {
    expect(load().review).toEqual(defaultReviewConfig())
    expect(load(lines('review:')).review).toEqual(defaultReviewConfig())
    expect(load(lines('audit:', '  output-dir: scores')).review?.auditDir).toBe('scores')
    expect(defaultReviewConfig().thresholds).toEqual(DEFAULT_REVIEW_THRESHOLDS)
  })

  it('reads every setting', () => {
    const review = load(
      lines(
        'review:',
        '  incidents:',
        '    paths: [incidents/*.jsonl]',
        '    fields: { ts: time, id: incident_id, started-at: opened }',
        '    resolved-statuses: [done]',
        '  bypass-log: ./logs/bypass.ndjson',
        '  audit-dir: audit-scores/',
        '  output-dir: meetings/reviews',
        '  thresholds:',
        '    bypasses: { amber: 2, red: 4 }'
      )
    ).review
    expect(review).toMatchObject({
      incidents: { source: 'files', paths: ['incidents/*.jsonl'], fields: { ts: 'time', id: 'incident_id', startedAt: 'opened', status: 'status' }, resolvedStatuses: ['done'] },
      bypassLog: 'logs/bypass.ndjson',
      auditDir: 'audit-scores',
      outputDir: 'meetings/reviews',
      thresholds: { bypasses: { amber: 2, red: 4 }, incidents: { amber: 1, red: 3 } }
    })
  })

  it('reports unknown keys, paths outside the repository and amber above red with their line', () => {
    expect(issuesOf(() => load(lines('review:', '  colour: red'))).map((i) => [i.key, i.line])).toEqual([['review.colour', 2]])
    const issues = issuesOf(() => load(lines('review:', '  output-dir: ../elsewhere', '  thresholds:', '    bypasses: { amber: 5, red: 1 }')))
    expect(issues.map((i) => [i.key, i.line, i.file])).toEqual([
      ['review.output-dir', 2, '.github/reliability.yml'],
      ['review.thresholds.bypasses', 4, '.github/reliability.yml']
    ])
    expect(issues[1]?.message).toBe('amber (5) must not be above red (1)')
  })
})
