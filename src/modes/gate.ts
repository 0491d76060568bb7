// The gate mode: gathers what the three gates need through GateSources (the GitHub API and the
// workspace in the Action, the API or local git objects for `gate --pr`, git and the working tree for
// `gate --local`), evaluates them (src/gates/, pure) and returns the verdicts. Reporting is the caller's.

import picomatch from 'picomatch'
import { loadConfigAtRef } from '../config/load-at-ref.js'
import type { Config, GateConfig } from '../config/types.js'
import type { LabelApplication, TeamMemberships } from '../gates/bypass.js'
import { describeFilter, filterExpectsRun, workflowPathFilter } from '../gates/drill-paths.js'
import { drillSettingsFor, drillWorkflowFile, type DrillObservation } from '../gates/drills.js'
import { evaluateGates, type GateEvaluation } from '../gates/evaluate.js'
import { changedExperimentDocs, type ChangedFiles, type ExperimentDocInput } from '../gates/rollback-plan.js'
import type { GatePullRequest } from '../gates/types.js'
import type { RepoFiles } from '../lint/adapters.js'
import { parseOptionsOf } from '../lint/lint-file.js'
import type { Postmortem } from '../postmortem/model.js'
import { isReadFailure, readPostmortems } from '../postmortem/read.js'
import { errorMessage } from '../util/error-message.js'

/** Everything the gate mode reads, from wherever the caller reads it. */
export interface GateSources {
  /** The files the change adds, modifies or removes. */
  changedFiles: () => Promise<ChangedFiles>
  /** The repository as the change leaves it: the head commit (or merge commit), or the working tree. */
  head: Pick<RepoFiles, 'glob' | 'read'>
  /** A file's text at the base commit; undefined when it does not exist there. */
  readBase: (path: string) => Promise<string | undefined>
  /**
   * How the drills went for the head commit; may wait for a run to start (bounded by the settings).
   * `drillResult`: the explicit drill result given to this run, read with `source: job`.
   */
  observeDrills: (settings: GateConfig['drills'], drillResult: string | undefined) => Promise<DrillObservation>
  /** Who last applied a label to the pull request; asked only when it carries the bypass label. */
  labelApplication?: (label: string) => Promise<LabelApplication | undefined>
  /** The user's membership in each team (`org/slug`). */
  teamMemberships?: (user: string, teams: readonly string[]) => Promise<TeamMemberships>
}

export interface GateRequest {
  /** The event being gated (`pull_request`, `merge_group`, `workflow_run`, `local`, `dry-run`). */
  event: string
  pullRequest?: GatePullRequest
  /** `owner/repo` */
  repository?: string
  headSha?: string
  /** The commit the policy was read from (the base), named in the summary and the bypass record. */
  configCommit?: string
  runUrl?: string
  /**
   * Whether the drill workflow's path filters decide if it runs for this event. They do for pull
   * requests; merge groups run every workflow that listens to `merge_group`.
   */
  pathFiltersApply: boolean
  /** The explicit drill result (the `drill-result` input, `--drill-result`); undefined or '' when not given. */
  drillResult?: string
}

export interface GateRunResult extends GateEvaluation {
  /** Things the caller should show as warnings (also among the notes). */
  warnings: string[]
  changed: ChangedFiles
  /** How many postmortems were read (for the summary). */
  postmortems: number
}

/**
 * Base versions come from the GitHub API (one contents request each), and so does the head for `gate --pr`
 * when the head commit is not local: fewer reads in flight than from disk, within GitHub's secondary limits.
 */
const API_READ_CONCURRENCY = 16

/** The head's postmortems, parsed. Unreadable files are the lint mode's to report; they carry no action items to gate on. */
async function readHeadPostmortems(files: Pick<RepoFiles, 'glob' | 'read'>, paths: readonly string[], config: Config): Promise<Postmortem[]> {
  const reads = await readPostmortems(paths, (path) => files.read(path), { parse: parseOptionsOf(config.lint), concurrency: API_READ_CONCURRENCY })
  return reads.flatMap((read) => (isReadFailure(read) ? [] : [read.postmortem]))
}

