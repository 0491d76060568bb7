import type { GitHubClient } from './client.js'
import { toIssueRecord, type IssueRecord } from './list-issues.js'

export interface UpdateIssueRequest {
  owner: string
  repo: string
  number: number
  title?: string
  body?: string
  assignees?: string[]
  /** A milestone number, or null to remove it. */
  milestone?: number | null
  /** Closing always says why: `completed` (the action item was done). */
  close?: boolean
}

/** Edits an issue. Safe to repeat (it sets values), so the client's retries apply. */
export async function updateIssue(client: GitHubClient, request: UpdateIssueRequest): Promise<IssueRecord> {
  const { data } = await client.rest.issues.update({
    owner: request.owner,
    repo: request.repo,
    issue_number: request.number,
    ...(request.title !== undefined && { title: request.title }),
    ...(request.body !== undefined && { body: request.body }),
    ...(request.assignees !== undefined && { assignees: request.assignees }),
    ...(request.milestone !== undefined && { milestone: request.milestone }),
    ...(request.close === true && { state: 'closed' as const, state_reason: 'completed' as const })
  })
  return toIssueRecord(data, `GitHub update issue #${request.number}`)
}
