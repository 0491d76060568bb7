// `reliability-loop gate`: the merge gate from a laptop, without posting anything.
//   --local --base <ref>   the working tree of a git checkout against a base ref, no network at all
//   --pr <number|url>      a pull request through the API (GITHUB_TOKEN), as the Action would judge it
// Exit codes: 0 pass, 1 fail, 3 pending, 2 usage or configuration error.

import path from 'node:path'
import { Command, Option } from 'commander'
import { ConfigError } from '../config/errors.js'
import { loadConfig } from '../config/load.js'
import type { Config } from '../config/types.js'
import { JOB_RESULTS, type JobResult } from '../gates/drills.js'
import type { GateLinks } from '../gates/types.js'
import { errorMessage, errorStatus, createGitHubClient, type GitHubClient } from '../github/client.js'
import { getFileAtRef } from '../github/get-file-at-ref.js'
import { getPullRequest, type PullRequestDetails } from '../github/get-pull-request.js'
import { apiCommitFiles, createGitHubGateSources } from '../io/gate-github-sources.js'
import { refsInRepository, unknownRefHint } from '../io/gate-base-ref.js'
import { createLocalGateSources } from '../io/gate-local-sources.js'
import { readConfigText } from '../io/config-file.js'
import { commitFiles, fileAtCommit, GitError, mergeBase, resolveCommit, runGit, workTreeRoot } from '../io/git.js'
import { GateInputsUnreadableError, PolicyUnavailableError, runGateAtBase, type GateAtBaseResult, type GateRunResult, type PolicySource } from '../modes/gate.js'
import { formatGateJson, formatGateText } from '../report/gate-report.js'
import { UsageError, type ExitCode } from './errors.js'
import type { CliDeps, CliIo } from './io.js'
import { shouldUseColor } from './terminal.js'

/** The gate's exit codes (3 is "pending" here, as scripts waiting on the drills expect). */
export const GATE_EXIT = { PASS: 0, FAIL: 1, USAGE: 2, PENDING: 3 } as const

export interface GateOptions {
  local?: boolean
  base?: string
  pr?: string
  repo?: string
  drillResult?: JobResult
  format: 'text' | 'json'
  config?: string
  color?: boolean
}

const GATE_HELP_AFTER = `
Evaluates the three gates the Action reports as check runs: reliability/drills (the drill suite is
green), reliability/sev1-actions (no open Sev1 action items) and reliability/rollback-plan (prompt and
tool changes come with an experiment doc that has a real rollback plan). The policy (gate: in
.github/reliability.yml) is read from the base, as in the Action. Nothing is posted.

--local compares the working tree (committed, staged, unstaged and untracked changes) with the merge
base of --base and HEAD, using git only. The drill gate is "unknown" unless --drill-result says
(which means gate.drills.source: job unless the policy names another source), and fails at once when
the policy's drill workflow (gate.drills.workflow) does not exist at --base.
--pr reads the pull request through the GitHub API with the token in GITHUB_TOKEN (GITHUB_API_URL for
GitHub Enterprise Server); when the head commit is in the local repository its files are read from
git, otherwise through the API.

Examples:
  $ reliability-loop gate --local --base origin/main
  $ reliability-loop gate --local --base main --drill-result success --format json | jq .result
  $ GITHUB_TOKEN=$(gh auth token) reliability-loop gate --pr 123
  $ reliability-loop gate --pr https://github.com/acme/agents/pull/123

Exit codes:
  0  pass: every gate succeeded (or is neutral)
  1  fail: at least one gate failed
  2  usage or configuration error: bad option, unknown ref, invalid config, token or pull request problem
  3  pending: no gate failed, but the drills are still running
`

