// The one "inside the repository" rule for every configured file, directory and glob, checked once on the
// merged configuration before any section is resolved: a path that leaves the repository (`../x`, an
// absolute `/tmp/x`, a drive letter) is a config error at its key, never read, written or rewritten.

import { isDict } from '../util/dict.js'
import { isInsideRepo } from '../util/repo-path.js'
import type { ConfigSegment, ReportConfigIssue } from './mode-section.js'

/**
 * Every key of `.github/reliability.yml` whose value is a repository path or glob; `[]` marks a list of
 * them. A test checks that each path-like key of the schema (…paths, …dir, …log, template) is listed here,
 * so a section added later cannot skip the rule.
 */
export const REPOSITORY_PATH_KEYS: readonly string[] = [
  'postmortems.paths[]',
  'lint.cache-dir',
  'gate.drills.paths[]',
  'gate.drills.suite-paths[]',
  'gate.rollback-plan.paths[]',
  'gate.bypass.log',
  'audit.paths[]',
  'audit.output-dir',
  'experiment.dir',
  'experiment.paths[]',
  'experiment.template',
  'review.incidents.paths[]',
  'review.bypass-log',
  'review.audit-dir',
  'review.output-dir',
  'sync.decision-paths[]',
  'publish.record',
  'drafts.dir',
  'drafts.template',
  'export.duckdb.path'
]

/** Why `value` is not a path inside the repository, or undefined when it is. */
export function outsideRepositoryReason(value: string): string | undefined {
  const slashed = value.replace(/\\/g, '/')
  if (slashed.trim() === '') return 'must not be empty'
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) return 'is an absolute path'
  if (!isInsideRepo(slashed)) return 'leaves the repository'
  // `docs/**/../../x` normalises to something inside, but a glob engine may walk the `..` after `**`.
  if (slashed.split('/').includes('..')) return 'has a ".." segment'
  return undefined
}

/** Reports each configured path of `merged` (the merged, schema-valid document) that leaves the repository. */
export function checkRepositoryPaths(merged: unknown, report: ReportConfigIssue, keys: readonly string[] = REPOSITORY_PATH_KEYS): void {
  for (const key of keys) {
    const isList = key.endsWith('[]')
    const segments: ConfigSegment[] = (isList ? key.slice(0, -2) : key).split('.')
    let node: unknown = merged
    for (const segment of segments) node = isDict(node) ? node[segment] : undefined
    const values: Array<[ConfigSegment[], unknown]> = isList
      ? Array.isArray(node)
        ? node.map((v, i): [ConfigSegment[], unknown] => [[...segments, i], v])
        : []
      : node === undefined
        ? []
        : [[segments, node]]
    for (const [where, value] of values) {
      if (typeof value !== 'string') continue
      const reason = outsideRepositoryReason(value)
      if (reason !== undefined) report(where, 'value', `"${value}" ${reason}: paths and globs here are relative to the repository root and stay inside it`)
    }
  }
}
