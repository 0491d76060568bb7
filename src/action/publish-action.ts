// The Action's publish mode: the packet of the month (the input, else the month before the run), its
// charts and HTML, then each configured channel; a line per channel in the log, a table in the job
// summary, and a failed step when a channel failed, so a scheduled run never stays green with nothing sent.

import * as core from '@actions/core'
import { PUBLISH_CHANNELS, type PublishChannel } from '../config/publish-types.js'
import type { Config } from '../config/types.js'
import type { ReviewAdapters } from '../modes/review.js'
import { reviewWithHistory } from '../modes/publish.js'
import { buildPublishContent } from '../publish/content.js'
import { renderPublishSummary } from '../publish/report.js'
import { publishFailed, publishPacket, type PublishAdapters, type PublishCredentials } from '../publish/run.js'
import { PeriodError, resolvePeriod } from '../review/period.js'
import { writeJobSummary } from '../report/job-summary.js'
import type { PublishInputs } from './inputs.js'
import { errorMessage } from '../util/error-message.js'

export interface PublishActionContext {
  config: Config
  inputs: PublishInputs
  reviewAdapters: ReviewAdapters
  publishAdapters: PublishAdapters
  credentials: PublishCredentials
  /** Where the packet file is read on the web; `{period}` is replaced. */
  packetUrl?: string
  /** A repository file on the web (postmortems and experiments link to it from the page and the e-mail). */
  fileUrl?: (path: string) => string
  now: () => Date
}

export async function runPublishAction(ctx: PublishActionContext): Promise<void> {
  const now = ctx.now()
  const unknown = ctx.inputs.to.filter((c) => !(PUBLISH_CHANNELS as readonly string[]).includes(c.toLowerCase()))
  if (unknown.length > 0) {
    core.setFailed(`input publish-to: unknown channel ${unknown.join(', ')}; channels are ${PUBLISH_CHANNELS.join(', ')}`)
    return
  }
  let period
  try {
    period = resolvePeriod(ctx.inputs.month === undefined ? {} : { month: ctx.inputs.month }, now)
  } catch (error) {
    if (!(error instanceof PeriodError)) throw error
    core.setFailed(`input publish-month: ${error.message}`)
    return
  }
  const publish = ctx.config.publish
  const configured = PUBLISH_CHANNELS.filter((c) => publish[c] !== undefined)
  const channels = ctx.inputs.to.length > 0 ? (ctx.inputs.to.map((c) => c.toLowerCase()) as PublishChannel[]) : configured
  if (channels.length === 0) {
    core.setFailed('Nothing to publish: the config has no publish: section with confluence, email or slack (docs/publish.md).')
    return
  }
  core.info(`Publishing the reliability review of ${period.title} (${period.label}) to ${channels.join(', ')}${ctx.inputs.dryRun ? ' (dry run)' : ''}.`)
  const data = await reviewWithHistory(ctx.config, { period, now }, ctx.reviewAdapters)
  const packetUrl = publish.slack?.packetUrl ?? ctx.packetUrl
  const content = await buildPublishContent(data, { outputDir: ctx.config.review.outputDir, severityLevels: ctx.config.lint.postmortems.severityLevels, ...(ctx.fileUrl !== undefined && { html: { fileUrl: ctx.fileUrl } }), ...(packetUrl !== undefined && { packetUrl: packetUrl.replace(/\{period\}/g, period.label) }) })
  const config = packetUrl !== undefined && publish.slack !== undefined ? { ...publish, slack: { ...publish.slack, packetUrl } } : publish
  const results = await publishPacket(content, config, ctx.credentials, { channels, dryRun: ctx.inputs.dryRun, force: ctx.inputs.force, now }, ctx.publishAdapters)
  for (const r of results) {
    const line = `${r.channel}: ${r.outcome}: ${r.detail}`
    if (r.outcome === 'failed') core.error(line, { title: `Publishing to ${r.channel} failed` })
    else core.info(line)
  }
  try {
    await writeJobSummary(renderPublishSummary(content, results, ctx.inputs.dryRun))
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
  core.setOutput('publish-period', period.label)
  core.setOutput('publish-hash', content.hash)
  core.setOutput('publish-results', JSON.stringify(results.map((r) => ({ channel: r.channel, outcome: r.outcome, ...(r.version !== undefined && { version: r.version }), ...(r.url !== undefined && { url: r.url }) }))))
  if (publishFailed(results)) core.setFailed(`Publishing failed for ${results.filter((r) => r.outcome === 'failed').map((r) => r.channel).join(', ') || 'every channel (none configured)'}; see the lines above for what to check.`)
}
