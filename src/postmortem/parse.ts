import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkFrontmatter from 'remark-frontmatter'
import { toString } from 'mdast-util-to-string'
import type { Heading as MdHeading, List, ListItem, Nodes, Root, RootContent, Table } from 'mdast'
import type { Heading, Postmortem, Section, TimelineEntry } from './model.js'
import { decodePostmortem } from './decode.js'
import { readFrontMatter, readMetadataLines, emptyMetadata } from './metadata.js'
import { parseActionItem } from './action-item.js'
import { findZoneStatement, parseLeadingTimestamp, type TimestampContext } from './timestamp.js'
import { sectionMatcher } from './sections.js'

export interface ParseOptions {
  /** Severity levels, most severe first. */
  severityLevels: readonly string[]
  /** Template section names, in template order. */
  sections: readonly string[]
  /** Alternative heading → template section name. */
  sectionAliases: Readonly<Record<string, string>>
}

export const DEFAULT_PARSE_OPTIONS: ParseOptions = {
  severityLevels: ['Sev1', 'Sev2', 'Sev3', 'Sev4'],
  sections: ['Summary', 'Timeline', 'Root Cause', 'Customer Impact', 'Action Items'],
  sectionAliases: {}
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml'])

const DISABLE_RE = /<!--\s*reliability-loop-disable\s+([^>]*?)\s*-->/g

interface SectionNodes {
  section: Section
  nodes: RootContent[]
}

function startOf(node: Nodes): { line: number; column: number } {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 }
}

function toHeading(node: MdHeading): Heading {
  return { text: toString(node).trim(), depth: node.depth, position: startOf(node) }
}

/** Marks code and HTML lines (rules that scan text skip them) and collects disable comments. */
function scanIgnored(node: Nodes, ignored: Set<number>, disabled: Set<string>): void {
  if (node.type === 'code' || node.type === 'html') {
    const start = node.position?.start.line ?? 0
    const end = node.position?.end.line ?? start
    for (let line = start; line <= end; line++) ignored.add(line)
    if (node.type === 'html') {
      for (const m of node.value.matchAll(DISABLE_RE)) {
        for (const id of (m[1] ?? '').split(/[\s,]+/)) if (id) disabled.add(id.toUpperCase())
      }
    }
    return
  }
  if ('children' in node) for (const child of node.children) scanIgnored(child as Nodes, ignored, disabled)
}

function splitSections(tree: Root, pm: Postmortem, options: ParseOptions): SectionNodes[] {
  const matchSection = sectionMatcher(options.sections, options.sectionAliases)
  const result: SectionNodes[] = []
  let current: SectionNodes | undefined
  for (const node of tree.children) {
    if (node.type === 'heading' && !pm.title) {
      pm.title = toHeading(node)
      continue
    }
    if (node.type === 'heading' && node.depth <= 2) {
      const heading = toHeading(node)
      const canonical = matchSection(heading.text)
      current = { section: { heading, endLine: heading.position.line, empty: true }, nodes: [] }
      if (canonical) current.section.canonical = canonical
      result.push(current)
      continue
    }
    if (!current) continue
    current.nodes.push(node)
    if (!(node.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(node.value))) current.section.empty = false
    current.section.endLine = node.position?.end.line ?? current.section.endLine
  }
  return result
}

function tableEntries(table: Table, ctx: TimestampContext, out: TimelineEntry[]): void {
  for (const row of table.children.slice(1)) {
    const cells = row.children.map((cell) => toString(cell).trim())
    const text = cells.filter(Boolean).join(' | ')
    if (!text) continue
    // Teams split date and time over two columns as often as they put both in one.
    const timestamp = parseLeadingTimestamp(cells.slice(0, 2).join(' '), ctx)
    out.push({ form: 'table', text, position: startOf(row), ...(timestamp ? { timestamp } : {}) })
    if (timestamp) advance(ctx, timestamp)
  }
}

function advance(ctx: TimestampContext, ts: { date: string; time?: string; epochMs?: number }): void {
  if (ts.epochMs === undefined) return
  ctx.lastDate = ts.date
  ctx.lastTime = ts.time
}

