import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse } from 'yaml'
import { ConfigError } from '../../src/config/errors.js'
import { loadConfig } from '../../src/config/load.js'
import { INPUT_NAMES, InputError, parseActionInputs, splitList, type RawInputs } from '../../src/action/inputs.js'
import { describeEvent } from '../../src/action/event.js'
import { REPO_ROOT } from '../helpers/github-server.js'

interface ActionYml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
  branding?: { icon: string; color: string }
}

const actionYml = parse(readFileSync(resolve(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYml

/** The inputs as the runner passes them when the workflow sets none: action.yml's defaults. */
function defaults(overrides: Partial<Record<(typeof INPUT_NAMES)[number], string>> = {}): RawInputs {
  const raw = Object.fromEntries(INPUT_NAMES.map((name) => [name, actionYml.inputs[name]?.default ?? ''])) as Record<string, string>
  raw.token = 'ghs_x'
  return { ...raw, ...overrides } as RawInputs
}

describe('action.yml', () => {
  test('declares exactly the inputs main.ts reads, each described', () => {
    expect(Object.keys(actionYml.inputs)).toEqual([...INPUT_NAMES])
    for (const [name, input] of Object.entries(actionYml.inputs)) expect([name, input.description.length > 20]).toEqual([name, true])
  })

  test('declares the outputs the lint mode sets, each described', () => {
    expect(Object.keys(actionYml.outputs)).toEqual(expect.arrayContaining(['errors', 'warnings', 'files', 'result']))
    for (const output of Object.values(actionYml.outputs)) expect(output.description.length).toBeGreaterThan(10)
  })

  test('runs the bundle on node24, with branding', () => {
    expect(actionYml.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(actionYml.branding).toEqual({ icon: expect.any(String), color: expect.any(String) })
  })

  test('defaults as documented', () => {
    expect(actionYml.inputs.token?.default).toBe('${{ github.token }}')
    expect(Object.fromEntries(Object.entries(actionYml.inputs).map(([k, v]) => [k, v.default]))).toMatchObject({
      mode: 'lint',
      config: '.github/reliability.yml',
      'fail-on': 'error',
      'changed-only': 'true',
      'check-run': 'auto',
      'check-name': 'reliability/lint'
    })
  })
})

describe('parseActionInputs', () => {
  test('the defaults: lint, default config lookup, no overrides', () => {
    expect(parseActionInputs(defaults())).toMatchObject({
      mode: 'lint',
      token: 'ghs_x',
      overrides: [],
      failOn: 'error',
      changedOnly: true,
      checkRun: 'auto',
      checkName: 'reliability/lint'
    })
  })

  test('paths and rules become config overrides that loadConfig applies', () => {
    const inputs = parseActionInputs(
      defaults({ paths: 'incidents/**/PM-*.md,\ndocs/{pm,postmortems}/PM-*.md\n# a comment\n', rules: 'PM009=off, pm005 = error' })
    )
    expect(inputs.overrides).toEqual([
      { source: 'input paths', values: { postmortems: { paths: ['incidents/**/PM-*.md', 'docs/{pm,postmortems}/PM-*.md'] } } },
      { source: 'input rules', values: { lint: { rules: { PM009: 'off', PM005: 'error' } } } }
    ])
    const config = loadConfig({ root: '/repo', overrides: inputs.overrides, readFile: () => undefined })
    expect(config.lint.postmortems.paths).toEqual(['incidents/**/PM-*.md', 'docs/{pm,postmortems}/PM-*.md'])
    expect(config.lint.rules).toEqual({ PM009: 'off', PM005: 'error' })
  })

  test('an unknown rule id in `rules` fails in loadConfig, named as the input', () => {
    const inputs = parseActionInputs(defaults({ rules: 'PM099=off' }))
    expect(() => loadConfig({ root: '/repo', overrides: inputs.overrides, readFile: () => undefined })).toThrow(/input rules: lint\.rules\.PM099: unknown rule/)
  })

  test('a malformed `rules` entry is a ConfigError naming the input', () => {
    expect(() => parseActionInputs(defaults({ rules: 'PM009' }))).toThrow(ConfigError)
    expect(() => parseActionInputs(defaults({ rules: 'PM009=loud' }))).toThrow(/input rules: lint\.rules\.PM009: must be one of off, warning, error/)
  })

  test.each([
    ['fail-on', 'errors', /input fail-on: must be one of error, warning, never \(got "errors"\)/],
    ['check-run', 'sometimes', /input check-run: must be one of auto, always, never/],
    ['changed-only', 'yes', /input changed-only: must be true or false \(got "yes"\)/]
  ] as const)('rejects %s: %s', (name, value, message) => {
    expect(() => parseActionInputs(defaults({ [name]: value }))).toThrow(InputError)
    expect(() => parseActionInputs(defaults({ [name]: value }))).toThrow(message)
  })

  test('accepts the spellings the runner passes', () => {
    expect(parseActionInputs(defaults({ 'fail-on': 'Warning', 'check-run': 'ALWAYS', 'changed-only': 'False', mode: ' Lint ' }))).toMatchObject({
      failOn: 'warning',
      checkRun: 'always',
      changedOnly: false,
      mode: 'lint'
    })
  })

  test('a config path other than the default must exist; the default means the usual lookup', () => {
    expect(parseActionInputs(defaults({ config: 'ci/reliability.yml' })).configPath).toBe('ci/reliability.yml')
    expect(parseActionInputs(defaults({ config: './.github/reliability.yml' })).configPath).toBeUndefined()
    expect(parseActionInputs(defaults({ config: '.github/reliability.yaml' })).configPath).toBeUndefined()
    expect(parseActionInputs(defaults({ config: '' })).configPath).toBeUndefined()
  })

  test('empty values fall back to the defaults', () => {
    expect(parseActionInputs(defaults({ mode: '', 'fail-on': '', 'check-run': '', 'changed-only': '', 'check-name': ' ' }))).toMatchObject({
      mode: 'lint',
      failOn: 'error',
      checkRun: 'auto',
      changedOnly: true,
      checkName: 'reliability/lint'
    })
  })
})

describe('splitList', () => {
  test('newlines and commas, keeping commas inside braces', () => {
    expect(splitList('a/*.md, b/{x,y}/*.md\n\n  c/**/PM-*.md  ,')).toEqual(['a/*.md', 'b/{x,y}/*.md', 'c/**/PM-*.md'])
    expect(splitList('a/{x,{y,z}}/*.md,b')).toEqual(['a/{x,{y,z}}/*.md', 'b'])
    expect(splitList('')).toEqual([])
  })
})

describe('describeEvent', () => {
  const head = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821'
  const merge = 'c4295bd74fb0f4fda03689c3df3f2803b658fd85'
  const payload = (headRepo: string | null) => ({
    number: 2,
    pull_request: {
      number: 2,
      changed_files: 4,
      head: { sha: head, repo: headRepo === null ? null : { full_name: headRepo } },
      base: { repo: { full_name: 'o/r' } }
    }
  })

  test('on pull_request the head commit, never GITHUB_SHA (the merge commit)', () => {
    expect(describeEvent('pull_request', payload('o/r'), merge)).toEqual({
      name: 'pull_request',
      sha: head,
      pullRequest: { number: 2, headSha: head, changedFiles: 4, fromFork: false }
    })
    expect(describeEvent('pull_request_target', payload('o/r'), merge).sha).toBe(head)
  })

  test('knows a fork (or a deleted head repository)', () => {
    expect(describeEvent('pull_request', payload('someone/r'), merge).pullRequest?.fromFork).toBe(true)
    expect(describeEvent('pull_request', payload(null), merge).pullRequest?.fromFork).toBe(true)
  })

  test('other events report on GITHUB_SHA', () => {
    expect(describeEvent('push', { after: head }, merge)).toEqual({ name: 'push', sha: merge })
    expect(describeEvent('workflow_dispatch', {}, merge)).toEqual({ name: 'workflow_dispatch', sha: merge })
  })

  test('a pull_request event without its pull request is an error that says what to check', () => {
    expect(() => describeEvent('pull_request', {}, merge)).toThrow(/no pull_request\.number and pull_request\.head\.sha/)
  })
})
