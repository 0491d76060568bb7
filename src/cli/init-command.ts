// `reliability-loop init`: a repository set up for the loop in one command: .github/reliability.yml with every
// default written out (validated before it is written), the workflows picked, the postmortem and experiment
// templates, and .gitignore lines for the caches. Asks on a terminal, takes flags otherwise; never replaces
// an existing file without --force; ends with the next steps (secrets, required checks).

import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Command, Option } from 'commander'
import { loadConfig } from '../config/load.js'
import { renderDefaultConfig } from '../config/render-defaults.js'
import type { Config, SyncTrackerKind } from '../config/types.js'
import { createFileAtomic, FileExistsError, replaceFileAtomic } from '../io/atomic-write.js'
import { errorMessage } from '../util/error-message.js'
import { EXIT, UsageError, type ExitCode } from './errors.js'
import type { CliIo } from './io.js'
import { resolveRoot } from './lint-command.js'
import { readPackageFile } from './package-assets.js'
import { closedAsUsage, createPrompter, type Prompter } from './prompt.js'

/** Each workflow `init` can write: the template in this package and what it does. */
export const WORKFLOWS = {
  lint: { file: 'reliability-lint.yml', what: 'lint changed postmortems on pull requests' },
  gate: { file: 'reliability-gate.yml', what: 'the merge gate: drills, open Sev1 action items, rollback plans' },
  sync: { file: 'backlog-sync.yml', what: 'every open action item becomes one ticket' },
  audit: { file: 'transcript-audit.yml', what: 'a monthly sample of agent transcripts scored on a rubric' },
  review: { file: 'reliability-review.yml', what: 'the monthly reliability review packet' },
  postmortem: { file: 'reliability-postmortem.yml', what: 'a draft postmortem pull request for each incident without one' },
  export: { file: 'reliability-export.yml', what: 'audit scores, incidents, action items and experiments into BigQuery or Snowflake, weekly' }
} as const
export type WorkflowName = keyof typeof WORKFLOWS
const WORKFLOW_NAMES = Object.keys(WORKFLOWS) as WorkflowName[]
/** Not a workflow of its own: named in the error rather than "unknown". */
const PART_OF_REVIEW = 'publish'
export const DEFAULT_WORKFLOWS: readonly WorkflowName[] = ['lint', 'gate', 'sync', 'review', 'postmortem']
const TRACKERS: readonly SyncTrackerKind[] = ['github', 'linear', 'jira', 'jira-dc']

export interface InitOptions {
  tracker?: string
  workflows?: string
  yes?: boolean
  force?: boolean
  dryRun?: boolean
  root?: string
}

const HELP_AFTER = `
Writes, below the repository root (--root, default the current directory):
  .github/reliability.yml          every setting with its default and a comment saying what it does
  .github/workflows/<name>.yml     the workflows picked (${WORKFLOW_NAMES.join(', ')})
  docs/postmortems/TEMPLATE.md     the postmortem template (lint, postmortem new)
  docs/experiments/TEMPLATE.md     the experiment template (experiment new)
  .gitignore                       lines for the tool's caches (added when missing)
An existing file is kept unless --force is given. On a terminal, the tracker and the workflows are asked
for; otherwise the flags (or their defaults, with --yes) decide.

Examples:
  $ reliability-loop init                                  # asks on a terminal
  $ reliability-loop init --yes                            # GitHub Issues, workflows ${DEFAULT_WORKFLOWS.join(',')}
  $ reliability-loop init --tracker linear --workflows lint,gate,sync --yes
  $ reliability-loop init --dry-run --yes                  # list what would be written

Exit codes: 0 set up (existing files kept are listed), 2 usage error (unknown tracker or workflow,
nothing given and no terminal to ask on), 3 internal error.
`

export function addInitCommand(program: Command, io: CliIo, _deps: unknown, done: (code: ExitCode) => void): Command {
  return program
    .command('init')
    .summary('set up reliability-loop in a repository')
    .description('Set up the loop: the configuration with every default, the workflows, the templates and .gitignore lines.')
    .addOption(new Option('--tracker <tracker>', 'where action items become tickets').choices(TRACKERS))
    .option('--workflows <names>', `comma-separated workflows to write (${WORKFLOW_NAMES.join(', ')}), or "none"`)
    .option('-y, --yes', 'ask nothing: the defaults for what the flags leave out')
    .option('--force', 'replace files that exist')
    .option('--dry-run', 'list what would be written; write nothing')
    .option('--root <dir>', 'repository root (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml, else the current directory)')
    .addHelpText('after', HELP_AFTER)
    .action(async (options: InitOptions) => {
      done(await initCommand(options, io))
    })
}

