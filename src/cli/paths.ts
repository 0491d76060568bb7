// Where a CLI run works: the repository root (--root, or found upward from the current directory), and
// `reliability-loop lint [paths…]` arguments turned into repository-relative globs for runLint.
// Arguments are relative to the current directory, as in any shell command; they must lie inside --root.

import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { escapePath, isDynamicPattern } from 'tinyglobby'
import { UsageError } from './errors.js'

/** What marks a repository root: `.git` (a folder, or a file in worktrees and submodules) or the config file. */
const ROOT_MARKERS = ['.git', '.github/reliability.yml', '.github/reliability.yaml']

/**
 * The repository root for a run started in `cwd`: the nearest folder upward that holds `.git` or a
 * `.github/reliability.yml` (so a nested project with its own config is its own root); `cwd` itself when
 * there is none. Found without running git, so it costs a few stats and works without git installed.
 */
export function findRepositoryRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; ) {
    if (ROOT_MARKERS.some((marker) => existsSync(path.join(dir, marker)))) return dir
    const parent = path.dirname(dir)
    if (parent === dir) return path.resolve(cwd)
    dir = parent
  }
}

/** The --root of every mode: the given folder (relative to the current directory), or the repository root found upward. */
export function resolveRoot(root: string | undefined, cwd: string): string {
  if (root === undefined) return findRepositoryRoot(cwd)
  const abs = path.resolve(cwd, root)
  const stat = statSync(abs, { throwIfNoEntry: false })
  if (!stat) throw new UsageError(`--root ${root}: no such directory`)
  if (!stat.isDirectory()) throw new UsageError(`--root ${root}: not a directory`)
  return abs
}

/** What a directory argument lints below it. */
export const DIRECTORY_PATTERN = '**/PM-*.md'

const toPosix = (p: string): string => p.split(path.sep).join('/')

function outside(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)
}

/** One command-line path argument and the repository-relative glob it became. */
export interface PathArgument {
  /** As typed. */
  arg: string
  pattern: string
  /** An existing file: it matches by construction, so it needs no check that it matches something. */
  isFile: boolean
}

/**
 * One glob per argument:
 * - an existing file → that file (escaped, so `PM-7 (draft).md` is not read as a pattern); it is linted
 *   even if it does not match the configured globs;
 * - an existing directory → `<dir>/**\/PM-*.md` (or `directoryPattern` below it);
 * - otherwise, something that looks like a glob → the glob;
 * - otherwise a UsageError naming the path.
 */
export function resolvePathArguments(args: readonly string[], options: { cwd: string; root: string; directoryPattern?: string }): PathArgument[] {
  const { cwd, root } = options
  const directoryPattern = options.directoryPattern ?? DIRECTORY_PATTERN
  const outsideError = (arg: string) =>
    new UsageError(`${arg} is outside the repository root ${root}`, 'pass --root <dir> with the repository that contains it')
  return args.map((arg): PathArgument => {
    if (arg.trim() === '') throw new UsageError('an empty path was given', 'remove the empty argument, or run without paths to lint the configured postmortems')
    const abs = path.resolve(cwd, arg)
    const stat = statSync(abs, { throwIfNoEntry: false })
    if (stat) {
      const rel = toPosix(path.relative(root, abs))
      if (outside(rel)) throw outsideError(arg)
      if (stat.isDirectory()) return { arg, pattern: rel === '' ? directoryPattern : `${escapePath(rel)}/${directoryPattern}`, isFile: false }
      if (stat.isFile()) return { arg, pattern: escapePath(rel), isFile: true }
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
      return { arg, pattern: pattern.startsWith('./') ? pattern.slice(2) : pattern, isFile: false }
    }
    throw new UsageError(
      `${arg}: no such file or directory`,
      `paths are relative to the current directory (${cwd}); run without paths to lint the configured postmortems`
    )
  })
}

/** The globs of `resolvePathArguments`, for callers that need no more. */
export function resolveLintPaths(args: readonly string[], options: { cwd: string; root: string; directoryPattern?: string }): string[] {
  return resolvePathArguments(args, options).map((a) => a.pattern)
}

/**
 * A glob or directory argument that matches no file is a mistake (a typo, a shell that expanded the
 * glob elsewhere), not a clean run: a UsageError naming each such argument, as ESLint does.
 */
export async function requireMatches(args: readonly PathArgument[], glob: (patterns: readonly string[]) => Promise<readonly string[]>, what = 'files'): Promise<void> {
  const unmatched: PathArgument[] = []
  for (const a of args) if (!a.isFile && (await glob([a.pattern])).length === 0) unmatched.push(a)
  if (unmatched.length === 0) return
  const lines = unmatched.map((a) => `no ${what} match ${a.arg}${a.pattern === a.arg ? '' : ` (${a.pattern} in the repository)`}`)
  throw new UsageError(
    lines.join('\nerror: '),
    'check the spelling; quote globs so the shell passes them on (\'docs/postmortems/PM-9*.md\'); paths are relative to the current directory'
  )
}
