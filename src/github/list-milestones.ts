import type { GitHubClient } from './client.js'

export interface MilestoneRecord {
  number: number
  title: string
}

/** Every milestone of the repository, open and closed. */
export async function listMilestones(client: GitHubClient, request: { owner: string; repo: string }): Promise<MilestoneRecord[]> {
  const all: MilestoneRecord[] = []
  const pages = client.paginate.iterator(client.rest.issues.listMilestones, { owner: request.owner, repo: request.repo, state: 'all', per_page: 100 })
  for await (const page of pages) for (const m of page.data) all.push({ number: m.number, title: m.title })
  return all
}
