// The "inside the repository" rule every configured path and glob obeys.
import { isAbsolute, normalize, sep } from 'node:path'

/** True for a relative path that stays below the repository root once normalised (no `..` escape, not absolute). */
export function isInsideRepo(path: string): boolean {
  if (!path || isAbsolute(path)) return false
  const normalised = normalize(path)
  return normalised !== '..' && !normalised.startsWith(`..${sep}`)
}
