// The Action's entry. The only module that reads inputs (core.getInput), the environment and the event
// payload; it reads each once, builds the one Config, and hands typed values to the mode.

import { readFileSync } from 'node:fs'
import * as core from '@actions/core'
import { describeEvent, type ActionEvent } from './action/event.js'
import { ACTION_MODES, INPUT_NAMES, InputError, inputsForOtherModes, parseActionInputs, SECRET_INPUTS, type ActionInputs, type ActionMode, type RawInputs } from './action/inputs.js'
import { runLintAction } from './action/lint-action.js'
import { loadConfig } from './config/load.js'
import { ConfigError } from './config/errors.js'
import type { Config } from './config/types.js'
import { createGitHubClient, type GitHubClient } from './github/client.js'
import { createNodeLintAdapters } from './io/node-adapters.js'
import { runLint } from './modes/lint.js'
import { runGateAction } from './action/gate-action.js'
import { runExperimentAction } from './action/experiment-action.js'
import { nodeRepoFiles } from './io/node-files.js'
import { runExperimentValidation } from './modes/experiment.js'
import { runSyncAction, SYNC_INPUT_NAMES } from './action/sync-action.js'
import { replaceRepoFileAtomic } from './io/atomic-write.js'
import { lineUrl, type SourceLink } from './report/job-summary.js'
import { runAuditAction } from './action/audit-action.js'
import { runReviewAction } from './action/review-action.js'
import { runExportAction } from './action/export-action.js'
import { EXPORT_SECRETS } from './io/export-warehouse.js'
import { createNodeReviewAdapters } from './io/node-review-adapters.js'
import { reviewTracker } from './io/review-tracker.js'
import { readConfigText } from './io/config-file.js'
import { defaultCacheDirFor } from './io/lint-cache-dir.js'
import { runPublishAction } from './action/publish-action.js'
import { PUBLISH_SECRET_INPUTS } from './action/inputs.js'
import { publishCredentials } from './publish/credentials.js'
import { createNodePublishAdapters } from './publish/node-adapters.js'
import { runPostmortemAction } from './action/postmortem-action.js'
import { errorMessage } from './util/error-message.js'

/** Modes this version runs, and those a later version will add (named in the error for an unknown mode). */
export const AVAILABLE_MODES = ACTION_MODES
export const PLANNED_MODES: readonly string[] = []

/** What the runner tells the Action through the environment. */
interface RunnerEnvironment {
  workspace: string
  eventName: string
  eventPath?: string
  /** `owner/repo` */
  repository?: string
  sha: string
  serverUrl: string
  apiUrl: string
  runId?: string
  /** RUNNER_TEMP: files only this job sees (the gate's bypass record). */
  tempDir?: string
}

function readRunnerEnvironment(env: NodeJS.ProcessEnv): RunnerEnvironment {
  const runner: RunnerEnvironment = {
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    eventName: env.GITHUB_EVENT_NAME ?? '',
    sha: env.GITHUB_SHA ?? '',
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com'
  }
  if (env.GITHUB_EVENT_PATH) runner.eventPath = env.GITHUB_EVENT_PATH
  if (env.RUNNER_TEMP) runner.tempDir = env.RUNNER_TEMP
  if (env.GITHUB_REPOSITORY) runner.repository = env.GITHUB_REPOSITORY
  if (env.GITHUB_RUN_ID) runner.runId = env.GITHUB_RUN_ID
  return runner
}

function readInputs(): RawInputs {
  return Object.fromEntries(INPUT_NAMES.map((name) => [name, core.getInput(name)])) as RawInputs
}

function readEventPayload(path: string | undefined): unknown {
  if (!path) return {}
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown
  } catch (error) {
    throw new Error(`cannot read the event payload ${path}: ${errorMessage(error)}`)
  }
}

