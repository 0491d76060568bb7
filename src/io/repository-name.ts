// Which repository the rows are labelled with when no --repository / GITHUB_REPOSITORY says: the `origin`
// remote's owner/name, else the folder's name.

import { execFileSync } from 'node:child_process'
import { basename } from 'node:path'

/** `owner/name` from a GitHub-style remote URL (https, ssh or scp form); undefined for anything else. */
export function repositoryOfRemote(url: string): string | undefined {
  const match = /[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url.trim())
  return match ? `${match[1]}/${match[2]}` : undefined
}

export function repositoryNameAt(root: string): string {
  try {
    const url = execFileSync('git', ['remote', 'get-url', 'origin'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).toString()
    const name = repositoryOfRemote(url)
    if (name !== undefined) return name
  } catch {
    // No git, or no origin: the folder name it is.
  }
  return basename(root)
}
