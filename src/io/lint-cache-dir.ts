// Where the lint cache goes on disk when the config does not say, and whether git would show it to the
// user as an untracked folder.

import { spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import path from 'node:path'
import { NODE_MODULES_CACHE_DIR } from '../config/defaults.js'

/** NODE_MODULES_CACHE_DIR when the repository has a node_modules folder, else undefined (the built-in default). */
export function defaultCacheDirFor(root: string): string | undefined {
  return statSync(path.join(root, 'node_modules'), { throwIfNoEntry: false })?.isDirectory() ? NODE_MODULES_CACHE_DIR : undefined
}

/**
 * Whether `dir` (repository-relative) would show up in `git status` as untracked: inside a git work tree
 * and not ignored (.gitignore, .git/info/exclude, the global excludes). False when git or a repository is
 * missing, when in doubt saying nothing.
 */
export function showsAsUntracked(root: string, dir: string): boolean {
  const run = spawnSync('git', ['check-ignore', '-q', '--', dir], { cwd: root, stdio: 'ignore', timeout: 5000 })
  // 0: ignored; 1: not ignored; 128: not a repository or another error.
  return run.status === 1
}
