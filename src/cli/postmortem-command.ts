// `reliability-loop postmortem new`: a draft postmortem (Status: draft) from the template, filled in from an
// incident's records when --incident names one; with --missing, one for every resolved incident of a
// severity that needs a postmortem and has none. Each draft is written atomically and never over a file,
// then linted: a draft has warnings (its placeholders), never errors.

import path from 'node:path'
import { Command, Option } from 'commander'
import { loadConfig } from '../config/load.js'
import type { Config } from '../config/types.js'
import { createFileAtomic, FileExistsError } from '../io/atomic-write.js'
import { createNodeReviewAdapters } from '../io/node-review-adapters.js'
import { nodeRepoFiles } from '../io/node-files.js'
import { inProcessExecutor } from '../lint/executor.js'
import { DraftInputError, draftMissing, draftPostmortem, type Draft } from '../modes/postmortem.js'
import { runLint } from '../modes/lint.js'
import { parseInstant } from '../review/timestamp.js'
import { errorMessage } from '../util/error-message.js'
import { sanitizeText } from '../util/sanitize.js'
import { EXIT, UsageError, type ExitCode } from './errors.js'
import type { CliDeps, CliIo } from './io.js'
import { collect, readConfigText, resolveRoot } from './lint-command.js'

export interface PostmortemNewOptions {
  incident?: string
  id?: string
  title?: string
  severity?: string
  owner?: string[]
  missing?: boolean
  since?: string
  dryRun?: boolean
  format: 'text' | 'json'
  config?: string
  root?: string
}

const HELP_AFTER = `
Writes <drafts.dir>/PM-<next free id>.md (default docs/postmortems) from <drafts.template>
(default docs/postmortems/TEMPLATE.md, else a built-in template), with Status: draft. With --incident,
the incident's records (review.incidents: NDJSON files, or the Redis stream at REDIS_URL) give the date,
severity, title, owners (drafts.owner-fields), the timeline (each status change, severity change and
note, with its time and zone), time to detect and resolve, and the Traces, NDJSON and PagerDuty links
(drafts.link-fields). What they do not know stays a visible TBD: lint reports each as a warning
while the postmortem is a draft. Never overwrites a file; ids never repeat (PM011).

--missing drafts one postmortem for every resolved incident of drafts.missing-severities (default:
lint.linked-severities and gate.sev1-actions.severities) that no postmortem names (neither the record's
postmortem field nor an existing postmortem's text).

Examples:
  $ reliability-loop postmortem new --incident INC-1014
  $ reliability-loop postmortem new --incident INC-1014 --id 105 --owner @maria.chen --dry-run
  $ reliability-loop postmortem new --title "Refund tool timed out" --severity Sev3 --owner @dev-ops
  $ reliability-loop postmortem new --missing --since 2026-10-01

Exit codes: 0 written (or nothing missing), 2 usage or input error (unknown incident, unreadable
source, template without a Timeline, id in use), 3 internal error.
`

export function addPostmortemCommand(program: Command, io: CliIo, deps: CliDeps, done: (code: ExitCode) => void): Command {
  const postmortem = program
    .command('postmortem')
    .summary('start postmortems from incidents')
    .description('Start postmortems: drafts from the template, filled in from the incident records.')
    .usage('<command> [options]')
    .helpCommand('help [command]', 'show help for a command')
  postmortem
    .command('new')
    .summary('write a draft postmortem')
    .description('Write a draft postmortem (Status: draft), from an incident\'s records with --incident, or for every incident missing one with --missing.')
    .option('--incident <id>', 'the incident to draft from (its `id` in the records)')
    .option('--id <id>', 'postmortem id (default: the next free number)')
    .option('--title <title>', 'title (default: the incident\'s)')
    .option('--severity <level>', 'severity (default: the incident\'s)')
    .option('--owner <owner>', 'an owner, @handle or name (repeatable; default: the incident\'s commander/assignee)', collect)
    .option('--missing', 'a draft for every resolved incident that needs a postmortem and has none')
    .option('--since <date>', 'with --missing: only incidents resolved on or after this day (YYYY-MM-DD, UTC) or time')
    .option('--dry-run', 'print the draft(s) instead of writing them')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-c, --config <file>', 'config file (default: .github/reliability.yml or .yaml under --root)')
    .option('--root <dir>', 'repository root; paths are relative to it (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml)')
    .addHelpText('after', HELP_AFTER)
    .action(async (options: PostmortemNewOptions) => {
      done(await postmortemNewCommand(options, io, deps))
    })
  return postmortem
}

function sinceMsOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const instant = parseInstant(value.trim())
  if (instant === undefined || !instant.zoned) throw new UsageError(`--since "${sanitizeText(value, { multiline: false })}" is not a date or a time with a zone`, 'e.g. --since 2026-10-01 or --since 2026-10-01T00:00:00+02:00')
  return instant.ms
}

/** Lint errors and warnings of the drafts, by the real lint mode (uncached: nothing is left behind). */
async function lintDrafts(config: Config, paths: readonly string[], now: Date): Promise<Map<string, { errors: string[]; warnings: number }>> {
  const uncached: Config = { ...config, lint: { ...config.lint, cache: false } }
  const files = nodeRepoFiles(config.root)
  const result = await runLint(uncached, { paths }, { files, now: () => now, executor: inProcessExecutor(files.exists) })
  const out = new Map(paths.map((p) => [p, { errors: [] as string[], warnings: 0 }]))
  for (const f of result.findings) {
    const entry = out.get(f.path)
    if (entry === undefined) continue
    if (f.severity === 'error') entry.errors.push(`${f.path}:${f.line}:${f.column} ${f.rule} ${f.message}`)
    else if (f.severity === 'warning') entry.warnings++
  }
  return out
}

