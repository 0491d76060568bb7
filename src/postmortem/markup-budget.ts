import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types'
import type { ParseProblem } from './model.js'
import { backtickRunsByLength, firstAtOrAfter } from '../util/sorted.js'

/**
 * micromark's inline parsing is quadratic in the markup of one paragraph (emphasis delimiters, links and
 * brackets are resolved by walking back over everything before them) and its code spans and inline HTML
 * scan ahead to the end of the paragraph on every failed attempt: 100 KB of `[a](b) *c*` took 6 s, 2 MB
 * took minutes and gigabytes. These limits bound that work. Markup past a limit is read as plain text
 * (what CommonMark does with markup it cannot match), and the first place that happens is reported.
 */
export interface MarkupLimits {
  /** Inline constructs (emphasis delimiters, brackets, code spans, HTML, escapes) read as markdown per paragraph, heading or table cell. */
  perBlock: number
  /** The same for the whole file. */
  perFile: number
  /** Characters code spans, inline HTML and autolinks may scan ahead, summed over the file. */
  lookahead: number
  /** Characters and lines of tables (each counted from its head row to the next blank line), summed over the file. */
  tableChars: number
  tableLines: number
}

// Real postmortems stay far below these: the corpus peaks at 74 markers in a paragraph and 208 in a file.
// Tables cost micromark a few tokens per cell and ~100 µs per row: the limits keep all of a file's tables
// under a fifth of a second; a timeline table has tens of rows.
export const MARKUP_LIMITS: MarkupLimits = { perBlock: 500, perFile: 10_000, lookahead: 4_000_000, tableChars: 64 * 1024, tableLines: 2000 }

/** A clock and how long a parse may take; checked as the parser goes, so a runaway parse stops. */
export interface ParseDeadline {
  now: () => number
  budgetMs: number
}

/** Thrown from inside the parser when the deadline has passed. */
export class ParseTimeExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`parsing took over ${budgetMs} ms`)
  }
}

const GRAVE = 96
const LESS_THAN = 60
const LEFT_BRACKET = 91
const ASTERISK = 42
const UNDERSCORE = 95
// Every code a CommonMark text construct starts on: ! & * < [ \ ] _ `
const INLINE_CODES = [33, 38, ASTERISK, LESS_THAN, LEFT_BRACKET, 92, 93, UNDERSCORE, GRAVE] as const

type Decision = 'markdown' | 'plain-run' | 'plain-char' | 'plain-line'

/** Finds the next match of a pattern at or after an offset, remembering the answer for the queries that follow. */
class NextMatch {
  private from = -1
  private at = -1

  constructor(
    private readonly text: string,
    private readonly find: (text: string, from: number) => number
  ) {}

  /** Offset of the next match at or after `offset`, or the text's length when there is none. */
  after(offset: number): number {
    // Queries come in document order, so one search answers every query up to its match.
    if (offset >= this.from && offset <= this.at) return this.at
    const found = this.find(this.text, offset)
    this.from = offset
    this.at = found < 0 ? this.text.length : found
    return this.at
  }
}

const BLANK_LINE = /\n[ \t]*(?:\n|$)/g

function nextBlankLine(text: string, from: number): number {
  BLANK_LINE.lastIndex = from
  return BLANK_LINE.exec(text)?.index ?? -1
}

/** Whether the table construct is at a body row: as the construct itself decides, from the last event before the line. */
function continuesTable(context: TokenizeContext): boolean {
  const events = context.events
  let index = events.length - 1
  while (index > -1 && (events[index]?.[1].type === 'lineEnding' || events[index]?.[1].type === 'linePrefix')) index--
  const tail = events[index]?.[1].type as string | undefined
  return tail === 'tableHead' || tail === 'tableRow'
}

function lineColumn(context: TokenizeContext): { line: number; column: number } {
  const point = context.now()
  return { line: point.line, column: point.column }
}

/** The bookkeeping of one parse: what has been spent, per block and for the file, and the first place a limit was hit. */
export class MarkupBudget {
  private fileUsed = 0
  private lookaheadLeft: number
  private tableCharsLeft: number
  private tableLinesLeft: number
  // One text tokenizer per paragraph, heading or table cell; its `now` function identifies it.
  private readonly blockUsed = new WeakMap<object, number>()
  private readonly exhaustedBlocks = new WeakSet<object>()
  private ticks = 0
  private readonly deadlineAt: number | undefined
  private runs: Map<number, number[]> | undefined
  private readonly blankLines: NextMatch
  private readonly closingAngles: NextMatch
  /** The first place a limit turned markup into plain text, if any. */
  problem: ParseProblem | undefined

