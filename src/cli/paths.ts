// Turns `reliability-loop lint [paths…]` arguments into repository-relative globs for runLint.
// Arguments are relative to the current directory, as in any shell command; they must lie inside --root.

import { statSync } from 'node:fs'
import path from 'node:path'
import { escapePath, isDynamicPattern } from 'tinyglobby'
import { UsageError } from './errors.js'

/** What a directory argument lints below it. */
export const DIRECTORY_PATTERN = '**/PM-*.md'

const toPosix = (p: string): string => p.split(path.sep).join('/')

function outside(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)
}

/**
 * One glob per argument:
 * - an existing file → that file (escaped, so `PM-7 (draft).md` is not read as a pattern); it is linted
 *   even if it does not match the configured globs;
 * - an existing directory → `<dir>/**\/PM-*.md` (or `directoryPattern` below it);
 * - otherwise, something that looks like a glob → the glob;
 * - otherwise a UsageError naming the path.
 */
export function resolveLintPaths(args: readonly string[], options: { cwd: string; root: string; directoryPattern?: string }): string[] {
  const { cwd, root } = options
  const directoryPattern = options.directoryPattern ?? DIRECTORY_PATTERN
  const outsideError = (arg: string) =>
    new UsageError(`${arg} is outside the repository root ${root}`, 'pass --root <dir> with the repository that contains it')
  return args.map((arg) => {
    if (arg.trim() === '') throw new UsageError('an empty path was given', 'remove the empty argument, or run without paths to lint the configured postmortems')
    const abs = path.resolve(cwd, arg)
    const stat = statSync(abs, { throwIfNoEntry: false })
    if (stat) {
      const rel = toPosix(path.relative(root, abs))
      if (outside(rel)) throw outsideError(arg)
      if (stat.isDirectory()) return rel === '' ? directoryPattern : `${escapePath(rel)}/${directoryPattern}`
      if (stat.isFile()) return escapePath(rel)
      throw new UsageError(`${arg} is not a file or directory`)
    }
    if (isDynamicPattern(arg)) {
      let pattern: string
      if (path.isAbsolute(arg)) {
        pattern = toPosix(path.relative(root, arg))
      } else {
        const base = toPosix(path.relative(root, cwd))
        if (outside(base)) throw outsideError(arg)
        pattern = path.posix.normalize(base === '' ? toPosix(arg) : `${escapePath(base)}/${toPosix(arg)}`)
      }
      if (outside(pattern)) throw outsideError(arg)
      return pattern.startsWith('./') ? pattern.slice(2) : pattern
    }
    throw new UsageError(
      `${arg}: no such file or directory`,
      `paths are relative to the current directory (${cwd}); run without paths to lint the configured postmortems`
    )
  })
}
