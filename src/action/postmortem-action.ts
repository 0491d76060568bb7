// The Action's postmortem mode: a draft postmortem for every resolved incident that needs one and has none
// (`postmortem new --missing`), each in its own pull request: a branch per incident, the draft committed
// through the contents API, a draft pull request labelled `drafts.label` and assigned to the incident's
// owners. Idempotent: an open pull request on the incident's branch (or carrying the label) is found and
// nothing is made twice; ids already taken by open draft pull requests are not handed out again.

import * as core from '@actions/core'
import type { Config } from '../config/types.js'
import { canBeAssigned } from '../github/check-assignee.js'
import { errorStatus, type GitHubClient } from '../github/client.js'
import { createFileOnBranch } from '../github/create-file.js'
import { addLabels, createPullRequest, listOpenPullRequests, type OpenPullRequest } from '../github/create-pull-request.js'
import { createBranch, resetBranch } from '../github/create-ref.js'
import { getBranchSha } from '../github/get-ref.js'
import { updateIssue } from '../github/update-issue.js'
import { writeJobSummary } from '../report/job-summary.js'
import { DraftInputError, draftMissing, type Draft, type PostmortemAdapters } from '../modes/postmortem.js'
import { errorMessage } from '../util/error-message.js'
import { sanitizeText } from '../util/sanitize.js'

export const DRAFT_BRANCH_PREFIX = 'reliability-loop/postmortem/'

export interface PostmortemActionContext {
  config: Config
  owner: string
  repo: string
  /** The branch drafts are proposed against and the commit their branches start from (the workflow's). */
  baseBranch: string
  baseSha: string
  github?: GitHubClient
  dryRun: boolean
  adapters: PostmortemAdapters
  now: () => Date
}

export interface OpenedDraft {
  incidentId: string
  path: string
  pullRequest: number
  url: string
}

/** The branch of an incident's draft: stable, so a re-run finds it. */
export function draftBranch(incidentId: string): string {
  const slug = incidentId.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').replace(/\.{2,}/g, '.') || 'incident'
  return `${DRAFT_BRANCH_PREFIX}${slug}`
}

const PM_ID_IN_TITLE = /\bPM-([A-Za-z0-9][A-Za-z0-9._-]*)/

function pullRequestBody(draft: Draft): string {
  const notes = draft.notes.map((n) => `- ${sanitizeText(n, { multiline: false })}`)
  return [
    `A draft postmortem for incident **${sanitizeText(draft.incidentId ?? '', { multiline: false })}**, made by \`reliability-loop postmortem new --missing\` from the incident's records.`,
    '',
    `\`${draft.path}\` has what the records know (date, severity, owners, the timeline, time to detect and resolve, links) and a **TBD** for the rest.`,
    'Replace each TBD, set `Status` to something other than `draft`, and `reliability-loop lint` turns the remaining holes into errors.',
    ...(notes.length > 0 ? ['', 'What the records did not give:', '', ...notes] : [])
  ].join('\n')
}

const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/

async function assignOwners(ctx: PostmortemActionContext, github: GitHubClient, number: number, owners: readonly string[]): Promise<string[]> {
  // Owners are @handles; the sync mode's owners table (sync.owners.<handle>.github) names their GitHub
  // logins, else the handle itself is taken as one. Teams and names cannot be assigned.
  const table = ctx.config.sync.owners
  const assignable: string[] = []
  for (const owner of owners.filter((o) => o.startsWith('@') && !o.includes('/'))) {
    const handle = owner.slice(1)
    const login = table[handle]?.github ?? table[handle.toLowerCase()]?.github ?? handle
    if (!GITHUB_LOGIN.test(login)) {
      core.warning(`${owner} is not a GitHub login; add sync.owners.${handle}.github to .github/reliability.yml to assign the draft pull request to them`)
      continue
    }
    if (await canBeAssigned(github, { owner: ctx.owner, repo: ctx.repo, login })) assignable.push(login)
    else core.warning(`@${login} cannot be assigned in ${ctx.owner}/${ctx.repo}; the pull request is not assigned to them`)
  }
  if (assignable.length > 0) await updateIssue(github, { owner: ctx.owner, repo: ctx.repo, number, assignees: assignable })
  return assignable
}

