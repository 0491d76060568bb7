import type { GitHubClient } from './client.js'

export interface OpenPullRequest {
  number: number
  url: string
  headRef: string
  title: string
  labels: string[]
}

/** Opens a pull request. Not retried by the client: a repeat would fail with "A pull request already exists". */
export async function createPullRequest(
  client: GitHubClient,
  request: { owner: string; repo: string; head: string; base: string; title: string; body: string; draft: boolean }
): Promise<OpenPullRequest> {
  const { data } = await client.rest.pulls.create({
    owner: request.owner,
    repo: request.repo,
    head: request.head,
    base: request.base,
    title: request.title,
    body: request.body,
    draft: request.draft,
    request: { retries: 0 }
  })
  return { number: data.number, url: data.html_url, headRef: data.head.ref, title: data.title, labels: data.labels.map((l) => l.name ?? '') }
}

/** Every open pull request of the repository, 100 a page (a draft PR is found by its branch or label). */
export async function listOpenPullRequests(client: GitHubClient, request: { owner: string; repo: string }): Promise<OpenPullRequest[]> {
  const all = await client.paginate(client.rest.pulls.list, { owner: request.owner, repo: request.repo, state: 'open', per_page: 100 })
  return all.map((pr) => ({ number: pr.number, url: pr.html_url, headRef: pr.head.ref, title: pr.title, labels: pr.labels.map((l) => l.name ?? '') }))
}

/** Adds labels to an issue or pull request (GitHub creates a label that does not exist yet). Safe to repeat. */
export async function addLabels(client: GitHubClient, request: { owner: string; repo: string; number: number; labels: string[] }): Promise<void> {
  await client.rest.issues.addLabels({ owner: request.owner, repo: request.repo, issue_number: request.number, labels: request.labels })
}
