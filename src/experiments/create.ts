// A new experiment doc from values: file name, front matter and body (from the template). Pure: the id,
// the date and the template's text are passed in, so the same input always gives the same file.

import { Document } from 'yaml'
import type { ExperimentChange, ExperimentGuardrail, ExperimentMetric, ExperimentStatus, RollbackPlan } from './model.js'

export interface NewExperiment {
  name: string
  owner: string
  hypothesis: string
  change: ExperimentChange
  metrics: ExperimentMetric[]
  guardrails?: ExperimentGuardrail[]
  rollback: RollbackPlan
  /** Default `proposed`. */
  status?: Extract<ExperimentStatus, 'proposed' | 'running'>
  related?: string[]
}

export interface CreateOptions {
  /** A UUID. */
  id: string
  /** Today, YYYY-MM-DD (UTC). */
  created: string
  /** Repository-relative directory the doc goes into. */
  dir: string
  /** The template file's text; its body (after the front matter) becomes the doc's body. */
  templateText?: string
}

export interface CreatedExperiment {
  /** Repository-relative: `<dir>/EXP-<created>-<slug>.md`. */
  path: string
  text: string
}

/** `Ask before retrying an empty search!` → `ask-before-retrying-an-empty-search`, at most 60 characters, cut at a word. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (slug.length <= 60) return slug
  const cut = slug.slice(0, 61)
  const lastDash = cut.lastIndexOf('-')
  return (lastDash > 20 ? cut.slice(0, lastDash) : slug.slice(0, 60)).replace(/-+$/, '')
}

export function experimentFileName(created: string, name: string, id: string): string {
  // A name of only non-Latin letters has no slug; the id's first block keeps the name unique and readable.
  const slug = slugify(name) || id.slice(0, 8).toLowerCase()
  return `EXP-${created}-${slug}.md`
}

const DEFAULT_BODY = `
# {name}

## Context

<!-- Why this experiment: the postmortem, audit finding or transcript that prompted it. -->

## Design

<!-- Arms and traffic split, how users are assigned, duration, sample size, where the numbers come from. -->

## Results

<!-- Filled in when the experiment ends: what was observed, with links. -->

## Decision

<!-- Ship, iterate, or roll back, and what follows. -->
`

/** The template's body with its first level-1 heading replaced by the experiment's name. */
export function bodyFromTemplate(templateText: string | undefined, name: string): string {
  let body = DEFAULT_BODY.replace('{name}', name)
  if (templateText !== undefined) {
    const text = templateText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
    const match = /^---\n[\s\S]*?\n(---|\.\.\.)[ \t]*(\n|$)/.exec(text)
    const rest = match ? text.slice(match[0].length) : text
    if (rest.trim() !== '') {
      let replaced = false
      body = rest.replace(/^# .*$/m, () => {
        replaced = true
        return `# ${name}`
      })
      if (!replaced) body = `\n# ${name}\n\n${rest.replace(/^\n+/, '')}`
    }
  }
  return body.startsWith('\n') ? body : `\n${body}`
}

/** The front matter in the order people read it; kebab-case keys as in the file. */
export function frontMatterOf(input: NewExperiment, options: Pick<CreateOptions, 'id' | 'created'>): Record<string, unknown> {
  const change: Record<string, unknown> = { type: input.change.type, ref: input.change.ref }
  if (input.change.description) change.description = input.change.description
  const values: Record<string, unknown> = {
    id: options.id,
    name: input.name,
    owner: input.owner,
    status: input.status ?? 'proposed',
    change,
    hypothesis: input.hypothesis,
    metrics: input.metrics.map((m) => ({ name: m.name, baseline: m.baseline, target: m.target }))
  }
  if (input.guardrails && input.guardrails.length > 0) {
    values.guardrails = input.guardrails.map((g) => ({ name: g.name, threshold: g.threshold, ...(g.source ? { source: g.source } : {}) }))
  }
  values.rollback = { trigger: input.rollback.trigger, steps: [...input.rollback.steps], owner: input.rollback.owner }
  values.created = options.created
  if (input.related && input.related.length > 0) values.related = [...input.related]
  return values
}

export function renderFrontMatter(values: unknown): string {
  return new Document(values).toString({ lineWidth: 0 })
}

export function createExperimentDoc(input: NewExperiment, options: CreateOptions): CreatedExperiment {
  const dir = options.dir.replace(/\/+$/, '')
  const file = experimentFileName(options.created, input.name, options.id)
  const path = dir === '' || dir === '.' ? file : `${dir}/${file}`
  const text = `---\n${renderFrontMatter(frontMatterOf(input, options))}---\n${bodyFromTemplate(options.templateText, input.name)}`
  return { path, text }
}
