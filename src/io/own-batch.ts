// A warehouse takes back only the batches it made: each keeps rows in its own load format.

/** The batch a warehouse was given, or a failure saying this is a bug: each warehouse fills its own kind. */
export function ownBatch<T>(batch: unknown, kind: abstract new (...args: never[]) => T, warehouse: string): T {
  if (batch instanceof kind) return batch
  throw new Error(`this is a bug: the ${warehouse} warehouse was given a batch made by another warehouse`)
}