  constructor(
    private readonly text: string,
    private readonly limits: MarkupLimits,
    private readonly deadline?: ParseDeadline
  ) {
    this.lookaheadLeft = limits.lookahead
    this.tableCharsLeft = limits.tableChars
    this.tableLinesLeft = limits.tableLines
    this.deadlineAt = deadline ? deadline.now() + deadline.budgetMs : undefined
    this.blankLines = new NextMatch(text, nextBlankLine)
    this.closingAngles = new NextMatch(text, (t, from) => t.indexOf('>', from))
  }

  /** Throws ParseTimeExceeded once the deadline has passed (checked every 64 calls: the clock costs more than the check). */
  tick(): void {
    if (this.deadline && this.deadlineAt !== undefined && (++this.ticks & 63) === 0 && this.deadline.now() > this.deadlineAt) {
      throw new ParseTimeExceeded(this.deadline.budgetMs)
    }
  }

  /**
   * Whether a table may start at this offset. A table needs a delimiter row on the next line; without one
   * the table construct would fail anyway, after tokenising the whole line cell by cell (a 2 MB line of
   * prose cost 300 MB). Past the file's table budget, what follows is read as paragraphs.
   */
  allowsTable(context: TokenizeContext): boolean {
    this.tick()
    // Each body row is an attempt of its own, after the head or a row: the head paid for the whole table.
    if (continuesTable(context)) return true
    const offset = context.now().offset
    const lineEnd = this.text.indexOf('\n', offset)
    if (lineEnd < 0) return false
    const nextEnd = this.text.indexOf('\n', lineEnd + 1)
    const next = this.text.slice(lineEnd + 1, nextEnd < 0 ? this.text.length : nextEnd)
    // Any delimiter row, in any container (quote markers, indentation), is made of these characters only.
    if (!/^[ \t>|:-]*-[ \t>|:-]*$/.test(next)) return false
    const end = this.blankLines.after(offset)
    const chars = end - offset
    let lines = 0
    if (chars <= this.tableCharsLeft) for (let i = offset; i < end && lines <= this.tableLinesLeft; i = this.text.indexOf('\n', i) + 1 || end) lines++
    if (chars > this.tableCharsLeft || lines > this.tableLinesLeft) {
      this.report(context, `the file's tables run over ${Math.round(this.limits.tableChars / 1024)} KB or ${this.limits.tableLines} lines; this table and the rest were read as text, not as tables.`)
      this.tableCharsLeft = 0
      return false
    }
    this.tableCharsLeft -= chars
    this.tableLinesLeft -= lines
    return true
  }

  /** What to do with the inline construct starting at `code`: let micromark parse it, or read it as plain text. */
  decide(context: TokenizeContext, code: number): Decision {
    // A task-list checkbox opens the first paragraph of a list item: cheap, and action items depend on it.
    if (code === LEFT_BRACKET && context.previous === null && context._gfmTasklistFirstContentOfListItem) return 'markdown'
    this.tick()
    const block = context.now as object
    if (this.exhaustedBlocks.has(block)) return 'plain-line'
    const offset = context.now().offset
    let cost = 1
    let lookahead = 0
    if (code === ASTERISK || code === UNDERSCORE) {
      // A delimiter run is one token, but resolving it is work in proportion to its length.
      cost = this.runLength(offset, code, this.limits.perBlock + 1)
    } else if (code === GRAVE) {
      const close = this.codeSpanClose(offset)
      if (close === undefined) return this.charge(context, block, 1, 0, 'plain-run')
      lookahead = close - offset
    } else if (code === LESS_THAN) {
      const reach = this.angleReach(offset)
      if (reach === undefined) return this.charge(context, block, 1, 0, 'plain-char')
      lookahead = reach
    }
    return this.charge(context, block, cost, lookahead, 'markdown')
  }

  private charge(context: TokenizeContext, block: object, cost: number, lookahead: number, decision: Decision): Decision {
    const used = (this.blockUsed.get(block) ?? 0) + cost
    let limit: string | undefined
    if (used > this.limits.perBlock) limit = `this paragraph has over ${this.limits.perBlock} inline markup constructs (links, emphasis, code, HTML, escapes)`
    else if (this.fileUsed + cost > this.limits.perFile) limit = `the file has over ${this.limits.perFile} inline markup constructs`
    else if (lookahead > this.lookaheadLeft) limit = 'code spans and inline HTML in the file look ahead too far'
    if (limit) {
      this.exhaustedBlocks.add(block)
      this.report(context, `From here on, ${limit}; the rest of the paragraph was read as plain text.`)
      return 'plain-line'
    }
    this.blockUsed.set(block, used)
    this.fileUsed += cost
    this.lookaheadLeft -= lookahead
    return decision
  }

