import { severityIn } from '../../postmortem/severity.js'
import type { FileRule, RuleReport } from '../types.js'
import { draftWarning } from './draft.js'

/**
 * PM008 severe-has-actions: a severe incident (`lint.linked-severities`) comes with at least one tracked
 * action item; a Sev1 with nothing to change is an incident waiting to recur.
 */
export const severeHasActionsRule: FileRule = {
  id: 'PM008',
  name: 'severe-has-actions',
  description: 'Severe incidents have at least one action item (`- [ ]` task).',
  defaultSeverity: 'error',
  scope: 'file',
  check(pm, ctx) {
    if (!severityIn(pm.metadata.severity, ctx.config.linkedSeverities)) return []
    if (pm.actionItems.some((item) => item.kind === 'task')) return []
    const level = pm.metadata.severity?.label ?? ''
    const heading = pm.sections.find((s) => s.canonical === 'Action Items')?.heading
    const plain = pm.actionItems.length
    const detail = plain > 0 ? ` (the ${plain} bullet${plain === 1 ? '' : 's'} without a checkbox do${plain === 1 ? 'es' : ''} not count)` : ''
    const where = heading ? `under "${heading.text}"` : 'in a "## Action Items" section'
    const report: RuleReport = {
      line: heading?.position.line ?? 1,
      column: heading?.position.column ?? 1,
      message: `${level} incidents need at least one action item${detail}; add "- [ ] <summary> :: @owner :: YYYY-MM-DD" ${where}.`
    }
    // A draft has not decided its action items yet: a warning until Status says it is no longer a draft.
    return [pm.metadata.status === 'draft' ? draftWarning(report) : report]
  }
}
