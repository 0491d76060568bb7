import { expectShape } from '../util/vendor-response.js'
import type { GitHubClient } from './client.js'
import { isMilestone, type MilestoneRecord } from './list-milestones.js'

/** Creates an open milestone due on a date (YYYY-MM-DD). */
export async function createMilestone(client: GitHubClient, request: { owner: string; repo: string; title: string; dueOn: string }): Promise<MilestoneRecord> {
  const { data } = await client.rest.issues.createMilestone({
    owner: request.owner,
    repo: request.repo,
    title: request.title,
    due_on: `${request.dueOn}T00:00:00Z`
  })
  const milestone = expectShape(data as unknown, isMilestone, 'GitHub create milestone', 'a milestone with number and title')
  return { number: milestone.number, title: milestone.title }
}
