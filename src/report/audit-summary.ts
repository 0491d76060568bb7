// The audit's job summary (markdown): per-dimension means and pass rates, the lowest-scoring
// transcripts with why, malformed lines, where the records went, and the fail-below verdict.

import type { AuditDimension } from '../config/types.js'
import { passes } from '../audit/rubric.js'
import type { DimensionSummary } from '../audit/summary.js'
import type { AuditRunResult } from '../modes/audit.js'
import { formatNumber, percent, scoreCell } from './audit-text.js'
import { lineUrl, type SourceLink } from './job-summary.js'
import { plural } from './text.js'

const MAX_CELL_CHARS = 300
const MAX_MALFORMED_ROWS = 20

/** Safe inside a table cell: no pipes or line breaks to end it, no HTML. */
function cell(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const short = flat.length > MAX_CELL_CHARS ? `${flat.slice(0, MAX_CELL_CHARS - 1)}…` : flat
  return short.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|')
}

function summaryTable(summaries: readonly DimensionSummary[]): string {
  const rows = summaries.map(
    (s) =>
      `| ${s.dimension.name} | ${s.dimension.scale} | ${s.dimension.scorer} | ${formatNumber(s.dimension.threshold)} | ${s.mean === null ? '–' : s.mean.toFixed(2)} | ${
        s.passRate === null ? '–' : `${s.passed}/${s.scored + s.failed} (${percent(s.passRate)})`
      } | ${s.failed} | ${s.pending} |`
  )
  return ['| Dimension | Scale | Scorer | Threshold | Mean | Pass rate | Failed | Pending |', '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n')
}

export function renderAuditSummary(result: AuditRunResult, link?: SourceLink): string {
  const failing = result.breaches.length > 0
  const icon = failing ? '❌' : result.summaries.some((s) => s.failed > 0 || (s.passRate !== null && s.passRate < 1)) ? '⚠️' : '✅'
  const out: string[] = []
  out.push(`## ${icon} reliability-loop audit ${result.period}: ${plural(result.draw.length, 'transcript')} sampled`)
  const flagged = result.draw.filter((d) => d.stratum === 'flagged').length
  out.push(
    `Seed \`${result.seed}\` · rubric \`${result.rubricVersion}\` · ${plural(result.counts.inPeriod, 'transcript')} in the period (${result.counts.found} found)` +
      (flagged > 0 ? ` · ${result.draw.length - flagged} at random, and ${flagged} flagged for their error or policy notes on top` : '')
  )
  if (result.draw.length > 0) {
    if (flagged > 0) out.push(`**Random stratum** (${plural(result.draw.length - flagged, 'transcript')}): the means, pass rates and fail-below.`)
    out.push(summaryTable(result.summaries))
    if (flagged > 0) out.push(`**Flagged stratum** (${plural(flagged, 'transcript')} added for their notes), apart from the numbers above:`, summaryTable(result.flaggedSummaries))

    const byName = new Map(result.dimensions.map((d) => [d.name, d]))
    const weak = result.lowest.filter((t) => t.standing < 1)
    if (weak.length > 0) {
      const lines = weak.map((t) => {
        const name = link ? `[${cell(t.transcript)}](${lineUrl(link, t.transcript, 1)})` : cell(t.transcript)
        const scores = Object.entries(t.scores)
          .map(([n, s]) => `${n} ${scoreCell(byName.get(n) as AuditDimension, s)}`)
          .join(' · ')
        const why = Object.entries(t.scores)
          .filter(([n, s]) => s.state !== 'pending' && !passes(byName.get(n) as AuditDimension, s.score))
          .map(([n, s]) => `**${n}**: ${cell(s.reason)}`)
          .join('<br>')
        return `| ${name} | ${cell(scores)} | ${why} |`
      })
      out.push(['### Lowest-scoring transcripts', '', '| Transcript | Scores | Why |', '| --- | --- | --- |', ...lines].join('\n'))
    }
  }
  if (result.malformed.length > 0) {
    const rows = result.malformed.slice(0, MAX_MALFORMED_ROWS).map((m) => `| ${cell(m.path)} | ${m.line} | ${cell(m.problem)} |`)
    const more = result.malformed.length > MAX_MALFORMED_ROWS ? `\n\n…and ${result.malformed.length - MAX_MALFORMED_ROWS} more.` : ''
    out.push([`### Malformed lines (${result.malformed.length})`, '', '| File | Line | Problem |', '| --- | ---: | --- |', ...rows].join('\n') + more)
  }
  const notes: string[] = []
  const { store } = result
  notes.push(
    store.dryRun
      ? `Dry run: nothing written (\`${store.file}\` would get ${plural(store.added, 'new record')}).`
      : `${plural(store.added, 'new record')} in \`${store.file}\`${store.alreadyStored > 0 ? ` (${store.alreadyStored} already there)` : ''}.`
  )
  if (store.notRecorded > 0) notes.push(`${plural(store.notRecorded, 'result')} not recorded (failed requests, the model call cap, or awaiting review); the next run tries again.`)
  if (result.review && (result.review.added > 0 || result.review.pending > 0)) notes.push(`${plural(result.review.pending, 'transcript')} await a reviewer in \`${result.review.file}\`.`)
  for (const w of result.warnings) notes.push(`⚠️ ${cell(w)}`)
  if (result.failBelow !== undefined) {
    notes.push(
      failing
        ? `**fail-below ${result.failBelow} → fail**: ${result.breaches.map((b) => `${b.dimension.name} passes ${percent(b.passRate)}`).join(', ')}.`
        : `**fail-below ${result.failBelow} → pass**: every dimension passes at least ${percent(result.failBelow)} of the sample.`
    )
  }
  out.push(notes.join('\n\n'))
  return `${out.join('\n\n')}\n`
}
