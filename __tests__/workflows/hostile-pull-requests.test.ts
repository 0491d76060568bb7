// The shipped workflows and a hostile pull request: no workflow runs on pull_request_target (which would
// hand a fork's code the base repository's token and secrets), and no `run:` script has an expression
// expanded into it: values reach scripts only through `env:`, so a branch name or an input cannot become
// shell code. docs/security.md states both promises.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

const DIR = fileURLToPath(new URL('../../.github/workflows/', import.meta.url))
const WORKFLOWS = readdirSync(DIR).filter((f) => f.endsWith('.yml'))

interface Step { run?: string }
interface Workflow { on: Record<string, unknown> | string[] | string; jobs: Record<string, { steps?: Step[] }> }
const read = (file: string) => parse(readFileSync(path.join(DIR, file), 'utf8')) as Workflow

describe('the shipped workflows against a hostile pull request', () => {
  it('there are workflows to check', () => {
    expect(WORKFLOWS.length).toBeGreaterThanOrEqual(7)
  })

  it.each(WORKFLOWS)('%s: never runs on pull_request_target', (file) => {
    const on = read(file).on
    const triggers = typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys(on)
    expect(triggers).not.toContain('pull_request_target')
  })

  it.each(WORKFLOWS)('%s: no expression is expanded inside a run: script (values go through env:)', (file) => {
    const scripts = Object.values(read(file).jobs).flatMap((job) => (job.steps ?? []).map((s) => s.run).filter((r): r is string => typeof r === 'string'))
    for (const script of scripts) expect(script).not.toMatch(/\$\{\{/)
  })
})
