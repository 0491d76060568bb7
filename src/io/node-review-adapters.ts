// The review mode's adapters on the real file system below the repository root, git for the sources'
// commits, and the lint mode for postmortem lint status.

import { join } from 'node:path'
import type { Config } from '../config/types.js'
import { runLint } from '../modes/lint.js'
import type { ReviewAdapters } from '../modes/review.js'
import type { PostmortemLint } from '../review/backlog.js'
import type { IncidentEnds } from '../review/incidents.js'
import { runGit } from './git.js'
import { ndjsonFileSource, readNdjson } from './ndjson.js'
import { readLastNdjsonRecord } from './ndjson-tail.js'
import { createNodeLintAdapters } from './node-adapters.js'
import { nodeRepoFiles } from './node-files.js'

/** Lines read from the start looking for the first record, before giving up on it. */
const HEAD_LINES = 16

/** First record from the start (a few lines at most), last record from the end. */
export async function readIncidentEnds(absPath: string, path: string): Promise<IncidentEnds> {
  const tail = await readLastNdjsonRecord(absPath)
  const ends: IncidentEnds = { path, size: tail.size, problems: [] }
  if (tail.size === 0) return ends
  for (const p of tail.problems) ends.problems.push({ message: p.fromEnd === 1 ? `last line: ${p.problem}` : `line ${p.fromEnd} from the end: ${p.problem}` })
  if (tail.record === undefined) return ends
  ends.last = { value: tail.record.value }
  let seen = 0
  for await (const r of readNdjson(ndjsonFileSource(absPath, { chunkBytes: 64 * 1024 }))) {
    if (r.value !== undefined) {
      ends.first = { value: r.value, line: r.line }
      break
    }
    // Lines before the first record; the tail reported those after the last one.
    ends.problems.push({ line: r.line, message: r.problem ?? 'unreadable line' })
    if (++seen >= HEAD_LINES) break
  }
  return ends
}

async function lintStatus(config: Config, paths: readonly string[]): Promise<ReadonlyMap<string, PostmortemLint>> {
  const result = await runLint(config, { paths }, createNodeLintAdapters(config))
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

export function createNodeReviewAdapters(config: Config): ReviewAdapters {
  const root = config.root
  const files = nodeRepoFiles(root)
  return {
    files,
    incidentEnds: (path) => readIncidentEnds(join(root, path), path),
    openNdjson: (path) => ndjsonFileSource(join(root, path)),
    lint: (paths) => lintStatus(config, paths),
    commitOf: (locations) => lastCommit(root, locations)
  }
}
