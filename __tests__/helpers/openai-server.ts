// A local OpenAI-compatible chat-completions server on 127.0.0.1 for the llm scorer's tests. It checks
// every request the way OpenAI would, and the way our contract demands, and answers 4xx where the real
// service would refuse:
// - POST /v1/chat/completions with a JSON body; `Authorization: Bearer <key>` when a key is set (401);
// - `model` is the expected one (404 model_not_found otherwise, as OpenAI answers);
// - `messages` is a non-empty list of {role, content: string} (400);
// - `temperature` is 0: our contract, since the audit must be repeatable (400 naming it);
// - `response_format` is {type: 'json_schema', json_schema: {name, strict, schema}} with a schema valid
//   for strict structured output (every object closed and requiring all its properties), or
//   {type: 'json_object'} with the word JSON in the messages, as OpenAI requires (400);
// - with `jsonSchema: false` it answers json_schema with 400, like servers that only know json_object.
// Replies are queued per test: scores (checked against the request's schema before they are sent), raw
// content (malformed JSON, missing fields), a status with Retry-After (429, 500, 503), or a reset
// connection. Without a queued reply it scores every dimension at the top of its scale. Queued scores that
// break the request's schema are answered 418: a real server enforcing the schema would never send them,
// so a test that wants a broken reply queues it as raw content.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Ajv } from 'ajv'

export type FakeReply =
  | { scores: Record<string, { score: unknown; reason?: unknown } | undefined> }
  | { content: string | null; finishReason?: string; refusal?: string }
  | { status: number; retryAfter?: string; message?: string }
  | { reset: true }

export interface RecordedRequest {
  headers: IncomingMessage['headers']
  body: {
    model?: unknown
    messages?: Array<{ role?: unknown; content?: unknown }>
    temperature?: unknown
    response_format?: { type?: unknown; json_schema?: { name?: unknown; strict?: unknown; schema?: Record<string, unknown> } }
    [key: string]: unknown
  }
  /** Why the fake refused it ('' when it was accepted). */
  rejected: string
  /** What it answered: a status, or 'reset'. */
  answered: number | 'reset'
}

export interface FakeOpenAIOptions {
  /** Required bearer key; undefined accepts requests without one. */
  apiKey?: string
  /** The only model it knows. */
  model?: string
  /** Whether response_format json_schema is supported (default true). */
  jsonSchema?: boolean
}

const STRICT_UNSUPPORTED = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'format', 'multipleOf']

/** Problems with a schema for strict structured output. */
function strictSchemaProblems(schema: unknown, at = '$'): string[] {
  if (schema === null || typeof schema !== 'object') return [`${at} is not a schema`]
  const s = schema as Record<string, unknown>
  const problems: string[] = []
  for (const keyword of STRICT_UNSUPPORTED) if (keyword in s) problems.push(`${at}: '${keyword}' is not permitted`)
  if (s.type === 'object') {
    const props = (s.properties ?? {}) as Record<string, unknown>
    if (s.additionalProperties !== false) problems.push(`${at}: 'additionalProperties' is required to be supplied and to be false`)
    const required = Array.isArray(s.required) ? (s.required as string[]) : []
    for (const key of Object.keys(props)) {
      if (!required.includes(key)) problems.push(`${at}: 'required' is required to be supplied and to be an array including every key in properties. Missing '${key}'`)
      problems.push(...strictSchemaProblems(props[key], `${at}.${key}`))
    }
  }
  return problems
}

function completion(model: string, content: string | null, finishReason = 'stop', refusal: string | null = null) {
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    object: 'chat.completion',
    created: 1790000000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal }, logprobs: null, finish_reason: finishReason }],
    usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 }
  }
}

export class FakeOpenAI {
  readonly requests: RecordedRequest[] = []
  private queue: FakeReply[] = []
  private readonly ajv = new Ajv({ strict: false, allErrors: true })

  private constructor(
    private readonly server: Server,
    readonly options: FakeOpenAIOptions
  ) {}

  static async start(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
    let fake: FakeOpenAI | undefined
    const server = createServer((req, res) => void fake?.handle(req, res))
    fake = new FakeOpenAI(server, options)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return fake
  }

  /** The base URL, as OPENAI_BASE_URL would be: `http://127.0.0.1:<port>/v1`. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`
  }

  /** Answers for the next requests that pass the checks, in order. */
  reply(...replies: FakeReply[]): void {
    this.queue.push(...replies)
  }

  /** Accepted requests (the ones the fake answered as a model would, or with a queued status). */
  get accepted(): RecordedRequest[] {
    return this.requests.filter((r) => r.rejected === '')
  }

