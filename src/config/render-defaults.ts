// `.github/reliability.yml` with every default written out and each setting's description as a comment,
// rendered from the schema (the same defaults the loader applies), so `init` never writes a stale copy.
// Settings without a default are written as comments. Pure.

import { configSchema } from './schema.js'

interface SchemaNode {
  type?: string | string[]
  description?: string
  default?: unknown
  properties?: Record<string, SchemaNode>
}

/** A value as one line of YAML (JSON is YAML; keys and strings quoted only where needed is not worth the risk). */
function inline(value: unknown): string {
  return JSON.stringify(value)
}

function wrap(text: string, indent: string, width = 100): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ')
  const lines: string[] = []
  let line = ''
  for (const word of words) {
    if (line !== '' && indent.length + 2 + line.length + 1 + word.length > width) {
      lines.push(`${indent}# ${line}`)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') lines.push(`${indent}# ${line}`)
  return lines
}

function isObject(node: SchemaNode): boolean {
  const types = Array.isArray(node.type) ? node.type : [node.type]
  return types.includes('object') && node.properties !== undefined
}

/**
 * Sections whose presence turns something on (a publish channel is configured by having a section): written
 * whole as comments, defaults included, so the file as written configures none of them.
 */
const OPT_IN_SECTIONS: ReadonlySet<string> = new Set(['publish.confluence', 'publish.email', 'publish.slack'])

function render(name: string, node: SchemaNode, indent: string, out: string[], overrides: Record<string, unknown>, path: string): void {
  if (OPT_IN_SECTIONS.has(path) && !Object.keys(overrides).some((k) => k === path || k.startsWith(`${path}.`))) {
    const block: string[] = []
    renderNode(name, node, indent, block, overrides, path)
    out.push(...block.map((line) => (line.trimStart().startsWith('#') ? line : `${indent}# ${line.slice(indent.length)}`)))
    return
  }
  renderNode(name, node, indent, out, overrides, path)
}

/** Settings whose default is written as a comment: writing the value changes what the tool does (a drills source set in the policy overrides the `drill-result` input). */
const DEFAULT_AS_COMMENT: ReadonlySet<string> = new Set(['gate.drills.source'])

function renderNode(name: string, node: SchemaNode, indent: string, out: string[], overrides: Record<string, unknown>, path: string): void {
  if (node.description) out.push(...wrap(node.description, indent))
  const override = overrides[path]
  if (override !== undefined) {
    out.push(`${indent}${name}: ${inline(override)}`)
  } else if (node.default !== undefined && DEFAULT_AS_COMMENT.has(path)) {
    out.push(`${indent}# ${name}: ${inline(node.default)}`)
  } else if (node.default !== undefined) {
    out.push(`${indent}${name}: ${inline(node.default)}`)
  } else if (isObject(node)) {
    out.push(`${indent}${name}:`)
    const before = out.length
    for (const [key, child] of Object.entries(node.properties ?? {})) render(key, child, `${indent}  `, out, overrides, `${path}.${key}`)
    // A section whose settings all lack defaults is written as a comment: an empty key reads as null.
    if (out.slice(before).every((l) => l.trimStart().startsWith('#'))) out[before - 1] = `${indent}# ${name}:`
  } else {
    out.push(`${indent}# ${name}:`)
  }
}

/**
 * The whole configuration file with its defaults. `overrides` sets values by dotted path (`sync.tracker`);
 * `sections` limits the top-level sections written (default: all).
 */
export function renderDefaultConfig(options: { overrides?: Record<string, unknown>; header?: string } = {}): string {
  const out: string[] = []
  if (options.header) out.push(...options.header.trimEnd().split('\n'), '')
  for (const [key, node] of Object.entries(configSchema.properties as unknown as Record<string, SchemaNode>)) {
    render(key, node, '', out, options.overrides ?? {}, key)
    out.push('')
  }
  return `${out.join('\n').trimEnd()}\n`
}
