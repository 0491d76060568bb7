import { join } from 'node:path'
import type { Config } from '../config/types.js'
import type { LintAdapters, LintProgress } from '../lint/adapters.js'
import { inProcessExecutor } from '../lint/executor.js'
import { workerPoolExecutor } from './lint-worker-pool.js'
import { jsonFileCacheStore, nodeRepoFiles } from './node-files.js'

export interface NodeLintOptions {
  onProgress?: (progress: LintProgress) => void
  /** The clock; default the real one. */
  now?: () => Date
}

/** Adapters for the CLI and the Action: the real file system, the JSON cache file and a worker pool over the cores. */
export function createNodeLintAdapters(config: Config, options: NodeLintOptions = {}): LintAdapters {
  const files = nodeRepoFiles(config.root)
  const adapters: LintAdapters = {
    files,
    now: options.now ?? (() => new Date()),
    executor: workerPoolExecutor(config.root, config.lint.concurrency, inProcessExecutor(files.exists))
  }
  if (config.lint.cache) adapters.cache = jsonFileCacheStore(join(config.root, config.lint.cacheDir, 'lint.json'))
  if (options.onProgress) adapters.onProgress = options.onProgress
  return adapters
}
