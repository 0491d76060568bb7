// Whether a change makes the drills expected: `gate.drills.paths`, or the path filters of the drill
// workflow's pull_request trigger (read from the base branch). A workflow skipped by its path filters
// never runs, so without this the gate would wait for it and then fail a documentation-only change.
// Pure: the workflow file's text comes in.

import picomatch from 'picomatch'
import { parse } from 'yaml'
import type { ChangedFiles } from './rollback-plan.js'
import { asDict } from '../util/dict.js'

export interface PathFilter {
  /** GitHub's `paths` (run when a file matches) or `paths-ignore` (run unless every file matches). */
  kind: 'paths' | 'paths-ignore'
  patterns: string[]
}


/**
 * The path filter of a workflow's `pull_request` (or `pull_request_target`) trigger; undefined when the
 * workflow has none, does not parse, or does not run on pull requests at all (then nothing can be inferred).
 */
export function workflowPathFilter(workflowText: string): PathFilter | undefined {
  let doc: unknown
  try {
    doc = parse(workflowText)
  } catch {
    return undefined
  }
  const on = asDict(doc)?.on
  const trigger = asDict(on)?.pull_request ?? asDict(on)?.pull_request_target
  const config = asDict(trigger)
  if (!config) return undefined
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : undefined)
  const paths = list(config.paths)
  if (paths) return { kind: 'paths', patterns: paths }
  const ignore = list(config['paths-ignore'])
  if (ignore) return { kind: 'paths-ignore', patterns: ignore }
  return undefined
}

/** GitHub's reading of a pattern list: in order, `!pattern` excludes again what an earlier pattern included. */
function matchesList(patterns: readonly string[]): (path: string) => boolean {
  const compiled = patterns.map((p) => (p.startsWith('!') ? { negated: true, test: picomatch(p.slice(1), { dot: true }) } : { negated: false, test: picomatch(p, { dot: true }) }))
  return (path) => {
    let included = false
    for (const c of compiled) if (c.test(path)) included = !c.negated
    return included
  }
}

export function filterExpectsRun(filter: PathFilter, changed: ChangedFiles): boolean {
  if (changed.truncated || changed.files.length === 0) return true
  const matches = matchesList(filter.patterns)
  return filter.kind === 'paths' ? changed.files.some((f) => matches(f.path)) : !changed.files.every((f) => matches(f.path))
}

export function describeFilter(filter: PathFilter): string {
  return `${filter.kind}: ${filter.patterns.map((p) => `\`${p}\``).join(', ')}`
}
