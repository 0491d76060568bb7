// The export's audit files made into rows on worker threads (dist/export-audit-worker.js), several files at
// once, their parts handed to the export in file order. Making rows (parsing, the record ids' hashes, the
// checks, the encoding) is most of an export's work, and one thread made it the export's limit while the
// warehouse waited. The parts are those the export makes on its own thread, already in the warehouse's
// load format. A worker posts a part only while it holds a credit, and a credit comes back when the export
// takes one of its parts, so the parts waiting here stay bounded however far the workers are ahead.
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { AuditParts, AuditPartsSetup, EncodedAuditPart } from '../modes/export.js'
import type { ExportAuditWorkerReply, ExportAuditWorkerRequest, ExportAuditWorkerSetup } from './export-audit-worker.js'
import { coreCount } from './lint-worker-pool.js'

/** Parts a worker may be ahead by (a part is a few hundred records' rows: 64 are about 20 MB of text). */
const CREDITS = 64
/** Below this much audit data, starting workers (each loads its bundle) costs more than it saves. */
export const MIN_BYTES_FOR_WORKERS = 8 * 1024 * 1024
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 192 }

export interface AuditPoolOptions {
  script?: URL
  workers?: number
  minBytes?: number
}

/** The worker bundle sits beside the running bundle in dist/; under ts-jest there is none. */
function workerScript(): URL | undefined {
  const url = new URL('./export-audit-worker.js', import.meta.url)
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined
}

interface FileState {
  path: string
  parts: Array<{ part: EncodedAuditPart; worker: Worker }>
  done: boolean
  failed?: string
  wake?: () => void
}

/**
 * The parts of each of `paths` (repository-relative), to be taken in the order of `paths`; undefined when
 * workers are not worth it (one core, little data, or no worker bundle), and the export makes them itself.
 */
export function auditPartsOnWorkers(root: string, paths: readonly string[], setup: AuditPartsSetup, options: AuditPoolOptions = {}): AuditParts | undefined {
  const script = options.script ?? workerScript()
  // One core is left to the export's own thread and the warehouse (DuckDB loads on it): on 2 cores one worker
  // made a million-row export 5% faster, and two made it 8% slower than none.
  const count = Math.min(paths.length, options.workers ?? coreCount() - 1)
  if (script === undefined || count < 1) return undefined
  const bytes = paths.reduce((sum, p) => sum + (statSync(join(root, p), { throwIfNoEntry: false })?.size ?? 0), 0)
  if (bytes < (options.minBytes ?? MIN_BYTES_FOR_WORKERS)) return undefined

  const files = paths.map((path): FileState => ({ path, parts: [], done: false }))
  const byPath = new Map(files.map((f, i) => [f.path, i]))
  let next = 0
  const workers: Worker[] = []
  const wake = (file: FileState) => {
    file.wake?.()
    file.wake = undefined
  }
  const assign = (worker: Worker): void => {
    if (next >= files.length) {
      void worker.terminate()
      return
    }
    const id = next++
    worker.postMessage({ kind: 'file', id, path: files[id]!.path } satisfies ExportAuditWorkerRequest)
  }
  const workerData: ExportAuditWorkerSetup = { root, ...setup, credits: CREDITS }
  for (let i = 0; i < count; i++) {
    const worker = new Worker(script, { workerData, resourceLimits: WORKER_LIMITS })
    // Unreferenced: an export that stops early (a warehouse error) is not kept alive by workers waiting for credits.
    worker.unref()
    worker.on('message', (reply: ExportAuditWorkerReply) => {
      const file = files[reply.id]!
      if (reply.kind === 'part') file.parts.push({ part: { problems: reply.problems, encoded: { texts: reply.texts, ...(reply.recordIds !== undefined && { recordIds: reply.recordIds }), longest: reply.longest } }, worker })
      else {
        if (reply.kind === 'failed') file.failed = reply.message
        file.done = true
        assign(worker)
      }
      wake(file)
    })
    worker.on('error', (error) => {
      // A worker that died (out of memory, a bug) fails the files it may hold; the export stops with the message.
      for (const file of files) if (!file.done) {
        file.failed = `an export worker stopped: ${error.message}`
        file.done = true
        wake(file)
      }
    })
    workers.push(worker)
    assign(worker)
  }

  const partsOf = (path: string): AsyncIterable<EncodedAuditPart> => {
    const index = byPath.get(path)
    if (index === undefined) throw new Error(`this is a bug: ${path} was not given to the export's workers`)
    const file = files[index]!
    return {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const taken = file.parts.shift()
          if (taken !== undefined) {
            taken.worker.postMessage({ kind: 'credit' } satisfies ExportAuditWorkerRequest)
            yield taken.part
            continue
          }
          if (file.failed !== undefined) throw new Error(`reading ${path}: ${file.failed}`)
          if (file.done) return
          await new Promise<void>((resolve) => (file.wake = resolve))
        }
      }
    }
  }
  return {
    partsOf,
    close: () => {
      for (const worker of workers) void worker.terminate()
    }
  }
}
