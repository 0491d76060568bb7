import { CONFIGURABLE_RULES } from '../lint/rules/index.js'
import type { LintConfig } from './types.js'

/** Where the configuration is looked for when no path is given, repository-relative, in order. */
export const DEFAULT_CONFIG_PATHS: readonly string[] = ['.github/reliability.yml', '.github/reliability.yaml']

/**
 * Rule ids a config may set, from the rule registry; a config naming any other id is rejected (typos would
 * otherwise silently do nothing).
 */
export const KNOWN_RULE_IDS: readonly string[] = CONFIGURABLE_RULES.map((rule) => rule.id)

/**
 * The defaults, as a fresh object each call so no caller can mutate another's config.
 * Must match the `default` annotations in schema.ts (a test checks), which editors show on hover.
 */
export function defaultLintConfig(): LintConfig {
  return {
    postmortems: {
      paths: ['docs/postmortems/**/PM-*.md'],
      severityLevels: ['Sev1', 'Sev2', 'Sev3', 'Sev4'],
      sections: ['Summary', 'Timeline', 'Root Cause', 'Customer Impact', 'Action Items'],
      sectionAliases: {
        'Corrective Actions': 'Action Items',
        Remediation: 'Action Items',
        'Follow-up Items': 'Action Items',
        'Next Steps': 'Action Items',
        Impact: 'Customer Impact',
        'User Impact': 'Customer Impact',
        'Root Causes': 'Root Cause',
        Cause: 'Root Cause',
        'Contributing Factors': 'Root Cause',
        Overview: 'Summary',
        'TL;DR': 'Summary'
      }
    },
    rules: {},
    linkedSeverities: ['Sev1', 'Sev2'],
    cache: true,
    cacheDir: '.reliability-loop-cache',
    concurrency: 0
  }
}

/**
 * Where the lint cache goes when the config names no `lint.cache-dir` and the repository has node_modules:
 * the folder build tools share (ESLint, Babel, Prettier use it), ignored wherever node_modules is.
 * The entries choose it (they can look at the disk); without node_modules the default above applies.
 */
export const NODE_MODULES_CACHE_DIR = 'node_modules/.cache/reliability-loop'
