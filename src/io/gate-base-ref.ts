// What to say when `gate --local --base <ref>` names nothing in the repository: the close names it has
// (did-you-mean), and a `git fetch` only when there is a remote to fetch from.

import { editDistance } from '../util/did-you-mean.js'
import { runGit } from './git.js'

/** The refs and remotes the hint draws on. */
export interface RefsInRepository {
  /** Short names of local branches, remote-tracking branches and tags. */
  refs: string[]
  remotes: string[]
}

export async function refsInRepository(root: string): Promise<RefsInRepository> {
  const lines = async (args: string[]) =>
    (await runGit(root, args).catch(() => Buffer.from('')))
      .toString('utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.endsWith('/HEAD'))
  const [refs, remotes] = await Promise.all([lines(['for-each-ref', '--format=%(refname:short)', 'refs/heads', 'refs/remotes', 'refs/tags']), lines(['remote'])])
  return { refs, remotes }
}

const MAX_CLOSE = 5

/** Names within two edits of `ref` (or of its part after a remote prefix), closest first. */
export function closeRefNames(ref: string, refs: readonly string[]): string[] {
  const lower = ref.toLowerCase()
  return refs
    .map((name) => ({ name, distance: Math.min(editDistance(lower, name.toLowerCase()), editDistance(lower, name.toLowerCase().replace(/^[^/]+\//, ''))) }))
    .filter((c) => c.distance > 0 && c.distance <= 2)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, MAX_CLOSE)
    .map((c) => c.name)
}

/** The hint for an unknown base ref: close names, then how to get it (fetch from a remote, or what exists). */
export function unknownRefHint(ref: string, repository: RefsInRepository): string {
  const parts: string[] = []
  const close = closeRefNames(ref, repository.refs)
  if (close.length > 0) parts.push(`did you mean ${close.join(', ')}?`)
  if (repository.remotes.length > 0) {
    const remote = repository.remotes.find((r) => ref.startsWith(`${r}/`)) ?? (repository.remotes.includes('origin') ? 'origin' : (repository.remotes[0] ?? 'origin'))
    parts.push(`if it is on the remote, fetch it first: git fetch ${remote} ${ref.startsWith(`${remote}/`) ? ref.slice(remote.length + 1) : ref}`)
  } else {
    const branches = repository.refs.slice(0, 10)
    parts.push(`this repository has no remote, so name a local branch, tag or commit${branches.length > 0 ? ` (it has ${branches.join(', ')}${repository.refs.length > 10 ? ', …' : ''})` : ''}`)
  }
  return parts.join('; ')
}
