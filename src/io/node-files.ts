import { existsSync } from 'node:fs'
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