function parseWorkflows(value: string): WorkflowName[] {
  const names = value.split(',').map((n) => n.trim().toLowerCase()).filter((n) => n !== '')
  if (names.length === 1 && names[0] === 'none') return []
  for (const name of names) {
    if (name === PART_OF_REVIEW) throw new UsageError('--workflows: publish runs as a step of the review workflow', `choose review (it sends the packet when a publish: section is configured); the workflows are ${WORKFLOW_NAMES.join(', ')}`)
    if (!(WORKFLOW_NAMES as string[]).includes(name)) throw new UsageError(`--workflows: unknown workflow "${name}"`, `choose among ${WORKFLOW_NAMES.join(', ')} (comma-separated), or none`)
  }
  return [...new Set(names)] as WorkflowName[]
}

async function choose(options: InitOptions, prompter: Prompter | undefined): Promise<{ tracker: SyncTrackerKind; workflows: WorkflowName[] }> {
  let tracker = options.tracker as SyncTrackerKind | undefined
  let workflows = options.workflows === undefined ? undefined : parseWorkflows(options.workflows)
  if (options.yes !== true && (tracker === undefined || workflows === undefined)) {
    if (prompter === undefined) {
      throw new UsageError('nothing to ask on: stdin is not a terminal', `pass --yes for the defaults (tracker github; workflows ${DEFAULT_WORKFLOWS.join(',')}), or --tracker and --workflows`)
    }
    try {
      while (tracker === undefined) {
        const answer = (await prompter.ask(`Tracker for action items (${TRACKERS.join(', ')})`, { fallback: 'github' })).toLowerCase()
        if ((TRACKERS as readonly string[]).includes(answer)) tracker = answer as SyncTrackerKind
        else prompter.say(`  one of ${TRACKERS.join(', ')}\n`)
      }
      while (workflows === undefined) {
        prompter.say(WORKFLOW_NAMES.map((n) => `  ${n.padEnd(11)}${WORKFLOWS[n].what}\n`).join(''))
        try {
          workflows = parseWorkflows(await prompter.ask('Workflows, comma-separated', { fallback: DEFAULT_WORKFLOWS.join(',') }))
        } catch (error) {
          if (!(error instanceof UsageError)) throw error
          prompter.say(`  ${error.message.replace(/^--workflows: /, '')}\n`)
        }
      }
    } catch (error) {
      throw closedAsUsage(error)
    } finally {
      prompter.close()
    }
  }
  return { tracker: tracker ?? 'github', workflows: workflows ?? [...DEFAULT_WORKFLOWS] }
}

const CONFIG_HEADER = `# reliability-loop configuration. Every setting is written out with its default and what it does, so you
# can see what there is to change; delete what you do not change, it works the same. Reference:
# https://github.com/reliability-loop/reliability-loop/blob/v1/docs/configuration.md
# An invalid file stops every mode with \`file:line:col: key: message\` and exit code 2.`

interface PlannedFile {
  path: string
  text: string
}

