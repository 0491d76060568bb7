// `reliability-loop experiment conclude <id>`: records the outcome, the result per metric and the audit
// period in the experiment's doc, and moves it to status concluded or rolled-back.

import path from 'node:path'
import { concludeExperimentText, conclusionRefusal, statusAfter, type Conclusion } from '../experiments/conclude.js'
import { discoverExperiments } from '../experiments/discover.js'
import { decodeDoc } from '../experiments/front-matter.js'
import { frontMatterValuesOf } from '../experiments/front-matter-values.js'
import { EXPERIMENT_OUTCOMES, isFinished, type ExperimentDoc, type ExperimentMetric, type ExperimentOutcome, type ExperimentResult } from '../experiments/model.js'
import { validateExperimentDoc } from '../experiments/validate.js'
import { metricValueOf, parseResultSpec, parseTargetMetAnswer, targetMetOf, type ResultSpec } from '../experiments/values.js'
import { replaceFileAtomic } from '../io/atomic-write.js'
import { findExperiment } from '../modes/experiment.js'
import { plural } from '../report/text.js'
import { EXIT, UsageError, type ExitCode } from './errors.js'
import { todayOf, type ExperimentCliContext } from './experiment-context.js'
import { closedAsUsage, type Prompter } from './prompt.js'

export interface ConcludeOptions {
  outcome?: string
  result?: string[]
  auditPeriod?: string
  date?: string
  force?: boolean
  format: 'text' | 'json'
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

async function findDoc(query: string, ctx: ExperimentCliContext): Promise<ExperimentDoc> {
  const experiments = await discoverExperiments(ctx.files, ctx.settings.paths)
  // A path given relative to the current directory is matched as a repository path.
  const asPath = path.relative(ctx.root, path.resolve(ctx.io.cwd, query)).split(path.sep).join('/')
  let lookup = findExperiment(experiments, query)
  if ('error' in lookup && lookup.error === 'none') lookup = findExperiment(experiments, asPath)
  if ('found' in lookup) return lookup.found.doc
  const listHint = 'run "reliability-loop experiment list" to see the ids'
  switch (lookup.error) {
    case 'ambiguous':
      throw new UsageError(
        `"${query}" matches ${plural(lookup.candidates.length, 'experiment')}: ${lookup.candidates.map((c) => `${c.doc?.id ?? '?'} (${c.path})`).join(', ')}`,
        'give more characters of the id'
      )
    case 'invalid':
      throw new UsageError(`${lookup.candidates[0]?.path ?? query} is not a valid experiment doc`, `run "reliability-loop experiment validate ${lookup.candidates[0]?.path ?? ''}" and fix it first`)
    default:
      throw new UsageError(`no experiment has the id "${query}" (searched ${plural(experiments.length, 'doc')} matching ${ctx.settings.paths.join(', ')})`, listHint)
  }
}

function outcomeOf(value: string): ExperimentOutcome | undefined {
  const outcome = value.trim().toLowerCase()
  return (EXPERIMENT_OUTCOMES as readonly string[]).includes(outcome) ? (outcome as ExperimentOutcome) : undefined
}

function describeTarget(metric: ExperimentMetric): string {
  return `baseline ${metric.baseline}, target ${metric.target}`
}

async function gatherResults(doc: ExperimentDoc, specs: ResultSpec[], prompter: Prompter | undefined): Promise<ExperimentResult[]> {
  const byName = new Map(doc.metrics.map((m) => [m.name, m]))
  const given = new Map<string, ResultSpec>()
  for (const spec of specs) {
    if (!byName.has(spec.name)) {
      throw new UsageError(`--result ${spec.name}: not a metric of this experiment; its metrics are ${doc.metrics.map((m) => m.name).join(', ')}`)
    }
    if (given.has(spec.name)) throw new UsageError(`--result ${spec.name} is given more than once`)
    given.set(spec.name, spec)
  }

  const missing = doc.metrics.filter((m) => !given.has(m.name))
  if (missing.length > 0 && prompter === undefined) {
    throw new UsageError(
      `missing ${missing.map((m) => `--result ${m.name}:<observed>`).join(', ')} (stdin is not a terminal, so nothing can be asked)`,
      'record one result per metric: --result <metric>:<observed>, adding :met or :missed when the target is not a number'
    )
  }

  const results: ExperimentResult[] = []
  const undecided: string[] = []
  for (const metric of doc.metrics) {
    let spec = given.get(metric.name)
    if (spec === undefined) {
      const answer = await (prompter as Prompter).ask(`Observed ${metric.name} (${describeTarget(metric)})`)
      spec = { name: metric.name, observed: metricValueOf(answer === '' ? 'n/a' : answer) }
    }
    let targetMet = spec.targetMet ?? targetMetOf(metric, spec.observed)
    if (targetMet === undefined && prompter !== undefined) {
      for (;;) {
        targetMet = parseTargetMetAnswer(await prompter.ask(`Did ${metric.name} = ${spec.observed} meet its target ${metric.target}? (met/missed)`))
        if (targetMet !== undefined) break
        prompter.say('  answer met or missed\n')
      }
    }
    if (targetMet === undefined) {
      undecided.push(`${metric.name} (${describeTarget(metric)}, observed ${spec.observed})`)
      continue
    }
    results.push({ name: metric.name, observed: spec.observed, targetMet })
  }
  if (undecided.length > 0) {
    throw new UsageError(
      `cannot tell whether ${undecided.join('; ')} met the target`,
      'add :met or :missed to the --result, e.g. --result task_success_rate:0.79:met'
    )
  }
  return results
}

async function gatherOutcome(options: ConcludeOptions, prompter: Prompter | undefined): Promise<ExperimentOutcome> {
  if (options.outcome !== undefined) {
    const outcome = outcomeOf(options.outcome)
    if (outcome === undefined) throw new UsageError(`--outcome must be one of ${EXPERIMENT_OUTCOMES.join(', ')} (got "${options.outcome}")`)
    return outcome
  }
  if (prompter === undefined) {
    throw new UsageError(`missing --outcome <${EXPERIMENT_OUTCOMES.join('|')}> (stdin is not a terminal, so nothing can be asked)`)
  }
  for (;;) {
    const outcome = outcomeOf(await prompter.ask(`Outcome (${EXPERIMENT_OUTCOMES.join(', ')})`))
    if (outcome !== undefined) return outcome
    prompter.say(`  one of ${EXPERIMENT_OUTCOMES.join(', ')}\n`)
  }
}

export async function experimentConcludeCommand(query: string, options: ConcludeOptions, ctx: ExperimentCliContext): Promise<ExitCode> {
  const { io } = ctx
  if (options.date !== undefined && !DATE.test(options.date)) throw new UsageError(`--date must be YYYY-MM-DD (got "${options.date}")`)
  if (options.auditPeriod !== undefined && !MONTH.test(options.auditPeriod)) throw new UsageError(`--audit-period must be YYYY-MM (got "${options.auditPeriod}")`)
  const specs = (options.result ?? []).map((spec) => {
    const parsed = parseResultSpec(spec)
    if ('error' in parsed) throw new UsageError(`--result: ${parsed.error}`)
    return parsed
  })

  const doc = await findDoc(query, ctx)
  if (isFinished(doc.status) && !options.force) {
    throw new UsageError(
      `${doc.path} is already ${doc.status}${doc.concluded ? ` (${doc.concluded})` : ''} with outcome ${doc.outcome ?? '?'}`,
      'pass --force to record a new conclusion over it'
    )
  }

  // Before asking anything: no answer would make it concludable.
  const refusal = conclusionRefusal(doc.status, options.outcome === undefined ? undefined : outcomeOf(options.outcome))
  if (refusal !== undefined) {
    ctx.prompter?.close()
    throw new UsageError(`${doc.path} ${refusal}`, 'set status: running in its front matter when it starts, or status: abandoned if it will not run')
  }

  let conclusion: Conclusion
  try {
    const outcome = await gatherOutcome(options, ctx.prompter)
    const results = await gatherResults(doc, specs, ctx.prompter)
    conclusion = { outcome, concluded: options.date ?? todayOf(ctx.now), results, ...(options.auditPeriod ? { auditPeriod: options.auditPeriod } : {}) }
  } catch (error) {
    throw closedAsUsage(error)
  } finally {
    ctx.prompter?.close()
  }

  const original = decodeDoc(await ctx.files.read(doc.path))
  if (original.text === undefined) throw new UsageError(`${doc.path} can no longer be read: ${original.problem?.message ?? 'unknown reason'}`)
  const text = concludeExperimentText(original.text, conclusion)
  const { doc: concluded, problems } = validateExperimentDoc(text, doc.path)
  if (!concluded || problems.length > 0) {
    throw new UsageError(
      `the concluded doc would not be valid:\n${problems.map((p) => `  ${p.key ?? 'front matter'}: ${p.message}`).join('\n')}`,
      'fix the values above (or the doc) and run the command again'
    )
  }
  await replaceFileAtomic(path.join(ctx.root, doc.path), text)

  const met = conclusion.results.filter((r) => r.targetMet).length
  const status = statusAfter(conclusion.outcome)
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify({ path: doc.path, ...frontMatterValuesOf(concluded) })}\n`)
  } else {
    io.stdout(`${doc.path}: ${status}, outcome ${conclusion.outcome} (${met} of ${plural(conclusion.results.length, 'target')} met)\n`)
  }
  return EXIT.OK
}