function repositoryOf(runner: RunnerEnvironment, payload: unknown): { owner: string; repo: string } {
  const fromPayload = (payload as { repository?: { full_name?: unknown } } | null)?.repository?.full_name
  const full = runner.repository ?? (typeof fromPayload === 'string' ? fromPayload : '')
  const [owner, repo, ...rest] = full.split('/')
  if (!owner || !repo || rest.length > 0) throw new Error(`GITHUB_REPOSITORY must be "owner/repo" (got "${full}")`)
  return { owner, repo }
}

function unknownModeMessage(mode: string): string {
  const available = AVAILABLE_MODES.join(', ')
  const planned = PLANNED_MODES.length > 0 ? ` (planned: ${PLANNED_MODES.join(', ')})` : ''
  if (PLANNED_MODES.includes(mode)) {
    return `input mode: "${mode}" is not in this version of reliability-loop yet; available: ${available}${planned}.`
  }
  return `input mode: unknown mode "${mode}"; available: ${available}${planned}.`
}

/** The workspace's configuration, merged with the inputs' overrides; every mode but gate reads it this way. */
function loadWorkspaceConfig(inputs: ActionInputs, runner: RunnerEnvironment): Config {
  const defaultCacheDir = defaultCacheDirFor(runner.workspace)
  return loadConfig({
    root: runner.workspace,
    ...(inputs.configPath !== undefined && { configPath: inputs.configPath }),
    overrides: inputs.overrides,
    readFile: readConfigText,
    ...(defaultCacheDir !== undefined && { defaultCacheDir })
  })
}

function githubClient(token: string, runner: RunnerEnvironment): GitHubClient {
  return createGitHubClient({ token, baseUrl: runner.apiUrl, log: { info: core.info, warning: core.warning } })
}

/** Where summaries link files at a commit: `{ link }` when the repository and commit are known, else nothing. */
function withLink(runner: RunnerEnvironment, sha: string): { link?: SourceLink } {
  return runner.repository !== undefined && sha !== '' ? { link: { serverUrl: runner.serverUrl, repository: runner.repository, sha } } : {}
}

async function lintMode(inputs: ActionInputs, runner: RunnerEnvironment): Promise<void> {
  const config = loadWorkspaceConfig(inputs, runner)
  core.info(`Configuration: ${config.configFile ?? 'defaults (no .github/reliability.yml)'}; postmortems: ${config.lint.postmortems.paths.join(', ')}`)

  const payload = readEventPayload(runner.eventPath)
  const event: ActionEvent = describeEvent(runner.eventName, payload, runner.sha)
  const { owner, repo } = repositoryOf(runner, payload)
  const adapters = createNodeLintAdapters(config)

  await runLintAction({
    config,
    inputs,
    event,
    owner,
    repo,
    serverUrl: runner.serverUrl,
    ...(runner.runId !== undefined && { runUrl: `${runner.serverUrl.replace(/\/+$/, '')}/${owner}/${repo}/actions/runs/${runner.runId}` }),
    ...(inputs.token !== '' && {
      github: githubClient(inputs.token, runner)
    }),
    lint: (request) => runLint(config, request, adapters),
    exists: adapters.files.exists
  })
}

// experiment mode: checks every experiment doc; links in the summary point at the commit checked.
async function experimentMode(inputs: ActionInputs, runner: RunnerEnvironment): Promise<void> {
  const config = loadWorkspaceConfig(inputs, runner)
  const settings = config.experiment
  core.info(`Configuration: ${config.configFile ?? 'defaults (no .github/reliability.yml)'}; experiment docs: ${settings.paths.join(', ')}`)
  const sha = describeEvent(runner.eventName, readEventPayload(runner.eventPath), runner.sha).sha
  await runExperimentAction({
    failOn: inputs.failOn,
    ...withLink(runner, sha),
    validate: () => runExperimentValidation(settings, nodeRepoFiles(config.root))
  })
}

