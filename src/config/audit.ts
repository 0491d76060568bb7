// `audit:` of the configuration → AuditConfig: defaults (the rubric merged with the default dimensions),
// and the checks the schema cannot express: dimension names, scores and thresholds within their scale,
// regular expressions that compile, paths inside the repository.

import { isInsideRepo } from '../util/repo-path.js'
import {
  DEFAULT_AUDIT_DIMENSIONS,
  DEFAULT_AUDIT_FIELDS,
  DEFAULT_AUDIT_OUTPUT_DIR,
  DEFAULT_AUDIT_PATHS,
  DEFAULT_AUDIT_SEED
} from './audit-schema.js'
import type { ConfigSegment, ModeSection, ReportConfigIssue } from './mode-section.js'
import type { AuditConfig, AuditDimension, AuditMatcher, AuditRule, AuditScale, AuditScorerName } from './types.js'
import { dictOrEmpty, type Dict } from '../util/dict.js'
import { errorMessage } from '../util/error-message.js'


const DIMENSION_NAME = /^[a-z][a-z0-9_]*$/

function matcherOf(raw: unknown): AuditMatcher {
  if (typeof raw === 'string') return { matches: raw, ignoreCase: true }
  const m = dictOrEmpty(raw)
  const matcher: AuditMatcher = { ignoreCase: m['ignore-case'] !== false }
  if (typeof m.matches === 'string') matcher.matches = m.matches
  if (typeof m.contains === 'string') matcher.contains = [m.contains]
  else if (Array.isArray(m.contains)) matcher.contains = m.contains.map(String)
  if ('equals' in m) matcher.equals = m.equals as AuditMatcher['equals']
  if (typeof m.exists === 'boolean') matcher.exists = m.exists
  return matcher
}

function ruleOf(raw: unknown): AuditRule {
  const r = dictOrEmpty(raw)
  const when: Record<string, AuditMatcher> = {}
  for (const [field, matcher] of Object.entries(dictOrEmpty(r.when))) when[field] = matcherOf(matcher)
  const rule: AuditRule = { match: r.match === 'none' ? 'none' : 'any', when, score: Number(r.score) }
  if (typeof r.reason === 'string') rule.reason = r.reason
  return rule
}

/** The top and bottom of a scale. */
export function scaleBounds(scale: AuditScale): { min: number; max: number; integer: boolean } {
  return scale === '1-5' ? { min: 1, max: 5, integer: true } : { min: 0, max: 1, integer: false }
}

function onScale(value: number, scale: AuditScale): boolean {
  const { min, max, integer } = scaleBounds(scale)
  return Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value))
}

function scaleText(scale: AuditScale): string {
  return scale === '1-5' ? 'a whole number from 1 to 5' : 'a number from 0 to 1'
}

function defaultDimension(name: string): AuditDimension | undefined {
  const d = (DEFAULT_AUDIT_DIMENSIONS as Record<string, Dict>)[name]
  if (d === undefined) return undefined
  return {
    name,
    description: String(d.description),
    scale: d.scale as AuditScale,
    threshold: Number(d.threshold),
    scorer: d.scorer as AuditScorerName,
    rules: (d.rules as unknown[]).map(ruleOf)
  }
}

/** The default rubric, as a fresh array each call. */
export function defaultAuditDimensions(): AuditDimension[] {
  return Object.keys(DEFAULT_AUDIT_DIMENSIONS).flatMap((name) => defaultDimension(name) ?? [])
}

/** The defaults, as a fresh object each call. */
export function defaultAuditConfig(): AuditConfig {
  return {
    paths: [...DEFAULT_AUDIT_PATHS],
    fields: { ...DEFAULT_AUDIT_FIELDS },
    sampleSize: 25,
    seed: DEFAULT_AUDIT_SEED,
    strata: { flagged: false, flaggedPattern: 'error|policy', maxPerAgentDay: 0 },
    rubric: { dimensions: defaultAuditDimensions() },
    llm: { apiKeyEnv: 'OPENAI_API_KEY', maxCalls: 100, retries: 3, timeoutSeconds: 120, concurrency: 4, includeNotes: true, otherFields: ['*'] },
    budgetChars: 24000,
    outputDir: DEFAULT_AUDIT_OUTPUT_DIR,
    maxUnscored: 0,
    maxLineBytes: 8 * 1024 * 1024
  }
}

