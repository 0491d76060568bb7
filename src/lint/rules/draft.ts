import type { RuleReport } from '../types.js'

/** A finding that is a warning while the postmortem's Status is draft, saying so (PM006, PM008, PM009 share it). */
export function draftWarning(report: RuleReport): RuleReport {
  report.severity = 'warning'
  report.message = `${report.message.replace(/\.$/, '')} (a warning while Status is draft; an error once it is not).`
  return report
}
