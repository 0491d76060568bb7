// `reliability-loop sync`: options, config, credentials from the environment, running the sync mode,
// writing the plan or the report.

import path from 'node:path'
import { Command, InvalidArgumentError, Option } from 'commander'
import { loadConfig, type ConfigOverride } from '../config/load.js'
import { errorStatus } from '../github/client.js'
import { errorMessage } from '../util/error-message.js'
import { nodeRepoFiles } from '../io/node-files.js'
import { replaceRepoFileAtomic } from '../io/atomic-write.js'
import { runSync } from '../modes/sync.js'
import { formatSyncJson } from '../report/sync-json.js'
import { formatSyncText } from '../report/sync-text.js'
import { credentialsFromEnvironment, ENV_NAMES, githubWebUrl, resolveConnection, type TrackerConnection } from '../sync/connection.js'
import { createTracker } from '../sync/trackers/create-tracker.js'
import { TRACKER_KINDS, type TrackerKind } from '../sync/tracker.js'
import { networkFailure } from '../util/network-error.js'
import { UnexpectedResponseError } from '../util/vendor-response.js'
import { EXIT, UsageError, type ExitCode } from './errors.js'
import type { CliDeps, CliIo } from './io.js'
import { readConfigText, resolveRoot } from './lint-command.js'
import { NO_SYNC_PROGRESS, syncProgressLine } from './sync-progress.js'
import { isCI, isDebug, shouldUseColor } from './terminal.js'

export const SYNC_FORMATS = ['text', 'json'] as const
export type SyncFormat = (typeof SYNC_FORMATS)[number]

export interface SyncOptions {
  tracker?: TrackerKind
  dryRun?: boolean
  format: SyncFormat
  config?: string
  root?: string
  writeBack: boolean
  timeout?: number
  color?: boolean
}

const SYNC_HELP_AFTER = `
Every open action item (\`- [ ] summary :: @owner :: YYYY-MM-DD\`) of the postmortems gets exactly one
ticket, assigned to its owner and due on its date; ticked items get their ticket closed. Re-running is
safe: tickets are found by the reference written back onto the item's line, or by the item's key.

Credentials come from the environment (never from flags, so they stay out of shell history):
  github    GITHUB_TOKEN, GITHUB_REPOSITORY (owner/repo), GITHUB_API_URL (GHES)
  linear    LINEAR_API_KEY, LINEAR_TEAM (team key), LINEAR_API_URL
  jira      JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN, JIRA_PROJECT
  jira-dc   JIRA_BASE_URL, JIRA_PAT, JIRA_PROJECT
Without the tracker's secret only \`--dry-run\` works (planned from the postmortems alone); a run that
would write exits 2 naming the missing variable.

Examples:
  $ reliability-loop sync                                   # GitHub Issues of $GITHUB_REPOSITORY
  $ reliability-loop sync --dry-run                         # what would change, nothing written
  $ LINEAR_API_KEY=lin_api_… LINEAR_TEAM=ENG reliability-loop sync --tracker linear
  $ reliability-loop sync --dry-run --format json | jq '.items[] | select(.action == "create")'

Exit codes:
  0  every item is in sync (or the dry run planned without problems)
  1  some items failed; the others were done, and the next run completes the job without duplicates
  2  usage or configuration error: bad option or config, missing or incomplete credentials
  3  unexpected internal error (run with DEBUG=reliability-loop for details)
`

function positiveSeconds(value: string): number {
  const n = Number(value)
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n > 0)) throw new InvalidArgumentError('must be a number of seconds above 0.')
  return n
}

