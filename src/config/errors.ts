/** One problem with the configuration, located well enough for a person to fix it. */
export interface ConfigIssue {
  /** The config file (repository-relative) or the override's source label, e.g. `--rule`, `input rules`. */
  file: string
  /** 1-based; undefined when the source has no lines (flags, inputs) or the file could not be found. */
  line?: number
  column?: number
  /** Dotted path of the offending setting, e.g. `lint.rules.PM009`, `postmortems.paths[1]`; '' for the whole document. */
  key: string
  message: string
}

export function formatConfigIssue(issue: ConfigIssue): string {
  const where =
    issue.line === undefined
      ? issue.file
      : `${issue.file}:${issue.line}${issue.column === undefined ? '' : `:${issue.column}`}`
  return issue.key === '' ? `${where}: ${issue.message}` : `${where}: ${issue.key}: ${issue.message}`
}

/**
 * Every way the configuration can be wrong ends up here, so the Action and the CLI have one thing to
 * catch and print. All issues found are carried at once: fixing a config one error per run is tedious.
 * `file`/`line`/`column`/`key` repeat the first issue for callers that only show one.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  readonly issues: readonly ConfigIssue[]
  readonly file: string
  readonly line?: number
  readonly column?: number
  readonly key: string

  constructor(issues: ConfigIssue | readonly ConfigIssue[]) {
    const list = Array.isArray(issues) ? [...(issues as readonly ConfigIssue[])] : [issues as ConfigIssue]
    const first = list[0]
    if (first === undefined) throw new TypeError('ConfigError needs at least one issue')
    super(
      list.length === 1
        ? formatConfigIssue(first)
        : `${list.length} problems in the configuration:\n${list.map((i) => `  ${formatConfigIssue(i)}`).join('\n')}`
    )
    this.issues = list
    this.file = first.file
    this.key = first.key
    if (first.line !== undefined) this.line = first.line
    if (first.column !== undefined) this.column = first.column
  }
}
