import type { GitHubClient } from './client.js'

/**
 * Open pull requests whose head is the given commit, by listing the repository's open pull requests
 * (newest first, 100 per page, at most `maxPages`). The fallback for fork pull requests, whose head
 * commits the "associated with a commit" endpoint may not know.
 */
export async function findOpenPullRequestsByHead(
  client: GitHubClient,
  request: { owner: string; repo: string; sha: string; maxPages?: number }
): Promise<number[]> {
  const found: number[] = []
  const maxPages = request.maxPages ?? 5
  let pages = 0
  const iterator = client.paginate.iterator(client.rest.pulls.list, { owner: request.owner, repo: request.repo, state: 'open', sort: 'updated', direction: 'desc', per_page: 100 })
  for await (const page of iterator) {
    for (const pr of page.data) if (pr.head.sha.toLowerCase() === request.sha.toLowerCase()) found.push(pr.number)
    if (found.length > 0 || ++pages >= maxPages) break
  }
  return found
}
