import { createHash } from 'node:crypto'
import type { LintConfig } from '../config/types.js'
import { BUILD_ID } from '../version.js'
import type { FileLintResult } from './lint-file.js'

const CACHE_FORMAT = 1

interface CacheEntry {
  hash: string
  result: FileLintResult
}

interface CacheData {
  format: number
  key: string
  entries: Record<string, CacheEntry>
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * A cached result is only as good as what produced it: the code, the settings that change findings,
 * and today's date (PM003 rejects dates in the future). Any change gives a new key and an empty cache.
 */
export function cacheKey(config: LintConfig, today: string): string {
  const { cache: _cache, cacheDir: _dir, concurrency: _concurrency, ...relevant } = config
  return createHash('sha256').update(JSON.stringify({ CACHE_FORMAT, BUILD_ID, relevant, today })).digest('hex')
}

/** Per-file lint results keyed by path and content hash. */
export class LintCache {
  private readonly entries: Record<string, CacheEntry>
  private changed = false

  private constructor(
    private readonly key: string,
    entries: Record<string, CacheEntry>
  ) {
    this.entries = entries
  }

  /** Restores a cache from stored data; anything unreadable or made under another key starts empty. */
  static restore(data: unknown, key: string): LintCache {
    const stored = data as Partial<CacheData> | undefined
    const valid = stored && stored.format === CACHE_FORMAT && stored.key === key && typeof stored.entries === 'object' && stored.entries
    return new LintCache(key, valid ? (stored.entries as Record<string, CacheEntry>) : Object.create(null))
  }

  /** The cached result for this content, if the paths it probed still answer the same. */
  get(path: string, hash: string, pathExists: (p: string) => boolean): FileLintResult | undefined {
    const entry = this.entries[path]
    if (!entry || entry.hash !== hash) return undefined
    for (const [probed, existed] of Object.entries(entry.result.probes)) {
      if (pathExists(probed) !== existed) return undefined
    }
    return entry.result
  }

  set(path: string, hash: string, result: FileLintResult): void {
    this.entries[path] = { hash, result }
    this.changed = true
  }

  /** Drops entries for files that were not part of this run, so the cache does not grow forever. */
  retainOnly(paths: ReadonlySet<string>): void {
    for (const path of Object.keys(this.entries)) {
      if (!paths.has(path)) {
        delete this.entries[path]
        this.changed = true
      }
    }
  }

  get dirty(): boolean {
    return this.changed
  }

  toJSON(): CacheData {
    return { format: CACHE_FORMAT, key: this.key, entries: this.entries }
  }
}
