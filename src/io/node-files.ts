import { existsSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, normalize, relative, sep } from 'node:path'
import { glob } from 'tinyglobby'
import type { LintCacheStore, RepoFiles } from '../lint/adapters.js'
import { replaceFileAtomic } from './atomic-write.js'

import { isInsideRepo } from '../util/repo-path.js'

export { isInsideRepo }

/** The real file system below `root`, as the lint mode sees it. */
export function nodeRepoFiles(root: string): RepoFiles {
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
      return readFile(join(root, path))
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
