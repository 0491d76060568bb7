// Writing a whole file so that no reader ever sees half of it: write a temporary file next to it, then
// move it into place. `createFileAtomic` also refuses to replace a file that exists.

import { randomBytes } from 'node:crypto'
import { readFileSync, renameSync, unlinkSync } from 'node:fs'
import { link, lstat, mkdir, realpath, rename, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative } from 'node:path'

/** Thrown by createFileAtomic when the file is already there. */
export class FileExistsError extends Error {
  override readonly name = 'FileExistsError'
  constructor(readonly path: string) {
    super(`${path} already exists`)
  }
}

async function writeTemp(file: string, text: string): Promise<string> {
  await mkdir(dirname(file), { recursive: true })
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  // `wx`: a leftover temp file with the same name is never overwritten (or followed if it is a symlink).
  await writeFile(temp, text, { flag: 'wx' })
  return temp
}

/**
 * Creates `file` with `text`, atomically, and never over an existing file: the temp file is hard-linked to
 * the name (which fails if the name exists), so two runs racing for the same name cannot both win.
 */
export async function createFileAtomic(file: string, text: string): Promise<void> {
  const temp = await writeTemp(file, text)
  try {
    await link(temp, file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new FileExistsError(file)
    // Some file systems (FAT, some network mounts) have no hard links: claim the name exclusively (an
    // empty file), then move the full text over it, so the name is still never taken from someone else.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      try {
        await writeFile(file, '', { flag: 'wx' })
      } catch (inner) {
        if ((inner as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(file)
        throw inner
      }
      await rename(temp, file)
      return
    }
    throw error
  } finally {
    await unlink(temp).catch(() => {})
  }
}

/** Replaces `file` with `text` atomically (the file may or may not exist). */
export async function replaceFileAtomic(file: string, text: string): Promise<void> {
  const temp = await writeTemp(file, text)
  try {
    await rename(temp, file)
  } catch (error) {
    await unlink(temp).catch(() => {})
    throw error
  }
}

/** Thrown by replaceRepoFileAtomic when the path leads, through a symbolic link, outside the repository. */
export class OutsideRepositoryError extends Error {
  override readonly name = 'OutsideRepositoryError'
}

/** Whether `path` is `root` or below it (both already resolved). */
function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/**
 * Replaces the repository file `file` (relative to `root`) atomically without turning a symbolic link into a
 * regular file: a link (of the file, or of a folder on its path) is written through to its target when
 * that target is inside the repository, and refused with a message when it points outside (a committed
 * link must not make the tool write wherever it points).
 *
 * With `expected`, the file is replaced only if it still holds exactly that text: the comparison and the
 * rename run back to back without yielding, so an edit saved at any moment before them is never
 * overwritten (another process's save can only fall between two system calls). Returns 'changed' instead
 * of writing when the file no longer holds `expected`.
 */
export async function replaceRepoFileAtomic(root: string, file: string, text: string, expected?: string): Promise<void | 'changed'> {
  const path = join(root, file)
  let target: string
  try {
    target = await realpath(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    // A new file, or a dangling link: the folder decides where it would land.
    if ((await lstat(path).catch(() => undefined))?.isSymbolicLink()) throw new OutsideRepositoryError(`${file} is a symbolic link to a file that does not exist; not written`)
    target = join(await realpath(dirname(path)), basename(path))
  }
  const realRoot = await realpath(root)
  if (!isWithin(realRoot, target)) {
    throw new OutsideRepositoryError(`${file} leads through a symbolic link to ${target}, outside the repository; not written (replace the link with the file itself, or point it inside the repository)`)
  }
  if (expected === undefined) return replaceFileAtomic(target, text)
  const temp = await writeTemp(target, text)
  // Synchronous from here on: nothing else in this process runs between the comparison and the rename.
  try {
    if (!readFileSync(target).equals(Buffer.from(expected, 'utf8'))) {
      unlinkSync(temp)
      return 'changed'
    }
    renameSync(temp, target)
  } catch (error) {
    try {
      unlinkSync(temp)
    } catch {
      // already moved into place, or gone
    }
    throw error
  }
}
