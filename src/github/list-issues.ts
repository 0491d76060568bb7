import { expectShape, isArrayOf, isOptionalArrayOf, isOptionalString, isRecord, isString } from '../util/vendor-response.js'
import type { GitHubClient } from './client.js'

/** The fields of an issue that sync reads. */
export interface IssueRecord {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  /** Why a closed issue was closed: `completed`, `not_planned`, `duplicate`. */
  stateReason?: string
  htmlUrl: string
  assignees: string[]
  milestone?: { number: number; title: string }
}

export interface ListIssuesRequest {
  owner: string
  repo: string
  /** Only issues carrying this label. */
  label: string
  /** Only issues updated at or after this time (ISO 8601): a cheap, fresh look after a failed write. */
  since?: string
}

type RawIssue = {
  number: number
  title: string
  body?: string | null
  state: string
  state_reason?: string | null
  html_url: string
  assignees?: Array<{ login: string } | null> | null
  milestone?: { number: number; title: string } | null
  pull_request?: unknown
}

function isRawIssue(value: unknown): value is RawIssue {
  if (!isRecord(value)) return false
  const { number, title, body, state, state_reason: stateReason, html_url: htmlUrl, assignees, milestone } = value
  return (
    Number.isInteger(number) &&
    isString(title) &&
    isOptionalString(body) &&
    isString(state) &&
    isOptionalString(stateReason) &&
    isString(htmlUrl) &&
    isOptionalArrayOf(assignees, (a): a is { login: string } | null => a === null || (isRecord(a) && isString(a.login))) &&
    (milestone === undefined || milestone === null || (isRecord(milestone) && Number.isInteger(milestone.number) && isString(milestone.title)))
  )
}

const ISSUE_SHAPE = 'an issue with number, title, state and html_url'

/** The fields sync reads of an issue GitHub answered with; an UnexpectedResponseError when they are not there. */
export function toIssueRecord(data: unknown, what = 'GitHub issue'): IssueRecord {
  const issue = expectShape(data, isRawIssue, what, ISSUE_SHAPE)
  const record: IssueRecord = {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? '',
    state: issue.state === 'closed' ? 'closed' : 'open',
    htmlUrl: issue.html_url,
    assignees: (issue.assignees ?? []).flatMap((a) => (a ? [a.login] : []))
  }
  if (record.state === 'closed' && issue.state_reason) record.stateReason = issue.state_reason
  if (issue.milestone) record.milestone = { number: issue.milestone.number, title: issue.milestone.title }
  return record
}

/** Every issue (open and closed, pull requests left out) with the label, 100 per page following `Link` headers. */
export async function listIssues(client: GitHubClient, request: ListIssuesRequest): Promise<IssueRecord[]> {
  const issues: IssueRecord[] = []
  const pages = client.paginate.iterator(client.rest.issues.listForRepo, {
    owner: request.owner,
    repo: request.repo,
    labels: request.label,
    state: 'all',
    per_page: 100,
    ...(request.since !== undefined && { since: request.since, sort: 'updated' as const, direction: 'desc' as const })
  })
  const what = `GitHub list issues of ${request.owner}/${request.repo}`
  for await (const page of pages) {
    const data = expectShape(page.data as unknown, (v): v is unknown[] => isArrayOf(v, isRecord), what, 'an array of issues')
    for (const issue of data) if (isRecord(issue) && issue.pull_request === undefined) issues.push(toIssueRecord(issue, what))
  }
  return issues
}
