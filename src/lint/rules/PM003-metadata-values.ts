import type { MetadataField, Postmortem } from '../../postmortem/model.js'
import { dateProblem } from '../../postmortem/timestamp.js'
import type { FileRule, RuleReport } from '../types.js'

/** Column of `value` on the field's line (after the key), falling back to the field's own column. */
function columnOf(pm: Postmortem, field: MetadataField, value: string): number {
  const text = pm.lines[field.position.line - 1] ?? ''
  const colon = text.indexOf(':')
  const at = value ? text.indexOf(value, colon + 1) : -1
  return at >= 0 ? at + 1 : field.position.column
}

/**
 * PM003 metadata-values: Date is a real calendar date that is not in the future, Severity is one of the
 * configured levels and Owners are @handles or names. Absent fields are PM002's business.
 */
export const metadataValuesRule: FileRule = {
  id: 'PM003',
  name: 'metadata-values',
  description: 'Date is a real date not in the future, Severity is a configured level, and Owners are @handles or names.',
  defaultSeverity: 'error',
  scope: 'file',
  check(pm, ctx) {
    const reports: RuleReport[] = []
    const md = pm.metadata
    const { date: dateField, severity: severityField, owners: ownersField } = md.fields

    if (dateField && dateField.raw !== '') {
      if (md.date === undefined) {
        reports.push({
          line: dateField.position.line,
          column: columnOf(pm, dateField, dateField.raw),
          message: `Date "${dateField.raw}" ${dateProblem(dateField.raw, ctx.today)}.`
        })
      } else if (md.date > ctx.today) {
        reports.push({
          line: dateField.position.line,
          column: columnOf(pm, dateField, dateField.raw),
          message: `Date ${md.date} is in the future (today is ${ctx.today}); use the day the incident started.`
        })
      }
    }

    if (severityField && md.severity && md.severity.label === undefined) {
      reports.push({
        line: severityField.position.line,
        column: columnOf(pm, severityField, md.severity.raw),
        message: `Severity "${md.severity.raw}" is not a known level; use one of ${ctx.config.postmortems.severityLevels.join(', ')}.`
      })
    }

    if (ownersField && ownersField.raw !== '') {
      for (const invalid of md.ownersInvalid) {
        reports.push({
          line: ownersField.position.line,
          column: columnOf(pm, ownersField, invalid),
          message: `Owner "${invalid}" is not an @handle or a name; list owners as @handles or names separated by commas, e.g. "@maria.chen, @dev-ops".`
        })
      }
      if (md.owners.length === 0 && md.ownersInvalid.length === 0) {
        reports.push({
          line: ownersField.position.line,
          column: columnOf(pm, ownersField, ownersField.raw),
          message: `Owners "${ownersField.raw}" names nobody; list owners as @handles or names separated by commas, e.g. "@maria.chen, @dev-ops".`
        })
      }
    }
    return reports
  }
}
