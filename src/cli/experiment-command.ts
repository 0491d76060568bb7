// `reliability-loop experiment new|list|conclude|validate`: prompt and tool experiments with a
// hypothesis, metrics, guardrails and a way back, kept as docs/experiments/EXP-*.md.

import { Command, Option } from 'commander'
import { discoverExperiments, type DiscoveredExperiment } from '../experiments/discover.js'
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '../experiments/model.js'
import { runExperimentValidation } from '../modes/experiment.js'
import { formatExperimentList, formatExperimentProblems, toExperimentListJson, toExperimentValidationJson } from '../report/experiments.js'
import { EXIT, UsageError, type ExitCode } from './errors.js'
import { experimentConcludeCommand, type ConcludeOptions } from './experiment-conclude.js'
import { colorFor, experimentContext, type ConfigOptions, type ExperimentCliContext } from './experiment-context.js'
import { experimentNewCommand, type NewOptions } from './experiment-new.js'
import type { CliDeps, CliIo } from './io.js'
import { collect } from './lint-command.js'
import { requireMatches, resolvePathArguments } from './paths.js'
import { sanitizeText } from '../util/sanitize.js'

const FORMATS = ['text', 'json'] as const

const EXPERIMENT_HELP_AFTER = `
An experiment doc is markdown with YAML front matter: id, name, owner, status, change (type and ref),
hypothesis, metrics (name, baseline, target), guardrails, rollback (trigger, steps, owner), created,
and once concluded: outcome, concluded, results, audit-period. See docs/experiment.md.

Examples:
  $ reliability-loop experiment new                      # asks for each value on a terminal
  $ reliability-loop experiment list
  $ reliability-loop experiment conclude bd6cd37c --outcome won --result task_success_rate:0.81
  $ reliability-loop experiment validate                 # in CI or a pre-commit hook
`

const NEW_HELP_AFTER = `
Writes <experiment.dir>/EXP-<yyyy-mm-dd>-<slug>.md (default docs/experiments), with the body of
<experiment.template> (default docs/experiments/TEMPLATE.md). Never overwrites an existing doc.
On a terminal, values not given as flags are asked for; otherwise they are a usage error (exit 2).

Examples:
  $ reliability-loop experiment new
  $ reliability-loop experiment new --name "Ask before retrying an empty search" --owner @maria.chen \\
      --hypothesis "Two empty searches then a question removes the loops of PM-102" \\
      --change-type prompt --change-ref "research-agent prompt v43" \\
      --metric missions_hitting_step_cap:0.031:0.005 --metric task_success_rate:0.78:0.8 \\
      --guardrail "audit:tool-use:>= 0.85" \\
      --rollback-trigger "task_success_rate below 0.74 for 2 hours" \\
      --rollback-step "set research.prompt_version back to v42 and deploy" --related PM-102

Exit codes: 0 written, 2 usage error (missing or invalid value, doc exists), 3 internal error.
`

const LIST_HELP_AFTER = `
Examples:
  $ reliability-loop experiment list
  $ reliability-loop experiment list --status running,proposed
  $ reliability-loop experiment list --format json | jq '.experiments[] | {name, status, outcome}'
`

const CONCLUDE_HELP_AFTER = `
<id> is the experiment's id, a unique prefix of it (as "experiment list" shows), or the doc's path.
Whether each target was met is worked out when the target is a comparison (">= 0.9") or a number
different from the baseline; otherwise add :met or :missed. On a terminal, missing values are asked for.

Examples:
  $ reliability-loop experiment conclude bd6cd37c --outcome won \\
      --result missions_hitting_step_cap:0.002 --result task_success_rate:0.81 --audit-period 2026-10
  $ reliability-loop experiment conclude b4ba15ed --outcome rolled-back --result billing_csat:3.9:missed

Exit codes: 0 recorded, 2 usage error (unknown id, missing or invalid value, already concluded), 3 internal error.
`

const VALIDATE_HELP_AFTER = `
Checks every experiment doc (experiment.paths, default docs/experiments/**/EXP-*.md) or the given files,
directories (EXP-*.md below them) or globs: the front matter against the schema, dates and results,
and that the rollback plan is real (a trigger, concrete steps and an owner; no TBD, N/A, none, -, ?).

Examples:
  $ reliability-loop experiment validate
  $ reliability-loop experiment validate docs/experiments/EXP-2026-11-12-billing-tone-canary.md
  $ reliability-loop experiment validate --format json | jq '.summary'

Exit codes: 0 no problems, 1 problems found, 2 usage or configuration error, 3 internal error.
`

