// The export mode's view of the repository on the real file system: the review's incident readers, the
// NDJSON reader, and a streamed SHA-256 of each file for the fingerprints.

import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Config } from '../config/types.js'
import type { ExportAdapters } from '../modes/export.js'
import { ndjsonFileSource, readNdjson } from './ndjson.js'
import { createNodeReviewAdapters } from './node-review-adapters.js'

/** Files up to this size are read whole; larger ones streamed (a 1 MiB stream buffer per small file was most of a re-run's time). */
const READ_WHOLE_BYTES = 4 << 20

async function sha256File(absPath: string): Promise<string> {
  const hash = createHash('sha256')
  if ((await stat(absPath)).size <= READ_WHOLE_BYTES) return hash.update(await readFile(absPath)).digest('hex')
  for await (const chunk of createReadStream(absPath, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

export function createNodeExportAdapters(config: Config): ExportAdapters {
  const review = createNodeReviewAdapters(config)
  const root = config.root
  return {
    files: review.files,
    hashFile: (path) => sha256File(join(root, path)),
    async *ndjsonLines(path) {
      for await (const r of readNdjson(ndjsonFileSource(join(root, path)))) yield r.value === undefined ? { line: r.line, problem: r.problem ?? 'unreadable line' } : { line: r.line, value: r.value }
    },
    incidentEnds: review.incidentEnds,
    recordsFromStart: review.recordsFromStart,
    recordsFromEnd: review.recordsFromEnd
  }
}
