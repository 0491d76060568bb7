// `audit --format text` (the default): what was sampled, a table of scores (✗ below the threshold, ! a
// failed score, ? awaiting a reviewer; with a flagged stratum, each transcript's stratum), the
// per-dimension means and pass rates of the random stratum (and the flagged stratum's apart), the lowest-scoring
// transcripts with the reason, malformed lines, and where the records went.

import type { AuditDimension } from '../config/types.js'
import type { AuditRunResult } from '../modes/audit.js'
import type { DimensionScore } from '../audit/scores.js'
import type { DimensionSummary } from '../audit/summary.js'
import { passes } from '../audit/rubric.js'
import { ansi, plural } from './text.js'

export interface AuditTextOptions {
  color: boolean
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, '')
}

export function scoreCell(dimension: AuditDimension, s: DimensionScore | undefined): string {
  if (s === undefined) return '–'
  if (s.state === 'pending') return '?'
  if (s.score === null) return '!'
  return passes(dimension, s.score) ? formatNumber(s.score) : `${formatNumber(s.score)} ✗`
}

export function percent(passRate: number | null): string {
  return passRate === null ? '–' : `${Math.round(passRate * 100)}%`
}

function table(rows: string[][], paint: (row: number, col: number, text: string) => string = (_r, _c, t) => t): string {
  const widths = (rows[0] ?? []).map((_, col) => Math.max(...rows.map((r) => [...(r[col] ?? '')].length)))
  return rows
    .map((r, ri) =>
      r
        .map((cell, ci) => paint(ri, ci, ci === r.length - 1 ? cell : cell + ' '.repeat((widths[ci] ?? 0) - [...cell].length)))
        .join('  ')
        .trimEnd()
    )
    .join('\n')
}

function summaryTable(summaries: readonly DimensionSummary[]): string[][] {
  const rows = [['dimension', 'scale', 'threshold', 'mean', 'pass rate', 'failed', 'pending']]
  for (const s of summaries) {
    rows.push([
      s.dimension.name,
      s.dimension.scale,
      formatNumber(s.dimension.threshold),
      s.mean === null ? '–' : s.mean.toFixed(2),
      s.passRate === null ? '–' : `${s.passed}/${s.scored + s.failed} (${percent(s.passRate)})`,
      String(s.failed),
      String(s.pending)
    ])
  }
  return rows
}

type Paint = ReturnType<typeof ansi>

/** One row per transcript and scorer; the stratum column only with a flagged stratum (else every row says `random`). */
function scoreTable(result: AuditRunResult, c: Paint, strata: boolean): string[] {
  const dims = result.dimensions
  const rows = [['transcript', ...(strata ? ['stratum'] : []), 'scorer', ...dims.map((d) => d.name)]]
  for (const r of result.sampled) {
    rows.push([r.transcript, ...(strata ? [r.stratum] : []), r.scorer + (r.reused ? '*' : ''), ...dims.map((d) => (d.name in r.scores ? scoreCell(d, r.scores[d.name]) : ''))])
  }
  const labels = strata ? 3 : 2
  const out = [
    table(rows, (ri, ci, text) => {
      if (ri === 0) return c.bold(text)
      if (ci < labels) return text
      if (text.includes('✗') || text.trim() === '!') return c.red(text)
      if (text.trim() === '?') return c.yellow(text)
      return text
    })
  ]
  if (result.sampled.some((r) => r.reused)) out.push(c.dim('* recorded by an earlier run with the same seed and rubric; not scored again'))
  return out
}

/** The random stratum's means and pass rates; the flagged stratum's apart. */
function summarySection(result: AuditRunResult, c: Paint, flagged: number): string[] {
  const strata = flagged > 0
  const out: string[] = []
  const summaryRows = summaryTable(result.summaries)
  const breached = new Set(result.breaches.map((b) => b.dimension.name))
  if (strata) out.push('', c.bold(`Random stratum (${plural(result.draw.length - flagged, 'transcript')}): the means, pass rates and fail-below`))
  out.push(
    '',
    table(summaryRows, (ri, ci, text) => (ri === 0 ? c.bold(text) : ci === 4 && breached.has(summaryRows[ri]?.[0] ?? '') ? c.red(text) : text))
  )
  if (strata) {
    out.push('', c.bold(`Flagged stratum (${plural(flagged, 'transcript')} added for their notes; not in the numbers above)`), '')
    out.push(table(summaryTable(result.flaggedSummaries), (ri, _ci, text) => (ri === 0 ? c.bold(text) : text)))
  }
  return out
}

