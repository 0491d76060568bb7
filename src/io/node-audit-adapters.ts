// The audit mode's adapters on the real file system (below the repository root) and the real clock.

import { appendFile, mkdir, open, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { ChatComplete } from '../audit/llm-scorer.js'
import type { AuditAdapters, AuditProgress } from '../modes/audit-types.js'
import { auditWorkerPool } from './audit-worker-pool.js'
import { lockFile } from './file-lock.js'
import { ndjsonFileSource } from './ndjson.js'
import { nodeRepoFiles } from './node-files.js'
import { transcriptLines } from './transcript-lines.js'
import { scanTranscriptBytes } from './transcript-scan.js'

export interface NodeAuditOptions {
  chat?: ChatComplete
  now?: () => Date
  onProgress?: (progress: AuditProgress) => void
}

async function endsWithLineBreak(file: string): Promise<boolean> {
  let handle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true
    throw error
  }
  try {
    const { size } = await handle.stat()
    if (size === 0) return true
    const last = Buffer.alloc(1)
    await handle.read(last, 0, 1, size - 1)
    return last[0] === 0x0a
  } finally {
    await handle.close()
  }
}

export function createNodeAuditAdapters(root: string, options: NodeAuditOptions = {}): AuditAdapters {
  const files = nodeRepoFiles(root)
  const workers = auditWorkerPool(root)
  const adapters: AuditAdapters = {
    glob: (patterns) => files.glob(patterns),
    scan: (path, options) => scanTranscriptBytes(ndjsonFileSource(join(root, path)), { ...options, path }),
    lines: (path, maxLineBytes) => transcriptLines(ndjsonFileSource(join(root, path)), maxLineBytes),
    exists: (path) => files.exists(path),
    async readText(path) {
      try {
        return await readFile(join(root, path), 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
    },
    async writeText(path, text) {
      const file = join(root, path)
      await mkdir(dirname(file), { recursive: true })
      await writeFile(file, text)
    },
    async appendText(path, text) {
      const file = join(root, path)
      await mkdir(dirname(file), { recursive: true })
      // A line cut short by an earlier crash must not swallow the first new record.
      const prefix = (await endsWithLineBreak(file)) ? '' : '\n'
      await appendFile(file, prefix + text)
    },
    lock: (path) => lockFile(join(root, path)),
    now: options.now ?? (() => new Date()),
    scanMany: (request, onProgress) => workers.scan(request, onProgress),
    readMany: (request, onProgress) => workers.read(request, onProgress)
  }
  if (options.chat) adapters.chat = options.chat
  if (options.onProgress) adapters.onProgress = options.onProgress
  return adapters
}
