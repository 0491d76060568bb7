// The one test for "a plain object of settings" (not null, not a list), for code that walks parsed YAML/JSON.

export type Dict = Record<string, unknown>

/** True for an object that is neither null nor an array: a YAML map or JSON object once parsed. */
export function isDict(value: unknown): value is Dict {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
