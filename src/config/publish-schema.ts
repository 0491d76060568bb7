// The JSON Schema of the `publish:` section of `.github/reliability.yml` (part of schema.ts). A channel with
// no section is not configured. Credentials never live here: they come from the environment (docs/publish.md).

export const DEFAULT_PUBLISH_TITLE = 'Reliability review {period}'
export const DEFAULT_PUBLISH_LABELS = ['reliability-review']
export const DEFAULT_PUBLISH_RECORD = 'reliability/published.ndjson'

const email = { type: 'string', minLength: 3, pattern: '^[^\\s@<>]+@[^\\s@<>]+$', description: 'An e-mail address, e.g. `ops@example.com`.' }

export const publishConfigSchema = {
  type: ['object', 'null'],
  description: 'Settings of the `publish` mode: where the monthly packet goes (docs/publish.md). A channel without a section is skipped.',
  additionalProperties: false,
  properties: {
    confluence: {
      type: ['object', 'null'],
      additionalProperties: false,
      description: 'One Confluence page per period (Cloud: CONFLUENCE_BASE_URL, CONFLUENCE_EMAIL, CONFLUENCE_API_TOKEN; Data Center: CONFLUENCE_PAT).',
      properties: {
        'page-id': { type: 'string', pattern: '^[0-9]+$', description: 'The page to update, by id: it is overwritten even if this tool did not create it.' },
        space: { type: 'string', minLength: 1, description: 'Space key (e.g. `REL`) the page is created in, found by title; needed without `page-id`.' },
        'parent-id': { type: 'string', pattern: '^[0-9]+$', description: 'The page new pages are created under.' },
        title: { type: 'string', minLength: 1, description: 'Page title; `{period}` is replaced by the period label (2026-10).', default: DEFAULT_PUBLISH_TITLE },
        labels: { type: 'array', uniqueItems: true, items: { type: 'string', pattern: '^[^\\s]+$', description: 'A label (no spaces).' }, description: 'Labels put on the page.', default: DEFAULT_PUBLISH_LABELS }
      }
    },
    email: {
      type: 'object',
      additionalProperties: false,
      required: ['to', 'from'],
      description: 'One e-mail per period over SMTP (SMTP_URL, e.g. smtps://user:pass@smtp.example.com:465).',
      properties: {
        to: { type: 'array', minItems: 1, uniqueItems: true, items: email, description: 'Recipients.' },
        cc: { type: 'array', uniqueItems: true, items: email, description: 'Copied recipients.' },
        from: { ...email, description: 'The sender address.' }
      }
    },
    slack: {
      type: ['object', 'null'],
      additionalProperties: false,
      description: 'A Block Kit summary to an incoming webhook (SLACK_WEBHOOK_URL).',
      properties: {
        'packet-url': { type: 'string', pattern: '^https?://', description: 'Link to the packet file; `{period}` is replaced. Default in the Action: the file in this repository.' }
      }
    },
    record: { type: 'string', minLength: 1, description: 'NDJSON file, relative to the repository root, recording what was published (period, channel, content hash, message id or page version).', default: DEFAULT_PUBLISH_RECORD }
  }
}
