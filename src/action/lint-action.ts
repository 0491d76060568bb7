// The Action's lint mode: decides which postmortems to lint (the PR's changed ones or all), runs the
// lint mode, and reports: step annotations, a check run when annotations would be hidden, the job
// summary, outputs and the step's result. Everything it needs comes in through LintActionContext.

import * as core from '@actions/core'
import picomatch from 'picomatch'
import { escapePath } from 'tinyglobby'
import type { Config } from '../config/types.js'
import { errorMessage, errorStatus, type GitHubClient } from '../github/client.js'
import { createCheckRun, PartialCheckRunError } from '../github/create-check-run.js'
import { listPullRequestFiles, PULL_REQUEST_FILES_CAP, type PullRequestFiles } from '../github/list-pull-request-files.js'
import type { LintSummary } from '../lint/types.js'
import type { LintRequest, LintRunResult } from '../modes/lint.js'
import { annotateFindings, checkRunAnnotation, exceedsStepAnnotationLimit, STEP_ANNOTATION_LIMIT } from '../report/annotations.js'
import { renderLintSummary, writeJobSummary, type SourceLink } from '../report/job-summary.js'
import { plural } from '../report/text.js'
import type { ActionEvent } from './event.js'
import type { ActionInputs, FailOn } from './inputs.js'

export interface LintActionContext {
  config: Config
  inputs: Pick<ActionInputs, 'failOn' | 'changedOnly' | 'checkRun' | 'checkName'>
  event: ActionEvent
  owner: string
  repo: string
  /** For links in the summary: `https://github.com` or the GHES host. */
  serverUrl: string
  /** This workflow run's page, linked from the check run as its details. */
  runUrl?: string
  /** Undefined when no token was given: then nothing that needs the API is attempted. */
  github?: GitHubClient
  /** The lint mode with its adapters bound. */
  lint: (request: LintRequest) => Promise<LintRunResult>
  /** Whether a repository-relative file exists in the workspace. */
  exists: (path: string) => boolean
}

export type Outcome = 'pass' | 'fail'

export interface LintActionResult extends LintSummary {
  outcome: Outcome
}

export function outcomeOf(summary: LintSummary, failOn: FailOn): Outcome {
  if (failOn === 'error') return summary.errors > 0 ? 'fail' : 'pass'
  if (failOn === 'warning') return summary.errors + summary.warnings > 0 ? 'fail' : 'pass'
  return 'pass'
}

/** Which files to lint: `paths` for runLint (undefined = the configured globs) and what to tell the reader. */
interface Scope {
  paths?: string[]
  notes: string[]
}

async function chooseScope(ctx: LintActionContext): Promise<Scope> {
  const globs = ctx.config.lint.postmortems.paths
  const all = (why: string): Scope => ({ notes: [`${why}Linted every postmortem matching ${globs.map((g) => `\`${g}\``).join(', ')}.`] })
  const pr = ctx.event.pullRequest
  if (!pr || !ctx.inputs.changedOnly) return all('')
  if (!ctx.github) {
    core.warning('No token was given, so the files of this pull request cannot be listed; linting every postmortem instead.')
    return all('Without a token the pull request’s files could not be listed. ')
  }

  let listing: PullRequestFiles
  try {
    listing = await listPullRequestFiles(ctx.github, {
      owner: ctx.owner,
      repo: ctx.repo,
      pullNumber: pr.number,
      ...(pr.changedFiles !== undefined && { changedFiles: pr.changedFiles })
    })
  } catch (error) {
    core.warning(`Could not list the files of pull request #${pr.number} (${errorMessage(error)}); linting every postmortem instead.`)
    return all(`The files of pull request #${pr.number} could not be listed. `)
  }
  if (listing.truncated) {
    const changed = pr.changedFiles !== undefined ? `changes ${pr.changedFiles} files` : `changes at least ${listing.listed} files`
    core.notice(`Pull request #${pr.number} ${changed}; GitHub lists at most ${PULL_REQUEST_FILES_CAP}, so every postmortem is linted instead.`)
    return all(`Pull request #${pr.number} ${changed}, more than the ${PULL_REQUEST_FILES_CAP} GitHub lists. `)
  }

  const isPostmortem = picomatch(globs)
  const present: string[] = []
  const absent: string[] = []
  for (const file of listing.files) if (isPostmortem(file)) (ctx.exists(file) ? present : absent).push(file)
  if (absent.length > 0) {
    core.warning(
      `${plural(absent.length, 'postmortem')} changed by pull request #${pr.number} ${absent.length === 1 ? 'is' : 'are'} not in the workspace (${absent.join(', ')}): ` +
        'check out the pull request’s head commit (actions/checkout does on pull_request; on pull_request_target pass `ref: ${{ github.event.pull_request.head.sha }}`).'
    )
  }
  core.info(`Pull request #${pr.number} changes ${plural(listing.listed, 'file')}; ${plural(present.length, 'postmortem')} to lint.`)
  if (present.length === 0) {
    const why = absent.length > 0 ? `The postmortems pull request #${pr.number} changes are not in the workspace` : `No postmortems changed in pull request #${pr.number}`
    return { paths: [], notes: [`${why}: nothing to lint.`] }
  }
  const note = `Linted the ${plural(present.length, 'postmortem')} that pull request #${pr.number} adds or changes (\`changed-only: true\`).`
  // Escaped: runLint treats paths as globs, and file names may contain glob characters.
  return { paths: present.map((file) => escapePath(file)), notes: [note] }
}

