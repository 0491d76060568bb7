// The git commands the gate's local mode needs, run with execFile (no shell): refs, changed files of the
// working tree against a base, and files at a commit. Errors say what to do next.

import { execFile } from 'node:child_process'
import picomatch from 'picomatch'
import type { RepoFiles } from '../lint/adapters.js'
import type { ChangedFile, ChangedFiles } from '../gates/rollback-plan.js'

/** git failed; `stderr` is git's own message. */
export class GitError extends Error {
  override readonly name = 'GitError'
  constructor(
    message: string,
    readonly stderr: string
  ) {
    super(message)
  }
}

export function runGit(root: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd: root, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        const message = stderr.toString('utf8').trim() || error.message
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
        reject(new GitError(missing ? 'git is not installed or not on PATH' : `git ${args[0] ?? ''} failed: ${message}`, message))
      } else resolve(stdout)
    })
  })
}

async function gitText(root: string, args: readonly string[]): Promise<string> {
  return (await runGit(root, args)).toString('utf8')
}

/** The commit a ref names, or undefined when it names none. */
export async function resolveCommit(root: string, ref: string): Promise<string | undefined> {
  try {
    return (await gitText(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim() || undefined
  } catch {
    return undefined
  }
}

/** The top of the working tree containing `dir`, or undefined outside a git checkout. */
export async function workTreeRoot(dir: string): Promise<string | undefined> {
  try {
    return (await gitText(dir, ['rev-parse', '--show-toplevel'])).trim() || undefined
  } catch {
    return undefined
  }
}

export async function mergeBase(root: string, a: string, b: string): Promise<string> {
  return (await gitText(root, ['merge-base', a, b])).trim()
}

const NUL_SPLIT = (text: string) => text.split('\0').filter((s) => s !== '')

/**
 * What the working tree changes since `base` (a commit): committed, staged, unstaged and untracked
 * files, renames as a removal and an addition.
 */
export async function workingTreeChanges(root: string, base: string): Promise<ChangedFiles> {
  const diff = NUL_SPLIT(await gitText(root, ['diff', '--name-status', '--no-renames', '-z', base, '--']))
  const files: ChangedFile[] = []
  for (let i = 0; i + 1 < diff.length; i += 2) {
    const status = diff[i] ?? ''
    const path = diff[i + 1] ?? ''
    files.push({ path, status: status.startsWith('D') ? 'removed' : status.startsWith('A') ? 'added' : 'modified' })
  }
  for (const path of NUL_SPLIT(await gitText(root, ['ls-files', '--others', '--exclude-standard', '-z']))) files.push({ path, status: 'added' })
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { files, truncated: false }
}

/** A file's bytes at a commit; undefined when the commit has no such file. */
export async function fileAtCommit(root: string, commit: string, path: string): Promise<Buffer | undefined> {
  const spec = `${commit}:${path}`
  try {
    // `cat-file -e` answers "does it exist" without printing git's "fatal: path … does not exist" noise.
    await runGit(root, ['cat-file', '-e', spec])
  } catch {
    return undefined
  }
  return runGit(root, ['cat-file', 'blob', spec])
}

/** The files of a commit as RepoFiles (glob and read), for evaluating a commit that is not checked out. */
export function commitFiles(root: string, commit: string): Pick<RepoFiles, 'glob' | 'read'> {
  let listing: Promise<string[]> | undefined
  return {
    async glob(patterns) {
      listing ??= gitText(root, ['ls-tree', '-r', '--name-only', '-z', commit]).then(NUL_SPLIT)
      const matches = picomatch([...patterns], { dot: false })
      return (await listing).filter((p) => matches(p)).sort()
    },
    async read(path) {
      const bytes = await fileAtCommit(root, commit, path)
      if (bytes === undefined) throw new Error(`${path} does not exist at ${commit.slice(0, 7)}`)
      return bytes
    }
  }
}
