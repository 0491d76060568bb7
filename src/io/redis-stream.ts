// XRANGE over a Redis stream, every page, through the maintained `redis` client (node-redis), bundled into
// dist/ so the Action and the CLI need nothing installed. The connection URL (REDIS_URL) is read by the
// entries (CLI, Action) and passed in; it may carry a password, so no message built here repeats it.

import { createClient } from 'redis'
import type { StreamEntry } from '../review/stream-incidents.js'

const PAGE = 1000

/** The part of node-redis's client this reader uses. */
export interface StreamClient {
  connect(): Promise<unknown>
  xRange(key: string, start: string, end: string, options?: { COUNT?: number }): Promise<Array<{ id: string; message: Record<string, string> } | null>>
  close?: () => Promise<unknown>
  quit?: () => Promise<unknown>
  on?: (event: 'error', listener: (error: unknown) => void) => unknown
}

export type CreateStreamClient = (url: string) => Promise<StreamClient>

/** node-redis without reconnects: a review reads once, and a server that is down should fail it fast. */
export const createRedisClient: CreateStreamClient = async (url) => createClient({ url, socket: { connectTimeout: 5000, reconnectStrategy: false } })

/** Every entry with an ID from start to end (inclusive), in stream order, read in pages. */
export async function readStreamRange(client: StreamClient, key: string, start: string, end: string): Promise<StreamEntry[]> {
  const entries: StreamEntry[] = []
  let from = start
  for (;;) {
    const page = await client.xRange(key, from, end, { COUNT: PAGE })
    for (const entry of page) if (entry !== null) entries.push({ id: entry.id, message: entry.message })
    if (page.length < PAGE) return entries
    const last = page[page.length - 1]
    if (last === null || last === undefined) return entries
    // `(` makes the start exclusive (Redis 6.2+): the next page begins after the last entry read.
    from = `(${last.id}`
  }
}

/** Connects, reads the range, and always disconnects. */
export async function streamEntriesFromRedis(url: string, key: string, start: string, end: string, create: CreateStreamClient = createRedisClient): Promise<StreamEntry[]> {
  const client = await create(url)
  let failure: unknown
  client.on?.('error', (error) => {
    failure = error
  })
  await client.connect()
  try {
    return await readStreamRange(client, key, start, end)
  } catch (error) {
    throw failure ?? error
  } finally {
    await (client.close ?? client.quit)?.call(client).catch(() => {})
  }
}
