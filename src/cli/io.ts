import type { Config } from '../config/types.js'
import type { LintAdapters, LintProgress } from '../lint/adapters.js'
import type { LintRequest, LintRunResult } from '../modes/lint.js'
import type { RuleInfo } from '../report/json.js'

/** Everything the CLI touches of its process, so tests can run it in-process. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Readonly<Record<string, string | undefined>>
  /** Absolute working directory: command-line paths are relative to it, and the repository root is found upward from it. */
  cwd: string
  /** Whether stdout is a terminal (colour). */
  isTTY: boolean
  /** Whether stderr is a terminal (progress line); defaults to isTTY. */
  stderrIsTTY?: boolean
  /** Terminal width for wrapping help; default 80. */
  columns?: number
  /** Standard input, for questions on a terminal (`experiment new`); absent means nothing can be asked. */
  stdin?: NodeJS.ReadableStream
  /** Whether stdin is a terminal: only then are missing values asked for. */
  stdinIsTTY?: boolean
}

/** The parts of the program the CLI drives; replaceable in tests. */
export interface CliDeps {
  runLint: (config: Config, request: LintRequest, adapters: LintAdapters) => Promise<LintRunResult>
  createAdapters: (config: Config, options: { onProgress?: (progress: LintProgress) => void; now?: () => Date }) => LintAdapters
  rules: readonly RuleInfo[]
  /** The clock; default the real one. */
  now?: () => Date
  /** New experiment ids; default crypto.randomUUID. */
  randomUUID?: () => string
}