interface ListOptions extends ConfigOptions {
  format: 'text' | 'json'
  status?: string[]
  color?: boolean
}

interface ValidateOptions extends ConfigOptions {
  format: 'text' | 'json'
  color?: boolean
}

function statusesOf(values: readonly string[] | undefined): Set<ExperimentStatus> | undefined {
  if (values === undefined) return undefined
  const wanted = new Set<ExperimentStatus>()
  for (const value of values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter((v) => v !== '')) {
    if (!(EXPERIMENT_STATUSES as readonly string[]).includes(value)) throw new UsageError(`--status must be among ${EXPERIMENT_STATUSES.join(', ')} (got "${value}")`)
    wanted.add(value as ExperimentStatus)
  }
  return wanted
}

/**
 * The experiments with what the table shows made safe for a terminal: names, owners, ids and paths come
 * from files anyone can commit, so no escape sequence, control character or workflow command gets through.
 */
function safeToPrint(experiments: readonly DiscoveredExperiment[]): DiscoveredExperiment[] {
  const clean = (text: string): string => sanitizeText(text, { multiline: false })
  return experiments.map((e) => {
    const doc = e.doc && {
      ...e.doc,
      id: clean(e.doc.id),
      name: clean(e.doc.name),
      owner: clean(e.doc.owner),
      created: clean(e.doc.created),
      change: { ...e.doc.change, type: clean(e.doc.change.type) as typeof e.doc.change.type }
    }
    return { ...e, path: clean(e.path), ...(doc && { doc }) }
  })
}

export async function experimentListCommand(options: ListOptions, ctx: ExperimentCliContext): Promise<ExitCode> {
  const statuses = statusesOf(options.status)
  const found = await discoverExperiments(ctx.files, ctx.settings.paths)
  const shown = statuses ? found.filter((e) => e.doc === undefined || statuses.has(e.doc.status)) : found
  if (options.format === 'json') {
    ctx.io.stdout(`${JSON.stringify(toExperimentListJson(shown), null, 2)}\n`)
  } else {
    if (found.length === 0) ctx.io.stderr(`warning: no experiment docs found matching ${ctx.settings.paths.join(', ')} under ${ctx.root}\n`)
    else ctx.io.stdout(formatExperimentList(safeToPrint(shown), { color: colorFor(ctx.io, options.color), ...(ctx.io.isTTY && ctx.io.columns ? { width: ctx.io.columns } : {}) }))
  }
  return EXIT.OK
}

export async function experimentValidateCommand(paths: readonly string[], options: ValidateOptions, ctx: ExperimentCliContext): Promise<ExitCode> {
  const pathArgs = paths.length > 0 ? resolvePathArguments(paths, { cwd: ctx.io.cwd, root: ctx.root, directoryPattern: '**/EXP-*.md' }) : undefined
  if (pathArgs) await requireMatches(pathArgs, ctx.files.glob)
  const patterns = pathArgs?.map((a) => a.pattern)
  const result = await runExperimentValidation(ctx.settings, ctx.files, patterns ? { paths: patterns } : {})
  if (result.summary.files === 0) {
    ctx.io.stderr(`warning: no experiment docs found matching ${(patterns ?? ctx.settings.paths).join(', ')} under ${ctx.root}\n`)
  }
  ctx.io.stdout(
    options.format === 'json' ? `${JSON.stringify(toExperimentValidationJson(result), null, 2)}\n` : formatExperimentProblems(result, { color: colorFor(ctx.io, options.color) })
  )
  return result.summary.problems > 0 ? EXIT.PROBLEMS : EXIT.OK
}

function withConfigOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'config file (default: .github/reliability.yml or .yaml under --root)')
    .option('--root <dir>', 'repository root; paths are relative to it (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml)')
}

function formatOption(): Option {
  return new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text')
}

