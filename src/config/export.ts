// `export:` of the configuration → ExportConfig: defaults, and the DuckDB file kept inside the repository.

import { isInsideRepo } from '../util/repo-path.js'
import { DEFAULT_DUCKDB_PATH, type ExportTarget } from './export-schema.js'
import type { ModeSection, ReportConfigIssue } from './mode-section.js'
import type { ExportConfig } from './types.js'
import { dictOrEmpty, type Dict } from '../util/dict.js'

const text = (d: Dict, k: string) => (typeof d[k] === 'string' ? (d[k] as string) : undefined)

export function defaultExportConfig(): ExportConfig {
  return { target: 'duckdb', duckdbPath: DEFAULT_DUCKDB_PATH, bigquery: {}, snowflake: {} }
}


export function resolveExport(section: Dict | undefined, report: ReportConfigIssue): ExportConfig {
  const s = section ?? {}
  const config = defaultExportConfig()
  if (typeof s.target === 'string') config.target = s.target as ExportTarget
  const repository = text(s, 'repository')
  if (repository !== undefined) config.repository = repository
  const path = text(dictOrEmpty(s.duckdb), 'path')
  if (path !== undefined) {
    const clean = path.replace(/\\/g, '/').replace(/^(\.\/)+/, '')
    if (!isInsideRepo(clean)) report(['export', 'duckdb', 'path'], 'value', `${path} is outside the repository; give a path relative to the repository root`)
    else config.duckdbPath = clean
  }
  for (const [k, v] of Object.entries(dictOrEmpty(s.bigquery))) if (typeof v === 'string') (config.bigquery as Dict)[k] = v
  for (const [k, v] of Object.entries(dictOrEmpty(s.snowflake))) if (typeof v === 'string') (config.snowflake as Dict)[k] = v
  return config
}

export const exportSection: ModeSection<'export'> = {
  key: 'export',
  resolve: (section, report) => resolveExport(section, report)
}
