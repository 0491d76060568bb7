import type { GitHubClient } from './client.js'

/** Creates a branch at a commit. Not retried by the client: a repeat would fail with "Reference already exists". */
export async function createBranch(client: GitHubClient, request: { owner: string; repo: string; branch: string; sha: string }): Promise<void> {
  await client.rest.git.createRef({ owner: request.owner, repo: request.repo, ref: `refs/heads/${request.branch}`, sha: request.sha, request: { retries: 0 } })
}

/** Points an existing branch at a commit, discarding what it had (force): for a branch this tool owns. Safe to repeat. */
export async function resetBranch(client: GitHubClient, request: { owner: string; repo: string; branch: string; sha: string }): Promise<void> {
  await client.rest.git.updateRef({ owner: request.owner, repo: request.repo, ref: `heads/${request.branch}`, sha: request.sha, force: true })
}