function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

export function formatAuditText(result: AuditRunResult, options: AuditTextOptions): string {
  const c = ansi(options.color)
  const out: string[] = []
  out.push(c.bold(`Audit of ${result.period}`) + c.dim(` · seed ${JSON.stringify(result.seed)} · rubric ${result.rubricVersion}`))
  const flagged = result.draw.filter((d) => d.stratum === 'flagged').length
  out.push(
    `${plural(result.counts.inPeriod, 'transcript')} in ${result.period} (of ${result.counts.found} found); ` +
      (flagged > 0 ? `${result.draw.length - flagged} sampled at random, and ${plural(flagged, 'flagged transcript')} added on top.` : `${result.draw.length} sampled.`)
  )
  if (result.draw.length === 0) {
    out.push('', 'Nothing to score.')
    return `${out.join('\n')}\n`
  }

  out.push('', ...scoreTable(result, c, flagged > 0))
  out.push(...summarySection(result, c, flagged))

  const weak = result.lowest.filter((t) => t.standing < 1)
  if (weak.length > 0) {
    out.push('', c.bold('Lowest scoring:'))
    const byName = new Map(result.dimensions.map((d) => [d.name, d]))
    for (const t of weak) {
      const worst = Object.entries(t.scores)
        .filter(([name, s]) => s.state !== 'pending' && !passes(byName.get(name) as AuditDimension, s.score))
        .map(([name, s]) => `${name} ${s.score === null ? 'failed' : formatNumber(s.score)}: ${oneLine(s.reason)}`)
      out.push(`  ${t.transcript}${c.dim(` (${Math.round(t.standing * 100)}% of the scale)`)}`)
      for (const w of worst) out.push(`    ${w}`)
    }
  }

  if (result.malformed.length > 0) {
    out.push('', c.bold(`Malformed lines (${result.malformed.length}):`))
    for (const m of result.malformed.slice(0, 50)) out.push(`  ${m.path}:${m.line}: ${oneLine(m.problem)}`)
    if (result.malformed.length > 50) out.push(`  …and ${result.malformed.length - 50} more (--format json lists all)`)
  }

  out.push('')
  const { store } = result
  if (store.dryRun) out.push(c.dim(`--dry-run: nothing written; ${store.file} would get ${plural(store.added, 'new record')}.`))
  else out.push(`${store.added > 0 ? `Recorded ${plural(store.added, 'new record')}` : 'No new records'} in ${store.file}${store.alreadyStored > 0 ? ` (${store.alreadyStored} already there)` : ''}.`)
  if (store.notRecorded > 0) out.push(c.yellow(`${plural(store.notRecorded, 'result')} not recorded (failed requests, the model call cap, or awaiting review): the next run with the same seed tries again.`))
  if (result.review) {
    const r = result.review
    if (r.added > 0) out.push(`Added ${plural(r.added, 'transcript')} to the review file ${r.file}: fill in the scores and run again.`)
    if (r.pending > 0 && r.added === 0) out.push(`${plural(r.pending, 'transcript')} await a reviewer in ${r.file}.`)
  }
  if (result.failBelow !== undefined) {
    if (result.breaches.length > 0) {
      out.push(c.red(`✖ fail-below ${result.failBelow}: ${result.breaches.map((b) => `${b.dimension.name} passes ${percent(b.passRate)}`).join(', ')}`))
    } else out.push(c.green(`✔ every dimension passes at least ${percent(result.failBelow)} of the sample (fail-below ${result.failBelow})`))
  }
  return `${out.join('\n')}\n`
}
