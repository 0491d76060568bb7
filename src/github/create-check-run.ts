import type { GitHubClient } from './client.js'
import { errorMessage } from '../util/error-message.js'

/** The Checks API takes at most this many annotations per request; the rest go in updates. */
export const ANNOTATIONS_PER_REQUEST = 50
/** Limits of the Checks API (see the `checks/create` request body). */
export const MAX_OUTPUT_TEXT = 65535
const MAX_ANNOTATION_TITLE = 255
const MAX_ANNOTATION_MESSAGE = 64 * 1024

export interface CheckRunAnnotation {
  path: string
  start_line: number
  end_line: number
  /** Only when start_line equals end_line (GitHub rejects columns on multi-line annotations). */
  start_column?: number
  end_column?: number
  annotation_level: 'notice' | 'warning' | 'failure'
  message: string
  title?: string
}

export type CheckRunConclusion = 'success' | 'failure' | 'neutral'

export interface CheckRunRequest {
  owner: string
  repo: string
  name: string
  /** The commit the run is attached to: on pull requests the head commit, never the merge commit. */
  headSha: string
  /** Omitted: the run is created `in_progress` (no conclusion yet), to be completed by an update. */
  conclusion?: CheckRunConclusion
  title: string
  /** Markdown, cut at GitHub's 65535 characters if longer. */
  summary: string
  annotations: readonly CheckRunAnnotation[]
  detailsUrl?: string
}

export interface CreatedCheckRun {
  id: number
  htmlUrl: string | null
  /** Requests made: one create and one update per further 50 annotations. */
  requests: number
}

/** Creating succeeded but appending annotations failed part-way: the run exists with the first `annotationsSent`. */
export class PartialCheckRunError extends Error {
  override readonly name = 'PartialCheckRunError'
  constructor(
    readonly checkRun: CreatedCheckRun,
    readonly annotationsSent: number,
    readonly annotationsTotal: number,
    override readonly cause: unknown
  ) {
    super(
      `check run ${checkRun.id} was created, but only ${annotationsSent} of ${annotationsTotal} annotations were added: ${
        errorMessage(cause)
      }`
    )
  }
}

export function cut(text: string, max: number): string {
  if (text.length <= max) return text
  const marker = '… (truncated)'
  return text.slice(0, max - marker.length) + marker
}

export function limited(annotation: CheckRunAnnotation): CheckRunAnnotation {
  const out: CheckRunAnnotation = { ...annotation, message: cut(annotation.message, MAX_ANNOTATION_MESSAGE) }
  if (annotation.title !== undefined) out.title = cut(annotation.title, MAX_ANNOTATION_TITLE)
  if (out.start_line !== out.end_line) {
    delete out.start_column
    delete out.end_column
  }
  return out
}

/**
 * Creates a completed check run carrying every annotation: the first 50 with the create request, the
 * rest appended by updates of 50 each. The run is completed (with its conclusion) from the first
 * request, so a failure while appending never leaves it stuck "in progress".
 */
export async function createCheckRun(client: GitHubClient, request: CheckRunRequest): Promise<CreatedCheckRun> {
  const annotations = request.annotations.map(limited)
  const output = { title: request.title, summary: cut(request.summary, MAX_OUTPUT_TEXT) }
  const { data } = await client.rest.checks.create({
    owner: request.owner,
    repo: request.repo,
    name: request.name,
    head_sha: request.headSha,
    ...(request.conclusion === undefined ? { status: 'in_progress' as const } : { status: 'completed' as const, conclusion: request.conclusion }),
    ...(request.detailsUrl !== undefined && { details_url: request.detailsUrl }),
    output: { ...output, annotations: annotations.slice(0, ANNOTATIONS_PER_REQUEST) }
  })
  const created: CreatedCheckRun = { id: data.id, htmlUrl: data.html_url, requests: 1 }
  for (let start = ANNOTATIONS_PER_REQUEST; start < annotations.length; start += ANNOTATIONS_PER_REQUEST) {
    try {
      await client.rest.checks.update({
        owner: request.owner,
        repo: request.repo,
        check_run_id: created.id,
        output: { ...output, annotations: annotations.slice(start, start + ANNOTATIONS_PER_REQUEST) }
      })
    } catch (error) {
      throw new PartialCheckRunError(created, start, annotations.length, error)
    }
    created.requests++
  }
  return created
}
