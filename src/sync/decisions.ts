// Decisions of the review meeting: the `## Decisions` section of a packet (docs/reviews/<period>.md) holds
// action items written as in postmortems, `- [ ] summary :: @owner :: YYYY-MM-DD`. sync turns each into one
// ticket like a postmortem's item (same stable key scheme, `review-2026-10/<digest>`), labelled
// `review-decision` besides the configured labels. Pure: the caller reads the files.

import type { Postmortem } from '../postmortem/model.js'
import { DEFAULT_PARSE_OPTIONS, parsePostmortem, type ParseOptions } from '../postmortem/parse.js'
import { collectSyncItems, type CollectedItems } from './items.js'

export const DECISION_LABEL = 'review-decision'

/** Where the review writes its packets, and so where decisions are read by default. */
export const DEFAULT_DECISION_PATHS: readonly string[] = ['docs/reviews/*.md']

/** Only the `Decisions` section is read as action items; every other heading of a packet is ignored. */
const DECISION_PARSE_OPTIONS: ParseOptions = { ...DEFAULT_PARSE_OPTIONS, sections: ['Action Items'], sectionAliases: { Decisions: 'Action Items' } }

export function parseDecisionFile(input: string | Uint8Array, path: string): Postmortem {
  return parsePostmortem(input, path, DECISION_PARSE_OPTIONS)
}

/** `Review 2026-10` for docs/reviews/2026-10.md: the keys become `review-2026-10/…`, tickets read `Review 2026-10: …`. */
export function decisionSourceId(path: string): string {
  const base = (path.split('/').pop() ?? path).replace(/\.[^.]*$/, '')
  return `Review ${base || path}`
}

/** What a decision needs before it can be a ticket; undefined when it has it all. */
export function decisionProblem(pm: Postmortem, line: number): string | undefined {
  const item = pm.actionItems.find((a) => a.position.line === line)
  if (item === undefined || item.checked) return undefined
  const missing = [item.owner === undefined && 'an owner', !(item.due !== undefined && item.dueValid) && 'a real YYYY-MM-DD due date'].filter(Boolean)
  if (missing.length === 0) return undefined
  return `decision lacks ${missing.join(' and ')} (as PM007 asks of action items: "- [ ] <summary> :: @owner :: YYYY-MM-DD"); not synced until it has`
}

/**
 * The decisions of the packets as sync items. An open decision without an owner or a due date is skipped
 * with the reason (a ticket nobody owns or dates is never opened quietly); a ticked one is kept, so its
 * ticket is closed.
 */
export function collectDecisionItems(packets: readonly Postmortem[]): CollectedItems {
  const collected = collectSyncItems(packets, { idOf: (pm) => decisionSourceId(pm.path), labels: [DECISION_LABEL] })
  const byPath = new Map(packets.map((pm) => [pm.path, pm]))
  const items = []
  const skipped = collected.skipped.map((s) => ({ ...s, reason: `decision: ${s.reason}` }))
  for (const item of collected.items) {
    const pm = byPath.get(item.path)
    const problem = pm === undefined ? undefined : decisionProblem(pm, item.line)
    if (problem === undefined) items.push(item)
    else skipped.push({ path: item.path, line: item.line, summary: item.summary, reason: problem })
  }
  return { items, skipped }
}
