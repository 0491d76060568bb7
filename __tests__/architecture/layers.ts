// The layering of docs/ARCHITECTURE.md as rules over the import graph (import-graph.ts). Each breach has an
// id that names it exactly (`from → to`, `file: process`, `cycle: a ↔ b`), so a list of known breaches can
// be compared with what the code does today.

import { importCycles, type SourceGraph } from './import-graph.js'

/** The entries: the only files that may read `process` (argv, env, cwd, exit codes, stdio). */
export const ENTRIES: readonly RegExp[] = [/^src\/(main|index|cli)\.ts$/, /^src\/cli\//, /^src\/action\//]

/**
 * Evaluation and model code: it takes data and returns data, so it must not reach for the adapters, the
 * renderers or the file system. `src/sync/plan` is a prefix (plan.ts and any plan-*.ts).
 */
export const PURE: readonly string[] = ['src/postmortem/', 'src/experiments/', 'src/lint/', 'src/gates/', 'src/sync/plan', 'src/audit/', 'src/review/']

/** What pure code may not import: adapters and renderers (with their formats and side effects), the Actions toolkit, fs. */
export const SIDE_EFFECTS: readonly string[] = ['src/io/', 'src/report/', 'src/github/', 'src/sync/trackers/', '@actions/', 'node:fs', 'fs']

function matchesModule(to: string, prefix: string): boolean {
  if (prefix.endsWith('/')) return to.startsWith(prefix)
  return to === prefix || to.startsWith(`${prefix}/`) // `fs` covers `fs/promises`, never `fs-extra`
}

export interface Breach {
  /** Stable name of the breach, as the allowlist writes it. */
  id: string
  /** Where and how (lines, type-only or not), for the failure message. */
  detail: string
}

/**
 * What an import reaches: the module itself, or, for a re-export-only file (an alias left where a module
 * used to live), every module it re-exports, followed through further aliases. So an alias in sync/trackers/
 * of a pure module is no breach, and an alias anywhere of an adapter still is.
 */
function throughAliases(graph: SourceGraph): (to: string) => string[] {
  const aliases = new Set(graph.aliases)
  return (to) => {
    const found: string[] = []
    const seen = new Set<string>()
    const queue = [to]
    while (queue.length > 0) {
      const module = queue.pop()!
      if (seen.has(module)) continue
      seen.add(module)
      if (!aliases.has(module)) found.push(module)
      else for (const edge of graph.imports) if (edge.from === module) queue.push(edge.to)
    }
    return found.sort()
  }
}

export function findBreaches(graph: SourceGraph): Breach[] {
  const breaches: Breach[] = []
  for (const cycle of importCycles(graph)) {
    const lines = graph.imports.filter((e) => cycle.includes(e.from) && cycle.includes(e.to)).map((e) => `${e.from}:${e.line} → ${e.to}${e.typeOnly ? ' (type only)' : ''}`)
    breaches.push({ id: `cycle: ${cycle.join(' ↔ ')}`, detail: lines.join('; ') })
  }
  const layerEdges = new Map<string, string[]>()
  const reached = throughAliases(graph)
  for (const edge of graph.imports) {
    if (!PURE.some((prefix) => edge.from.startsWith(prefix))) continue
    for (const target of reached(edge.to)) {
      if (!SIDE_EFFECTS.some((prefix) => matchesModule(target, prefix))) continue
      const id = `${edge.from} → ${target}`
      const via = target === edge.to ? '' : ` via ${edge.to}`
      layerEdges.set(id, [...(layerEdges.get(id) ?? []), `line ${edge.line}${edge.typeOnly ? ' (type only)' : ''}${via}`])
    }
  }
  for (const [id, where] of layerEdges) breaches.push({ id, detail: where.join(', ') })
  const reads = new Map<string, string[]>()
  for (const read of graph.processReads) {
    if (ENTRIES.some((entry) => entry.test(read.file))) continue
    reads.set(read.file, [...(reads.get(read.file) ?? []), `${read.text} (line ${read.line})`])
  }
  for (const [file, what] of reads) breaches.push({ id: `${file}: process`, detail: what.join(', ') })
  return breaches.sort((a, b) => a.id.localeCompare(b.id))
}
