// Builds the one Config from defaults, `.github/reliability.yml` and overrides (Action inputs, CLI flags).
// Pure apart from the injected readFile: no environment, no working directory, no file system.

import path from 'node:path'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml'
import type { RuleSetting } from '../lint/types.js'
import { MODE_SECTIONS } from './mode-sections.js'
import { closestName } from '../util/did-you-mean.js'
import { describeTypes, describeValue, formatKeyPath, pointerSegments } from '../util/key-path.js'
import { sectionKey } from '../postmortem/sections.js'
import { severityKey } from '../postmortem/severity.js'
import { DEFAULT_CONFIG_PATHS, KNOWN_RULE_IDS, defaultLintConfig } from './defaults.js'
import { ConfigError, type ConfigIssue } from './errors.js'
import { checkRepositoryPaths } from './repo-paths.js'
import { configSchema, type ConfigDocument } from './schema.js'
import type { Config } from './types.js'

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
    issues.push(...parsed.issues)
    if (parsed.layer) layers.push(parsed.layer)
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

  const config: Config = file === undefined ? { root, lint } : { root, configFile: file.label, lint }
  resolveModeSections(layers, config, issues)
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
// Reading and parsing

type Segment = string | number
type Locate = (segments: readonly Segment[], at: 'key' | 'value') => { line: number; column: number } | undefined

/** One source of settings (the file or an override), kept apart so errors can say where a value came from. */
interface Layer {
  source: string
  values: unknown
  locate: Locate
}

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

function parseConfigText(raw: string, file: string): { layer?: Layer; issues: ConfigIssue[] } {
  // Columns are counted after the BOM, as for postmortems.
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset)
    return { line: pos.line, column: pos.col }
  }
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => ({
        file,
        ...at(e.pos[0]),
        key: '',
        message: `invalid YAML: ${firstLine(e.message)}`
      }))
    }
  }
  let values: unknown
  try {
    values = doc.toJS() ?? {} // an empty or comment-only file means "all defaults"
  } catch (e) {
    return { issues: [{ file, line: 1, column: 1, key: '', message: `invalid YAML: ${e instanceof Error ? e.message : String(e)}` }] }
  }
  const layer: Layer = { source: file, values, locate: locator(doc, at) }
  const issues = schemaIssues(layer)
  return issues.length > 0 ? { issues } : { layer, issues }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '')
}

/** Finds where a path is written: the key of a pair for "unknown key" errors, its value for everything else. */
function locator(doc: Document, at: (offset: number) => { line: number; column: number }): Locate {
  return (segments, want) => {
    let node: unknown = doc.contents
    let offset = rangeStart(node) ?? 0
    for (let i = 0; i < segments.length; i++) {
      if (isAlias(node)) node = node.resolve(doc)
      const segment = segments[i]
      const last = i === segments.length - 1
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(segment))
        if (!pair) break
        const keyStart = rangeStart(pair.key)
        const value = pair.value
        // `key:` with nothing after it has an empty null scalar positioned after the key; the key is where to look.
        const emptyValue = value === null || value === undefined || (isScalar(value) && value.range?.[0] === value.range?.[1])
        if ((last && want === 'key') || emptyValue) {
          offset = keyStart ?? offset
          break
        }
        offset = rangeStart(value) ?? offset
        node = value
      } else if (isSeq(node)) {
        const item: unknown = node.items[Number(segment)]
        if (item === undefined) break
        offset = rangeStart(item) ?? offset
        node = item
      } else break
    }
    return at(offset)
  }
}

function rangeStart(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: unknown }).range
    if (Array.isArray(range) && typeof range[0] === 'number') return range[0]
  }
  return undefined
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key)
}

function pruneUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneUndefined)
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = pruneUndefined(v)
    return out
  }
  return value
}

// ---------------------------------------------------------------------------------------------------
// Schema validation

let compiled: ValidateFunction | undefined

function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true }).compile(configSchema)
  return compiled
}

function schemaIssues(layer: Layer): ConfigIssue[] {
  const validate = validator()
  if (validate(layer.values)) return []
  const issues: ConfigIssue[] = []
  const seen = new Set<string>()
  for (const error of validate.errors ?? []) {
    const issue = toIssue(error, layer)
    const id = `${issue.key}\0${issue.message}`
    if (seen.has(id)) continue
    seen.add(id)
    issues.push(issue)
  }
  return sortByPosition(issues)
}

function sortByPosition(issues: ConfigIssue[]): ConfigIssue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => (a.issue.line ?? 0) - (b.issue.line ?? 0) || (a.issue.column ?? 0) - (b.issue.column ?? 0) || a.index - b.index)
    .map((x) => x.issue)
}

