// The gate mode as an Action step: finds the pull request and its base from the event, reads the policy
// from the base commit, runs the three gates, and reports one check run per gate on the head commit, the
// job summary, the outputs (`result`, `failed-gates`, `bypass`), the bypass log and the step's result.
// Every path ends with the three checks reported, so a required check is never left waiting.

import * as core from '@actions/core'
import { ConfigError } from '../config/errors.js'
import { DEFAULT_GATE_CHECK_NAMES } from '../config/gate-schema.js'
import type { GateId } from '../config/types.js'
import type { BypassRecord } from '../gates/bypass.js'
import { failAllGates, type GateEvaluation } from '../gates/evaluate.js'
import { failedGates, type GateLinks, type GatePullRequest, type GateVerdict } from '../gates/types.js'
import { errorMessage, errorStatus, type GitHubClient } from '../github/client.js'
import { createCheckRun } from '../github/create-check-run.js'
import { getFileAtRef } from '../github/get-file-at-ref.js'
import { getPullRequest, type PullRequestDetails } from '../github/get-pull-request.js'
import { listCheckRunsForRef, type CheckRunSummary } from '../github/list-check-runs-for-ref.js'
import { findOpenPullRequestsByHead } from '../github/list-open-pull-requests.js'
import { listPullRequestsForCommit } from '../github/list-pull-requests-for-commit.js'
import { updateCheckRun } from '../github/update-check-run.js'
import { BYPASS_RECORD_PATH, writeBypassRecord } from '../io/bypass-log.js'
import { createGitHubGateSources, type ChangeSource } from '../io/gate-github-sources.js'
import { resolveCommit } from '../io/git.js'
import { nodeRepoFiles } from '../io/node-files.js'
import { GateInputsUnreadableError, PolicyUnavailableError, runGateAtBase, type GateAtBaseResult, type GateRequest } from '../modes/gate.js'
import { renderCheckRunSummary, renderGateJobSummary } from '../report/gate-report.js'
import { writeJobSummary } from '../report/job-summary.js'
import { describeGateEvent, GATE_EVENTS, type GateTarget } from './gate-event.js'

export interface GateRunner {
  workspace: string
  eventName: string
  serverUrl: string
  runId?: string
  /** RUNNER_TEMP: where the bypass record is written (never the workspace, which the pull request controls). */
  tempDir?: string
}

