// The shape of a vendor's answer is checked before anything relies on it: a 2xx whose body is garbage (a
// proxy's HTML page, a truncated JSON, an object without the documented field) becomes one clear error
// for the call that got it, instead of a TypeError deep inside, or, worse, an empty list read as "no
// tickets". Small guards rather than full schemas: only what the code reads is checked.

import { sanitizeVendorBody } from './sanitize.js'

/** A successful answer whose body is not what the API documents. Never retried by the trackers: the call may have been carried out. */
export class UnexpectedResponseError extends Error {
  override readonly name = 'UnexpectedResponseError'
  constructor(what: string, expected: string, body: unknown) {
    super(`${what}: unexpected answer (expected ${expected}); got ${describeBody(body)}`)
  }
}

/** A short, safe rendering of a body for a message. */
export function describeBody(body: unknown): string {
  if (body === undefined) return 'an empty body'
  let text: string
  try {
    text = typeof body === 'string' ? body : (JSON.stringify(body) ?? String(body))
  } catch {
    text = String(body)
  }
  return `"${sanitizeVendorBody(text.length > 200 ? `${text.slice(0, 200)}…` : text)}"`
}

export type Json = Record<string, unknown>

export function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

export const isString = (value: unknown): value is string => typeof value === 'string'
export const isOptionalString = (value: unknown): value is string | null | undefined => value === undefined || value === null || typeof value === 'string'

/** Whether `value` is an array whose entries all pass `entry`. */
export function isArrayOf<T>(value: unknown, entry: (v: unknown) => v is T): value is T[] {
  return Array.isArray(value) && value.every((v) => entry(v))
}

/** Whether `value` is absent, null or an array whose entries all pass `entry`. */
export function isOptionalArrayOf<T>(value: unknown, entry: (v: unknown) => v is T): value is T[] | null | undefined {
  return value === undefined || value === null || isArrayOf(value, entry)
}

/** `value` when `guard` accepts it; otherwise an UnexpectedResponseError naming the call and what was expected. */
export function expectShape<T>(value: unknown, guard: (v: unknown) => v is T, what: string, expected: string): T {
  if (guard(value)) return value
  throw new UnexpectedResponseError(what, expected, value)
}
