import type { Config } from './types.js'
import { gateSection } from './gate.js'
import { experimentSection } from './experiment.js'
import { syncSection } from './sync.js'
import { auditSection } from './audit.js'
import { reviewSection } from './review.js'
import { publishSection } from './publish.js'

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

/** Every mode that has settings: one line each. */
export const MODE_SECTIONS: readonly ModeSection[] = [
  gateSection,
  experimentSection,
  syncSection,
  auditSection,
  reviewSection,
  publishSection
]
