import type { Owner } from './model.js'

const HANDLE_RE = /^@[A-Za-z0-9](?:[A-Za-z0-9._/-]*[A-Za-z0-9])?$/
// A person's or team's name: letters (any script), spaces, apostrophes, dots and hyphens.
const NAME_RE = /^\p{L}[\p{L}\p{M}'’. -]*$/u

/** Parses one owner: an `@handle` or a name. Undefined when it is neither. */
export function parseOwner(raw: string): Owner | undefined {
  const value = raw.trim().replace(/^\*\*(.*)\*\*$/, '$1')
  if (HANDLE_RE.test(value)) return { raw: value, name: value.slice(1), isHandle: true }
  if (NAME_RE.test(value) && value.length <= 80) return { raw: value, name: value.replace(/\s+/g, ' '), isHandle: false }
  return undefined
}

/** Parses a list of owners separated by commas, semicolons or " and ". */
export function parseOwnerList(raw: string): { owners: Owner[]; invalid: string[] } {
  const owners: Owner[] = []
  const invalid: string[] = []
  for (const part of raw.split(/\s*[,;]\s*|\s+and\s+|\s*&\s*/)) {
    if (!part.trim()) continue
    const owner = parseOwner(part)
    if (owner) owners.push(owner)
    else invalid.push(part.trim())
  }
  return { owners, invalid }
}
