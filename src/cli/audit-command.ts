// `reliability-loop audit`: options, config, the model endpoint (from the environment, read here and
// nowhere below), running the audit mode, writing the report, the exit code.

import path from 'node:path'
import { Command, InvalidArgumentError, Option } from 'commander'
import { llmEndpoint, type LlmEndpoint } from '../audit/llm-settings.js'
import { auditOutcome } from '../audit/outcome.js'
import { isPeriod, previousPeriod } from '../audit/period.js'
import { AUDIT_SCORERS } from '../config/audit-schema.js'
import { loadConfig, type ConfigOverride } from '../config/load.js'
import type { AuditConfig, AuditScorerName } from '../config/types.js'
import { createNodeAuditAdapters } from '../io/node-audit-adapters.js'
import { createChatClient } from '../llm/chat-completions.js'
import { runAudit, scorersInUse, type AuditProgress } from '../modes/audit.js'
import { formatAuditJson } from '../report/audit-json.js'
import { formatAuditText } from '../report/audit-text.js'
import { writeOutputFile } from './output-file.js'
import { EXIT, type ExitCode } from './errors.js'
import type { CliDeps, CliIo } from './io.js'
import { readConfigText, resolveRoot } from './lint-command.js'
import { NO_PROGRESS, isCI, progressLine, shouldUseColor, type ProgressLine } from './terminal.js'

export const AUDIT_FORMATS = ['text', 'json'] as const

export interface AuditOptions {
  period?: string
  sample?: number
  seed?: string
  scorer?: AuditScorerName
  model?: string
  failBelow?: number
  includeFlagged?: boolean
  dryRun?: boolean
  format: (typeof AUDIT_FORMATS)[number]
  output?: string
  config?: string
  root?: string
  color?: boolean
}

const AUDIT_HELP_AFTER = `
Transcripts are the NDJSON files matching audit.paths (default logs/missions/**/*.ndjson and .ndjson.gz),
one per agent mission. A transcript belongs to the month (UTC) of its first event's timestamp, or, without
one, to a date in its path. The sample is the transcripts of the period with the smallest SHA-256 of
seed + path, so the same files and seed always give the same sample. Scores are appended to
<audit.output-dir>/<period>.ndjson (default reliability/audits/); a run with the same period, seed and
rubric never records a transcript twice.

The llm scorer calls an OpenAI-compatible /chat/completions endpoint: audit.llm.base-url, else
OPENAI_BASE_URL, else OpenAI; the key from OPENAI_API_KEY (or the variable audit.llm.api-key-env names).
The human scorer writes <output-dir>/review/<period>-<seed>.yml; fill in the scores and run again.

Examples:
  $ reliability-loop audit                                    # last month, 25 transcripts, each dimension's scorer
  $ reliability-loop audit --period 2026-10 --scorer rules --format json | jq '.means'
  $ reliability-loop audit --include-flagged --fail-below 0.9 # CI: every error/policy-flagged mission, and a bar
  $ OPENAI_API_KEY=… reliability-loop audit --scorer llm --model gpt-4o-mini --sample 10
  $ reliability-loop audit --scorer human                     # then fill in the review file, run again

Exit codes:
  0  audited (and every dimension at or above --fail-below, when set)
  1  a dimension's pass rate is below --fail-below, or more sampled transcripts than audit.max-unscored
     (default 0) got no score (the model endpoint failed or was unreachable, the model-call cap)
  2  usage or configuration error (bad option, invalid config, no model or key for the llm scorer, a key
     the model endpoint refused with 401/403)
  3  unexpected internal error (run with DEBUG=reliability-loop for details)
`

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InvalidArgumentError('must be a whole number, 1 or more.')
  return Number(value)
}

function shareOf(value: string): number {
  const n = Number(value.trim().replace(/%$/, ''))
  const share = value.trim().endsWith('%') ? n / 100 : n
  if (value.trim() === '' || !Number.isFinite(share) || share < 0 || share > 1) throw new InvalidArgumentError('must be a share from 0 to 1, e.g. 0.9 (or 90%).')
  return share
}

function period(value: string): string {
  if (!isPeriod(value.trim())) throw new InvalidArgumentError('must be a month as YYYY-MM, e.g. 2026-10.')
  return value.trim()
}

