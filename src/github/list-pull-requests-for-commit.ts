import type { GitHubClient } from './client.js'

/**
 * Numbers of the open pull requests whose head is this commit, from the "pull requests associated with a
 * commit" endpoint (one page: a commit heads few pull requests).
 */
export async function listPullRequestsForCommit(client: GitHubClient, request: { owner: string; repo: string; sha: string }): Promise<number[]> {
  const { data } = await client.rest.repos.listPullRequestsAssociatedWithCommit({ owner: request.owner, repo: request.repo, commit_sha: request.sha, per_page: 100 })
  return data.filter((pr) => pr.state === 'open' && pr.head.sha.toLowerCase() === request.sha.toLowerCase()).map((pr) => pr.number)
}
