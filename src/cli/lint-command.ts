// `reliability-loop lint [paths…]`: options, config, running the lint mode, writing the report.

import { existsSync } from 'node:fs'
import path from 'node:path'
import picomatch from 'picomatch'
import { Command, InvalidArgumentError, Option } from 'commander'
import { NODE_MODULES_CACHE_DIR, defaultLintConfig } from '../config/defaults.js'
import { loadConfig, parseRuleSettings, type ConfigOverride } from '../config/load.js'
import type { OutputFormat } from '../config/types.js'
import type { LintResult } from '../lint/types.js'
import { formatJson } from '../report/json.js'
import { PROJECT_URL, formatSarif, ruleHelpUri } from '../report/sarif.js'
import { formatText, plural } from '../report/text.js'
import { formatWorkflowCommands } from '../report/workflow-commands.js'
import { VERSION } from '../version.js'
import { readConfigText } from '../io/config-file.js'
import { defaultCacheDirFor, showsAsUntracked } from '../io/lint-cache-dir.js'
import { writeOutputFile } from './output-file.js'
import { EXIT, UsageError, type ExitCode } from './errors.js'
import type { CliDeps, CliIo } from './io.js'
import { requireMatches, resolvePathArguments, resolveRoot } from './paths.js'
import { NO_PROGRESS, isCI, progressLine, shouldUseColor } from './terminal.js'

export const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github']

const DEFAULT_CACHE_DIR = defaultLintConfig().cacheDir

export interface LintOptions {
  format: OutputFormat
  output?: string
  config?: string
  root?: string
  rule?: string[]
  quiet?: boolean
  maxWarnings?: number
  cache: boolean
  concurrency?: number
  color?: boolean
}

const LINT_HELP_AFTER = `
Paths may be files, directories (PM-*.md files below them are linted) or globs, relative to the
current directory and inside --root. Without paths, postmortems.paths from the config is linted
(default docs/postmortems/**/PM-*.md).

Examples:
  $ reliability-loop lint
  $ reliability-loop lint docs/postmortems/PM-7.md --rule PM009=off
  $ reliability-loop lint $(git diff --cached --name-only --diff-filter=AM -- 'docs/postmortems/PM-*.md')   # pre-commit hook
  $ reliability-loop lint --format sarif > results.sarif   # upload with github/codeql-action/upload-sarif
  $ reliability-loop lint --format json | jq '.summary'

Exit codes:
  0  no errors (and no more warnings than --max-warnings)
  1  errors found, or more warnings than --max-warnings
  2  usage or configuration error: bad option or config, a path or glob that matches nothing
  3  unexpected internal error (run with DEBUG=reliability-loop for details)
`

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('must be a whole number, 0 or more.')
  return Number(value)
}

export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

