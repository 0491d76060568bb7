import type { ActionItem, Postmortem } from '../../postmortem/model.js'
import type { FileRule, RuleReport } from '../types.js'

function short(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** Column of `value` on the item's first line, falling back to the bullet. */
function columnOf(pm: Postmortem, item: ActionItem, value: string | undefined): number {
  const text = pm.lines[item.position.line - 1] ?? ''
  const at = value ? text.indexOf(value, item.position.column - 1) : -1
  return at >= 0 ? at + 1 : item.position.column
}

const TEMPLATE = '- [ ] <summary> :: <owner> :: <YYYY-MM-DD>'

/**
 * PM007 action-item-format: every action item is a task `- [ ] <summary> :: <owner> :: <YYYY-MM-DD>`, so
 * `sync` can open an issue for it with an assignee and a due date, and `gate` can chase it when overdue.
 */
export const actionItemFormatRule: FileRule = {
  id: 'PM007',
  name: 'action-item-format',
  description: 'Action items are tasks written `- [ ] <summary> :: <owner> :: <YYYY-MM-DD>` with a real owner and due date.',
  defaultSeverity: 'error',
  scope: 'file',
  check(pm) {
    const reports: RuleReport[] = []
    for (const item of pm.actionItems) {
      const at = (column: number, message: string): void => {
        reports.push({ line: item.position.line, column, message })
      }
      const label = item.summary ? `"${short(item.summary)}"` : `on line ${item.position.line}`

      if (item.kind === 'plain') {
        at(item.position.column, `Action item ${label} has no checkbox, so it cannot be tracked; make it "${TEMPLATE}".`)
        continue
      }
      if (!item.summary) {
        at(item.position.column, `Action item on line ${item.position.line} has no summary; write what will be done before the first "::" ("${TEMPLATE}").`)
      }
      // `- [ ] Fix it :: 2027-01-10`: the due date was written where the owner goes.
      if (item.fieldCount === 2 && item.ownerRaw !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(item.ownerRaw)) {
        at(
          columnOf(pm, item, item.ownerRaw),
          `Action item ${label} has no owner: "${item.ownerRaw}" stands where the owner goes; write " :: <owner> :: ${item.ownerRaw}" after the summary ("${TEMPLATE}").`
        )
        continue
      }
      if (item.fieldCount < 3) {
        const missing = item.fieldCount < 2 ? 'owner and due date' : 'due date'
        const add = item.fieldCount < 2 ? 'add " :: <owner> :: <YYYY-MM-DD>" after the summary' : 'add " :: <YYYY-MM-DD>" after the owner'
        at(item.position.column, `Action item ${label} is missing its ${missing}; ${add} ("${TEMPLATE}").`)
      }
      if (item.fieldCount >= 2) {
        if (item.ownerRaw === undefined) {
          at(item.position.column, `Action item ${label} has an empty owner; write who will do it (an @handle or a name) after the summary ("${TEMPLATE}").`)
        } else if (item.owner === undefined) {
          at(
            columnOf(pm, item, item.ownerRaw),
            `Action item ${label} has owner "${item.ownerRaw}", which is not an @handle or a name; write one owner, e.g. "@maria.chen".`
          )
        }
      }
      if (item.fieldCount >= 3) {
        if (item.due === undefined) {
          at(item.position.column, `Action item ${label} has an empty due date; write it as YYYY-MM-DD after the owner ("${TEMPLATE}").`)
        } else if (!item.dueValid) {
          at(
            columnOf(pm, item, item.due),
            `Action item ${label} has due date "${item.due}", which is not a real YYYY-MM-DD date; write e.g. 2026-12-15.`
          )
        }
      }
    }
    return reports
  }
}
