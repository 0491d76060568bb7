import { existsSync, statSync } from 'node:fs'
import { readFile, realpath } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'
import { glob } from 'tinyglobby'
import type { LintCacheStore, RepoFiles } from '../lint/adapters.js'
import { replaceFileAtomic } from './atomic-write.js'

import { isInsideRepo } from '../util/repo-path.js'

export { isInsideRepo }

/** Thrown by nodeRepoFiles' read for a file that leads, through a symbolic link, outside the repository. */
export class LinkOutsideRepositoryError extends Error {
  override readonly name = 'LinkOutsideRepositoryError'
}

/**
 * The real file system below `root`, as the lint mode sees it. A file that is a symbolic link (or lies in a
 * linked folder) is read only when its target is inside the repository: a link committed in a pull request
 * must not make the tool read, and then quote in its findings, a file elsewhere on the runner.
 */
export function nodeRepoFiles(root: string): RepoFiles {
  let realRoot: Promise<string> | undefined
  return {
    async glob(patterns) {
      const found = await glob([...patterns], {
        cwd: root,
        onlyFiles: true,
        dot: false,
        ignore: ['**/node_modules/**', '**/.git/**'],
        expandDirectories: false
      })
      return found.map((p) => p.split(sep).join('/')).sort()
    },
    async read(path) {
      const target = await realpath(join(root, path))
      const rel = relative(await (realRoot ??= realpath(root)), target)
      if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
        throw new LinkOutsideRepositoryError(`${path} is a symbolic link that leads outside the repository; not read (replace the link with the file itself, or point it inside the repository)`)
      }
      return readFile(target)
    },
    exists(path) {
      return isInsideRepo(path) && existsSync(join(root, path))
    },
    // Synchronous: for 10,000 files one stat each costs less than the promises around them would.
    stat(path) {
      try {
        const s = statSync(join(root, path), { throwIfNoEntry: false })
        return s ? { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino } : undefined
      } catch {
        // The read that follows reports why (e.g. EACCES).
        return undefined
      }
    }
  }
}

/** A JSON file holding the lint cache; a missing or corrupt file is an empty cache, never an error. */
export function jsonFileCacheStore(file: string): LintCacheStore {
  return {
    async load() {
      try {
        return JSON.parse(await readFile(file, 'utf8')) as unknown
      } catch {
        return undefined
      }
    },
    async save(data) {
      // Atomically, so a run killed mid-write leaves the old cache rather than half a file.
      await replaceFileAtomic(file, JSON.stringify(data))
    }
  }
}

export function toRepoPath(root: string, path: string): string {
  return relative(root, isAbsolute(path) ? path : join(root, path)).split(sep).join('/')
}
