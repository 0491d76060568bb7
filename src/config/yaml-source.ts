// `.github/reliability.yml` text → a Layer: its values, and where each key and value is written, so every
// later error can say file:line:column. Also the Layer of a non-file source (an Action input, a CLI flag).

import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml'
import { isDict } from '../util/dict.js'
import type { ConfigIssue } from './errors.js'
import { errorMessage } from '../util/error-message.js'

export type Segment = string | number
export type Locate = (segments: readonly Segment[], at: 'key' | 'value') => { line: number; column: number } | undefined

/** One source of settings (the file or an override), kept apart so errors can say where a value came from. */
export interface Layer {
  source: string
  values: unknown
  locate: Locate
}

/** Parses the file's YAML; its issues are YAML syntax only (the schema is checked by the caller). */
export function parseConfigText(raw: string, file: string): { layer?: Layer; issues: ConfigIssue[] } {
  // Columns are counted after the BOM, as for postmortems.
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset)
    return { line: pos.line, column: pos.col }
  }
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => ({
        file,
        ...at(e.pos[0]),
        key: '',
        message: `invalid YAML: ${firstLine(e.message)}`
      }))
    }
  }
  let values: unknown
  try {
    values = doc.toJS() ?? {} // an empty or comment-only file means "all defaults"
  } catch (e) {
    return { issues: [{ file, line: 1, column: 1, key: '', message: `invalid YAML: ${errorMessage(e)}` }] }
  }
  return { layer: { source: file, values, locate: locator(doc, at) }, issues: [] }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '')
}

/** Finds where a path is written: the key of a pair for "unknown key" errors, its value for everything else. */
function locator(doc: Document, at: (offset: number) => { line: number; column: number }): Locate {
  return (segments, want) => {
    let node: unknown = doc.contents
    let offset = rangeStart(node) ?? 0
    for (let i = 0; i < segments.length; i++) {
      if (isAlias(node)) node = node.resolve(doc)
      const segment = segments[i]
      const last = i === segments.length - 1
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(segment))
        if (!pair) break
        const keyStart = rangeStart(pair.key)
        const value = pair.value
        // `key:` with nothing after it has an empty null scalar positioned after the key; the key is where to look.
        const emptyValue = value === null || value === undefined || (isScalar(value) && value.range?.[0] === value.range?.[1])
        if ((last && want === 'key') || emptyValue) {
          offset = keyStart ?? offset
          break
        }
        offset = rangeStart(value) ?? offset
        node = value
      } else if (isSeq(node)) {
        const item: unknown = node.items[Number(segment)]
        if (item === undefined) break
        offset = rangeStart(item) ?? offset
        node = item
      } else break
    }
    return at(offset)
  }
}

function rangeStart(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: unknown }).range
    if (Array.isArray(range) && typeof range[0] === 'number') return range[0]
  }
  return undefined
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key)
}

export function pruneUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneUndefined)
  if (isDict(value)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = pruneUndefined(v)
    return out
  }
  return value
}
