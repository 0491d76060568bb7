// Paths into YAML/JSON data as people read them in messages.

/** `rollback.steps[0]`, `metrics[1].target`, `section-aliases["TL;DR"]`. */
export function formatKeyPath(segments: readonly (string | number)[]): string {
  let out = ''
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`
    else if (/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(s)) out += out === '' ? s : `.${s}`
    else out += `[${JSON.stringify(s)}]`
  }
  return out
}

/** Ajv's `instancePath` (a JSON pointer) as segments, with array indices as numbers so keys print as `paths[1]`. */
export function pointerSegments(pointer: string, root: unknown): Array<string | number> {
  if (pointer === '') return []
  const segments: Array<string | number> = []
  let node = root
  for (const part of pointer.slice(1).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(node)) {
      segments.push(Number(key))
      node = node[Number(key)]
    } else {
      segments.push(key)
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined
    }
  }
  return segments
}

/** What a wrong value was, for "(got …)" in a message: short, and never a dump of a whole map or list. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a map'
  return String(value)
}

const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  object: 'a map of key: value',
  string: 'text',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number'
}

/** JSON Schema types as people read them: `["string", "integer"]` → `text or a whole number`. */
export function describeTypes(types: readonly string[]): string {
  return types.map((t) => TYPE_NAMES[t] ?? t).join(' or ')
}
