// `reliability-loop experiment new`: a new experiment doc from flags, asking on a terminal for what the
// flags leave out, checked against the schema and the rollback rules before it is written.

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createExperimentDoc, type NewExperiment } from '../experiments/create.js'
import { frontMatterValuesOf } from '../experiments/front-matter-values.js'
import { CHANGE_TYPES, type ChangeType, type ExperimentGuardrail, type ExperimentMetric } from '../experiments/model.js'
import { isPlaceholder } from '../experiments/rollback.js'
import { validateExperimentDoc } from '../experiments/validate.js'
import { parseGuardrailSpec, parseMetricSpec } from '../experiments/values.js'
import { createFileAtomic, FileExistsError } from '../io/atomic-write.js'
import { EXIT, UsageError, type ExitCode } from './errors.js'
import { todayOf, type ExperimentCliContext } from './experiment-context.js'
import { closedAsUsage, type Prompter } from './prompt.js'
import { errorMessage } from '../util/error-message.js'

export interface NewOptions {
  name?: string
  owner?: string
  hypothesis?: string
  changeType?: string
  changeRef?: string
  changeDescription?: string
  metric?: string[]
  guardrail?: string[]
  rollbackTrigger?: string
  rollbackStep?: string[]
  rollbackOwner?: string
  status?: 'proposed' | 'running'
  related?: string[]
  slug?: string
  dryRun?: boolean
  format: 'text' | 'json'
}

/** The flag that sets each front-matter key, for errors about a value the user gave. */
const FLAG_OF_KEY: Record<string, string> = {
  name: '--name',
  owner: '--owner',
  hypothesis: '--hypothesis',
  'change.type': '--change-type',
  'change.ref': '--change-ref',
  'change.description': '--change-description',
  metrics: '--metric',
  guardrails: '--guardrail',
  'rollback.trigger': '--rollback-trigger',
  'rollback.steps': '--rollback-step',
  'rollback.owner': '--rollback-owner',
  related: '--related'
}

function flagOf(key: string | undefined): string | undefined {
  if (key === undefined) return undefined
  for (let k = key.replace(/\[\d+\].*$/, ''); k !== ''; k = k.replace(/\.?[^.]*$/, '')) {
    const flag = FLAG_OF_KEY[k]
    if (flag) return flag
  }
  return undefined
}

function parseSpecs<T>(specs: readonly string[] | undefined, flag: string, parse: (spec: string) => T | { error: string }): T[] {
  return (specs ?? []).map((spec) => {
    const parsed = parse(spec)
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) throw new UsageError(`${flag}: ${parsed.error}`)
    return parsed as T
  })
}

function changeTypeOf(value: string, flag: string): ChangeType {
  const type = value.trim().toLowerCase()
  if (!(CHANGE_TYPES as readonly string[]).includes(type)) throw new UsageError(`${flag}: must be one of ${CHANGE_TYPES.join(', ')} (got "${value}")`)
  return type as ChangeType
}

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== ''

/** Asks until the answer is acceptable; `check` returns why it is not. */
async function askUntil(prompter: Prompter, question: string, check: (answer: string) => string | undefined, fallback?: string): Promise<string> {
  for (;;) {
    const answer = await prompter.ask(question, fallback === undefined ? {} : { fallback })
    const problem = check(answer)
    if (problem === undefined) return answer
    prompter.say(`  ${problem}\n`)
  }
}

const required = (what: string) => (answer: string) => (answer === '' ? `${what} is required` : undefined)
const realValue = (what: string) => (answer: string) => (isPlaceholder(answer) ? `${what} must be real, not "${answer}" (TBD, N/A, none and the like are rejected)` : undefined)

/** Asks for list items until an empty answer; at least one. */
async function askList<T>(prompter: Prompter, question: string, parse: (answer: string) => { value: T } | { error: string }): Promise<T[]> {
  const items: T[] = []
  for (;;) {
    const answer = await prompter.ask(`${question}${items.length > 0 ? ' (empty to finish)' : ''}`)
    if (answer === '') {
      if (items.length > 0) return items
      prompter.say('  at least one is required\n')
      continue
    }
    const parsed = parse(answer)
    if ('error' in parsed) prompter.say(`  ${parsed.error}\n`)
    else items.push(parsed.value)
  }
}

