// The one test for "a plain object of settings" (not null, not a list), for code that walks parsed YAML/JSON.

export type Dict = Record<string, unknown>

/** True for an object that is neither null nor an array: a YAML map or JSON object once parsed. */
export function isDict(value: unknown): value is Dict {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** The value as a Dict, or undefined when it is not one. */
export function asDict(value: unknown): Dict | undefined {
  return isDict(value) ? value : undefined
}

/** The value as a Dict, or an empty one when it is not one (absent sections read as "all defaults"). */
export function dictOrEmpty(value: unknown): Dict {
  return isDict(value) ? value : {}
}
