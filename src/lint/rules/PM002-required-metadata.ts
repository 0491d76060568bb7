import type { MetadataKey } from '../../postmortem/model.js'
import type { FileRule, RuleReport } from '../types.js'

interface Required {
  key: MetadataKey
  label: string
  listExample: string
  frontMatterExample: string
  what: string
}

const REQUIRED: readonly Required[] = [
  { key: 'date', label: 'Date', listExample: '- Date: YYYY-MM-DD', frontMatterExample: 'date: YYYY-MM-DD', what: 'the day the incident started' },
  { key: 'severity', label: 'Severity', listExample: '- Severity: LEVEL', frontMatterExample: 'severity: LEVEL', what: 'one of LEVELS' },
  { key: 'owners', label: 'Owners', listExample: '- Owners: @handle, @team', frontMatterExample: 'owners: [\'@handle\', \'@team\']', what: 'who owns the follow-up, as @handles or names' }
]

/**
 * PM002 required-metadata: Date, Severity and Owners are present and not empty. Without them an incident
 * cannot be counted in the monthly review, ranked, or chased for its action items.
 */
export const requiredMetadataRule: FileRule = {
  id: 'PM002',
  name: 'required-metadata',
  description: 'The metadata gives a Date, a Severity and the Owners.',
  defaultSeverity: 'error',
  scope: 'file',
  check(pm, ctx) {
    const reports: RuleReport[] = []
    const fields = Object.values(pm.metadata.fields)
    const usesFrontMatter = fields.some((f) => f?.source === 'frontmatter') || /^---\s*$/.test(pm.lines[0] ?? '')
    const anchor = usesFrontMatter ? 1 : (pm.title?.position.line ?? 1)
    const configured = ctx.config.postmortems.severityLevels
    const levels = configured.join(', ')
    const example = configured[Math.min(1, configured.length - 1)] ?? 'Sev2'
    for (const spec of REQUIRED) {
      const req = { ...spec, listExample: spec.listExample.replace('LEVEL', example), frontMatterExample: spec.frontMatterExample.replace('LEVEL', example) }
      const what = req.what.replace('LEVELS', levels)
      const field = pm.metadata.fields[req.key]
      if (!field) {
        const how = usesFrontMatter
          ? `add "${req.frontMatterExample}" to the front matter`
          : `add a line "${req.listExample}" below the title (or "${req.frontMatterExample}" in YAML front matter)`
        reports.push({ line: anchor, column: 1, message: `Metadata "${req.label}" is missing; ${how} — ${what}.` })
      } else if (field.raw === '') {
        const sample = field.source === 'frontmatter' ? req.frontMatterExample : req.listExample
        reports.push({
          line: field.position.line,
          column: field.position.column,
          message: `Metadata "${req.label}" is empty; fill it in, e.g. "${sample}" — ${what}.`
        })
      }
    }
    return reports
  }
}
