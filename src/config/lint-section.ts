// The `postmortems:` and `lint:` sections → Config['lint']: severity levels, sections and their aliases,
// rule settings and the cache, with the checks the schema cannot express (duplicate spellings, aliases
// of sections that do not exist, unknown rules), each reported at the key that is wrong.

import type { RuleSetting } from '../lint/types.js'
import { sectionKey } from '../postmortem/sections.js'
import { severityKey } from '../postmortem/severity.js'
import { formatKeyPath } from '../util/key-path.js'
import { defaultLintConfig } from './defaults.js'
import type { ConfigIssue } from './errors.js'
import { isDict } from '../util/dict.js'
import { ALIASES_PATH, HEADING_MATCHING, getIn, issueReporter, mergeLayers, sameHeading } from './layers.js'
import type { ConfigDocument } from './schema.js'
import type { Config } from './types.js'
import type { Layer, Segment } from './yaml-source.js'

export function resolveLint(layers: readonly Layer[], knownRules: readonly string[], issues: ConfigIssue[], defaultCacheDir?: string): Config['lint'] {
  const defaults = defaultLintConfig()
  const merged = mergeLayers(layers)
  const pm = (isDict(merged.postmortems) ? merged.postmortems : {}) as NonNullable<ConfigDocument['postmortems']>
  const lint = (isDict(merged.lint) ? merged.lint : {}) as NonNullable<ConfigDocument['lint']>
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
    if (!isDict(own)) continue
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
