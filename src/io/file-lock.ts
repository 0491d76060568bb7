// An exclusive lock on a file across processes, for appends that must re-check the file first (the audit's
// score records). proper-lockfile creates `<file>.lock` atomically (mkdir, as O_EXCL does for a file),
// refreshes its time while held, and takes over a lock whose holder stopped refreshing it (a crashed run)
// after `staleMs`.

import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import lockfile from 'proper-lockfile'

export interface FileLockOptions {
  /** A lock not refreshed for this long is taken over (default 10 s; refreshed every half of it). */
  staleMs?: number
  /** How long to wait for another holder before giving up (default 60 s). */
  waitMs?: number
}

/** Locks `file` (which need not exist; its directory is created) and returns the release. */
export async function lockFile(file: string, options: FileLockOptions = {}): Promise<() => Promise<void>> {
  const staleMs = options.staleMs ?? 10_000
  const waitMs = options.waitMs ?? 60_000
  await mkdir(dirname(file), { recursive: true })
  let compromised: Error | undefined
  let release: () => Promise<void>
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: staleMs,
      update: Math.floor(staleMs / 2),
      // About waitMs in all: waits of 50 ms growing to 1 s.
      retries: { retries: Math.ceil(waitMs / 1000) + 5, factor: 1.5, minTimeout: 50, maxTimeout: 1000 },
      // Without a handler proper-lockfile throws from a timer; the release reports it instead.
      onCompromised: (error) => {
        compromised = error
      }
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new Error(`${file} is locked by another run (${file}.lock) for over ${Math.round(waitMs / 1000)} s; if no other run is writing it, remove ${file}.lock and run again`)
    }
    throw error
  }
  return async () => {
    await release().catch((error: unknown) => {
      compromised ??= error as Error
    })
    if (compromised !== undefined) throw new Error(`the lock on ${file} was lost while it was held (${compromised.message}); check ${file} for duplicate records`)
  }
}
