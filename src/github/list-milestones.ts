import { expectShape, isArrayOf, isRecord, isString } from '../util/vendor-response.js'
import type { GitHubClient } from './client.js'

export interface MilestoneRecord {
  number: number
  title: string
}

export function isMilestone(value: unknown): value is MilestoneRecord {
  return isRecord(value) && Number.isInteger(value.number) && isString(value.title)
}

/** Every milestone of the repository, open and closed. */
export async function listMilestones(client: GitHubClient, request: { owner: string; repo: string }): Promise<MilestoneRecord[]> {
  const all: MilestoneRecord[] = []
  const pages = client.paginate.iterator(client.rest.issues.listMilestones, { owner: request.owner, repo: request.repo, state: 'all', per_page: 100 })
  for await (const page of pages) {
    const data = expectShape(page.data as unknown, (v): v is MilestoneRecord[] => isArrayOf(v, isMilestone), 'GitHub list milestones', 'an array of milestones with number and title')
    for (const m of data) all.push({ number: m.number, title: m.title })
  }
  return all
}
