// GateSources over the GitHub API, for the Action and for `reliability-loop gate --pr` (which reads the
// same way and posts nothing). The repository's files at the head come from the caller (the Action's
// workspace, local git objects, or the API through apiCommitFiles).

import pLimit from 'p-limit'
import picomatch from 'picomatch'
import type { GateConfig } from '../config/types.js'
import type { LabelApplication, TeamMemberships } from '../gates/bypass.js'
import { JOB_RESULTS, type DrillObservation, type DrillRun, type JobResult } from '../gates/drills.js'
import type { ChangedFiles } from '../gates/rollback-plan.js'
import type { GateSources } from '../modes/gate.js'
import type { RepoFiles } from '../lint/adapters.js'
import { errorMessage, errorStatus, type GitHubClient } from '../github/client.js'
import { compareCommits } from '../github/compare-commits.js'
import { getCommitDate } from '../github/get-commit-date.js'
import { getFileAtRef } from '../github/get-file-at-ref.js'
import { isActiveTeamMember } from '../github/get-team-membership.js'
import { getTreePaths } from '../github/get-tree-paths.js'
import { listCheckRunsForRef } from '../github/list-check-runs-for-ref.js'
import { listLabelEvents } from '../github/list-label-events.js'
import { listPullRequestFiles } from '../github/list-pull-request-files.js'
import { latestWorkflowRunForSha } from '../github/list-workflow-runs.js'

/** How the changed files are found: a pull request's file list, or a comparison (merge groups). */
export type ChangeSource = { kind: 'pull-request'; number: number; changedFiles?: number } | { kind: 'compare'; base: string; head: string; fallbackPullRequest?: number }

export interface GitHubGateOptions {
  client: GitHubClient
  owner: string
  repo: string
  headSha: string
  baseSha: string
  /** The pull request whose labels and events bypass reads. */
  pullNumber?: number
  change: ChangeSource
  head: Pick<RepoFiles, 'glob' | 'read'>
  /** With `drills.source: job` and no drill result: fail the gate (the Action: misconfigured) or report it unknown (`gate --pr`). */
  missingDrillResult?: 'fail' | 'unknown'
  /** The completed drill run this evaluation was triggered by (`workflow_run`), read from the event instead of listed. */
  triggeringRun?: DrillRun & { path: string }
  /** Whether to wait (poll) for a drill run that has not started; `gate --pr` reports without waiting. */
  mayWait: boolean
  sleep: (ms: number) => Promise<void>
  /** Milliseconds since the epoch. */
  now: () => number
  log: (message: string) => void
}

export function createGitHubGateSources(options: GitHubGateOptions): GateSources {
  const { client, owner, repo } = options
  return {
    changedFiles: () => changedFiles(options),
    head: options.head,
    readBase: (path) => getFileAtRef(client, { owner, repo, path, ref: options.baseSha }),
    observeDrills: (settings, drillResult) => observeDrills(options, settings, drillResult ?? ''),
    ...(options.pullNumber !== undefined && {
      labelApplication: (label: string) => labelApplication(options, options.pullNumber ?? 0, label),
      teamMemberships: (user: string, teams: readonly string[]) => teamMemberships(client, user, teams)
    })
  }
}

async function changedFiles(options: GitHubGateOptions): Promise<ChangedFiles> {
  const { client, owner, repo, change } = options
  const fromPullRequest = async (number: number, changedCount?: number): Promise<ChangedFiles> => {
    const listing = await listPullRequestFiles(client, { owner, repo, pullNumber: number, ...(changedCount !== undefined && { changedFiles: changedCount }) })
    return {
      files: [...listing.files.map((path) => ({ path, status: 'modified' as const })), ...listing.removed.map((path) => ({ path, status: 'removed' as const }))],
      truncated: listing.truncated
    }
  }
  if (change.kind === 'pull-request') return fromPullRequest(change.number, change.changedFiles)
  const compared = await compareCommits(client, { owner, repo, base: change.base, head: change.head })
  // A comparison lists at most 300 files; the pull request's own list goes to 3000.
  if (compared.truncated && change.fallbackPullRequest !== undefined) return fromPullRequest(change.fallbackPullRequest)
  return compared
}

