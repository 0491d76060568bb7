// Gate 3: a change to prompts, tools or agents comes with an experiment doc whose rollback plan is real.
// Pure: the changed paths and the text of the experiment docs the change adds or modifies come in.
// Parsing and the rollback rules are the experiment model's (src/experiments/), shared with the
// `experiment` mode, so the gate and `experiment validate` never disagree.

import picomatch from 'picomatch'
import type { GateConfig } from '../config/types.js'
import { parseExperimentDoc } from '../experiments/parse.js'
import { checkRollbackPlan } from '../experiments/rollback.js'
import { cell as markdownCell, lineUrl } from '../report/job-summary.js'
import { plural } from '../report/text.js'
import type { GateAnnotation, GateLinks, GateVerdict } from './types.js'

export interface ChangedFile {
  path: string
  /** `removed` files count as changes to gated paths (deleting a prompt changes the agent) but are not docs. */
  status: 'added' | 'modified' | 'removed' | 'renamed'
}

export interface ChangedFiles {
  files: ChangedFile[]
  /** The list may be incomplete (GitHub lists at most 3000 files of a pull request). */
  truncated: boolean
}

/** An experiment doc the change adds or modifies, as read at the head. */
export type ExperimentDocInput = { path: string; content: string | Uint8Array } | { path: string; readError: string }

export interface RollbackPlanInput {
  changed: ChangedFiles
  docs: readonly ExperimentDocInput[]
  settings: GateConfig['rollbackPlan']
  /** `experiment.paths`: what counts as an experiment doc. */
  experimentGlobs: readonly string[]
  links?: GateLinks
}

/** The experiment docs a change adds or modifies (paths matching the experiment globs): the ones the gate reads. */
export function changedExperimentDocs(changed: ChangedFiles, experimentGlobs: readonly string[]): string[] {
  const isDoc = picomatch([...experimentGlobs], { dot: true })
  return changed.files.filter((f) => f.status !== 'removed' && isDoc(f.path)).map((f) => f.path)
}

const MAX_LISTED = 30

