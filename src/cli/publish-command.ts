// `reliability-loop publish`: the packet of a month (the same review run as `review`), its charts and HTML,
// then each requested channel: Confluence, e-mail, Slack. Credentials only from the environment.

import path from 'node:path'
import { Command, Option } from 'commander'
import { PUBLISH_CHANNELS, type PublishChannel } from '../config/publish-types.js'
import { buildPublishContent, type PublishContent } from '../publish/content.js'
import { writeOutputFile } from './output-file.js'
import { createNodePublishAdapters } from '../publish/node-adapters.js'
import { publishCredentials } from '../publish/credentials.js'
import { publishFailed, publishPacket, type PublishAdapters } from '../publish/run.js'
import { renderPublishJson, renderPublishText } from '../publish/report.js'
import { EXIT, UsageError, type ExitCode } from './errors.js'
import type { CliDeps, CliIo } from './io.js'
import { loadReviewData } from './review-command.js'

export interface PublishOptions {
  month?: string
  to?: string
  dryRun?: boolean
  force?: boolean
  format: 'text' | 'json'
  preview?: string
  config?: string
  root?: string
  tracker?: boolean
}

const PUBLISH_HELP_AFTER = `
Publishes the review packet of a month (the same packet as \`review --month\`) with its charts as PNG:
  confluence  one page per period (created, or updated with exactly one new version when the content changed;
              unchanged content makes no new version), charts attached, labelled
  email       one message (text + HTML with the charts inline, the markdown packet attached); a period already
              sent is not sent again without --force
  slack       a Block Kit summary to an incoming webhook (once per period without --force)
Channels come from the publish: section of .github/reliability.yml; one without a section is skipped.
What went out is appended to publish.record (default reliability/published.ndjson).

Credentials, from the environment only:
  CONFLUENCE_BASE_URL   the site (https://acme.atlassian.net) or the Data Center server's base URL
  CONFLUENCE_EMAIL + CONFLUENCE_API_TOKEN (Cloud), or CONFLUENCE_PAT (Data Center)
  SMTP_URL              smtps://user:password@smtp.example.com:465
  SLACK_WEBHOOK_URL     https://hooks.slack.com/services/…

Examples:
  $ reliability-loop publish --month 2026-10 --dry-run            # what would be sent, nothing sent
  $ reliability-loop publish --month 2026-10 --dry-run --preview out/   # and the HTML + PNGs to look at
  $ reliability-loop publish --month 2026-10 --to confluence,email
  $ reliability-loop publish --month 2026-10 --to email --force   # send the e-mail again
  $ reliability-loop publish --month 2026-10 --format json | jq '.results'

Exit codes:
  0  every requested, configured channel delivered (or had nothing new)
  1  a channel failed (the others still went), or none was configured among those asked for
  2  usage or configuration error (bad month, unknown channel, invalid publish: section)
  3  unexpected internal error (run with DEBUG=reliability-loop for details)
`

export function parseChannels(value: string | undefined): PublishChannel[] | undefined {
  if (value === undefined) return undefined
  const names = value.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '')
  const unknown = names.filter((n) => !(PUBLISH_CHANNELS as readonly string[]).includes(n))
  if (unknown.length > 0 || names.length === 0) throw new UsageError(`--to: unknown channel ${unknown.map((u) => `"${u}"`).join(', ') || '(none given)'}`, `channels are ${PUBLISH_CHANNELS.join(', ')}, e.g. --to confluence,email`)
  return [...new Set(names)] as PublishChannel[]
}

/** The HTML page (images by file name), the PNGs and the markdown packet, for a look before sending. */
function writePreview(cwd: string, dir: string, content: PublishContent): string {
  const html = content.emailHtml.replace(/src="cid:([a-z-]+)"/g, (_m, id: string) => `src="${content.charts.find((c) => c.id === id)?.fileName ?? id}"`)
  const files: Array<[string, string | Uint8Array]> = [[`${content.period.label}.html`, html], [content.markdownName, content.markdown], ...content.charts.map((c): [string, Uint8Array] => [c.fileName, c.png])]
  for (const [name, data] of files) writeOutputFile(cwd, path.join(dir, name), data, 'preview')
  return `wrote ${files.map(([name]) => path.join(dir, name)).join(', ')}\n`
}

export function addPublishCommand(program: Command, io: CliIo, deps: CliDeps & { publishAdapters?: (root: string, record: string) => PublishAdapters }, done: (code: ExitCode) => void): Command {
  return program
    .command('publish')
    .summary('send the monthly review packet to Confluence, e-mail and Slack')
    .description('Publish the reliability review packet of a month to the configured channels (Confluence, e-mail, Slack), with its charts as images.')
    .option('--month <YYYY-MM>', 'calendar month, UTC (default: the previous month)')
    .option('--to <channels>', `comma-separated channels: ${PUBLISH_CHANNELS.join(', ')} (default: every configured one)`)
    .option('--dry-run', 'print what would be sent or changed; send nothing')
    .option('--force', 'send the e-mail and the Slack summary again for a period already sent')
    .option('--preview <dir>', 'also write what is sent into <dir>: the HTML page, its chart PNGs and the markdown packet')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-c, --config <file>', 'config file (default: .github/reliability.yml or .yaml under --root)')
    .option('--root <dir>', 'repository root (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml)')
    .option('--no-tracker', 'do not read the synced action items\' tickets from the tracker')
    .addHelpText('after', PUBLISH_HELP_AFTER)
    .action(async (options: PublishOptions) => {
      done(await publishCommand(options, io, deps))
    })
}

export async function publishCommand(options: PublishOptions, io: CliIo, deps: Pick<CliDeps, 'now'> & { publishAdapters?: (root: string, record: string) => PublishAdapters }): Promise<ExitCode> {
  const requested = parseChannels(options.to)
  const now = (deps.now ?? (() => new Date()))()
  const { config, settings, root, data } = await loadReviewData(options, io, now)
  const publish = config.publish
  const configured = PUBLISH_CHANNELS.filter((c) => publish[c] !== undefined)
  if (requested === undefined && configured.length === 0) throw new UsageError('no channel is configured: the config has no publish: section with confluence, email or slack', 'add e.g. publish: { email: { to: [ops@example.com], from: reliability@example.com } } to .github/reliability.yml (docs/publish.md)')
  const content = await buildPublishContent(data, { outputDir: settings.outputDir, severityLevels: config.lint.postmortems.severityLevels })
  if (options.preview !== undefined) io.stderr(writePreview(io.cwd, options.preview, content))
  const adapters = (deps.publishAdapters ?? createNodePublishAdapters)(root, publish.record)
  const results = await publishPacket(content, publish, publishCredentials(io.env), { channels: requested ?? configured, dryRun: options.dryRun === true, force: options.force === true, now }, adapters)
  io.stdout(options.format === 'json' ? renderPublishJson(content, results, options.dryRun === true) : renderPublishText(content, results, options.dryRun === true))
  return publishFailed(results) ? EXIT.PROBLEMS : EXIT.OK
}
