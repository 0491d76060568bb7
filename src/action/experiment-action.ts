// The Action's experiment mode: checks every experiment doc (schema, dates and results, a real rollback
// plan) and reports like lint: an annotation per problem, the job summary, outputs and the step result.

import * as core from '@actions/core'
import { errorMessage } from '../github/client.js'
import type { ExperimentRunResult } from '../modes/experiment.js'
import { annotateExperimentProblems, renderExperimentSummary } from '../report/experiment-summary.js'
import { writeJobSummary, type SourceLink } from '../report/job-summary.js'
import { plural } from '../report/text.js'
import type { FailOn } from './inputs.js'

export interface ExperimentActionContext {
  failOn: FailOn
  /** For links in the summary; without it file names are plain text. */
  link?: SourceLink
  /** The experiment mode with its config and files bound. */
  validate: () => Promise<ExperimentRunResult>
}

export async function runExperimentAction(ctx: ExperimentActionContext): Promise<{ outcome: 'pass' | 'fail'; result: ExperimentRunResult }> {
  const result = await ctx.validate()
  const { summary } = result
  // Every problem is an error: a doc that does not validate cannot be read by the gate or the review.
  const outcome = ctx.failOn !== 'never' && summary.problems > 0 ? 'fail' : 'pass'
  annotateExperimentProblems(result)
  core.info(
    summary.problems === 0
      ? `${plural(summary.files, 'experiment doc')} checked, no problems.`
      : `${plural(summary.files, 'experiment doc')} checked: ${plural(summary.problems, 'problem')} in ${summary.invalid}.`
  )
  if (summary.files === 0) core.notice('No experiment docs found; experiment.paths in the configuration says where they are (default docs/experiments/**/EXP-*.md).')

  try {
    await writeJobSummary(renderExperimentSummary({ result, outcome, failOn: ctx.failOn, ...(ctx.link ? { link: ctx.link } : {}) }))
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
  core.setOutput('experiments', summary.files)
  core.setOutput('errors', summary.problems)
  core.setOutput('warnings', 0)
  core.setOutput('result', outcome)
  if (outcome === 'fail') {
    core.setFailed(`${plural(summary.problems, 'problem')} in ${summary.invalid} of ${plural(summary.files, 'experiment doc')}; see the annotations and the job summary.`)
  }
  return { outcome, result }
}
