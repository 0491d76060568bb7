// Layers merged in order (lists replace, maps merge), and a reporter that points a problem found in the
// merged values back at the layer (file and line, or override) that wrote them.

import { sectionKey } from '../postmortem/sections.js'
import { isDict, type Dict } from '../util/dict.js'
import { formatKeyPath } from '../util/key-path.js'
import type { ConfigIssue } from './errors.js'
import type { Layer, Segment } from './yaml-source.js'

export const ALIASES_PATH = ['postmortems', 'section-aliases'] as const
export const HEADING_MATCHING = 'headings are matched ignoring case, punctuation and numbering'

// Compared the way the parser matches headings, so the config cannot hold two entries it would confuse.
export function sameHeading(a: string, b: string): boolean {
  return sectionKey(a) === sectionKey(b)
}

/** Lists replace, maps merge; alias keys merge the way headings are matched (ignoring case and punctuation). */
export function mergeLayers(layers: readonly Layer[]): Dict {
  const merged: Dict = {}
  const mergeInto = (target: Dict, source: Dict, at: readonly string[]) => {
    const isAliases = at.length === 2 && at[0] === ALIASES_PATH[0] && at[1] === ALIASES_PATH[1]
    for (const [key, value] of Object.entries(source)) {
      if (value === null && at.length === 0) continue // `lint:` left empty changes nothing
      if (isAliases) for (const existing of Object.keys(target)) if (sameHeading(existing, key)) delete target[existing]
      const existing = target[key]
      if (isDict(value)) {
        const into = isDict(existing) ? existing : {}
        target[key] = into
        mergeInto(into, value, [...at, key])
      } else {
        target[key] = Array.isArray(value) ? [...(value as unknown[])] : value
      }
    }
  }
  for (const layer of layers) if (isDict(layer.values)) mergeInto(merged, layer.values, [])
  return merged
}

export function getIn(values: unknown, segments: readonly Segment[]): unknown {
  let node = values
  for (const s of segments) {
    if (Array.isArray(node) && typeof s === 'number') node = node[s]
    else if (isDict(node)) node = Object.prototype.hasOwnProperty.call(node, s) ? node[s] : undefined
    else return undefined
  }
  return node
}

/** Entries of a list are owned by whoever wrote the whole list (lists replace). */
function ownerPath(segments: readonly Segment[]): Segment[] {
  const i = segments.findIndex((s) => typeof s === 'number')
  return i === -1 ? [...segments] : segments.slice(0, i)
}

/** The merged value at a path came from the last layer that wrote it; that is where the error points. */
export function issueReporter(layers: readonly Layer[], issues: ConfigIssue[]) {
  return (segments: Segment[], at: 'key' | 'value', message: string, owner = ownerPath(segments)): void => {
    const layer = [...layers].reverse().find((l) => getIn(l.values, owner) !== undefined)
    if (!layer) return
    issues.push({ file: layer.source, ...layer.locate(segments, at), key: formatKeyPath(segments), message })
  }
}
