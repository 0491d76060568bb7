// Write-back: puts each new ticket's reference on its item's line, after the due date
// (`- [ ] Fix it :: @ana :: 2026-12-15 [ENG-123](https://…)`), and optionally ticks items whose ticket
// was closed in the tracker. A pure text edit at the positions the model recorded: the rest of the file,
// its line endings and its byte order mark stay exactly as they were.

import type { ItemResult } from './execute.js'

export interface WriteBackEdit {
  /** 1-based line of the item's list marker. */
  line: number
  /** Add this reference after the due date. */
  reference?: { ref: string; url: string }
  /** Turn `[ ]` into `[x]`. */
  tick?: boolean
}

export interface WriteBackResult {
  text: string
  /** Edits carried out. */
  applied: number
  /** Edits that found the line not as expected (the file changed since it was read). */
  skipped: Array<{ line: number; reason: string }>
}

const ITEM_START_RE = /^(\s*(?:[-*+]|\d{1,9}[.)])\s+)\[( |x|X)\]/
const NEXT_BLOCK_RE = /^\s*(?:$|[-*+]\s|\d{1,9}[.)]\s|#)/

/** Markdown link text: brackets and backslashes escaped so `[…]` stays one link. */
function linkText(text: string): string {
  return text.replace(/[\\[\]]/g, '\\$&')
}

/**
 * Where the reference goes on the item's lines (the item may be wrapped): after the first word of the
 * text that follows the item's second `::` (the due date, possibly written `due 2026-12-15`).
 */
function referenceOffset(lines: readonly string[], first: number): { line: number; offset: number } | undefined {
  let separators = 0
  for (let i = first; i < lines.length; i++) {
    const text = lines[i] ?? ''
    if (i > first && NEXT_BLOCK_RE.test(text)) return undefined
    let from = 0
    for (;;) {
      const at = text.indexOf('::', from)
      if (at < 0) break
      separators++
      from = at + 2
      if (separators === 2) {
        const m = /^\s*(?:due:?\s+)?\S+/i.exec(text.slice(from))
        if (!m) return undefined
        return { line: i, offset: from + m[0].length }
      }
    }
  }
  return undefined
}

/** The text's lines and, separately, each line's own ending (so CRLF files stay CRLF) and the BOM. */
function splitLines(source: string): { bom: string; lines: string[]; endings: string[] } {
  const bom = source.startsWith('\uFEFF') ? '\uFEFF' : ''
  const body = bom ? source.slice(1) : source
  const parts = body.split(/(\r\n|\n|\r)/)
  const lines: string[] = []
  const endings: string[] = []
  for (let i = 0; i < parts.length; i += 2) {
    lines.push(parts[i] ?? '')
    endings.push(parts[i + 1] ?? '')
  }
  return { bom, lines, endings }
}

/** An item's lines: its first line and the continuation lines up to the next block. */
function itemBlock(lines: readonly string[], first: number): string[] {
  const block = [lines[first] ?? '']
  for (let i = first + 1; i < lines.length && !NEXT_BLOCK_RE.test(lines[i] ?? ''); i++) block.push(lines[i] ?? '')
  return block
}

/**
 * Whether the edits made against `before` can be applied to `after` (the file as it is now, when someone
 * changed it while sync ran): every edited item's lines are still there, at the same place, unchanged.
 */
export function itemLinesUnchanged(before: string, after: string, edits: readonly WriteBackEdit[]): boolean {
  const a = splitLines(before).lines
  const b = splitLines(after).lines
  return edits.every((edit) => {
    const x = itemBlock(a, edit.line - 1)
    const y = itemBlock(b, edit.line - 1)
    return edit.line - 1 < b.length && x.length === y.length && x.every((line, i) => line === y[i])
  })
}

export function applyWriteBack(source: string, edits: readonly WriteBackEdit[]): WriteBackResult {
  const { bom, lines, endings } = splitLines(source)
  const result: WriteBackResult = { text: source, applied: 0, skipped: [] }
  for (const edit of edits) {
    const index = edit.line - 1
    const text = lines[index]
    const marker = text !== undefined ? ITEM_START_RE.exec(text) : null
    if (text === undefined || !marker) {
      result.skipped.push({ line: edit.line, reason: 'the line is no longer an action item' })
      continue
    }
    let changed = false
    if (edit.reference) {
      const at = referenceOffset(lines, index)
      const link = `[${linkText(edit.reference.ref)}](${edit.reference.url})`
      if (!at) {
        result.skipped.push({ line: edit.line, reason: 'no due date field to put the reference after' })
      } else if (!(lines[at.line] ?? '').includes(`](${edit.reference.url})`)) {
        const target = lines[at.line] ?? ''
        lines[at.line] = `${target.slice(0, at.offset)} ${link}${target.slice(at.offset)}`
        changed = true
      }
    }
    if (edit.tick) {
      const current = lines[index] ?? ''
      const m = ITEM_START_RE.exec(current)
      if (m && m[2] === ' ') {
        const prefix = m[1] ?? ''
        lines[index] = `${prefix}[x]${current.slice(prefix.length + 3)}`
        changed = true
      }
    }
    if (changed) result.applied++
  }
  if (result.applied > 0) result.text = bom + lines.map((line, i) => line + (endings[i] ?? '')).join('')
  return result
}

/** The edits a run's results call for, grouped by file: references of tickets that exist, ticks of closed ones. */
export function writeBackEdits(results: readonly ItemResult[]): Map<string, WriteBackEdit[]> {
  const byFile = new Map<string, WriteBackEdit[]>()
  for (const { plan, ticket, error } of results) {
    if (error !== undefined) continue
    const edit: WriteBackEdit = { line: plan.item.line }
    if (plan.writeReference && ticket) edit.reference = { ref: ticket.ref, url: ticket.url }
    if (plan.tick) edit.tick = true
    if (!edit.reference && !edit.tick) continue
    byFile.set(plan.item.path, [...(byFile.get(plan.item.path) ?? []), edit])
  }
  return byFile
}
