// The one reader of postmortem files: every mode reads a set of paths through here, with the same bounded
// concurrency and the same account of a file that cannot be read. The reading itself is injected (the
// repository's files, a git base revision, memory in tests): this layer does no I/O of its own.
import pLimit from 'p-limit'
import { errorMessage } from '../util/error-message.js'
import type { Postmortem } from './model.js'
import { DEFAULT_PARSE_OPTIONS, parsePostmortem, type ParseOptions } from './parse.js'

/** A file's content by repository-relative path; rejects when it cannot be read. */
export type ReadContent = (path: string) => Promise<Uint8Array | string>

/** Enough reads in flight to keep the disk busy without holding thousands of open files. */
export const READ_CONCURRENCY = 64

export interface ContentRead {
  path: string
  content: Uint8Array | string
}

export interface ReadFailure {
  path: string
  /** Why the file could not be read, e.g. `no such file or directory, open '…'` (without Node's `ENOENT: ` code). */
  problem: string
}

export interface PostmortemRead {
  path: string
  postmortem: Postmortem
  /** The content as read; only with `keepContent` (sync writes back to the exact bytes). */
  content?: Uint8Array | string
}

export interface ReadOptions {
  /** Reads in flight at once; default READ_CONCURRENCY. */
  concurrency?: number
}

export interface ReadPostmortemOptions extends ReadOptions {
  /** How to parse; default DEFAULT_PARSE_OPTIONS (callers pass `parseOptionsOf(config.lint)`). */
  parse?: ParseOptions
  /** Keep each file's content beside its model; otherwise it is dropped once parsed. */
  keepContent?: boolean
}

export function isReadFailure<T extends { path: string }>(read: T | ReadFailure): read is ReadFailure {
  return 'problem' in read
}

function readProblem(error: unknown): string {
  return errorMessage(error).replace(/^E[A-Z]+: /, '')
}

async function readOne(path: string, read: ReadContent): Promise<ContentRead | ReadFailure> {
  try {
    return { path, content: await read(path) }
  } catch (error) {
    return { path, problem: readProblem(error) }
  }
}

/** Runs `task` for each path with at most `concurrency` in flight; results in the order of the paths. */
function eachPath<T>(paths: readonly string[], concurrency: number | undefined, task: (path: string) => Promise<T>): Promise<T[]> {
  const limit = pLimit(Math.max(1, concurrency ?? READ_CONCURRENCY))
  return Promise.all(paths.map((path) => limit(() => task(path))))
}

/** Reads each path's content, in the order given; a file that cannot be read becomes a ReadFailure, never an exception. */
export function readContents(paths: readonly string[], read: ReadContent, options: ReadOptions = {}): Promise<Array<ContentRead | ReadFailure>> {
  return eachPath(paths, options.concurrency, (path) => readOne(path, read))
}

/**
 * Reads and parses each path, in the order given. Parsing never throws (content problems are in the
 * model's `problems`); only a file that cannot be read at all becomes a ReadFailure.
 */
export function readPostmortems(paths: readonly string[], read: ReadContent, options: ReadPostmortemOptions = {}): Promise<Array<PostmortemRead | ReadFailure>> {
  const parse = options.parse ?? DEFAULT_PARSE_OPTIONS
  return eachPath(paths, options.concurrency, async (path) => {
    const got = await readOne(path, read)
    if (isReadFailure(got)) return got
    // Parsed as each file arrives, so that only the files in flight are held as bytes.
    const postmortem = parsePostmortem(got.content, path, parse)
    return options.keepContent ? { path, postmortem, content: got.content } : { path, postmortem }
  })
}
