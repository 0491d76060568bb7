import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkFrontmatter from 'remark-frontmatter'
import { remarkTablesAndTasks } from './remark-tables-and-tasks.js'
import { toString } from 'mdast-util-to-string'
import type { Heading as MdHeading, List, ListItem, Nodes, Root, RootContent, Table, Yaml } from 'mdast'
import type { Heading, ParseProblem, Position, Postmortem, Section, TimelineEntry } from './model.js'
import { decodePostmortem } from './decode.js'
import { readFrontMatter, readMetadataLines, emptyMetadata } from './metadata.js'
import { parseActionItem } from './action-item.js'
import { findDate, findZoneStatement, headingZone, parseLeadingTimestamp, type TimestampContext } from './timestamp.js'
import { sectionMatcher } from './sections.js'
import { BudgetSlot, MARKUP_LIMITS, MarkupBudget, ParseTimeExceeded, type MarkupLimits, type ParseDeadline } from './markup-budget.js'
import { errorMessage } from '../util/error-message.js'

export interface ParseOptions {
  /** Severity levels, most severe first. */
  severityLevels: readonly string[]
  /** Template section names, in template order. */
  sections: readonly string[]
  /** Alternative heading → template section name. */
  sectionAliases: Readonly<Record<string, string>>
  /** How long the markdown parse may take, on which clock; default PARSE_TIME_BUDGET_MS on performance.now(). */
  deadline?: ParseDeadline
  /** How much inline markup and table is parsed as markdown; default MARKUP_LIMITS. */
  markupLimits?: MarkupLimits
}

/**
 * The markup budget and the structural limits below make every file under 2 MB parse in well under a
 * second; the deadline is the backstop for a shape they do not foresee.
 */
export const PARSE_TIME_BUDGET_MS = 1000

export const DEFAULT_PARSE_OPTIONS: ParseOptions = {
  severityLevels: ['Sev1', 'Sev2', 'Sev3', 'Sev4'],
  sections: ['Summary', 'Timeline', 'Root Cause', 'Customer Impact', 'Action Items'],
  sectionAliases: {}
}

const budgetSlot = new BudgetSlot()
const processor = unified().use(remarkParse).use(remarkTablesAndTasks, budgetSlot).use(remarkFrontmatter, ['yaml'])

const DISABLE_RE = /<!--\s*reliability-loop-disable\s+([^>]*?)\s*-->/g

// micromark takes quadratic time and then overflows the stack on containers nested thousands deep
// (`> > > …`, list staircases). No postmortem nests a hundred levels, so such a file is not parsed.
const DEEP_NESTING_RE = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t>]|$)){100}|^[ \t]{400}/m

// Each list item, quote or table row costs micromark ~15 KB of heap, and thousands of separate quotes or
// pipe lines take quadratic time: a 2 MB list of one-word items runs out of memory. Real postmortems have
// a few dozen (the corpus peaks at 60), so past this many the file is not parsed rather than risk the run.
const BLOCK_LINE_RE = /^[ \t]*(?:[>|]|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/gm
export const MAX_BLOCK_LINES = 5000

// Every line costs micromark tokens and time whatever it holds (50,000 one-letter lines took 6 s and 280 MB,
// 10,000 headings 180 MB); the corpus peaks at a few hundred lines, so a file of more is logs, not a postmortem.
export const MAX_LINES = 5000

// micromark looks each link reference definition up in a list of all of them (quadratic); real files have a handful.
const DEFINITION_RE = /^ {0,3}\[(?:[^\]\\\n]|\\.){1,999}\]:/gm
export const MAX_DEFINITIONS = 1000

interface SectionNodes {
  section: Section
  nodes: RootContent[]
}

function startOf(node: Nodes): Position {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 }
}

function toHeading(node: MdHeading): Heading {
  return { text: toString(node).trim(), depth: node.depth, position: startOf(node) }
}

