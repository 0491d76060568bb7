import type { Processor } from 'unified'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item'

/**
 * The two parts of GitHub-flavoured markdown a postmortem's structure depends on: tables (timelines) and
 * task lists (action items). remark-gfm would add autolink literals, footnotes and strikethrough too, and
 * the autolink scan alone doubles parse time while changing no text the model or the rules read.
 */
export function remarkTablesAndTasks(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] }
  ;(data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem())
  ;(data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown())
}
