// Builds the one Config from defaults, `.github/reliability.yml` and overrides (Action inputs, CLI flags).
// Pure apart from the injected readFile: no environment, no working directory, no file system.
// The parts: yaml-source.ts (text → values with positions), schema-issues.ts (the JSON Schema's errors in
// words), layers.ts (merging, and pointing a problem at its source), lint-section.ts (postmortems: and
// lint:), mode-sections.ts (every mode's own section), repo-paths.ts (paths stay inside the repository).

import path from 'node:path'
import type { RuleSetting } from '../lint/types.js'
import { MODE_SECTIONS } from './mode-sections.js'
import type { ResolvedSoFar } from './mode-section.js'
import { DEFAULT_CONFIG_PATHS, KNOWN_RULE_IDS } from './defaults.js'
import { ConfigError, type ConfigIssue } from './errors.js'
import { isDict } from '../util/dict.js'
import { issueReporter, mergeLayers } from './layers.js'
import { resolveLint } from './lint-section.js'
import { checkRepositoryPaths } from './repo-paths.js'
import { schemaIssues } from './schema-issues.js'
import type { ConfigDocument } from './schema.js'
import type { Config } from './types.js'
import { parseConfigText, pruneUndefined, type Layer } from './yaml-source.js'

/** Values from one non-file source, in the same kebab-case shape as the file. */
export interface ConfigOverride {
  /** Named in errors in place of a file name, e.g. `--rule`, `input rules`. */
  source: string
  /** Properties whose value is `undefined` are ignored, so callers can pass optional flags straight through. */
  values: ConfigDocument
}

/** Applied in order over the file: later ones win. */
export type ConfigOverrides = readonly ConfigOverride[]

export interface LoadConfigOptions {
  /** Absolute path of the repository root. */
  root: string
  /** Config file, absolute or relative to root. When given it must exist; when not, DEFAULT_CONFIG_PATHS are tried. */
  configPath?: string
  overrides?: ConfigOverrides
  /** Returns the file's text, or undefined when there is no such file. */
  readFile: (absPath: string) => string | undefined
  /** Rule ids that may appear under `lint.rules`; defaults to PM001–PM011. */
  knownRules?: readonly string[]
  /** `lint.cache-dir` when no source sets it (the entries pass NODE_MODULES_CACHE_DIR where node_modules exists). */
  defaultCacheDir?: string
}

const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'warning', 'error']

export function loadConfig(options: LoadConfigOptions): Config {
  const { root } = options
  // A relative root would be resolved against the working directory, which is exactly what this module avoids.
  if (!path.isAbsolute(root)) throw new TypeError(`loadConfig: root must be an absolute path (got "${root}")`)

  const file = readConfigFile(options)
  const issues: ConfigIssue[] = []
  const layers: Layer[] = []

  if (file !== undefined) {
    const parsed = parseConfigText(file.text, file.label)
    const found = parsed.layer ? schemaIssues(parsed.layer) : parsed.issues
    issues.push(...found)
    if (parsed.layer && found.length === 0) layers.push(parsed.layer)
  }
  for (const override of options.overrides ?? []) {
    const values = pruneUndefined(override.values)
    const layer: Layer = { source: override.source, values, locate: () => undefined }
    const found = schemaIssues(layer)
    issues.push(...found)
    if (found.length === 0) layers.push(layer)
  }
  if (issues.length > 0) throw new ConfigError(issues)

  // Checked apart, so a section's own check of the same key does not report it twice.
  const pathIssues: ConfigIssue[] = []
  const reportPath = issueReporter(layers, pathIssues)
  checkRepositoryPaths(mergeLayers(layers), (segments, at, message) => reportPath(segments, at, message))

  const lint = resolveLint(layers, options.knownRules ?? KNOWN_RULE_IDS, issues, options.defaultCacheDir)
  if (issues.length > 0) throw semanticError(pathIssues, issues)

  const config = resolveModeSections(layers, file === undefined ? { root, lint } : { root, configFile: file.label, lint }, issues)
  if (issues.length > 0 || pathIssues.length > 0) throw semanticError(pathIssues, issues)
  return config
}

