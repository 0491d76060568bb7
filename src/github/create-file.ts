import type { GitHubClient } from './client.js'

/**
 * Commits a new file to a branch through the contents API (one commit, no local git). Without a `sha`, GitHub
 * refuses to replace an existing file, so this never overwrites one; not retried by the client for that reason.
 */
export async function createFileOnBranch(client: GitHubClient, request: { owner: string; repo: string; path: string; branch: string; text: string; message: string }): Promise<void> {
  await client.rest.repos.createOrUpdateFileContents({
    owner: request.owner,
    repo: request.repo,
    path: request.path,
    branch: request.branch,
    message: request.message,
    content: Buffer.from(request.text, 'utf8').toString('base64'),
    request: { retries: 0 }
  })
}
