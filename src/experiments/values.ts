// Turning what people type (`--metric success:0.78:0.8`, `--result success:0.81`) into metric values,
// and deciding whether an observed value met its target.

import type { ExperimentMetric, MetricValue } from './model.js'

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/

/** `0.82` → 0.82; anything that is not a plain number (`< 2%`, `4.1 s`) stays text. */
export function metricValueOf(text: string): MetricValue {
  const trimmed = text.trim()
  return NUMBER.test(trimmed) ? Number(trimmed) : trimmed
}

/** `name:baseline:target`. The name may not contain `:`; the target may (`p95:4.1:<= 3`). */
export function parseMetricSpec(spec: string): ExperimentMetric | { error: string } {
  const [name, baseline, ...rest] = spec.split(':')
  const target = rest.join(':')
  if (!name?.trim() || !baseline?.trim() || !target.trim()) return { error: `"${spec}" is not name:baseline:target (e.g. task_success_rate:0.78:0.82)` }
  return { name: name.trim(), baseline: metricValueOf(baseline), target: metricValueOf(target) }
}

/** `name:threshold`, e.g. `audit:tone:>= 0.9` is name `audit:tone`: the threshold is after the LAST colon. */
export function parseGuardrailSpec(spec: string): { name: string; threshold: MetricValue } | { error: string } {
  const at = spec.lastIndexOf(':')
  const name = spec.slice(0, Math.max(at, 0)).trim()
  const threshold = spec.slice(at + 1).trim()
  if (at < 0 || !name || !threshold) return { error: `"${spec}" is not name:threshold (e.g. audit:tone:>=0.9)` }
  return { name, threshold: metricValueOf(threshold) }
}

export interface ResultSpec {
  name: string
  observed: MetricValue
  /** Undefined when not said: then it is worked out from baseline and target, if it can be. */
  targetMet?: boolean
}

const MET = new Set(['met', 'yes', 'y', 'true', 'hit'])
const MISSED = new Set(['missed', 'no', 'n', 'false', 'miss'])

/** `name:observed` or `name:observed:met|missed`. */
export function parseResultSpec(spec: string): ResultSpec | { error: string } {
  const parts = spec.split(':')
  const last = parts[parts.length - 1]?.trim().toLowerCase() ?? ''
  let targetMet: boolean | undefined
  if (parts.length >= 3 && (MET.has(last) || MISSED.has(last))) {
    targetMet = MET.has(last)
    parts.pop()
  }
  const [name, ...observedParts] = parts
  const observed = observedParts.join(':')
  if (!name?.trim() || !observed.trim()) return { error: `"${spec}" is not name:observed or name:observed:met|missed (e.g. task_success_rate:0.81)` }
  return { name: name.trim(), observed: metricValueOf(observed), ...(targetMet === undefined ? {} : { targetMet }) }
}

export function parseTargetMetAnswer(text: string): boolean | undefined {
  const answer = text.trim().toLowerCase()
  if (MET.has(answer)) return true
  if (MISSED.has(answer)) return false
  return undefined
}

/** `>= 0.9`, `< 2%`, `<=12 s` → comparator and number; undefined for anything else. */
function comparison(value: MetricValue): { op: string; limit: number } | undefined {
  if (typeof value === 'number') return undefined
  const match = /^\s*(>=|<=|>|<|=|≥|≤)\s*([-+]?(\d+(\.\d*)?|\.\d+))\s*%?\s*[\p{L}]*\s*$/u.exec(value)
  if (!match) return undefined
  const op = match[1] === '≥' ? '>=' : match[1] === '≤' ? '<=' : (match[1] as string)
  return { op, limit: Number(match[2]) }
}

function numberOf(value: MetricValue): number | undefined {
  if (typeof value === 'number') return value
  const match = /^\s*([-+]?(\d+(\.\d*)?|\.\d+))\s*%?\s*[\p{L}]*\s*$/u.exec(value)
  return match ? Number(match[1]) : undefined
}

/**
 * Whether `observed` met the metric's target, when that can be told without asking: a target written as a
 * comparison (`>= 0.9`, `< 2%`), or numbers where the target differs from the baseline (the direction of
 * improvement is from baseline towards target). Undefined when it cannot be told (e.g. target equals baseline).
 */
export function targetMetOf(metric: ExperimentMetric, observed: MetricValue): boolean | undefined {
  const value = numberOf(observed)
  if (value === undefined) return undefined
  const compare = comparison(metric.target)
  if (compare) {
    switch (compare.op) {
      case '>=':
        return value >= compare.limit
      case '>':
        return value > compare.limit
      case '<=':
        return value <= compare.limit
      case '<':
        return value < compare.limit
      default:
        return value === compare.limit
    }
  }
  const target = numberOf(metric.target)
  const baseline = numberOf(metric.baseline)
  if (target === undefined || baseline === undefined || target === baseline) return undefined
  return target > baseline ? value >= target : value <= target
}
