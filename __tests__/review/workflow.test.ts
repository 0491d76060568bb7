// The workflow teams copy stays true to action.yml: monthly schedule and dispatch, contents: write, the
// review mode with inputs and outputs that exist, a commit as github-actions[bot] or a pull request.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

describe('.github/workflows/reliability-review.yml', () => {
  const text = read('.github/workflows/reliability-review.yml')
  const workflow = parse(text) as {
    on: { schedule: Array<{ cron: string }>; workflow_dispatch: { inputs: Record<string, unknown> } }
    permissions: Record<string, string>
    jobs: Record<string, { steps: Array<{ id?: string; uses?: string; run?: string; with?: Record<string, string> }> }>
  }
  const action = parse(read('action.yml')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }
  const steps = workflow.jobs.review?.steps ?? []

  it('runs monthly and by hand, with contents: write', () => {
    expect(workflow.on.schedule[0]?.cron).toMatch(/^\d+ \d+ 1 \* \*$/)
    expect(Object.keys(workflow.on.workflow_dispatch.inputs)).toEqual(['month', 'delivery'])
    expect(workflow.permissions.contents).toBe('write')
  })

  it('runs the review mode with inputs and outputs action.yml declares', () => {
    const step = steps.find((s) => s.uses?.startsWith('reliability-loop/'))
    expect(step?.with?.mode).toBe('review')
    for (const input of Object.keys(step?.with ?? {})) expect(action.inputs).toHaveProperty(input)
    for (const m of text.matchAll(/steps\.review\.outputs\.([a-z-]+)/g)) expect(action.outputs).toHaveProperty(m[1] as string)
  })

  it('commits as github-actions[bot] or opens a pull request, and says the push starts no workflow', () => {
    expect(steps.some((s) => s.run?.includes("git config user.name 'github-actions[bot]'") && s.run.includes('git push'))).toBe(true)
    expect(steps.some((s) => s.uses?.startsWith('peter-evans/create-pull-request'))).toBe(true)
    expect(text).toMatch(/starts no further workflow runs/)
    expect(read('docs/review.md')).toMatch(/starts? no further workflow/)
  })
})
