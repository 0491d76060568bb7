// The export workflow teams copy stays true to action.yml and to the tool's promises: read-only contents,
// nothing pushed, the export mode with inputs that exist, settings and secrets only through env.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { EXPORT_ENV } from '../../src/io/export-warehouse.js'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

describe('.github/workflows/reliability-export.yml', () => {
  const text = read('.github/workflows/reliability-export.yml')
  const workflow = parse(text) as {
    on: Record<string, unknown>
    permissions: Record<string, string>
    jobs: Record<string, { steps: Array<{ uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }> }>
  }
  const action = parse(read('action.yml')) as { inputs: Record<string, unknown> }
  const steps = workflow.jobs.export?.steps ?? []

  it('reads the repository only and pushes nothing', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' })
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout'))?.with).toEqual({ 'persist-credentials': false })
    expect(steps.some((s) => s.run !== undefined)).toBe(false)
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch'])
  })

  it('runs the export mode with inputs action.yml declares, and only variables the export reads', () => {
    const step = steps.find((s) => s.uses?.startsWith('reliability-loop/'))
    expect(step?.with?.mode).toBe('export')
    for (const input of Object.keys(step?.with ?? {})) expect(Object.keys(action.inputs)).toContain(input)
    const known: string[] = [...EXPORT_ENV.bigquery, ...EXPORT_ENV.snowflake]
    for (const name of Object.keys(step?.env ?? {})) expect(known).toContain(name)
    // The commented Snowflake block names variables the export reads too.
    for (const [, name] of text.matchAll(/^\s+# (SNOWFLAKE_[A-Z_]+):/gm)) expect(known).toContain(name)
    expect(text).not.toMatch(/pull_request_target/)
  })
})

describe('docs/grafana/reliability-dashboard.json', () => {
  it('queries only views the export creates, and every one of them', async () => {
    const { VIEWS } = await import('../../src/export/views.js')
    const dashboard = JSON.parse(read('docs/grafana/reliability-dashboard.json')) as { panels: Array<{ title: string; targets: Array<{ rawSql: string }> }> }
    const views = new Set(VIEWS.map((v) => v.name))
    const used = new Set<string>()
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        const view = /\$\{dataset\}\.(\w+)`/.exec(target.rawSql)?.[1]
        expect(view !== undefined && views.has(view)).toBe(true)
        used.add(view!)
      }
    }
    expect([...used].sort()).toEqual([...views].sort())
  })
})
