import { errorStatus, type GitHubClient } from './client.js'

/** The commit a branch points at; undefined when there is no such branch. */
export async function getBranchSha(client: GitHubClient, request: { owner: string; repo: string; branch: string }): Promise<string | undefined> {
  try {
    const { data } = await client.rest.git.getRef({ owner: request.owner, repo: request.repo, ref: `heads/${request.branch}` })
    return data.object.sha
  } catch (error) {
    if (errorStatus(error) === 404) return undefined
    throw error
  }
}
