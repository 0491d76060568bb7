// "Did you mean …?" for misspelt keys and names.

/** Lower case without separators or a plural ending: `Linked_Severities` → `linkedseverity`. */
function stem(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\s_-]/g, '')
    .replace(/ies$/, 'y')
    .replace(/s$/, '')
}

/**
 * A likely intended name: the same letters ignoring case, separators and a plural `s`/`ies`
 * (`auditPeriod`, `linked-severity` for `linked-severities`), or within two edits.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const exact = candidates.find((c) => stem(c) === stem(name))
  if (exact) return exact
  let best: { candidate: string; distance: number } | undefined
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase())
    if (distance <= 2 && (!best || distance < best.distance)) best = { candidate, distance }
  }
  return best?.candidate
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