  reset(): void {
    this.requests.length = 0
    this.queue = []
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
    return status
  }

  private refuse(res: ServerResponse, record: RecordedRequest, status: number, message: string, type = 'invalid_request_error', code: string | null = null): void {
    record.rejected = message
    record.answered = this.send(res, status, { error: { message, type, param: null, code } })
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const record: RecordedRequest = { headers: req.headers, body: {}, rejected: '', answered: 0 }
    this.requests.push(record)
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return this.refuse(res, record, 404, `Unknown request URL: ${req.method} ${req.url}`)
    if (this.options.apiKey !== undefined && req.headers.authorization !== `Bearer ${this.options.apiKey}`) {
      return this.refuse(res, record, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key')
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return this.refuse(res, record, 400, 'Content-Type must be application/json')
    try {
      record.body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedRequest['body']
    } catch {
      return this.refuse(res, record, 400, 'We could not parse the JSON body of your request.')
    }
    const { body } = record
    if (this.options.model !== undefined && body.model !== this.options.model) {
      return this.refuse(res, record, 404, `The model \`${String(body.model)}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found')
    }
    const messages = body.messages
    if (!Array.isArray(messages) || messages.length === 0) return this.refuse(res, record, 400, "'messages' must be a non-empty array")
    for (const m of messages) {
      if (!['system', 'user', 'assistant', 'developer'].includes(String(m.role)) || typeof m.content !== 'string') return this.refuse(res, record, 400, 'each message needs a role and string content')
    }
    if (body.temperature !== 0) return this.refuse(res, record, 400, `fake: the audit must ask for temperature 0 (got ${JSON.stringify(body.temperature)})`)
    const format = body.response_format
    let schema: Record<string, unknown> | undefined
    if (format?.type === 'json_schema') {
      if (this.options.jsonSchema === false) return this.refuse(res, record, 400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.")
      const js = format.json_schema
      if (!js || typeof js.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(js.name) || typeof js.schema !== 'object') {
        return this.refuse(res, record, 400, "Invalid 'response_format.json_schema': needs a name (a-z, A-Z, 0-9, _ and -, up to 64) and a schema")
      }
      if (js.strict === true) {
        const problems = strictSchemaProblems(js.schema)
        if (problems.length > 0) return this.refuse(res, record, 400, `Invalid schema for response_format '${js.name}': ${problems[0]}`)
      }
      schema = js.schema
    } else if (format?.type === 'json_object') {
      if (!messages.some((m) => /json/i.test(String(m.content)))) {
        return this.refuse(res, record, 400, "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.")
      }
    } else return this.refuse(res, record, 400, `fake: the audit must ask for structured output (got response_format ${JSON.stringify(format)})`)

    const next = this.queue.shift() ?? { scores: this.topScores(body) }
    if ('reset' in next) {
      record.answered = 'reset'
      req.socket.destroy()
      return
    }
    if ('status' in next) {
      record.answered = this.send(
        res,
        next.status,
        { error: { message: next.message ?? (next.status === 429 ? 'Rate limit reached for requests' : 'The server had an error while processing your request.'), type: next.status === 429 ? 'requests' : 'server_error', code: null } },
        next.retryAfter === undefined ? {} : { 'retry-after': next.retryAfter }
      )
      return
    }
    const model = String(body.model)
    if ('content' in next) {
      record.answered = this.send(res, 200, completion(model, next.content, next.finishReason, next.refusal ?? null))
      return
    }
    const content = JSON.stringify(next.scores)
    // A real server with a schema never sends a reply that breaks it; queued scores that do are a test bug.
    if (schema !== undefined && !this.ajv.validate(schema, next.scores)) {
      return this.refuse(res, record, 418, `fake: the queued scores do not match the request's schema (queue raw content instead): ${this.ajv.errorsText()}`)
    }
    record.answered = this.send(res, 200, completion(model, content))
  }

  /** Every dimension the request asks about, at the top of its scale. */
  private topScores(body: RecordedRequest['body']): Record<string, { score: number; reason: string }> {
    const fromSchema = body.response_format?.json_schema?.schema?.required
    const user = String(body.messages?.find((m) => m.role === 'user')?.content ?? '')
    const names = Array.isArray(fromSchema) ? (fromSchema as string[]) : [...user.matchAll(/^- ([a-z][a-z0-9_]*):/gm)].map((m) => m[1] ?? '')
    return Object.fromEntries(names.map((n) => [n, { score: new RegExp(`^- ${n}: .*from 1 \\(worst\\) to 5`, 'm').test(user) ? 5 : 1, reason: 'fake: nothing wrong' }]))
  }
}