function toIssue(error: ErrorObject, layer: Layer): ConfigIssue {
  const segments = pointerSegments(error.instancePath, layer.values)
  const params = error.params as Record<string, unknown>
  const data: unknown = error.data
  let at: 'key' | 'value' = 'value'
  let message: string

  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty)
      const parentKey = formatKeyPath(segments)
      segments.push(name)
      at = 'key'
      if (parentKey === 'lint.rules') {
        message = 'not a rule id; rule ids look like PM009'
      } else {
        const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {})
        const suggestion = closestName(name, allowed)
        message = `unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; allowed here: ${allowed.join(', ')}`
      }
      break
    }
    case 'type': {
      const wanted = String(params.type)
        .split(',')
        .filter((t) => t !== 'null')
      const names = describeTypes(wanted)
      const quote = wanted.includes('string') && (typeof data === 'number' || typeof data === 'boolean') ? '; put it in quotes' : ''
      message =
        segments.length === 0
          ? `the configuration must be a map of settings such as "lint:" (got ${describeValue(data)})`
          : `must be ${names} (got ${describeValue(data)}${quote})`
      break
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String).join(', ')
      // YAML 1.1 documents read a bare `off` as false.
      const quote = typeof data === 'boolean' ? '; put it in quotes' : ''
      message = `must be one of ${allowed} (got ${describeValue(data)}${quote})`
      break
    }
    case 'uniqueItems': {
      const later = Math.max(Number(params.i), Number(params.j))
      const item = Array.isArray(data) ? data[later] : undefined
      segments.push(later)
      message = `lists ${describeValue(item)} more than once`
      break
    }
    case 'minItems':
      message = 'must not be an empty list'
      break
    case 'minLength':
      message = 'must not be empty'
      break
    case 'minimum':
      message = `must be ${String(params.limit)} or more (got ${describeValue(data)})`
      break
    default:
      message = error.message ?? `fails ${error.keyword}`
  }
  return { file: layer.source, ...layer.locate(segments, at), key: formatKeyPath(segments), message }
}

// ---------------------------------------------------------------------------------------------------
// Merging and the checks the schema cannot express

type Dict = Record<string, unknown>

