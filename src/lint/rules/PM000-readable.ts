import type { FileRule, RuleReport } from '../types.js'

/**
 * PM000 readable-file: a file the parser could not (fully) read — binary, invalid UTF-8, too large,
 * malformed front matter — is reported instead of silently passing the other rules.
 */
export const readableFileRule: FileRule = {
  id: 'PM000',
  name: 'readable-file',
  description: 'The file is a readable markdown postmortem: text, valid UTF-8, under 2 MB, with well-formed front matter.',
  defaultSeverity: 'error',
  scope: 'file',
  check(pm) {
    return pm.problems.map((problem): RuleReport => {
      let message = problem.message
      if (/^Front matter/.test(message) && !/\bfix\b/i.test(message)) {
        message = `${message.replace(/[.:;\s]*$/, '')}. Fix the YAML between the \`---\` lines (e.g. \`date: 2026-10-14\`, \`severity: Sev2\`, \`owners: ['@maria.chen']\`), or move the metadata into \`- Key: value\` lines under the title.`
      }
      return { line: problem.position.line, column: problem.position.column, message }
    })
  }
}
