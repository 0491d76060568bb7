// The workflow teams copy stays true to action.yml: monthly before the review, by hand with the audit's
// inputs, contents: write, the audit mode with inputs and outputs that exist, and the records committed.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

describe('.github/workflows/transcript-audit.yml', () => {
  const text = read('.github/workflows/transcript-audit.yml')
  const workflow = parse(text) as {
    on: { schedule: Array<{ cron: string }>; workflow_dispatch: { inputs: Record<string, unknown> } }
    permissions: Record<string, string>
    jobs: Record<string, { steps: Array<{ id?: string; uses?: string; run?: string; if?: string; with?: Record<string, string> }> }>
  }
  const action = parse(read('action.yml')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }
  const steps = workflow.jobs.audit?.steps ?? []

  it('runs on the 1st before the review packet, and by hand, with contents: write only', () => {
    const [minute, hour] = (workflow.on.schedule[0]?.cron ?? '').split(' ').map(Number)
    expect(workflow.on.schedule[0]?.cron).toMatch(/^\d+ \d+ 1 \* \*$/)
    const review = parse(read('.github/workflows/reliability-review.yml')) as { on: { schedule: Array<{ cron: string }> } }
    const [rMinute, rHour] = (review.on.schedule[0]?.cron ?? '').split(' ').map(Number)
    expect((hour ?? 0) * 60 + (minute ?? 0)).toBeLessThan((rHour ?? 0) * 60 + (rMinute ?? 0))
    expect(Object.keys(workflow.on.workflow_dispatch.inputs)).toEqual(['period', 'scorer', 'dry-run'])
    expect(workflow.permissions).toEqual({ contents: 'write' })
  })

  it('runs the audit mode with inputs and outputs action.yml declares, secrets left to secrets', () => {
    const step = steps.find((s) => s.uses?.startsWith('reliability-loop/'))
    expect(step?.with?.mode).toBe('audit')
    for (const input of Object.keys(step?.with ?? {})) expect(action.inputs).toHaveProperty(input)
    for (const m of text.matchAll(/#\s+([a-z-]+): /g)) if (m[1]?.startsWith('audit-') || m[1]?.startsWith('openai-')) expect(action.inputs).toHaveProperty(m[1])
    for (const m of text.matchAll(/steps\.audit\.outputs\.([a-z-]+)/g)) expect(action.outputs).toHaveProperty(m[1] as string)
    expect(text).toContain('openai-api-key: ${{ secrets.OPENAI_API_KEY }}')
  })

  it('commits the records as github-actions[bot], also after a failed fail-below, never on a dry run', () => {
    const commit = steps.find((s) => s.run?.includes('git push'))
    expect(commit?.run).toContain("git config user.name 'github-actions[bot]'")
    expect(commit?.run).toContain('git add -- reliability/audits')
    expect(commit?.if).toContain('!cancelled()')
    expect(commit?.if).toContain('inputs.dry-run')
    // Outputs reach the shell through env, never pasted into the script.
    expect(commit?.run).not.toContain('${{')
  })
})
