// The Action's sync mode: credentials from the inputs (masked by main.ts before anything runs), the run,
// and the report: a log table, an error annotation on each failed item's line, the job summary with
// links, the outputs, and the step's result. The workflow commits the write-back (see
// .github/workflows/backlog-sync.yml), told by the `write-back` and `changed-files` outputs.

import * as core from '@actions/core'
import type { Config } from '../config/types.js'
import { errorStatus } from '../github/client.js'
import { errorMessage } from '../util/error-message.js'
import { networkFailure } from '../util/network-error.js'
import type { SyncAdapters, SyncRunResult } from '../modes/sync.js'
import { runSync } from '../modes/sync.js'
import { writeJobSummary } from '../report/job-summary.js'
import { renderSyncSummary } from '../report/sync-summary.js'
import { formatSyncText } from '../report/sync-text.js'
import { resolveConnection, type CredentialSources, type SourceNames } from '../sync/connection.js'
import { createTracker } from '../sync/trackers/create-tracker.js'

/** What each credential is called in the Action, for messages. */
export const SYNC_INPUT_NAMES: SourceNames = {
  githubToken: 'input token',
  githubRepository: 'GITHUB_REPOSITORY (or sync.github.repository)',
  githubApiUrl: 'GITHUB_API_URL',
  linearApiKey: 'input linear-api-key',
  linearTeam: 'input linear-team',
  linearApiUrl: 'input linear-api-url',
  jiraBaseUrl: 'input jira-base-url',
  jiraEmail: 'input jira-email',
  jiraApiToken: 'input jira-api-token',
  jiraProject: 'input jira-project',
  jiraPat: 'input jira-pat'
}

export interface SyncActionContext {
  config: Config
  dryRun: boolean
  credentials: CredentialSources
  /** Links to the items' lines (the commit the run read). */
  lineUrl?: (path: string, line: number) => string
  /** Files, the write-back; the tracker is built here from the credentials. */
  adapters: Omit<SyncAdapters, 'tracker'>
  now: () => Date
}

function report(result: SyncRunResult): void {
  core.info(formatSyncText(result, { color: false, columns: 160 }))
  for (const r of result.results) {
    if (r.error === undefined) continue
    core.error(r.error, { file: r.plan.item.path, startLine: r.plan.item.line, title: 'reliability-loop sync' })
  }
  for (const t of result.orphans) core.warning(`Open ticket ${t.ref} (${t.url}) has no action item any more: close it, or restore its item.`)
  // Items lint rejects are annotated on their lines; the other warnings have no single place.
  const onLines = new Set(result.itemWarnings.map((w) => w.warning))
  for (const w of result.itemWarnings) core.warning(w.warning, { file: w.path, startLine: w.line, title: 'reliability-loop sync' })
  for (const w of result.warnings) if (!onLines.has(w)) core.warning(w)
}

export async function runSyncAction(ctx: SyncActionContext): Promise<SyncRunResult | undefined> {
  const sync = ctx.config.sync
  const found = resolveConnection(sync.tracker, ctx.credentials, sync, SYNC_INPUT_NAMES)
  if ('incomplete' in found) {
    core.setFailed(`${found.incomplete}. Pass the secrets as inputs (see docs/sync.md), or set dry-run: true.`)
    return undefined
  }
  if ('absent' in found && !ctx.dryRun) {
    // A misnamed secret must fail the weekly job, not turn it into a green dry run.
    core.setFailed(`A sync that writes needs the ${sync.tracker} credentials, and ${found.variable} is not set; nothing was planned or written. Pass the secret as that input (see docs/sync.md), or set dry-run: true to plan from the postmortems alone.`)
    return undefined
  }
  const connection = 'connection' in found ? found.connection : undefined
  if ('absent' in found) core.notice(`${found.absent}: dry run, planned from the postmortems alone; nothing is written.`)
  const dryRun = ctx.dryRun || !connection
  const tracker = connection ? createTracker(connection, { sync, startedAt: ctx.now(), log: { info: core.info, warning: core.warning } }) : undefined

  let result: SyncRunResult
  try {
    result = await runSync(ctx.config, { dryRun, trackerKind: sync.tracker, ...(ctx.lineUrl && { lineUrl: ctx.lineUrl }) }, { ...ctx.adapters, ...(tracker && { tracker }) })
  } catch (error) {
    // A request that never reached the tracker has no status worth showing (Octokit says 500).
    const status = networkFailure(error) ? undefined : errorStatus(error)
    const hint = status === 401 || status === 403 ? ' Check the secret and its permissions (docs/sync.md).' : ''
    core.setFailed(`Could not sync with ${sync.tracker}: ${status !== undefined ? `${status} ` : ''}${errorMessage(error)}. Nothing was written.${hint}`)
    return undefined
  }

  report(result)
  try {
    await writeJobSummary(renderSyncSummary(result, ctx.lineUrl))
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
  const n = result.counts
  core.setOutput('created', n.created)
  core.setOutput('updated', n.updated)
  core.setOutput('closed', n.closed)
  core.setOutput('failed', n.failed)
  core.setOutput('write-back', result.changedFiles.length > 0 ? sync.writeBack : 'none')
  core.setOutput('changed-files', result.changedFiles.join('\n'))
  if (n.failed > 0) core.setFailed(`${n.failed} of ${result.results.length} action items failed to sync (see the annotations); the others were done, and the next run completes the job without duplicates.`)
  return result
}
