import type { ModeSection } from './mode-section.js'
import { gateSection } from './gate.js'
import { experimentSection } from './experiment.js'
import { syncSection } from './sync.js'
import { auditSection } from './audit.js'
import { reviewSection } from './review.js'
import { exportSection } from './export.js'
import { publishSection } from './publish.js'
import { postmortemSection } from './postmortem.js'

// The section types live in mode-section.ts (the per-mode files import them from there, not from this list).
export type { ConfigSegment, ModeSection, ReportConfigIssue } from './mode-section.js'

/** Every mode that has settings: one line each. */
export const MODE_SECTIONS: readonly ModeSection[] = [
  gateSection,
  experimentSection,
  syncSection,
  auditSection,
  reviewSection,
  exportSection,
  publishSection,
  postmortemSection
]