  private report(context: TokenizeContext, message: string): void {
    this.problem ??= { message: `Markup too dense to parse in full: ${message.charAt(0).toLowerCase()}${message.slice(1)}`, position: lineColumn(context) }
  }

  private runLength(offset: number, code: number, max: number): number {
    let end = offset
    while (end < this.text.length && end - offset < max && this.text.charCodeAt(end) === code) end++
    return end - offset
  }

  /** Where the code span opening here could close: the next run of as many backticks before the paragraph ends. */
  private codeSpanClose(offset: number): number | undefined {
    const length = this.runLength(offset, GRAVE, Infinity)
    this.runs ??= backtickRunsByLength(this.text)
    const close = firstAtOrAfter(this.runs.get(length) ?? [], offset + length)
    return close !== undefined && close < this.blankLines.after(offset) ? close : undefined
  }

  /**
   * How far inline HTML or an autolink opening here can scan: both need a `>` before the paragraph ends.
   * A tag with quoted attributes or a comment can run past the first `>`, so it is charged to the paragraph's end.
   */
  private angleReach(offset: number): number | undefined {
    const blank = this.blankLines.after(offset)
    const close = this.closingAngles.after(offset + 1)
    if (close >= blank) return undefined
    const toClose = close - offset
    if (toClose > this.lookaheadLeft) return toClose
    const span = this.text.slice(offset, close)
    return /["']/.test(span) || /^<[!?]/.test(span) ? blank - offset : toClose
  }
}

function codeTextPrevious(this: TokenizeContext, code: Code): boolean {
  // As micromark's code-text construct: a code span cannot start inside a backtick run.
  return code !== GRAVE || this.events[this.events.length - 1]?.[1].type === 'characterEscape'
}

function plainText(effects: Effects, ok: State, decision: Exclude<Decision, 'markdown'>, marker: number): State {
  const rest: State = (code) => {
    const more = decision === 'plain-line' ? code !== null && code > -3 : code === marker
    if (more) {
      effects.consume(code)
      return rest
    }
    effects.exit('data')
    return ok(code)
  }
  return (code) => {
    effects.enter('data')
    effects.consume(code)
    if (decision === 'plain-char') {
      effects.exit('data')
      return ok
    }
    return rest
  }
}

/**
 * The budget of the parse in progress. The micromark extension is built once with the processor, while a
 * budget belongs to one parse; parsing is synchronous, so one slot serves every call.
 */
export class BudgetSlot {
  private current: MarkupBudget | undefined

  get budget(): MarkupBudget | undefined {
    return this.current
  }

  run<T>(budget: MarkupBudget, parse: () => T): T {
    this.current = budget
    try {
      return parse()
    } finally {
      this.current = undefined
    }
  }
}

function inlineGuard(slot: BudgetSlot, marker: number): Construct {
  const construct: Construct = {
    name: 'markupBudget',
    tokenize(effects, ok, nok) {
      return (code) => {
        const decision = slot.budget?.decide(this, marker) ?? 'markdown'
        return decision === 'markdown' ? nok(code) : plainText(effects, ok, decision, marker)(code)
      }
    }
  }
  if (marker === GRAVE) construct.previous = codeTextPrevious
  return construct
}

/**
 * A micromark extension that runs before the inline constructs and reads markup past the budget as
 * plain text, and checks the deadline at every block start.
 */
export function markupBudgetExtension(slot: BudgetSlot): Extension {
  const text: Record<number, Construct> = {}
  for (const code of INLINE_CODES) text[code] = inlineGuard(slot, code)
  const deadlineCheck: Construct = {
    name: 'markupBudgetDeadline',
    tokenize(_effects, _ok, nok) {
      slot.budget?.tick()
      return nok
    }
  }
  return { text, flow: { null: deadlineCheck } }
}

/** Wraps a table construct so that a table too large to tokenise is read as text instead. */
export function guardTable(table: Construct, slot: BudgetSlot): Construct {
  return {
    ...table,
    tokenize(effects, ok, nok) {
      return slot.budget?.allowsTable(this) === false ? nok : table.tokenize.call(this, effects, ok, nok)
    }
  }
}