async function observeDrills(options: GitHubGateOptions, settings: GateConfig['drills'], drillResult: string): Promise<DrillObservation> {
  const { client, owner, repo, headSha } = options
  if (settings.source === 'job') {
    const result = drillResult.trim().toLowerCase()
    if ((JOB_RESULTS as readonly string[]).includes(result)) return { kind: 'job', result: result as JobResult }
    if (result === '' && options.missingDrillResult === 'unknown') {
      return { kind: 'unknown', reason: '`gate.drills.source` is `job`: the drill job’s result is only known inside the workflow; pass `--drill-result success|failure|skipped` to include it.' }
    }
    return {
      kind: 'error',
      message:
        result === ''
          ? '`gate.drills.source` is `job`, but the `drill-result` input is empty: pass `drill-result: ${{ needs.<drill job>.result }}` and make the gate job `needs:` the drill job with `if: always()`.'
          : `The \`drill-result\` input is "${drillResult}"; expected success, failure, cancelled or skipped (\`\${{ needs.<drill job>.result }}\`).`
    }
  }

  const source = settings.source === 'workflow' ? ('workflow run' as const) : ('check run' as const)
  const name = settings.source === 'workflow' ? settings.workflow : settings.check
  const trigger = options.triggeringRun
  if (settings.source === 'workflow' && trigger && trigger.headSha.toLowerCase() === headSha.toLowerCase() && sameWorkflow(trigger.path, settings.workflow)) {
    return { kind: 'run', run: trigger }
  }

  const find = async (): Promise<DrillRun | undefined> => {
    if (settings.source === 'workflow') {
      const run = await latestWorkflowRunForSha(client, { owner, repo, workflow: settings.workflow, headSha })
      return run && { kind: 'workflow run', name, id: run.id, status: run.status, conclusion: run.conclusion, url: run.htmlUrl, attempt: run.runAttempt, headSha: run.headSha }
    }
    const [run] = await listCheckRunsForRef(client, { owner, repo, ref: headSha, checkName: settings.check, maxPages: 1 })
    return run && { kind: 'check run', name, id: run.id, status: run.status, conclusion: run.conclusion, ...(run.htmlUrl !== null && { url: run.htmlUrl }), headSha: run.headSha }
  }

  let reference: number | undefined
  for (;;) {
    let run: DrillRun | undefined
    try {
      run = await find()
    } catch (error) {
      const status = errorStatus(error)
      if (status === 404 && settings.source === 'workflow') {
        return { kind: 'error', message: `The drill workflow \`${settings.workflow}\` was not found in ${owner}/${repo} (404). Set \`gate.drills.workflow\` to the file name of your drill workflow under .github/workflows.` }
      }
      return { kind: 'error', message: `Could not read the ${source}s of ${headSha.slice(0, 7)}: ${status ?? 'error'} ${errorMessage(error)}. Re-run the gate; the drills cannot be shown green without them.` }
    }
    if (run) return { kind: 'run', run }

    reference ??= await commitTime(options)
    const waited = Math.max(0, Math.round((options.now() - reference) / 1000))
    const timedOut = waited >= settings.neverRanTimeoutSeconds
    if (timedOut || !options.mayWait) {
      return { kind: 'none', source, name, headSha, timedOut, waitedSeconds: waited, timeoutSeconds: settings.neverRanTimeoutSeconds }
    }
    const pause = Math.min(settings.pollIntervalSeconds, settings.neverRanTimeoutSeconds - waited)
    options.log(`No ${source} ${name} for ${headSha.slice(0, 7)} yet; looking again in ${pause} s (giving up ${settings.neverRanTimeoutSeconds - waited} s from now).`)
    await options.sleep(pause * 1000)
  }
}

/** `.github/workflows/drills.yml@refs/heads/main` (a run's `path`) against the configured `drills.yml`. */
function sameWorkflow(runPath: string, workflow: string): boolean {
  const file = runPath.replace(/@.*$/, '').split('/').pop() ?? ''
  return file === workflow
}

/** When the head commit was made: the never-ran timeout counts from there (or from now when GitHub does not say). */
async function commitTime(options: GitHubGateOptions): Promise<number> {
  try {
    const date = await getCommitDate(options.client, { owner: options.owner, repo: options.repo, sha: options.headSha })
    const ms = date === undefined ? Number.NaN : Date.parse(date)
    return Number.isNaN(ms) ? options.now() : Math.min(ms, options.now())
  } catch {
    return options.now()
  }
}

async function labelApplication(options: GitHubGateOptions, number: number, label: string): Promise<LabelApplication | undefined> {
  const events = await listLabelEvents(options.client, { owner: options.owner, repo: options.repo, issueNumber: number }).catch((error: unknown) => {
    options.log(`Could not list the events of #${number} to see who applied "${label}": ${errorMessage(error)}`)
    return []
  })
  const applied = events.filter((e) => e.action === 'labeled' && e.label.toLowerCase() === label.toLowerCase()).pop()
  return applied && { actor: applied.actor, at: applied.createdAt, eventId: applied.id }
}

async function teamMemberships(client: GitHubClient, user: string, teams: readonly string[]): Promise<TeamMemberships> {
  const out: Record<string, boolean | { unknown: string }> = {}
  for (const team of teams) {
    const [org = '', teamSlug = ''] = team.split('/')
    try {
      out[team] = await isActiveTeamMember(client, { org, teamSlug, username: user })
    } catch (error) {
      const status = errorStatus(error)
      out[team] = {
        unknown:
          status === 403
            ? 'the token cannot read the organisation’s teams (403); use a token with organisation members read access, or list the users in gate.bypass.users'
            : `${status ?? 'error'} ${errorMessage(error)}`
      }
    }
    if (out[team] === true) break
  }
  return out
}

/** A commit's files through the API: one tree listing, then each file read as it is asked for. */
export function apiCommitFiles(client: GitHubClient, request: { owner: string; repo: string; sha: string }): Pick<RepoFiles, 'glob' | 'read'> {
  let listing: Promise<string[]> | undefined
  const limit = pLimit(8)
  return {
    async glob(patterns) {
      listing ??= getTreePaths(client, request).then((tree) => tree.paths)
      const matches = picomatch([...patterns])
      return (await listing).filter((p) => matches(p)).sort()
    },
    read: (path) =>
      limit(async () => {
        const text = await getFileAtRef(client, { owner: request.owner, repo: request.repo, path, ref: request.sha })
        if (text === undefined) throw new Error(`${path} does not exist at ${request.sha.slice(0, 7)}`)
        return new TextEncoder().encode(text)
      })
  }
}
