// Writes this run's bypass record for the workflow to keep (upload or commit), once per bypass: the
// gate runs on every push and re-run, and the monthly review must count a bypass once.
//
// The record never goes into the workspace: on pull_request and workflow_run the workspace is the pull
// request's head, and a committed `reliability/bypass-log.ndjson` (or `reliability/`) may be a link to
// any file the runner can read, which the upload step would then publish. It goes under RUNNER_TEMP,
// opened without following links. The repository's log in the workspace is only read, to skip a bypass
// already recorded, and only when it is a regular file inside the workspace.

import { constants } from 'node:fs'
import { lstat, mkdir, open, realpath } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import type { BypassRecord } from '../gates/bypass.js'
import { isInsideRepo } from '../util/repo-path.js'

/** The record's place below RUNNER_TEMP; the shipped workflow uploads it from there. */
export const BYPASS_RECORD_PATH = 'reliability-loop/bypass-log.ndjson'

/** A committed log larger than this is not read for duplicates (a log of bypasses stays far below). */
const MAX_LOG_BYTES = 16 * 1024 * 1024

export interface BypassRecordTarget {
  /** RUNNER_TEMP. */
  tempDir: string
  /** The workspace (the checkout). */
  workspace: string
  /** `gate.bypass.log`: the repository's log, relative to the workspace, read to skip duplicates. */
  repositoryLog: string
}

export interface BypassRecordOutcome {
  outcome: 'written' | 'already-logged'
  /** Where the record was written (absolute). */
  file: string
  /** Why the repository's log was not read, when it was not. */
  skippedLog?: string
}

/** The same bypass: the same label event on the same commit (or, without an event id, the same PR, commit and actor). */
function sameBypass(a: Partial<BypassRecord>, b: BypassRecord): boolean {
  if (a.pull_request !== b.pull_request || a.head_sha !== b.head_sha || a.repository !== b.repository) return false
  return b.label_event_id !== undefined ? a.label_event_id === b.label_event_id : a.actor === b.actor
}

function alreadyIn(text: string, record: BypassRecord): boolean {
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      if (sameBypass(JSON.parse(line) as Partial<BypassRecord>, record)) return true
    } catch {
      // A line someone broke by hand is not ours to judge.
    }
  }
  return false
}

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException).code

/**
 * The repository's log as committed, or why it was not read: a link (at the file or any folder above it
 * in the workspace) or something other than a regular file is refused, never followed.
 */
export async function readRepositoryLog(workspace: string, log: string): Promise<{ text: string } | { skipped: string } | undefined> {
  if (!isInsideRepo(log)) return { skipped: `${log} is not a path inside the repository` }
  const file = join(workspace, log)
  let root: string
  let folder: string
  try {
    root = await realpath(workspace)
    folder = await realpath(dirname(file))
  } catch (error) {
    if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return undefined
    throw error
  }
  // The folder resolved through no link: its real path is the workspace's plus the same relative part.
  if (folder !== join(root, dirname(log))) return { skipped: `${dirname(log)} is a symbolic link (or lies below one); it was not read` }
  let handle
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  } catch (error) {
    const code = errnoOf(error)
    if (code === 'ENOENT') return undefined
    if (code === 'ELOOP' || code === 'EMLINK') return { skipped: `${log} is a symbolic link; it was not read` }
    throw error
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) return { skipped: `${log} is not a regular file; it was not read` }
    if (info.size > MAX_LOG_BYTES) return { skipped: `${log} is larger than ${MAX_LOG_BYTES} bytes; it was not read` }
    return { text: await handle.readFile('utf8') }
  } finally {
    await handle.close()
  }
}

/** Appends the record to RUNNER_TEMP's log unless the repository's log already has it. */
export async function writeBypassRecord(target: BypassRecordTarget, record: BypassRecord): Promise<BypassRecordOutcome> {
  const file = join(target.tempDir, BYPASS_RECORD_PATH)
  const committed = await readRepositoryLog(target.workspace, target.repositoryLog)
  const skippedLog = committed !== undefined && 'skipped' in committed ? committed.skipped : undefined
  if (committed !== undefined && 'text' in committed && alreadyIn(committed.text, record)) return { outcome: 'already-logged', file }

  const folder = dirname(file)
  await mkdir(folder, { recursive: true })
  const info = await lstat(folder)
  if (!info.isDirectory()) throw new Error(`${relative(target.tempDir, folder)} under RUNNER_TEMP is not a folder (a link?); the record was not written`)
  const handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600)
  try {
    await handle.writeFile(`${JSON.stringify(record)}\n`, 'utf8')
  } finally {
    await handle.close()
  }
  return { outcome: 'written', file, ...(skippedLog !== undefined && { skippedLog }) }
}
