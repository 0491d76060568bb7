// `drafts:` of the configuration → PostmortemDraftConfig: defaults, paths kept inside the repository,
// severities mapped onto the configured levels.

import { severityKey } from '../postmortem/severity.js'
import { isInsideRepo } from '../util/repo-path.js'
import type { ModeSection, ReportConfigIssue } from './mode-section.js'
import { DEFAULT_DRAFT_LABEL, DEFAULT_LINK_FIELDS, DEFAULT_NOTE_FIELDS, DEFAULT_OWNER_FIELDS, DEFAULT_POSTMORTEM_DIR, DEFAULT_POSTMORTEM_TEMPLATE } from './postmortem-schema.js'
import type { Config, PostmortemDraftConfig } from './types.js'
import { dictOrEmpty, type Dict } from '../util/dict.js'

const strings = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.map(String) : undefined)
const cleanPath = (p: string): string => p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '') || '.'

/** The defaults, as a fresh object each call. */
export function defaultPostmortemDraftConfig(): PostmortemDraftConfig {
  return {
    dir: DEFAULT_POSTMORTEM_DIR,
    template: DEFAULT_POSTMORTEM_TEMPLATE,
    ownerFields: [...DEFAULT_OWNER_FIELDS],
    noteFields: [...DEFAULT_NOTE_FIELDS],
    linkFields: { traces: [...DEFAULT_LINK_FIELDS.traces], ndjson: [...DEFAULT_LINK_FIELDS.ndjson], pagerduty: [...DEFAULT_LINK_FIELDS.pagerduty] },
    label: DEFAULT_DRAFT_LABEL
  }
}

/** The postmortem-draft settings of a Config; the defaults when it was built without the section. */

/** Severities whose resolved incidents need a postmortem: the configured list, else linked + gate-blocking ones. */
export function missingSeveritiesOf(config: Pick<Config, 'drafts' | 'gate' | 'lint'>): string[] {
  const configured = config.drafts.missingSeverities
  if (configured !== undefined) return [...configured]
  const out: string[] = []
  for (const level of [...config.lint.linkedSeverities, ...config.gate.sev1Actions.severities]) {
    if (!out.some((l) => severityKey(l) === severityKey(level))) out.push(level)
  }
  return out
}

export function resolvePostmortemDraft(section: Dict | undefined, report: ReportConfigIssue, config: Pick<Config, 'lint'>): PostmortemDraftConfig {
  const s = section ?? {}
  const out = defaultPostmortemDraftConfig()
  for (const key of ['dir', 'template'] as const) {
    if (typeof s[key] !== 'string') continue
    const clean = cleanPath(s[key])
    if (clean === '.' ? key === 'template' : !isInsideRepo(clean)) report(['drafts', key], 'value', 'must be a path inside the repository, relative to its root')
    else out[key] = clean
  }
  out.ownerFields = strings(s['owner-fields']) ?? out.ownerFields
  out.noteFields = strings(s['note-fields']) ?? out.noteFields
  const links = dictOrEmpty(s['link-fields'])
  for (const key of ['traces', 'ndjson', 'pagerduty'] as const) out.linkFields[key] = strings(links[key]) ?? out.linkFields[key]
  if (typeof s.label === 'string') out.label = s.label
  const written = strings(s['missing-severities'])
  if (written !== undefined) {
    const levels = config.lint.postmortems.severityLevels
    out.missingSeverities = []
    written.forEach((raw, i) => {
      const level = levels.find((l) => severityKey(l) === severityKey(raw))
      if (level === undefined) report(['drafts', 'missing-severities', i], 'value', `"${raw}" is not one of postmortems.severity-levels (${levels.join(', ')})`)
      else if (!out.missingSeverities?.includes(level)) out.missingSeverities?.push(level)
    })
  }
  return out
}

export const postmortemSection: ModeSection<'drafts'> = {
  key: 'drafts',
  resolve: (section, report, config) => resolvePostmortemDraft(section, report, config)
}
