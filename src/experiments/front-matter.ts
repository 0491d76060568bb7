// Splits an experiment doc into its YAML front matter and markdown body, and parses the YAML keeping
// the position of every entry. Never throws: what cannot be read becomes a problem.

import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml'
import { formatKeyPath, type ExperimentProblem, type SourcePosition } from './model.js'
import { errorMessage } from '../util/error-message.js'

/** Experiment docs are short; anything larger is not one and would only slow a run down. */
export const MAX_EXPERIMENT_BYTES = 1024 * 1024

export interface FrontMatter {
  /** The front matter as plain data (undefined when it is not valid YAML). */
  values?: unknown
  /** Position of each entry by key path (`rollback.steps[0]`), in file lines and columns. */
  positions: Record<string, SourcePosition>
  /** Where the YAML starts in the file. */
  start: SourcePosition
  body: string
  bodyLine: number
}

/** Bytes or text → text with BOM removed and CRLF normalised; a problem when it is not UTF-8 text. */
export function decodeDoc(input: string | Uint8Array): { text?: string; problem?: ExperimentProblem } {
  const at = { line: 1, column: 1 }
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength
  if (size > MAX_EXPERIMENT_BYTES) {
    return { problem: { ...at, message: `File is ${(size / 1024 / 1024).toFixed(1)} MB, over the 1 MB an experiment doc may be; it was not read.` } }
  }
  let text: string
  if (typeof input === 'string') text = input
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input)
    } catch {
      return { problem: { ...at, message: 'File is not valid UTF-8 text; re-save it as UTF-8.' } }
    }
  }
  if (text.slice(0, 8000).includes('\0')) return { problem: { ...at, message: 'File is binary (it contains NUL bytes), not a markdown experiment doc.' } }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  return { text: text.replace(/\r\n?/g, '\n') }
}

const NO_FRONT_MATTER =
  'no YAML front matter: an experiment doc starts with a line "---", then the front matter (id, name, owner, status, change, hypothesis, metrics, rollback, created), then a line "---"; see docs/experiments/TEMPLATE.md'

export function readFrontMatter(text: string): { frontMatter?: FrontMatter; problems: ExperimentProblem[] } {
  const lines = text.split('\n')
  if (lines[0]?.trimEnd() !== '---') return { problems: [{ line: 1, column: 1, message: NO_FRONT_MATTER }] }
  const close = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'))
  if (close < 0) return { problems: [{ line: 1, column: 1, message: 'the front matter is not closed: add a line "---" after it' }] }

  const yamlText = lines.slice(1, close).join('\n')
  // The YAML starts on the file's line 2; LineCounter counts from its own first line.
  const lineCounter = new LineCounter()
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const at = (offset: number): SourcePosition => {
    const pos = lineCounter.linePos(offset)
    return { line: pos.line + 1, column: pos.col }
  }
  const frontMatter: FrontMatter = {
    positions: {},
    start: { line: 2, column: 1 },
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2
  }
  if (doc.errors.length > 0) {
    return {
      frontMatter,
      problems: doc.errors.map((e) => ({ ...at(e.pos[0]), message: `invalid YAML in the front matter: ${firstLine(e.message)}` }))
    }
  }
  try {
    frontMatter.values = doc.toJS({ maxAliasCount: 100 }) ?? {}
  } catch (e) {
    return { frontMatter, problems: [{ line: 2, column: 1, message: `invalid YAML in the front matter: ${errorMessage(e)}` }] }
  }
  recordPositions(doc, doc.contents, [], frontMatter.positions, at)
  return { frontMatter, problems: [] }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '')
}

function rangeStart(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: unknown }).range
    if (Array.isArray(range) && typeof range[0] === 'number') return range[0]
  }
  return undefined
}

function recordPositions(
  doc: Document,
  node: unknown,
  segments: (string | number)[],
  out: Record<string, SourcePosition>,
  at: (offset: number) => SourcePosition,
  depth = 0
): void {
  if (depth > 50) return
  const resolved = isAlias(node) ? node.resolve(doc) : node
  if (isMap(resolved)) {
    for (const pair of resolved.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
      const path = [...segments, key]
      const offset = rangeStart(pair.key) ?? rangeStart(pair.value)
      if (offset !== undefined) out[formatKeyPath(path)] ??= at(offset)
      recordPositions(doc, pair.value, path, out, at, depth + 1)
    }
  } else if (isSeq(resolved)) {
    resolved.items.forEach((item, index) => {
      const path = [...segments, index]
      const offset = rangeStart(item)
      if (offset !== undefined) out[formatKeyPath(path)] ??= at(offset)
      recordPositions(doc, item, path, out, at, depth + 1)
    })
  }
}
