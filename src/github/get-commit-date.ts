import type { GitHubClient } from './client.js'

/** When a commit was made (its committer date, ISO 8601), or undefined when GitHub does not say. */
export async function getCommitDate(client: GitHubClient, request: { owner: string; repo: string; sha: string }): Promise<string | undefined> {
  // per_page=1 keeps the file list of a large commit out of the answer.
  const { data } = await client.rest.repos.getCommit({ owner: request.owner, repo: request.repo, ref: request.sha, per_page: 1 })
  return data.commit.committer?.date ?? data.commit.author?.date ?? undefined
}
