import type { RuleSetting } from '../lint/types.js'

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

/** The one validated configuration. Built once at the edge (Action inputs, CLI flags, .github/reliability.yml). */
export interface Config {
  /** Absolute path of the repository root every relative path is resolved against. */
  root: string
  /** The config file that was read, repository-relative; undefined when none exists. */
  configFile?: string
  lint: LintConfig
}
