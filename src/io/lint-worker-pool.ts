import { existsSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { FileLintResult } from '../lint/lint-file.js'
import type { LintExecutor, LintJob } from '../lint/executor.js'

// Below this many files a worker's start-up (loading the bundle) costs more than it saves.
const MIN_JOBS_FOR_WORKERS = 200
const BATCH_SIZE = 64

/** The worker bundle sits beside the running bundle in dist/; under ts-jest there is none and we stay in-process. */
function workerScript(): URL | undefined {
  const url = new URL('./lint-worker.js', import.meta.url)
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined
}

export function coreCount(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length
}

/**
 * Spreads lint jobs over worker threads (one per core unless `concurrency` says otherwise), falling back
 * to `fallback` for small runs or where no worker bundle exists.
 */
export function workerPoolExecutor(root: string, concurrency: number, fallback: LintExecutor): LintExecutor {
  return {
    async run(jobs, config, today, onResult) {
      const script = workerScript()
      const size = Math.min(concurrency > 0 ? concurrency : coreCount(), Math.ceil(jobs.length / BATCH_SIZE))
      if (!script || jobs.length < MIN_JOBS_FOR_WORKERS || size < 2) return fallback.run(jobs, config, today, onResult)

      const batches: LintJob[][] = []
      for (let i = 0; i < jobs.length; i += BATCH_SIZE) batches.push(jobs.slice(i, i + BATCH_SIZE))
      let next = 0
      const workers = Array.from({ length: size }, () => new Worker(script, { workerData: { root, config, today } }))
      try {
        await Promise.all(
          workers.map(
            (worker) =>
              new Promise<void>((resolve, reject) => {
                const feed = (): void => {
                  const batch = batches[next++]
                  if (batch) worker.postMessage(batch)
                  else resolve()
                }
                worker.on('message', (results: FileLintResult[]) => {
                  for (const result of results) onResult(result)
                  feed()
                })
                worker.once('error', reject)
                worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lint worker exited with code ${code}`))))
                feed()
              })
          )
        )
      } finally {
        await Promise.all(workers.map((w) => w.terminate()))
      }
    }
  }
}
