import { errorStatus, type GitHubClient } from './client.js'
import { toIssueRecord, type IssueRecord } from './list-issues.js'

/** One issue by number; undefined when it does not exist or was deleted (404, 410). */
export async function getIssue(client: GitHubClient, request: { owner: string; repo: string; number: number }): Promise<IssueRecord | undefined> {
  try {
    const { data } = await client.rest.issues.get({ owner: request.owner, repo: request.repo, issue_number: request.number })
    return toIssueRecord(data, `GitHub get issue #${request.number}`)
  } catch (error) {
    const status = errorStatus(error)
    if (status === 404 || status === 410) return undefined
    throw error
  }
}
