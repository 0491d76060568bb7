// The runs of rows the export puts in its batches, made on this thread (row objects) or on others (already
// in the warehouse's format), and the other tables' rows made ahead while other threads make the audit rows.

import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { RowProblem, SourceRows } from '../export/rows.js'
import { sliceEncoded, type RowBatch } from '../export/warehouse.js'
import type { Source } from './export-sources.js'
import type { EncodedAuditPart } from './export-types.js'

/** How long row making runs before it lets the warehouse's replies in. */
const YIELD_EVERY_MS = 5

/**
 * Files are read synchronously, so without turns of the event loop the warehouse's replies to the batch
 * being sent would wait, unheard, until the next batch is full. Every few milliseconds, not every part: a
 * turn per incident file was a third of the incidents' time.
 */
export class EventLoopTurns {
  private last = performance.now()

  async take(): Promise<void> {
    if (performance.now() - this.last < YIELD_EVERY_MS) return
    await yieldToEventLoop()
    this.last = performance.now()
  }
}

/** A run of a file's rows, made here (row objects) or elsewhere (already encoded). */
export interface Part {
  problems: readonly RowProblem[]
  count: number
  addTo(batch: RowBatch, start: number, end: number): void
}

const madePart = (made: SourceRows): Part => ({
  problems: made.problems,
  count: made.rows.length,
  addTo: (batch, start, end) => batch.add(start === 0 && end === made.rows.length ? made.rows : made.rows.slice(start, end))
})

const encodedPart = (made: EncodedAuditPart): Part => ({
  problems: made.problems,
  count: made.encoded.texts.length,
  addTo: (batch, start, end) => batch.addEncoded(sliceEncoded(made.encoded, start, end))
})

/**
 * Each source's parts, made one source after another in the background, yielding to the event loop every
 * few milliseconds; a failure is thrown where its source's parts are awaited.
 */
export function prefetchParts(sources: readonly Source[]): Map<Source, Promise<Part[]>> {
  const settle = new Map<Source, { resolve: (parts: Part[]) => void; reject: (error: unknown) => void }>()
  const out = new Map<Source, Promise<Part[]>>()
  for (const source of sources) {
    const promise = new Promise<Part[]>((resolve, reject) => settle.set(source, { resolve, reject }))
    promise.catch(() => undefined)
    out.set(source, promise)
  }
  void (async () => {
    const turns = new EventLoopTurns()
    for (const source of sources) {
      const { resolve, reject } = settle.get(source)!
      try {
        const parts: Part[] = []
        for await (const made of source.rows()) parts.push(madePart(made))
        resolve(parts)
      } catch (error) {
        reject(error)
      }
      await turns.take()
    }
  })()
  return out
}

export async function* partsOf(made: AsyncIterable<SourceRows>): AsyncIterable<Part> {
  for await (const rows of made) yield madePart(rows)
}

export async function* encodedPartsOf(made: AsyncIterable<EncodedAuditPart>): AsyncIterable<Part> {
  for await (const encoded of made) yield encodedPart(encoded)
}