/** The audit settings of a Config; the defaults when it was built without the section (tests, older callers). */

function compiles(pattern: string, flags: string): string | undefined {
  try {
    new RegExp(pattern, flags)
    return undefined
  } catch (error) {
    return errorMessage(error)
  }
}

function cleanPath(dir: string): string {
  return dir.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '') || '.'
}

function resolveDimension(name: string, raw: Dict, report: ReportConfigIssue): AuditDimension | undefined {
  const at: ConfigSegment[] = ['audit', 'rubric', 'dimensions', name]
  const scale = (typeof raw.scale === 'string' ? raw.scale : undefined) as AuditScale | undefined
  const builtIn = defaultDimension(name)
  // A default dimension on another scale keeps its description only: its threshold and rules were for its own scale.
  const base: AuditDimension =
    builtIn !== undefined && (scale === undefined || scale === builtIn.scale)
      ? builtIn
      : {
          name,
          description: builtIn?.description ?? name.replace(/_/g, ' '),
          scale: scale ?? '0-1',
          threshold: (scale ?? '0-1') === '1-5' ? 3 : 0.5,
          scorer: builtIn?.scorer ?? 'rules',
          rules: []
        }
  const dimension: AuditDimension = { ...base, scale: scale ?? base.scale }
  if (typeof raw.description === 'string') dimension.description = raw.description
  if (typeof raw.threshold === 'number') dimension.threshold = raw.threshold
  if (typeof raw.scorer === 'string') dimension.scorer = raw.scorer as AuditScorerName
  if (Array.isArray(raw.rules)) dimension.rules = raw.rules.map(ruleOf)
  if (typeof raw['default-score'] === 'number') dimension.defaultScore = raw['default-score']

  const s = dimension.scale
  if (!onScale(dimension.threshold, s)) {
    report(typeof raw.threshold === 'number' ? [...at, 'threshold'] : at, typeof raw.threshold === 'number' ? 'value' : 'key', `threshold ${dimension.threshold} is not on the ${s} scale; give ${scaleText(s)}`)
  }
  if (dimension.defaultScore !== undefined && !onScale(dimension.defaultScore, s)) {
    report([...at, 'default-score'], 'value', `must be ${scaleText(s)} (the ${s} scale)`)
  }
  dimension.rules.forEach((rule, i) => {
    const ruleAt: ConfigSegment[] = Array.isArray(raw.rules) ? [...at, 'rules', i] : at
    if (!onScale(rule.score, s)) {
      const own = Array.isArray(raw.rules)
      report(own ? [...ruleAt, 'score'] : at, own ? 'value' : 'key', own ? `must be ${scaleText(s)} (the ${s} scale)` : `the default rules score ${rule.score}, which is not on the ${s} scale: give this dimension rules of its own`)
    }
    for (const [field, matcher] of Object.entries(rule.when)) {
      if (matcher.matches === undefined) continue
      const problem = compiles(matcher.matches, matcher.ignoreCase ? 'i' : '')
      if (problem !== undefined) report(Array.isArray(raw.rules) ? [...ruleAt, 'when', field] : at, 'value', `not a valid regular expression: ${problem}`)
    }
  })
  if (dimension.scorer === 'rules' && dimension.rules.length === 0) {
    report(at, 'key', 'the rules scorer needs rules: add `rules`, or set `scorer: llm` or `scorer: human`')
  }
  return dimension
}

