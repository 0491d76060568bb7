import type { GitHubClient } from './client.js'
import { ANNOTATIONS_PER_REQUEST, cut, limited, MAX_OUTPUT_TEXT, PartialCheckRunError, type CheckRunRequest, type CreatedCheckRun } from './create-check-run.js'

export interface CheckRunUpdate extends Omit<CheckRunRequest, 'headSha' | 'name'> {
  checkRunId: number
}

/**
 * Replaces an existing check run's state and output: completed with the conclusion (or back to
 * `in_progress` without one), and its annotations appended 50 per request, as GitHub appends them.
 */
export async function updateCheckRun(client: GitHubClient, request: CheckRunUpdate): Promise<CreatedCheckRun> {
  const annotations = request.annotations.map(limited)
  const output = { title: request.title, summary: cut(request.summary, MAX_OUTPUT_TEXT) }
  const { data } = await client.rest.checks.update({
    owner: request.owner,
    repo: request.repo,
    check_run_id: request.checkRunId,
    ...(request.conclusion === undefined ? { status: 'in_progress' as const } : { status: 'completed' as const, conclusion: request.conclusion }),
    ...(request.detailsUrl !== undefined && { details_url: request.detailsUrl }),
    output: { ...output, annotations: annotations.slice(0, ANNOTATIONS_PER_REQUEST) }
  })
  const updated: CreatedCheckRun = { id: data.id, htmlUrl: data.html_url, requests: 1 }
  for (let start = ANNOTATIONS_PER_REQUEST; start < annotations.length; start += ANNOTATIONS_PER_REQUEST) {
    try {
      await client.rest.checks.update({
        owner: request.owner,
        repo: request.repo,
        check_run_id: updated.id,
        output: { ...output, annotations: annotations.slice(start, start + ANNOTATIONS_PER_REQUEST) }
      })
    } catch (error) {
      throw new PartialCheckRunError(updated, start, annotations.length, error)
    }
    updated.requests++
  }
  return updated
}