export function addLintCommand(program: Command, io: CliIo, deps: CliDeps, done: (code: ExitCode) => void): Command {
  return program
    .command('lint')
    .summary('check incident postmortems against the template')
    .description('Check incident postmortems (docs/postmortems/PM-<id>.md) against the template and report problems.')
    .argument('[paths...]', 'files, directories or globs to lint (default: postmortems.paths from the config)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'config file (default: .github/reliability.yml or .yaml under --root)')
    .option('--root <dir>', 'repository root; config and reported paths are relative to it (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml)')
    .option('--rule <id=setting>', 'set a rule to off, warning or error, e.g. PM009=off (repeatable)', collect)
    .option('-q, --quiet', 'report errors only, not warnings')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', wholeNumber)
    .option('--no-cache', 'lint every file afresh instead of reusing results for unchanged files')
    .option('--concurrency <n>', 'worker threads; 0 = one per CPU core', wholeNumber)
    .option('--color', 'colour the text report even when stdout is not a terminal')
    .option('--no-color', 'never colour the text report (NO_COLOR and FORCE_COLOR are honoured too)')
    .addHelpText('after', LINT_HELP_AFTER)
    .action(async (paths: string[], options: LintOptions) => {
      done(await lintCommand(paths, options, io, deps))
    })
}

// Every mode's commands import the one config-file reader from here.
export { readConfigText } from '../io/config-file.js'

// Every mode's commands import it from here.
export { resolveRoot } from './paths.js'

function onlyErrors(result: LintResult): LintResult {
  return { findings: result.findings.filter((f) => f.severity === 'error'), summary: { ...result.summary, warnings: 0 } }
}

export async function lintCommand(paths: readonly string[], options: LintOptions, io: CliIo, deps: CliDeps): Promise<ExitCode> {
  const root = resolveRoot(options.root, io.cwd)

  const overrides: ConfigOverride[] = []
  if (options.rule !== undefined) overrides.push({ source: '--rule', values: parseRuleSettings(options.rule, '--rule') })
  if (options.cache === false) overrides.push({ source: '--no-cache', values: { lint: { cache: false } } })
  if (options.concurrency !== undefined) overrides.push({ source: '--concurrency', values: { lint: { concurrency: options.concurrency } } })
  const defaultCacheDir = defaultCacheDirFor(root)
  const config = loadConfig({
    root,
    ...(options.config === undefined ? {} : { configPath: path.resolve(io.cwd, options.config) }),
    overrides,
    readFile: readConfigText,
    ...(defaultCacheDir !== undefined && { defaultCacheDir })
  })
  const cacheDirBefore = config.lint.cache && existsSync(path.join(root, config.lint.cacheDir))

  const pathArgs = paths.length > 0 ? resolvePathArguments(paths, { cwd: io.cwd, root }) : undefined
  const patterns = pathArgs?.map((a) => a.pattern)

  const showProgress = options.format === 'text' && (io.stderrIsTTY ?? io.isTTY) && !isCI(io.env)
  const progress = showProgress ? progressLine(io.stderr) : NO_PROGRESS
  const adapters = deps.createAdapters(config, { onProgress: progress.update, ...(deps.now ? { now: deps.now } : {}) })
  if (pathArgs) await requireMatches(pathArgs, adapters.files.glob)
  let result
  try {
    result = await deps.runLint(config, patterns ? { paths: patterns } : {}, adapters)
  } finally {
    progress.clear()
  }

  if (result.files.length === 0) {
    // Nothing linted is not a clean result: the postmortems are elsewhere, or the config points nowhere.
    // The one exception is a repository that has no postmortem yet (only the template, as `init` leaves it).
    const globs = config.lint.postmortems.paths
    const bases = [...new Set(globs.map((g) => picomatch.scan(g).base || '.'))]
    const found = await adapters.files.glob(bases.map((b) => `${b === '.' ? '' : `${b}/`}**/*.md`))
    const markdown = found.filter((p) => !/(^|\/)TEMPLATE\.md$/i.test(p))
    // The postmortems folder is there with its template (as `init` leaves it) and nothing else: not a typo.
    if (pathArgs === undefined && markdown.length === 0 && found.length > 0) {
      io.stderr(`no postmortems yet under ${bases.join(', ')}: write the first with \`reliability-loop postmortem new\` (or from ${bases[0]}/TEMPLATE.md)\n`)
      return EXIT.OK
    }
    throw new UsageError(
      `no postmortems match ${globs.join(', ')} under ${root}${markdown.length > 0 ? ` (${markdown.length} other markdown file${markdown.length === 1 ? '' : 's'} there, e.g. ${markdown[0]})` : ''}`,
      'set postmortems.paths in .github/reliability.yml to where your postmortems are, pass --root <dir>, or pass the files to lint'
    )
  }

  if (config.lint.cache && !cacheDirBefore && config.lint.cacheDir === DEFAULT_CACHE_DIR && showsAsUntracked(root, config.lint.cacheDir)) {
    io.stderr(`note: the lint cache is in ${config.lint.cacheDir}/; add that line to .gitignore, or set lint.cache-dir (e.g. ${NODE_MODULES_CACHE_DIR})\n`)
  }

  const shown = options.quiet ? onlyErrors(result) : result
  const hiddenWarnings = result.summary.warnings - shown.summary.warnings
  const report = formatReport(shown, options, io, deps, hiddenWarnings)
  if (hiddenWarnings > 0 && options.format !== 'text') io.stderr(`note: ${plural(hiddenWarnings, 'warning')} hidden by --quiet\n`)
  if (options.output === undefined) io.stdout(report)
  else writeOutputFile(io.cwd, options.output, report)

  let code: ExitCode = result.summary.errors > 0 ? EXIT.PROBLEMS : EXIT.OK
  if (options.maxWarnings !== undefined && result.summary.warnings > options.maxWarnings) {
    io.stderr(`error: too many warnings: ${result.summary.warnings} (--max-warnings is ${options.maxWarnings})\n`)
    code = EXIT.PROBLEMS
  }
  return code
}

function formatReport(result: LintResult, options: LintOptions, io: CliIo, deps: CliDeps, hiddenWarnings: number): string {
  switch (options.format) {
    case 'json':
      return formatJson(result)
    case 'sarif':
      return formatSarif(result, {
        rules: deps.rules,
        version: VERSION,
        informationUri: PROJECT_URL,
        helpUri: (id) => ruleHelpUri(id, VERSION)
      })
    case 'github':
      return formatWorkflowCommands(result, { rules: deps.rules })
    case 'text': {
      // A report written to a file is not read on this terminal: colour only when --color asks for it.
      const color = options.output === undefined ? shouldUseColor({ flag: options.color, env: io.env, isTTY: io.isTTY }) : options.color === true
      // Rows fit the terminal they are shown on; in a file or a pipe nothing is padded.
      const width = options.output === undefined && io.isTTY && io.columns !== undefined ? io.columns : undefined
      return formatText(result, { color, hiddenWarnings, ...(width !== undefined && { width }) })
    }
  }
}
