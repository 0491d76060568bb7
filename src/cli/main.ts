// The CLI as a function: `main(argv, io)` parses arguments, runs a mode and returns the exit code.
// Nothing here touches `process`; src/cli.ts passes the real process in, tests pass fakes.

import { inspect } from 'node:util'
import { Command, CommanderError } from 'commander'
import { ConfigError } from '../config/errors.js'
import { createNodeLintAdapters } from '../io/node-adapters.js'
import { RULES } from '../lint/rules/index.js'
import { runLint } from '../modes/lint.js'
import { PROJECT_URL } from '../report/sarif.js'
import { VERSION } from '../version.js'
import { EXIT, UsageError, type ExitCode } from './errors.js'
import type { CliDeps, CliIo } from './io.js'
import { isDebug } from './terminal.js'
import { errorMessage } from '../util/error-message.js'

export type { CliDeps, CliIo } from './io.js'
export { EXIT } from './errors.js'

export const defaultDeps: CliDeps = { runLint, createAdapters: createNodeLintAdapters, rules: RULES }

const PROGRAM_HELP_AFTER = `
Examples:
  $ reliability-loop init                                  # set up the configuration, workflows and templates
  $ reliability-loop lint                                  # lint docs/postmortems/**/PM-*.md
  $ reliability-loop lint docs/postmortems/PM-7.md         # lint one postmortem
  $ reliability-loop lint --format sarif > results.sarif   # for GitHub code scanning
  $ reliability-loop gate --local --base origin/main       # the merge gate on this checkout, offline
  $ reliability-loop sync --dry-run                        # which tickets sync would create or close
  $ reliability-loop audit --period 2026-10 --scorer rules # score a month of agent transcripts
  $ reliability-loop experiment list                       # prompt and tool experiments
  $ reliability-loop review --month 2026-10 --write        # the monthly reliability packet
  $ reliability-loop export                                # records into a DuckDB warehouse, with views
  $ reliability-loop publish --month 2026-10 --dry-run     # what Confluence, e-mail and Slack would get
  $ reliability-loop postmortem new --incident INC-1014    # a draft postmortem from an incident
  $ reliability-loop lint --help                           # options of a mode

Exit codes: 0 no errors, 1 problems found, 2 usage or configuration error, 3 internal error
(gate: 3 also means a gate is still pending). Each mode's --help gives its own.
`

type AddCommand = (program: Command, io: CliIo, deps: CliDeps, done: (code: ExitCode) => void) => Command

// Each mode's module is loaded only when that mode runs: their dependencies (the GitHub and tracker
// clients, Redis, the LLM scorer) are most of the start-up time, and a pre-commit hook pays it every time.
const MODES: ReadonlyArray<readonly [string, () => Promise<AddCommand>]> = [
  ['lint', async () => (await import('./lint-command.js')).addLintCommand],
  ['gate', async () => (await import('./gate-command.js')).addGateCommand],
  ['experiment', async () => (await import('./experiment-command.js')).addExperimentCommand],
  ['sync', async () => (await import('./sync-command.js')).addSyncCommand],
  ['audit', async () => (await import('./audit-command.js')).addAuditCommand],
  ['review', async () => (await import('./review-command.js')).addReviewCommand],
  ['export', async () => (await import('./export-command.js')).addExportCommand],
  ['publish', async () => (await import('./publish-command.js')).addPublishCommand],
  ['postmortem', async () => (await import('./postmortem-command.js')).addPostmortemCommand],
  ['init', async () => (await import('./init-command.js')).addInitCommand]
]

/** The mode the arguments run; undefined for the program's own help, version, or an unknown mode (all modes are loaded for those). */
function modeOf(argv: readonly string[]): string | undefined {
  const first = argv[0]
  return MODES.some(([name]) => name === first) ? first : undefined
}

async function buildProgram(argv: readonly string[], io: CliIo, deps: CliDeps, done: (code: ExitCode) => void): Promise<Command> {
  const width = io.columns !== undefined && io.columns >= 40 ? io.columns : 80
  const program = new Command('reliability-loop')
    .usage('<mode> [options]')
    .description('Closes the loop of a reliability program for teams running LLM agents in production.')
    // Settings below are copied to modes added afterwards.
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      getOutHelpWidth: () => width,
      getErrHelpWidth: () => width,
      getOutHasColors: () => false,
      getErrHasColors: () => false
    })
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .helpOption('-h, --help', 'show help')
    .version(VERSION, '-v, --version', 'print the version')
    .helpCommand('help [mode]', 'show help for a mode')
    .commandsGroup('Modes:')
    .addHelpText('after', PROGRAM_HELP_AFTER)
  const mode = modeOf(argv)
  for (const [name, load] of MODES) if (mode === undefined || name === mode) (await load())(program, io, deps, done)
  return program
}

export async function main(argv: readonly string[], io: CliIo, deps: Partial<CliDeps> = {}): Promise<number> {
  let code: ExitCode = EXIT.OK
  try {
    const program = await buildProgram(argv, io, { ...defaultDeps, ...deps }, (c) => {
      code = c
    })
    await program.parseAsync([...argv], { from: 'user' })
    return code
  } catch (error) {
    return reportError(error, io)
  }
}

function configHint(error: ConfigError): string {
  if (error.issues.every((issue) => issue.file.startsWith('--'))) {
    return 'fix the option value; run "reliability-loop lint --help" for the accepted values'
  }
  if (error.issues.some((issue) => issue.message.startsWith('config file not found'))) {
    return 'check the --config path (relative to the current directory), or leave --config out to read .github/reliability.yml'
  }
  if (error.issues.some((issue) => issue.message.startsWith('both '))) {
    return 'delete one of the two files, or choose one with --config'
  }
  const files = [...new Set(error.issues.filter((i) => !i.file.startsWith('--')).map((i) => i.file))]
  return `fix ${files.join(' and ')} at the place shown; the settings are described at ${PROJECT_URL}#configuration`
}

function reportError(error: unknown, io: CliIo): ExitCode {
  // Commander has already printed its message (unknown option, bad choice, …) or the help/version.
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE
  if (error instanceof ConfigError) {
    io.stderr(`error: ${error.message}\nhint: ${configHint(error)}\n`)
    return EXIT.USAGE
  }
  if (error instanceof UsageError) {
    io.stderr(`error: ${error.message}\n${error.hint === undefined ? '' : `hint: ${error.hint}\n`}`)
    return EXIT.USAGE
  }
  const message = errorMessage(error)
  const firstLine = message.split('\n')[0] || (error instanceof Error ? error.name : 'unknown error')
  io.stderr(`error: unexpected internal error: ${firstLine}\n`)
  io.stderr(isDebug(io.env) ? `${inspect(error)}\n` : 'run with DEBUG=reliability-loop for details\n')
  return EXIT.INTERNAL
}
