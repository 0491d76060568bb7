// `reliability-loop export`: the repository's audit scores, incidents, action items and experiments into a
// warehouse (DuckDB by default), only what changed since the last export.

import path from 'node:path'
import { Command, Option } from 'commander'
import { loadConfig } from '../config/load.js'
import type { Warehouse } from '../export/warehouse.js'
import { WarehouseError } from '../export/warehouse.js'
import { EXPORT_TARGETS, type ExportTarget } from '../config/export-schema.js'
import { openWarehouse } from '../io/export-warehouse.js'
import { queryDuckDb } from '../io/export-duckdb.js'
import { createNodeExportAdapters } from '../io/node-export-adapters.js'
import { repositoryNameAt } from '../io/repository-name.js'
import { isInsideRepo } from '../util/repo-path.js'
import { runExport, type ExportResult } from '../modes/export.js'
import { sanitizeText } from '../util/sanitize.js'
import { EXIT, UsageError, type ExitCode } from './errors.js'
import type { CliDeps, CliIo } from './io.js'
import { readConfigText, resolveRoot } from './lint-command.js'
import { isCI, NO_PROGRESS, progressLine } from './terminal.js'

export interface ExportOptions {
  to?: ExportTarget
  dryRun?: boolean
  format: 'text' | 'json'
  duckdbPath?: string
  repository?: string
  /** SQL run on the DuckDB file after the export. */
  query?: string
  config?: string
  root?: string
}

const EXPORT_HELP_AFTER = `
Tables (created when absent, columns only ever added): audit_scores (one row per transcript, dimension and
scorer), incidents (one row per incident timeline), action_items (a snapshot of every action item per export
day), experiments (one row per experiment doc). Views: audit_rolling_30d, audit_rolling_90d (random stratum),
incidents_weekly, resolve_time_monthly, backlog_daily. See docs/export.md.

Only files that changed since the last export are sent: the warehouse keeps a fingerprint of every file it
holds rows of (table ${'`'}_reliability_loop_state${'`'}). Re-running an export, or one that was cut off, ends with the
same rows. Records that do not fit the schema are listed with file and line and left out.

Examples:
  $ reliability-loop export                                 # into .reliability-loop/warehouse.duckdb
  $ reliability-loop export --dry-run                       # what would be sent
  $ BIGQUERY_PROJECT=acme BIGQUERY_DATASET=reliability reliability-loop export --to bigquery
  $ SNOWFLAKE_ACCOUNT=myorg-acct SNOWFLAKE_USER=EXPORTER SNOWFLAKE_PRIVATE_KEY="$(cat key.p8)" \\
    SNOWFLAKE_DATABASE=ANALYTICS SNOWFLAKE_SCHEMA=RELIABILITY reliability-loop export --to snowflake
  $ reliability-loop export --format json | jq '.tables'
  $ reliability-loop export --query "select * from audit_rolling_30d order by day desc limit 10"

Exit codes:
  0  exported (or nothing changed)
  1  exported, but records were left out (listed), or the warehouse refused a batch
  2  usage or configuration error (nothing to export, DuckDB not installed, bad path)
  3  unexpected internal error (run with DEBUG=reliability-loop for details)
`

export function addExportCommand(program: Command, io: CliIo, deps: CliDeps, done: (code: ExitCode) => void): Command {
  return program
    .command('export')
    .summary('export reliability records to a warehouse (DuckDB, BigQuery, Snowflake)')
    .description('Export audit scores, incidents, action items and experiments to a warehouse, incrementally, with rolling-average views.')
    .addOption(new Option('--to <warehouse>', 'target warehouse (default: export.target, else duckdb)').choices(EXPORT_TARGETS))
    .option('--dry-run', 'show what would be sent; change nothing')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--duckdb-path <file>', 'DuckDB file, relative to the repository root (default: export.duckdb.path, .reliability-loop/warehouse.duckdb)')
    .option('--repository <owner/name>', 'label for the rows (default: GITHUB_REPOSITORY, else the origin remote, else the folder name)')
    .option('--query <sql>', 'after exporting to DuckDB, run this SQL on the file and print the rows (e.g. select * from audit_rolling_30d)')
    .option('-c, --config <file>', 'config file (default: .github/reliability.yml or .yaml under --root)')
    .option('--root <dir>', 'repository root (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml)')
    .addHelpText('after', EXPORT_HELP_AFTER)
    .action(async (options: ExportOptions) => {
      done(await exportCommand(options, io, deps))
    })
}

/** A plain table of query rows, columns padded to their widest value. */
function renderRows(columns: readonly string[], rows: readonly unknown[][]): string {
  const cells = [columns, ...rows.map((r) => r.map((v) => (v === null ? '' : sanitizeText(String(v), { multiline: false, maxLength: 80 }))))]
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)))
  const line = (r: readonly unknown[]) => r.map((v, i) => String(v ?? '').padEnd(widths[i] ?? 0)).join('  ').trimEnd()
  return `\n${[line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n')}\n(${rows.length} row${rows.length === 1 ? '' : 's'})\n`
}

