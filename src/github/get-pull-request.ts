import type { GitHubClient } from './client.js'

export interface PullRequestDetails {
  number: number
  htmlUrl: string
  title: string
  body: string
  labels: string[]
  state: string
  headSha: string
  /** `owner/repo` of the head; differs from the base repository for forks (null when the fork was deleted). */
  headRepository: string | null
  baseSha: string
  baseRef: string
}

export async function getPullRequest(client: GitHubClient, request: { owner: string; repo: string; pullNumber: number }): Promise<PullRequestDetails> {
  const { data } = await client.rest.pulls.get({ owner: request.owner, repo: request.repo, pull_number: request.pullNumber })
  return {
    number: data.number,
    htmlUrl: data.html_url,
    title: data.title,
    body: data.body ?? '',
    labels: data.labels.map((l) => l.name),
    state: data.state,
    headSha: data.head.sha,
    headRepository: data.head.repo?.full_name ?? null,
    baseSha: data.base.sha,
    baseRef: data.base.ref
  }
}
