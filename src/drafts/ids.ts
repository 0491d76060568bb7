// Postmortem ids in use and the next free one, by PM011's rule: an id is taken when a file is named
// PM-<id>.md or a title says `Incident PM-<id>`, compared without regard to case. Pure.

const FILE_ID = /(?:^|\/)PM-([A-Za-z0-9][A-Za-z0-9._-]*)\.md$/
const TITLE_ID = /^#\s+Incident\s+PM-([A-Za-z0-9][A-Za-z0-9._-]*)/im
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

/** Upper-cased id → the file that uses it. */
export function idsInUse(files: ReadonlyArray<{ path: string; text: string }>): Map<string, string> {
  const out = new Map<string, string>()
  for (const file of files) {
    for (const id of [FILE_ID.exec(file.path)?.[1], TITLE_ID.exec(file.text)?.[1]]) {
      if (id !== undefined && !out.has(id.toUpperCase())) out.set(id.toUpperCase(), file.path)
    }
  }
  return out
}

/** One more than the highest numeric id in use (1 when there is none), skipping any that are taken. */
export function nextFreeId(inUse: ReadonlyMap<string, string>): string {
  let max = 0
  for (const id of inUse.keys()) if (/^\d+$/.test(id)) max = Math.max(max, Number(id))
  let next = max + 1
  while (inUse.has(String(next))) next++
  return String(next)
}

/** `PM-105`, `pm-105` and `105` are the id `105`. */
export function idOfFlag(value: string): string {
  return value.trim().replace(/^PM-/i, '')
}