/** Marks code and HTML lines (rules that scan text skip them) and collects disable comments. */
function scanIgnored(node: Nodes, ignored: Set<number>, disabled: Set<string>, inline = false): void {
  // Inline HTML is not skipped: CommonMark reads placeholders such as `<owner>` as inline HTML, and those
  // are exactly what PM009 must see. Inline comments are skipped, as block HTML and code are.
  const skip = node.type === 'code' || (node.type === 'html' && (!inline || node.value.startsWith('<!--')))
  if (node.type === 'html') {
    for (const m of node.value.matchAll(DISABLE_RE)) {
      for (const id of (m[1] ?? '').split(/[\s,]+/)) if (id) disabled.add(id.toUpperCase())
    }
  }
  if (skip) {
    const start = node.position?.start.line ?? 0
    const end = node.position?.end.line ?? start
    for (let line = start; line <= end; line++) ignored.add(line)
    return
  }
  const phrasing = node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell' || inline
  if ('children' in node) for (const child of node.children) scanIgnored(child as Nodes, ignored, disabled, phrasing)
}

/** A heading that is a date or time (`## May 12`, `## Feb 21, 13:00`): a day of the timeline, not a new section. */
function isTimelineDay(heading: Heading): boolean {
  // Any year will do: the question is only whether the text starts like a timestamp.
  return parseLeadingTimestamp(heading.text, { lastDate: '2000-06-15' }) !== undefined
}

