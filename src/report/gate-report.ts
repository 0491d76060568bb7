// The gate's verdicts for people and scripts: the job summary (markdown), each check run's summary, the
// CLI's text, and the JSON contract
//   {"result":"pass|fail|pending","gates":[{"id","conclusion","title","summary"}]}
// (gates in the order drills, sev1-actions, rollback-plan; nothing else on stdout with --format json).

import type { GateId } from '../config/types.js'
import type { GateConclusion, GateResult, GateVerdict } from '../gates/types.js'
import { ansi } from './text.js'

export interface GateJsonReport {
  result: GateResult
  gates: Array<{ id: GateId; conclusion: GateConclusion; title: string; summary: string }>
}

export function toGateJson(result: GateResult, verdicts: readonly GateVerdict[]): GateJsonReport {
  return { result, gates: verdicts.map((v) => ({ id: v.id, conclusion: v.conclusion, title: v.title, summary: v.summary })) }
}

export function formatGateJson(result: GateResult, verdicts: readonly GateVerdict[]): string {
  return `${JSON.stringify(toGateJson(result, verdicts))}\n`
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
  /** Sentences under the table: bypass decisions, why a check run could not be created, … */
  notes?: readonly string[]
  /** Check-run links by gate, when created. */
  checkRunUrls?: Partial<Record<GateId, string>>
}

/** A table cell: one line, no pipes. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

/** The job summary: all gates in one table, then what each one read. */
export function renderGateJobSummary(result: GateResult, verdicts: readonly GateVerdict[], context: GateSummaryContext): string {
  const rows = verdicts.map((v) => {
    const name = context.checkRunUrls?.[v.id] ? `[${cell(context.checkNames[v.id])}](${context.checkRunUrls[v.id]})` : `\`${cell(context.checkNames[v.id])}\``
    return `| ${GATE_LABELS[v.id]} | ${name} | ${ICONS[v.conclusion]} ${v.conclusion} | ${cell(v.title)} |`
  })
  const sections = verdicts.map((v) => `### ${ICONS[v.conclusion]} ${context.checkNames[v.id]}: ${v.title}\n\n${v.summary}`)
  return [
    `## ${RESULT_ICONS[result]} reliability-loop gate: ${result}`,
    `Policy: ${context.policy}.`,
    `| Gate | Check | Result | Title |\n| --- | --- | --- | --- |\n${rows.join('\n')}`,
    ...(context.notes ?? []),
    ...sections
  ].join('\n\n') + '\n'
}

/** A check run's summary: the gate's own, with the policy it was judged by. */
export function renderCheckRunSummary(verdict: GateVerdict, context: Pick<GateSummaryContext, 'policy'>): string {
  return `${verdict.summary}\n\n---\nPolicy: ${context.policy}.`
}

/** Markdown as a terminal shows it: links as their text, no table pipes or emphasis markers. */
function plainMarkdown(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1')
    .replace(/^\| ?(---|:?-+:?)( \| ?:?-+:?)* ?\|$/gm, '')
    .replace(/^\| (.*) \|$/gm, (_m, row: string) => `  ${row.split(' | ').join('  ·  ')}`)
    .replace(/<br>/g, '; ')
    // Emphasis only: `prompts/**` in code spans must survive.
    .replace(/\*\*([A-Za-z][^*`]*?)\*\*/g, '$1')
    .replace(/^### /gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

export function formatGateText(result: GateResult, verdicts: readonly GateVerdict[], options: { color: boolean; policy: string; notes?: readonly string[] }): string {
  const c = ansi(options.color)
  const paint: Record<GateConclusion, (s: string) => string> = { success: c.green, failure: c.red, neutral: c.dim, pending: c.yellow }
  const mark: Record<GateConclusion, string> = { success: '✔', failure: '✖', neutral: '○', pending: '…' }
  const out: string[] = []
  for (const v of verdicts) {
    out.push(`${paint[v.conclusion](`${mark[v.conclusion]} ${v.id}`)}  ${c.bold(v.title)}  ${c.dim(`(${v.conclusion})`)}`)
    const body = plainMarkdown(v.summary)
    if (body !== '') out.push(body.split('\n').map((line) => (line === '' ? '' : `    ${line}`)).join('\n'))
    out.push('')
  }
  for (const note of options.notes ?? []) out.push(plainMarkdown(note), '')
  out.push(c.dim(`Policy: ${plainMarkdown(options.policy)}.`))
  const resultPaint = result === 'pass' ? c.green : result === 'fail' ? c.red : c.yellow
  out.push(resultPaint(c.bold(`gate: ${result}`)))
  return `${out.join('\n')}\n`
}
