import type { FileRule, RuleReport } from '../types.js'

const FILE_NAME_RE = /^PM-([A-Za-z0-9][A-Za-z0-9._-]*)\.md$/

function basename(path: string): string {
  const parts = path.split(/[\\/]/)
  return parts[parts.length - 1] ?? path
}

/**
 * PM001 title: the first heading is `Incident PM-<id>` (optionally `: <title>`), and `<id>` is the one in
 * the file name `PM-<id>.md`, so the id people quote in chat, tickets and reviews finds the file.
 */
export const titleRule: FileRule = {
  id: 'PM001',
  name: 'title',
  description: 'The first heading is `Incident PM-<id>: <title>` and its id matches the file name `PM-<id>.md`.',
  defaultSeverity: 'error',
  scope: 'file',
  check(pm) {
    const reports: RuleReport[] = []
    const file = basename(pm.path)
    const fileId = FILE_NAME_RE.exec(file)?.[1]
    const suggestedId = fileId ?? '<id>'
    const title = pm.title

    if (!title || (title.id === undefined && title.depth > 1)) {
      // A document without a level-1 heading: its first section heading is not a title.
      const first = title ? ` (its first heading is "${'#'.repeat(title.depth)} ${title.text}", a section)` : ''
      reports.push({
        line: 1,
        column: 1,
        message: `Postmortem has no title${first}; start the document with "# Incident PM-${suggestedId}: <what happened>".`
      })
    } else if (title.id === undefined) {
      const rest = title.text.replace(/^Incident(?:\s+PM\S*)?\s*[:—–-]\s*/i, '')
      reports.push({
        line: title.position.line,
        column: title.position.column,
        message: `Title "${title.text}" does not start with "Incident PM-<id>"; write "# Incident PM-${suggestedId}: ${rest || '<what happened>'}".`
      })
    } else if (fileId !== undefined && fileId !== title.id) {
      const lineText = pm.lines[title.position.line - 1] ?? ''
      const at = lineText.indexOf(`PM-${title.id}`)
      reports.push({
        line: title.position.line,
        column: at >= 0 ? at + 1 : title.position.column,
        message: `Title id PM-${title.id} does not match the file name ${file}; rename the file to PM-${title.id}.md or change the title to "Incident PM-${fileId}".`
      })
    }

    if (fileId === undefined) {
      const line = title?.position.line ?? 1
      const wanted = title?.id !== undefined ? `PM-${title.id}.md` : 'PM-<id>.md'
      reports.push({
        line,
        column: 1,
        message: `File name "${file}" is not of the form PM-<id>.md; rename the file to ${wanted}.`
      })
    }
    return reports
  }
}
