import type { Processor } from 'unified'
import type { Construct, Extension } from 'micromark-util-types'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item'
import { guardTable, markupBudgetExtension, type BudgetSlot } from './markup-budget.js'

/** The table extension with its construct wrapped so that the budget can refuse a table too large to tokenise. */
function budgetedTable(slot: BudgetSlot): Extension {
  const table = gfmTable()
  const flow = table.flow as Record<string, Construct>
  flow.null = guardTable(flow.null as Construct, slot)
  return table
}

/**
 * The two parts of GitHub-flavoured markdown a postmortem's structure depends on: tables (timelines) and
 * task lists (action items). remark-gfm would add autolink literals, footnotes and strikethrough too, and
 * the autolink scan alone doubles parse time while changing no text the model or the rules read.
 * With it, the markup budget (markup-budget.ts), which must run before the inline constructs.
 */
export function remarkTablesAndTasks(this: Processor, slot: BudgetSlot): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] }
  ;(data.micromarkExtensions ??= []).push(budgetedTable(slot), gfmTaskListItem(), markupBudgetExtension(slot))
  ;(data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown())
}
