// Records the end of an experiment in its doc: status, outcome, concluded date, results per metric and
// the audit period. Only those keys' text is replaced (or appended), so everything else in the front
// matter (comments, quoting, folded text, order) and the markdown body stay exactly as written.

import { Document, isMap, isScalar, parseDocument } from 'yaml'
import type { ExperimentOutcome, ExperimentResult, ExperimentStatus } from './model.js'

export interface Conclusion {
  outcome: ExperimentOutcome
  /** YYYY-MM-DD */
  concluded: string
  results: ExperimentResult[]
  /** YYYY-MM */
  auditPeriod?: string
}

/** A rolled-back outcome ends as status rolled-back; every other outcome as concluded. */
export function statusAfter(outcome: ExperimentOutcome): ExperimentStatus {
  return outcome === 'rolled-back' ? 'rolled-back' : 'concluded'
}

const NEVER_RAN: Record<ExperimentOutcome, string> = {
  won: 'cannot have won',
  lost: 'cannot have lost',
  inconclusive: 'has no result to call inconclusive',
  'rolled-back': 'has nothing to roll back'
}

/**
 * Why an experiment in `status` cannot end with `outcome` (undefined when it can): one still `proposed`
 * never ran, so any outcome would be a record of something that did not happen.
 */
export function conclusionRefusal(status: ExperimentStatus, outcome: ExperimentOutcome | undefined): string | undefined {
  if (status !== 'proposed') return undefined
  return `is still proposed: it never ran, so it ${outcome === undefined ? 'has no outcome to record' : NEVER_RAN[outcome]}`
}

/** `key: value` as top-level YAML, without the final newline. */
function entryText(key: string, value: unknown): string {
  return new Document({ [key]: value }).toString({ lineWidth: 0 }).replace(/\n+$/, '')
}

/**
 * The doc's text with the conclusion recorded. `text` must be a doc that parseExperimentDoc read (LF
 * line ends, front matter that is a YAML map); throws otherwise, which would be a bug in the caller.
 */
export function concludeExperimentText(text: string, conclusion: Conclusion): string {
  const lines = text.split('\n')
  const close = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'))
  if (lines[0]?.trimEnd() !== '---' || close < 0) throw new Error('concludeExperimentText: the text has no front matter')
  let yaml = lines.slice(1, close).join('\n')
  const doc = parseDocument(yaml)
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw new Error('concludeExperimentText: the front matter is not a YAML map')

  const entries: Array<[string, unknown]> = [
    ['status', statusAfter(conclusion.outcome)],
    ['outcome', conclusion.outcome],
    ['concluded', conclusion.concluded],
    ['results', conclusion.results.map((r) => ({ name: r.name, observed: r.observed, 'target-met': r.targetMet }))]
  ]
  if (conclusion.auditPeriod !== undefined) entries.push(['audit-period', conclusion.auditPeriod])

  const replacements: Array<{ start: number; end: number; text: string }> = []
  const appended: string[] = []
  for (const [key, value] of entries) {
    const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key)
    const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined
    if (!pair || !keyRange) {
      appended.push(entryText(key, value))
      continue
    }
    const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range
    let end = valueRange?.[1] ?? keyRange[1]
    // A block value's range runs to the next line; the line break belongs to what follows.
    while (end > keyRange[0] && yaml[end - 1] === '\n') end--
    replacements.push({ start: keyRange[0], end, text: entryText(key, value) })
  }
  for (const r of replacements.sort((a, b) => b.start - a.start)) yaml = `${yaml.slice(0, r.start)}${r.text}${yaml.slice(r.end)}`
  if (appended.length > 0) yaml = `${yaml.replace(/\n*$/, '')}\n${appended.join('\n')}`
  return ['---', yaml, ...lines.slice(close)].join('\n')
}
