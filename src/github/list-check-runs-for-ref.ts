import type { GitHubClient } from './client.js'

export interface CheckRunSummary {
  id: number
  name: string
  status: string
  conclusion: string | null
  htmlUrl: string | null
  headSha: string
  startedAt: string | null
  /** The app that created it (`github-actions` for the workflow token), when GitHub says. */
  appSlug?: string
}

/**
 * The check runs on a commit (the latest of each name per check suite: GitHub's `filter=latest`),
 * optionally only those with one name; newest first. Reads at most `maxPages` pages of 100.
 */
export async function listCheckRunsForRef(
  client: GitHubClient,
  request: { owner: string; repo: string; ref: string; checkName?: string; maxPages?: number }
): Promise<CheckRunSummary[]> {
  const runs: CheckRunSummary[] = []
  const maxPages = request.maxPages ?? 5
  let pages = 0
  const iterator = client.paginate.iterator(client.rest.checks.listForRef, {
    owner: request.owner,
    repo: request.repo,
    ref: request.ref,
    ...(request.checkName !== undefined && { check_name: request.checkName }),
    filter: 'latest',
    per_page: 100
  })
  for await (const page of iterator) {
    for (const run of page.data) {
      runs.push({
        id: run.id,
        name: run.name,
        status: run.status,
        conclusion: run.conclusion ?? null,
        htmlUrl: run.html_url ?? null,
        headSha: run.head_sha,
        startedAt: run.started_at ?? null,
        ...(run.app?.slug !== undefined && { appSlug: run.app.slug })
      })
    }
    if (++pages >= maxPages) break
  }
  // Newest first: by start time, then id (ids grow).
  return runs.sort((a, b) => ((a.startedAt ?? '') < (b.startedAt ?? '') ? 1 : (a.startedAt ?? '') > (b.startedAt ?? '') ? -1 : b.id - a.id))
}
