import type { GitHubClient } from './client.js'
import { toIssueRecord, type IssueRecord } from './list-issues.js'

export interface CreateIssueRequest {
  owner: string
  repo: string
  title: string
  body: string
  labels: string[]
  assignees?: string[]
  milestone?: number
}

/**
 * Creates an issue in one request, without the client's automatic retries: when a create times out or
 * fails with 5xx GitHub may have made the issue anyway, and only the caller can look before trying again.
 */
export async function createIssue(client: GitHubClient, request: CreateIssueRequest): Promise<IssueRecord> {
  const { data } = await client.rest.issues.create({
    owner: request.owner,
    repo: request.repo,
    title: request.title,
    body: request.body,
    labels: request.labels,
    ...(request.assignees !== undefined && request.assignees.length > 0 && { assignees: request.assignees }),
    ...(request.milestone !== undefined && { milestone: request.milestone }),
    request: { retries: 0 }
  })
  return toIssueRecord(data, `GitHub create issue in ${request.owner}/${request.repo}`)
}
