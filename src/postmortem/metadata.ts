import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml'
import type { Metadata, MetadataField, MetadataKey, Postmortem } from './model.js'
import { parseSeverity } from './severity.js'
import { parseOwnerList } from './owners.js'
import { parseIsoDate } from './timestamp.js'

// Spellings real templates use for our keys; compared lower-cased with spaces collapsed.
const KEY_ALIASES: Record<string, MetadataKey> = {
  date: 'date',
  'incident date': 'date',
  severity: 'severity',
  sev: 'severity',
  owners: 'owners',
  owner: 'owners',
  traces: 'traces',
  trace: 'traces',
  'trace url': 'traces',
  'trace urls': 'traces',
  ndjson: 'ndjson',
  'ndjson logs': 'ndjson',
  'ndjson log': 'ndjson',
  logs: 'ndjson',
  transcript: 'ndjson',
  transcripts: 'ndjson',
  pagerduty: 'pagerduty',
  'pager duty': 'pagerduty',
  'pagerduty incident': 'pagerduty',
  status: 'status'
}

const METADATA_LINE_RE = /^(\s*(?:[-*+]\s+|\d+[.)]\s+)?)([A-Za-z][A-Za-z ]{0,24}?)\s*:\s*(.*)$/

export function emptyMetadata(): Metadata {
  return { fields: {}, owners: [], ownersInvalid: [], traces: [], ndjson: [], pagerduty: [] }
}

export interface MetadataOptions {
  severityLevels: readonly string[]
}

/** `[text](url)` and `<url>` stand for their URL; several values may be separated by commas or spaces. */
function splitLinks(raw: string): string[] {
  const values: string[] = []
  const rest = raw.replace(/\[[^\]]*\]\(([^)\s]+)[^)]*\)|<([^>\s]+)>/g, (_m, a?: string, b?: string) => {
    values.push((a ?? b ?? '').trim())
    return ' '
  })
  for (const part of rest.split(/[\s,;]+/)) if (part) values.push(part)
  return values.filter(Boolean)
}

function setField(pm: Postmortem, field: MetadataField, options: MetadataOptions): void {
  const md = pm.metadata
  if (md.fields[field.key]) return
  md.fields[field.key] = field
  const raw = field.raw
  switch (field.key) {
    case 'date': {
      const date = parseIsoDate(raw.replace(/[T\s].*$/, ''))
      if (date) md.date = date
      break
    }
    case 'severity':
      if (raw) md.severity = parseSeverity(raw, options.severityLevels)
      break
    case 'owners': {
      const { owners, invalid } = parseOwnerList(raw)
      md.owners = owners
      md.ownersInvalid = invalid
      break
    }
    case 'traces':
    case 'ndjson':
    case 'pagerduty':
      md[field.key] = splitLinks(raw)
      break
    case 'status':
      if (raw) md.status = raw.toLowerCase()
      break
  }
}

function keyOf(name: string): MetadataKey | undefined {
  return KEY_ALIASES[name.toLowerCase().replace(/[\s_-]+/g, ' ').trim()]
}

// Bounds the work a value with aliases can cause (`a: &a [*a]`, or a billion-laughs chain of them).
const MAX_VALUE_NODES = 1000

/** A front-matter value as text: lists joined with commas, nested maps as `key: value`; never throws. */
function nodeText(node: unknown, doc: Document, budget: { nodes: number }, depth = 0): string {
  if (node === null || node === undefined || depth > 8 || --budget.nodes < 0) return ''
  if (isAlias(node)) return nodeText(node.resolve(doc), doc, budget, depth + 1)
  if (isScalar(node)) {
    const value = node.value
    if (value === null || value === undefined) return ''
    return (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)).trim()
  }
  if (isSeq(node)) return node.items.map((item) => nodeText(item, doc, budget, depth + 1)).filter(Boolean).join(', ')
  if (isMap(node)) {
    const pairs = node.items.map((pair) => `${nodeText(pair.key, doc, budget, depth + 1)}: ${nodeText(pair.value, doc, budget, depth + 1)}`)
    return pairs.join(', ')
  }
  return ''
}

/** Reads `key: value` lines one by one, for front matter that is not valid YAML (`owners: @maria`, tabs). */
function readFrontMatterLines(source: string, fenceLine: number, pm: Postmortem, options: MetadataOptions): void {
  source.split('\n').forEach((text, index) => {
    const m = /^([A-Za-z][\w -]{0,30}?)\s*:\s*(.*)$/.exec(text)
    const key = keyOf(m?.[1] ?? '')
    if (!m || !key) return
    const raw = (m[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2')
    setField(pm, { key, raw, position: { line: fenceLine + 1 + index, column: 1 }, source: 'frontmatter' }, options)
  })
}

/** Reads YAML front matter; a malformed block becomes a problem with its line, and is then read line by line. */
export function readFrontMatter(source: string, fenceLine: number, pm: Postmortem, options: MetadataOptions): void {
  const lineCounter = new LineCounter()
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: false, lineCounter })
  const error = doc.errors[0]
  if (error) {
    // `linePos` is only filled in with prettyErrors, which would also put a code excerpt in the message.
    const at = lineCounter.linePos(error.pos[0])
    pm.problems.push({
      message: `Front matter is not valid YAML: ${error.message.split('\n')[0]}`,
      position: { line: fenceLine + at.line, column: at.col }
    })
    readFrontMatterLines(source, fenceLine, pm, options)
    return
  }
  if (doc.contents === null) return
  if (!isMap(doc.contents)) {
    pm.problems.push({ message: 'Front matter must be a map of keys (date, severity, owners, …).', position: { line: fenceLine, column: 1 } })
    return
  }
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) continue
    const key = keyOf(String(pair.key.value))
    if (!key) continue
    const at = lineCounter.linePos(pair.key.range?.[0] ?? 0)
    const raw = nodeText(pair.value, doc, { nodes: MAX_VALUE_NODES })
    setField(pm, { key, raw, position: { line: fenceLine + at.line, column: at.col }, source: 'frontmatter' }, options)
  }
}

/** Reads `Key: value` lines (bulleted or not, keys in bold or not) between the title and the first section. */
export function readMetadataLines(pm: Postmortem, fromLine: number, toLine: number, options: MetadataOptions): void {
  for (let line = fromLine; line <= toLine; line++) {
    if (pm.ignoredLines.has(line)) continue
    const text = (pm.lines[line - 1] ?? '').replace(/\*\*|__/g, '')
    const m = METADATA_LINE_RE.exec(text)
    if (!m) continue
    const key = keyOf(m[2] ?? '')
    if (!key) continue
    const column = (m[1] ?? '').length + 1
    setField(pm, { key, raw: (m[3] ?? '').trim(), position: { line, column }, source: 'list' }, options)
  }
}
