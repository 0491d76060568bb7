// `reliability-loop review`: the period (flags, else the previous month by the clock), config, the review
// mode, then the packet on stdout, in a file (--output) or in the review directory (--write).

import path from 'node:path'
import { Command, InvalidArgumentError, Option } from 'commander'
import { loadConfig } from '../config/load.js'
import { replaceFileAtomic } from '../io/atomic-write.js'
import { createNodeReviewAdapters } from '../io/node-review-adapters.js'
import { reviewWithHistory } from '../modes/publish.js'
import { PeriodError, resolvePeriod, type ReviewPeriod } from '../review/period.js'
import { renderPacketJson } from '../review/render-json.js'
import { renderPacketMarkdown } from '../review/render-markdown.js'
import { writeOutputFile } from './output-file.js'
import { EXIT, UsageError, type ExitCode } from './errors.js'
import type { CliDeps, CliIo } from './io.js'
import { readConfigText, resolveRoot } from './lint-command.js'
import { reviewTracker } from '../io/review-tracker.js'
import { credentialsFromEnvironment, ENV_NAMES } from '../sync/connection.js'
import { isDebug } from './terminal.js'
import { errorMessage } from '../util/error-message.js'

export const REVIEW_FORMATS = ['markdown', 'json', 'html'] as const

export interface ReviewOptions {
  month?: string
  since?: string
  until?: string
  days?: number
  format: (typeof REVIEW_FORMATS)[number]
  output?: string
  write?: boolean
  config?: string
  root?: string
  /** false with --no-tracker: the synced items' tickets are not read. */
  tracker?: boolean
}

const REVIEW_HELP_AFTER = `
The packet gathers, for the period: incidents (review.incidents.paths, default logs/incidents/**/*.ndjson,
one timeline per incident, the last record its current state), postmortems dated in the period with their
lint status, the action-item backlog of every postmortem, audit means (reliability/audits/<YYYY-MM>.ndjson,
six months), experiments and gate bypasses (reliability/bypass-log.ndjson). Bad input never stops it: each
problem is listed in the packet's "Data quality" section. With review.incidents.source: redis, incidents
come from the stream review.incidents.redis-key (default incident:timeline) at REDIS_URL.

The period is a UTC calendar month (default: the month before today), or --since/--until (dates are whole
UTC days, --until inclusive; times need a zone: 2026-10-01T00:00:00+02:00), or the last --days N. A period
that has not started is refused; the current month is reviewed "to date" (overdue as of now).

Examples:
  $ reliability-loop review                                   # last month's packet on stdout
  $ reliability-loop review --month 2026-10 --write           # write docs/reviews/2026-10.md (replacing it)
  $ reliability-loop review --since 2026-10-01 --until 2026-10-15 --format json | jq '.summary'
  $ reliability-loop review --days 30 --output review.md
  $ reliability-loop review --month 2026-10 --format html --output review.html   # one file, charts inline

Exit codes:
  0  packet produced
  2  usage or configuration error (bad or future period, invalid config)
  3  unexpected internal error (run with DEBUG=reliability-loop for details)
`

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InvalidArgumentError('must be a whole number, 1 or more.')
  return Number(value)
}

export function addReviewCommand(program: Command, io: CliIo, deps: CliDeps, done: (code: ExitCode) => void): Command {
  return program
    .command('review')
    .summary('build the monthly reliability review packet')
    .description('Build the reliability review packet of a period: incidents, postmortem hygiene, the action-item backlog, audit trends, experiments, gate bypasses and data quality.')
    .option('--month <YYYY-MM>', 'calendar month, UTC (default: the previous month)')
    .option('--since <date>', 'start of the period: YYYY-MM-DD (UTC) or a time with a zone')
    .option('--until <date>', 'end of the period: YYYY-MM-DD (inclusive) or a time with a zone (exclusive); default now')
    .option('--days <n>', 'the last n days up to now', positiveInteger)
    .addOption(new Option('-f, --format <format>', 'output format').choices(REVIEW_FORMATS).default('markdown'))
    .option('-o, --output <file>', 'write the packet to this file instead of stdout')
    .option('--write', 'write the markdown packet to <review.output-dir>/<period>.md (default docs/reviews/), replacing it')
    .option('-c, --config <file>', 'config file (default: .github/reliability.yml or .yaml under --root)')
    .option('--root <dir>', 'repository root; sources and the output directory are relative to it (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml)')
    .option('--no-tracker', 'do not read the synced action items\' tickets from the tracker, even with credentials')
    .addHelpText('after', REVIEW_HELP_AFTER)
    .action(async (options: ReviewOptions) => {
      done(await reviewCommand(options, io, deps))
    })
}

