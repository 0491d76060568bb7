// Finding experiment docs: the configured globs, read through the RepoFiles adapter, each parsed.

import pLimit from 'p-limit'
import type { RepoFiles } from '../lint/adapters.js'
import { parseExperimentDoc, type ParsedExperimentDoc } from './parse.js'
import { errorMessage } from '../util/error-message.js'

/** Where experiment docs live unless `experiment.paths` says otherwise. TEMPLATE.md does not match. */
export const DEFAULT_EXPERIMENT_PATHS: readonly string[] = ['docs/experiments/**/EXP-*.md']

const READ_CONCURRENCY = 32

export interface DiscoveredExperiment extends ParsedExperimentDoc {
  path: string
}

/** Repository-relative paths of experiment docs, sorted. */
export async function listExperimentPaths(files: Pick<RepoFiles, 'glob'>, patterns: readonly string[] = DEFAULT_EXPERIMENT_PATHS): Promise<string[]> {
  return files.glob(patterns)
}

/** Every experiment doc matching the globs, parsed; a file that cannot be read is reported, not thrown. */
export async function discoverExperiments(files: Pick<RepoFiles, 'glob' | 'read'>, patterns: readonly string[] = DEFAULT_EXPERIMENT_PATHS): Promise<DiscoveredExperiment[]> {
  const paths = await listExperimentPaths(files, patterns)
  // Bounded, so a repository with thousands of docs does not open thousands of files at once.
  const limit = pLimit(READ_CONCURRENCY)
  return Promise.all(paths.map((path) => limit(() => readExperiment(files, path))))
}

async function readExperiment(files: Pick<RepoFiles, 'read'>, path: string): Promise<DiscoveredExperiment> {
  let bytes: Uint8Array
  try {
    bytes = await files.read(path)
  } catch (error) {
    return { path, problems: [{ line: 1, column: 1, message: `cannot read the file: ${errorMessage(error)}` }] }
  }
  return { path, ...parseExperimentDoc(bytes, path) }
}
