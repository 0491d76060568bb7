// Reading event properties by the names the config gives them. A name is first tried as a key as it is
// (keys may contain dots); otherwise a dotted name walks nested objects (`meta.agent`).

import type { AuditFieldNames } from '../config/types.js'

export type EventObject = Record<string, unknown>

/** One parsed transcript line that is a JSON object, with its line number. */
export interface TranscriptEvent {
  line: number
  data: EventObject
}

export function isEventObject(value: unknown): value is EventObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** A property name as the config writes it, ready to read events with. */
export interface FieldPath {
  name: string
  segments: readonly string[]
}

export function fieldPath(name: string): FieldPath {
  return { name, segments: name.split('.') }
}

/** A logical field (`notes`) maps to the configured key; any other name is an event key itself. */
export function resolveField(name: string, fields: AuditFieldNames): FieldPath {
  const configured = (fields as unknown as Record<string, string | undefined>)[name]
  return fieldPath(Object.prototype.hasOwnProperty.call(fields, name) && configured !== undefined ? configured : name)
}

export function readField(event: EventObject, path: FieldPath): unknown {
  if (Object.prototype.hasOwnProperty.call(event, path.name)) return event[path.name]
  if (path.segments.length < 2) return undefined
  let node: unknown = event
  for (const segment of path.segments) {
    if (!isEventObject(node) || !Object.prototype.hasOwnProperty.call(node, segment)) return undefined
    node = node[segment]
  }
  return node
}

/** A value as text for matching and display: strings as they are, other values as JSON, nothing as undefined. */
export function fieldText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

/**
 * What a byte scan looks for: the last key of a field path with its closing quote (`notes"`); the opening
 * quote is checked at each hit. Leaving it out of the needle makes the search several times faster,
 * because `"` is the most frequent byte of JSON and the search stops at every occurrence of the first byte.
 */
export function fieldNeedle(path: FieldPath): string {
  return JSON.stringify(path.segments[path.segments.length - 1] ?? path.name).slice(1)
}