export function addAuditCommand(program: Command, io: CliIo, deps: CliDeps, done: (code: ExitCode) => void): Command {
  return program
    .command('audit')
    .summary('sample agent transcripts and score them on a rubric')
    .description('Sample a month of agent transcripts (NDJSON) reproducibly, score them on the rubric with rules, a model or a reviewer, and record the scores.')
    .option('--period <YYYY-MM>', 'month to audit, UTC (default: the previous month)', period)
    .option('--sample <n>', 'transcripts to sample (default: audit.sample-size, 25)', positiveInteger)
    .option('--seed <seed>', 'sampling seed (default: audit.seed)')
    .addOption(new Option('--scorer <scorer>', 'score every dimension with this scorer (default: each dimension\'s own)').choices(AUDIT_SCORERS))
    .option('--model <model>', 'model of the llm scorer (default: audit.llm.model)')
    .option('--fail-below <share>', 'exit 1 when a dimension\'s pass rate is below this share, 0 to 1 (default: audit.fail-below)', shareOf)
    .option('--include-flagged', 'always sample the transcripts whose events carry error or policy notes')
    .option('--dry-run', 'score and report, but write no records and no review file')
    .addOption(new Option('-f, --format <format>', 'report format').choices(AUDIT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'config file (default: .github/reliability.yml or .yaml under --root)')
    .option('--root <dir>', 'repository root; globs, the config and the output directory are relative to it (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml)')
    .option('--color', 'colour the text report even when stdout is not a terminal')
    .option('--no-color', 'never colour the text report')
    .addHelpText('after', AUDIT_HELP_AFTER)
    .action(async (options: AuditOptions) => {
      done(await auditCommand(options, io, deps))
    })
}

function overridesOf(options: AuditOptions): ConfigOverride[] {
  const overrides: ConfigOverride[] = []
  if (options.sample !== undefined) overrides.push({ source: '--sample', values: { audit: { 'sample-size': options.sample } } })
  if (options.seed !== undefined) overrides.push({ source: '--seed', values: { audit: { seed: options.seed } } })
  if (options.model !== undefined) overrides.push({ source: '--model', values: { audit: { llm: { model: options.model } } } })
  if (options.failBelow !== undefined) overrides.push({ source: '--fail-below', values: { audit: { 'fail-below': options.failBelow } } })
  if (options.includeFlagged) overrides.push({ source: '--include-flagged', values: { audit: { strata: { flagged: true } } } })
  return overrides
}

/** One progress line per phase (`scanning 812/10000…`, then `scoring 3/25…`). */
function phasedProgress(write: (text: string) => void): { update: (p: AuditProgress) => void; clear: () => void } {
  let phase: AuditProgress['phase'] | undefined
  let line: ProgressLine = NO_PROGRESS
  return {
    update(p) {
      if (p.phase !== phase) {
        line.clear()
        phase = p.phase
        line = progressLine(write, { label: p.phase })
      }
      line.update(p)
    },
    clear: () => line.clear()
  }
}

export async function auditCommand(options: AuditOptions, io: CliIo, deps: Pick<CliDeps, 'now'>): Promise<ExitCode> {
  const root = resolveRoot(options.root, io.cwd)
  const config = loadConfig({
    root,
    ...(options.config === undefined ? {} : { configPath: path.resolve(io.cwd, options.config) }),
    overrides: overridesOf(options),
    readFile: readConfigText
  })
  const audit = config.audit
  const now = deps.now ?? (() => new Date())
  const text = options.format === 'text'

  let chat
  let endpoint: LlmEndpoint | undefined
  if (scorersInUse(audit, options.scorer).has('llm')) {
    endpoint = llmEndpoint(audit, io.env)
    chat = createChatClient({
      ...endpoint,
      retries: audit.llm.retries,
      timeoutMs: audit.llm.timeoutSeconds * 1000,
      onRetry: ({ delayMs, reason }) => io.stderr(`model endpoint: ${reason}; retrying in ${(delayMs / 1000).toFixed(1)} s\n`)
    })
  }

  const showProgress = text && (io.stderrIsTTY ?? io.isTTY) && !isCI(io.env)
  const progress = showProgress ? phasedProgress(io.stderr) : { update: () => {}, clear: () => {} }
  const adapters = createNodeAuditAdapters(root, { now, onProgress: progress.update, ...(chat !== undefined && { chat }) })
  const periodWanted = options.period ?? previousPeriod(now())
  let result
  try {
    result = await runAudit(audit, { period: periodWanted, ...(options.scorer !== undefined && { scorer: options.scorer }), dryRun: options.dryRun === true }, adapters, config.configFile)
  } finally {
    progress.clear()
  }

  for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`)
  if (result.counts.found === 0) io.stderr(`warning: no transcripts match ${audit.paths.join(', ')} under ${root}\n`)
  else if (result.counts.inPeriod === 0) {
    io.stderr(`warning: none of the ${result.counts.found} transcripts found belongs to ${periodWanted}; choose the month with --period YYYY-MM\n`)
  }
  for (const problem of result.review?.problems ?? []) io.stderr(`warning: ${result.review?.file}: ${problem}\n`)

  const report =
    options.format === 'json'
      ? formatAuditJson(result)
      : formatAuditText(result, { color: options.output === undefined ? shouldUseColor({ flag: options.color, env: io.env, isTTY: io.isTTY }) : options.color === true })
  if (options.output === undefined) io.stdout(report)
  else writeOutputFile(io.cwd, options.output, report)

  const outcome = auditOutcome({ sampledCount: result.draw.length, unscored: result.unscored, breaches: result.breaches, ...(result.failBelow !== undefined && { failBelow: result.failBelow }), ...(result.llm && { llm: result.llm }) })
  if (outcome.warning !== undefined) io.stderr(`warning: ${outcome.warning}\n`)
  switch (outcome.kind) {
    case 'credentials-refused':
      io.stderr(`error: ${outcome.message}\nhint: ${credentialsHint(audit, endpoint)}\n`)
      return EXIT.USAGE
    case 'unscored':
      io.stderr(`error: ${outcome.message}\nhint: fix the cause and run again (a run with the same seed scores only what is missing), or allow some with audit.max-unscored\n`)
      return EXIT.PROBLEMS
    case 'below':
      // The text report on stdout already ends with the verdict.
      if (!text || options.output !== undefined) io.stderr(`error: ${outcome.message}\n`)
      return EXIT.PROBLEMS
    default:
      return EXIT.OK
  }
}

/** What to check when the endpoint refused the key: the variable it came from, or that none was set. */
function credentialsHint(audit: AuditConfig, endpoint: LlmEndpoint | undefined): string {
  const variable = `the ${audit.llm.apiKeyEnv} environment variable (audit.llm.api-key-env)`
  const where = endpoint === undefined ? '' : ` at ${endpoint.baseUrl}`
  if (endpoint?.apiKey === undefined) return `the endpoint${where} needs a key: set ${variable}`
  return `check the key in ${variable}, and that it may use the model "${audit.llm.model ?? ''}"${where}`
}
