// The audit's bulk work spread over the cores when there is enough of it to pay: scanning every
// transcript of a run (a byte search bound by one core, most of an audit's time) and reading a large
// rules-only sample. Worker threads (dist/audit-worker.js) take batches of paths from one queue; for the
// scan, this thread takes a share too. The results are those of the same work done in-process, in the
// order of the paths given. Workers are started for each phase and ended after it, and are limited in
// heap, so that the audit's memory stays bounded whatever the number of transcripts.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { SampledRead } from '../audit/read-sampled.js'
import type { ScanResult } from '../audit/scan.js'
import { coreCount } from './lint-worker-pool.js'
import type { AuditReadRequest, AuditScanRequest } from '../modes/audit-types.js'
import type { AuditWorkerSetup, AuditWorkerTask } from './audit-worker.js'
import { ndjsonFileSource } from './ndjson.js'
import { scanTranscriptBytes } from './transcript-scan.js'

/** Below these counts, starting workers (each loads its bundle) costs more than it saves. */
export const MIN_TRANSCRIPTS_TO_SCAN_ON_WORKERS = 1000
export const MIN_TRANSCRIPTS_TO_READ_ON_WORKERS = 100
const SCAN_BATCH = 100
const READ_BATCH = 5
/**
 * This thread takes smaller batches: its reads are synchronous, and a worker's finished batch waits
 * until this thread is back in the event loop.
 */
const LOCAL_SHARE = 5
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 192 }

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

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

interface PoolOptions {
  script?: URL
  cores?: number
}

interface PoolJob<T> {
  paths: readonly string[]
  /** Fewer paths than this are left to in-process work. */
  minimum: number
  batchSize: number
  task: (paths: string[]) => AuditWorkerTask
  /** The same work on this thread, which then takes a share too; undefined leaves it all to workers. */
  local: ((path: string) => Promise<T>) | undefined
  onProgress?: ((done: number) => void) | undefined
}

/** Runs a job over worker threads (and this one), results in the order of the paths; undefined: not worth it. */
async function runOnWorkers<T>(root: string, options: PoolOptions, job: PoolJob<T>): Promise<T[] | undefined> {
  const { paths, minimum, batchSize, task, local, onProgress } = job
  const script = options.script ?? workerScript()
  const cores = options.cores ?? coreCount()
  if (!script || paths.length < minimum || cores < 2) return undefined

  const results = new Array<T>(paths.length)
  let next = 0
  let done = 0
  const take = (size: number): [number, number] | undefined => {
    if (next >= paths.length) return undefined
    const range: [number, number] = [next, Math.min(next + size, paths.length)]
    next = range[1]
    return range
  }
  const store = (start: number, batch: readonly T[]): void => {
    batch.forEach((result, i) => (results[start + i] = result))
    done += batch.length
    onProgress?.(done)
  }

  const workers = Array.from({ length: Math.min(local ? cores - 1 : cores, Math.ceil(paths.length / batchSize)) }, () => new Worker(script, { workerData: { root } satisfies AuditWorkerSetup, resourceLimits: WORKER_LIMITS }))
  const onWorker = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      let range: [number, number] | undefined
      const feed = (): void => {
        range = take(batchSize)
        if (range === undefined) resolve()
        else worker.postMessage(task(paths.slice(range[0], range[1])))
      }
      worker.on('message', (batch: T[]) => {
        if (range) store(range[0], batch)
        feed()
      })
      worker.once('error', reject)
      worker.once('exit', (code) => (range === undefined ? resolve() : reject(new Error(`audit worker exited with code ${code}`))))
      feed()
    })
  const onThisThread = async (): Promise<void> => {
    if (local === undefined) return
    for (let range = take(Math.max(1, Math.floor(batchSize / LOCAL_SHARE))); range !== undefined; range = take(Math.max(1, Math.floor(batchSize / LOCAL_SHARE)))) {
      const batch: T[] = []
      for (const path of paths.slice(range[0], range[1])) batch.push(await local(path))
      store(range[0], batch)
      await nextTurn()
    }
  }
  try {
    await Promise.all([...workers.map(onWorker), onThisThread()])
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
  return results
}

export function auditWorkerPool(root: string, options: PoolOptions = {}): AuditWorkerPool {
  const source = (path: string) => ndjsonFileSource(join(root, path))

  return {
    scan(request, onProgress) {
      const flagged = request.flagged
      const scanOptions = { fields: request.fields, maxLineBytes: request.maxLineBytes, period: request.period, ...(flagged !== undefined && { flagged }) }
      return runOnWorkers<ScanResult>(root, options, {
        paths: request.paths,
        minimum: MIN_TRANSCRIPTS_TO_SCAN_ON_WORKERS,
        batchSize: SCAN_BATCH,
        task: (paths) => ({
          kind: 'scan',
          paths,
          fields: request.fields,
          maxLineBytes: request.maxLineBytes,
          period: request.period,
          ...(flagged !== undefined && { flagged: { source: flagged.source, flags: flagged.flags } })
        }),
        local: (path) => scanTranscriptBytes(source(path), { ...scanOptions, path }),
        onProgress
      })
    },
    // Parsing every event makes garbage; on this thread, which keeps every result, it would grow the heap
    // that has to hold the report. So reading is left to the workers, whose heaps are capped.
    read(request, onProgress) {
      return runOnWorkers<SampledRead>(root, options, {
        paths: request.paths,
        minimum: MIN_TRANSCRIPTS_TO_READ_ON_WORKERS,
        batchSize: READ_BATCH,
        task: (paths) => ({ kind: 'read', paths, fields: request.fields, maxLineBytes: request.maxLineBytes, rules: request.rules }),
        local: undefined,
        onProgress
      })
    }
  }
}
