// XRANGE over a Redis stream, every page, through the maintained `redis` client (node-redis), bundled into
// dist/ so the Action and the CLI need nothing installed. The connection URL (REDIS_URL) is read by the
// entries (CLI, Action) and passed in; it may carry a password, so no message built here repeats it.

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

/** How long a connection may take, and a connected server may stay silent, before the read is given up. */
export const REDIS_TIMEOUT_MS = 10_000

/**
 * node-redis without reconnects: a review reads once, and a server that is down, or accepts the connection
 * and never answers, should end the read (as a Data quality note) instead of holding the run.
 */
export async function createRedisClient(url: string, timeoutMs = REDIS_TIMEOUT_MS): Promise<StreamClient> {
  // Loaded when a stream is read: most reviews read files, and the client is a large part of the start-up.
  const redis = await import('redis')
  // node-redis is CommonJS: a bundle split into chunks may hand it over as the default export only.
  const createClient = redis.createClient ?? (redis as unknown as { default: typeof redis }).default.createClient
  return createClient({ url, socket: { connectTimeout: timeoutMs, socketTimeout: timeoutMs, reconnectStrategy: false } })
}

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

/** The message without the URL or its password, which a client or URL parser might repeat. */
export function withoutSecrets(message: string, url: string): string {
  const secrets = [url]
  try {
    const { password } = new URL(url)
    secrets.push(password)
    secrets.push(decodeURIComponent(password))
  } catch {
    // Not a URL, or a password that is not valid percent-encoding: what was found so far is masked.
  }
  return secrets.filter((s) => s.length > 0).reduce((text, secret) => text.split(secret).join('***'), message)
}

/** What went wrong, in one line. Duck-typed: errors from Node's internals may come from another realm. */
function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error)
  const { message, code, errors } = error as { message?: unknown; code?: unknown; errors?: unknown }
  if (typeof message === 'string' && message !== '') return message
  // Node's happy-eyeballs connect fails with an AggregateError without a message: its attempts say why.
  if (Array.isArray(errors) && errors.length > 0) return [...new Set(errors.map(describe))].join('; ')
  return typeof code === 'string' ? code : String(error)
}

/** Connects, reads the range, and always disconnects; errors say what failed without the URL's secrets. */
export async function streamEntriesFromRedis(url: string, key: string, start: string, end: string, create: CreateStreamClient = createRedisClient): Promise<StreamEntry[]> {
  let failure: unknown
  let client: StreamClient | undefined
  try {
    if (!URL.canParse(url) || !['redis:', 'rediss:'].includes(new URL(url).protocol)) throw new Error('REDIS_URL is not a redis:// or rediss:// URL')
    client = await create(url)
    client.on?.('error', (error) => {
      failure ??= error
    })
    await client.connect()
    return await readStreamRange(client, key, start, end)
  } catch (error) {
    throw new Error(withoutSecrets(describe(failure ?? error), url))
  } finally {
    await Promise.resolve(client && (client.close ?? client.quit)?.call(client)).catch(() => {})
  }
}