export function addGateCommand(program: Command, io: CliIo, deps: CliDeps, done: (code: ExitCode) => void): Command {
  return program
    .command('gate')
    .summary('evaluate the merge gate (drills, Sev1 action items, rollback plan) locally or for a pull request')
    .description('Evaluate the reliability merge gate for the working tree (--local) or a pull request (--pr), without posting anything.')
    .option('--local', 'evaluate the working tree of this git checkout against --base (no network)')
    .option('--base <ref>', 'with --local: the base branch, tag or commit (e.g. origin/main)')
    .option('--pr <number|url>', 'evaluate a pull request through the GitHub API (token from GITHUB_TOKEN)')
    .option('--repo <owner/name>', 'with --pr <number>: the repository (default: from the URL, else GITHUB_REPOSITORY, else the origin remote)')
    .addOption(new Option('--drill-result <result>', 'the drill result to use (e.g. from CI); without it the drill gate is unknown locally').choices(JOB_RESULTS))
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json']).default('text'))
    .option('-c, --config <file>', 'read the policy from this file instead of the base (to try a policy change)')
    .option('--color', 'colour the text report even when stdout is not a terminal')
    .option('--no-color', 'never colour the text report')
    .addHelpText('after', GATE_HELP_AFTER)
    .action(async (options: GateOptions) => {
      done((await gateCommand(options, io, deps)) as ExitCode)
    })
}

export async function gateCommand(options: GateOptions, io: CliIo, deps: Pick<CliDeps, 'now'>): Promise<number> {
  if (options.local === true && options.pr !== undefined) throw new UsageError('--local and --pr cannot be used together', 'choose one: --local --base <ref> for this checkout, or --pr <number|url> for a pull request')
  if (options.local !== true && options.pr === undefined) throw new UsageError('say what to gate: --local --base <ref> or --pr <number|url>', 'run "reliability-loop gate --help" for examples')
  const now = deps.now ?? (() => new Date())
  const { run, policy, links } = options.local === true ? await gateLocal(options, io, now) : await gatePullRequest(options, io, now)
  for (const warning of run.warnings) io.stderr(`warning: ${warning}\n`)

  if (options.format === 'json') io.stdout(formatGateJson(run.result, run.verdicts, links))
  else {
    const color = shouldUseColor({ flag: options.color, env: io.env, isTTY: io.isTTY })
    // The warnings went to stderr; the notes under the report are the rest.
    const notes = run.notes.filter((n) => !run.warnings.includes(n))
    io.stdout(formatGateText(run.result, run.verdicts, { color, policy, notes, ...(run.bypass !== undefined && { bypass: run.bypass }) }))
  }
  return run.result === 'pass' ? GATE_EXIT.PASS : run.result === 'fail' ? GATE_EXIT.FAIL : GATE_EXIT.PENDING
}

/** --config: a file of the working tree, read as it is (the user asked for it). */
function configFromFile(root: string, file: string, cwd: string): Config {
  return loadConfig({ root, configPath: path.resolve(cwd, file), readFile: readConfigText })
}

/** What a CLI gate run produced: the verdicts, the policy line, and where links point (--pr). */
interface CliGateRun {
  run: GateRunResult
  policy: string
  links?: GateLinks
}

/** --config: the working tree's file, named as such. */
function overrideOf(root: string, options: GateOptions, cwd: string): PolicySource['override'] {
  if (options.config === undefined) return undefined
  const config = configFromFile(root, options.config, cwd)
  return { config, label: `\`${config.configFile ?? options.config}\` from the working tree (--config)` }
}

