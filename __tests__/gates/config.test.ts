import { configSchema } from '../../src/config/schema.js'
import { defaultGateConfig } from '../../src/config/gate.js'
import { ConfigError } from '../../src/config/errors.js'
import { loadConfig } from '../../src/config/load.js'
import { loadConfigAtRef } from '../../src/config/load-at-ref.js'

const ROOT = '/repo'
const load = (text: string) => loadConfig({ root: ROOT, readFile: (abs) => (abs === '/repo/.github/reliability.yml' ? text : undefined) })

function issuesOf(fn: () => unknown): string[] {
  try {
    fn()
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.file}:${i.line ?? '-'}: ${i.key}: ${i.message}`)
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('gate: configuration', () => {
  test('no gate section: the defaults, with the most severe configured level blocking', () => {
    expect(load('').gate).toEqual(defaultGateConfig())
    const custom = load('postmortems:\n  severity-levels: [P0, P1, P2]\n')
    expect(custom.gate?.sev1Actions.severities).toEqual(['P0'])
  })

  test('the schema documents the same defaults as the resolver applies', () => {
    const d = defaultGateConfig()
    const g = configSchema.properties.gate.properties
    expect(g.checks.properties.drills.default).toBe(d.checkNames.drills)
    expect(g.checks.properties['sev1-actions'].default).toBe(d.checkNames['sev1-actions'])
    expect(g.checks.properties['rollback-plan'].default).toBe(d.checkNames['rollback-plan'])
    expect(g.drills.properties.source.default).toBe(d.drills.source)
    expect(g.drills.properties.workflow.default).toBe(d.drills.workflow)
    expect(g.drills.properties.check.default).toBe(d.drills.check)
    expect(g.drills.properties['suite-paths'].default).toEqual(d.drills.suitePaths)
    expect(g.drills.properties['skipped-counts-as-success'].default).toBe(d.drills.skippedCountsAsSuccess)
    expect(g.drills.properties['never-ran-timeout'].default).toBe(d.drills.neverRanTimeoutSeconds)
    expect(g.drills.properties['poll-interval'].default).toBe(d.drills.pollIntervalSeconds)
    expect(g['sev1-actions'].properties.severities.default).toEqual(d.sev1Actions.severities)
    expect(g['sev1-actions'].properties.block.default).toBe(d.sev1Actions.block)
    expect(g['sev1-actions'].properties['fix-label'].default).toBe(d.sev1Actions.fixLabel)
    expect(g['rollback-plan'].properties.paths.default).toEqual(d.rollbackPlan.paths)
    for (const type of ['prompt', 'tool', 'model', 'policy'] as const) expect(g['rollback-plan'].properties['type-paths'].properties[type].default).toEqual(d.rollbackPlan.typePaths[type])
    expect(g.bypass.properties.label.default).toBe(d.bypass.label)
    expect(g.bypass.properties.users.default).toEqual(d.bypass.users)
    expect(g.bypass.properties.teams.default).toEqual(d.bypass.teams)
    expect(g.bypass.properties.log.default).toBe(d.bypass.log)
  })

  test('every setting is read, severities take the configured spelling, @ is dropped from users', () => {
    const config = load(`gate:
  checks: { drills: ci/drills }
  drills: { source: check, check: agent-drills, suite-paths: ["drills/**"], paths: ["agents/**"], skipped-counts-as-success: true, never-ran-timeout: 60, poll-interval: 10 }
  sev1-actions: { severities: [sev-1, SEV2], block: overdue, fix-label: hotfix }
  rollback-plan: { paths: ["prompts/**"], type-paths: { prompt: ["prompts/**"], model: ["agents/*/model.yaml"] } }
  bypass: { label: emergency, users: ["@Ana"], teams: [acme/sre], log: audit/bypass.ndjson }
`)
    expect(config.gate).toEqual({
      checkNames: { drills: 'ci/drills', 'sev1-actions': 'reliability/sev1-actions', 'rollback-plan': 'reliability/rollback-plan' },
      drills: { source: 'check', sourceExplicit: true, workflow: 'drills.yml', check: 'agent-drills', suitePaths: ['drills/**'], paths: ['agents/**'], skippedCountsAsSuccess: true, neverRanTimeoutSeconds: 60, pollIntervalSeconds: 10 },
      sev1Actions: { severities: ['Sev1', 'Sev2'], block: 'overdue', fixLabel: 'hotfix' },
      rollbackPlan: { paths: ['prompts/**'], typePaths: { prompt: ['prompts/**'], tool: ['tools/**'], model: ['agents/*/model.yaml'], policy: [] } },
      bypass: { label: 'emergency', users: ['Ana'], teams: ['acme/sre'], log: 'audit/bypass.ndjson' }
    })
  })

  test('errors name file, line and key: unknown severity, duplicate check names, bad enum, unknown key, bad team', () => {
    expect(
      issuesOf(() =>
        load(`gate:
  checks: { drills: same, sev1-actions: same }
  sev1-actions:
    severities: [Sev9]
    block: sometimes
  rollbak-plan: {}
  bypass: { teams: [just-a-team], log: ../outside.ndjson }
`)
      )
    ).toEqual([
      '.github/reliability.yml:5: gate.sev1-actions.block: must be one of open, overdue (got "sometimes")',
      '.github/reliability.yml:6: gate.rollbak-plan: unknown key (did you mean "rollback-plan"?); allowed here: checks, drills, sev1-actions, rollback-plan, bypass',
      '.github/reliability.yml:7: gate.bypass.teams[0]: must match pattern "^[^/\\s]+/[^/\\s]+$"'
    ])
    expect(issuesOf(() => load('gate:\n  checks: { drills: same, sev1-actions: same }\n  sev1-actions:\n    severities: [Sev9]\n  bypass: { log: ../outside.ndjson }\n'))).toEqual([
      '.github/reliability.yml:2: gate.checks.sev1-actions: "same" is already the check name of the drills gate; each gate needs its own',
      '.github/reliability.yml:4: gate.sev1-actions.severities[0]: "Sev9" is not one of postmortems.severity-levels (Sev1, Sev2, Sev3, Sev4)',
      '.github/reliability.yml:5: gate.bypass.log: "../outside.ndjson" leaves the repository: paths and globs here are relative to the repository root and stay inside it'
    ])
  })

  test('a config without a gate section carries the gate defaults, applied once by the loader', () => {
    expect(load('').gate).toEqual(defaultGateConfig())
    expect(load('gate:\n').gate).toEqual(defaultGateConfig())
  })

  test('loadConfigAtRef reads the first config that exists at the ref, and nothing from the working tree', async () => {
    const asked: string[] = []
    const config = await loadConfigAtRef({
      root: ROOT,
      readAtRef: async (file) => {
        asked.push(file)
        return file === '.github/reliability.yaml' ? 'gate:\n  sev1-actions: { block: overdue }\n' : undefined
      }
    })
    expect(asked).toEqual(['.github/reliability.yml', '.github/reliability.yaml'])
    expect(config.configFile).toBe('.github/reliability.yaml')
    expect(config.gate?.sev1Actions.block).toBe('overdue')
    await expect(loadConfigAtRef({ root: ROOT, configPath: 'policy/gate.yml', readAtRef: async () => undefined })).rejects.toThrow(/config file not found/)
  })
})