function renderText(result: ExportResult): string {
  const lines = [`${result.dry_run ? 'dry run: nothing sent to' : 'exported to'} ${result.warehouse} (repository ${result.repository})`]
  const width = Math.max(...result.tables.map((t) => t.table.length))
  for (const t of result.tables) {
    lines.push(`  ${t.table.padEnd(width)}  ${t.files} file${t.files === 1 ? '' : 's'}: ${t.sent_files} ${result.dry_run ? 'to send' : 'sent'} (${t.rows} row${t.rows === 1 ? '' : 's'}), ${t.unchanged_files} unchanged, ${t.removed_files} removed${t.left_out > 0 ? `, ${t.left_out} record${t.left_out === 1 ? '' : 's'} left out` : ''}`)
  }
  if (result.schema_changes.length > 0) lines.push(`schema: ${result.schema_changes.join(', ')}`)
  for (const note of result.notes) lines.push(`note: ${note}`)
  if (result.problems.length > 0) {
    lines.push(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}:`)
    for (const p of result.problems.slice(0, 50)) lines.push(`  ${p.source}${p.line === undefined ? '' : `:${p.line}`}: ${sanitizeText(p.message, { multiline: false, maxLength: 300 })}`)
    if (result.problems.length > 50) lines.push(`  … and ${result.problems.length - 50} more (--format json lists all)`)
  }
  return `${lines.join('\n')}\n`
}

export async function exportCommand(options: ExportOptions, io: CliIo, deps: Pick<CliDeps, 'now'>): Promise<ExitCode> {
  const now = (deps.now ?? (() => new Date()))()
  const root = resolveRoot(options.root, io.cwd)
  const config = loadConfig({ root, ...(options.config === undefined ? {} : { configPath: path.resolve(io.cwd, options.config) }), readFile: readConfigText })
  const settings = { ...config.export }
  if (options.duckdbPath !== undefined) {
    const duckdbPath = path.relative(root, path.resolve(io.cwd, options.duckdbPath)).replace(/\\/g, '/')
    if (!isInsideRepo(duckdbPath)) throw new UsageError(`--duckdb-path ${options.duckdbPath}: the DuckDB file must be inside the repository`, 'give a path inside the repository, e.g. .reliability-loop/warehouse.duckdb')
    settings.duckdbPath = duckdbPath
  }
  const target = options.to ?? settings.target
  if (options.query !== undefined && target !== 'duckdb') throw new UsageError('--query runs on the DuckDB file only', 'query BigQuery or Snowflake with their own tools; the views have the same names there')
  const repository = options.repository ?? settings.repository ?? io.env.GITHUB_REPOSITORY ?? repositoryNameAt(root)
  const showProgress = options.format !== 'json' && (io.stderrIsTTY ?? io.isTTY) && !isCI(io.env)
  let progress = NO_PROGRESS
  let progressTable = ''
  const onProgress = (table: string, done: number, total: number) => {
    if (!showProgress) return
    if (table !== progressTable) {
      progress.clear()
      progress = progressLine(io.stderr, { label: `exporting ${table}` })
      progressTable = table
    }
    progress.update({ done, total })
  }

  let warehouse: Warehouse
  try {
    warehouse = await openWarehouse(target, settings, { root, env: io.env, dryRun: options.dryRun === true })
  } catch (error) {
    if (error instanceof WarehouseError) throw new UsageError(error.message, error.hint)
    throw error
  }
  let result: ExportResult
  try {
    result = await runExport(config, { repository, now, dryRun: options.dryRun === true, onProgress }, createNodeExportAdapters(config), warehouse)
  } catch (error) {
    progress.clear()
    if (error instanceof WarehouseError) {
      io.stderr(`error: ${error.message}\nhint: ${error.hint}\n`)
      return error.configuration ? EXIT.USAGE : EXIT.PROBLEMS
    }
    throw error
  } finally {
    await warehouse.close()
  }
  progress.clear()
  io.stdout(options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderText(result))
  const files = result.tables.reduce((n, t) => n + t.files, 0)
  if (files === 0) {
    io.stderr('error: nothing to export: no audit records, incident timelines, postmortems or experiment docs were found\nhint: run it from the repository root (or pass --root), and check the paths in .github/reliability.yml (audit.output-dir, review.incidents.paths, postmortems.paths, experiment.paths)\n')
    return EXIT.USAGE
  }
  if (options.query !== undefined) {
    let answer: { columns: string[]; rows: unknown[][] }
    try {
      answer = await queryDuckDb(path.join(root, settings.duckdbPath), options.query)
    } catch (error) {
      if (error instanceof WarehouseError) throw new UsageError(error.message, error.hint)
      throw error
    }
    io.stdout(options.format === 'json' ? `${JSON.stringify(answer.rows.map((r) => Object.fromEntries(answer.columns.map((c, i) => [c, r[i]]))), null, 2)}\n` : renderRows(answer.columns, answer.rows))
  }
  const leftOut = result.tables.reduce((n, t) => n + t.left_out, 0)
  if (leftOut > 0) {
    io.stderr(`error: ${leftOut} record${leftOut === 1 ? '' : 's'} did not fit the schema and ${leftOut === 1 ? 'was' : 'were'} left out (listed above); fix them in the repository and export again\n`)
    return EXIT.PROBLEMS
  }
  return EXIT.OK
}
