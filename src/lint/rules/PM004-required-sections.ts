import type { Postmortem } from '../../postmortem/model.js'
import type { FileRule, RuleReport } from '../types.js'
import { sectionKey } from '../../postmortem/sections.js'

/** What each default template section is for, so an empty-section report says what to write. */
const GUIDANCE: Record<string, string> = {
  summary: 'a few sentences on what happened, how long it lasted and who was affected',
  timeline: 'timestamped entries such as "- 2026-10-14 09:02 UTC — Error-rate alert fired."',
  'root cause': 'why it happened — the underlying cause, not just the trigger',
  'customer impact': 'who was affected, how, and for how long',
  'action items': 'tasks such as "- [ ] <summary> :: @owner :: YYYY-MM-DD"'
}

/** Last line of the file, not counting the empty line after a final newline. */
function lastLine(pm: Postmortem): number {
  let n = pm.lines.length
  while (n > 1 && (pm.lines[n - 1] ?? '').trim() === '') n--
  return Math.max(n, 1)
}

/**
 * PM004 required-sections: every template section is there and has content, so every postmortem answers
 * the same questions (what happened, when, why, who was hurt, what we will change).
 */
export const requiredSectionsRule: FileRule = {
  id: 'PM004',
  name: 'required-sections',
  description: 'Every template section (Summary, Timeline, Root Cause, Customer Impact, Action Items by default) is present and not empty.',
  defaultSeverity: 'error',
  scope: 'file',
  check(pm, ctx) {
    const reports: RuleReport[] = []
    const { sections: template, sectionAliases } = ctx.config.postmortems
    template.forEach((name, index) => {
      const found = pm.sections.filter((s) => s.canonical === name)
      if (found.length === 0) {
        const aliases = Object.entries(sectionAliases)
          .filter(([, target]) => sectionKey(target) === sectionKey(name))
          .map(([alias]) => alias)
        const next = template
          .slice(index + 1)
          .map((later) => pm.sections.find((s) => s.canonical === later))
          .find((s) => s !== undefined)
        const where = next ? `before "${next.heading.text}" (line ${next.heading.position.line})` : 'at the end of the file'
        const accepted = aliases.length > 0 ? ` (also accepted as heading: ${aliases.map((a) => `"${a}"`).join(', ')})` : ''
        reports.push({
          line: next ? next.heading.position.line : lastLine(pm),
          column: 1,
          message: `Required section "${name}" is missing; add "## ${name}"${accepted} ${where}.`
        })
        return
      }
      if (found.every((s) => s.empty)) {
        const section = found[0]!
        const what = GUIDANCE[sectionKey(name)] ?? 'what this section of the template asks for'
        reports.push({
          line: section.heading.position.line,
          column: section.heading.position.column,
          message: `Section "${section.heading.text}" is empty; write ${what}.`
        })
      }
    })
    return reports
  }
}
