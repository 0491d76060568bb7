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
  /**
   * The file's metadata, or undefined when it cannot be had. Optional: with it, the lint cache answers an
   * unchanged file without reading it; without it, every file is read and hashed.
   */
  stat?: (path: string) => FileStat | undefined
}

/** What the lint cache compares to tell that a file has not changed since it was hashed. */
export interface FileStat {
  size: number
  mtimeMs: number
  /** Changes on every write and cannot be set back by tools that restore mtime (tar, rsync -t, touch -d). */
  ctimeMs: number
  ino: number
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