/** Every problem found after the schema; a path outside the repository replaces a section's own message for that key. */
function semanticError(pathIssues: readonly ConfigIssue[], issues: readonly ConfigIssue[]): ConfigError {
  const byKey = new Map(pathIssues.map((i) => [i.key, i]))
  const merged = issues.map((i) => byKey.get(i.key) ?? i)
  return new ConfigError([...merged, ...pathIssues.filter((i) => !merged.includes(i))])
}

/**
 * Turns `--rule`/`rules` strings into an override: entries like `PM009=off` or `PM009:off`, separated by
 * commas, semicolons, whitespace or newlines (Action inputs are often multi-line). Rule ids are
 * upper-cased and settings lower-cased; whether an id is known is checked by loadConfig.
 */
export function parseRuleSettings(list: readonly string[], source: string): ConfigDocument {
  const rules: Record<string, RuleSetting> = {}
  const issues: ConfigIssue[] = []
  for (const text of list) {
    const entries = text.replace(/\s*([=:])\s*/g, '$1').split(/[,;\s]+/).filter((e) => e !== '')
    for (const entry of entries) {
      const match = /^([^=:]*)[=:](.*)$/.exec(entry)
      if (!match) {
        issues.push({ file: source, key: 'lint.rules', message: `expected RULE=off|warning|error, e.g. PM009=off (got "${entry}")` })
        continue
      }
      const id = (match[1] ?? '').toUpperCase()
      const setting = (match[2] ?? '').toLowerCase()
      if (!/^PM\d{3}$/.test(id)) {
        issues.push({ file: source, key: 'lint.rules', message: `"${match[1] ?? ''}" is not a rule id; rule ids look like PM009 (in "${entry}")` })
        continue
      }
      if (!(RULE_SETTINGS as readonly string[]).includes(setting)) {
        issues.push({ file: source, key: `lint.rules.${id}`, message: `must be one of ${RULE_SETTINGS.join(', ')} (got "${match[2] ?? ''}")` })
        continue
      }
      rules[id] = setting as RuleSetting
    }
  }
  if (issues.length > 0) throw new ConfigError(issues)
  return { lint: { rules } }
}

// ---------------------------------------------------------------------------------------------------
// Reading

function readConfigFile(options: LoadConfigOptions): { label: string; text: string } | undefined {
  const { root } = options
  const label = (abs: string) => {
    const rel = path.relative(root, abs)
    return (rel === '' || path.isAbsolute(rel) ? abs : rel).split(path.sep).join('/')
  }
  if (options.configPath !== undefined) {
    const abs = path.resolve(root, options.configPath)
    const text = options.readFile(abs)
    if (text === undefined) {
      throw new ConfigError({ file: label(abs), key: '', message: `config file not found (looked for ${abs})` })
    }
    return { label: label(abs), text }
  }
  const found = DEFAULT_CONFIG_PATHS.map((rel) => {
    const abs = path.resolve(root, rel)
    return { label: label(abs), text: options.readFile(abs) }
  }).filter((f): f is { label: string; text: string } => f.text !== undefined)
  const [first, second] = found
  if (second !== undefined && first !== undefined) {
    // Reading one silently would leave edits to the other without effect.
    throw new ConfigError({
      file: second.label,
      key: '',
      message: `both ${first.label} and ${second.label} exist; keep one of them`
    })
  }
  return first
}

/** Every mode's settings, with its defaults when its section is absent: the one place they are applied. */
function resolveModeSections(layers: readonly Layer[], base: Pick<Config, 'root' | 'configFile' | 'lint'>, issues: ConfigIssue[]): Config {
  const merged = mergeLayers(layers)
  const report = issueReporter(layers, issues)
  const sections: string[] = []
  const resolved: ResolvedSoFar = { ...base }
  for (const mode of MODE_SECTIONS) {
    const section = merged[mode.key]
    if (isDict(section)) sections.push(mode.key)
    const value = mode.resolve(isDict(section) ? section : undefined, (segments, at, message) => report(segments, at, message), resolved)
    Object.assign(resolved, { [mode.key]: value })
  }
  const missing = (['gate', 'experiment', 'sync', 'audit', 'review', 'export', 'publish', 'drafts'] as const).filter((key) => resolved[key] === undefined)
  if (missing.length > 0) throw new Error(`internal error: no resolver in MODE_SECTIONS for ${missing.join(', ')}`)
  return { ...(resolved as Config), sections }
}
