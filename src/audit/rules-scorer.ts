// The `rules` scorer: regular expressions, keywords and field conditions over a transcript's events.
// compileRules turns the rubric into matchers once per run; each transcript then gets a fresh
// RuleScoring that sees its events one at a time (so a transcript is never held in memory) and owns all
// of its state: nothing carries over from one transcript to the next.

import type { AuditDimension, AuditFieldNames, AuditMatcher, AuditRule } from '../config/types.js'
import { fieldText, readField, resolveField, type FieldPath, type TranscriptEvent } from './fields.js'
import { failed, scored, snippet, type DimensionScore } from './scores.js'
import { scaleBounds } from './rubric.js'

interface Condition {
  field: FieldPath
  test: (value: unknown) => boolean
}

interface CompiledRule {
  rule: AuditRule
  conditions: Condition[]
  /** The field shown in the reason: the first one with a text condition, else the first. */
  shown: FieldPath
}

interface CompiledDimension {
  dimension: AuditDimension
  rules: CompiledRule[]
}

function condition(field: FieldPath, matcher: AuditMatcher): Condition {
  const tests: Array<(value: unknown) => boolean> = []
  if (matcher.exists !== undefined) {
    const want = matcher.exists
    tests.push((value) => (value !== undefined && value !== null) === want)
  }
  if (matcher.equals !== undefined) {
    const want = matcher.equals
    const wantText = typeof want === 'string' && matcher.ignoreCase ? want.toLowerCase() : want
    tests.push((value) => {
      if (typeof value === 'string' && typeof wantText === 'string') return (matcher.ignoreCase ? value.toLowerCase() : value) === wantText
      return value === want
    })
  }
  if (matcher.matches !== undefined) {
    const re = new RegExp(matcher.matches, matcher.ignoreCase ? 'i' : '')
    tests.push((value) => {
      const text = fieldText(value)
      return text !== undefined && re.test(text)
    })
  }
  if (matcher.contains !== undefined) {
    const words = matcher.ignoreCase ? matcher.contains.map((w) => w.toLowerCase()) : matcher.contains
    tests.push((value) => {
      const raw = fieldText(value)
      if (raw === undefined) return false
      const text = matcher.ignoreCase ? raw.toLowerCase() : raw
      return words.some((w) => text.includes(w))
    })
  }
  return { field, test: (value) => tests.every((t) => t(value)) }
}

export interface RuleScorer {
  /** The dimensions it scores. */
  dimensions: readonly AuditDimension[]
  /** A fresh, independent scoring for one transcript. */
  start(): RuleScoring
}

export interface RuleScoring {
  accept(event: TranscriptEvent): void
  /** Scores of every dimension. `readable` false: the transcript could not be read through, so no score. */
  finish(options?: { unreadable?: string }): Record<string, DimensionScore>
}

export function compileRules(dimensions: readonly AuditDimension[], fields: AuditFieldNames): RuleScorer {
  const compiled: CompiledDimension[] = dimensions.map((dimension) => ({
    dimension,
    rules: dimension.rules.map((rule) => {
      const conditions = Object.entries(rule.when).map(([name, matcher]) => condition(resolveField(name, fields), matcher))
      const textual = Object.entries(rule.when).find(([, m]) => m.matches !== undefined || m.contains !== undefined)
      const shown = resolveField(textual?.[0] ?? Object.keys(rule.when)[0] ?? '', fields)
      return { rule, conditions, shown }
    })
  }))
  return { dimensions, start: () => startScoring(compiled) }
}

interface Hit {
  line: number
  value: unknown
}

function describeRule(rule: AuditRule): string {
  const parts = Object.entries(rule.when).map(([field, m]) => {
    const bits: string[] = []
    if (m.matches !== undefined) bits.push(`matches /${m.matches}/`)
    if (m.contains !== undefined) bits.push(`contains ${m.contains.map((w) => JSON.stringify(w)).join(' or ')}`)
    if (m.equals !== undefined) bits.push(`is ${JSON.stringify(m.equals)}`)
    if (m.exists !== undefined) bits.push(m.exists ? 'is present' : 'is absent')
    return `${field} ${bits.join(' and ')}`
  })
  return rule.match === 'none' ? `no event where ${parts.join(', ')}` : `an event where ${parts.join(', ')}`
}

function startScoring(compiled: readonly CompiledDimension[]): RuleScoring {
  // Per rule: its first hit and how many events met it. Owned by this transcript alone.
  const firstHit = compiled.map((d) => d.rules.map((): Hit | undefined => undefined))
  const hitCount = compiled.map((d) => d.rules.map(() => 0))
  let events = 0

  return {
    accept(event) {
      events++
      compiled.forEach((d, di) => {
        d.rules.forEach((r, ri) => {
          if (!r.conditions.every((c) => c.test(readField(event.data, c.field)))) return
          const counts = hitCount[di] as number[]
          counts[ri] = (counts[ri] ?? 0) + 1
          const hits = firstHit[di] as Array<Hit | undefined>
          if (hits[ri] === undefined) hits[ri] = { line: event.line, value: readField(event.data, r.shown) }
        })
      })
    },
    finish(options = {}) {
      const out: Record<string, DimensionScore> = {}
      compiled.forEach((d, di) => {
        const { dimension } = d
        if (options.unreadable !== undefined) {
          out[dimension.name] = failed(`not scored: ${options.unreadable}`, false)
          return
        }
        if (events === 0) {
          out[dimension.name] = failed('not scored: the transcript has no readable events', false)
          return
        }
        let decided: { rule: CompiledRule; hit?: Hit; count: number } | undefined
        let applied = 0
        d.rules.forEach((r, ri) => {
          const count = hitCount[di]?.[ri] ?? 0
          const applies = r.rule.match === 'none' ? count === 0 : count > 0
          if (!applies) return
          applied++
          if (decided === undefined || r.rule.score < decided.rule.rule.score) {
            const hit = firstHit[di]?.[ri]
            decided = hit === undefined ? { rule: r, count } : { rule: r, hit, count }
          }
        })
        if (decided === undefined) {
          const top = dimension.defaultScore ?? scaleBounds(dimension.scale).max
          out[dimension.name] = scored(top, `no rule applies (${events} ${events === 1 ? 'event' : 'events'} read)`)
          return
        }
        const { rule, hit, count } = decided
        let reason = rule.rule.reason ?? describeRule(rule.rule)
        if (hit !== undefined) {
          const text = fieldText(hit.value)
          const more = count > 1 ? ` and ${count - 1} more ${count === 2 ? 'event' : 'events'}` : ''
          reason += ` (line ${hit.line}${more}${text === undefined ? '' : `: ${rule.shown.name} ${snippet(text)}`})`
        }
        if (applied > 1) reason += ` [${applied - 1} more ${applied === 2 ? 'rule applies' : 'rules apply'}]`
        out[dimension.name] = scored(rule.rule.score, reason)
      })
      return out
    }
  }
}
