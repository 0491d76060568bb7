import type { ActionItem, Position } from './model.js'
import { parseOwner } from './owners.js'
import { parseIsoDate } from './timestamp.js'

const TICKET_LINK_RE = /^\[([^\]]+)\]\(([^)\s]+)\)$/
const TICKET_ID_RE = /^#?[A-Z][A-Z0-9_]*-\d+$|^#\d+$/
const URL_RE = /^<?(https?:\/\/[^\s>]+)>?$/

function parseTicket(raw: string): ActionItem['ticket'] | undefined {
  const value = raw.trim()
  if (!value) return undefined
  const link = TICKET_LINK_RE.exec(value)
  if (link) return { raw: value, id: link[1], url: link[2] }
  const url = URL_RE.exec(value)
  if (url) return { raw: value, url: url[1] }
  if (TICKET_ID_RE.test(value)) return { raw: value, id: value }
  return { raw: value }
}

const BACKTICKS = /`+/y

/** Splits on `::` outside code spans, so that `Fix \`Foo::bar\` :: @a :: …` keeps its summary whole. */
function splitFields(raw: string): string[] {
  const fields: string[] = []
  let start = 0
  let i = 0
  while (i < raw.length) {
    if (raw[i] === '`') {
      BACKTICKS.lastIndex = i
      const fence = BACKTICKS.exec(raw)?.[0] ?? '`'
      const close = raw.indexOf(fence, i + fence.length)
      i = close < 0 ? i + fence.length : close + fence.length
    } else if (raw.startsWith('::', i)) {
      fields.push(raw.slice(start, i).trim())
      i += 2
      start = i
    } else {
      i++
    }
  }
  fields.push(raw.slice(start).trim())
  return fields
}

/**
 * Reads `<summary> :: <owner> :: <due YYYY-MM-DD> [ticket]` from an item's markdown source (the text
 * after the checkbox). The source, not the rendered text, so that a ticket link keeps its URL.
 */
export function parseActionItem(
  source: string,
  kind: ActionItem['kind'],
  checked: boolean,
  position: Position
): ActionItem {
  const raw = source.replace(/\s*\n\s*/g, ' ').trim()
  const fields = splitFields(raw)
  const item: ActionItem = {
    kind,
    checked,
    raw,
    summary: (fields[0] ?? '').trim(),
    dueValid: false,
    fieldCount: raw === '' ? 0 : fields.length,
    position
  }
  const ownerRaw = fields[1]?.trim()
  if (ownerRaw) {
    item.ownerRaw = ownerRaw
    const owner = parseOwner(ownerRaw)
    if (owner) item.owner = owner
  }
  const dueField = fields[2]?.trim()
  if (dueField) {
    const { due, rest } = splitDue(dueField)
    item.due = due
    item.dueValid = parseIsoDate(due) !== undefined
    const ticket = parseTicket([rest, ...fields.slice(3)].filter(Boolean).join(' '))
    if (ticket) item.ticket = ticket
  }
  return item
}

// A date-like first word (`2026-12-15`, `12/15/2026`) is the due date and what follows is the ticket.
const DATE_LIKE_RE = /^\d[\d./-]*$/

/**
 * The due date and what follows it. The template's `<due YYYY-MM-DD>` is sometimes copied with its word
 * (`due 2026-12-15`). A due date in words (`end of Q4`) is kept whole, so it is reported as written, with
 * a recognisable ticket at its end (`next sprint ENG-12`) kept apart.
 */
function splitDue(field: string): { due: string; rest: string } {
  const text = field.replace(/^due:?\s+/i, '')
  const first = /^(\S+)\s*(.*)$/.exec(text)
  if (first && DATE_LIKE_RE.test(first[1] ?? '')) return { due: first[1] ?? text, rest: first[2] ?? '' }
  const last = /^(.*\S)\s+(\S+)$/.exec(text)
  if (last && isTicketRef(last[2] ?? '')) return { due: last[1] ?? text, rest: last[2] ?? '' }
  return { due: text, rest: '' }
}

function isTicketRef(word: string): boolean {
  const ticket = parseTicket(word)
  return ticket?.id !== undefined || ticket?.url !== undefined
}