function periodOf(options: Pick<ReviewOptions, 'month' | 'since' | 'until' | 'days'>, now: Date): ReviewPeriod {
  try {
    return resolvePeriod(
      {
        ...(options.month !== undefined && { month: options.month }),
        ...(options.since !== undefined && { since: options.since }),
        ...(options.until !== undefined && { until: options.until }),
        ...(options.days !== undefined && { days: options.days })
      },
      now
    )
  } catch (error) {
    if (error instanceof PeriodError) throw new UsageError(error.message, 'e.g. --month 2026-10, --since 2026-10-01 --until 2026-10-31, or --days 30')
    throw error
  }
}

/** Config, period and the packet with its trend months: what `review` and `publish` both start from. */
export async function loadReviewData(options: Pick<ReviewOptions, 'month' | 'since' | 'until' | 'days' | 'config' | 'root' | 'tracker'>, io: CliIo, now: Date) {
  const period = periodOf(options, now)
  const root = resolveRoot(options.root, io.cwd)
  const config = loadConfig({ root, ...(options.config === undefined ? {} : { configPath: path.resolve(io.cwd, options.config) }), readFile: readConfigText })
  const settings = config.review
  const tracker = reviewTracker(
    config,
    credentialsFromEnvironment(io.env),
    ENV_NAMES,
    { startedAt: now, log: { info: (m) => (isDebug(io.env) ? io.stderr(`${m}\n`) : undefined), warning: (m) => io.stderr(`warning: ${m}\n`) } },
    options.tracker === false ? 'not read (--no-tracker)' : undefined
  )
  const adapters = createNodeReviewAdapters(config, { ...(io.env.REDIS_URL !== undefined && { redisUrl: io.env.REDIS_URL }) })
  const data = await reviewWithHistory(config, { period, now }, { ...adapters, ...(tracker && { tracker }) })
  return { config, settings, period, root, data }
}

/** The HTML page with the charts inline; loaded on use, so a markdown review does not load the chart renderer. */
async function packetHtml(data: Awaited<ReturnType<typeof loadReviewData>>['data']): Promise<string> {
  const [{ renderPacketHtml }, { renderPacketView }] = await Promise.all([import('../report/packet-html.js'), import('../report/packet-view.js')])
  return renderPacketHtml((await renderPacketView(data, 'data')).view)
}

export async function reviewCommand(options: ReviewOptions, io: CliIo, deps: Pick<CliDeps, 'now'>): Promise<ExitCode> {
  const now = (deps.now ?? (() => new Date()))()
  const { settings, period, root, data } = await loadReviewData(options, io, now)
  const { packet } = data
  const markdown = renderPacketMarkdown(packet, { outputDir: settings.outputDir, history: data.history })

  if (options.write) {
    const file = `${settings.outputDir}/${period.label}.md`
    try {
      await replaceFileAtomic(path.join(root, file), markdown)
    } catch (error) {
      throw new UsageError(`cannot write ${file}: ${errorMessage(error)}`)
    }
    io.stderr(`wrote ${file}\n`)
  }
  const report = options.format === 'json' ? renderPacketJson(packet) : options.format === 'html' ? await packetHtml(data) : markdown
  if (options.output !== undefined) writeOutputFile(io.cwd, options.output, report, 'packet')
  else if (!options.write || options.format !== 'markdown') io.stdout(report)
  if (packet.dataQuality.length > 0 && options.format !== 'json') io.stderr(`note: ${packet.dataQuality.length} data-quality note${packet.dataQuality.length === 1 ? '' : 's'}; see the packet's "Data quality" section\n`)
  return EXIT.OK
}
