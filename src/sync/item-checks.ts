// Which action items `lint` rejects, so that sync can say so (or skip them) instead of quietly opening a
// ticket without an owner or a due date. Runs the item-level rules (PM007 action-item-format, and PM009
// placeholders such as `@TBD` on an item's line) with the lint config's settings and the file's own
// `reliability-loop-disable` comments, exactly as `lint` would. Pure.

import type { LintConfig } from '../config/types.js'
import { ruleSetting } from '../lint/lint-file.js'
import { ruleById } from '../lint/rules/index.js'
import type { RuleContext } from '../lint/types.js'
import type { Postmortem } from '../postmortem/model.js'

/** The rules whose findings on an item's line mean the item is not valid. */
export const ITEM_RULES = ['PM007', 'PM009'] as const

export interface ItemProblem {
  rule: string
  message: string
}

/** `path:line` of an item's first line → what lint says is wrong with it. */
export type ItemProblems = Map<string, ItemProblem[]>

export function itemLocation(path: string, line: number): string {
  return `${path}:${line}`
}

export function findItemProblems(postmortems: readonly Postmortem[], lint: LintConfig): ItemProblems {
  const problems: ItemProblems = new Map()
  // These rules read only the postmortem: the clock and the file system are never asked.
  const ctx: RuleContext = { config: lint, today: '', pathExists: () => false }
  for (const pm of postmortems) {
    const itemLines = new Set(pm.actionItems.map((i) => i.position.line))
    if (itemLines.size === 0) continue
    const disabled = new Set(pm.disabledRules)
    for (const id of ITEM_RULES) {
      const rule = ruleById(id)
      if (!rule || rule.scope !== 'file' || disabled.has(rule.id) || ruleSetting(rule, lint) === 'off') continue
      for (const report of rule.check(pm, ctx)) {
        if (!itemLines.has(report.line)) continue
        const at = itemLocation(pm.path, report.line)
        problems.set(at, [...(problems.get(at) ?? []), { rule: rule.id, message: report.message }])
      }
    }
  }
  return problems
}