export function addExperimentCommand(program: Command, io: CliIo, deps: CliDeps, done: (code: ExitCode) => void): Command {
  const experiment = program
    .command('experiment')
    .summary('record prompt and tool experiments with a way back')
    .description('Record prompt, tool, model and policy experiments on LLM agents: hypothesis, metrics, guardrails and a rollback plan, as docs/experiments/EXP-*.md.')
    .usage('<command> [options]')
    .helpCommand('help [command]', 'show help for a command')
    .addHelpText('after', EXPERIMENT_HELP_AFTER)

  withConfigOptions(
    experiment
      .command('new')
      .summary('create an experiment doc')
      .description('Create docs/experiments/EXP-<yyyy-mm-dd>-<slug>.md from flags (asking on a terminal for what is missing).')
      .option('--name <name>', 'short name of the experiment')
      .option('--owner <owner>', 'who runs it: @handle or team')
      .option('--hypothesis <text>', 'what you expect to happen, and why')
      .addOption(new Option('--change-type <type>', 'what kind of change').choices(['prompt', 'tool', 'model', 'policy']))
      .option('--change-ref <ref>', 'which change: prompt version, commit, pull request, model id')
      .option('--change-description <text>', 'one line on what the change does')
      .option('--metric <name:baseline:target>', 'a metric that decides the experiment (repeatable)', collect)
      .option('--guardrail <name:threshold>', 'a number that must hold, e.g. "audit:tone:>= 0.9" (repeatable)', collect)
      .option('--rollback-trigger <text>', 'the observation that makes you roll back')
      .option('--rollback-step <text>', 'one step of the rollback, in order (repeatable)', collect)
      .option('--rollback-owner <owner>', 'who rolls back (default: --owner)')
      .addOption(new Option('--status <status>', 'initial status').choices(['proposed', 'running']).default('proposed'))
      .option('--related <ref>', 'a postmortem id, path or URL this follows up on (repeatable)', collect)
      .option('--slug <slug>', 'file-name slug instead of one made from --name')
      .option('--dry-run', 'print the doc instead of writing it')
      .addOption(formatOption())
  )
    .addHelpText('after', NEW_HELP_AFTER)
    .action(async (options: NewOptions & ConfigOptions) => {
      done(await experimentNewCommand(options, experimentContext(options, io, deps, true)))
    })

  withConfigOptions(
    experiment
      .command('list')
      .summary('list experiments, newest first')
      .description('List the experiment docs: id, status, created, change type, owner, outcome and name.')
      .option('--status <status>', `only these statuses, comma-separated (${EXPERIMENT_STATUSES.join(', ')}); repeatable`, collect)
      .addOption(formatOption())
      .option('--color', 'colour the output even when stdout is not a terminal')
      .option('--no-color', 'never colour the output')
  )
    .addHelpText('after', LIST_HELP_AFTER)
    .action(async (options: ListOptions) => {
      done(await experimentListCommand(options, experimentContext(options, io, deps)))
    })

  withConfigOptions(
    experiment
      .command('conclude')
      .summary('record the outcome and results of an experiment')
      .description('Record the outcome (won, lost, inconclusive, rolled-back), the result of each metric and the audit period that measured it.')
      .argument('<id>', 'experiment id, unique id prefix, or doc path')
      .addOption(new Option('--outcome <outcome>', 'how it ended').choices(['won', 'lost', 'inconclusive', 'rolled-back']))
      .option('--result <name:observed[:met|missed]>', 'the observed value of a metric (repeatable; one per metric)', collect)
      .option('--audit-period <yyyy-mm>', 'the audit period whose scores measured it')
      .option('--date <yyyy-mm-dd>', 'the day it concluded (default: today, UTC)')
      .option('--force', 'record a new conclusion over an existing one')
      .addOption(formatOption())
  )
    .addHelpText('after', CONCLUDE_HELP_AFTER)
    .action(async (id: string, options: ConcludeOptions & ConfigOptions) => {
      done(await experimentConcludeCommand(id, options, experimentContext(options, io, deps, true)))
    })

  withConfigOptions(
    experiment
      .command('validate')
      .summary('check experiment docs against the schema and rollback rules')
      .description('Check experiment docs: front matter against the schema, dates and results, and a real rollback plan.')
      .argument('[paths...]', 'files, directories or globs (default: experiment.paths from the config)')
      .addOption(formatOption())
      .option('--color', 'colour the report even when stdout is not a terminal')
      .option('--no-color', 'never colour the report')
  )
    .addHelpText('after', VALIDATE_HELP_AFTER)
    .action(async (paths: string[], options: ValidateOptions) => {
      done(await experimentValidateCommand(paths, options, experimentContext(options, io, deps)))
    })

  return experiment
}
