// Reports of the `experiment` mode for the terminal and for scripts: the list of experiments, and the
// problems `experiment validate` found (grouped by file, like the lint report).

import type { DiscoveredExperiment } from '../experiments/discover.js'
import { frontMatterValuesOf } from '../experiments/front-matter-values.js'
import type { ExperimentDoc, ExperimentStatus } from '../experiments/model.js'
import type { ExperimentRunResult } from '../modes/experiment.js'
import { ansi, plural } from './text.js'

type Paint = (text: string) => string

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\t/g, ' ')
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text
}

function statusPaint(c: ReturnType<typeof ansi>, status: ExperimentStatus): Paint {
  switch (status) {
    case 'running':
      return c.yellow
    case 'concluded':
      return c.green
    case 'rolled-back':
      return c.red
    case 'abandoned':
      return c.dim
    default:
      return (text) => text
  }
}

/** Newest first, then by path: what someone scanning the list wants to see at the top. */
export function sortForList(experiments: readonly DiscoveredExperiment[]): DiscoveredExperiment[] {
  return [...experiments].sort((a, b) => {
    const ca = a.doc?.created ?? ''
    const cb = b.doc?.created ?? ''
    return ca < cb ? 1 : ca > cb ? -1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0
  })
}

/**
 *   ID        STATUS     CREATED     CHANGE  OWNER         OUTCOME  NAME
 *   bd6cd37c  concluded  2026-10-16  prompt  @maria.chen   won      Stop after two empty searches…
 */
/** `width`: the terminal's; names are cut to fit it. Without one (a pipe, a file) nothing is cut. */
export function formatExperimentList(experiments: readonly DiscoveredExperiment[], options: { color: boolean; width?: number }): string {
  const c = ansi(options.color)
  const docs = sortForList(experiments).filter((e): e is DiscoveredExperiment & { doc: ExperimentDoc } => e.doc !== undefined)
  const invalid = experiments.filter((e) => e.doc === undefined)
  if (experiments.length === 0) return 'No experiment docs found.\n'

  const header = ['ID', 'STATUS', 'CREATED', 'CHANGE', 'OWNER', 'OUTCOME', 'NAME']
  const rows = docs.map(({ doc }) => [doc.id.slice(0, 8), doc.status, doc.created, doc.change.type, oneLine(doc.owner), doc.outcome ?? '-', oneLine(doc.name)])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  // The name takes what is left of the terminal, but never less than 20 characters.
  const fixed = widths.slice(0, -1).reduce((n, w) => n + w + 2, 0)
  const nameWidth = options.width === undefined ? Number.POSITIVE_INFINITY : Math.max(20, options.width - fixed)
  const line = (cells: string[], paint: (i: number, text: string) => string) =>
    cells
      .map((cellText, i) => {
        const last = i === cells.length - 1
        const text = last ? truncate(cellText, nameWidth) : cellText.padEnd(widths[i] ?? 0)
        return paint(i, text)
      })
      .join('  ')
      .trimEnd()

  const out: string[] = []
  if (rows.length > 0) {
    out.push(line(header, (_, text) => c.dim(text)))
    docs.forEach(({ doc }, r) => {
      out.push(line(rows[r] ?? [], (i, text) => (i === 1 ? statusPaint(c, doc.status)(text) : i === 0 ? c.dim(text) : text)))
    })
  }
  const counts = new Map<string, number>()
  for (const { doc } of docs) counts.set(doc.status, (counts.get(doc.status) ?? 0) + 1)
  const byStatus = [...counts].map(([status, n]) => `${n} ${status}`).join(', ')
  out.push('')
  out.push(`${plural(docs.length, 'experiment')}${byStatus ? ` (${byStatus})` : ''}`)
  if (invalid.length > 0) {
    out.push(c.yellow(`${plural(invalid.length, 'experiment doc')} could not be read: ${invalid.map((e) => e.path).join(', ')}`))
    out.push(c.dim('run "reliability-loop experiment validate" to see why'))
  }
  return `${out.join('\n')}\n`
}

export interface ExperimentListJson {
  experiments: Array<Record<string, unknown> & { path: string }>
  invalid: Array<{ path: string; problems: Array<{ line: number; column: number; key?: string; message: string }> }>
}

/** `{"experiments":[{path, …front matter as in the file}], "invalid":[{path, problems}]}`, newest first. */
export function toExperimentListJson(experiments: readonly DiscoveredExperiment[]): ExperimentListJson {
  const sorted = sortForList(experiments)
  return {
    experiments: sorted.flatMap((e) => (e.doc ? [{ path: e.path, ...frontMatterValuesOf(e.doc) }] : [])),
    invalid: sorted.filter((e) => !e.doc).map((e) => ({ path: e.path, problems: e.problems.map((p) => ({ ...p })) }))
  }
}

/**
 *   docs/experiments/EXP-2026-11-12-x.md
 *     14:5  the rollback trigger is a placeholder ("TBD"): …  rollback.trigger
 *
 *   ✖ 1 problem in 1 of 3 experiment docs
 */
export function formatExperimentProblems(result: ExperimentRunResult, options: { color: boolean }): string {
  const c = ansi(options.color)
  const { summary } = result
  if (summary.files === 0) return 'No experiment docs found.\n'
  if (summary.problems === 0) return `${c.green(`✔ ${plural(summary.files, 'experiment doc')}, no problems`)}\n`
  const blocks: string[] = []
  for (const experiment of [...result.experiments].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (experiment.problems.length === 0) continue
    const problems = [...experiment.problems].sort((a, b) => a.line - b.line || a.column - b.column)
    const lineWidth = Math.max(...problems.map((p) => String(p.line).length))
    const columnWidth = Math.max(...problems.map((p) => String(p.column).length))
    const messages = problems.map((p) => oneLine(p.message))
    const messageWidth = Math.max(...messages.map((m) => m.length))
    const rows = problems.map((p, i) => {
      const position = `${String(p.line).padStart(lineWidth)}:${String(p.column).padEnd(columnWidth)}`
      return `  ${c.dim(position)}  ${c.red('error')}  ${(messages[i] ?? '').padEnd(messageWidth)}  ${c.dim(p.key ?? '')}`.trimEnd()
    })
    blocks.push(`${c.underline(experiment.path)}\n${rows.join('\n')}\n`)
  }
  const summaryLine = `✖ ${plural(summary.problems, 'problem')} in ${summary.invalid} of ${plural(summary.files, 'experiment doc')}`
  return `${blocks.join('\n')}\n${c.bold(c.red(summaryLine))}\n`
}

export interface ExperimentValidationJson {
  experiments: Array<{ path: string; id?: string; valid: boolean; problems: Array<{ line: number; column: number; key?: string; message: string }> }>
  summary: { files: number; invalid: number; problems: number }
}

/** `{"experiments":[{path, id?, valid, problems}], "summary":{files, invalid, problems}}`, sorted by path. */
export function toExperimentValidationJson(result: ExperimentRunResult): ExperimentValidationJson {
  const experiments = [...result.experiments]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => ({
      path: e.path,
      ...(e.doc ? { id: e.doc.id } : {}),
      valid: e.problems.length === 0,
      problems: [...e.problems].sort((a, b) => a.line - b.line || a.column - b.column).map((p) => ({ line: p.line, column: p.column, ...(p.key === undefined ? {} : { key: p.key }), message: p.message }))
    }))
  return { experiments, summary: { ...result.summary } }
}
