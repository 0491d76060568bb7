// What the gate needs from the event that started the workflow: which commit to report on, which pull
// request it belongs to, and the base whose policy applies. Pure: main.ts reads the payload file.

import type { DrillRun } from '../gates/drills.js'
import { asDict } from '../util/dict.js'

export type GateTarget =
  /** pull_request / pull_request_target: everything is in the payload. */
  | {
      kind: 'pull-request'
      number: number
      htmlUrl?: string
      /** The head commit (never the merge commit GITHUB_SHA points at). */
      headSha: string
      baseSha: string
      title: string
      body: string
      labels: string[]
      fromFork: boolean
      changedFiles?: number
    }
  /** merge_group: the queue's head commit; the pull request is named in the queue branch (`…/pr-104-<sha>`). */
  | { kind: 'merge-group'; headSha: string; baseSha: string; pullNumber?: number }
  /** workflow_run (completed drill workflow): the pull request is found from the head commit. */
  | { kind: 'workflow-run'; headSha: string; pullNumbers: number[]; run: DrillRun & { path: string } }
  | { kind: 'unsupported'; event: string }

export const GATE_EVENTS = ['pull_request', 'pull_request_target', 'merge_group', 'workflow_run'] as const

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
const isSha = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{40}$/i.test(value)

export class GateEventError extends Error {
  override readonly name = 'GateEventError'
}

export function describeGateEvent(name: string, payload: unknown): GateTarget {
  const p = asDict(payload) ?? {}
  if (name === 'pull_request' || name === 'pull_request_target') {
    const pr = asDict(p.pull_request)
    const head = asDict(pr?.head)
    const base = asDict(pr?.base)
    if (typeof pr?.number !== 'number' || !isSha(head?.sha) || !isSha(base?.sha)) {
      throw new GateEventError(`the ${name} event payload has no pull_request.number, head.sha and base.sha; is GITHUB_EVENT_PATH the event of this run?`)
    }
    const headRepo = str(asDict(head?.repo)?.full_name)
    const baseRepo = str(asDict(base?.repo)?.full_name)
    const labels = Array.isArray(pr.labels) ? pr.labels.map((l) => str(asDict(l)?.name)).filter((l): l is string => l !== undefined) : []
    return {
      kind: 'pull-request',
      number: pr.number,
      ...(str(pr.html_url) !== undefined && { htmlUrl: str(pr.html_url) as string }),
      headSha: head.sha.toLowerCase(),
      baseSha: base.sha.toLowerCase(),
      title: str(pr.title) ?? '',
      body: str(pr.body) ?? '',
      labels,
      fromFork: headRepo === undefined || headRepo !== baseRepo,
      ...(typeof pr.changed_files === 'number' && { changedFiles: pr.changed_files })
    }
  }
  if (name === 'merge_group') {
    const group = asDict(p.merge_group)
    if (!isSha(group?.head_sha) || !isSha(group?.base_sha)) throw new GateEventError('the merge_group event payload has no merge_group.head_sha and base_sha')
    const number = /\/pr-(\d+)-[0-9a-f]+$/i.exec(str(group.head_ref) ?? '')?.[1]
    return { kind: 'merge-group', headSha: group.head_sha.toLowerCase(), baseSha: group.base_sha.toLowerCase(), ...(number !== undefined && { pullNumber: Number(number) }) }
  }
  if (name === 'workflow_run') {
    const run = asDict(p.workflow_run)
    if (!run || !isSha(run.head_sha) || typeof run.id !== 'number') throw new GateEventError('the workflow_run event payload has no workflow_run.id and head_sha')
    const pullNumbers = (Array.isArray(run.pull_requests) ? run.pull_requests : []).map((pr) => asDict(pr)?.number).filter((n): n is number => typeof n === 'number')
    const path = str(run.path) ?? str(asDict(p.workflow)?.path) ?? ''
    return {
      kind: 'workflow-run',
      headSha: run.head_sha.toLowerCase(),
      pullNumbers,
      run: {
        kind: 'workflow run',
        name: path.replace(/@.*$/, '').split('/').pop() || (str(run.name) ?? 'drills'),
        id: run.id,
        status: str(run.status) ?? 'completed',
        conclusion: str(run.conclusion) ?? null,
        ...(str(run.html_url) !== undefined && { url: str(run.html_url) as string }),
        ...(typeof run.run_attempt === 'number' && { attempt: run.run_attempt }),
        headSha: run.head_sha.toLowerCase(),
        path
      }
    }
  }
  return { kind: 'unsupported', event: name }
}
