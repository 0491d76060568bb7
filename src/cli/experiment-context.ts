// What every `experiment` subcommand starts from: the repository root, the one Config, the experiment
// settings, the files below the root, and whether missing values may be asked for.

import path from 'node:path'
import { loadConfig } from '../config/load.js'
import type { Config, ExperimentConfig } from '../config/types.js'
import { nodeRepoFiles } from '../io/node-files.js'
import type { RepoFiles } from '../lint/adapters.js'
import type { CliDeps, CliIo } from './io.js'
import { readConfigText, resolveRoot } from './lint-command.js'
import { createPrompter, type Prompter } from './prompt.js'
import { shouldUseColor } from './terminal.js'

export interface ConfigOptions {
  config?: string
  root?: string
}

export interface ExperimentCliContext {
  io: CliIo
  root: string
  config: Config
  settings: ExperimentConfig
  files: RepoFiles
  now: () => Date
  randomUUID: () => string
  /** Undefined when stdin is not a terminal: then nothing is asked and missing values are usage errors. */
  prompter?: Prompter
}

export function experimentContext(options: ConfigOptions, io: CliIo, deps: Pick<CliDeps, 'now' | 'randomUUID'>, wantPrompter = false): ExperimentCliContext {
  const root = resolveRoot(options.root, io.cwd)
  const config = loadConfig({
    root,
    ...(options.config === undefined ? {} : { configPath: path.resolve(io.cwd, options.config) }),
    readFile: readConfigText
  })
  const context: ExperimentCliContext = {
    io,
    root,
    config,
    settings: config.experiment,
    files: nodeRepoFiles(root),
    now: deps.now ?? (() => new Date()),
    randomUUID: deps.randomUUID ?? (() => globalThis.crypto.randomUUID())
  }
  const stdin = io.stdin
  if (wantPrompter && stdin !== undefined && io.stdinIsTTY === true) context.prompter = lazyPrompter(() => createPrompter(stdin, io.stderr))
  return context
}

/** Opens the terminal only at the first question, so a command given every flag never touches stdin. */
function lazyPrompter(open: () => Prompter): Prompter {
  let prompter: Prompter | undefined
  return {
    ask: (question, options) => (prompter ??= open()).ask(question, options),
    say: (text) => (prompter ??= open()).say(text),
    close: () => prompter?.close()
  }
}

export function colorFor(io: CliIo, flag: boolean | undefined): boolean {
  return shouldUseColor({ flag, env: io.env, isTTY: io.isTTY })
}

export function todayOf(now: () => Date): string {
  return now().toISOString().slice(0, 10)
}
