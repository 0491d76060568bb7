import { errorStatus, type GitHubClient } from './client.js'

/** Whether issues of the repository can be assigned to this login (GitHub answers 204, or 404 when not). */
export async function canBeAssigned(client: GitHubClient, request: { owner: string; repo: string; login: string }): Promise<boolean> {
  try {
    await client.rest.issues.checkUserCanBeAssigned({ owner: request.owner, repo: request.repo, assignee: request.login })
    return true
  } catch (error) {
    if (errorStatus(error) === 404) return false
    throw error
  }
}