// gate mode: the policy is read from the pull request's base commit through the API, not from the workspace.
async function gateMode(inputs: ActionInputs, runner: RunnerEnvironment): Promise<void> {
  const payload = readEventPayload(runner.eventPath)
  await runGateAction({
    runner,
    payload,
    ...repositoryOf(runner, payload),
    ...(inputs.configPath !== undefined && { configPath: inputs.configPath }),
    drillResult: inputs.drillResult,
    ...(inputs.token !== '' && {
      github: githubClient(inputs.token, runner)
    })
  })
}

// sync mode: the tracker's credentials come from the inputs; the write-back edits the workspace and the
// workflow commits it (outputs `write-back`, `changed-files`).
async function syncMode(inputs: ActionInputs, runner: RunnerEnvironment): Promise<void> {
  const config = loadWorkspaceConfig(inputs, runner)
  const { repository } = runner
  const link = withLink(runner, runner.sha).link
  await runSyncAction({
    config,
    dryRun: inputs.sync.dryRun,
    credentials: { ...inputs.sync.credentials, githubApiUrl: runner.apiUrl, ...(repository !== undefined && { githubRepository: repository }) },
    ...(link && { lineUrl: (path: string, line: number) => lineUrl(link, path, line) }),
    adapters: { files: nodeRepoFiles(config.root), writeFile: (path, text, expected) => replaceRepoFileAtomic(config.root, path, text, expected) },
    now: () => new Date()
  })
}

// audit mode: the llm scorer's endpoint and key come from the inputs, else from the environment.
async function auditMode(inputs: ActionInputs, runner: RunnerEnvironment): Promise<void> {
  const config = loadWorkspaceConfig(inputs, runner)
  await runAuditAction({
    config,
    inputs: inputs.audit,
    env: process.env,
    ...withLink(runner, runner.sha),
    now: () => new Date()
  })
}

// review mode: writes the packet into the workspace; the workflow commits it.
async function reviewMode(inputs: ActionInputs, runner: RunnerEnvironment): Promise<void> {
  const config = loadWorkspaceConfig(inputs, runner)
  // The URL carries the password: masked before anything could print it.
  const redisUrl = process.env.REDIS_URL
  if (redisUrl) core.setSecret(redisUrl)
  const { repository } = runner
  // The synced items' tickets, read with the same credentials as the sync mode (its inputs).
  const tracker = reviewTracker(config, { ...inputs.sync.credentials, githubApiUrl: runner.apiUrl, ...(repository !== undefined && { githubRepository: repository }) }, SYNC_INPUT_NAMES, {
    startedAt: new Date(),
    log: { info: core.info, warning: core.warning }
  })
  const adapters = createNodeReviewAdapters(config, { ...(redisUrl && { redisUrl }) })
  await runReviewAction({ config, inputs: inputs.review, adapters: { ...adapters, ...(tracker && { tracker }) }, now: () => new Date() })
}

// export mode: the records into BigQuery or Snowflake; settings and credentials from the step's env.
async function exportMode(inputs: ActionInputs, runner: RunnerEnvironment): Promise<void> {
  for (const name of EXPORT_SECRETS) {
    const secret = process.env[name]
    if (secret) core.setSecret(secret)
  }
  const config = loadWorkspaceConfig(inputs, runner)
  await runExportAction({ config, inputs: inputs.export, env: process.env, ...(runner.repository !== undefined && { repository: runner.repository }), now: () => new Date() })
}

