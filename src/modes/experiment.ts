// The `experiment` mode's reading side, shared by the CLI and the Action: find the experiment docs,
// parse and check them (schema, consistency, rollback plan), and find one by id. No writing here: the
// CLI writes `new` and `conclude` through its own adapters.

import type { ExperimentConfig } from '../config/types.js'
import type { RepoFiles } from '../lint/adapters.js'
import { discoverExperiments, type DiscoveredExperiment } from '../experiments/discover.js'
import type { ExperimentDoc } from '../experiments/model.js'
import { withRollbackProblems } from '../experiments/validate.js'

export interface ExperimentSummary {
  /** Experiment docs read. */
  files: number
  /** Docs with at least one problem. */
  invalid: number
  problems: number
}

export interface ExperimentRunResult {
  /** Sorted by path; each with every problem (schema, consistency, rollback plan). */
  experiments: DiscoveredExperiment[]
  summary: ExperimentSummary
}

/** Reads and checks every experiment doc matching `paths` (default: the configured globs). */
export async function runExperimentValidation(
  config: ExperimentConfig,
  files: Pick<RepoFiles, 'glob' | 'read'>,
  request: { paths?: readonly string[] } = {}
): Promise<ExperimentRunResult> {
  const found = await discoverExperiments(files, request.paths ?? config.paths)
  const experiments = found.map((e) => ({ path: e.path, ...withRollbackProblems(e) }))
  return { experiments, summary: summarise(experiments) }
}

export function summarise(experiments: readonly DiscoveredExperiment[]): ExperimentSummary {
  const invalid = experiments.filter((e) => e.problems.length > 0).length
  const problems = experiments.reduce((n, e) => n + e.problems.length, 0)
  return { files: experiments.length, invalid, problems }
}

export type ExperimentLookup =
  | { found: DiscoveredExperiment & { doc: ExperimentDoc } }
  | { error: 'none' | 'ambiguous' | 'invalid'; candidates: DiscoveredExperiment[] }

/**
 * The experiment whose id is `query` or starts with it (case-insensitive), or whose path is `query`.
 * Docs that do not parse cannot be matched by id, so a path to one is reported as `invalid`.
 */
export function findExperiment(experiments: readonly DiscoveredExperiment[], query: string): ExperimentLookup {
  const wanted = query.trim().toLowerCase()
  const byPath = experiments.filter((e) => e.path.toLowerCase() === wanted.replace(/^\.\//, ''))
  const byId = wanted === '' ? [] : experiments.filter((e) => e.doc?.id.toLowerCase().startsWith(wanted))
  const exact = byId.filter((e) => e.doc?.id.toLowerCase() === wanted)
  const matches = byPath.length > 0 ? byPath : exact.length > 0 ? exact : byId
  const only = matches[0]
  if (matches.length === 1 && only) {
    return only.doc ? { found: only as DiscoveredExperiment & { doc: ExperimentDoc } } : { error: 'invalid', candidates: matches }
  }
  return { error: matches.length === 0 ? 'none' : 'ambiguous', candidates: matches }
}
