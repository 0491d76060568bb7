// What the Action needs to know about the event that started the workflow, from its payload.
// Pure: main.ts reads the payload file and passes it in.

import { asDict } from '../util/dict.js'

/** Events whose payload has a `pull_request` and on which GITHUB_SHA is the merge commit, not the PR's head. */
export const PULL_REQUEST_EVENTS: readonly string[] = ['pull_request', 'pull_request_target']

export interface PullRequestInfo {
  number: number
  /** The PR's head commit: what annotations and check runs must be attached to. */
  headSha: string
  /** `changed_files` of the payload, when present. */
  changedFiles?: number
  /** Head repository differs from the base one (or was deleted): the workflow token is then read-only on `pull_request`. */
  fromFork: boolean
}

export interface ActionEvent {
  name: string
  /** Present on pull_request and pull_request_target. */
  pullRequest?: PullRequestInfo
  /** The commit findings are about: the PR's head commit on pull requests, GITHUB_SHA otherwise. */
  sha: string
}

export function describeEvent(name: string, payload: unknown, githubSha: string): ActionEvent {
  if (!PULL_REQUEST_EVENTS.includes(name)) return { name, sha: githubSha }
  const pr = asDict(asDict(payload)?.pull_request)
  const head = asDict(pr?.head)
  const number = pr?.number
  const headSha = head?.sha
  if (typeof number !== 'number' || typeof headSha !== 'string' || !/^[0-9a-f]{40}$/i.test(headSha)) {
    throw new Error(`the ${name} event payload has no pull_request.number and pull_request.head.sha; is GITHUB_EVENT_PATH the event of this run?`)
  }
  const headRepo = asDict(head?.repo)?.full_name
  const baseRepo = asDict(asDict(pr?.base)?.repo)?.full_name
  const pullRequest: PullRequestInfo = {
    number,
    headSha: headSha.toLowerCase(),
    fromFork: typeof headRepo !== 'string' || headRepo !== baseRepo
  }
  if (typeof pr?.changed_files === 'number') pullRequest.changedFiles = pr.changed_files
  return { name, pullRequest, sha: pullRequest.headSha }
}
