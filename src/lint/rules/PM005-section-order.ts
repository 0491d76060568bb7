import type { Section } from '../../postmortem/model.js'
import type { FileRule, RuleReport } from '../types.js'

/**
 * PM005 section-order: template sections come in the configured order, once each, so readers (and the
 * monthly review) find the same thing in the same place in every postmortem.
 */
export const sectionOrderRule: FileRule = {
  id: 'PM005',
  name: 'section-order',
  description: 'Template sections appear in the configured order, each once.',
  defaultSeverity: 'warning',
  scope: 'file',
  check(pm, ctx) {
    const reports: RuleReport[] = []
    const template = ctx.config.postmortems.sections
    const firstOf = new Map<string, Section>()
    const ordered: Array<{ section: Section; index: number }> = []

    for (const section of pm.sections) {
      if (section.canonical === undefined) continue
      const index = template.indexOf(section.canonical)
      if (index < 0) continue
      const first = firstOf.get(section.canonical)
      if (first) {
        reports.push({
          line: section.heading.position.line,
          column: section.heading.position.column,
          message: `Duplicate section "${section.heading.text}": "${section.canonical}" already starts at line ${first.heading.position.line}; merge the two into one section.`
        })
        continue
      }
      firstOf.set(section.canonical, section)
      ordered.push({ section, index })
    }

    // The longest run of sections already in template order stays put; the first section outside it
    // is the one to move (so one misplaced section is reported, not every section after it).
    const n = ordered.length
    const length = new Array<number>(n).fill(1)
    const previous = new Array<number>(n).fill(-1)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        if (ordered[j]!.index < ordered[i]!.index && length[j]! + 1 > length[i]!) {
          length[i] = length[j]! + 1
          previous[i] = j
        }
      }
    }
    let end = -1
    for (let i = 0; i < n; i++) if (end < 0 || length[i]! > length[end]!) end = i
    const keep = new Set<number>()
    for (let i = end; i >= 0; i = previous[i]!) keep.add(i)

    const misplaced = ordered.findIndex((_, i) => !keep.has(i))
    if (misplaced >= 0) {
      const { section, index } = ordered[misplaced]!
      const kept = ordered.filter((_, i) => keep.has(i))
      const after = kept.filter((k) => k.index < index).at(-1)
      const before = kept.find((k) => k.index > index)
      const where = after
        ? `move it after "${after.section.heading.text}"${before ? ` and before "${before.section.heading.text}"` : ''}`
        : `move it before "${before?.section.heading.text ?? ''}"`
      reports.push({
        line: section.heading.position.line,
        column: section.heading.position.column,
        message: `Section "${section.heading.text}" is out of template order (${template.join(', ')}); ${where}.`
      })
    }
    return reports.sort((a, b) => a.line - b.line)
  }
}
