// The Action's export mode: the repository's records into BigQuery or Snowflake (DuckDB's native binary is
// the CLI's: the Action's bundle stays self-contained). A summary table per warehouse table in the job
// summary; the step fails when nothing could be exported, a batch was refused or records were left out.

import * as core from '@actions/core'
import type { ExportTarget } from '../config/export-schema.js'
import type { Config } from '../config/types.js'
import { WarehouseError, type Warehouse } from '../export/warehouse.js'
import { openWarehouse } from '../io/export-warehouse.js'
import { createNodeExportAdapters } from '../io/node-export-adapters.js'
import { repositoryNameAt } from '../io/repository-name.js'
import { runExport, type ExportResult } from '../modes/export.js'
import { writeJobSummary } from '../report/job-summary.js'
import { errorMessage } from '../util/error-message.js'
import { sanitizeText } from '../util/sanitize.js'

export interface ExportInputs {
  /** `export-to`; undefined means export.target of the config. */
  to?: ExportTarget
  dryRun: boolean
}

export interface ExportActionContext {
  config: Config
  inputs: ExportInputs
  /** The step's environment: settings and credentials (masked by the entry before this runs). */
  env: Readonly<Record<string, string | undefined>>
  repository?: string
  now: () => Date
}

function summaryMarkdown(result: ExportResult): string {
  const rows = result.tables.map((t) => `| \`${t.table}\` | ${t.files} | ${t.sent_files} | ${t.rows} | ${t.unchanged_files} | ${t.removed_files} | ${t.left_out} |`)
  const problems = result.problems.slice(0, 50).map((p) => `- \`${p.source}${p.line === undefined ? '' : `:${p.line}`}\`: ${sanitizeText(p.message, { multiline: false, maxLength: 300 })}`)
  return [
    `## Reliability export ${result.dry_run ? '(dry run) ' : ''}to ${result.warehouse}`,
    '',
    `Repository \`${result.repository}\`. Only files that changed since the last export are sent.`,
    '',
    '| table | files | sent | rows sent | unchanged | removed | left out |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    ...(result.schema_changes.length > 0 ? ['', `Schema: ${result.schema_changes.join(', ')}.`] : []),
    ...result.notes.map((n) => `\nNote: ${n}.`),
    ...(problems.length > 0 ? ['', `### ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`, '', ...problems] : []),
    ''
  ].join('\n')
}

export async function runExportAction(ctx: ExportActionContext): Promise<ExportResult | undefined> {
  const settings = ctx.config.export
  const target = ctx.inputs.to ?? settings.target
  if (target === 'duckdb') {
    core.setFailed('The Action exports to BigQuery or Snowflake: set the input export-to (or export.target in .github/reliability.yml) to bigquery or snowflake. DuckDB is for the CLI (`reliability-loop export`).')
    return undefined
  }
  let warehouse: Warehouse
  try {
    warehouse = await openWarehouse(target, settings, { root: ctx.config.root, env: ctx.env, dryRun: ctx.inputs.dryRun })
  } catch (error) {
    if (!(error instanceof WarehouseError)) throw error
    core.setFailed(`${error.message}. ${error.hint}.`)
    return undefined
  }
  const repository = settings.repository ?? ctx.repository ?? repositoryNameAt(ctx.config.root)
  let result: ExportResult
  try {
    result = await runExport(ctx.config, { repository, now: ctx.now(), dryRun: ctx.inputs.dryRun }, createNodeExportAdapters(ctx.config), warehouse)
  } catch (error) {
    if (!(error instanceof WarehouseError)) throw error
    core.setFailed(`${error.message}. ${error.hint}.`)
    return undefined
  } finally {
    await warehouse.close()
  }
  try {
    await writeJobSummary(summaryMarkdown(result))
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
  const sent = result.tables.reduce((n, t) => n + t.rows, 0)
  const leftOut = result.tables.reduce((n, t) => n + t.left_out, 0)
  core.setOutput('export-rows', String(sent))
  core.setOutput('export-left-out', String(leftOut))
  core.info(`${result.dry_run ? 'Would send' : 'Sent'} ${sent} rows to ${result.warehouse}; ${result.tables.reduce((n, t) => n + t.unchanged_files, 0)} files unchanged.`)
  for (const p of result.problems.slice(0, 10)) core.warning(sanitizeText(p.message, { multiline: false, maxLength: 300 }), { file: p.source, ...(p.line !== undefined && { startLine: p.line }), title: 'Export: record left out' })
  if (result.tables.every((t) => t.files === 0)) core.setFailed('Nothing to export: no audit records, incident timelines, postmortems or experiment docs were found. Check the paths in .github/reliability.yml.')
  else if (leftOut > 0) core.setFailed(`${leftOut} record${leftOut === 1 ? '' : 's'} did not fit the schema and ${leftOut === 1 ? 'was' : 'were'} left out (see the warnings and the job summary).`)
  return result
}
