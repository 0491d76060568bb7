// The audit's bulk work spread over worker threads (dist/audit-worker.js) when there is enough of it to
// pay for them: scanning every transcript of a run (a byte search bound by one core, most of an audit's
// time) and reading a large rules-only sample. The results are those of the same work done in-process,
// in the order of the paths given. The workers are started once per pool and kept for both phases;
// between tasks they are unref'd, so they never keep the process alive.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { SampledRead } from '../audit/read-sampled.js'
import type { ScanResult } from '../audit/scan.js'
import { coreCount } from '../lint/worker-pool.js'
import type { AuditReadRequest, AuditScanRequest } from '../modes/audit.js'
import type { AuditWorkerSetup, AuditWorkerTask } from './audit-worker.js'

/** Below these counts, starting workers (each loads its bundle) costs more than it saves. */
export const MIN_TRANSCRIPTS_TO_SCAN_ON_WORKERS = 1000
export const MIN_TRANSCRIPTS_TO_READ_ON_WORKERS = 100
const SCAN_BATCH = 200
const READ_BATCH = 10

/** The worker bundle sits beside the running bundle in dist/; under ts-jest there is none. */
function workerScript(): URL | undefined {
  const url = new URL('./audit-worker.js', import.meta.url)
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined
}

export interface AuditWorkerPool {
  /** Undefined: do it in-process (too few transcripts, one core, or no worker bundle, as under ts-jest). */
  scan(request: AuditScanRequest, onProgress?: (done: number) => void): Promise<ScanResult[] | undefined>
  read(request: AuditReadRequest, onProgress?: (done: number) => void): Promise<SampledRead[] | undefined>
}

export function auditWorkerPool(root: string): AuditWorkerPool {
  let workers: Worker[] | undefined

  const started = (script: URL): Worker[] => {
    workers ??= Array.from({ length: coreCount() }, () => new Worker(script, { workerData: { root } satisfies AuditWorkerSetup, resourceLimits: { maxYoungGenerationSizeMb: 16 } }))
    return workers
  }

  async function run<T>(paths: readonly string[], minimum: number, batchSize: number, task: (paths: string[]) => AuditWorkerTask, onProgress?: (done: number) => void): Promise<T[] | undefined> {
    const script = workerScript()
    if (!script || paths.length < minimum || coreCount() < 2) return undefined
    const pool = started(script).slice(0, Math.ceil(paths.length / batchSize))
    const results = new Array<T>(paths.length)
    let next = 0
    let done = 0
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let start = 0
            const finish = (error?: unknown): void => {
              worker.off('message', onMessage)
              worker.off('error', finish)
              worker.unref()
              if (error === undefined) resolve()
              else reject(error instanceof Error ? error : new Error(`audit worker failed: ${String(error)}`))
            }
            const feed = (): void => {
              if (next >= paths.length) return finish()
              start = next
              next = Math.min(next + batchSize, paths.length)
              worker.postMessage(task(paths.slice(start, next)))
            }
            const onMessage = (batch: T[]): void => {
              batch.forEach((result, i) => (results[start + i] = result))
              done += batch.length
              onProgress?.(done)
              feed()
            }
            worker.ref()
            worker.on('message', onMessage)
            worker.once('error', finish)
            feed()
          })
      )
    )
    return results
  }

  return {
    scan: (request, onProgress) =>
      run<ScanResult>(
        request.paths,
        MIN_TRANSCRIPTS_TO_SCAN_ON_WORKERS,
        SCAN_BATCH,
        (paths) => ({
          kind: 'scan',
          paths,
          fields: request.fields,
          maxLineBytes: request.maxLineBytes,
          period: request.period,
          ...(request.flagged !== undefined && { flagged: { source: request.flagged.source, flags: request.flagged.flags } })
        }),
        onProgress
      ),
    read: (request, onProgress) =>
      run<SampledRead>(
        request.paths,
        MIN_TRANSCRIPTS_TO_READ_ON_WORKERS,
        READ_BATCH,
        (paths) => ({ kind: 'read', paths, fields: request.fields, maxLineBytes: request.maxLineBytes, rules: request.rules }),
        onProgress
      )
  }
}
