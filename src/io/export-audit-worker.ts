// Entry of each export worker thread (bundled as dist/export-audit-worker.js). It turns the audit files the
// pool (src/io/export-audit-pool.ts) gives it into rows, encoded in the warehouse's load format, and posts
// them a part at a time: the same parts, in the same order, that the export makes on its own thread. It
// posts a part only while it holds a credit, so that parts never pile up faster than the export sends them.
import { join } from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import type { AuditDimension } from '../config/types.js'
import { AUDIT_RECORDS_PER_PART, auditRowMaker, type RowProblem } from '../export/rows.js'
import type { RowEncoding } from '../export/warehouse.js'
import { errorMessage } from '../util/error-message.js'
import { auditLinesOf } from './export-audit-lines.js'
import { encodeRows } from './row-encoding.js'

export interface ExportAuditWorkerSetup {
  root: string
  repository: string
  dimensions: AuditDimension[]
  encoding: RowEncoding
  columns: string[]
  /** Parts it may post before the first credit comes back. */
  credits: number
}

export type ExportAuditWorkerRequest = { kind: 'file'; id: number; path: string } | { kind: 'credit' }

export type ExportAuditWorkerReply =
  | { kind: 'part'; id: number; problems: RowProblem[]; texts: string[]; recordIds?: string[]; longest: number }
  | { kind: 'done'; id: number }
  | { kind: 'failed'; id: number; message: string }

const setup = workerData as ExportAuditWorkerSetup
let credits = setup.credits
const files: Array<{ id: number; path: string }> = []
let wake: (() => void) | undefined

parentPort?.on('message', (request: ExportAuditWorkerRequest) => {
  if (request.kind === 'credit') credits++
  else files.push({ id: request.id, path: request.path })
  wake?.()
  wake = undefined
})

const nextMessage = () => new Promise<void>((resolve) => (wake = resolve))

async function post(reply: ExportAuditWorkerReply): Promise<void> {
  while (credits === 0) await nextMessage()
  credits--
  parentPort?.postMessage(reply)
}

async function exportFile(id: number, path: string): Promise<void> {
  const make = auditRowMaker(setup.repository, path, setup.dimensions)
  for await (const lines of auditLinesOf(join(setup.root, path))) {
    for (let i = 0; i < lines.length; i += AUDIT_RECORDS_PER_PART) {
      const made = make(lines.slice(i, i + AUDIT_RECORDS_PER_PART))
      const encoded = encodeRows(setup.encoding, setup.columns, made.rows)
      await post({ kind: 'part', id, problems: made.problems, ...encoded })
    }
  }
}

async function serve(): Promise<never> {
  for (;;) {
    const file = files.shift()
    if (file === undefined) {
      await nextMessage()
      continue
    }
    try {
      await exportFile(file.id, file.path)
      parentPort?.postMessage({ kind: 'done', id: file.id } satisfies ExportAuditWorkerReply)
    } catch (error) {
      parentPort?.postMessage({ kind: 'failed', id: file.id, message: errorMessage(error) } satisfies ExportAuditWorkerReply)
    }
  }
}

void serve()
