// A transcript as text for a model or a reviewer, within a character budget. It is built while the
// transcript streams past: the start is kept until half the budget is used, then a rolling window keeps
// the end; the middle is replaced by a line saying how many events were left out. One huge event (a tool
// result of megabytes) is cut on its own so it cannot crowd out the rest.

import type { AuditFieldNames } from '../config/types.js'
import { fieldText, readField, resolveField, type FieldPath, type TranscriptEvent } from './fields.js'

export interface RenderOptions {
  fields: AuditFieldNames
  budgetChars: number
  includeNotes: boolean
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

export function createRenderer(options: RenderOptions): TranscriptRenderer {
  const paths = (['ts', 'type', 'role', 'tool', 'content', 'notes'] as const).map((n) => resolveField(n, options.fields))
  const [ts, type, role, tool, content, notes] = paths as [FieldPath, FieldPath, FieldPath, FieldPath, FieldPath, FieldPath]
  const half = Math.floor(options.budgetChars / 2)
  const perEvent = Math.max(200, Math.floor(options.budgetChars / 6))

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
    const body = fieldText(readField(d, content)) ?? ''
    let line = `[line ${event.line}]${when === undefined ? '' : ` ${when}`} ${who}${toolName === undefined ? '' : ` (${toolName})`}: ${body}`
    if (options.includeNotes) {
      const note = fieldText(readField(d, notes))
      if (note !== undefined) line += `\n  notes: ${note}`
    }
    return `${cut(line, perEvent)}\n`
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
