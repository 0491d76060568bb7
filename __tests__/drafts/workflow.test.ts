// The postmortem workflow teams copy: daily and by hand, least permissions, no pull_request_target, untrusted
// values only through env:, and only inputs and outputs action.yml declares.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

describe('.github/workflows/reliability-postmortem.yml', () => {
  const text = read('.github/workflows/reliability-postmortem.yml')
  const workflow = parse(text) as {
    on: Record<string, unknown> & { schedule: Array<{ cron: string }> }
    permissions: Record<string, string>
    jobs: Record<string, { steps: Array<{ id?: string; uses?: string; run?: string; with?: Record<string, unknown> }> }>
  }
  const action = parse(read('action.yml')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }
  const steps = workflow.jobs.postmortem?.steps ?? []

  it('runs daily and on workflow_dispatch, never on pull_request_target', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch'])
    expect(workflow.on.schedule[0]?.cron).toMatch(/^\d+ \d+ \* \* \*$/)
    expect(text).not.toMatch(/^\s*pull_request_target/m)
  })

  it('asks for contents: write and pull-requests: write and nothing else', () => {
    expect(workflow.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' })
  })

  it('passes expressions into run: only through env:, and checks out without persisted credentials', () => {
    for (const step of steps) if (step.run !== undefined) expect(step.run).not.toMatch(/\$\{\{/)
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout'))?.with?.['persist-credentials']).toBe(false)
  })

  it('runs the postmortem mode with inputs and outputs action.yml declares', () => {
    const step = steps.find((s) => s.uses?.startsWith('reliability-loop/'))
    expect(step?.with?.mode).toBe('postmortem')
    for (const input of Object.keys(step?.with ?? {})) expect(action.inputs).toHaveProperty(input)
    for (const m of text.matchAll(/steps\.postmortem\.outputs\.([a-z-]+)/g)) expect(action.outputs).toHaveProperty(m[1] as string)
  })
})
