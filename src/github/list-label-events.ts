import type { GitHubClient } from './client.js'

export interface LabelEvent {
  id: number
  action: 'labeled' | 'unlabeled'
  label: string
  actor: string
  createdAt: string
}

/** The `labeled` and `unlabeled` events of an issue or pull request, oldest first (all pages). */
export async function listLabelEvents(client: GitHubClient, request: { owner: string; repo: string; issueNumber: number }): Promise<LabelEvent[]> {
  const events: LabelEvent[] = []
  const iterator = client.paginate.iterator(client.rest.issues.listEvents, { owner: request.owner, repo: request.repo, issue_number: request.issueNumber, per_page: 100 })
  for await (const page of iterator) {
    for (const event of page.data) {
      if (event.event !== 'labeled' && event.event !== 'unlabeled') continue
      const label = (event as { label?: { name?: string } }).label?.name
      if (label === undefined) continue
      events.push({ id: event.id, action: event.event, label, actor: event.actor?.login ?? 'ghost', createdAt: event.created_at })
    }
  }
  return events
}
