// The review mode's adapters on the real file system below the repository root, git for the sources'
// commits, and the lint mode for postmortem lint status.

import { closeSync, openSync } from 'node:fs'
import { join, sep } from 'node:path'
import type { Config } from '../config/types.js'
import { runLint } from '../modes/lint.js'
import type { ReviewAdapters } from '../modes/review.js'
import type { PostmortemLint } from '../review/backlog.js'
import type { IncidentEnds } from '../review/incidents.js'
import { runGit } from './git.js'
import { lastCommitTimes } from './git-commit-times.js'
import { ndjsonFileSource, type NdjsonRecord } from './ndjson.js'
import { ForwardLines } from './ndjson-head.js'
import { BackwardLines, FIRST_TAIL_BYTES, lastRecordOf } from './ndjson-tail.js'
import { streamEntriesFromRedis } from './redis-stream.js'
import { createNodeLintAdapters } from './node-adapters.js'
import { nodeRepoFiles } from './node-files.js'

/** Lines read from the start looking for the first record, before giving up on it. */
const HEAD_LINES = 16
const SCAN_CHUNK_BYTES = 16 * 1024

// One buffer for every file's last few kilobytes: readIncidentEnds is synchronous from open to close.
const tailScratch = Buffer.allocUnsafe(FIRST_TAIL_BYTES)

/**
 * Last record from the end, then (when `firstNeeded` says the last record does not carry all it would give)
 * the first record from the start, a few lines at most; one descriptor, synchronous from open to close.
 */
export function readIncidentEnds(absPath: string, path: string, firstNeeded: (last: unknown) => boolean = () => true): IncidentEnds {
  const fd = openSync(absPath, 'r')
  try {
    return incidentEndsOf(fd, path, firstNeeded)
  } finally {
    closeSync(fd)
  }
}

/** readIncidentEnds on a file already open (reads are positioned: the descriptor's offset is not used). */
export function incidentEndsOf(fd: number, path: string, firstNeeded: (last: unknown) => boolean = () => true): IncidentEnds {
  const tail = lastRecordOf(new BackwardLines(fd, { firstReadBuffer: tailScratch }))
  const ends: IncidentEnds = { path, size: tail.size, problems: [] }
  if (tail.size === 0) return ends
  for (const p of tail.problems) ends.problems.push({ message: p.fromEnd === 1 ? `last line: ${p.problem}` : `line ${p.fromEnd} from the end: ${p.problem}` })
  if (tail.record === undefined) return ends
  ends.last = { value: tail.record.value }
  if (!firstNeeded(tail.record.value)) {
    ends.firstNotNeeded = true
    return ends
  }
  // Synchronous from here to the end: the head reader's shared buffer is not touched by anyone else.
  const head = new ForwardLines(fd)
  for (let r = head.next(); r !== undefined; r = head.next()) {
    if (r.value !== undefined) {
      ends.first = { value: r.value, line: r.line }
      break
    }
    // Lines before the first record; the tail reported those after the last one.
    ends.problems.push({ line: r.line, message: r.problem ?? 'unreadable line' })
    if (r.line >= HEAD_LINES || r.fatal) break
  }
  return ends
}

/** Records from the first line on, parsed one at a time as they are asked for. */
async function* recordsFromStart(absPath: string): AsyncGenerator<NdjsonRecord> {
  const fd = openSync(absPath, 'r')
  try {
    yield* recordsFromStartOf(fd)
  } finally {
    closeSync(fd)
  }
}

/** recordsFromStart on a file already open. */
export async function* recordsFromStartOf(fd: number): AsyncGenerator<NdjsonRecord> {
  // A buffer of its own: the consumer awaits between records, and other readers run meanwhile.
  const lines = new ForwardLines(fd, undefined, Buffer.allocUnsafe(SCAN_CHUNK_BYTES))
  for (let line = lines.next(); line !== undefined; line = lines.next()) yield line
}

/** Records from the last line backwards; the file stays open only while they are being read. */
async function* recordsFromEnd(absPath: string): AsyncGenerator<{ value?: unknown }> {
  const fd = openSync(absPath, 'r')
  try {
    yield* recordsFromEndOf(fd)
  } finally {
    closeSync(fd)
  }
}

/** recordsFromEnd on a file already open. */
export async function* recordsFromEndOf(fd: number): AsyncGenerator<{ value?: unknown }> {
  const lines = new BackwardLines(fd)
  for (let line = lines.next(); line !== undefined; line = lines.next()) yield line
}

async function lintStatus(config: Config, paths: readonly string[]): Promise<ReadonlyMap<string, PostmortemLint>> {
  // Without the lint cache: a review only reads, and leaves no cache directory behind in the workspace.
  const uncached: Config = { ...config, lint: { ...config.lint, cache: false } }
  const result = await runLint(uncached, { paths }, createNodeLintAdapters(uncached))
  const out = new Map<string, PostmortemLint>(paths.map((p) => [p, { errors: 0, warnings: 0 }]))
  for (const f of result.findings) {
    const entry = out.get(f.path)
    if (entry === undefined) continue
    if (f.severity === 'error') entry.errors++
    else if (f.severity === 'warning') entry.warnings++
  }
  return out
}

async function lastCommit(root: string, locations: readonly string[]): Promise<string | undefined> {
  try {
    const out = await runGit(root, ['log', '-1', '--format=%H', '--', ...locations.map((l) => `:(glob)${l}`)])
    return out.toString('utf8').trim() || undefined
  } catch {
    return undefined
  }
}

export interface NodeReviewOptions {
  /** REDIS_URL, read by the entry; needed only for `incidents.source: redis`. */
  redisUrl?: string
}

export function createNodeReviewAdapters(config: Config, options: NodeReviewOptions = {}): ReviewAdapters {
  const root = config.root
  const files = nodeRepoFiles(root)
  const rootPrefix = root.endsWith(sep) ? root : `${root}${sep}`
  const { redisUrl } = options
  return {
    files,
    // `root/path` joined by hand: the paths come from the glob, already normal, and join() normalising
    // ten thousand of them is a measurable share of the review (bench/review.mjs).
    incidentEnds: (path, firstNeeded) => readIncidentEnds(`${rootPrefix}${path}`, path, firstNeeded),
    openNdjson: (path) => ndjsonFileSource(join(root, path)),
    recordsFromStart: (path) => recordsFromStart(join(root, path)),
    recordsFromEnd: (path) => recordsFromEnd(join(root, path)),
    lint: (paths) => lintStatus(config, paths),
    commitOf: (locations) => lastCommit(root, locations),
    lastCommitTimes: (paths) => lastCommitTimes(root, paths),
    ...(redisUrl !== undefined && redisUrl !== '' && { streamEntries: (key: string, start: string, end: string) => streamEntriesFromRedis(redisUrl, key, start, end) })
  }
}