export function addSyncCommand(program: Command, io: CliIo, deps: CliDeps, done: (code: ExitCode) => void): Command {
  return program
    .command('sync')
    .summary('make every open action item exactly one ticket (GitHub, Linear, Jira)')
    .description('Create, update and close tickets so that every open action item of the postmortems has exactly one.')
    .addOption(new Option('-t, --tracker <tracker>', 'where tickets live (default: sync.tracker from the config, else github)').choices(TRACKER_KINDS))
    .option('-n, --dry-run', 'print the plan; write no ticket and change no file (works without credentials)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(SYNC_FORMATS).default('text'))
    .option('-c, --config <file>', 'config file (default: .github/reliability.yml or .yaml under --root)')
    .option('--root <dir>', 'repository root; config and postmortem paths are relative to it (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml)')
    .option('--no-write-back', 'do not write ticket references into the postmortems')
    .option('--timeout <seconds>', 'longest wait for one tracker response before retrying (default 30)', positiveSeconds)
    .option('--color', 'colour the table even when stdout is not a terminal')
    .option('--no-color', 'never colour the table (NO_COLOR and FORCE_COLOR are honoured too)')
    .addHelpText('after', SYNC_HELP_AFTER)
    .action(async (options: SyncOptions) => {
      done(await syncCommand(options, io, deps))
    })
}

/** Links to the items' lines on GitHub, when the repository is known. */
function lineUrlOf(env: CliIo['env'], connection: TrackerConnection | undefined): ((p: string, line: number) => string) | undefined {
  const repository = connection?.kind === 'github' ? `${connection.owner}/${connection.repo}` : env.GITHUB_REPOSITORY
  if (!repository || !/^[^/\s]+\/[^/\s]+$/.test(repository)) return undefined
  const web = (env.GITHUB_SERVER_URL || githubWebUrl(env.GITHUB_API_URL || 'https://api.github.com')).replace(/\/+$/, '')
  const ref = env.GITHUB_SHA || 'HEAD'
  return (file, line) => `${web}/${repository}/blob/${ref}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}`
}

/** A tracker that cannot be read stops the run before anything is written: say why and what to do. */
function trackerFailure(error: unknown, kind: TrackerKind): { message: string; hint: string; code: ExitCode } | undefined {
  const message = errorMessage(error)
  // Octokit gives a request that never reached the service status 500: it is a network problem, not a server's answer.
  if (networkFailure(error)) return { message: `could not reach the ${kind} tracker (${message}); nothing was written`, hint: 'check the base URL, the network and any proxy, then run again', code: EXIT.PROBLEMS }
  const status = errorStatus(error)
  if (status === 401 || status === 403) {
    return { message: `the ${kind} tracker refused the credentials (${status}: ${message}); nothing was written`, hint: 'check the token and its permissions (see docs/sync.md)', code: EXIT.USAGE }
  }
  if (status === 404) {
    return { message: `${message}; nothing was written`, hint: 'check the team or project key, the repository and the base URL (config sync:, or the environment)', code: EXIT.USAGE }
  }
  if (error instanceof UnexpectedResponseError || status !== undefined || /fetch failed|ECONN|ETIMEDOUT|ENOTFOUND|socket|timed? ?out|no response/i.test(message)) {
    return { message: `could not read the ${kind} tracker (${status !== undefined ? `${status}: ` : ''}${message}); nothing was written`, hint: 'check the base URL and the network, then run again', code: EXIT.PROBLEMS }
  }
  return undefined
}

export async function syncCommand(options: SyncOptions, io: CliIo, deps: CliDeps): Promise<ExitCode> {
  const root = resolveRoot(options.root, io.cwd)
  const overrides: ConfigOverride[] = []
  if (options.tracker !== undefined) overrides.push({ source: '--tracker', values: { sync: { tracker: options.tracker } } })
  if (options.writeBack === false) overrides.push({ source: '--no-write-back', values: { sync: { 'write-back': 'off' } } })
  const config = loadConfig({
    root,
    ...(options.config === undefined ? {} : { configPath: path.resolve(io.cwd, options.config) }),
    overrides,
    readFile: readConfigText
  })
  const sync = config.sync
  const kind = sync.tracker

  const found = resolveConnection(kind, credentialsFromEnvironment(io.env), sync, ENV_NAMES)
  if ('incomplete' in found) {
    throw new UsageError(found.incomplete, 'set the missing environment variables (see "reliability-loop sync --help"), or pass --dry-run to plan without credentials')
  }
  // A run that was meant to write but has no secret must not pass for a green dry run (a misnamed secret
  // in a weekly job would stay unnoticed forever).
  if ('absent' in found && options.dryRun !== true) {
    throw new UsageError(`a sync that writes needs the ${kind} credentials, and ${found.variable} is not set; nothing was planned or written`, `set ${found.variable} (see "reliability-loop sync --help"), or pass --dry-run to plan from the postmortems alone`)
  }
  const connection = 'connection' in found ? found.connection : undefined
  const dryRun = options.dryRun === true || connection === undefined
  if ('absent' in found && options.format === 'text') {
    io.stderr(`note: ${found.absent}: planned from the postmortems alone, without asking ${kind}\n`)
  }

  const now = deps.now ?? (() => new Date())
  const debug = isDebug(io.env)
  const tracker = connection
    ? createTracker(connection, {
        sync,
        startedAt: now(),
        log: { info: (m) => (debug ? io.stderr(`${m}\n`) : undefined), warning: (m) => io.stderr(`warning: ${m}\n`) },
        ...(options.timeout !== undefined && { transport: { timeoutMs: options.timeout * 1000 } })
      })
    : undefined

  // Whenever the tracker is asked (a dry run with credentials too), so a slow one never looks like a hang.
  const showProgress = options.format === 'text' && (io.stderrIsTTY ?? io.isTTY) && !isCI(io.env) && tracker !== undefined
  const progress = showProgress ? syncProgressLine(io.stderr, kind) : NO_SYNC_PROGRESS
  const lineUrl = lineUrlOf(io.env, connection)
  let result
  try {
    result = await runSync(
      config,
      { dryRun, trackerKind: kind, ...(lineUrl && { lineUrl }) },
      {
        files: nodeRepoFiles(root),
        writeFile: (file, text, expected) => replaceRepoFileAtomic(root, file, text, expected),
        ...(tracker && { tracker }),
        onProgress: progress.update,
        onPhase: progress.phase
      }
    )
  } catch (error) {
    const failure = trackerFailure(error, kind)
    if (!failure) throw error
    io.stderr(`error: ${failure.message}\nhint: ${failure.hint}\n`)
    return failure.code
  } finally {
    progress.clear()
  }

  if (options.format === 'json') io.stdout(formatSyncJson(result))
  else io.stdout(formatSyncText(result, { color: shouldUseColor({ flag: options.color, env: io.env, isTTY: io.isTTY }), ...(io.isTTY && io.columns !== undefined && { columns: io.columns }) }))
  return result.counts.failed > 0 ? EXIT.PROBLEMS : EXIT.OK
}
