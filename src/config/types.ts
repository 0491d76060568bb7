import type { RuleSetting } from '../lint/severity.js'
import type { PublishConfig } from './publish-types.js'

/** How postmortems are found and read; shared by every mode that reads postmortems. */
export interface PostmortemConfig {
  /** Globs (repository-relative) of postmortem files. */
  paths: string[]
  /** Severity levels, most severe first; spellings like `SEV-1`/`sev 1` normalise onto these. */
  severityLevels: string[]
  /** Template sections, in template order. */
  sections: string[]
  /** Alternative heading → template section name, e.g. `Corrective Actions` → `Action Items`. Matched case-insensitively. */
  sectionAliases: Record<string, string>
}

export interface LintConfig {
  postmortems: PostmortemConfig
  /** Rule id → off | warning | error; rules not listed use their default. */
  rules: Record<string, RuleSetting>
  /** Severities that must link traces, NDJSON and PagerDuty (PM006) and have action items (PM008). */
  linkedSeverities: string[]
  /** Reuse results for files whose content, config and date have not changed. */
  cache: boolean
  /** Where the content-hash cache lives, repository-relative. */
  cacheDir: string
  /** Worker threads to lint with; 0 means one per CPU core (at most the number of files). */
  concurrency: number
}

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github'

// gate mode
export type GateId = 'drills' | 'sev1-actions' | 'rollback-plan'
export type DrillSource = 'job' | 'workflow' | 'check'

/** `gate:` resolved (src/config/gate.ts): defaults applied, severities mapped onto the configured levels. */
export interface GateConfig {
  /** Check-run name of each gate. */
  checkNames: Record<GateId, string>
  drills: {
    source: DrillSource
    /** Whether the policy names the source (else `source` is the default, and a `drill-result` input means `job`). */
    sourceExplicit: boolean
    /** Workflow file name (`drills.yml`) or numeric id, for source `workflow`. */
    workflow: string
    /** Check-run name, for source `check`. */
    check: string
    /** Globs of files that define the drills besides the drill workflow file; a change to one fails the drills gate. */
    suitePaths: string[]
    /** Globs whose change makes the drills expected; undefined = from the drill workflow's path filters, or always. */
    paths?: string[]
    skippedCountsAsSuccess: boolean
    neverRanTimeoutSeconds: number
    pollIntervalSeconds: number
  }
  sev1Actions: {
    /** Canonical labels from postmortems.severity-levels. */
    severities: string[]
    block: 'open' | 'overdue'
    fixLabel: string
  }
  rollbackPlan: {
    paths: string[]
    /** What an experiment doc without `change.paths` covers, by its `change.type`. */
    typePaths: Record<'prompt' | 'tool' | 'model' | 'policy', string[]>
  }
  bypass: {
    label: string
    users: string[]
    /** `org/team-slug` */
    teams: string[]
    log: string
  }
}

// experiment mode
/** `experiment:` resolved (src/config/experiment.ts). Paths are repository-relative. */
export interface ExperimentConfig {
  /** Where `experiment new` writes docs. */
  dir: string
  /** Globs of the experiment docs that list, conclude and validate read. */
  paths: string[]
  /** Whose body `experiment new` copies; a built-in body when the file is absent. */
  template: string
}

// sync mode
export type SyncTrackerKind = 'github' | 'linear' | 'jira' | 'jira-dc'
export type SyncPriority = 'urgent' | 'high' | 'medium' | 'low' | 'none'
export type SyncWriteBack = 'commit' | 'pull-request' | 'off'

/** `sync:` resolved (src/config/sync.ts). Credentials are never part of it: they come from secrets at the edge. */
export interface SyncConfig {
  tracker: SyncTrackerKind
  /** Labels on every ticket; the first marks the tickets sync manages. */
  labels: string[]
  severityLabels: boolean
  /** Severity level (as configured) → priority. */
  priorities: Record<string, SyncPriority>
  /** Owner handle without `@` → identities in the trackers. */
  owners: Record<string, { email?: string; github?: string; linear?: string; jira?: string }>
  writeBack: SyncWriteBack
  tickClosed: boolean
  /** Skip items that lint rejects (PM007, PM009 on the item's line) instead of planning them with a warning. */
  requireValidItems: boolean
  concurrency: number
  /** Review packets whose `Decisions` section is synced like action items (`docs/reviews/*.md`). */
  decisionPaths?: string[]
  github: { repository?: string; milestones: boolean }
  linear: { team?: string; apiUrl: string }
  jira: { baseUrl?: string; project?: string; issueType: string; priorities: Record<Exclude<SyncPriority, 'none'>, string> }
}

// audit mode
export type AuditScale = '0-1' | '1-5'
export type AuditScorerName = 'rules' | 'llm' | 'human'