function nextSteps(config: Config, tracker: SyncTrackerKind, workflows: readonly WorkflowName[]): string[] {
  const steps: string[] = ['Commit the files: git add .github docs .gitignore && git commit -m "Set up reliability-loop"']
  const secrets: Record<SyncTrackerKind, string> = {
    github: 'none: GitHub Issues uses the workflow\'s token',
    linear: 'LINEAR_API_KEY (a Linear API key), and set sync.linear.team in .github/reliability.yml (or LINEAR_TEAM)',
    jira: 'JIRA_API_TOKEN and JIRA_EMAIL (an Atlassian API token and its account), and set sync.jira.base-url and sync.jira.project',
    'jira-dc': 'JIRA_PAT (a personal access token), and set sync.jira.base-url and sync.jira.project'
  }
  if (workflows.includes('sync') || workflows.includes('review')) steps.push(`Secrets to add (Settings → Secrets and variables → Actions): ${secrets[tracker]}`)
  if (workflows.includes('export')) steps.push('For the export: the variables BIGQUERY_PROJECT (and workload identity federation, see docs/export.md), or the Snowflake variables and the secret SNOWFLAKE_PRIVATE_KEY; change the marked lines of .github/workflows/reliability-export.yml')
  if (workflows.includes('audit')) steps.push('For the LLM scorer of the audit: the secret OPENAI_API_KEY (or your endpoint\'s key) and audit.llm.model')
  const required: string[] = []
  if (workflows.includes('lint')) required.push('reliability/lint')
  if (workflows.includes('gate')) required.push(...Object.values(config.gate.checkNames))
  if (required.length > 0) steps.push(`Checks to mark required (Settings → Branches or Rules → require status checks): ${required.join(', ')}`)
  if (workflows.includes('gate')) steps.push('The drills gate waits for the workflow named in gate.drills.workflow (default drills.yml): point it at your agent test suite')
  if (workflows.includes('postmortem') || workflows.includes('review')) steps.push('Allow Actions to open pull requests: Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests"')
  steps.push('Try it: reliability-loop lint && reliability-loop postmortem new --title "First postmortem" --severity Sev3 --dry-run')
  return steps
}

export async function initCommand(options: InitOptions, io: CliIo): Promise<ExitCode> {
  const root = resolveRoot(options.root, io.cwd)
  const prompter = io.stdin !== undefined && io.stdinIsTTY === true && options.yes !== true ? createPrompter(io.stdin, io.stderr) : undefined
  const { tracker, workflows } = await choose(options, prompter)

  const configText = renderDefaultConfig({ header: CONFIG_HEADER, overrides: { 'sync.tracker': tracker } })
  // The file must load: the same check every mode makes, before anything is written.
  const config = loadConfig({ root, readFile: (p) => (p === path.join(root, '.github/reliability.yml') ? configText : undefined) })
  const planned: PlannedFile[] = [
    { path: '.github/reliability.yml', text: configText },
    ...workflows.map((w) => ({ path: `.github/workflows/${WORKFLOWS[w].file}`, text: readPackageFile(`.github/workflows/${WORKFLOWS[w].file}`) })),
    { path: 'docs/postmortems/TEMPLATE.md', text: readPackageFile('docs/postmortems/TEMPLATE.md') },
    { path: 'docs/experiments/TEMPLATE.md', text: readPackageFile('docs/experiments/TEMPLATE.md') }
  ]

  const written: string[] = []
  const kept: string[] = []
  for (const file of planned) {
    const abs = path.join(root, file.path)
    if (existsSync(abs) && options.force !== true) {
      kept.push(file.path)
      continue
    }
    if (options.dryRun === true) {
      written.push(file.path)
      continue
    }
    try {
      if (options.force === true) await replaceFileAtomic(abs, file.text)
      else await createFileAtomic(abs, file.text)
      written.push(file.path)
    } catch (error) {
      if (error instanceof FileExistsError) kept.push(file.path)
      else throw new UsageError(`cannot write ${file.path}: ${errorMessage(error)}`, 'check that the directory is writable')
    }
  }

  // .gitignore: the caches, added when missing; the file's other lines are kept as they are.
  const ignore = path.join(root, '.gitignore')
  const current = existsSync(ignore) ? readFileSync(ignore, 'utf8') : ''
  const have = new Set(current.split(/\r?\n/).map((l) => l.trim().replace(/^\//, '').replace(/\/$/, '')))
  const wanted = ['.reliability-loop/', `${config.lint.cacheDir}/`].filter((l) => !have.has(l.replace(/\/$/, '')))
  if (wanted.length > 0) {
    if (options.dryRun !== true) await replaceFileAtomic(ignore, `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}# reliability-loop caches\n${wanted.join('\n')}\n`)
    written.push(`.gitignore (${wanted.join(', ')})`)
  }

  const verb = options.dryRun === true ? 'Would write' : 'Wrote'
  io.stdout(`${written.length > 0 ? `${verb}:\n${written.map((f) => `  ${f}\n`).join('')}` : 'Nothing to write.\n'}`)
  if (kept.length > 0) io.stdout(`Kept (they exist; --force replaces them):\n${kept.map((f) => `  ${f}\n`).join('')}`)
  io.stdout(`\nNext steps:\n${nextSteps(config, tracker, workflows).map((s, i) => `  ${i + 1}. ${s}\n`).join('')}`)
  return EXIT.OK
}
