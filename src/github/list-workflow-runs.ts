import type { GitHubClient } from './client.js'

export interface WorkflowRunSummary {
  id: number
  name: string
  /** `queued`, `in_progress`, `completed`, … */
  status: string
  conclusion: string | null
  htmlUrl: string
  runAttempt: number
  event: string
  headSha: string
  createdAt: string
}

/**
 * The newest run of a workflow (file name or id) for a commit, or undefined when there is none. The
 * listing shows each run's latest attempt, so a re-run's result replaces the first one's.
 */
export async function latestWorkflowRunForSha(
  client: GitHubClient,
  request: { owner: string; repo: string; workflow: string; headSha: string }
): Promise<WorkflowRunSummary | undefined> {
  const workflowId = /^\d+$/.test(request.workflow) ? Number(request.workflow) : request.workflow
  const { data } = await client.rest.actions.listWorkflowRuns({
    owner: request.owner,
    repo: request.repo,
    workflow_id: workflowId,
    head_sha: request.headSha,
    exclude_pull_requests: true,
    per_page: 100
  })
  const runs = data.workflow_runs.filter((run) => run.head_sha.toLowerCase() === request.headSha.toLowerCase())
  // Newest first by creation; the id breaks ties (ids grow).
  runs.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id))
  const run = runs[0]
  if (!run) return undefined
  return {
    id: run.id,
    name: run.name ?? request.workflow,
    status: run.status ?? 'queued',
    conclusion: run.conclusion ?? null,
    htmlUrl: run.html_url,
    runAttempt: run.run_attempt ?? 1,
    event: run.event,
    headSha: run.head_sha,
    createdAt: run.created_at
  }
}