export function evaluateRollbackPlan(input: RollbackPlanInput): GateVerdict {
  const { settings, changed, links } = input
  const isGated = picomatch(settings.paths, { dot: true })
  const gated = changed.files.filter((f) => isGated(f.path))
  const globs = settings.paths.map((g) => `\`${g}\``).join(', ')
  const verdict = (conclusion: GateVerdict['conclusion'], title: string, summary: string, annotations: GateAnnotation[] = []): GateVerdict => ({
    id: 'rollback-plan',
    conclusion,
    title,
    summary,
    annotations
  })

  if (gated.length === 0) {
    if (changed.truncated) {
      return verdict(
        'failure',
        'Changed files could not all be listed',
        `This change has more files than GitHub lists (3000), and none of those listed match ${globs}; the gate cannot tell whether the rest do. Split the pull request.`
      )
    }
    return verdict('success', 'Not applicable: no prompt, tool or agent changes', `No changed file matches ${globs}, so no experiment doc is needed.`)
  }

  const link = (path: string, line: number) => (links ? `[${markdownCell(`${path}:${line}`)}](${lineUrl(links, path, line)})` : markdownCell(`${path}:${line}`))
  const gatedList = `${gated
    .slice(0, MAX_LISTED)
    .map((f) => `- \`${f.path}\`${f.status === 'removed' ? ' (removed)' : ''}`)
    .join('\n')}${gated.length > MAX_LISTED ? `\n- …and ${gated.length - MAX_LISTED} more` : ''}`
  const intro = `This change touches ${plural(gated.length, 'file')} matching ${globs}:\n\n${gatedList}`
  // Annotations on the gated files say why the gate wants a doc; removed files cannot carry one.
  const onGatedFiles = (message: string): GateAnnotation[] =>
    gated
      .filter((f) => f.status !== 'removed')
      .map((f) => ({ path: f.path, start_line: 1, end_line: 1, annotation_level: 'failure', title: 'Experiment doc with a rollback plan needed', message }))

  if (input.docs.length === 0) {
    const docs = input.experimentGlobs.map((g) => `\`${g}\``).join(', ')
    const message = `Changes to ${settings.paths.join(', ')} need an experiment doc (${input.experimentGlobs.join(', ')}) with a rollback plan (trigger, steps, owner) in the same pull request.`
    return verdict(
      'failure',
      'No experiment doc for a prompt/tool change',
      `${intro}\n\nIt must add or change an experiment doc matching ${docs} (markdown with YAML front matter: \`id\`, \`name\`, \`owner\`, \`hypothesis\`, \`metrics\`, \`rollback\`), and none was added or changed. ` +
        'Add one whose `rollback:` names a trigger (when to roll back), the steps (how) and an owner (who).',
      onGatedFiles(message)
    )
  }

  const annotations: GateAnnotation[] = []
  const rows: string[] = []
  let good = 0
  for (const input_ of input.docs) {
    const { path } = input_
    if ('readError' in input_) {
      rows.push(`| \`${markdownCell(path)}\` | ❌ cannot be read: ${markdownCell(input_.readError)} |`)
      annotations.push({ path, start_line: 1, end_line: 1, annotation_level: 'failure', title: 'Experiment doc unreadable', message: input_.readError })
      continue
    }
    const parsed = parseExperimentDoc(input_.content, path)
    if (!parsed.doc) {
      const problems = parsed.problems.length > 0 ? parsed.problems : [{ line: 1, column: 1, message: 'not an experiment doc (no front matter)' }]
      rows.push(`| \`${markdownCell(path)}\` | ❌ invalid: ${problems.map((p) => `${link(path, p.line)} ${markdownCell(p.message)}`).join('<br>')} |`)
      for (const p of problems) annotations.push({ path, start_line: p.line, end_line: p.line, annotation_level: 'failure', title: 'Invalid experiment doc', message: p.message })
      continue
    }
    const rollback = checkRollbackPlan(parsed.doc)
    if (rollback.length > 0) {
      rows.push(`| \`${markdownCell(path)}\` | ❌ rollback plan not real: ${rollback.map((p) => `${link(path, p.line)} ${markdownCell(p.message)}`).join('<br>')} |`)
      for (const p of rollback) annotations.push({ path, start_line: p.line, end_line: p.line, annotation_level: 'failure', title: 'Rollback plan not real', message: p.message })
    } else {
      good++
      const plan = parsed.doc.rollback
      rows.push(`| \`${markdownCell(path)}\` | ✅ rollback when ${markdownCell(plan.trigger)}; ${plural(plan.steps.length, 'step')}; owner ${markdownCell(plan.owner)} |`)
    }
    // Other problems (consistency of status, outcome, dates) are the experiment mode's to fail on; shown here as warnings.
    for (const p of parsed.problems) annotations.push({ path, start_line: p.line, end_line: p.line, annotation_level: 'warning', title: 'Experiment doc', message: p.message })
  }

  const bad = input.docs.length - good
  const table = `| Experiment doc | Rollback plan |\n| --- | --- |\n${rows.join('\n')}`
  if (bad === 0) {
    return verdict('success', `Rollback plan present (${plural(good, 'experiment doc')})`, `${intro}\n\nand adds or changes:\n\n${table}`, annotations)
  }
  const message = `The experiment doc${input.docs.length === 1 ? '' : 's'} changed with this file ${bad === 1 && input.docs.length === 1 ? 'has' : 'have'} no real rollback plan; see ${input.docs.map((d) => d.path).join(', ')}.`
  return verdict(
    'failure',
    `${plural(bad, 'experiment doc')} without a real rollback plan`,
    `${intro}\n\nEvery experiment doc it adds or changes must have a real rollback plan (a trigger, concrete steps and an owner; not \`TBD\`, \`N/A\`, \`none\` or \`-\`):\n\n${table}`,
    [...annotations, ...onGatedFiles(message)]
  )
}
