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
export interface ModeSection<K extends keyof Config = keyof Config> {
  key: K
  resolve: (section: Record<string, unknown> | undefined, report: ReportConfigIssue, config: Pick<Config, 'root' | 'lint'>) => Config[K]
}
