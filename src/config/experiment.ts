// `experiment:` of the configuration → ExperimentConfig: defaults, and the paths kept inside the repository.

import { isInsideRepo } from '../util/repo-path.js'
import { DEFAULT_EXPERIMENT_DIR, DEFAULT_EXPERIMENT_TEMPLATE } from './experiment-schema.js'
import type { ModeSection, ReportConfigIssue } from './mode-section.js'
import type { ExperimentConfig } from './types.js'

/** The defaults, as a fresh object each call. */
export function defaultExperimentConfig(dir: string = DEFAULT_EXPERIMENT_DIR): ExperimentConfig {
  return { dir, paths: [`${dir}/**/EXP-*.md`], template: DEFAULT_EXPERIMENT_TEMPLATE }
}

/** The experiment settings of a Config; the defaults when it was built without the section (tests, older callers). */

function cleanDir(dir: string): string {
  return dir.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '') || '.'
}

export function resolveExperiment(section: Record<string, unknown> | undefined, report: ReportConfigIssue): ExperimentConfig {
  const s = section ?? {}
  const dir = typeof s.dir === 'string' ? cleanDir(s.dir) : DEFAULT_EXPERIMENT_DIR
  const config = defaultExperimentConfig(dir)
  if (Array.isArray(s.paths)) config.paths = s.paths.map(String)
  if (typeof s.template === 'string') config.template = cleanDir(s.template)
  for (const key of ['dir', 'template'] as const) {
    if (config[key] !== '.' && !isInsideRepo(config[key])) report(['experiment', key], 'value', 'must be a path inside the repository, relative to its root')
  }
  return config
}

export const experimentSection: ModeSection<'experiment'> = {
  key: 'experiment',
  resolve: (section, report: ReportConfigIssue) => resolveExperiment(section, report)
}