// publish mode: the packet to Confluence, e-mail and Slack; credentials from the inputs, else the environment.
async function publishMode(inputs: ActionInputs, runner: RunnerEnvironment): Promise<void> {
  const config = loadWorkspaceConfig(inputs, runner)
  const env = { ...process.env, ...inputs.publish.credentials }
  for (const name of ['CONFLUENCE_API_TOKEN', 'CONFLUENCE_PAT', 'SMTP_URL', 'SLACK_WEBHOOK_URL', 'REDIS_URL']) if (env[name]) core.setSecret(env[name] as string)
  const redisUrl = process.env.REDIS_URL
  const adapters = createNodeReviewAdapters(config, { ...(redisUrl && { redisUrl }) })
  const { repository } = runner
  const packetUrl = repository === undefined ? undefined : `${runner.serverUrl}/${repository}/blob/HEAD/${config.review.outputDir}/{period}.md`
  await runPublishAction({
    config,
    inputs: inputs.publish,
    reviewAdapters: adapters,
    publishAdapters: createNodePublishAdapters(config.root, config.publish.record),
    credentials: publishCredentials(env),
    ...(packetUrl !== undefined && { packetUrl }),
    ...(repository !== undefined && { fileUrl: (path: string) => `${runner.serverUrl}/${repository}/blob/HEAD/${path.split('/').map(encodeURIComponent).join('/')}` }),
    now: () => new Date()
  })
}

// postmortem mode: draft postmortems for incidents that have none, one pull request each, against the branch
// the workflow runs on (GITHUB_REF_NAME), starting from its commit.
async function postmortemMode(inputs: ActionInputs, runner: RunnerEnvironment): Promise<void> {
  const config = loadWorkspaceConfig(inputs, runner)
  const redisUrl = process.env.REDIS_URL
  if (redisUrl) core.setSecret(redisUrl)
  const { owner, repo } = repositoryOf(runner, readEventPayload(runner.eventPath))
  await runPostmortemAction({
    config,
    owner,
    repo,
    baseBranch: process.env.GITHUB_REF_NAME || 'main',
    baseSha: runner.sha,
    ...(inputs.token !== '' && { github: githubClient(inputs.token, runner) }),
    dryRun: inputs.sync.dryRun,
    adapters: createNodeReviewAdapters(config, { ...(redisUrl && { redisUrl }) }),
    now: () => new Date()
  })
}

function reportConfigError(error: ConfigError): void {
  // Each located problem also becomes an annotation on the config file, so it shows on the PR diff.
  for (const issue of error.issues) {
    if (issue.line === undefined) continue
    core.error(issue.key === '' ? issue.message : `${issue.key}: ${issue.message}`, {
      file: issue.file,
      startLine: issue.line,
      ...(issue.column !== undefined && { startColumn: issue.column }),
      title: 'reliability-loop configuration'
    })
  }
  core.setFailed(`Invalid configuration: ${error.message}`)
}

/** One runner per mode, as the CLI's MODES table: adding a mode is adding a line here and to ACTION_MODES. */
const MODE_RUNNERS: Readonly<Record<ActionMode, (inputs: ActionInputs, runner: RunnerEnvironment) => Promise<void>>> = {
  lint: lintMode,
  experiment: experimentMode,
  gate: gateMode,
  sync: syncMode,
  audit: auditMode,
  review: reviewMode,
  publish: publishMode,
  export: exportMode,
  postmortem: postmortemMode
}

export async function run(): Promise<void> {
  try {
    const raw = readInputs()
    // Before anything can print it.
    for (const name of [...SECRET_INPUTS, ...PUBLISH_SECRET_INPUTS]) if (raw[name]) core.setSecret(raw[name])
    const inputs = parseActionInputs(raw)
    const runner = readRunnerEnvironment(process.env)
    const mode = ACTION_MODES.find((m) => m === inputs.mode)
    if (mode === undefined) {
      core.setFailed(unknownModeMessage(inputs.mode))
      return
    }
    for (const { input, modes } of inputsForOtherModes(raw, mode)) {
      core.warning(`input ${input} is read by mode ${modes.join(' and ')}, not by mode ${mode}: it has no effect here; remove it from this step's \`with:\``)
    }
    await MODE_RUNNERS[mode](inputs, runner)
  } catch (error) {
    if (error instanceof ConfigError) reportConfigError(error)
    else if (error instanceof InputError) core.setFailed(error.message)
    else {
      core.debug(error instanceof Error ? (error.stack ?? error.message) : String(error))
      core.setFailed(`reliability-loop failed: ${errorMessage(error)}`)
    }
  }
}