async function drillObservation(settings: GateConfig['drills'], changed: ChangedFiles, request: GateRequest, sources: GateSources): Promise<DrillObservation> {
  const file = drillWorkflowFile(settings)
  // Read once: whether the workflow exists at the base (no run of a missing one can come, so do not
  // wait for it) and its path filters. Unreadable (an API error): unknown, so the drills stay expected.
  const workflowText = file === undefined ? undefined : await sources.readBase(file).then(
    (text) => ({ text }),
    () => undefined
  )
  if (file !== undefined && workflowText !== undefined && workflowText.text === undefined) {
    return { kind: 'missing-workflow', file, ...(request.configCommit !== undefined && { baseCommit: request.configCommit }) }
  }
  if (settings.paths !== undefined) {
    if (!filterExpectsRun({ kind: 'paths', patterns: settings.paths }, changed)) {
      return { kind: 'not-applicable', reason: `No changed file matches \`gate.drills.paths\` (${settings.paths.map((p) => `\`${p}\``).join(', ')}), so the drills are not expected for this change.` }
    }
  } else if (file !== undefined && request.pathFiltersApply) {
    const text = workflowText?.text
    const filter = text === undefined ? undefined : workflowPathFilter(text)
    if (filter && !filterExpectsRun(filter, changed)) {
      return {
        kind: 'not-applicable',
        reason: `The drill workflow \`${file}\` does not run for this change: its \`pull_request\` trigger has ${describeFilter(filter)} (read from the base commit), and no changed file passes it.`
      }
    }
  }
  return sources.observeDrills(settings, request.drillResult)
}

/** YYYY-MM-DD in UTC. */
function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

export async function runGate(config: Config, request: GateRequest, sources: GateSources, now: () => Date): Promise<GateRunResult> {
  const policy = config.gate
  const drills = drillSettingsFor(policy.drills, request.drillResult)
  const settings = { ...policy, drills: drills.settings }
  const warnings = drills.warning !== undefined ? [drills.warning] : []
  const changed = await sources.changedFiles()

  const postmortemGlobs = config.lint.postmortems.paths
  const isPostmortem = picomatch(postmortemGlobs)
  const experimentGlobs = config.experiment.paths
  const docPaths = changedExperimentDocs(changed, experimentGlobs)
  const changedPostmortems = changed.files.filter((f) => f.status !== 'removed' && isPostmortem(f.path)).map((f) => f.path)

  const [drill, postmortems, basePostmortems, experimentDocs] = await Promise.all([
    drillObservation(settings.drills, changed, request, sources),
    sources.head.glob(postmortemGlobs).then((paths) => readHeadPostmortems(sources.head, paths, config)),
    readBasePostmortems(changedPostmortems, sources, config),
    Promise.all(docPaths.map((path) => readExperimentDoc(sources.head, path)))
  ])

  const pr = request.pullRequest
  const labelled = pr?.labels.some((l) => l.toLowerCase() === settings.bypass.label.toLowerCase()) ?? false
  let bypass: Parameters<typeof evaluateGates>[0]['bypass']
  if (pr && labelled) {
    const application = sources.labelApplication ? await sources.labelApplication(settings.bypass.label) : undefined
    const actor = application?.actor
    const listedUser = actor !== undefined && settings.bypass.users.some((u) => u.toLowerCase() === actor.toLowerCase())
    const memberships =
      actor !== undefined && !listedUser && settings.bypass.teams.length > 0 && sources.teamMemberships ? await sources.teamMemberships(actor, settings.bypass.teams) : {}
    bypass = {
      ...(application !== undefined && { application }),
      memberships,
      context: {
        repository: request.repository ?? '',
        pullRequest: pr.number,
        headSha: request.headSha ?? '',
        event: request.event,
        now: now().toISOString(),
        body: pr.body,
        ...(request.configCommit !== undefined && { configCommit: request.configCommit }),
        ...(request.runUrl !== undefined && { runUrl: request.runUrl })
      }
    }
  }

  const evaluation = evaluateGates({
    settings,
    drill,
    postmortems,
    basePostmortems,
    changed,
    experimentDocs,
    experimentGlobs,
    today: isoDay(now()),
    ...(pr !== undefined && { pullRequest: pr }),
    ...(bypass !== undefined && { bypass })
  })
  return { ...evaluation, notes: [...warnings, ...evaluation.notes], warnings, changed, postmortems: postmortems.length }
}

