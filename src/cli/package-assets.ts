// Files that ship with reliability-loop (the workflow templates, the postmortem and experiment templates),
// read from the package's own directory: the one holding this code's package.json, found by walking up from
// this module (dist/cli-*.js when bundled, src/cli/ under the tests).

import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

let root: string | undefined

export function packageRoot(): string {
  if (root !== undefined) return root
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'reliability-loop') return (root = dir)
    if (path.dirname(dir) === dir) throw new Error('cannot find the reliability-loop package directory (its package.json) above the running code')
  }
}

/** A file of the package, by its path inside it. */
export function readPackageFile(relative: string): string {
  return readFileSync(path.join(packageRoot(), relative), 'utf8')
}
