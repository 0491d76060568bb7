// The model back into the front matter's own shape (kebab-case keys, in the order of the template):
// what `experiment list --format json` prints, so scripts see the same keys as the files.

import type { ExperimentFrontMatter } from './model.js'

export function frontMatterValuesOf(fm: ExperimentFrontMatter): Record<string, unknown> {
  const values: Record<string, unknown> = {
    id: fm.id,
    name: fm.name,
    owner: fm.owner,
    status: fm.status,
    change: { ...fm.change },
    hypothesis: fm.hypothesis,
    metrics: fm.metrics.map((m) => ({ ...m }))
  }
  if (fm.guardrails !== undefined) values.guardrails = fm.guardrails.map((g) => ({ ...g }))
  values.rollback = { trigger: fm.rollback.trigger, steps: [...fm.rollback.steps], owner: fm.rollback.owner }
  values.created = fm.created
  if (fm.related !== undefined) values.related = [...fm.related]
  if (fm.outcome !== undefined) values.outcome = fm.outcome
  if (fm.concluded !== undefined) values.concluded = fm.concluded
  if (fm.results !== undefined) values.results = fm.results.map((r) => ({ name: r.name, observed: r.observed, 'target-met': r.targetMet }))
  if (fm.auditPeriod !== undefined) values['audit-period'] = fm.auditPeriod
  return values
}
