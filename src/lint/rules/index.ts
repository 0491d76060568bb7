import type { Rule } from '../types.js'
import { readableFileRule } from './PM000-readable.js'
import { titleRule } from './PM001-title.js'
import { requiredMetadataRule } from './PM002-required-metadata.js'
import { metadataValuesRule } from './PM003-metadata-values.js'
import { requiredSectionsRule } from './PM004-required-sections.js'
import { sectionOrderRule } from './PM005-section-order.js'
import { severeLinksRule } from './PM006-severe-links.js'
import { actionItemFormatRule } from './PM007-action-item-format.js'
import { severeHasActionsRule } from './PM008-severe-has-actions.js'
import { placeholdersRule } from './PM009-placeholders.js'
import { timelineOrderRule } from './PM010-timeline-order.js'
import { uniqueIdRule } from './PM011-unique-id.js'

/** Every rule, in id order. Ids are stable: a retired rule's id is never reused. */
export const RULES: readonly Rule[] = Object.freeze([
  readableFileRule,
  titleRule,
  requiredMetadataRule,
  metadataValuesRule,
  requiredSectionsRule,
  sectionOrderRule,
  severeLinksRule,
  actionItemFormatRule,
  severeHasActionsRule,
  placeholdersRule,
  timelineOrderRule,
  uniqueIdRule
])

/**
 * The rules a config may set under `lint.rules` (the schema's properties and the loader's known ids are
 * made from this list): all but PM000, since a file that cannot be read must never pass silently.
 */
export const CONFIGURABLE_RULES: readonly Rule[] = Object.freeze(RULES.filter((rule) => rule !== readableFileRule))

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]))

/** The rule with this id (`PM004`, case-insensitive), or undefined. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id.trim().toUpperCase())
}
