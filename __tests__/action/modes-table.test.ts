// The Action's entry: one table of modes, a warning for inputs of another mode (they would be ignored in
// silence), and the one config-file reader the CLI uses too.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { ACTION_MODES, INPUT_DEFAULTS, INPUT_NAMES, MODE_INPUTS, inputsForOtherModes, type RawInputs } from '../../src/action/inputs.js'
import { REPO_ROOT } from '../helpers/github-server.js'
import { ensureBundle, examplePayload, runActionBundle, writeWorkspace } from '../helpers/run-action.js'

const actionYml = parse(readFileSync(resolve(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> }

function raw(set: Partial<Record<(typeof INPUT_NAMES)[number], string>> = {}): RawInputs {
  const values = Object.fromEntries(INPUT_NAMES.map((name) => [name, actionYml.inputs[name]?.default ?? ''])) as Record<string, string>
  values.token = 'ghs_x'
  return { ...values, ...set } as RawInputs
}

describe('which mode reads which input', () => {
  it('INPUT_DEFAULTS are action.yml\'s defaults', () => {
    for (const name of INPUT_NAMES) {
      if (name === 'token') continue
      expect([name, INPUT_DEFAULTS[name] ?? '']).toEqual([name, actionYml.inputs[name]?.default ?? ''])
    }
  })

  it('every input is read by some mode', () => {
    const common = ['mode', 'token', 'config', 'paths', 'rules']
    for (const name of INPUT_NAMES) expect([name, common.includes(name) || ACTION_MODES.some((m) => MODE_INPUTS[m].includes(name))]).toEqual([name, true])
  })

  it('names an input of another mode, with the modes that read it; defaults and shared inputs are not named', () => {
    expect(inputsForOtherModes(raw({ 'drill-result': 'success' }), 'lint')).toEqual([{ input: 'drill-result', modes: ['gate'] }])
    expect(inputsForOtherModes(raw({ 'audit-period': '2026-10', 'review-month': '2026-10' }), 'experiment')).toEqual([
      { input: 'audit-period', modes: ['audit'] },
      { input: 'review-month', modes: ['review'] }
    ])
    expect(inputsForOtherModes(raw({ 'linear-team': 'ENG' }), 'review')).toEqual([])
    expect(inputsForOtherModes(raw({ 'dry-run': 'true' }), 'gate')).toEqual([{ input: 'dry-run', modes: ['sync', 'audit', 'publish', 'export', 'postmortem'] }])
    for (const mode of ACTION_MODES) expect(inputsForOtherModes(raw({ paths: 'docs/**/PM-*.md', rules: 'PM009=off' }), mode)).toEqual([])
  })
})

describe('dist/index.js', () => {
  let scratch: string
  beforeAll(() => {
    ensureBundle()
    scratch = mkdtempSync(join(tmpdir(), 'rl-modes-'))
  }, 180_000)
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  const PM = '# Incident PM-1: x\n\n- Date: 2024-03-04\n- Severity: Sev3\n- Owners: @a\n\n## Summary\nx\n\n## Timeline\n- 2024-03-04 10:02 UTC — x\n\n## Root Cause\nx\n\n## Customer Impact\nx\n\n## Action Items\n- [x] Fix :: @a :: 2024-04-01\n'

  async function run(name: string, withInputs: Record<string, string>, files: Record<string, string> = { 'docs/postmortems/PM-1.md': PM }) {
    const dir = join(scratch, name)
    mkdirSync(dir)
    const workspace = writeWorkspace(dir, files)
    return runActionBundle(dir, { workspace, eventName: 'push', payload: examplePayload('push'), with: withInputs, sha: 'a'.repeat(40), repository: 'octo/repo' })
  }

  it('warns about drill-result under mode lint, and still lints', async () => {
    const result = await run('foreign', { mode: 'lint', 'drill-result': 'success' })
    expect(result.warnings.map((w) => w.message)).toContain('input drill-result is read by mode gate, not by mode lint: it has no effect here; remove it from this step\'s `with:`')
    expect(result.code).toBe(0)
  }, 60_000)

  it('says nothing about inputs left at their defaults', async () => {
    const result = await run('defaults', { mode: 'lint' })
    expect(result.warnings.filter((w) => w.message.startsWith('input '))).toEqual([])
  }, 60_000)

  it('a config input that cannot be read is a configuration error, as in the CLI', async () => {
    const result = await run('unreadable', { mode: 'lint', config: 'conf' }, { 'docs/postmortems/PM-1.md': PM, 'conf/x': '' })
    expect(result.code).toBe(1)
    const failed = result.errors.map((e) => e.message).join('\n')
    expect(failed).toMatch(/Invalid configuration: .*conf: cannot read the config file: EISDIR/)
    expect(failed).not.toContain('reliability-loop failed')
  }, 60_000)
})
