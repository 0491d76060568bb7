// The JSON Schema of the `experiment:` section of `.github/reliability.yml` (part of schema.ts). Defaults
// here are documentation for editors; src/config/experiment.ts applies them.

export const DEFAULT_EXPERIMENT_DIR = 'docs/experiments'
export const DEFAULT_EXPERIMENT_TEMPLATE = 'docs/experiments/TEMPLATE.md'

export const experimentConfigSchema = {
  type: ['object', 'null'],
  description:
    'Settings of the `experiment` mode: where experiment docs (markdown with YAML front matter: hypothesis, metrics, guardrails, rollback plan) are written and found.',
  additionalProperties: false,
  properties: {
    dir: {
      type: 'string',
      minLength: 1,
      description: 'Directory, relative to the repository root, that `experiment new` writes `EXP-<yyyy-mm-dd>-<slug>.md` into.',
      default: DEFAULT_EXPERIMENT_DIR
    },
    paths: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      description: 'Globs, relative to the repository root, of the experiment docs that `list`, `conclude` and `validate` read. Default: `EXP-*.md` anywhere below `dir`.',
      items: { type: 'string', minLength: 1, description: 'A glob such as `docs/experiments/**/EXP-*.md`.' },
      default: [`${DEFAULT_EXPERIMENT_DIR}/**/EXP-*.md`]
    },
    template: {
      type: 'string',
      minLength: 1,
      description:
        'Markdown file, relative to the repository root, whose body (after its front matter) `experiment new` copies under the generated front matter. When the file does not exist, a built-in body is used.',
      default: DEFAULT_EXPERIMENT_TEMPLATE
    }
  }
}
