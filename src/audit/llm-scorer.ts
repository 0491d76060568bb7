// The `llm` scorer: one chat-completions request per transcript for all its llm dimensions, at
// temperature 0, asking for structured output with a JSON Schema (`response_format: json_schema`). A
// server that rejects json_schema with 400 is asked again with `json_object` (and the schema in the
// prompt) for the rest of the run. The reply is validated with ajv, dimension by dimension: a missing or
// invalid score is a failed score, never a pass. The HTTP side (retries, timeouts) is the injected
// ChatComplete (src/llm/chat-completions.ts); this module decides what to ask and what the answer means.

import { Ajv, type ValidateFunction } from 'ajv'
import type { AuditDimension } from '../config/types.js'
import type { RenderedTranscript } from './render.js'
import { describeScale, scaleBounds } from './rubric.js'
import { sanitizeText } from '../util/sanitize.js'
import { failed, scored, type DimensionScore } from './scores.js'

/** Longest reason kept from a model's reply. */
const MAX_REASON_CHARS = 2000

export interface ChatMessage {
  role: 'system' | 'user'
  content: string
}

export type ResponseFormat =
  | { type: 'json_schema'; json_schema: { name: string; strict: boolean; schema: Record<string, unknown> } }
  | { type: 'json_object' }

export interface ChatRequest {
  model: string
  messages: ChatMessage[]
  temperature: 0
  response_format: ResponseFormat
}

/** The endpoint's answer, or why there is none (after the adapter's retries). */
export type ChatOutcome =
  | { ok: true; content: string | null; finishReason?: string; refusal?: string }
  | { ok: false; status?: number; message: string; unreachable?: boolean }

export type ChatComplete = (request: ChatRequest) => Promise<ChatOutcome>

export const RESPONSE_SCHEMA_NAME = 'audit_scores'

/**
 * The reply's JSON Schema. `withBounds` adds minimum/maximum: ajv checks them, but they are left out of
 * what is sent, because strict structured output on several servers rejects those keywords.
 */
export function replySchema(dimensions: readonly AuditDimension[], withBounds: boolean): Record<string, unknown> {
  const properties: Record<string, unknown> = {}
  for (const d of dimensions) {
    const { min, max, integer } = scaleBounds(d.scale)
    properties[d.name] = {
      type: 'object',
      additionalProperties: false,
      required: ['score', 'reason'],
      properties: {
        score: {
          type: integer ? 'integer' : 'number',
          description: `${d.description} Score: ${describeScale(d)}.`,
          ...(withBounds ? { minimum: min, maximum: max } : {})
        },
        reason: { type: 'string', description: 'One or two sentences of evidence, citing line numbers.' }
      }
    }
  }
  return { type: 'object', additionalProperties: false, required: dimensions.map((d) => d.name), properties }
}

function rubricText(dimensions: readonly AuditDimension[]): string {
  return dimensions
    .map((d) => `- ${d.name}: ${d.description} Score ${describeScale(d)}; a transcript passes at ${d.threshold} or above.`)
    .join('\n')
}

export function buildRequest(
  dimensions: readonly AuditDimension[],
  transcript: RenderedTranscript & { path: string },
  model: string,
  format: ResponseFormat['type']
): ChatRequest {
  const shape = `{${dimensions.map((d) => `"${d.name}": {"score": <number>, "reason": "<text>"}`).join(', ')}}`
  let system =
    'You audit transcripts of an AI agent in production against a rubric. Judge only from the transcript. ' +
    'For each dimension give a score on its scale and a short reason citing line numbers. ' +
    `Reply with a JSON object only, exactly in this shape: ${shape}.`
  if (format === 'json_object') system += `\nThe JSON must match this JSON Schema: ${JSON.stringify(replySchema(dimensions, true))}`
  const left = transcript.omitted > 0 ? `; ${transcript.omitted} events from the middle are left out to fit` : ''
  const user = `Rubric:\n${rubricText(dimensions)}\n\nTranscript ${transcript.path} (${transcript.events} events${left}):\n${transcript.text}`
  const response_format: ResponseFormat =
    format === 'json_schema'
      ? { type: 'json_schema', json_schema: { name: RESPONSE_SCHEMA_NAME, strict: true, schema: replySchema(dimensions, false) } }
      : { type: 'json_object' }
  return {
    model,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user }
    ],
    temperature: 0,
    response_format
  }
}

function unfenced(content: string): string {
  const m = /^\s*```(?:json)?\s*\n?([\s\S]*?)\n?\s*```\s*$/i.exec(content)
  return m?.[1] ?? content
}

export interface ReplyValidator {
  dimensions: readonly AuditDimension[]
  byDimension: Map<string, ValidateFunction>
}

export function replyValidator(dimensions: readonly AuditDimension[]): ReplyValidator {
  const ajv = new Ajv({ allErrors: true, strict: false })
  const schema = replySchema(dimensions, true) as { properties: Record<string, object> }
  const byDimension = new Map<string, ValidateFunction>()
  for (const d of dimensions) byDimension.set(d.name, ajv.compile(schema.properties[d.name] ?? {}))
  return { dimensions, byDimension }
}

