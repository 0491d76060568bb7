// `sync:` of the configuration → SyncConfig: defaults, and the checks the schema cannot express
// (priority keys must be configured severity levels; owner emails must look like emails).

import { severityKey } from '../postmortem/severity.js'
import type { ModeSection, ReportConfigIssue } from './mode-section.js'
import type { Config, SyncConfig, SyncPriority, SyncTrackerKind, SyncWriteBack } from './types.js'
import { dictOrEmpty, type Dict } from '../util/dict.js'



export const DEFAULT_LINEAR_API_URL = 'https://api.linear.app/graphql'

/** The defaults, as a fresh object each call; `levels` are postmortems.severity-levels. */
export function defaultSyncConfig(levels: readonly string[] = ['Sev1', 'Sev2', 'Sev3', 'Sev4']): SyncConfig {
  const scale: SyncPriority[] = ['urgent', 'high', 'medium', 'low']
  const priorities: Record<string, SyncPriority> = {}
  levels.forEach((level, i) => {
    const p = scale[i]
    if (p !== undefined) priorities[level] = p
  })
  return {
    tracker: 'github',
    labels: ['reliability'],
    severityLabels: true,
    priorities,
    owners: {},
    writeBack: 'commit',
    tickClosed: false,
    requireValidItems: false,
    concurrency: 4,
    decisionPaths: ['docs/reviews/*.md'],
    github: { milestones: false },
    linear: { apiUrl: DEFAULT_LINEAR_API_URL },
    jira: { issueType: 'Task', priorities: { urgent: 'Highest', high: 'High', medium: 'Medium', low: 'Low' } }
  }
}

/** The sync settings of a Config; the defaults when it was built without the sync section (tests). */
export function syncConfigOf(config: Pick<Config, 'sync'>): SyncConfig {
  return config.sync
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+$/

export function resolveSync(section: Dict | undefined, report: ReportConfigIssue, config: Pick<Config, 'lint'>): SyncConfig {
  const levels = config.lint.postmortems.severityLevels
  const sync = defaultSyncConfig(levels)
  const s = section ?? {}
  if (typeof s.tracker === 'string') sync.tracker = s.tracker as SyncTrackerKind
  if (Array.isArray(s.labels)) sync.labels = s.labels.map(String)
  if (typeof s['severity-labels'] === 'boolean') sync.severityLabels = s['severity-labels']
  if (typeof s['write-back'] === 'string') sync.writeBack = s['write-back'] as SyncWriteBack
  if (typeof s['tick-closed'] === 'boolean') sync.tickClosed = s['tick-closed']
  if (typeof s['require-valid-items'] === 'boolean') sync.requireValidItems = s['require-valid-items']
  if (typeof s.concurrency === 'number') sync.concurrency = s.concurrency
  if (Array.isArray(s['decision-paths'])) sync.decisionPaths = s['decision-paths'].map(String)

  if (s.priorities !== undefined) {
    // Written keys are matched onto the configured spelling (`SEV-1` → `Sev1`), as in postmortems.
    const byKey = new Map(levels.map((l) => [severityKey(l), l]))
    for (const [written, value] of Object.entries(dictOrEmpty(s.priorities))) {
      const level = byKey.get(severityKey(written))
      if (level === undefined) {
        report(['sync', 'priorities', written], 'key', `not one of postmortems.severity-levels (${levels.join(', ')})`)
        continue
      }
      sync.priorities[level] = value as SyncPriority
    }
  }

  for (const [handle, entry] of Object.entries(dictOrEmpty(s.owners))) {
    const owner = handle.replace(/^@/, '')
    const identity: SyncConfig['owners'][string] = {}
    if (typeof entry === 'string') identity.email = entry
    else {
      const e = dictOrEmpty(entry)
      for (const field of ['email', 'github', 'linear', 'jira'] as const) if (typeof e[field] === 'string') identity[field] = e[field]
    }
    if (identity.email !== undefined && !EMAIL_RE.test(identity.email)) {
      report(['sync', 'owners', handle, ...(typeof entry === 'string' ? [] : ['email'])], 'value', `"${identity.email}" is not an email address`)
    }
    sync.owners[owner] = identity
  }

  const github = dictOrEmpty(s.github)
  if (typeof github.repository === 'string') sync.github.repository = github.repository
  if (typeof github.milestones === 'boolean') sync.github.milestones = github.milestones

  const linear = dictOrEmpty(s.linear)
  if (typeof linear.team === 'string') sync.linear.team = linear.team
  if (typeof linear['api-url'] === 'string') sync.linear.apiUrl = linear['api-url']

  const jira = dictOrEmpty(s.jira)
  if (typeof jira['base-url'] === 'string') sync.jira.baseUrl = jira['base-url'].replace(/\/+$/, '')
  if (typeof jira.project === 'string') sync.jira.project = jira.project
  if (typeof jira['issue-type'] === 'string') sync.jira.issueType = jira['issue-type']
  const priorities = dictOrEmpty(jira.priorities)
  for (const level of ['urgent', 'high', 'medium', 'low'] as const) if (typeof priorities[level] === 'string') sync.jira.priorities[level] = priorities[level]
  return sync
}

export const syncSection: ModeSection<'sync'> = {
  key: 'sync',
  resolve: (section, report, config) => resolveSync(section, report, config)
}
