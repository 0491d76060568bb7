// The gate's verdicts for people and scripts: the job summary (markdown), each check run's summary, the
// CLI's text, and the JSON contract
//   {"result":"pass|fail|pending","gates":[{"id","conclusion","title","summary","details"}]}
// (gates in the order drills, sev1-actions, rollback-plan; nothing else on stdout with --format json).
// `summary` is the markdown a check run would show (kept for scripts written against it); `details` is
// the data it is written from. The words are src/report/gate-details.ts's.

import type { GateId } from '../config/types.js'
import type { BypassDecision } from '../gates/bypass.js'
import type { GateConclusion, GateDetails, GateLinks, GateResult, GateVerdict } from '../gates/types.js'
import { bypassSentence, markdownStyle, textStyle, verdictBody } from './gate-details.js'
import { sanitizeText } from '../util/sanitize.js'
import { ansi } from './text.js'

export interface GateJsonReport {
  result: GateResult
  gates: Array<{ id: GateId; conclusion: GateConclusion; title: string; summary: string; details: GateDetails; bypass?: BypassDecision }>
}

export function toGateJson(result: GateResult, verdicts: readonly GateVerdict[], links?: GateLinks): GateJsonReport {
  const style = markdownStyle(links)
  return {
    result,
    gates: verdicts.map((v) => ({
      id: v.id,
      conclusion: v.conclusion,
      title: v.title,
      summary: verdictBody(v, style),
      details: v.details,
      ...(v.bypass !== undefined && { bypass: v.bypass })
    }))
  }
}

export function formatGateJson(result: GateResult, verdicts: readonly GateVerdict[], links?: GateLinks): string {
  return `${JSON.stringify(toGateJson(result, verdicts, links))}\n`
}

export const GATE_LABELS: Record<GateId, string> = {
  drills: 'Drill suite green',
  'sev1-actions': 'No open Sev1 action items',
  'rollback-plan': 'Rollback plan for prompt/tool changes'
}

const ICONS: Record<GateConclusion, string> = { success: '✅', failure: '❌', neutral: '⚪', pending: '⏳' }
const RESULT_ICONS: Record<GateResult, string> = { pass: '✅', fail: '❌', pending: '⏳' }

export interface GateSummaryContext {
  checkNames: Record<GateId, string>
  /** Where the policy came from, e.g. "`.github/reliability.yml` at abc1234 (base of #17)". */
  policy: string
  /** Sentences under the table: why a check run could not be created, where the bypass record went, … */
  notes?: readonly string[]
  /** The bypass decision, when the pull request carries the label. */
  bypass?: BypassDecision
  /** Check-run links by gate, when created. */
  checkRunUrls?: Partial<Record<GateId, string>>
  links?: GateLinks
}

/** A table cell: one line, no pipes. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

/** The markdown a check run shows for one gate. */
export function renderVerdictMarkdown(verdict: GateVerdict, links?: GateLinks): string {
  return verdictBody(verdict, markdownStyle(links))
}

/** The job summary: all gates in one table, then what each one read. */
export function renderGateJobSummary(result: GateResult, verdicts: readonly GateVerdict[], context: GateSummaryContext): string {
  const style = markdownStyle(context.links)
  const rows = verdicts.map((v) => {
    const name = context.checkRunUrls?.[v.id] ? `[${cell(context.checkNames[v.id])}](${context.checkRunUrls[v.id]})` : `\`${cell(context.checkNames[v.id])}\``
    return `| ${GATE_LABELS[v.id]} | ${name} | ${ICONS[v.conclusion]} ${v.conclusion} | ${cell(v.title)} |`
  })
  const sections = verdicts.map((v) => `### ${ICONS[v.conclusion]} ${context.checkNames[v.id]}: ${v.title}\n\n${verdictBody(v, style)}`)
  return (
    [
      `## ${RESULT_ICONS[result]} reliability-loop gate: ${result}`,
      `Policy: ${context.policy}.`,
      `| Gate | Check | Result | Title |\n| --- | --- | --- | --- |\n${rows.join('\n')}`,
      ...(context.bypass !== undefined ? [bypassSentence(context.bypass, style)] : []),
      ...(context.notes ?? []),
      ...sections
    ].join('\n\n') + '\n'
  )
}

/** A check run's summary: the gate's own, with the policy it was judged by. */
export function renderCheckRunSummary(verdict: GateVerdict, context: { policy: string; links?: GateLinks }): string {
  return `${renderVerdictMarkdown(verdict, context.links)}\n\n---\nPolicy: ${context.policy}.`
}

/** The CLI's report: written from the details in the text style, not markdown stripped afterwards. */
export function formatGateText(
  result: GateResult,
  verdicts: readonly GateVerdict[],
  options: { color: boolean; policy: string; notes?: readonly string[]; bypass?: BypassDecision }
): string {
  const c = ansi(options.color)
  const paint: Record<GateConclusion, (s: string) => string> = { success: c.green, failure: c.red, neutral: c.dim, pending: c.yellow }
  const mark: Record<GateConclusion, string> = { success: '✔', failure: '✖', neutral: '○', pending: '…' }
  const out: string[] = []
  for (const v of verdicts) {
    out.push(`${paint[v.conclusion](`${mark[v.conclusion]} ${v.id}`)}  ${c.bold(v.title)}  ${c.dim(`(${v.conclusion})`)}`)
    // Item texts, doc fields and the bypass reason come from the pull request: no escapes reach the terminal.
    const body = sanitizeText(verdictBody(v, textStyle)).trim()
    if (body !== '') out.push(body.split('\n').map((line) => (line.trim() === '' ? '' : `    ${line}`)).join('\n'))
    out.push('')
  }
  if (options.bypass !== undefined) out.push(sanitizeText(bypassSentence(options.bypass, textStyle)), '')
  for (const note of options.notes ?? []) out.push(sanitizeText(note), '')
  out.push(c.dim(`Policy: ${options.policy}.`))
  const resultPaint = result === 'pass' ? c.green : result === 'fail' ? c.red : c.yellow
  out.push(resultPaint(c.bold(`gate: ${result}`)))
  return `${out.join('\n')}\n`
}
