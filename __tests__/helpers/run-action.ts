// Runs the built Action bundle (dist/index.js) the way the runner does: a child process on Node 24
// with INPUT_* from action.yml's defaults plus the step's `with:`, GITHUB_* variables, a real event
// payload from @octokit/webhooks-examples and a workspace of files. Returns what GitHub would see:
// workflow commands, outputs, the step summary and the exit code.

import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import { REPO_ROOT, type FakeGitHub } from './github-server.js'

export const BUNDLE = join(REPO_ROOT, 'dist', 'index.js')

export interface WorkflowCommand {
  command: string
  properties: Record<string, string>
  message: string
}

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  commands: WorkflowCommand[]
  errors: WorkflowCommand[]
  warnings: WorkflowCommand[]
  notices: WorkflowCommand[]
  outputs: Record<string, string>
  summary: string
  /** The workspace after the run (e.g. to read files the Action wrote). */
  workspace: string
}

const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%')

export function parseCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!m) continue
    const properties: Record<string, string> = {}
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1))
    }
    commands.push({ command: m[1] ?? '', properties, message: unescape(m[3] ?? '') })
  }
  return commands
}

/** GITHUB_OUTPUT's `name<<delimiter … delimiter` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  for (const m of text.matchAll(/^(.+?)<<(\S+)\n([\s\S]*?)\n?\2$/gm)) outputs[m[1] ?? ''] = m[3] ?? ''
  return outputs
}

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))))
}

/** Builds dist/ when it is missing or older than the sources. */
export function ensureBundle(): void {
  const sources = Math.max(newestMtime(join(REPO_ROOT, 'src')), newestMtime(join(REPO_ROOT, 'package-lock.json')), newestMtime(join(REPO_ROOT, 'scripts', 'build.mjs')))
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= sources) return
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`node scripts/build.mjs failed:\n${build.stdout}\n${build.stderr}`)
}

/** The Node the runner uses for `using: node24` (the `node` dev dependency); this process's Node otherwise. */
export function runnerNode(): string {
  const node24 = join(REPO_ROOT, 'node_modules', '.bin', 'node')
  if (existsSync(node24)) return node24
  console.warn(`${node24} is missing; running the bundle on ${process.version} instead of Node 24.`)
  return process.execPath
}

const actionYml = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> }
const webhooks = createRequire(import.meta.url)('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, unknown>> }>

/** A real webhook payload (a fresh copy) from @octokit/webhooks-examples. */
export function examplePayload(event: string, action?: string): Record<string, unknown> {
  const example = webhooks.find((w) => w.name === event)?.examples.find((e) => action === undefined || e.action === action)
  if (!example) throw new Error(`@octokit/webhooks-examples has no ${event} ${action ?? ''} example`)
  return structuredClone(example)
}

export interface RunOptions {
  eventName: string
  payload: Record<string, unknown>
  token: string
  /** The workflow's `with:`; everything else takes action.yml's default. */
  with?: Record<string, string>
  files: Record<string, string>
  /** GITHUB_SHA: on pull_request the merge commit. */
  sha: string
  /** Make the workspace a git checkout of its files (one commit), as actions/checkout leaves it. */
  gitCheckout?: boolean
}

export interface BundleRunOptions {
  /** The checked-out repository the step runs in. */
  workspace: string
  eventName: string
  payload: Record<string, unknown>
  /** The workflow's `with:`; everything else takes action.yml's default. */
  with?: Record<string, string>
  /** Stands in for `${{ github.token }}` defaults; none when omitted. */
  token?: string
  /** GITHUB_SHA: on pull_request the merge commit. */
  sha: string
  /** GITHUB_REPOSITORY, `owner/repo`. */
  repository: string
  /** GITHUB_API_URL, e.g. the fake GitHub server's. */
  apiUrl?: string
  /** More environment, e.g. secrets a mode reads from it (REDIS_URL, OPENAI_API_KEY). */
  env?: Record<string, string>
}

/**
 * Runs dist/index.js once, with `scratch` (a fresh directory the caller removes) holding the event payload,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY. The environment is clean: nothing from the machine running the
 * tests (which may itself be a runner).
 */
export async function runActionBundle(scratch: string, options: BundleRunOptions): Promise<ActionRun> {
  const eventPath = join(scratch, 'event.json')
  writeFileSync(eventPath, JSON.stringify(options.payload))
  const outputPath = join(scratch, 'output')
  const summaryPath = join(scratch, 'summary')
  writeFileSync(outputPath, '')
  writeFileSync(summaryPath, '')

  const inputs: Record<string, string> = {}
  for (const [name, input] of Object.entries(actionYml.inputs)) {
    const value = options.with?.[name] ?? (input.default === '${{ github.token }}' ? (options.token ?? '') : (input.default ?? ''))
    inputs[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: scratch,
    NO_PROXY: '127.0.0.1,localhost',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    ...(options.apiUrl !== undefined && { GITHUB_API_URL: options.apiUrl }),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: options.repository,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_SHA: options.sha,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_RUN_ID: '4242',
    RUNNER_TEMP: scratch,
    ...inputs,
    ...options.env
  }
  const child = spawn(runnerNode(), [BUNDLE], { cwd: options.workspace, env })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  const commands = parseCommands(stdout)
  return {
    code,
    stdout,
    stderr,
    commands,
    errors: commands.filter((c) => c.command === 'error'),
    warnings: commands.filter((c) => c.command === 'warning'),
    notices: commands.filter((c) => c.command === 'notice'),
    outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
    workspace: options.workspace
  }
}

/** Writes files into a new workspace below `scratch`; as a git checkout of one commit when asked. */
export function writeWorkspace(scratch: string, files: Record<string, string>, gitCheckout = false): string {
  const workspace = join(scratch, 'workspace')
  mkdirSync(workspace, { recursive: true })
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true })
    writeFileSync(join(workspace, path), content)
  }
  if (gitCheckout) {
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: workspace })
    git('init', '-q')
    git('add', '-A')
    git('commit', '-qm', 'checkout')
  }
  return workspace
}

/** Runs the bundle against one fake GitHub server, removing its temporary directories on cleanup(). */
export class ActionRunner {
  private readonly temps: string[] = []

  constructor(private readonly fake: FakeGitHub) {}

  cleanup(): void {
    for (const dir of this.temps) rmSync(dir, { recursive: true, force: true })
  }

  async run(options: RunOptions): Promise<ActionRun> {
    const scratch = mkdtempSync(join(tmpdir(), 'rl-action-'))
    this.temps.push(scratch)
    return runActionBundle(scratch, {
      workspace: writeWorkspace(scratch, options.files, options.gitCheckout),
      eventName: options.eventName,
      payload: options.payload,
      ...(options.with && { with: options.with }),
      token: options.token,
      sha: options.sha,
      repository: `${this.fake.owner}/${this.fake.repo}`,
      apiUrl: this.fake.url
    })
  }
}
