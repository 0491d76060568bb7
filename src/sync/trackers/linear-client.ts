// Linear's GraphQL API over fetch: the API key in `Authorization` without `Bearer`, the shared retry
// policy (retry.ts) with Linear's way of saying "rate limited" (a GraphQL error whose extensions.type
// is `ratelimited`, with HTTP 200, 400 or 429), and GraphQL errors turned into LinearError.

import { sanitizeVendorBody } from '../../util/sanitize.js'
import { UnexpectedResponseError } from '../../util/vendor-response.js'
import { HttpRequestError, sendWithRetry, type HttpPolicy, type HttpResponse } from '../retry.js'

export interface GraphQLErrorEntry {
  message: string
  path?: Array<string | number>
  extensions?: { type?: string; code?: string; userPresentableMessage?: string }
}

/** Linear refused the request, or answered it with errors. */
export class LinearError extends Error {
  override readonly name = 'LinearError'
  constructor(
    message: string,
    /** HTTP-like status for the entries: 401 for authentication, else the HTTP status of the answer. */
    readonly status: number,
    readonly errors: GraphQLErrorEntry[]
  ) {
    super(message)
  }

  get isInputError(): boolean {
    return this.errors.some((e) => e.extensions?.code === 'INPUT_ERROR' || e.extensions?.type === 'invalid input')
  }
}

export interface LinearClientOptions {
  apiKey: string
  apiUrl: string
  fetch: typeof fetch
  policy: HttpPolicy
}

function errorsOf(json: unknown): GraphQLErrorEntry[] {
  const errors = json !== null && typeof json === 'object' ? (json as { errors?: unknown }).errors : undefined
  return Array.isArray(errors) ? (errors as GraphQLErrorEntry[]) : []
}

const isRateLimited = (response: HttpResponse): boolean => errorsOf(response.json).some((e) => e.extensions?.type === 'ratelimited' || e.extensions?.code === 'RATELIMITED')

/** What `data` must look like for the code that reads it, and how to say so when it does not. */
export interface DataShape<T> {
  guard: (data: unknown) => data is T
  expected: string
}

export interface GraphQLResult<T> {
  data: T
  /** Errors that came with data (e.g. one alias not found); empty when all went well. */
  errors: GraphQLErrorEntry[]
}

export class LinearClient {
  constructor(private readonly options: LinearClientOptions) {}

  /**
   * Sends one document. `partial` accepts errors alongside data (aliased reads where some are not found);
   * otherwise any error throws. `idempotent`: safe to send twice (reads; creates with a client-chosen id).
   * `shape`: what the answer's `data` must look like; anything else (a garbage body, no data) is an
   * UnexpectedResponseError, never an empty result.
   */
  async request<T>(
    operationName: string,
    query: string,
    variables: Record<string, unknown>,
    options: { idempotent: boolean; partial?: boolean; shape: DataShape<T> }
  ): Promise<GraphQLResult<T>> {
    const response = await sendWithRetry(
      this.options.fetch,
      {
        url: this.options.apiUrl,
        method: 'POST',
        headers: { authorization: this.options.apiKey, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ operationName, query, variables }),
        idempotent: options.idempotent,
        what: `Linear ${operationName}`
      },
      this.options.policy,
      isRateLimited
    )
    const errors = errorsOf(response.json)
    const data: unknown = response.json !== null && typeof response.json === 'object' ? ((response.json as { data?: unknown }).data ?? null) : null
    const auth = errors.some((e) => e.extensions?.type === 'authentication error' || e.extensions?.code === 'AUTHENTICATION_ERROR')
    if (auth || response.status === 401 || response.status === 403) {
      throw new LinearError(`Linear ${operationName}: ${sanitizeVendorBody(String(errors[0]?.message ?? 'not authenticated'))} (check the API key; it is sent without "Bearer")`, 401, errors)
    }
    if (response.status >= 400 || (errors.length > 0 && !(options.partial && data !== null))) {
      const message = sanitizeVendorBody(errors.map((e) => String(e.extensions?.userPresentableMessage ?? e.message)).join('; ')) || `HTTP ${response.status}`
      throw new LinearError(`Linear ${operationName}: ${message}`, response.status, errors)
    }
    if (!options.shape.guard(data)) throw new UnexpectedResponseError(`Linear ${operationName}`, options.shape.expected, response.json)
    return { data, errors }
  }
}

export function isAmbiguous(error: unknown): boolean {
  return error instanceof HttpRequestError && error.ambiguous
}