async function gateLocal(options: GateOptions, io: CliIo, now: () => Date): Promise<CliGateRun> {
  if (options.base === undefined) throw new UsageError('--local needs --base <ref>', 'e.g. --base origin/main (the branch the change will merge into)')
  if (options.repo !== undefined) throw new UsageError('--repo only applies to --pr')
  const root = await workTreeRoot(io.cwd)
  if (root === undefined) throw new UsageError(`${io.cwd} is not inside a git working tree`, 'run gate --local from a checkout of the repository, or use --pr <number|url>')
  const base = await resolveCommit(root, options.base)
  if (base === undefined) throw new UsageError(`--base ${options.base}: no such branch, tag or commit in ${root}`, unknownRefHint(options.base, await refsInRepository(root)))
  const head = await resolveCommit(root, 'HEAD')
  let since: string
  try {
    since = head === undefined ? base : await mergeBase(root, base, head)
  } catch (error) {
    throw new UsageError(`--base ${options.base} shares no history with HEAD: ${error instanceof GitError ? error.stderr : errorMessage(error)}`)
  }

  const override = overrideOf(root, options, io.cwd)
  const policySource: PolicySource = {
    root,
    readAtBase: async (file) => (await fileAtCommit(root, base, file))?.toString('utf8'),
    baseLabel: `${options.base} (\`${base.slice(0, 7)}\`)`,
    ...(override !== undefined && { override })
  }
  const sources = createLocalGateSources({ root, mergeBase: since })
  const request = { event: 'local', ...(head !== undefined && { headSha: head }), configCommit: base, pathFiltersApply: true, ...(options.drillResult !== undefined && { drillResult: options.drillResult }) }
  return atBase(() => runGateAtBase(policySource, request, sources, now), (error) => error)
}

/** The CLI's reading of runGateAtBase's errors: an invalid policy is a configuration error (exit 2), the rest as `readFailure` says. */
async function atBase(run: () => Promise<GateAtBaseResult>, readFailure: (error: unknown, what: string) => unknown): Promise<CliGateRun> {
  try {
    const { run: result, policy } = await run()
    return { run: result, policy }
  } catch (error) {
    if (error instanceof PolicyUnavailableError) throw error.cause instanceof ConfigError ? error.cause : readFailure(error.cause, 'cannot read the policy at the base commit')
    if (error instanceof GateInputsUnreadableError) throw readFailure(error.cause, 'cannot read the change')
    throw error
  }
}

interface PullRequestRef {
  owner: string
  repo: string
  number: number
  /** The web host of a pull request URL, e.g. https://github.com or https://ghe.example.com. */
  webUrl?: string
}

