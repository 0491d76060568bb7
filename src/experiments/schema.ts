// The JSON Schema (draft-07) of an experiment doc's front matter: the one definition that the
// `experiment` mode, the gate's rollback-plan gate and editors all validate against.
// A plain object rather than a .json import so it behaves the same under ts-jest ESM, Node and esbuild.

import { CHANGE_TYPES, EXPERIMENT_OUTCOMES, EXPERIMENT_STATUSES } from './model.js'

const DATE = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$'
const MONTH = '^\\d{4}-(0[1-9]|1[0-2])$'
const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'

const text = (description: string) => ({ type: 'string', minLength: 1, description })
const metricValue = (description: string) => ({
  type: ['number', 'string'],
  minLength: 1,
  description: `${description} A number, or text such as "< 2%" or "4.1 s".`
})

export const experimentSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/reliability-loop/reliability-loop/schemas/experiment.json',
  title: 'reliability-loop experiment doc (front matter of docs/experiments/EXP-*.md)',
  description:
    'One prompt, tool, model or policy change tried on an LLM agent: the hypothesis, the metrics that decide it, the guardrails that must hold, and the way back.',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'owner', 'status', 'change', 'hypothesis', 'metrics', 'rollback', 'created'],
  properties: {
    id: { type: 'string', pattern: UUID, description: 'A UUID that identifies the experiment; `experiment conclude <id>` takes it (or a unique prefix).' },
    name: text('Short name of the experiment, e.g. "Ask before retrying an empty search".'),
    owner: text('Who runs the experiment: an @handle or a team.'),
    status: {
      enum: [...EXPERIMENT_STATUSES],
      description: '`proposed`, `running`, `concluded`, `rolled-back` or `abandoned`. `concluded` and `rolled-back` require outcome, concluded and results.'
    },
    change: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'ref'],
      description: 'What changes.',
      properties: {
        type: { enum: [...CHANGE_TYPES], description: '`prompt`, `tool`, `model` or `policy`.' },
        ref: text('Exactly which change: a prompt version (support-agent@v43), a commit, a pull request, a model id.'),
        description: text('One line on what the change does.'),
        paths: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          description:
            'Globs (repository-relative) of the files this experiment changes, e.g. `prompts/support-agent.md`. The merge gate accepts a change to a gated file only with a proposed or running experiment doc that covers it; without `paths`, the files `change.type` implies (`gate.rollback-plan.type-paths`).',
          items: text('A glob relative to the repository root, e.g. `prompts/support-*.md`.')
        }
      }
    },
    hypothesis: text('What we expect to happen, and why, in a sentence or two.'),
    metrics: {
      type: 'array',
      minItems: 1,
      description: 'The numbers that decide the experiment.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'baseline', 'target'],
        description: 'One metric.',
        properties: {
          name: text('Metric name, e.g. task_success_rate.'),
          baseline: metricValue('The value before the change.'),
          target: metricValue('The value that counts as a win.')
        }
      }
    },
    guardrails: {
      type: 'array',
      description: 'Numbers that must not get worse, e.g. audit dimensions with their thresholds.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'threshold'],
        description: 'One guardrail.',
        properties: {
          name: text('What is watched, e.g. audit:tenant-isolation.'),
          threshold: metricValue('The limit that must hold.'),
          source: text('Where the number comes from, e.g. audit.')
        }
      }
    },
    rollback: {
      type: 'object',
      additionalProperties: false,
      required: ['trigger', 'steps', 'owner'],
      description: 'How to undo the change: when, how, and who.',
      properties: {
        trigger: text('The observation that makes us roll back, e.g. "tenant-isolation audit score below 1.0".'),
        steps: {
          type: 'array',
          minItems: 1,
          description: 'What to do to roll back, in order.',
          items: text('One concrete step, e.g. "pin support-agent prompt to v42 in prompts/registry.yaml".')
        },
        owner: text('Who rolls back: an @handle or a team.')
      }
    },
    created: { type: 'string', pattern: DATE, description: 'The day the experiment doc was created, YYYY-MM-DD.' },
    related: {
      type: 'array',
      description: 'Postmortems, transcripts or links this experiment follows up on.',
      items: text('A postmortem id (PM-101), a repository path or a URL.')
    },
    outcome: {
      enum: [...EXPERIMENT_OUTCOMES],
      description: '`won`, `lost`, `inconclusive` or `rolled-back`. Required when status is concluded (won, lost or inconclusive) or rolled-back (rolled-back).'
    },
    concluded: { type: 'string', pattern: DATE, description: 'The day the experiment was concluded or rolled back, YYYY-MM-DD.' },
    results: {
      type: 'array',
      minItems: 1,
      description: 'What was observed, one entry per metric.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'observed', 'target-met'],
        description: 'The result of one metric.',
        properties: {
          name: text('One of the metric names.'),
          observed: metricValue('The value observed.'),
          'target-met': { type: 'boolean', description: 'Whether the observed value reached the target.' }
        }
      }
    },
    'audit-period': { type: 'string', pattern: MONTH, description: 'The audit period (YYYY-MM) whose scores measured the experiment.' }
  },
  allOf: [
    {
      if: { type: 'object', required: ['status'], properties: { status: { enum: ['concluded', 'rolled-back'] } } },
      // The properties are defined above; repeated as `true` so ajv's strict mode sees them here too.
      then: { type: 'object', required: ['outcome', 'concluded', 'results'], properties: { outcome: true, concluded: true, results: true } }
    },
    {
      if: { type: 'object', required: ['status'], properties: { status: { const: 'concluded' } } },
      then: { type: 'object', properties: { outcome: { enum: ['won', 'lost', 'inconclusive'] } } }
    },
    {
      if: { type: 'object', required: ['status'], properties: { status: { const: 'rolled-back' } } },
      then: { type: 'object', properties: { outcome: { const: 'rolled-back' } } }
    }
  ]
}