/** The scores in a reply, each dimension validated on its own; anything unusable is a failed score. */
export function parseReply(content: string | null, validator: ReplyValidator, notes: { finishReason?: string; refusal?: string } = {}): Record<string, DimensionScore> {
  const all = (reason: string): Record<string, DimensionScore> =>
    Object.fromEntries(validator.dimensions.map((d) => [d.name, failed(reason, true)]))
  if (notes.refusal) return all(`the model refused: ${sanitizeText(notes.refusal, { multiline: false, maxLength: 200 })}`)
  if (content === null || content.trim() === '') return all('the model sent an empty reply')
  let reply: unknown
  try {
    reply = JSON.parse(unfenced(content))
  } catch (error) {
    const cutShort = notes.finishReason === 'length' ? ' (it was cut off at the token limit)' : ''
    return all(`the model's reply is not JSON${cutShort}: ${error instanceof Error ? error.message.slice(0, 120) : String(error)}`)
  }
  if (reply === null || typeof reply !== 'object' || Array.isArray(reply)) return all('the model\'s reply is not a JSON object')
  const out: Record<string, DimensionScore> = {}
  for (const d of validator.dimensions) {
    const part = (reply as Record<string, unknown>)[d.name]
    if (part === undefined) {
      out[d.name] = failed(`the model's reply has no score for ${d.name}`, true)
      continue
    }
    const validate = validator.byDimension.get(d.name)
    if (!validate || !validate(part)) {
      const why = (validate?.errors ?? []).map((e) => `${e.instancePath.replace(/^\//, '') || d.name} ${e.message ?? 'is invalid'}`).join('; ')
      out[d.name] = failed(`the model's reply for ${d.name} is invalid: ${why}`, true)
      continue
    }
    const { score, reason } = part as { score: number; reason: string }
    // The model's words go into records and reports: no control characters or workflow commands.
    const said = sanitizeText(reason, { maxLength: MAX_REASON_CHARS }).trim()
    out[d.name] = scored(score, said === '' ? '(the model gave no reason)' : said)
  }
  return out
}

/** Why the scorer stopped sending requests this run. */
export interface LlmStop {
  /** The HTTP status (401/403: the credentials were refused), or undefined when nothing answered. */
  status?: number
  /** As the failed scores say it: `the model endpoint failed (401): …`. */
  message: string
  /** The endpoint's own words (or the network error), without the status. */
  detail: string
}

export interface LlmScorer {
  dimensions: readonly AuditDimension[]
  /** Scores one transcript. Never throws: every failure is a failed score saying why. */
  score(transcript: RenderedTranscript & { path: string }): Promise<Record<string, DimensionScore>>
  /** Set once a failure means no further request can succeed this run. */
  stoppedBy(): LlmStop | undefined
}

/** Statuses after which no further request can succeed this run (the key or the URL is wrong). */
const FATAL_STATUSES = new Set([401, 403, 404])

/** 401/403: the endpoint refused the credentials, a configuration error rather than a failed run. */
export function refusedCredentials(stop: LlmStop | undefined): boolean {
  return stop?.status === 401 || stop?.status === 403
}

export function createLlmScorer(dimensions: readonly AuditDimension[], options: { model: string; complete: ChatComplete }): LlmScorer {
  const validator = replyValidator(dimensions)
  // Shared by the run's requests: once the server has refused json_schema, it is not offered again.
  let format: ResponseFormat['type'] = 'json_schema'
  let stopped: LlmStop | undefined

  const notFinal = (reason: string) => Object.fromEntries(dimensions.map((d) => [d.name, failed(reason, false)]))

  return {
    dimensions,
    async score(transcript) {
      if (stopped !== undefined) return notFinal(`not scored: ${stopped.message}`)
      const asked = format
      let outcome = await options.complete(buildRequest(dimensions, transcript, options.model, asked))
      if (!outcome.ok && outcome.status === 400 && asked === 'json_schema') {
        format = 'json_object'
        outcome = await options.complete(buildRequest(dimensions, transcript, options.model, 'json_object'))
      }
      if (!outcome.ok) {
        const what = `the model endpoint failed${outcome.status === undefined ? '' : ` (${outcome.status})`}: ${outcome.message}`
        // Nothing listening, or a refused key: every further request would fail the same way.
        if ((outcome.status !== undefined && FATAL_STATUSES.has(outcome.status)) || outcome.unreachable) {
          stopped ??= { ...(outcome.status !== undefined && { status: outcome.status }), message: what, detail: outcome.message }
        }
        return notFinal(`not scored: ${what}`)
      }
      return parseReply(outcome.content, validator, {
        ...(outcome.finishReason !== undefined && { finishReason: outcome.finishReason }),
        ...(outcome.refusal !== undefined && { refusal: outcome.refusal })
      })
    },
    stoppedBy: () => stopped
  }
}