function isPlainObject(value: unknown): value is Dict {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

const ALIASES_PATH = ['postmortems', 'section-aliases'] as const
const HEADING_MATCHING = 'headings are matched ignoring case, punctuation and numbering'

// Compared the way the parser matches headings, so the config cannot hold two entries it would confuse.
function sameHeading(a: string, b: string): boolean {
  return sectionKey(a) === sectionKey(b)
}

/** Lists replace, maps merge; alias keys merge the way headings are matched (ignoring case and punctuation). */
function mergeLayers(layers: readonly Layer[]): Dict {
  const merged: Dict = {}
  const mergeInto = (target: Dict, source: Dict, at: readonly string[]) => {
    const isAliases = at.length === 2 && at[0] === ALIASES_PATH[0] && at[1] === ALIASES_PATH[1]
    for (const [key, value] of Object.entries(source)) {
      if (value === null && at.length === 0) continue // `lint:` left empty changes nothing
      if (isAliases) for (const existing of Object.keys(target)) if (sameHeading(existing, key)) delete target[existing]
      const existing = target[key]
      if (isPlainObject(value)) {
        const into = isPlainObject(existing) ? existing : {}
        target[key] = into
        mergeInto(into, value, [...at, key])
      } else {
        target[key] = Array.isArray(value) ? [...(value as unknown[])] : value
      }
    }
  }
  for (const layer of layers) if (isPlainObject(layer.values)) mergeInto(merged, layer.values, [])
  return merged
}

function getIn(values: unknown, segments: readonly Segment[]): unknown {
  let node = values
  for (const s of segments) {
    if (Array.isArray(node) && typeof s === 'number') node = node[s]
    else if (isPlainObject(node)) node = Object.prototype.hasOwnProperty.call(node, s) ? node[s] : undefined
    else return undefined
  }
  return node
}

/** Entries of a list are owned by whoever wrote the whole list (lists replace). */
function ownerPath(segments: readonly Segment[]): Segment[] {
  const i = segments.findIndex((s) => typeof s === 'number')
  return i === -1 ? [...segments] : segments.slice(0, i)
}

/** The merged value at a path came from the last layer that wrote it; that is where the error points. */
function issueReporter(layers: readonly Layer[], issues: ConfigIssue[]) {
  return (segments: Segment[], at: 'key' | 'value', message: string, owner = ownerPath(segments)): void => {
    const layer = [...layers].reverse().find((l) => getIn(l.values, owner) !== undefined)
    if (!layer) return
    issues.push({ file: layer.source, ...layer.locate(segments, at), key: formatKeyPath(segments), message })
  }
}

function resolveModeSections(layers: readonly Layer[], config: Config, issues: ConfigIssue[]): void {
  const merged = mergeLayers(layers)
  const report = issueReporter(layers, issues)
  const sections: string[] = []
  for (const mode of MODE_SECTIONS) {
    const section = merged[mode.key]
    if (isPlainObject(section)) sections.push(mode.key)
    const value = mode.resolve(isPlainObject(section) ? section : undefined, (segments, at, message) => report(segments, at, message), config)
    ;(config as unknown as Record<string, unknown>)[mode.key] = value
  }
  config.sections = sections
}

function resolveLint(layers: readonly Layer[], knownRules: readonly string[], issues: ConfigIssue[], defaultCacheDir?: string): Config['lint'] {
  const defaults = defaultLintConfig()
  const merged = mergeLayers(layers)
  const pm = (isPlainObject(merged.postmortems) ? merged.postmortems : {}) as NonNullable<ConfigDocument['postmortems']>
  const lint = (isPlainObject(merged.lint) ? merged.lint : {}) as NonNullable<ConfigDocument['lint']>
  const report = issueReporter(layers, issues)

  // Severity levels
  const levels = pm['severity-levels'] ?? defaults.postmortems.severityLevels
  const levelByKey = new Map<string, string>()
  levels.forEach((level, i) => {
    const key = severityKey(level)
    const where: Segment[] = ['postmortems', 'severity-levels', i]
    const same = levelByKey.get(key)
    if (key === '') report(where, 'value', `"${level}" has no letters or digits`)
    else if (same !== undefined) report(where, 'value', `"${level}" is the same level as "${same}" (case, spaces, hyphens and underscores are ignored)`)
    else levelByKey.set(key, level)
  })
  const canonicalLevels = [...levelByKey.values()]

  let linkedSeverities: string[] = []
  const linked = lint['linked-severities']
  if (linked !== undefined) {
    linked.forEach((raw, i) => {
      const level = levelByKey.get(severityKey(raw))
      if (level === undefined) {
        report(['lint', 'linked-severities', i], 'value', `"${raw}" is not one of postmortems.severity-levels (${canonicalLevels.join(', ')})`)
      } else if (!linkedSeverities.includes(level)) linkedSeverities.push(level)
    })
  } else {
    // Unset means the built-in default; with custom levels that may not exist, the most severe two stand in.
    linkedSeverities = defaults.linkedSeverities.flatMap((s) => levelByKey.get(severityKey(s)) ?? [])
    if (linkedSeverities.length === 0) linkedSeverities = canonicalLevels.slice(0, 2)
  }

  // Sections and aliases
  const sections = pm.sections ?? defaults.postmortems.sections
  const sectionByKey = new Map<string, string>()
  sections.forEach((section, i) => {
    const key = sectionKey(section)
    const where: Segment[] = ['postmortems', 'sections', i]
    const same = sectionByKey.get(key)
    if (key === '') report(where, 'value', `"${section}" has no letters or digits`)
    else if (same !== undefined) report(where, 'value', `"${section}" is the same section as "${same}" (${HEADING_MATCHING})`)
    else sectionByKey.set(key, section)
  })

  const sectionAliases: Record<string, string> = {}
  // Built-in aliases adapt to custom sections instead of failing on them: the user never wrote them.
  for (const [alias, target] of Object.entries(defaults.postmortems.sectionAliases)) {
    const section = sectionByKey.get(sectionKey(target))
    if (section !== undefined && !sectionByKey.has(sectionKey(alias))) sectionAliases[alias] = section
  }
  for (const layer of layers) {
    // Within one layer, keys the parser cannot tell apart would otherwise silently overwrite each other.
    const own = getIn(layer.values, ALIASES_PATH)
    if (!isPlainObject(own)) continue
    const firstSpelling = new Map<string, string>()
    for (const alias of Object.keys(own)) {
      const key = sectionKey(alias)
      const first = firstSpelling.get(key)
      const where = [...ALIASES_PATH, alias]
      const problem =
        key === '' ? `"${alias}" has no letters or digits` : first !== undefined ? `same heading as "${first}" (${HEADING_MATCHING})` : undefined
      if (problem === undefined) firstSpelling.set(key, alias)
      else issues.push({ file: layer.source, ...layer.locate(where, 'key'), key: formatKeyPath(where), message: problem })
    }
  }
  for (const [alias, target] of Object.entries(pm['section-aliases'] ?? {})) {
    for (const existing of Object.keys(sectionAliases)) if (sameHeading(existing, alias)) delete sectionAliases[existing]
    const where: Segment[] = [...ALIASES_PATH, alias]
    const section = sectionByKey.get(sectionKey(target))
    const itself = sectionByKey.get(sectionKey(alias))
    if (section === undefined) {
      report(where, 'value', `"${target}" is not one of postmortems.sections (${sections.join(', ')})`)
    } else if (itself !== undefined && itself !== section) {
      report(where, 'key', `"${alias}" is itself the template section "${itself}" and cannot stand for "${section}"`)
    } else sectionAliases[alias] = section
  }

  // Rules
  const rules: Record<string, RuleSetting> = {}
  for (const [id, setting] of Object.entries(lint.rules ?? {})) {
    if (knownRules.includes(id)) rules[id] = setting
    else report(['lint', 'rules', id], 'key', `unknown rule; known rules: ${knownRules.join(', ')}`)
  }

  return {
    postmortems: {
      paths: pm.paths ?? defaults.postmortems.paths,
      severityLevels: canonicalLevels,
      sections: [...sectionByKey.values()],
      sectionAliases
    },
    rules,
    linkedSeverities,
    cache: lint.cache ?? defaults.cache,
    cacheDir: lint['cache-dir'] ?? defaultCacheDir ?? defaults.cacheDir,
    concurrency: lint.concurrency ?? defaults.concurrency
  }
}