/** Writes a draft; on a name taken meanwhile (another run), the caller decides. */
async function writeDraft(root: string, draft: Draft): Promise<'written' | 'exists'> {
  try {
    await createFileAtomic(path.join(root, draft.path), draft.text)
    return 'written'
  } catch (error) {
    if (error instanceof FileExistsError) return 'exists'
    throw new UsageError(`cannot write ${draft.path}: ${errorMessage(error)}`, 'check that the postmortem directory is writable')
  }
}

export async function postmortemNewCommand(options: PostmortemNewOptions, io: CliIo, deps: Pick<CliDeps, 'now'>): Promise<ExitCode> {
  const now = (deps.now ?? (() => new Date()))()
  const root = resolveRoot(options.root, io.cwd)
  if (options.missing && (options.incident !== undefined || options.id !== undefined || options.title !== undefined || options.severity !== undefined || options.owner !== undefined)) {
    throw new UsageError('--missing drafts every incident that needs one and takes no --incident, --id, --title, --severity or --owner', 'run "postmortem new --missing" alone, or "postmortem new --incident <id>" for one')
  }
  if (options.since !== undefined && !options.missing) throw new UsageError('--since goes with --missing')
  const sinceMs = sinceMsOf(options.since)
  const config = loadConfig({ root, ...(options.config === undefined ? {} : { configPath: path.resolve(io.cwd, options.config) }), readFile: readConfigText })
  const adapters = createNodeReviewAdapters(config, { ...(io.env.REDIS_URL !== undefined && { redisUrl: io.env.REDIS_URL }) })
  const today = now.toISOString().slice(0, 10)

  let drafts: Draft[]
  let notes: string[] = []
  let summary = ''
  try {
    if (options.missing) {
      const missing = await draftMissing(config, { today, ...(sinceMs !== undefined && { sinceMs }) }, adapters)
      drafts = missing.drafts
      notes = missing.notes
      const c = missing.counts
      summary =
        `${c.incidents} incident${c.incidents === 1 ? '' : 's'} read: ${missing.drafts.length} need${missing.drafts.length === 1 ? 's' : ''} a postmortem, ` +
        `${missing.covered.length} ha${missing.covered.length === 1 ? 's' : 've'} one, ${c.open} not resolved, ${c.otherSeverity} of other severities than ${missing.severities.join(', ')}` +
        `${sinceMs !== undefined ? `, ${c.beforeSince} resolved before --since` : ''}`
    } else {
      const request = {
        today,
        ...(options.incident !== undefined && { incident: options.incident }),
        ...(options.id !== undefined && { id: options.id }),
        ...(options.title !== undefined && { title: options.title }),
        ...(options.severity !== undefined && { severity: options.severity }),
        ...(options.owner !== undefined && { owners: options.owner })
      }
      drafts = [await draftPostmortem(config, request, adapters)]
    }
  } catch (error) {
    if (error instanceof DraftInputError) throw new UsageError(sanitizeText(error.message), error.hint)
    throw error
  }

  for (const note of notes) io.stderr(`note: ${sanitizeText(note, { multiline: false })}\n`)
  if (options.dryRun) {
    if (options.format === 'json') io.stdout(`${JSON.stringify({ drafts: drafts.map((d) => ({ ...d, written: false })) }, null, 2)}\n`)
    else io.stdout(drafts.map((d) => `<!-- ${d.path} -->\n${d.text}`).join('\n'))
    if (summary !== '') io.stderr(`${summary}\n`)
    return EXIT.OK
  }

  const written: Draft[] = []
  for (const draft of drafts) {
    const outcome = await writeDraft(root, draft)
    if (outcome === 'exists') {
      // Another run took the name since the ids were read: nothing of ours is half-written; say so and stop.
      throw new UsageError(`${draft.path} appeared while the draft was being made; nothing was overwritten${written.length > 0 ? ` (written before it: ${written.map((d) => d.path).join(', ')})` : ''}`, 'run the command again: it takes the next free id')
    }
    written.push(draft)
  }
  const lint = written.length > 0 ? await lintDrafts(config, written.map((d) => d.path), now) : new Map<string, { errors: string[]; warnings: number }>()
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify({ drafts: written.map((d) => ({ id: d.id, path: d.path, incidentId: d.incidentId, title: d.title, owners: d.owners, notes: d.notes, written: true, lint: lint.get(d.path) })), summary }, null, 2)}\n`)
  } else {
    for (const d of written) {
      const l = lint.get(d.path)
      io.stdout(`Created ${d.path}${d.incidentId !== undefined ? ` for ${sanitizeText(d.incidentId, { multiline: false })}` : ''} (Status: draft; lint: ${l?.errors.length ?? 0} errors, ${l?.warnings ?? 0} warnings to fill in)\n`)
      for (const note of d.notes) io.stderr(`  note: ${sanitizeText(note, { multiline: false })}\n`)
      for (const e of l?.errors ?? []) io.stderr(`  lint: ${e}\n`)
    }
    if (summary !== '') io.stderr(`${summary}\n`)
    if (written.length > 0) io.stderr(`next: replace each TBD, then set Status to in review (or remove it) and run "reliability-loop lint ${written.map((d) => d.path).join(' ')}"\n`)
  }
  return EXIT.OK
}
