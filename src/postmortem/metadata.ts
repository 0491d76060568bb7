import YAML from 'yaml'
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

function yamlValueToText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(yamlValueToText).filter(Boolean).join(', ')
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value).trim()
}

/** Reads YAML front matter; a malformed block becomes a problem with its line, and the list form is still read. */
export function readFrontMatter(source: string, fenceLine: number, pm: Postmortem, options: MetadataOptions): void {
  const doc = YAML.parseDocument(source, { prettyErrors: false, uniqueKeys: false })
  if (doc.errors.length > 0) {
    const error = doc.errors[0]
    const line = fenceLine + (error?.linePos?.[0]?.line ?? 1)
    pm.problems.push({
      message: `Front matter is not valid YAML: ${(error?.message ?? 'parse error').split('\n')[0]}`,
      position: { line, column: error?.linePos?.[0]?.col ?? 1 }
    })
    return
  }
  const data: unknown = doc.toJS()
  if (data === null || data === undefined) return
  if (typeof data !== 'object' || Array.isArray(data)) {
    pm.problems.push({ message: 'Front matter must be a map of keys (date, severity, owners, …).', position: { line: fenceLine, column: 1 } })
    return
  }
  const lines = source.split('\n')
  for (const [name, value] of Object.entries(data as Record<string, unknown>)) {
    const key = KEY_ALIASES[name.toLowerCase().replace(/[\s_-]+/g, ' ').trim()]
    if (!key) continue
    const index = lines.findIndex((l) => l.startsWith(`${name}:`) || l.startsWith(`"${name}":`) || l.startsWith(`'${name}':`))
    setField(pm, { key, raw: yamlValueToText(value), position: { line: fenceLine + 1 + Math.max(index, 0), column: 1 }, source: 'frontmatter' }, options)
  }
}

/** Reads `Key: value` lines (bulleted or not, keys in bold or not) between the title and the first section. */
export function readMetadataLines(pm: Postmortem, fromLine: number, toLine: number, options: MetadataOptions): void {
  for (let line = fromLine; line <= toLine; line++) {
    if (pm.ignoredLines.has(line)) continue
    const text = (pm.lines[line - 1] ?? '').replace(/\*\*|__/g, '')
    const m = METADATA_LINE_RE.exec(text)
    if (!m) continue
    const key = KEY_ALIASES[(m[2] ?? '').toLowerCase().replace(/\s+/g, ' ').trim()]
    if (!key) continue
    const column = (m[1] ?? '').length + 1
    setField(pm, { key, raw: (m[3] ?? '').trim(), position: { line, column }, source: 'list' }, options)
  }
}
