// The export mode's view of the repository on the real file system: the review's incident readers, the
// NDJSON reader, and a streamed SHA-256 of each file for the fingerprints.

import { createHash, hash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from '../config/types.js'
import type { ExportAdapters } from '../modes/export.js'
import { auditLinesOf } from './export-audit-lines.js'
import { auditPartsOnWorkers } from './export-audit-pool.js'
import { nodeRepoFiles } from './node-files.js'
import { incidentEndsOf, recordsFromEndOf, recordsFromStartOf } from './node-review-adapters.js'

/** Files up to this size are read whole; larger ones streamed, a megabyte at a time. */
const READ_WHOLE_BYTES = 4 << 20

/**
 * SHA-256 of a file. Reads are synchronous: a re-run hashes every file (10,000 incident files in the bench),
 * and a trip through libuv's thread pool per stat, open, read and close was most of its time.
 */
async function sha256File(absPath: string): Promise<string> {
  const fd = openSync(absPath, 'r')
  try {
    const size = fstatSync(fd).size
    if (size <= READ_WHOLE_BYTES) return hash('sha256', readFileSync(fd), 'hex')
    const digest = createHash('sha256')
    const buffer = Buffer.allocUnsafe(1 << 20)
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) digest.update(buffer.subarray(0, read))
    return digest.digest('hex')
  } finally {
    closeSync(fd)
  }
}

export function createNodeExportAdapters(config: Config): ExportAdapters {
  const root = config.root
  return {
    files: nodeRepoFiles(root),
    hashFile: (path) => sha256File(join(root, path)),
    ndjsonLines: (path) => auditLinesOf(join(root, path)),
    auditPartsElsewhere: (paths, setup) => auditPartsOnWorkers(root, paths, setup),
    openIncident(path) {
      const fd = openSync(join(root, path), 'r')
      return {
        ends: (firstNeeded) => incidentEndsOf(fd, path, firstNeeded),
        recordsFromStart: () => recordsFromStartOf(fd),
        recordsFromEnd: () => recordsFromEndOf(fd),
        close: () => closeSync(fd)
      }
    }
  }
}
