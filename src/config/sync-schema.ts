// JSON Schema of the `sync:` section of `.github/reliability.yml` (part of configSchema in schema.ts).
// No imports: scripts/write-schema.mjs bundles schema.ts on its own.

const priority = {
  enum: ['urgent', 'high', 'medium', 'low', 'none'],
  description: 'A priority: `urgent`, `high`, `medium`, `low` or `none`. Each tracker maps it onto its own scale (Linear 1–4; Jira through `jira.priorities`; GitHub has none).'
}

const ownerEntry = {
  description:
    'How to assign this owner: an email address (looked up in Linear and Jira), or a map of per-tracker identities. Owners not listed are tried as they are written (a GitHub login), else their tickets stay unassigned with a warning.',
  oneOf: [
    { type: 'string', minLength: 3, description: 'The owner’s email address.' },
    {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      description: 'Per-tracker identities of the owner; any of them may be left out.',
      properties: {
        email: { type: 'string', minLength: 3, description: 'Email address: Linear and Jira Cloud users are looked up by it.' },
        github: { type: 'string', minLength: 1, description: 'GitHub login to assign issues to.' },
        linear: { type: 'string', minLength: 1, description: 'Linear user id (UUID) or email to assign issues to.' },
        jira: { type: 'string', minLength: 1, description: 'Jira Cloud accountId, or the Jira Data Center user name, to assign issues to.' }
      }
    }
  ]
}

export const syncSchema = {
  type: ['object', 'null'],
  description: 'Settings of the `sync` mode: every open action item becomes exactly one ticket in the team’s tracker.',
  additionalProperties: false,
  properties: {
    tracker: {
      enum: ['github', 'linear', 'jira', 'jira-dc'],
      description: 'Where tickets live: `github` (Issues of this repository; needs only the workflow’s token), `linear`, `jira` (Cloud) or `jira-dc` (Data Center / Server).',
      default: 'github'
    },
    labels: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, pattern: '^\\S+$', description: 'A label name without spaces (Jira labels cannot contain spaces).' },
      description: 'Labels on every ticket. The first one also finds the tickets this tool manages, so do not use it for anything else.',
      default: ['reliability']
    },
    'severity-labels': {
      type: 'boolean',
      description: 'Also label each ticket with its postmortem’s severity (`Sev1`, …).',
      default: true
    },
    priorities: {
      type: 'object',
      description: 'Severity level → ticket priority. Keys must be among `postmortems.severity-levels`; severities not listed give no priority.',
      additionalProperties: priority,
      default: { Sev1: 'urgent', Sev2: 'high', Sev3: 'medium', Sev4: 'low' }
    },
    owners: {
      type: 'object',
      description: 'Owner handle as written in postmortems (without `@`) → who to assign in the tracker.',
      additionalProperties: ownerEntry,
      default: {}
    },
    'write-back': {
      enum: ['commit', 'pull-request', 'off'],
      description:
        'After creating tickets, write each reference onto its item’s line so rewording keeps the match. The files are edited in the workspace; the Action’s `write-back` output tells the workflow to commit them (`commit`) or open a pull request (`pull-request`). `off` leaves the files alone (items are then matched by their wording).',
      default: 'commit'
    },
    'tick-closed': {
      type: 'boolean',
      description: 'When a ticket was closed in the tracker but its item is still open, tick the item in the write-back (otherwise it is only reported).',
      default: false
    },
    'require-valid-items': {
      type: 'boolean',
      description:
        'Skip action items that `lint` rejects (PM007: no owner, no due date, no checkbox; PM009: a placeholder such as `@TBD` on the item’s line) instead of opening their tickets with a warning.',
      default: false
    },
    'decision-paths': {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', minLength: 1 },
      description:
        'Review packets whose `## Decisions` section is synced: each decision `- [ ] summary :: @owner :: YYYY-MM-DD` becomes one ticket labelled `review-decision` besides `labels`, closed when ticked. Globs inside the repository; `[]` syncs no decisions.',
      default: ['docs/reviews/*.md']
    },
    concurrency: {
      type: 'integer',
      minimum: 1,
      maximum: 16,
      description: 'Tickets written at the same time.',
      default: 4
    },
    github: {
      type: ['object', 'null'],
      additionalProperties: false,
      description: 'GitHub Issues settings (tracker `github`).',
      properties: {
        repository: { type: 'string', pattern: '^[^/\\s]+/[^/\\s]+$', description: '`owner/repo` to open issues in; default the repository the workflow runs in (GITHUB_REPOSITORY).' },
        milestones: { type: 'boolean', description: 'Put each issue in a milestone `Due YYYY-MM-DD` due on its date (created when missing).', default: false }
      }
    },
    linear: {
      type: ['object', 'null'],
      additionalProperties: false,
      description: 'Linear settings (tracker `linear`). The API key comes from a secret, never from this file.',
      properties: {
        team: { type: 'string', minLength: 1, description: 'Team key (the `ENG` of ENG-123); LINEAR_TEAM or the `linear-team` input override it.' },
        'api-url': { type: 'string', pattern: '^https?://\\S+$', description: 'GraphQL endpoint.', default: 'https://api.linear.app/graphql' }
      }
    },
    jira: {
      type: ['object', 'null'],
      additionalProperties: false,
      description: 'Jira settings (trackers `jira` and `jira-dc`). Credentials come from secrets, never from this file.',
      properties: {
        'base-url': { type: 'string', pattern: '^https?://\\S+$', description: 'Site address, e.g. `https://your-team.atlassian.net`; JIRA_BASE_URL overrides it.' },
        project: { type: 'string', minLength: 1, description: 'Project key (the `OPS` of OPS-7); JIRA_PROJECT overrides it.' },
        'issue-type': { type: 'string', minLength: 1, description: 'Issue type of new tickets.', default: 'Task' },
        priorities: {
          type: 'object',
          additionalProperties: false,
          description: 'Priority → the name of a Jira priority in your scheme.',
          properties: {
            urgent: { type: 'string', minLength: 1, description: 'Jira priority for `urgent`.', default: 'Highest' },
            high: { type: 'string', minLength: 1, description: 'Jira priority for `high`.', default: 'High' },
            medium: { type: 'string', minLength: 1, description: 'Jira priority for `medium`.', default: 'Medium' },
            low: { type: 'string', minLength: 1, description: 'Jira priority for `low`.', default: 'Low' }
          }
        }
      }
    }
  }
}