async function parsePullRequestRef(options: GateOptions, io: CliIo): Promise<PullRequestRef> {
  const value = (options.pr ?? '').trim()
  const url = /^(https?:\/\/[^/]+)\/([^/]+)\/([^/]+)\/pull\/(\d+)(?:[/?#].*)?$/i.exec(value)
  if (url) return { webUrl: url[1] ?? '', owner: url[2] ?? '', repo: url[3] ?? '', number: Number(url[4]) }
  if (!/^#?\d+$/.test(value)) throw new UsageError(`--pr ${value}: expected a pull request number or URL`, 'e.g. --pr 123 or --pr https://github.com/acme/agents/pull/123')
  const number = Number(value.replace('#', ''))
  const repository = options.repo ?? io.env.GITHUB_REPOSITORY ?? (await originRepository(io.cwd))
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(repository ?? '')
  if (!match) throw new UsageError(`--pr ${value}: which repository?`, 'pass --repo owner/name, a pull request URL, or run it in a clone whose origin is on GitHub')
  return { owner: match[1] ?? '', repo: (match[2] ?? '').replace(/\.git$/, ''), number }
}

/** `owner/name` of the origin remote (https or ssh), when the current directory is a clone. */
async function originRepository(cwd: string): Promise<string | undefined> {
  try {
    const remote = (await runGit(cwd, ['remote', 'get-url', 'origin'])).toString('utf8').trim()
    return /[/:]([^/:]+\/[^/]+?)(?:\.git)?$/.exec(remote)?.[1]
  } catch {
    return undefined
  }
}

function apiUrlFor(ref: PullRequestRef, env: CliIo['env']): string {
  if (env.GITHUB_API_URL) return env.GITHUB_API_URL
  if (ref.webUrl === undefined || /^https?:\/\/(www\.)?github\.com$/i.test(ref.webUrl)) return 'https://api.github.com'
  return `${ref.webUrl}/api/v3`
}

function apiFailure(what: string, error: unknown): UsageError {
  const status = errorStatus(error)
  const hint =
    status === 401
      ? 'GITHUB_TOKEN is not valid; e.g. GITHUB_TOKEN=$(gh auth token)'
      : status === 403 || status === 404
        ? 'check the repository and number, and that GITHUB_TOKEN can read the repository (a private one needs repo scope or contents/pull-requests read)'
        : 'try again; set GITHUB_API_URL for GitHub Enterprise Server'
  return new UsageError(`${what}: ${status ?? 'error'} ${errorMessage(error)}`, hint)
}

async function gatePullRequest(options: GateOptions, io: CliIo, now: () => Date): Promise<CliGateRun> {
  if (options.base !== undefined) throw new UsageError('--base only applies to --local', 'with --pr the base is the pull request’s own base commit')
  const ref = await parsePullRequestRef(options, io)
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN
  if (!token) throw new UsageError('--pr needs a GitHub token in GITHUB_TOKEN', 'e.g. GITHUB_TOKEN=$(gh auth token) reliability-loop gate --pr 123')
  const client: GitHubClient = createGitHubClient({
    token,
    baseUrl: apiUrlFor(ref, io.env),
    log: { info: () => {}, warning: (message) => io.stderr(`warning: ${message}\n`) }
  })
  const { owner, repo } = ref
  let pr: PullRequestDetails
  try {
    pr = await getPullRequest(client, { owner, repo, pullNumber: ref.number })
  } catch (error) {
    throw apiFailure(`cannot read pull request ${owner}/${repo}#${ref.number}`, error)
  }
  if (pr.state !== 'open') io.stderr(`note: ${owner}/${repo}#${pr.number} is ${pr.state}; evaluating its last head ${pr.headSha.slice(0, 7)} anyway\n`)

  const short = pr.baseSha.slice(0, 7)
  const tree = await workTreeRoot(io.cwd)
  const root = tree ?? io.cwd
  const override = overrideOf(root, options, io.cwd)
  const policySource: PolicySource = {
    root,
    readAtBase: (file) => getFileAtRef(client, { owner, repo, path: file, ref: pr.baseSha }),
    baseLabel: `base commit \`${short}\` of #${pr.number}`,
    ...(override !== undefined && { override })
  }

  // The head's files from local git when the commit is here (e.g. after `gh pr checkout`), else through the API.
  const local = tree !== undefined && (await resolveCommit(tree, pr.headSha)) !== undefined
  const head = local ? commitFiles(root, pr.headSha) : apiCommitFiles(client, { owner, repo, sha: pr.headSha })
  const webUrl = ref.webUrl ?? (io.env.GITHUB_SERVER_URL || 'https://github.com')
  const sources = createGitHubGateSources({
    client,
    owner,
    repo,
    headSha: pr.headSha,
    baseSha: pr.baseSha,
    pullNumber: pr.number,
    change: { kind: 'pull-request', number: pr.number },
    head,
    missingDrillResult: 'unknown',
    mayWait: false,
    sleep: async () => {},
    now: () => now().getTime(),
    log: () => {}
  })
  const request = {
    event: 'dry-run',
    pullRequest: { number: pr.number, url: pr.htmlUrl, title: pr.title, body: pr.body, labels: pr.labels },
    repository: `${owner}/${repo}`,
    headSha: pr.headSha,
    configCommit: pr.baseSha,
    pathFiltersApply: true,
    ...(options.drillResult !== undefined && { drillResult: options.drillResult })
  }
  const readFailure = (error: unknown, what: string) => (errorStatus(error) !== undefined ? apiFailure(`${what} of ${owner}/${repo}#${pr.number}`, error) : error)
  const result = await atBase(() => runGateAtBase(policySource, request, sources, now), readFailure)
  return { ...result, links: { serverUrl: webUrl, repository: `${owner}/${repo}`, sha: pr.headSha } }
}