/** The values, from flags; asks for missing ones on a terminal; a usage error naming the flags otherwise. */
async function gather(options: NewOptions, prompter: Prompter | undefined): Promise<NewExperiment> {
  const metrics = parseSpecs<ExperimentMetric>(options.metric, '--metric', parseMetricSpec)
  const guardrails = parseSpecs<ExperimentGuardrail>(options.guardrail, '--guardrail', parseGuardrailSpec)
  const steps = (options.rollbackStep ?? []).map((s) => s.trim()).filter((s) => s !== '')
  let changeType = present(options.changeType) ? changeTypeOf(options.changeType, '--change-type') : undefined

  const missing: string[] = []
  if (!present(options.name)) missing.push('--name <name>')
  if (!present(options.owner)) missing.push('--owner <owner>')
  if (!present(options.hypothesis)) missing.push('--hypothesis <text>')
  if (changeType === undefined) missing.push(`--change-type <${CHANGE_TYPES.join('|')}>`)
  if (!present(options.changeRef)) missing.push('--change-ref <ref>')
  if (metrics.length === 0) missing.push('--metric <name:baseline:target>')
  if (!present(options.rollbackTrigger)) missing.push('--rollback-trigger <text>')
  if (steps.length === 0) missing.push('--rollback-step <text>')
  if (missing.length > 0 && prompter === undefined) {
    throw new UsageError(
      `missing ${missing.join(', ')} (stdin is not a terminal, so nothing can be asked)`,
      'pass every value as a flag, e.g. reliability-loop experiment new --name "Ask before retrying" --owner @you --hypothesis "…" ' +
        '--change-type prompt --change-ref "agent prompt v43" --metric task_success:0.78:0.82 ' +
        '--rollback-trigger "task_success below 0.74 for 2 hours" --rollback-step "pin the prompt to v42 and deploy"'
    )
  }

  const ask = prompter as Prompter
  const name = present(options.name) ? options.name.trim() : await askUntil(ask, 'Name', required('a name'))
  const owner = present(options.owner) ? options.owner.trim() : await askUntil(ask, 'Owner (@handle or team)', required('an owner'))
  const hypothesis = present(options.hypothesis) ? options.hypothesis.trim() : await askUntil(ask, 'Hypothesis', required('a hypothesis'))
  if (changeType === undefined) {
    const answer = await askUntil(ask, `Change type (${CHANGE_TYPES.join(', ')})`, (a) =>
      (CHANGE_TYPES as readonly string[]).includes(a.toLowerCase()) ? undefined : `one of ${CHANGE_TYPES.join(', ')}`
    )
    changeType = answer.toLowerCase() as ChangeType
  }
  const changeRef = present(options.changeRef) ? options.changeRef.trim() : await askUntil(ask, 'Change reference (prompt version, commit, PR, model id)', required('a reference'))
  if (metrics.length === 0) {
    metrics.push(
      ...(await askList(ask, 'Metric as name:baseline:target', (answer) => {
        const parsed = parseMetricSpec(answer)
        return 'error' in parsed ? parsed : { value: parsed }
      }))
    )
  }
  const trigger = present(options.rollbackTrigger)
    ? options.rollbackTrigger.trim()
    : await askUntil(ask, 'Rollback trigger (what makes you roll back)', (a) => required('a trigger')(a) ?? realValue('the trigger')(a))
  if (steps.length === 0) {
    steps.push(...(await askList<string>(ask, 'Rollback step', (answer) => (isPlaceholder(answer) ? { error: `a step must be real, not "${answer}"` } : { value: answer }))))
  }
  const rollbackOwner = present(options.rollbackOwner) ? options.rollbackOwner.trim() : owner

  const input: NewExperiment = {
    name,
    owner,
    hypothesis,
    change: { type: changeType, ref: changeRef, ...(present(options.changeDescription) ? { description: options.changeDescription.trim() } : {}) },
    metrics,
    rollback: { trigger, steps, owner: rollbackOwner }
  }
  if (guardrails.length > 0) input.guardrails = guardrails
  if (options.status) input.status = options.status
  const related = (options.related ?? []).map((r) => r.trim()).filter((r) => r !== '')
  if (related.length > 0) input.related = related
  return input
}

async function readTemplate(ctx: ExperimentCliContext): Promise<string | undefined> {
  try {
    return await readFile(path.join(ctx.root, ctx.settings.template), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    throw new UsageError(`cannot read the template ${ctx.settings.template}: ${errorMessage(error)}`, 'fix or remove experiment.template in the config')
  }
}

export async function experimentNewCommand(options: NewOptions, ctx: ExperimentCliContext): Promise<ExitCode> {
  const { io } = ctx
  let input: NewExperiment
  try {
    input = await gather(options, ctx.prompter)
  } catch (error) {
    throw closedAsUsage(error)
  } finally {
    ctx.prompter?.close()
  }

  const id = ctx.randomUUID()
  const created = todayOf(ctx.now)
  const templateText = await readTemplate(ctx)
  let { path: docPath, text } = createExperimentDoc(input, { id, created, dir: ctx.settings.dir, ...(templateText === undefined ? {} : { templateText }) })
  if (present(options.slug)) {
    const slug = options.slug.trim()
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) throw new UsageError(`--slug: use lower-case letters, digits and single hyphens (got "${slug}")`)
    docPath = `${path.posix.dirname(docPath)}/EXP-${created}-${slug}.md`.replace(/^\.\//, '')
  }

  // The doc must pass the same checks as every other experiment doc before it is written.
  const { doc, problems } = validateExperimentDoc(text, docPath)
  if (!doc || problems.length > 0) {
    const lines = problems.map((p) => `  ${flagOf(p.key) ?? p.key ?? 'front matter'}: ${p.message}`)
    throw new UsageError(`the experiment doc would not be valid:\n${lines.join('\n')}`, 'fix the values above and run the command again')
  }

  if (options.dryRun) {
    io.stdout(options.format === 'json' ? `${JSON.stringify({ path: docPath, written: false, ...frontMatterValuesOf(doc), text })}\n` : text)
    return EXIT.OK
  }
  try {
    await createFileAtomic(path.join(ctx.root, docPath), text)
  } catch (error) {
    if (error instanceof FileExistsError) {
      throw new UsageError(`${docPath} already exists; experiment new never overwrites a doc`, 'choose another --name, or pass --slug <slug> for a different file name')
    }
    throw error
  }
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify({ path: docPath, written: true, ...frontMatterValuesOf(doc) })}\n`)
  } else {
    io.stdout(`Created ${docPath}\n  id: ${id}\n`)
    io.stderr(`next: describe the context and design in the doc, then "reliability-loop experiment validate ${docPath}"\n`)
  }
  return EXIT.OK
}
