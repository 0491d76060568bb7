// The Action's review mode: the period (inputs, else the previous month by the clock), the packet written
// into the workspace for the workflow to commit, the packet again as the job summary, and the outputs.

import { join } from 'node:path'
import * as core from '@actions/core'
import type { Config } from '../config/types.js'
import { replaceFileAtomic } from '../io/atomic-write.js'
import type { ReviewAdapters } from '../modes/review.js'
import { reviewWithHistory } from '../modes/publish.js'
import type { ReviewPacket } from '../review/packet.js'
import { PeriodError, resolvePeriod } from '../review/period.js'
import { renderPacketMarkdown } from '../review/render-markdown.js'
import { writeJobSummary } from '../report/job-summary.js'
import type { ReviewInputs } from './inputs.js'
import { errorMessage } from '../util/error-message.js'

export interface ReviewActionContext {
  config: Config
  inputs: ReviewInputs
  adapters: ReviewAdapters
  now: () => Date
}

const INPUT_OF_FLAG: Record<string, string> = { '--month': 'review-month', '--since': 'review-since', '--until': 'review-until', '--days': 'review-days' }

export async function runReviewAction(ctx: ReviewActionContext): Promise<ReviewPacket | undefined> {
  const now = ctx.now()
  const { write, ...request } = ctx.inputs
  let period
  try {
    period = resolvePeriod(request, now)
  } catch (error) {
    if (!(error instanceof PeriodError)) throw error
    core.setFailed(`input ${error.message.replace(/--(month|since|until|days)\b/g, (flag) => INPUT_OF_FLAG[flag] ?? flag)}`)
    return undefined
  }
  const settings = ctx.config.review
  core.info(`Reviewing ${period.title} (${period.label}).`)
  const { packet, history } = await reviewWithHistory(ctx.config, { period, now }, ctx.adapters)
  const markdown = renderPacketMarkdown(packet, { outputDir: settings.outputDir, history })

  let file = ''
  if (write) {
    file = `${settings.outputDir}/${period.label}.md`
    await replaceFileAtomic(join(ctx.config.root, file), markdown)
    core.info(`Wrote ${file}.`)
  }
  for (const note of packet.dataQuality.slice(0, 10)) {
    // A stream (`redis:<key>#<id>`) is no file of the repository: named in the title, not annotated.
    const inRepo = note.path !== undefined && !note.path.startsWith('redis:')
    const title = `Review data quality (${note.source})${note.path !== undefined && !inRepo ? `: ${note.path}` : ''}`
    core.warning(note.message, { title, ...(inRepo && { file: note.path }), ...(inRepo && note.line !== undefined && { startLine: note.line }) })
  }
  try {
    await writeJobSummary(markdown)
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
  const statuses = packet.summary.map((a) => a.status)
  core.setOutput('review-file', file)
  core.setOutput('review-period', period.label)
  core.setOutput('review-status', statuses.includes('red') ? 'red' : statuses.includes('amber') ? 'amber' : 'green')
  return packet
}
