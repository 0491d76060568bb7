// Entry of each lint worker thread (bundled as dist/lint-worker.js). It lints the batches the pool
// (src/io/lint-worker-pool.ts) posts and answers with their results; file existence is checked against the
// repository root.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import type { LintConfig } from '../config/types.js'
import { isInsideRepo } from '../util/repo-path.js'
import { lintFile } from '../lint/lint-file.js'
import type { LintJob } from '../lint/executor.js'

interface WorkerSetup {
  root: string
  config: LintConfig
  today: string
}

const setup = workerData as WorkerSetup

function pathExists(path: string): boolean {
  return isInsideRepo(path) && existsSync(join(setup.root, path))
}

parentPort?.on('message', (batch: LintJob[]) => {
  const results = batch.map((job) => lintFile(job.bytes, job.path, setup.config, { today: setup.today, pathExists }))
  parentPort?.postMessage(results)
})
