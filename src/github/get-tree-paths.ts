import type { GitHubClient } from './client.js'

/** Every file path of a commit's tree (recursive, one request); `truncated` when GitHub cut the listing. */
export async function getTreePaths(client: GitHubClient, request: { owner: string; repo: string; sha: string }): Promise<{ paths: string[]; truncated: boolean }> {
  const { data } = await client.rest.git.getTree({ owner: request.owner, repo: request.repo, tree_sha: request.sha, recursive: 'true' })
  return { paths: data.tree.filter((entry) => entry.type === 'blob' && entry.path !== undefined).map((entry) => entry.path as string), truncated: data.truncated }
}