async function openDraft(ctx: PostmortemActionContext, github: GitHubClient, draft: Draft, label: string): Promise<OpenedDraft> {
  const incidentId = draft.incidentId ?? draft.id
  const branch = draftBranch(incidentId)
  const where = { owner: ctx.owner, repo: ctx.repo }
  // A branch left by an earlier run that stopped before its pull request (none is open on it: checked by the
  // caller) is reset to the base and gets this run's draft: its id may have been handed out since.
  const existing = await getBranchSha(github, { ...where, branch })
  if (existing === undefined) await createBranch(github, { ...where, branch, sha: ctx.baseSha })
  else if (existing !== ctx.baseSha) await resetBranch(github, { ...where, branch, sha: ctx.baseSha })
  await createFileOnBranch(github, { ...where, path: draft.path, branch, text: draft.text, message: `Draft postmortem PM-${draft.id} for ${incidentId}` })
  const pr = await createPullRequest(github, {
    ...where,
    head: branch,
    base: ctx.baseBranch,
    title: `Postmortem PM-${draft.id} (draft) for ${incidentId}: ${draft.title}`.slice(0, 250),
    body: pullRequestBody(draft),
    draft: true
  })
  await addLabels(github, { ...where, number: pr.number, labels: [label] })
  await assignOwners(ctx, github, pr.number, draft.owners)
  return { incidentId, path: draft.path, pullRequest: pr.number, url: pr.url }
}

export async function runPostmortemAction(ctx: PostmortemActionContext): Promise<OpenedDraft[] | undefined> {
  const settings = ctx.config.drafts
  const github = ctx.github
  if (github === undefined && !ctx.dryRun) {
    core.setFailed('mode postmortem opens pull requests and needs a token: pass `token: ${{ github.token }}` with `contents: write` and `pull-requests: write` permissions (or `dry-run: true` to only list the drafts)')
    return undefined
  }
  // Open draft pull requests: their incidents are not drafted again, their ids are not handed out again.
  const open: OpenPullRequest[] = github === undefined ? [] : await listOpenPullRequests(github, { owner: ctx.owner, repo: ctx.repo })
  const drafts = open.filter((pr) => pr.headRef.startsWith(DRAFT_BRANCH_PREFIX) || pr.labels.includes(settings.label))
  const openBranches = new Set(drafts.map((pr) => pr.headRef))
  const reserved = new Map<string, string>()
  for (const pr of drafts) {
    const id = PM_ID_IN_TITLE.exec(pr.title)?.[1]
    if (id !== undefined) reserved.set(id.toUpperCase(), `pull request #${pr.number}`)
  }

  let result
  try {
    result = await draftMissing(ctx.config, { today: ctx.now().toISOString().slice(0, 10), reservedIds: reserved }, ctx.adapters)
  } catch (error) {
    if (!(error instanceof DraftInputError)) throw error
    core.setFailed(`${sanitizeText(error.message)}${error.hint === undefined ? '' : ` (${error.hint})`}`)
    return undefined
  }
  for (const note of result.notes.slice(0, 20)) core.warning(sanitizeText(note, { multiline: false }), { title: 'Incident records' })

  const opened: OpenedDraft[] = []
  const alreadyOpen: string[] = []
  const failed: string[] = []
  for (const draft of result.drafts) {
    const incidentId = draft.incidentId ?? draft.id
    const pr = drafts.find((p) => p.headRef === draftBranch(incidentId))
    if (pr !== undefined || openBranches.has(draftBranch(incidentId))) {
      alreadyOpen.push(`${incidentId} (#${pr?.number ?? '?'})`)
      continue
    }
    if (ctx.dryRun || github === undefined) {
      core.info(`Would open a pull request with ${draft.path} for ${incidentId} (dry run).`)
      continue
    }
    try {
      const done = await openDraft(ctx, github, draft, settings.label)
      opened.push(done)
      core.info(`Opened #${done.pullRequest} (${done.url}) with ${done.path} for ${incidentId}.`)
    } catch (error) {
      const status = errorStatus(error)
      failed.push(incidentId)
      core.error(`Could not open the draft pull request for ${incidentId}: ${sanitizeText(errorMessage(error), { multiline: false, maxLength: 300 })}${status === 403 ? ' (the token needs contents: write and pull-requests: write)' : ''}`)
    }
  }

  const c = result.counts
  const counted =
    `${c.incidents} incident${c.incidents === 1 ? '' : 's'} read; ${result.drafts.length} without a postmortem (${result.severities.join(', ')}, resolved): ` +
    `${opened.length} pull request${opened.length === 1 ? '' : 's'} opened, ${alreadyOpen.length} already open${alreadyOpen.length > 0 ? ` (${alreadyOpen.join(', ')})` : ''}, ${failed.length} failed; ` +
    `left out: ${result.covered.length} with a postmortem, ${c.open} not resolved, ${c.otherSeverity} of other severities.`
  core.info(counted)
  core.setOutput('drafts', JSON.stringify(opened))
  core.setOutput('draft-count', String(opened.length))
  try {
    const rows = opened.map((o) => `| ${o.incidentId} | \`${o.path}\` | [#${o.pullRequest}](${o.url}) |`)
    await writeJobSummary(['## Draft postmortems', '', counted, ...(rows.length > 0 ? ['', '| incident | draft | pull request |', '| --- | --- | --- |', ...rows] : [])].join('\n'))
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
  if (failed.length > 0) core.setFailed(`${failed.length} draft pull request${failed.length === 1 ? '' : 's'} could not be opened (${failed.join(', ')}); the run can be repeated: what was opened is found, not duplicated`)
  return opened
}
