import type { LintExecutor } from './executor.js'

/**
 * The side effects the lint mode needs, passed in by the entry (CLI, Action, tests). Paths are
 * repository-relative with forward slashes.
 */
export interface RepoFiles {
  /** Files matching any of the globs, sorted. */
  glob: (patterns: readonly string[]) => Promise<string[]>
  /** The file's bytes; rejects when it cannot be read. */
  read: (path: string) => Promise<Uint8Array>
  /** Whether a path exists (used for NDJSON log links). */
  exists: (path: string) => boolean
}

export interface LintProgress {
  done: number
  total: number
}

export interface LintAdapters {
  files: RepoFiles
  /** The clock; injected so results are reproducible. */
  now: () => Date
  /** Cache storage for per-file results; omit to lint everything afresh. */
  cache?: LintCacheStore
  /** Where per-file linting runs; default: in this thread. */
  executor?: LintExecutor
  /** Called as files finish, for a progress line on a terminal. */
  onProgress?: (progress: LintProgress) => void
}

/** Where cached per-file results are kept between runs (a JSON file in the CLI/Action). */
export interface LintCacheStore {
  load: () => Promise<unknown>
  save: (data: unknown) => Promise<void>
}