function resolveDimensions(raw: Dict, report: ReportConfigIssue): AuditDimension[] {
  const given = dictOrEmpty(raw)
  const names = [...Object.keys(DEFAULT_AUDIT_DIMENSIONS), ...Object.keys(given).filter((n) => !(n in DEFAULT_AUDIT_DIMENSIONS))]
  const dimensions: AuditDimension[] = []
  for (const name of names) {
    const own = dictOrEmpty(given[name])
    if (!DIMENSION_NAME.test(name)) {
      report(['audit', 'rubric', 'dimensions', name], 'key', 'dimension names are lower case letters, digits and `_`, starting with a letter (they become column names)')
      continue
    }
    if (own.enabled === false) continue
    const dimension = resolveDimension(name, own, report)
    if (dimension) dimensions.push(dimension)
  }
  if (dimensions.length === 0) report(['audit', 'rubric', 'dimensions'], 'key', 'every dimension is disabled: the rubric needs at least one')
  return dimensions
}

export function resolveAudit(section: Dict | undefined, report: ReportConfigIssue): AuditConfig {
  const s = section ?? {}
  const config = defaultAuditConfig()
  if (Array.isArray(s.paths)) config.paths = s.paths.map(String)
  const fields = dictOrEmpty(s.fields)
  for (const key of Object.keys(config.fields) as Array<keyof AuditConfig['fields']>) {
    if (typeof fields[key] === 'string') config.fields[key] = fields[key]
  }
  if (typeof s['sample-size'] === 'number') config.sampleSize = s['sample-size']
  if (typeof s.seed === 'string' || typeof s.seed === 'number') config.seed = String(s.seed)

  const strata = dictOrEmpty(s.strata)
  if (typeof strata.flagged === 'boolean') config.strata.flagged = strata.flagged
  if (typeof strata['flagged-pattern'] === 'string') {
    config.strata.flaggedPattern = strata['flagged-pattern']
    const problem = compiles(config.strata.flaggedPattern, 'i')
    if (problem !== undefined) report(['audit', 'strata', 'flagged-pattern'], 'value', `not a valid regular expression: ${problem}`)
  }
  if (typeof strata['max-per-agent-day'] === 'number') config.strata.maxPerAgentDay = strata['max-per-agent-day']

  const rubric = dictOrEmpty(s.rubric)
  if (typeof rubric.version === 'string') config.rubric.version = rubric.version
  config.rubric.dimensions = resolveDimensions(dictOrEmpty(rubric.dimensions), report)

  const llm = dictOrEmpty(s.llm)
  if (typeof llm['base-url'] === 'string') {
    config.llm.baseUrl = llm['base-url']
    if (!/^https?:\/\/[^/\s]+/i.test(llm['base-url'])) report(['audit', 'llm', 'base-url'], 'value', 'must be an http:// or https:// URL, e.g. https://api.openai.com/v1')
  }
  if (typeof llm.model === 'string') config.llm.model = llm.model
  if (typeof llm['api-key-env'] === 'string') config.llm.apiKeyEnv = llm['api-key-env']
  if (typeof llm['max-calls'] === 'number') config.llm.maxCalls = llm['max-calls']
  if (typeof llm.retries === 'number') config.llm.retries = llm.retries
  if (typeof llm['timeout-seconds'] === 'number') config.llm.timeoutSeconds = llm['timeout-seconds']
  if (typeof llm.concurrency === 'number') config.llm.concurrency = llm.concurrency
  if (typeof llm['include-notes'] === 'boolean') config.llm.includeNotes = llm['include-notes']
  if (Array.isArray(llm['other-fields'])) config.llm.otherFields = llm['other-fields'].map(String)

  if (typeof s['budget-chars'] === 'number') config.budgetChars = s['budget-chars']
  if (typeof s['output-dir'] === 'string') {
    config.outputDir = cleanPath(s['output-dir'])
    if (config.outputDir === '.' || !isInsideRepo(config.outputDir)) report(['audit', 'output-dir'], 'value', 'must be a directory inside the repository, relative to its root')
  }
  if (typeof s['fail-below'] === 'number') config.failBelow = s['fail-below']
  if (typeof s['max-unscored'] === 'number') config.maxUnscored = s['max-unscored']
  if (typeof s['max-line-bytes'] === 'number') config.maxLineBytes = s['max-line-bytes']
  return config
}

export const auditSection: ModeSection<'audit'> = {
  key: 'audit',
  resolve: (section, report: ReportConfigIssue) => resolveAudit(section, report)
}