export interface GateActionContext {
  runner: GateRunner
  payload: unknown
  owner: string
  repo: string
  /** The `config` input: a repository-relative path read at the base commit; undefined for the default lookup. */
  configPath?: string
  /** The `drill-result` input ('' when not given). */
  drillResult: string
  /** Undefined without a token: then the policy cannot be read and every gate fails saying so. */
  github?: GitHubClient
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

/** What is being gated, once the pull request is known. */
interface Subject {
  headSha: string
  baseSha: string
  event: string
  pullRequest?: GatePullRequest
  change: ChangeSource
  fromFork: boolean
  triggeringRun?: Extract<GateTarget, { kind: 'workflow-run' }>['run']
}

const short = (sha: string) => sha.slice(0, 7)

export async function runGateAction(ctx: GateActionContext): Promise<void> {
  const target = describeGateEvent(ctx.runner.eventName, ctx.payload)
  if (target.kind === 'unsupported') {
    core.setFailed(`mode gate runs on ${GATE_EVENTS.join(', ')} events, not on ${target.event}; see docs/gate.md for the workflow.`)
    return
  }
  const github = ctx.github
  if (!github) {
    // Without the API neither the base policy nor the drill runs can be read: fail rather than guess.
    core.setFailed('mode gate needs the `token` input (the workflow’s GITHUB_TOKEN is enough): it reads the policy from the base commit and the drill runs through the API.')
    return
  }

  let subject: Subject | undefined
  try {
    subject = await resolveSubject(ctx, github, target)
  } catch (error) {
    core.setFailed(`Could not find the pull request to gate: ${errorStatus(error) ?? ''} ${errorMessage(error)}`.replace('  ', ' '))
    return
  }
  if (!subject) {
    setOutputs('pass', [], '')
    return
  }
  await gate(ctx, github, subject)
}

async function resolveSubject(ctx: GateActionContext, github: GitHubClient, target: Exclude<GateTarget, { kind: 'unsupported' }>): Promise<Subject | undefined> {
  const { owner, repo } = ctx
  const asPullRequest = (d: PullRequestDetails): GatePullRequest => ({ number: d.number, url: d.htmlUrl, title: d.title, body: d.body, labels: d.labels })
  switch (target.kind) {
    case 'pull-request':
      // pull_request_target checks out the base unless told otherwise; postmortems must be the head's.
      if (ctx.runner.eventName === 'pull_request_target') await warnIfWorkspaceIsNotHead(ctx.runner.workspace, target.headSha, 'github.event.pull_request.head.sha')
      return {
        headSha: target.headSha,
        baseSha: target.baseSha,
        event: ctx.runner.eventName,
        pullRequest: { number: target.number, ...(target.htmlUrl !== undefined && { url: target.htmlUrl }), title: target.title, body: target.body, labels: target.labels },
        change: { kind: 'pull-request', number: target.number, ...(target.changedFiles !== undefined && { changedFiles: target.changedFiles }) },
        fromFork: target.fromFork
      }
    case 'merge-group': {
      // The queue branch names the pull request; its labels (fix label, bypass) still apply in the queue.
      // Without them the gates are still evaluated, so the queue is never left waiting for the checks.
      const details =
        target.pullNumber === undefined
          ? undefined
          : await getPullRequest(github, { owner, repo, pullNumber: target.pullNumber }).catch((error: unknown) => {
              core.warning(`Could not read pull request #${target.pullNumber ?? ''} of this merge group (${errorMessage(error)}); its fix and bypass labels are not taken into account.`)
              return undefined
            })
      return {
        headSha: target.headSha,
        baseSha: target.baseSha,
        event: 'merge_group',
        ...(details !== undefined && { pullRequest: asPullRequest(details) }),
        change: { kind: 'compare', base: target.baseSha, head: target.headSha, ...(target.pullNumber !== undefined && { fallbackPullRequest: target.pullNumber }) },
        fromFork: false
      }
    }
    case 'workflow-run': {
      // `pull_requests` is empty for runs of fork pull requests: find the pull request from the head commit.
      let numbers = target.pullNumbers
      if (numbers.length === 0) numbers = await listPullRequestsForCommit(github, { owner, repo, sha: target.headSha })
      if (numbers.length === 0) numbers = await findOpenPullRequestsByHead(github, { owner, repo, sha: target.headSha })
      const number = [...numbers].sort((a, b) => a - b)[0]
      if (number === undefined) {
        core.notice(`No open pull request has ${short(target.headSha)} as its head commit; nothing to gate.`)
        return undefined
      }
      if (numbers.length > 1) core.info(`Pull requests ${numbers.map((n) => `#${n}`).join(', ')} share the head ${short(target.headSha)}; gating #${number} (the check runs belong to the commit).`)
      const details = await getPullRequest(github, { owner, repo, pullNumber: number })
      if (details.headSha.toLowerCase() !== target.headSha) {
        core.notice(`Pull request #${number} has moved on to ${short(details.headSha)} since the drill run for ${short(target.headSha)}; its own run gates it.`)
        return undefined
      }
      await warnIfWorkspaceIsNotHead(ctx.runner.workspace, target.headSha, 'github.event.workflow_run.head_sha')
      return {
        headSha: target.headSha,
        baseSha: details.baseSha,
        event: 'workflow_run',
        pullRequest: asPullRequest(details),
        change: { kind: 'pull-request', number },
        fromFork: details.headRepository !== `${owner}/${repo}`,
        triggeringRun: target.run
      }
    }
  }
}

/** On workflow_run (and pull_request_target) the checkout is not the head commit unless the workflow asks for it. */
async function warnIfWorkspaceIsNotHead(workspace: string, headSha: string, expression: string): Promise<void> {
  const checkedOut = await resolveCommit(workspace, 'HEAD')
  if (checkedOut !== undefined && checkedOut.toLowerCase() !== headSha) {
    core.warning(
      `The workspace is at ${short(checkedOut)}, not the pull request's head ${short(headSha)}: postmortems and experiment docs are read from the workspace. ` +
        `Check out \`ref: \${{ ${expression} }}\` (see docs/gate.md).`
    )
  }
}

async function gate(ctx: GateActionContext, github: GitHubClient, subject: Subject): Promise<void> {
  const { owner, repo, runner } = ctx
  const runUrl = runner.runId !== undefined ? `${runner.serverUrl.replace(/\/+$/, '')}/${owner}/${repo}/actions/runs/${runner.runId}` : undefined
  const configLabel = ctx.configPath ?? '.github/reliability.yml'
  const prNote = subject.pullRequest ? ` (base of #${subject.pullRequest.number})` : ''
  const links: GateLinks = { serverUrl: runner.serverUrl, repository: `${owner}/${repo}`, sha: subject.headSha }
  const request: GateRequest = {
    event: subject.event,
    repository: `${owner}/${repo}`,
    headSha: subject.headSha,
    configCommit: subject.baseSha,
    ...(subject.pullRequest !== undefined && { pullRequest: subject.pullRequest }),
    ...(runUrl !== undefined && { runUrl }),
    pathFiltersApply: subject.event !== 'merge_group',
    ...(ctx.drillResult !== '' && { drillResult: ctx.drillResult })
  }
  const now = ctx.now ?? Date.now
  const sources = createGitHubGateSources({
    client: github,
    owner,
    repo,
    headSha: subject.headSha,
    baseSha: subject.baseSha,
    ...(subject.pullRequest !== undefined && { pullNumber: subject.pullRequest.number }),
    change: subject.change,
    head: nodeRepoFiles(runner.workspace),
    ...(subject.triggeringRun !== undefined && { triggeringRun: subject.triggeringRun }),
    mayWait: true,
    sleep: ctx.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now,
    log: core.info
  })
  const policySource = {
    root: runner.workspace,
    ...(ctx.configPath !== undefined && { configPath: ctx.configPath }),
    readAtBase: (file: string) => getFileAtRef(github, { owner, repo, path: file, ref: subject.baseSha }),
    baseLabel: `base commit \`${short(subject.baseSha)}\`${prNote}`
  }

  let outcome: GateAtBaseResult
  try {
    outcome = await runGateAtBase(policySource, request, sources, () => new Date(now()))
  } catch (error) {
    if (error instanceof PolicyUnavailableError) {
      const cause = error.cause
      const why =
        cause instanceof ConfigError
          ? { reason: `The gate configuration at the base commit ${short(subject.baseSha)} is invalid:`, detail: cause.message, action: 'Fix it on the base branch; a pull request cannot change the policy that judges it.' }
          : { reason: `The gate configuration could not be read from the base commit ${short(subject.baseSha)}: ${errorStatus(cause) ?? 'error'} ${errorMessage(cause)}.`, action: 'Re-run the job; the token needs `contents: read`.' }
      await report(ctx, github, subject, failAllGates('Gate policy unavailable', why), DEFAULT_GATE_CHECK_NAMES, `\`${configLabel}\` at base commit \`${short(subject.baseSha)}\` (unreadable)`, runUrl, links)
      return
    }
    if (!(error instanceof GateInputsUnreadableError)) throw error
    // The policy was read; reading the change failed. Every gate fails rather than pass unread.
    const evaluation = failAllGates('Gate could not be evaluated', {
      reason: `Reading the pull request failed: ${errorStatus(error.cause) ?? 'error'} ${errorMessage(error.cause)}.`,
      action: 'Re-run the job; a gate that cannot read its inputs does not pass.'
    })
    await report(ctx, github, subject, evaluation, error.config.gate.checkNames, error.policy, runUrl, links)
    return
  }
  core.info(`Policy: ${outcome.policy.replace(/`/g, '')}`)
  for (const warning of outcome.run.warnings) core.warning(warning)
  const settings = outcome.config.gate
  await report(ctx, github, subject, outcome.run, settings.checkNames, outcome.policy, runUrl, links, settings.bypass.log)
}

async function report(
  ctx: GateActionContext,
  github: GitHubClient,
  subject: Subject,
  evaluation: GateEvaluation,
  checkNames: Record<GateId, string>,
  policy: string,
  runUrl: string | undefined,
  links: GateLinks,
  bypassLog?: string
): Promise<void> {
  const { verdicts, result } = evaluation
  for (const v of verdicts) core.info(`${checkNames[v.id]}: ${v.conclusion} — ${v.title}`)
  const notes = [...evaluation.notes]

  let bypassLine = ''
  if (evaluation.bypassRecord && bypassLog) {
    bypassLine = JSON.stringify(evaluation.bypassRecord)
    notes.push(await keepBypassRecord(ctx.runner, bypassLog, evaluation.bypassRecord, bypassLine))
  }

  const checks = await reportCheckRuns(ctx, github, subject, verdicts, checkNames, { policy, links }, runUrl)
  notes.push(...checks.notes)
  try {
    await writeJobSummary(
      renderGateJobSummary(result, verdicts, { checkNames, policy, notes, checkRunUrls: checks.urls, links, ...(evaluation.bypass !== undefined && { bypass: evaluation.bypass }) })
    )
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }

  const failed = failedGates(verdicts)
  setOutputs(result, failed, bypassLine)
  if (result === 'fail') core.setFailed(`Gate failed: ${failed.map((id) => checkNames[id]).join(', ')}. See the check runs and the job summary.`)
  else if (result === 'pending') core.notice(`Gate pending: ${verdicts.filter((v) => v.conclusion === 'pending').map((v) => `${checkNames[v.id]} (${v.title})`).join(', ')}. It is evaluated again when the drill workflow completes.`)
}

/** Writes the record under RUNNER_TEMP for the workflow to upload or commit; returns the sentence for the summary. */
async function keepBypassRecord(runner: GateRunner, bypassLog: string, record: BypassRecord, line: string): Promise<string> {
  const inline = `\n\n\`\`\`json\n${line}\n\`\`\``
  if (runner.tempDir === undefined) {
    core.warning('RUNNER_TEMP is not set, so the bypass record was not written to a file; it is in the `bypass` output and the job summary.')
    return `The bypass record was not written to a file (RUNNER_TEMP is not set); the record:${inline}`
  }
  try {
    const done = await writeBypassRecord({ tempDir: runner.tempDir, workspace: runner.workspace, repositoryLog: bypassLog }, record)
    if (done.skippedLog !== undefined) core.warning(`The bypass log in the checkout was not read for duplicates: ${done.skippedLog}.`)
    if (done.outcome === 'already-logged') return `This bypass is already in \`${bypassLog}\`.`
    return `The bypass record was written to \`$RUNNER_TEMP/${BYPASS_RECORD_PATH}\` (the shipped workflow uploads it as an artifact; docs/gate.md shows how to commit it to \`${bypassLog}\`).`
  } catch (error) {
    core.warning(`Could not write the bypass record: ${errorMessage(error)}`)
    return `The bypass record could not be written (${errorMessage(error)}); the record:${inline}`
  }
}

function setOutputs(result: string, failed: readonly string[], bypass: string): void {
  core.setOutput('result', result)
  core.setOutput('failed-gates', failed.join(','))
  core.setOutput('bypass', bypass)
}

/**
 * One check run per gate on the head commit. A run left `in_progress` by an earlier evaluation (drills
 * pending) is completed in place rather than shadowed by a new one; completed runs are never edited
 * (their annotations would stay), a new run replaces them.
 */
async function reportCheckRuns(
  ctx: GateActionContext,
  github: GitHubClient,
  subject: Subject,
  verdicts: readonly GateVerdict[],
  checkNames: Record<GateId, string>,
  context: { policy: string; links: GateLinks },
  runUrl: string | undefined
): Promise<{ urls: Partial<Record<GateId, string>>; notes: string[] }> {
  const { owner, repo } = ctx
  const urls: Partial<Record<GateId, string>> = {}
  let existing: CheckRunSummary[] = []
  try {
    existing = await listCheckRunsForRef(github, { owner, repo, ref: subject.headSha, maxPages: 1 })
  } catch (error) {
    core.info(`Could not list the check runs of ${short(subject.headSha)} (${errorMessage(error)}); creating new ones.`)
  }
  for (const verdict of verdicts) {
    const name = checkNames[verdict.id]
    const open = existing.find((r) => r.name === name && r.status !== 'completed')
    const request = {
      owner,
      repo,
      name,
      headSha: subject.headSha,
      ...(verdict.conclusion !== 'pending' && { conclusion: verdict.conclusion }),
      title: verdict.title,
      summary: renderCheckRunSummary(verdict, context),
      annotations: verdict.annotations,
      ...(runUrl !== undefined && { detailsUrl: runUrl })
    }
    try {
      const run = open ? await updateCheckRun(github, { ...request, checkRunId: open.id }) : await createCheckRun(github, request)
      if (run.htmlUrl) urls[verdict.id] = run.htmlUrl
    } catch (error) {
      const status = errorStatus(error)
      annotateInStep(verdicts)
      if (status === 403 || status === 404) {
        const fork = subject.fromFork
          ? 'This pull request comes from a fork, so the token is read-only whatever the workflow asks: the verdict is in this job’s result and summary. For check runs on fork pull requests, use the workflow_run pattern in docs/gate.md.'
          : 'Give the job `permissions: checks: write`.'
        core.warning(`Could not create the check run "${name}" (${status} ${errorMessage(error)}). ${fork}`)
        return { urls, notes: [`The check runs could not be created (${status}). ${fork}`] }
      }
      core.warning(`Could not report the check run "${name}": ${status ?? 'error'} ${errorMessage(error)}`)
      return { urls, notes: [`The check runs could not all be reported (${status ?? 'error'}: ${errorMessage(error)}); re-run the job.`] }
    }
  }
  return { urls, notes: [] }
}

/** Without check runs, the annotations go on the step (GitHub shows the first 10 of each level). */
function annotateInStep(verdicts: readonly GateVerdict[]): void {
  for (const v of verdicts) {
    for (const a of v.annotations) {
      const properties = { file: a.path, startLine: a.start_line, endLine: a.end_line, title: a.title ?? v.id }
      if (a.annotation_level === 'failure') core.error(a.message, properties)
      else if (a.annotation_level === 'warning') core.warning(a.message, properties)
      else core.notice(a.message, properties)
    }
  }
}
