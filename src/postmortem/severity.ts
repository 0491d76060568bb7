import type { Severity } from './model.js'

/** `Sev1`, `SEV1`, `SEV-1`, `sev 1` and `sev_1` are one level: compare on this key. */
export function severityKey(value: string): string {
  return value.toLowerCase().replace(/[\s_-]+/g, '')
}

/**
 * Maps a written severity onto the configured levels (most severe first). A trailing note such as
 * `Sev1 (customer-facing)` or `Sev1, upgraded from Sev2` is allowed; anything else is kept raw with no
 * label, for PM003 to report.
 */
export function parseSeverity(raw: string, levels: readonly string[]): Severity {
  const value = raw.trim()
  const keys = levels.map(severityKey)
  const candidates = [value, value.replace(/\s*[([].*$/, ''), /^[^\s,;:]+(?:[\s_-]+\d+)?/.exec(value)?.[0] ?? '']
  for (const candidate of candidates) {
    const index = keys.indexOf(severityKey(candidate))
    if (candidate && index >= 0) return { raw: value, label: levels[index], rank: index + 1 }
  }
  return { raw: value }
}

/** Whether a severity is one of the given level names (in any spelling). */
export function severityIn(severity: Severity | undefined, levels: readonly string[]): boolean {
  if (!severity?.label) return false
  const key = severityKey(severity.label)
  return levels.some((level) => severityKey(level) === key)
}
