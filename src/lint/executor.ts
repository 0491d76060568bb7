import type { LintConfig } from '../config/types.js'
import { lintFile, type FileLintResult } from './lint-file.js'

export interface LintJob {
  path: string
  bytes: Uint8Array
}

/** Runs lintFile over many files: in this thread, or spread over worker threads (src/io/lint-worker-pool.ts). */
export interface LintExecutor {
  run: (
    jobs: readonly LintJob[],
    config: LintConfig,
    today: string,
    onResult: (result: FileLintResult) => void
  ) => Promise<void>
}

export function inProcessExecutor(pathExists: (path: string) => boolean): LintExecutor {
  return {
    async run(jobs, config, today, onResult) {
      for (const job of jobs) onResult(lintFile(job.bytes, job.path, config, { today, pathExists }))
    }
  }
}
