// The JSON Schema of the `drafts:` section of `.github/reliability.yml` (part of schema.ts): where
// `postmortem new` writes drafts, whose template it fills, and which incident-record fields it reads beyond
// the review's (`review.incidents.fields`). Defaults here are documentation; src/config/postmortem.ts applies them.

export const DEFAULT_POSTMORTEM_DIR = 'docs/postmortems'
export const DEFAULT_POSTMORTEM_TEMPLATE = 'docs/postmortems/TEMPLATE.md'
export const DEFAULT_OWNER_FIELDS = ['commander', 'incident_commander', 'assignee', 'owner', 'owners']
export const DEFAULT_LINK_FIELDS = {
  traces: ['traces', 'trace', 'trace_url', 'traces_url'],
  ndjson: ['ndjson', 'log', 'ndjson_log', 'transcript'],
  pagerduty: ['pagerduty', 'pagerduty_url', 'pagerduty_incident', 'pd_incident']
}
export const DEFAULT_NOTE_FIELDS = ['note', 'message', 'event']
export const DEFAULT_DRAFT_LABEL = 'postmortem-draft'

const fieldList = (what: string, defaults: readonly string[]) => ({
  type: 'array',
  uniqueItems: true,
  description: `Incident-record fields that hold ${what}, tried in order (a string, or a list of strings).`,
  items: { type: 'string', minLength: 1, description: 'A record field name.' },
  default: [...defaults]
})

export const postmortemConfigSchema = {
  type: ['object', 'null'],
  description: 'Settings of `postmortem new` and `mode: postmortem`: drafts made from incidents (docs/postmortem.md).',
  additionalProperties: false,
  properties: {
    dir: { type: 'string', minLength: 1, description: 'Directory, relative to the repository root, that `postmortem new` writes `PM-<id>.md` into.', default: DEFAULT_POSTMORTEM_DIR },
    template: {
      type: 'string',
      minLength: 1,
      description: 'Postmortem template, relative to the repository root, that drafts are made from; a built-in template when the file does not exist.',
      default: DEFAULT_POSTMORTEM_TEMPLATE
    },
    'owner-fields': fieldList('the incident commander and assignees (the draft\'s Owners)', DEFAULT_OWNER_FIELDS),
    'note-fields': fieldList('a noted event (a timeline entry even without a status change)', DEFAULT_NOTE_FIELDS),
    'link-fields': {
      type: 'object',
      additionalProperties: false,
      description: 'Incident-record fields holding the links a postmortem carries.',
      properties: {
        traces: fieldList('trace links', DEFAULT_LINK_FIELDS.traces),
        ndjson: fieldList('the NDJSON log (URL or repository path)', DEFAULT_LINK_FIELDS.ndjson),
        pagerduty: fieldList('the PagerDuty incident (URL or id)', DEFAULT_LINK_FIELDS.pagerduty)
      }
    },
    'missing-severities': {
      type: 'array',
      uniqueItems: true,
      description:
        'Severities whose resolved incidents `postmortem new --missing` drafts a postmortem for. Default: `lint.linked-severities` plus `gate.sev1-actions.severities`.',
      items: { type: 'string', minLength: 1, description: 'A level of postmortems.severity-levels.' }
    },
    label: { type: 'string', minLength: 1, description: 'Label on the pull requests `mode: postmortem` opens, one per draft.', default: DEFAULT_DRAFT_LABEL }
  }
}