function readTimeline(section: SectionNodes, pm: Postmortem): TimelineEntry[] {
  const entries: TimelineEntry[] = []
  const ctx: TimestampContext = {}
  if (pm.metadata.date) ctx.lastDate = pm.metadata.date
  const headingZone = findZoneStatement(section.section.heading.text)
  if (headingZone) ctx.defaultZone = headingZone
  let underTimestampedHeading = false
  for (const node of section.nodes) {
    if (node.type === 'paragraph') {
      const zone = findZoneStatement(toString(node))
      if (zone && !ctx.defaultZone) ctx.defaultZone = zone
    } else if (node.type === 'heading') {
      const text = toString(node).trim()
      const timestamp = parseLeadingTimestamp(text, ctx)
      underTimestampedHeading = timestamp !== undefined
      if (timestamp) {
        entries.push({ form: 'heading', text, timestamp, position: startOf(node) })
        advance(ctx, timestamp)
      }
    } else if (node.type === 'list') {
      for (const item of node.children) {
        const first = item.children[0]
        const text = first ? toString(first).trim() : ''
        const timestamp = parseLeadingTimestamp(text, ctx)
        // Bullets under a timestamped heading describe that moment; they are not entries of their own.
        if (!timestamp && underTimestampedHeading) continue
        entries.push({ form: 'list', text, position: startOf(item), ...(timestamp ? { timestamp } : {}) })
        if (timestamp) advance(ctx, timestamp)
      }
    } else if (node.type === 'table') {
      tableEntries(node, ctx, entries)
    }
  }
  return entries
}

function itemSource(item: ListItem, text: string): string {
  const first = item.children[0]
  if (!first || first.type !== 'paragraph') return ''
  const start = first.position?.start.offset
  const end = first.position?.end.offset
  if (start === undefined || end === undefined) return toString(first)
  return text.slice(start, end)
}

function readActionItems(section: SectionNodes, text: string, pm: Postmortem): void {
  const visitList = (list: List, nested: boolean): void => {
    for (const item of list.children) {
      const isTask = typeof item.checked === 'boolean'
      // Nested plain bullets are notes on their parent item; nested tasks are items in their own right.
      if (!nested || isTask) {
        pm.actionItems.push(parseActionItem(itemSource(item, text), isTask ? 'task' : 'plain', item.checked === true, startOf(item)))
      }
      for (const child of item.children) if (child.type === 'list') visitList(child, true)
    }
  }
  for (const node of section.nodes) if (node.type === 'list') visitList(node, false)
}

function emptyPostmortem(path: string): Postmortem {
  return {
    path,
    metadata: emptyMetadata(),
    sections: [],
    timeline: [],
    actionItems: [],
    disabledRules: [],
    lines: [],
    ignoredLines: new Set(),
    problems: []
  }
}

/** Parses a postmortem (bytes or text) into the model. Never throws on content: problems are reported in `problems`. */
export function parsePostmortem(input: string | Uint8Array, path: string, options: ParseOptions = DEFAULT_PARSE_OPTIONS): Postmortem {
  const pm = emptyPostmortem(path)
  const decoded = decodePostmortem(input)
  pm.problems.push(...decoded.problems)
  if (decoded.text === undefined) return pm
  const text = decoded.text
  pm.lines = text.split('\n')
  const tree = processor.parse(text) as Root

  const ignored = new Set<number>()
  const disabled = new Set<string>()
  scanIgnored(tree, ignored, disabled)
  pm.ignoredLines = ignored
  pm.disabledRules = [...disabled]

  const sections = splitSections(tree, pm, options)
  pm.sections = sections.map((s) => s.section)

  const frontMatter = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined
  if (frontMatter) readFrontMatter(frontMatter.value, frontMatter.position?.start.line ?? 1, pm, options)
  const metadataEnd = (sections[0]?.section.heading.position.line ?? pm.lines.length + 1) - 1
  const metadataStart = frontMatter ? (frontMatter.position?.end.line ?? 0) + 1 : 1
  readMetadataLines(pm, metadataStart, metadataEnd, options)

  const title = pm.title
  if (title) {
    const m = /^Incident\s+PM-([A-Za-z0-9][A-Za-z0-9._-]*)(?:\s*[:—–]\s*|\s+-\s+|\s*$)(.*)$/i.exec(title.text)
    if (m?.[1]) {
      title.id = m[1]
      if (m[2]?.trim()) title.name = m[2].trim()
    }
  }

  const timeline = sections.find((s) => s.section.canonical === 'Timeline')
  if (timeline) pm.timeline = readTimeline(timeline, pm)
  for (const section of sections) if (section.section.canonical === 'Action Items') readActionItems(section, text, pm)
  return pm
}
