// A transcript's bytes as the parsed lines src/audit/read-transcript.ts reads, hashed (SHA-256) as they
// stream past, so the content hash costs no second read.

import { createHash } from 'node:crypto'
import type { TranscriptLines } from '../audit/read-transcript.js'
import { readNdjsonBatches, type ByteSource } from './ndjson.js'

async function* hashed(source: ByteSource, hash: ReturnType<typeof createHash>): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    // Before yielding: the source may reuse the chunk's memory once the next one is pulled.
    hash.update(chunk)
    yield chunk
  }
}

export function transcriptLines(source: ByteSource, maxLineBytes: number): TranscriptLines {
  const hash = createHash('sha256')
  let digest: string | undefined
  return {
    batches: readNdjsonBatches(hashed(source, hash), { maxLineBytes }),
    sha256: () => (digest ??= hash.digest('hex'))
  }
}
