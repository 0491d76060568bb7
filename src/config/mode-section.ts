// The shape of one mode's section of `.github/reliability.yml`: what each per-mode config file (gate.ts,
// sync.ts, …) exports and mode-sections.ts lists. Apart from that list so the per-mode files import only
// this, and the list can import them without a cycle.

import type { Config } from './types.js'

export type ConfigSegment = string | number

/** Reports a semantic problem at a key (or its value) of the merged config; the loader finds file and line. */
export type ReportConfigIssue = (segments: ConfigSegment[], at: 'key' | 'value', message: string) => void

/**
 * One mode's top-level section of `.github/reliability.yml` (`gate:`, `sync:`, …). Its JSON Schema is part of
 * src/config/schema.ts; `resolve` turns the merged, schema-valid section (undefined when absent) into the
 * typed settings on Config, applying defaults and checks the schema cannot express.
 */
export interface ModeSection<K extends ModeKey = ModeKey> {
  key: K
  resolve: (section: Record<string, unknown> | undefined, report: ReportConfigIssue, config: ResolvedSoFar) => Config[K]
}

/** The keys of Config that are mode sections, each resolved (with its defaults) once by the loader. */
export type ModeKey = 'gate' | 'experiment' | 'sync' | 'audit' | 'review' | 'export' | 'publish' | 'drafts'

/** What a section's `resolve` sees: the root, the lint settings, and the sections listed before it in MODE_SECTIONS. */
export type ResolvedSoFar = Pick<Config, 'root' | 'lint'> & Partial<Pick<Config, ModeKey>>

/** A section resolved before `by` (an earlier entry of MODE_SECTIONS); throws when the list's order says otherwise. */
export function resolvedBefore<K extends ModeKey>(config: ResolvedSoFar, key: K, by: ModeKey): Config[K] {
  const value = config[key]
  if (value === undefined) throw new Error(`internal error: the ${by} section needs the ${key} section resolved before it (order of MODE_SECTIONS)`)
  return value as Config[K]
}
