// `gate:` of the configuration → GateConfig: defaults, and the checks the schema cannot express
// (blocking severities must be configured levels; check names must differ).

import { severityKey } from '../postmortem/severity.js'
import { DEFAULT_GATE_CHECK_NAMES } from './gate-schema.js'
import type { ModeSection, ReportConfigIssue } from './mode-section.js'
import type { Config, GateConfig, GateId } from './types.js'
import { dictOrEmpty, type Dict } from '../util/dict.js'

export const GATE_IDS: readonly GateId[] = ['drills', 'sev1-actions', 'rollback-plan']


const strings = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.map(String) : undefined)

/** The defaults, as a fresh object each call. `levels` are postmortems.severity-levels: the most severe one blocks. */
export function defaultGateConfig(levels: readonly string[] = ['Sev1']): GateConfig {
  const mostSevere = levels.find((l) => severityKey(l) === severityKey('Sev1')) ?? levels[0] ?? 'Sev1'
  return {
    checkNames: { ...DEFAULT_GATE_CHECK_NAMES },
    drills: { source: 'workflow', sourceExplicit: false, workflow: 'drills.yml', check: 'drills', suitePaths: [], skippedCountsAsSuccess: false, neverRanTimeoutSeconds: 600, pollIntervalSeconds: 30 },
    sev1Actions: { severities: [mostSevere], block: 'open', fixLabel: 'reliability-fix' },
    rollbackPlan: { paths: ['prompts/**', 'tools/**', 'agents/**'], typePaths: { prompt: ['prompts/**'], tool: ['tools/**'], model: [], policy: [] } },
    bypass: { label: 'reliability-bypass', users: [], teams: [], log: 'reliability/bypass-log.ndjson' }
  }
}

export function resolveGate(section: Dict | undefined, report: ReportConfigIssue, config: Pick<Config, 'lint'>): GateConfig {
  const levels = config.lint.postmortems.severityLevels
  const defaults = defaultGateConfig(levels)
  const s = section ?? {}
  const checks = dictOrEmpty(s.checks)
  const drills = dictOrEmpty(s.drills)
  const sev1 = dictOrEmpty(s['sev1-actions'])
  const rollback = dictOrEmpty(s['rollback-plan'])
  const typePaths = dictOrEmpty(rollback['type-paths'])
  const bypass = dictOrEmpty(s.bypass)

  const checkNames = { ...defaults.checkNames }
  for (const id of GATE_IDS) if (typeof checks[id] === 'string') checkNames[id] = checks[id]
  const seen = new Map<string, GateId>()
  for (const id of GATE_IDS) {
    const other = seen.get(checkNames[id])
    if (other !== undefined) report(['gate', 'checks', id], 'value', `"${checkNames[id]}" is already the check name of the ${other} gate; each gate needs its own`)
    seen.set(checkNames[id], id)
  }

  let severities = defaults.sev1Actions.severities
  const written = strings(sev1.severities)
  if (written !== undefined) {
    severities = []
    written.forEach((raw, i) => {
      const level = levels.find((l) => severityKey(l) === severityKey(raw))
      if (level === undefined) report(['gate', 'sev1-actions', 'severities', i], 'value', `"${raw}" is not one of postmortems.severity-levels (${levels.join(', ')})`)
      else if (!severities.includes(level)) severities.push(level)
    })
  }

  const log = typeof bypass.log === 'string' ? bypass.log.replace(/^\.\/+/, '') : defaults.bypass.log
  if (log.startsWith('/') || log.split('/').includes('..')) report(['gate', 'bypass', 'log'], 'value', 'must be a file inside the repository')

  const drillPaths = strings(drills.paths)
  return {
    checkNames,
    drills: {
      source: (drills.source as GateConfig['drills']['source'] | undefined) ?? defaults.drills.source,
      sourceExplicit: typeof drills.source === 'string',
      workflow: typeof drills.workflow === 'string' ? drills.workflow.replace(/^\.github\/workflows\//, '') : defaults.drills.workflow,
      check: typeof drills.check === 'string' ? drills.check : defaults.drills.check,
      suitePaths: strings(drills['suite-paths']) ?? defaults.drills.suitePaths,
      ...(drillPaths !== undefined && { paths: drillPaths }),
      skippedCountsAsSuccess: typeof drills['skipped-counts-as-success'] === 'boolean' ? drills['skipped-counts-as-success'] : defaults.drills.skippedCountsAsSuccess,
      neverRanTimeoutSeconds: typeof drills['never-ran-timeout'] === 'number' ? drills['never-ran-timeout'] : defaults.drills.neverRanTimeoutSeconds,
      pollIntervalSeconds: typeof drills['poll-interval'] === 'number' ? drills['poll-interval'] : defaults.drills.pollIntervalSeconds
    },
    sev1Actions: {
      severities,
      block: (sev1.block as GateConfig['sev1Actions']['block'] | undefined) ?? defaults.sev1Actions.block,
      fixLabel: typeof sev1['fix-label'] === 'string' ? sev1['fix-label'] : defaults.sev1Actions.fixLabel
    },
    rollbackPlan: {
      paths: strings(rollback.paths) ?? defaults.rollbackPlan.paths,
      typePaths: {
        prompt: strings(typePaths.prompt) ?? defaults.rollbackPlan.typePaths.prompt,
        tool: strings(typePaths.tool) ?? defaults.rollbackPlan.typePaths.tool,
        model: strings(typePaths.model) ?? defaults.rollbackPlan.typePaths.model,
        policy: strings(typePaths.policy) ?? defaults.rollbackPlan.typePaths.policy
      }
    },
    bypass: {
      label: typeof bypass.label === 'string' ? bypass.label : defaults.bypass.label,
      users: (strings(bypass.users) ?? defaults.bypass.users).map((u) => u.replace(/^@/, '')),
      teams: strings(bypass.teams) ?? defaults.bypass.teams,
      log
    }
  }
}

export const gateSection: ModeSection<'gate'> = { key: 'gate', resolve: resolveGate }
