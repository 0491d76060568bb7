import type { GitHubClient } from './client.js'

/** GitHub lists at most this many files of a pull request, however many it changes. */
export const PULL_REQUEST_FILES_CAP = 3000

export interface PullRequestFilesRequest {
  owner: string
  repo: string
  pullNumber: number
  /** `changed_files` from the event payload, when known: tells a PR just over the cap from one at it. */
  changedFiles?: number
}

export interface PullRequestFiles {
  /** Paths that exist on the head commit (every status except `removed`), in GitHub's order. Renamed files appear under their new name. */
  files: string[]
  /** Paths the pull request removes (status `removed`). */
  removed: string[]
  /** How many entries GitHub listed, removed ones included. */
  listed: number
  /**
   * True when GitHub's 3000-file cap may have hidden some files: `files` is then incomplete and the
   * caller must not conclude that a file is unchanged because it is missing.
   */
  truncated: boolean
}

/** Lists a pull request's files, 100 per page, following GitHub's `Link` headers. */
export async function listPullRequestFiles(client: GitHubClient, request: PullRequestFilesRequest): Promise<PullRequestFiles> {
  const files: string[] = []
  const removed: string[] = []
  let listed = 0
  const pages = client.paginate.iterator(client.rest.pulls.listFiles, {
    owner: request.owner,
    repo: request.repo,
    pull_number: request.pullNumber,
    per_page: 100
  })
  for await (const page of pages) {
    for (const entry of page.data) {
      listed++
      if (entry.status !== 'removed') files.push(entry.filename)
      else removed.push(entry.filename)
    }
  }
  const truncated = listed >= PULL_REQUEST_FILES_CAP || (request.changedFiles ?? 0) > PULL_REQUEST_FILES_CAP
  return { files, removed, listed, truncated }
}
