// The JSON Schema of the `review:` section of `.github/reliability.yml` (part of schema.ts). Defaults here
// are documentation for editors; src/config/review.ts applies them.

export const DEFAULT_INCIDENT_PATHS = ['logs/incidents/**/*.ndjson']
export const DEFAULT_INCIDENT_FIELDS = {
  ts: 'ts',
  id: 'id',
  severity: 'severity',
  status: 'status',
  title: 'title',
  postmortem: 'postmortem',
  'started-at': 'started_at',
  'detected-at': 'detected_at',
  'resolved-at': 'resolved_at'
}
export const DEFAULT_RESOLVED_STATUSES = ['resolved', 'closed']
export const DEFAULT_DETECTED_STATUSES = ['detected', 'acknowledged', 'investigating', 'identified', 'mitigating', 'mitigated', 'monitoring']
export const DEFAULT_REVIEW_OUTPUT_DIR = 'docs/reviews'
export const DEFAULT_BYPASS_LOG = 'reliability/bypass-log.ndjson'
export const DEFAULT_REDIS_KEY = 'incident:timeline'
export const DEFAULT_REVIEW_THRESHOLDS = {
  incidents: { amber: 1, red: 3 },
  'sev1-incidents': { amber: 1, red: 1 },
  'overdue-actions': { amber: 1, red: 5 },
  'lint-errors': { amber: 1, red: 3 },
  'audit-drop': { amber: 0.02, red: 0.1 },
  bypasses: { amber: 1, red: 3 },
  'rolled-back-experiments': { amber: 1, red: 2 }
}

const band = (what: string) => ({
  type: 'object',
  additionalProperties: false,
  description: `Amber and red thresholds for ${what}: the area is amber at or above \`amber\`, red at or above \`red\`.`,
  properties: {
    amber: { type: 'number', minimum: 0, description: `Amber from this value of ${what}.` },
    red: { type: 'number', minimum: 0, description: `Red from this value of ${what}.` }
  }
})

const fieldName = (what: string) => ({ type: 'string', minLength: 1, description: `Name of the record field holding ${what}.` })

export const reviewConfigSchema = {
  type: ['object', 'null'],
  description: 'Settings of the `review` mode: the monthly reliability packet (docs/review.md).',
  additionalProperties: false,
  properties: {
    incidents: {
      type: 'object',
      additionalProperties: false,
      description: 'Where incidents come from and how their records are spelled.',
      properties: {
        source: { type: 'string', enum: ['files', 'redis'], description: '`files`: one NDJSON timeline per incident; `redis`: a Redis stream (REDIS_URL).', default: 'files' },
        paths: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          description: 'Globs, relative to the repository root, of incident timelines (one NDJSON file per incident, the last record its current state).',
          items: { type: 'string', minLength: 1, description: 'A glob such as `logs/incidents/**/*.ndjson`.' },
          default: DEFAULT_INCIDENT_PATHS
        },
        'redis-key': { type: 'string', minLength: 1, description: 'Stream key read with XRANGE when `source: redis`.', default: DEFAULT_REDIS_KEY },
        fields: {
          type: 'object',
          additionalProperties: false,
          description: 'Field names of incident records, when yours differ from the defaults.',
          properties: {
            ts: fieldName('the record time (ISO 8601 with a zone, or epoch seconds/milliseconds)'),
            id: fieldName('the incident id'),
            severity: fieldName('the severity (Sev1…)'),
            status: fieldName('the status'),
            title: fieldName('the title'),
            postmortem: fieldName('the postmortem id (PM-101) that covers the incident'),
            'started-at': fieldName('when the incident started (else its first record time)'),
            'detected-at': fieldName('when it was detected (else the first record with a detected status)'),
            'resolved-at': fieldName('when it was resolved (else the first record with a resolved status)')
          }
        },
        'resolved-statuses': {
          type: 'array',
          uniqueItems: true,
          description: 'Statuses (case-insensitive) that mean the incident is over.',
          items: { type: 'string', minLength: 1, description: 'A status, e.g. `resolved`.' },
          default: DEFAULT_RESOLVED_STATUSES
        },
        'detected-statuses': {
          type: 'array',
          uniqueItems: true,
          description: 'Statuses (case-insensitive) that mean a person or an alert noticed the incident (time to detect).',
          items: { type: 'string', minLength: 1, description: 'A status, e.g. `acknowledged`.' },
          default: DEFAULT_DETECTED_STATUSES
        }
      }
    },
    'bypass-log': { type: 'string', minLength: 1, description: 'The gate bypass log, relative to the repository root.', default: DEFAULT_BYPASS_LOG },
    'audit-dir': { type: 'string', minLength: 1, description: 'Directory of the audit score files (`<YYYY-MM>.ndjson`); default `audit.output-dir`.' },
    'output-dir': { type: 'string', minLength: 1, description: 'Directory the packet `<YYYY-MM>.md` is written to.', default: DEFAULT_REVIEW_OUTPUT_DIR },
    thresholds: {
      type: 'object',
      additionalProperties: false,
      description: 'Red/amber/green thresholds of the executive summary.',
      properties: {
        incidents: band('incidents in the period'),
        'sev1-incidents': band('incidents of the most severe level in the period'),
        'overdue-actions': band('overdue open action items'),
        'lint-errors': band('lint errors in the period\'s postmortems'),
        'audit-drop': band('the largest drop of a dimension\'s mean from the previous period (in scale units of a 0-1 scale; 1-5 scales are divided by 4)'),
        bypasses: band('gate bypasses in the period'),
        'rolled-back-experiments': band('experiments rolled back in the period')
      }
    }
  }
}
