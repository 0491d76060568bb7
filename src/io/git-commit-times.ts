// When each file was last committed, from git: the review places a postmortem whose `Date` does not parse
// by it. The author date, not the committer's: a rebase or a merge queue re-commits without rewriting it.

import { runGit } from './git.js'

/** Paths per git call: keeps the command line short on repositories with many undated files. */
const PATHS_PER_CALL = 200

/**
 * Path (relative to `root`) → epoch ms of the last commit that touched it. Files with no commit, outside a
 * git checkout, or whose last commit in a shallow clone is the clone's boundary (its true last commit may
 * be older and is not in the clone) are absent.
 */
export async function lastCommitTimes(root: string, paths: readonly string[]): Promise<ReadonlyMap<string, number>> {
  const out = new Map<string, number>()
  if (paths.length === 0) return out
  let shallow: boolean
  try {
    shallow = (await runGit(root, ['rev-parse', '--is-shallow-repository'])).toString('utf8').trim() === 'true'
  } catch {
    return out
  }
  for (let i = 0; i < paths.length; i += PATHS_PER_CALL) {
    const chunk = paths.slice(i, i + PATHS_PER_CALL)
    let text: string
    try {
      // `--relative`: names relative to `root` even when it is below the top of the working tree.
      // Each commit: a NUL, "<author time> <parents>", then the names it touched, newest commit first.
      text = (await runGit(root, ['-c', 'core.quotePath=false', 'log', '--relative', '--format=%x00%at %P', '--name-only', '--no-renames', '--', ...chunk.map((p) => `:(literal)${p}`)])).toString('utf8')
    } catch {
      continue
    }
    const wanted = new Set(chunk)
    for (const block of text.split('\0')) {
      const [head, ...names] = block.split('\n')
      const match = /^(\d+)(.*)$/.exec(head ?? '')
      if (!match) continue
      // A shallow clone's boundary commit shows no parents: every file it has looks last touched there.
      const boundary = shallow && (match[2] ?? '').trim() === ''
      for (const name of names) {
        if (name === '' || !wanted.has(name) || out.has(name)) continue
        wanted.delete(name)
        if (!boundary) out.set(name, Number(match[1]) * 1000)
      }
    }
  }
  return out
}
