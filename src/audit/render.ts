// A transcript as text for a model or a reviewer, within a character budget. It is built while the
// transcript streams past: the start is kept until half the budget is used, then a rolling window keeps
// the end; the middle is replaced by a line saying how many events were left out. One huge event (a tool
// result of megabytes) is cut on its own so it cannot crowd out the rest. Each event shows every field the
// configuration names: its first line the time, type, role, tool and content; below it the tool's
// arguments, the notes (unless `audit.llm.include-notes` is off) and the other fields
// (`audit.llm.other-fields`, by default every other scalar property).

import type { AuditFieldNames } from '../config/types.js'
import { fieldPath, fieldText, readField, resolveField, type EventObject, type FieldPath, type TranscriptEvent } from './fields.js'

export interface RenderOptions {
  fields: AuditFieldNames
  budgetChars: number
  includeNotes: boolean
  /** More event properties to show (dotted paths read nested ones); `*`: every other top-level scalar. */
  otherFields: readonly string[]
}

export interface RenderedTranscript {
  text: string
  events: number
  /** Events left out of the middle. */
  omitted: number
}

export interface TranscriptRenderer {
  accept(event: TranscriptEvent): void
  finish(): RenderedTranscript
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters]`
}

/** The logical fields shown in an event's first line or as its own line; `*` shows none of them again. */
const SHOWN = ['ts', 'type', 'role', 'tool', 'content', 'arguments', 'notes'] as const

type ExtraLines = (data: EventObject) => Array<[string, string]>

/** The event's `name: value` lines below its first line: arguments, notes, then the other fields. */
function extraLines(options: RenderOptions): ExtraLines {
  const args = resolveField('arguments', options.fields)
  const notes = resolveField('notes', options.fields)
  const named = [args, ...(options.includeNotes ? [notes] : [])]
  const all = options.otherFields.includes('*')
  const others = options.otherFields.filter((f) => f !== '*').map(fieldPath)
  // Every configured field is left out of `*`: shown above, or (notes without include-notes) not at all.
  const configured = new Set<string>([...SHOWN, 'agent'].map((n) => resolveField(n, options.fields).name))
  return (data) => {
    const lines: Array<[string, string]> = []
    const seen = new Set<string>()
    const add = (name: string, value: unknown): void => {
      const text = fieldText(value)
      if (text === undefined || text === '' || seen.has(name)) return
      seen.add(name)
      lines.push([name, text])
    }
    for (const path of named) add(path === args ? 'arguments' : 'notes', readField(data, path))
    for (const path of others) if (!configured.has(path.name)) add(path.name, readField(data, path))
    if (all) {
      for (const [key, value] of Object.entries(data)) {
        if (configured.has(key) || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) continue
        add(key, value)
      }
    }
    return lines
  }
}

export function createRenderer(options: RenderOptions): TranscriptRenderer {
  const paths = (['ts', 'type', 'role', 'tool', 'content'] as const).map((n) => resolveField(n, options.fields))
  const [ts, type, role, tool, content] = paths as [FieldPath, FieldPath, FieldPath, FieldPath, FieldPath]
  const extras = extraLines(options)
  const half = Math.floor(options.budgetChars / 2)
  const perEvent = Math.max(200, Math.floor(options.budgetChars / 6))
  // One property may take a third of an event's share, so a huge content leaves room for its notes.
  const perExtra = Math.max(100, Math.floor(perEvent / 3))

  const head: string[] = []
  let headChars = 0
  let headFull = false
  const tail: string[] = []
  let tailChars = 0
  let tailStart = 0 // index in `tail` of the first line kept
  let events = 0
  let omitted = 0

  const renderEvent = (event: TranscriptEvent): string => {
    const d = event.data
    const kind = [fieldText(readField(d, type)), fieldText(readField(d, role))].filter((v): v is string => v !== undefined)
    const who = [...new Set(kind)].join('/') || 'event'
    const toolName = fieldText(readField(d, tool))
    const when = fieldText(readField(d, ts))
    const head = `[line ${event.line}]${when === undefined ? '' : ` ${when}`} ${who}${toolName === undefined ? '' : ` (${toolName})`}:`
    const below = extras(d)
      .map(([name, text]) => `\n  ${name}: ${cut(text, perExtra)}`)
      .join('')
    const body = fieldText(readField(d, content)) ?? ''
    // The content gets what the first line and the other properties leave of the event's share.
    const room = Math.max(perExtra, perEvent - head.length - below.length)
    return `${head}${body === '' ? '' : ` ${cut(body, room)}`}${below}\n`
  }

  return {
    accept(event) {
      events++
      const line = renderEvent(event)
      if (!headFull && headChars + line.length <= half) {
        head.push(line)
        headChars += line.length
        return
      }
      headFull = true
      tail.push(line)
      tailChars += line.length
      while (tailChars > half && tailStart < tail.length - 1) {
        tailChars -= (tail[tailStart] ?? '').length
        tail[tailStart] = ''
        tailStart++
        omitted++
      }
      // Drop the emptied slots now and then, so the array stays as small as the window.
      if (tailStart > 1024) {
        tail.splice(0, tailStart)
        tailStart = 0
      }
    },
    finish() {
      const kept = tail.slice(tailStart)
      const gap = omitted > 0 ? [`[… ${omitted} ${omitted === 1 ? 'event' : 'events'} left out to fit the budget …]\n`] : []
      return { text: [...head, ...gap, ...kept].join(''), events, omitted }
    }
  }
}
