// The JSON Schema of `.github/reliability.yml`: the source of truth for validation.
//
// `schema.json` next to this file is the same object as JSON so editors can autocomplete the config
// without running any code; a test asserts the two are deep-equal, so edit both together.
// Point the YAML language server at it with a first line of:
//
//   # yaml-language-server: $schema=../src/config/schema.json
//
// (that relative path works inside this repository; other repositories point at the raw URL of
// `src/config/schema.json` at the release tag they use).
//
// Kept as a TS module rather than importing the JSON because JSON imports behave differently under
// ts-jest ESM, Node and esbuild; a plain object works the same everywhere.

import { CONFIGURABLE_RULES } from '../lint/rules/index.js'
import type { RuleSetting } from '../lint/types.js'
import { defaultLintConfig } from './defaults.js'
import { gateSchema } from './gate-schema.js'
import { experimentConfigSchema } from './experiment-schema.js'
import { syncSchema } from './sync-schema.js'
import { auditConfigSchema } from './audit-schema.js'
import { reviewConfigSchema } from './review-schema.js'
import { exportConfigSchema } from './export-schema.js'
import { publishConfigSchema } from './publish-schema.js'
import { postmortemConfigSchema } from './postmortem-schema.js'

/** `postmortems:` as written in the file (kebab-case). */
export interface PostmortemsDocument {
  paths?: string[]
  'severity-levels'?: string[]
  sections?: string[]
  'section-aliases'?: Record<string, string>
}

/** `lint:` as written in the file (kebab-case). */
export interface LintDocument {
  rules?: Record<string, RuleSetting>
  'linked-severities'?: string[]
  cache?: boolean
  'cache-dir'?: string
  concurrency?: number
}

/**
 * The configuration file's shape, also used for overrides from Action inputs and CLI flags.
 * A section left empty (`lint:` with nothing under it) reads as null and means "all defaults".
 */
export interface ConfigDocument {
  postmortems?: PostmortemsDocument | null
  lint?: LintDocument | null
  gate?: Record<string, unknown> | null
  sync?: Record<string, unknown> | null
  audit?: Record<string, unknown> | null
  experiment?: Record<string, unknown> | null
  review?: Record<string, unknown> | null
  export?: Record<string, unknown> | null
  publish?: Record<string, unknown> | null
  drafts?: Record<string, unknown> | null
}

// The defaults editors show on hover are the ones the loader applies (defaults.ts), not a copy of them.
const LINT_DEFAULTS = defaultLintConfig()

/** The value of one `lint.rules` entry. */
function ruleSettingSchema(description: string) {
  return { enum: ['off', 'warning', 'error'], description }
}

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'reliability-loop configuration (.github/reliability.yml)',
  description:
    'Configuration of reliability-loop. Every setting is optional; Action inputs and CLI flags override it (lists replace, maps merge). Add `# yaml-language-server: $schema=<path or URL of src/config/schema.json>` as the first line for editor completion.',
  type: 'object',
  additionalProperties: false,
  properties: {
    postmortems: {
      type: ['object', 'null'],
      description: 'How postmortems are found and read; shared by every mode that reads postmortems.',
      additionalProperties: false,
      properties: {
        paths: {
          type: 'array',
          description: 'Globs, relative to the repository root, of the postmortem files.',
          minItems: 1,
          items: { type: 'string', minLength: 1, description: 'A glob such as `docs/postmortems/**/PM-*.md`.' },
          default: LINT_DEFAULTS.postmortems.paths
        },
        'severity-levels': {
          type: 'array',
          description:
            'Severity levels, most severe first. Spellings that differ only in case, spaces, hyphens and underscores (`SEV-1`, `sev 1`) count as the same level.',
          minItems: 1,
          uniqueItems: true,
          items: { type: 'string', minLength: 1, description: 'A severity level label, e.g. `Sev1`.' },
          default: LINT_DEFAULTS.postmortems.severityLevels
        },
        sections: {
          type: 'array',
          description: 'Level-2 sections of the postmortem template, in template order.',
          minItems: 1,
          uniqueItems: true,
          items: { type: 'string', minLength: 1, description: 'A section heading, e.g. `Root Cause`.' },
          default: LINT_DEFAULTS.postmortems.sections
        },
        'section-aliases': {
          type: 'object',
          description:
            'Alternative heading → template section it stands for, matched case-insensitively. Merged with the built-in aliases; built-in aliases whose section is not in `sections` are dropped.',
          additionalProperties: {
            type: 'string',
            minLength: 1,
            description: 'The template section (one of `sections`) this heading stands for.'
          },
          default: LINT_DEFAULTS.postmortems.sectionAliases
        }
      }
    },
    lint: {
      type: ['object', 'null'],
      description: 'Settings of the `lint` mode.',
      additionalProperties: false,
      properties: {
        rules: {
          type: 'object',
          description:
            'Rule id → `off` (disables the rule), `warning` (reports without failing) or `error` (fails the check). Rules not listed keep their default severity.',
          // One property per rule of the registry, so editors offer the ids with what each checks. Another
          // PMnnn id passes the schema and is rejected by the loader, whose message lists the known rules.
          propertyNames: { pattern: '^PM\\d{3}$' },
          properties: Object.fromEntries(CONFIGURABLE_RULES.map((rule) => [rule.id, ruleSettingSchema(`${rule.id} ${rule.name}: ${rule.description} Default: \`${rule.defaultSeverity}\`.`)])),
          additionalProperties: ruleSettingSchema('A rule id this version does not have: rejected when the config is loaded.'),
          default: {}
        },
        'linked-severities': {
          type: 'array',
          description:
            'Severities whose postmortems must link traces, NDJSON and PagerDuty (PM006) and have action items (PM008). Each must be one of `severity-levels`. When not set, the built-in Sev1 and Sev2 that exist in `severity-levels` are used, else the two most severe levels.',
          uniqueItems: true,
          items: { type: 'string', minLength: 1, description: 'One of `postmortems.severity-levels`.' },
          default: LINT_DEFAULTS.linkedSeverities
        },
        cache: {
          type: 'boolean',
          description: 'Reuse results for files whose content, configuration and date have not changed.',
          default: LINT_DEFAULTS.cache
        },
        'cache-dir': {
          type: 'string',
          minLength: 1,
          description: 'Directory of the content-hash cache, relative to the repository root.',
          default: LINT_DEFAULTS.cacheDir
        },
        concurrency: {
          type: 'integer',
          minimum: 0,
          description: 'Worker threads to lint with; 0 means one per CPU core (at most one per file).',
          default: LINT_DEFAULTS.concurrency
        }
      }
    },
    gate: gateSchema,
    sync: syncSchema,
    audit: auditConfigSchema,
    experiment: experimentConfigSchema,
    review: reviewConfigSchema,
    export: exportConfigSchema,
    publish: publishConfigSchema,
    drafts: postmortemConfigSchema
  }
}