/** Where events keep what the audit reads; dotted paths read nested properties. */
export interface AuditFieldNames {
  ts: string
  type: string
  role: string
  content: string
  tool: string
  /** A tool call's arguments. */
  arguments: string
  notes: string
  agent: string
}

/** A condition on one event property; every condition given must hold. */
export interface AuditMatcher {
  matches?: string
  /** One of these must occur. */
  contains?: string[]
  equals?: string | number | boolean | null
  exists?: boolean
  ignoreCase: boolean
}

export interface AuditRule {
  /** `any`: applies when some event meets `when`; `none`: when no event does. */
  match: 'any' | 'none'
  /** Property (a logical field name or an event key) → condition. */
  when: Record<string, AuditMatcher>
  score: number
  reason?: string
}

export interface AuditDimension {
  name: string
  description: string
  scale: AuditScale
  /** Passing means a score at or above this. */
  threshold: number
  scorer: AuditScorerName
  rules: AuditRule[]
  /** The rules score when no rule applies; undefined = the top of the scale. */
  defaultScore?: number
}

/** `audit:` resolved (src/config/audit.ts). The LLM key is never part of it: it comes from the environment at the edge. */
export interface AuditConfig {
  /** Globs of transcripts, repository-relative. */
  paths: string[]
  fields: AuditFieldNames
  sampleSize: number
  seed: string
  strata: { flagged: boolean; flaggedPattern: string; maxPerAgentDay: number }
  rubric: { version?: string; dimensions: AuditDimension[] }
  llm: {
    baseUrl?: string
    model?: string
    /** Environment variable holding the API key. */
    apiKeyEnv: string
    maxCalls: number
    retries: number
    timeoutSeconds: number
    concurrency: number
    includeNotes: boolean
    /** More event properties the model and reviewers see; `*`: every other top-level scalar. */
    otherFields: string[]
  }
  budgetChars: number
  /** Repository-relative. */
  outputDir: string
  failBelow?: number
  /** Sampled transcripts allowed to end a run unscored (the judge failed, the call cap) before it fails. */
  maxUnscored: number
  maxLineBytes: number
}

export type ReviewThresholdName = 'incidents' | 'sev1-incidents' | 'overdue-actions' | 'lint-errors' | 'audit-drop' | 'bypasses' | 'rolled-back-experiments'

/** `review:` resolved (src/config/review.ts). Paths are repository-relative. */
export interface ReviewConfig {
  incidents: {
    source: 'files' | 'redis'
    /** Globs of incident timelines (one NDJSON file per incident). */
    paths: string[]
    redisKey: string
    fields: { ts: string; id: string; severity: string; status: string; title: string; postmortem: string; startedAt: string; detectedAt: string; resolvedAt: string }
    resolvedStatuses: string[]
    detectedStatuses: string[]
  }
  bypassLog: string
  auditDir: string
  outputDir: string
  thresholds: Record<ReviewThresholdName, { amber: number; red: number }>
}

/** `export:` resolved (src/config/export.ts). */
export interface ExportConfig {
  target: 'duckdb' | 'bigquery' | 'snowflake'
  repository?: string
  /** Repository-relative. */
  duckdbPath: string
  bigquery: { project?: string; dataset?: string; location?: string }
  snowflake: { account?: string; user?: string; database?: string; schema?: string; warehouse?: string; role?: string }
}

// postmortem drafts (`postmortem new`, `mode: postmortem`)
/** `drafts:` resolved (src/config/postmortem.ts). Paths are repository-relative. */
export interface PostmortemDraftConfig {
  /** Where `postmortem new` writes PM-<id>.md. */
  dir: string
  /** The template drafts are made from; a built-in one when the file is absent. */
  template: string
  /** Incident-record fields naming the commander and assignees, tried in order. */
  ownerFields: string[]
  /** Incident-record fields holding a noted event. */
  noteFields: string[]
  linkFields: { traces: string[]; ndjson: string[]; pagerduty: string[] }
  /** Severities `--missing` drafts for; undefined = linked severities plus the gate's blocking ones. */
  missingSeverities?: string[]
  /** Label of the draft pull requests. */
  label: string
}

/** The one validated configuration. Built once at the edge (Action inputs, CLI flags, .github/reliability.yml). */
export interface Config {
  /** Absolute path of the repository root every relative path is resolved against. */
  root: string
  /** The config file that was read, repository-relative; undefined when none exists. */
  configFile?: string
  /** The mode sections the config file has (`sync`, `review`, …): a mode's settings are defaults when its section is absent. */
  sections?: readonly string[]
  lint: LintConfig
  gate: GateConfig
  experiment: ExperimentConfig
  sync: SyncConfig
  audit: AuditConfig
  review: ReviewConfig
  export: ExportConfig
  publish: PublishConfig
  drafts: PostmortemDraftConfig
}
