// The JSON Schema of the `gate:` section of `.github/reliability.yml` (part of schema.ts). Defaults here
// are documentation for editors; src/config/gate.ts applies them (a test keeps the two equal).

export const DEFAULT_GATE_CHECK_NAMES = {
  drills: 'reliability/drills',
  'sev1-actions': 'reliability/sev1-actions',
  'rollback-plan': 'reliability/rollback-plan'
} as const

const checkName = (gate: string, fallback: string) => ({
  type: 'string',
  minLength: 1,
  maxLength: 100,
  description: `Name of the check run of the ${gate} gate, as branch protection and rulesets require it.`,
  default: fallback
})

const globList = (description: string, fallback: string[]) => ({
  type: 'array',
  description,
  uniqueItems: true,
  items: { type: 'string', minLength: 1, description: 'A glob relative to the repository root, e.g. `prompts/**`.' },
  default: fallback
})

export const gateSchema = {
  type: ['object', 'null'],
  description:
    'Settings of the `gate` mode: the merge gate reported as three check runs (drills green, no open Sev1 action items, a rollback plan for prompt and tool changes). Read from the pull request’s BASE branch, so a pull request cannot change the policy that judges it.',
  additionalProperties: false,
  properties: {
    checks: {
      type: 'object',
      description: 'Check-run names of the three gates. Mark these names as required in branch protection or a ruleset.',
      additionalProperties: false,
      properties: {
        drills: checkName('drills', DEFAULT_GATE_CHECK_NAMES.drills),
        'sev1-actions': checkName('Sev1 action items', DEFAULT_GATE_CHECK_NAMES['sev1-actions']),
        'rollback-plan': checkName('rollback plan', DEFAULT_GATE_CHECK_NAMES['rollback-plan'])
      }
    },
    drills: {
      type: 'object',
      description: 'Gate 1: the drill suite is green for the pull request’s head commit.',
      additionalProperties: false,
      properties: {
        source: {
          enum: ['job', 'workflow', 'check'],
          description:
            'Where the drill result comes from: `job` (the `drill-result` input, e.g. `${{ needs.drills.result }}`), `workflow` (the latest run of `workflow` for the head commit) or `check` (the newest check run named `check` on the head commit).',
          default: 'workflow'
        },
        workflow: {
          type: 'string',
          minLength: 1,
          description: 'With `source: workflow`: the drill workflow’s file name under .github/workflows (e.g. `drills.yml`) or its numeric id.',
          default: 'drills.yml'
        },
        check: {
          type: 'string',
          minLength: 1,
          description: 'With `source: check`: the name of the drill check run.',
          default: 'drills'
        },
        'suite-paths': globList(
          'Globs of the files that define the drills besides the drill workflow file (e.g. `drills/**`, `.github/actions/drills/**`). A green drill run proves nothing when the pull request edits the drills, so a change to the drill workflow file (`source: workflow`) or to one of these fails the drills gate until a reviewer has looked and the bypass is applied.',
          []
        ),
        paths: {
          type: 'array',
          description:
            'Globs of the files whose change makes the drills expected. A pull request changing none of them passes the gate as not applicable. When unset with `source: workflow`, the `paths`/`paths-ignore` filters of the drill workflow’s `pull_request` trigger (on the base branch) are used; otherwise the drills are always expected.',
          uniqueItems: true,
          items: { type: 'string', minLength: 1, description: 'A glob relative to the repository root.' }
        },
        'skipped-counts-as-success': {
          type: 'boolean',
          description: 'Whether a skipped (or neutral) drill run or job passes the gate. Off by default: skipped drills prove nothing.',
          default: false
        },
        'never-ran-timeout': {
          type: 'integer',
          minimum: 0,
          description:
            'Seconds after the head commit was made within which the drill run must at least start. Until then the Action waits (polling, see `poll-interval`); after it, a missing run fails the gate saying it never ran.',
          default: 600
        },
        'poll-interval': {
          type: 'integer',
          minimum: 5,
          description: 'Seconds between two looks for a drill run that has not started yet (bounded by `never-ran-timeout`).',
          default: 30
        }
      }
    },
    'sev1-actions': {
      type: 'object',
      description: 'Gate 2: no open action items in postmortems of a blocking severity.',
      additionalProperties: false,
      properties: {
        severities: {
          type: 'array',
          description: 'Severities whose unchecked action items block merges; each one of `postmortems.severity-levels`. Default: the most severe level.',
          minItems: 1,
          uniqueItems: true,
          items: { type: 'string', minLength: 1, description: 'One of `postmortems.severity-levels`.' },
          default: ['Sev1']
        },
        block: {
          enum: ['open', 'overdue'],
          description: '`open`: every unchecked item blocks. `overdue`: only items past their due date (or without a valid one) block.',
          default: 'open'
        },
        'fix-label': {
          type: 'string',
          minLength: 1,
          description:
            'A pull request with this label passes for the blocking items its title or description references (by ticket id, ticket URL or a link to the item’s line), so the fix itself can merge.',
          default: 'reliability-fix'
        }
      }
    },
    'rollback-plan': {
      type: 'object',
      description:
        'Gate 3: a pull request changing prompts, tools or agents adds or changes an experiment doc (a file matching `experiment.paths`) with a real rollback plan.',
      additionalProperties: false,
      properties: {
        paths: globList('Globs of the files whose change needs an experiment doc.', ['prompts/**', 'tools/**', 'agents/**']),
        'type-paths': {
          type: 'object',
          description:
            'What an experiment doc covers when its front matter has no `change.paths`, by its `change.type`. A gated file passes only when an experiment doc the change adds or modifies, with status `proposed` or `running`, covers it.',
          additionalProperties: false,
          properties: {
            prompt: globList('Globs a `change.type: prompt` experiment covers.', ['prompts/**']),
            tool: globList('Globs a `change.type: tool` experiment covers.', ['tools/**']),
            model: globList('Globs a `change.type: model` experiment covers.', []),
            policy: globList('Globs a `change.type: policy` experiment covers.', [])
          }
        }
      }
    },
    bypass: {
      type: 'object',
      description: 'Emergency bypass: a label that turns failing gates into `neutral`, only when applied by an allowed user or team member, with an audit record.',
      additionalProperties: false,
      properties: {
        label: {
          type: 'string',
          minLength: 1,
          description: 'The bypass label.',
          default: 'reliability-bypass'
        },
        users: {
          type: 'array',
          description: 'GitHub logins allowed to bypass (without `@`, case-insensitive).',
          uniqueItems: true,
          items: { type: 'string', minLength: 1, description: 'A GitHub login.' },
          default: []
        },
        teams: {
          type: 'array',
          description: 'Teams whose members may bypass, as `org/team-slug`. Reading membership needs a token that can read the organisation’s teams.',
          uniqueItems: true,
          items: { type: 'string', pattern: '^[^/\\s]+/[^/\\s]+$', description: 'A team as `org/team-slug`.' },
          default: []
        },
        log: {
          type: 'string',
          minLength: 1,
          description: 'NDJSON file, relative to the repository root, each bypass is appended to (who, when, pull request, gates, reason).',
          default: 'reliability/bypass-log.ndjson'
        }
      }
    }
  }
}
