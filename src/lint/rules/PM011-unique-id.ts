import type { PostmortemDigest, ProjectRule, RuleReport } from '../types.js'

/**
 * PM011 unique-id: no two postmortems share an id. The id is how incidents are referenced from issues,
 * dashboards and the monthly review; a duplicate sends readers to the wrong incident.
 */
export const uniqueIdRule: ProjectRule = {
  id: 'PM011',
  name: 'unique-id',
  description: 'No two postmortems share an id (`Incident PM-<id>`).',
  defaultSeverity: 'error',
  scope: 'project',
  check(files) {
    const byId = new Map<string, PostmortemDigest[]>()
    for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      if (file.id === undefined) continue
      // Ids differing only in case collide on case-insensitive file systems (PM-a1.md, PM-A1.md).
      const key = file.id.toUpperCase()
      const group = byId.get(key)
      if (group) group.push(file)
      else byId.set(key, [file])
    }
    const reports: Array<RuleReport & { path: string }> = []
    for (const group of byId.values()) {
      if (group.length < 2) continue
      // Every file in the group is reported: a run that reports only some files (a PR's changes) must
      // still flag the new duplicate, whichever of the two sorts first.
      group.forEach((file) => {
        const others = group.filter((other) => other !== file).map((other) => other.path)
        reports.push({
          path: file.path,
          line: file.line,
          column: file.column,
          message: `Id PM-${file.id} is also used by ${others.join(', ')}; give one of them the next free id (title and file name).`
        })
      })
    }
    return reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line))
  }
}
