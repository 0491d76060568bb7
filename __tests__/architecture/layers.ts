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

export function findBreaches(graph: SourceGraph): Breach[] {
  const breaches: Breach[] = []
  for (const cycle of importCycles(graph)) {
    const lines = graph.imports.filter((e) => cycle.includes(e.from) && cycle.includes(e.to)).map((e) => `${e.from}:${e.line} → ${e.to}${e.typeOnly ? ' (type only)' : ''}`)
    breaches.push({ id: `cycle: ${cycle.join(' ↔ ')}`, detail: lines.join('; ') })
  }
  const layerEdges = new Map<string, string[]>()
  for (const edge of graph.imports) {
    if (!PURE.some((prefix) => edge.from.startsWith(prefix))) continue
    if (!SIDE_EFFECTS.some((prefix) => matchesModule(edge.to, prefix))) continue
    const id = `${edge.from} → ${edge.to}`
    layerEdges.set(id, [...(layerEdges.get(id) ?? []), `line ${edge.line}${edge.typeOnly ? ' (type only)' : ''}`])
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
