// The workflow teams copy, and the page that tells them which checks to require, stay true to the code.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { DEFAULT_GATE_CHECK_NAMES } from '../../src/config/gate-schema.js'
import { BYPASS_RECORD_PATH } from '../../src/io/bypass-log.js'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

describe('gate: workflow and docs', () => {
  const workflow = parse(read('.github/workflows/reliability-gate.yml')) as {
    on: Record<string, unknown>
    permissions: Record<string, string>
    jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, string> }> }>
  }

  test('runs on pull_request (no path filter), merge_group and the drill workflow’s completion, with least permissions', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['merge_group', 'pull_request', 'workflow_run'])
    expect(workflow.on.pull_request).not.toHaveProperty('paths')
    expect(workflow.on.workflow_run).toMatchObject({ types: ['completed'] })
    expect(workflow.permissions).toEqual({ checks: 'write', contents: 'read', 'pull-requests': 'read', actions: 'read' })
    const steps = workflow.jobs.gate?.steps ?? []
    expect(steps.find((s) => s.uses?.startsWith('reliability-loop/'))?.with).toMatchObject({ mode: 'gate' })
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout'))?.with?.ref).toContain('github.event.workflow_run.head_sha')
  })

  test('the bypass record is uploaded from RUNNER_TEMP, where the Action writes it, never from the checkout', () => {
    const upload = (workflow.jobs.gate?.steps ?? []).find((s) => s.uses?.startsWith('actions/upload-artifact'))
    expect(upload?.with?.path).toBe(`\${{ runner.temp }}/${BYPASS_RECORD_PATH}`)
  })

  test('docs/gate.md names the exact default check names', () => {
    const docs = read('docs/gate.md')
    for (const name of Object.values(DEFAULT_GATE_CHECK_NAMES)) expect(docs).toContain(`\`${name}\``)
  })
})