function splitSections(tree: Root, pm: Postmortem, options: ParseOptions): SectionNodes[] {
  const matchSection = sectionMatcher(options.sections, options.sectionAliases)
  const result: SectionNodes[] = []
  let current: SectionNodes | undefined
  for (const node of tree.children) {
    const heading = node.type === 'heading' ? toHeading(node) : undefined
    const canonical = heading ? matchSection(heading.text) : undefined
    const opensSection = heading !== undefined && heading.depth <= 2
    if (heading && !pm.title && result.length === 0) {
      pm.title = heading
      // A document without a title starts with its first section; PM001 reports the title, and the
      // section must still count as present.
      if (!(opensSection && canonical)) continue
    }
    const continuesTimeline = heading !== undefined && !canonical && current?.section.canonical === 'Timeline' && isTimelineDay(heading)
    if (heading && opensSection && !continuesTimeline) {
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

function advance(ctx: TimestampContext, ts: { date: string; time?: string; zone?: string; epochMs?: number }): void {
  if (ts.epochMs === undefined) return
  ctx.lastDate = ts.date
  ctx.lastTime = ts.time
  if (ts.zone) ctx.lastZone = ts.zone
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

interface TimelineState {
  ctx: TimestampContext
  entries: TimelineEntry[]
  underTimestampedHeading: boolean
}

function headingEntry(node: MdHeading, state: TimelineState): void {
  const text = toString(node).trim()
  const timestamp = parseLeadingTimestamp(text, state.ctx)
  state.underTimestampedHeading = timestamp !== undefined
  if (timestamp) {
    state.entries.push({ form: 'heading', text, timestamp, position: startOf(node) })
    advance(state.ctx, timestamp)
  } else {
    const zone = findZoneStatement(text)
    if (zone) state.ctx.defaultZone = zone
  }
}

function listEntries(list: List, state: TimelineState): void {
  for (const item of list.children) {
    const first = item.children[0]
    const text = first ? toString(first).trim() : ''
    const timestamp = parseLeadingTimestamp(text, state.ctx)
    // Bullets under a timestamped heading describe that moment; they are not entries of their own.
    if (!timestamp && state.underTimestampedHeading) continue
    state.entries.push({ form: 'list', text, position: startOf(item), ...(timestamp ? { timestamp } : {}) })
    if (timestamp) advance(state.ctx, timestamp)
  }
}

function readTimeline(section: SectionNodes, startDate: string | undefined, entries: TimelineEntry[]): void {
  const state: TimelineState = { ctx: {}, entries, underTimestampedHeading: false }
  if (startDate) state.ctx.lastDate = startDate
  const zone = headingZone(section.section.heading.text)
  if (zone) state.ctx.defaultZone = zone
  for (const node of section.nodes) {
    if (node.type === 'paragraph') {
      const stated = findZoneStatement(toString(node))
      if (stated && !state.ctx.defaultZone) state.ctx.defaultZone = stated
    } else if (node.type === 'heading') {
      headingEntry(node, state)
    } else if (node.type === 'list') {
      listEntries(node, state)
    } else if (node.type === 'table') {
      tableEntries(node, state.ctx, state.entries)
    }
  }
}

/** The date time-only entries start from: the metadata's, else one in the title or the file name. */
function documentDate(pm: Postmortem): string | undefined {
  return pm.metadata.date ?? findDate(pm.title?.text ?? '') ?? findDate(pm.path.split(/[\\/]/).pop() ?? '')
}

interface ItemSource {
  isTask: boolean
  checked: boolean
  /** The item's first paragraph as written, after the checkbox. */
  text: string
}

function itemSource(item: ListItem, text: string): ItemSource {
  const first = item.children[0]
  const start = first?.type === 'paragraph' ? first.position?.start.offset : undefined
  const end = first?.type === 'paragraph' ? first.position?.end.offset : undefined
  const source = start === undefined || end === undefined ? '' : text.slice(start, end)
  if (typeof item.checked === 'boolean') {
    // The task-list extension moves the paragraph past `[ ]` only when a plain word follows it, not a link.
    return { isTask: true, checked: item.checked, text: source.replace(/^\[[ \txX]\][ \t]*/, '') }
  }
  // GFM needs text after `[ ]` to make a task, but a bare `- [ ]` is an empty task, not a plain bullet.
  const bare = /^\[([ \txX])\]\s*$/.exec(source)
  if (bare) return { isTask: true, checked: /[xX]/.test(bare[1] ?? ''), text: '' }
  return { isTask: false, checked: false, text: source }
}

function readActionItems(section: SectionNodes, text: string, pm: Postmortem): void {
  const visitList = (list: List, nested: boolean): void => {
    for (const item of list.children) {
      const source = itemSource(item, text)
      // Nested plain bullets are notes on their parent item; nested tasks are items in their own right.
      if (!nested || source.isTask) {
        pm.actionItems.push(parseActionItem(source.text, source.isTask ? 'task' : 'plain', source.checked, startOf(item)))
      }
      for (const child of item.children) if (child.type === 'list') visitList(child, true)
    }
  }
  for (const node of section.nodes) if (node.type === 'list') visitList(node, false)
}

function readTitleId(pm: Postmortem): void {
  const title = pm.title
  if (!title) return
  const m = /^Incident\s+PM-([A-Za-z0-9][A-Za-z0-9._-]*)(?:\s*[:—–]\s*|\s+-\s+|\s*$)(.*)$/i.exec(title.text)
  if (!m?.[1]) return
  title.id = m[1]
  if (m[2]?.trim()) title.name = m[2].trim()
}

function readMetadata(tree: Root, sections: SectionNodes[], pm: Postmortem, options: ParseOptions): void {
  const frontMatter: Yaml | undefined = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined
  if (frontMatter) readFrontMatter(frontMatter.value, frontMatter.position?.start.line ?? 1, pm, options)
  // Without its closing fence the block is ordinary text, so its lines are still read below.
  if (!frontMatter && /^---\s*$/.test(pm.lines[0] ?? '') && /^[A-Za-z_][\w -]*:/.test(pm.lines[1] ?? '')) {
    pm.problems.push({ message: 'Front matter opened on line 1 is never closed with a `---` line.', position: { line: 1, column: 1 } })
  }
  const metadataEnd = (sections[0]?.section.heading.position.line ?? pm.lines.length + 1) - 1
  const metadataStart = frontMatter ? (frontMatter.position?.end.line ?? 0) + 1 : 1
  readMetadataLines(pm, metadataStart, metadataEnd, options)
}

function parseMarkdown(text: string, pm: Postmortem, options: ParseOptions): void {
  const tree = processor.parse(text) as Root
  const ignored = new Set<number>()
  const disabled = new Set<string>()
  scanIgnored(tree, ignored, disabled)
  pm.ignoredLines = ignored
  pm.disabledRules = [...disabled]

  const sections = splitSections(tree, pm, options)
  pm.sections = sections.map((s) => s.section)
  readMetadata(tree, sections, pm, options)
  readTitleId(pm)

  const startDate = documentDate(pm)
  for (const section of sections) {
    if (section.section.canonical === 'Timeline') readTimeline(section, startDate, pm.timeline)
    if (section.section.canonical === 'Action Items') readActionItems(section, text, pm)
  }
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

function lineOf(text: string, index: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++
  return line
}

function countUpTo(re: RegExp, text: string, max: number): number {
  re.lastIndex = 0
  let count = 0
  while (count <= max && re.exec(text)) count++
  return count
}

/** Why the markdown parser must not see this text (see the limits above), if it must not. */
function tooComplex(text: string, lineCount: number): ParseProblem | undefined {
  const start = { line: 1, column: 1 }
  const deep = DEEP_NESTING_RE.exec(text)
  if (deep) {
    const line = lineOf(text, deep.index)
    return { message: `Line ${line} nests block quotes or lists over 100 levels deep; the file was not parsed as markdown.`, position: { line, column: 1 } }
  }
  if (countUpTo(BLOCK_LINE_RE, text, MAX_BLOCK_LINES) > MAX_BLOCK_LINES) {
    return {
      message: `File has over ${MAX_BLOCK_LINES} list items, quote lines and table rows; it was not parsed. Move logs and transcripts out and link them.`,
      position: start
    }
  }
  if (countUpTo(DEFINITION_RE, text, MAX_DEFINITIONS) > MAX_DEFINITIONS) {
    return { message: `File has over ${MAX_DEFINITIONS} link reference definitions (\`[label]: url\` lines); it was not parsed.`, position: start }
  }
  if (lineCount > MAX_LINES) {
    return { message: `File has ${lineCount} lines, over the ${MAX_LINES} a postmortem may have; it was not parsed. Move logs and transcripts out and link them.`, position: start }
  }
  return undefined
}

function defaultDeadline(): ParseDeadline {
  return { now: () => performance.now(), budgetMs: PARSE_TIME_BUDGET_MS }
}

/** Parses the markdown within the markup budget; a parse past its deadline leaves the model empty and says so. */
function parseWithinBudget(text: string, pm: Postmortem, options: ParseOptions): void {
  const budget = new MarkupBudget(text, options.markupLimits ?? MARKUP_LIMITS, options.deadline ?? defaultDeadline())
  try {
    budgetSlot.run(budget, () => parseMarkdown(text, pm, options))
  } catch (error) {
    if (!(error instanceof ParseTimeExceeded)) throw error
    // The deadline can only pass inside the markdown parser, before anything is written to the model.
    pm.problems.push({
      message: `Parsing stopped after ${error.budgetMs} ms: the markup is too large or too dense to read in time, so the file was not checked. Move logs out and split long paragraphs and tables.`,
      position: { line: 1, column: 1 },
      transient: true,
      incomplete: true
    })
    return
  }
  if (budget.problem) pm.problems.push(budget.problem)
}

/** Parses a postmortem (bytes or text) into the model. Never throws on content: problems are reported in `problems`. */
export function parsePostmortem(input: string | Uint8Array, path: string, options: ParseOptions = DEFAULT_PARSE_OPTIONS): Postmortem {
  const pm = emptyPostmortem(path)
  const decoded = decodePostmortem(input)
  pm.problems.push(...decoded.problems)
  if (decoded.text === undefined) return pm
  const text = decoded.text
  pm.lines = text.split('\n')
  const complex = tooComplex(text, pm.lines.length)
  if (complex) {
    pm.problems.push({ ...complex, incomplete: true })
    return pm
  }
  try {
    parseWithinBudget(text, pm, options)
  } catch (error) {
    // The contract is a model and problems for any content; a parser bug must not stop a whole lint run.
    pm.problems.push({ message: `The markdown parser failed on this file (${errorMessage(error)}); the model is incomplete.`, position: { line: 1, column: 1 }, incomplete: true })
  }
  return pm
}