function checkRunWanted(ctx: LintActionContext, result: LintRunResult): boolean {
  if (ctx.inputs.checkRun === 'never') return false
  return ctx.inputs.checkRun === 'always' || exceedsStepAnnotationLimit(result.findings)
}

function checkRunTitle(summary: LintSummary): string {
  if (summary.files === 0) return 'No postmortems to lint'
  if (summary.errors + summary.warnings === 0) return `${plural(summary.files, 'postmortem')}, no problems`
  return `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')} in ${plural(summary.files, 'postmortem')}`
}

/** Creates the check run; returns a note for the job summary, or undefined. Never throws: a check run is a convenience. */
async function reportCheckRun(ctx: LintActionContext, result: LintRunResult, outcome: Outcome, link: SourceLink, notes: readonly string[]): Promise<string | undefined> {
  const name = ctx.inputs.checkName
  const hidden = exceedsStepAnnotationLimit(result.findings)
    ? ` GitHub shows only the first ${STEP_ANNOTATION_LIMIT} errors and ${STEP_ANNOTATION_LIMIT} warnings of this step as annotations; the job summary lists all ${plural(result.findings.length, 'finding')}.`
    : ''
  if (!ctx.github) {
    core.warning(`No token was given, so the check run "${name}" was not created.${hidden}`)
    return undefined
  }
  const { summary } = result
  const conclusion = outcome === 'fail' ? 'failure' : summary.errors + summary.warnings > 0 ? 'neutral' : 'success'
  try {
    const created = await createCheckRun(ctx.github, {
      owner: ctx.owner,
      repo: ctx.repo,
      name,
      headSha: ctx.event.sha,
      conclusion,
      title: checkRunTitle(summary),
      summary: renderLintSummary({ result, outcome, failOn: ctx.inputs.failOn, link, notes }, { maxChars: 65535 }),
      annotations: result.findings.map(checkRunAnnotation),
      ...(ctx.runUrl !== undefined && { detailsUrl: ctx.runUrl })
    })
    core.info(`Check run "${name}" (${conclusion}) created on ${ctx.event.sha} with ${plural(result.findings.length, 'annotation')}${created.htmlUrl ? `: ${created.htmlUrl}` : ''}.`)
    return created.htmlUrl
      ? `Every finding is also an annotation of the check run [${name}](${created.htmlUrl}).`
      : `Every finding is also an annotation of the check run “${name}”.`
  } catch (error) {
    if (error instanceof PartialCheckRunError) {
      core.warning(`Check run "${name}": ${error.message}.${hidden}`)
      return undefined
    }
    const status = errorStatus(error)
    if (status === 403 || status === 404) {
      const fork = ctx.event.pullRequest?.fromFork
        ? ' This pull request comes from a fork: its token is read-only whatever the workflow asks, so on forks the job summary is the place to look.'
        : ' On pull requests from forks the token is read-only whatever the workflow asks; there the job summary has everything.'
      core.warning(
        `Could not create the check run "${name}" (${status} ${errorMessage(error)}).${hidden} ` +
          `To get every finding as an annotation, give the job \`permissions: checks: write\` (check runs need the workflow's GITHUB_TOKEN or a GitHub App token).${fork}`
      )
    } else {
      core.warning(`Could not create the check run "${name}" (${status ?? 'error'}: ${errorMessage(error)}).${hidden}`)
    }
    return undefined
  }
}

function failureMessage(summary: LintSummary, failOn: FailOn): string {
  const counted = failOn === 'warning' ? `${plural(summary.errors, 'error')} and ${plural(summary.warnings, 'warning')}` : plural(summary.errors, 'error')
  return `${counted} in ${plural(summary.files, 'postmortem')} (fail-on: ${failOn}); see the annotations and the job summary.`
}

export async function runLintAction(ctx: LintActionContext): Promise<LintActionResult> {
  const scope = await chooseScope(ctx)
  const link: SourceLink = { serverUrl: ctx.serverUrl, repository: `${ctx.owner}/${ctx.repo}`, sha: ctx.event.sha }

  // No changed postmortems: nothing to lint, and no empty pattern list handed to the globber.
  const result: LintRunResult =
    scope.paths?.length === 0
      ? { findings: [], summary: { files: 0, errors: 0, warnings: 0 }, files: [], cacheHits: 0 }
      : await ctx.lint(scope.paths === undefined ? {} : { paths: scope.paths })

  const { summary } = result
  const outcome = outcomeOf(summary, ctx.inputs.failOn)
  annotateFindings(result.findings)
  core.info(
    summary.errors + summary.warnings === 0
      ? `${plural(summary.files, 'postmortem')} linted, no problems.`
      : `${plural(summary.files, 'postmortem')} linted: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}.`
  )

  const notes = [...scope.notes]
  if (checkRunWanted(ctx, result)) {
    const note = await reportCheckRun(ctx, result, outcome, link, notes)
    if (note) notes.push(note)
  }

  try {
    await writeJobSummary(renderLintSummary({ result, outcome, failOn: ctx.inputs.failOn, link, notes }))
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }

  core.setOutput('errors', summary.errors)
  core.setOutput('warnings', summary.warnings)
  core.setOutput('files', summary.files)
  core.setOutput('result', outcome)
  if (outcome === 'fail') core.setFailed(failureMessage(summary, ctx.inputs.failOn))
  return { ...summary, outcome }
}
