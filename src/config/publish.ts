// `publish:` of the configuration → PublishConfig: defaults, and what the schema cannot express (a
// Confluence page needs a page id or a space; the record path stays inside the repository).

import { isInsideRepo } from '../util/repo-path.js'
import type { ModeSection, ReportConfigIssue } from './mode-section.js'
import { DEFAULT_PUBLISH_LABELS, DEFAULT_PUBLISH_RECORD, DEFAULT_PUBLISH_TITLE } from './publish-schema.js'
import type { ConfluenceSettings, PublishConfig } from './publish-types.js'

type Dict = Record<string, unknown>
const isDict = (value: unknown): value is Dict => value !== null && typeof value === 'object' && !Array.isArray(value)
const strings = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.map(String) : undefined)

export function resolvePublish(section: Dict | undefined, report: ReportConfigIssue): PublishConfig {
  const s = section ?? {}
  const config: PublishConfig = { record: DEFAULT_PUBLISH_RECORD }
  // A key with nothing under it (`slack:`) reads as null: configured, all defaults.
  if ('confluence' in s) {
    const c = isDict(s.confluence) ? s.confluence : {}
    const confluence: ConfluenceSettings = { title: typeof c.title === 'string' ? c.title : DEFAULT_PUBLISH_TITLE, labels: strings(c.labels) ?? [...DEFAULT_PUBLISH_LABELS] }
    if (typeof c['page-id'] === 'string') confluence.pageId = c['page-id']
    if (typeof c.space === 'string') confluence.space = c.space
    if (typeof c['parent-id'] === 'string') confluence.parentId = c['parent-id']
    if (confluence.pageId === undefined && confluence.space === undefined) report(['publish', 'confluence'], 'key', 'needs `page-id` (the page to update) or `space` (the space key to create the page in)')
    config.confluence = confluence
  }
  if (isDict(s.email)) config.email = { to: strings(s.email.to) ?? [], cc: strings(s.email.cc) ?? [], from: String(s.email.from ?? '') }
  if ('slack' in s) {
    const slack = isDict(s.slack) ? s.slack : {}
    config.slack = typeof slack['packet-url'] === 'string' ? { packetUrl: slack['packet-url'] } : {}
  }
  if (typeof s.record === 'string') {
    const clean = s.record.replace(/\\/g, '/').replace(/^(\.\/)+/, '')
    if (!isInsideRepo(clean)) report(['publish', 'record'], 'value', 'must be a path inside the repository, relative to its root')
    else config.record = clean
  }
  return config
}

/** The publish settings of a Config: nothing configured when it has no section. */

export const publishSection: ModeSection<'publish'> = {
  key: 'publish',
  resolve: (section, report) => resolvePublish(section, report)
}