/** The base versions of the changed postmortems, to tell which items the change closed; a path absent or unreadable at the base is left out. */
async function readBasePostmortems(paths: readonly string[], sources: GateSources, config: Config): Promise<Postmortem[]> {
  const atBase = async (path: string): Promise<string> => {
    const text = await sources.readBase(path)
    if (text === undefined) throw new Error(`${path} does not exist at the base`)
    return text
  }
  const reads = await readPostmortems(paths, atBase, { parse: parseOptionsOf(config.lint), concurrency: API_READ_CONCURRENCY })
  return reads.flatMap((read) => (isReadFailure(read) ? [] : [read.postmortem]))
}

async function readExperimentDoc(files: Pick<RepoFiles, 'read'>, path: string): Promise<ExperimentDocInput> {
  try {
    return { path, content: await files.read(path) }
  } catch (error) {
    return { path, readError: `cannot read the file: ${errorMessage(error)}` }
  }
}

/** Where the policy comes from: the base commit (as both the Action and the CLI judge), or a file given on purpose. */
export interface PolicySource {
  /** The repository root (where a configured path is resolved). */
  root: string
  /** The `config` input / a configured path at the base; undefined: `.github/reliability.yml`, then `.yaml`. */
  configPath?: string
  /** A file at the base commit; undefined when it is not there. */
  readAtBase: (file: string) => Promise<string | undefined>
  /** How the base is named in the summary, e.g. "base commit `abc1234` (base of #17)". */
  baseLabel: string
  /** A policy given instead of the base's (the CLI's --config), with how to name it. */
  override?: { config: Config; label: string }
}

/** The policy could not be read or is invalid: `cause` is the ConfigError or the read error. */
export class PolicyUnavailableError extends Error {
  override readonly name = 'PolicyUnavailableError'
  constructor(override readonly cause: unknown) {
    super(errorMessage(cause))
  }
}

export interface GateAtBaseResult {
  config: Config
  /** Where the policy came from, for the summary (markdown code spans). */
  policy: string
  run: GateRunResult
}

/**
 * The gate as the Action and the CLI run it: the policy from the base commit (a pull request cannot
 * change the policy that judges it), then the three gates. Throws PolicyUnavailableError when the policy
 * cannot be had, GateInputsUnreadableError when the change, its files or the drills cannot be read.
 */
export async function runGateAtBase(policySource: PolicySource, request: GateRequest, sources: GateSources, now: () => Date): Promise<GateAtBaseResult> {
  let config: Config
  let policy: string
  if (policySource.override) {
    ;({ config } = policySource.override)
    policy = policySource.override.label
  } else {
    try {
      config = await loadConfigAtRef({ root: policySource.root, ...(policySource.configPath !== undefined && { configPath: policySource.configPath }), readAtRef: policySource.readAtBase })
    } catch (error) {
      throw new PolicyUnavailableError(error)
    }
    policy = config.configFile ? `\`${config.configFile}\` at ${policySource.baseLabel}` : `built-in defaults (no \`${policySource.configPath ?? '.github/reliability.yml'}\` at ${policySource.baseLabel})`
  }
  try {
    return { config, policy, run: await runGate(config, request, sources, now) }
  } catch (error) {
    throw new GateInputsUnreadableError(error, config, policy)
  }
}

/** The policy was read, but the change, the files or the drills could not be: `cause` says why. */
export class GateInputsUnreadableError extends Error {
  override readonly name = 'GateInputsUnreadableError'
  constructor(
    override readonly cause: unknown,
    readonly config: Config,
    readonly policy: string
  ) {
    super(errorMessage(cause))
  }
}
