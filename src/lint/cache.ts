import { createHash } from 'node:crypto'
import type { LintConfig } from '../config/types.js'
import { BUILD_ID } from '../version.js'
import type { FileStat } from './adapters.js'
import type { FileLintResult } from './lint-file.js'

const CACHE_FORMAT = 2

/**
 * A write within this long of the moment a file was hashed may leave its metadata unchanged (some file
 * systems keep mtime to 1 or 2 s): such an entry is "racy" and is hashed again rather than trusted, as
 * git does with its index.
 */
export const RACY_WINDOW_MS = 2000

interface CacheEntry {
  hash: string
  result: FileLintResult
  /** The file's metadata, taken before it was read and hashed. */
  stat?: FileStat
  /** When the run that hashed it started (ms since the epoch). */
  hashedAt?: number
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

function sameStat(a: FileStat, b: FileStat): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino
}

function probesHold(result: FileLintResult, pathExists: (p: string) => boolean): boolean {
  for (const [probed, existed] of Object.entries(result.probes)) {
    if (pathExists(probed) !== existed) return false
  }
  return true
}

/**
 * Per-file lint results keyed by path and content hash. A file whose size, mtime, ctime and inode are
 * those it had when it was hashed is answered without reading it (ESLint's `--cache-strategy metadata`),
 * unless it was written too close to that moment to be sure (RACY_WINDOW_MS); any other file is read and
 * its hash compared.
 */
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

  /** The cached result for a file whose metadata has not changed since it was hashed, without reading it. */
  getByStat(path: string, stat: FileStat, pathExists: (p: string) => boolean): FileLintResult | undefined {
    const entry = this.entries[path]
    if (!entry?.stat || entry.hashedAt === undefined || !sameStat(entry.stat, stat)) return undefined
    if (Math.max(stat.mtimeMs, stat.ctimeMs) > entry.hashedAt - RACY_WINDOW_MS) return undefined
    return probesHold(entry.result, pathExists) ? entry.result : undefined
  }

  /**
   * The cached result for this content, if the paths it probed still answer the same. Given the metadata
   * taken before the read, a hit records it, so that the next run can skip the read.
   */
  get(path: string, hash: string, pathExists: (p: string) => boolean, stat?: FileStat, hashedAt?: number): FileLintResult | undefined {
    const entry = this.entries[path]
    if (!entry || entry.hash !== hash || !probesHold(entry.result, pathExists)) return undefined
    if (stat && hashedAt !== undefined && (!entry.stat || !sameStat(entry.stat, stat) || entry.hashedAt !== hashedAt)) {
      this.entries[path] = { ...entry, stat, hashedAt }
      this.changed = true
    }
    return entry.result
  }

  set(path: string, hash: string, result: FileLintResult, stat?: FileStat, hashedAt?: number): void {
    this.entries[path] = stat && hashedAt !== undefined ? { hash, result, stat, hashedAt } : { hash, result }
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
