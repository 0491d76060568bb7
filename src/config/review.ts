// `review:` of the configuration → ReviewConfig: defaults, and what the schema cannot express (paths inside
// the repository, amber not above red).

import { isInsideRepo } from '../util/repo-path.js'
import {
  DEFAULT_BYPASS_LOG,
  DEFAULT_DETECTED_STATUSES,
  DEFAULT_INCIDENT_FIELDS,
  DEFAULT_INCIDENT_PATHS,
  DEFAULT_REDIS_KEY,
  DEFAULT_RESOLVED_STATUSES,
  DEFAULT_REVIEW_OUTPUT_DIR,
  DEFAULT_REVIEW_THRESHOLDS
} from './review-schema.js'
import { resolvedBefore, type ModeSection, type ReportConfigIssue } from './mode-section.js'
import type { Config, ReviewConfig, ReviewThresholdName } from './types.js'
import { dictOrEmpty, type Dict } from '../util/dict.js'


function cleanPath(dir: string): string {
  return dir.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '') || '.'
}

/** The defaults, as a fresh object each call. */
export function defaultReviewConfig(auditDir = 'reliability/audits'): ReviewConfig {
  const f = DEFAULT_INCIDENT_FIELDS
  return {
    incidents: {
      source: 'files',
      paths: [...DEFAULT_INCIDENT_PATHS],
      redisKey: DEFAULT_REDIS_KEY,
      fields: { ts: f.ts, id: f.id, severity: f.severity, status: f.status, title: f.title, postmortem: f.postmortem, startedAt: f['started-at'], detectedAt: f['detected-at'], resolvedAt: f['resolved-at'] },
      resolvedStatuses: [...DEFAULT_RESOLVED_STATUSES],
      detectedStatuses: [...DEFAULT_DETECTED_STATUSES]
    },
    bypassLog: DEFAULT_BYPASS_LOG,
    auditDir,
    outputDir: DEFAULT_REVIEW_OUTPUT_DIR,
    thresholds: Object.fromEntries(Object.entries(DEFAULT_REVIEW_THRESHOLDS).map(([k, v]) => [k, { ...v }])) as ReviewConfig['thresholds']
  }
}

/** The review settings of a Config; the defaults when it was built without the section. */
export function reviewConfigOf(config: Pick<Config, 'review'>): ReviewConfig {
  return config.review
}

export function resolveReview(section: Dict | undefined, report: ReportConfigIssue, auditDir: string): ReviewConfig {
  const s = section ?? {}
  const config = defaultReviewConfig(auditDir)
  const incidents = dictOrEmpty(s.incidents)
  if (incidents.source === 'redis' || incidents.source === 'files') config.incidents.source = incidents.source
  if (Array.isArray(incidents.paths)) config.incidents.paths = incidents.paths.map(String)
  if (typeof incidents['redis-key'] === 'string') config.incidents.redisKey = incidents['redis-key']
  const fields = dictOrEmpty(incidents.fields)
  const names: Record<string, keyof ReviewConfig['incidents']['fields']> = {
    ts: 'ts', id: 'id', severity: 'severity', status: 'status', title: 'title', postmortem: 'postmortem',
    'started-at': 'startedAt', 'detected-at': 'detectedAt', 'resolved-at': 'resolvedAt'
  }
  for (const [key, name] of Object.entries(names)) if (typeof fields[key] === 'string') config.incidents.fields[name] = fields[key]
  if (Array.isArray(incidents['resolved-statuses'])) config.incidents.resolvedStatuses = incidents['resolved-statuses'].map(String)
  if (Array.isArray(incidents['detected-statuses'])) config.incidents.detectedStatuses = incidents['detected-statuses'].map(String)

  for (const key of ['bypass-log', 'audit-dir', 'output-dir'] as const) {
    const value = s[key]
    if (typeof value !== 'string') continue
    const clean = cleanPath(value)
    if (clean === '.' && key !== 'output-dir') continue
    if (!isInsideRepo(clean)) {
      report(['review', key], 'value', 'must be a path inside the repository, relative to its root')
      continue
    }
    if (key === 'bypass-log') config.bypassLog = clean
    else if (key === 'audit-dir') config.auditDir = clean
    else config.outputDir = clean
  }

  const thresholds = dictOrEmpty(s.thresholds)
  for (const name of Object.keys(config.thresholds) as ReviewThresholdName[]) {
    const given = dictOrEmpty(thresholds[name])
    const band = config.thresholds[name]
    if (typeof given.amber === 'number') band.amber = given.amber
    if (typeof given.red === 'number') band.red = given.red
    if (band.amber > band.red) report(['review', 'thresholds', name], 'key', `amber (${band.amber}) must not be above red (${band.red})`)
  }
  return config
}

export const reviewSection: ModeSection<'review'> = {
  key: 'review',
  resolve: (section, report, config) => resolveReview(section, report, resolvedBefore(config, 'audit', 'review').outputDir)
}
