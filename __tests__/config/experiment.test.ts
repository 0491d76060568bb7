import { describe, expect, it } from '@jest/globals'
import { defaultExperimentConfig } from '../../src/config/experiment.js'
import { experimentConfigSchema } from '../../src/config/experiment-schema.js'
import { ConfigError } from '../../src/config/errors.js'
import { loadConfig } from '../../src/config/load.js'

const ROOT = '/repo'
const load = (text: string) => loadConfig({ root: ROOT, readFile: (p) => (p === `${ROOT}/.github/reliability.yml` ? text : undefined) })

describe('experiment: config section', () => {
  it('defaults to docs/experiments, EXP-*.md below it, and its TEMPLATE.md', () => {
    expect(load('').experiment).toEqual({ dir: 'docs/experiments', paths: ['docs/experiments/**/EXP-*.md'], template: 'docs/experiments/TEMPLATE.md' })
  })

  it('documents the same defaults it applies', () => {
    const d = defaultExperimentConfig()
    expect(experimentConfigSchema.properties.dir.default).toBe(d.dir)
    expect(experimentConfigSchema.properties.paths.default).toEqual(d.paths)
    expect(experimentConfigSchema.properties.template.default).toBe(d.template)
  })

  it('derives paths from dir unless given', () => {
    expect(load('experiment:\n  dir: ./research/exp/\n').experiment).toMatchObject({ dir: 'research/exp', paths: ['research/exp/**/EXP-*.md'] })
    expect(load('experiment:\n  dir: x\n  paths: [y/*.md]\n').experiment).toMatchObject({ dir: 'x', paths: ['y/*.md'] })
  })

  it('rejects unknown keys and paths outside the repository, at their line', () => {
    const issues = (text: string) => {
      try {
        load(text)
      } catch (error) {
        if (error instanceof ConfigError) return error.issues.map((i) => `${i.line}: ${i.key}: ${i.message}`)
      }
      return []
    }
    expect(issues('experiment:\n  dirs: x\n')).toEqual([expect.stringMatching(/^2: experiment.dirs: unknown key \(did you mean "dir"\?\)/)])
    expect(issues('experiment:\n  template: ../outside.md\n')).toEqual(['2: experiment.template: "../outside.md" leaves the repository: paths and globs here are relative to the repository root and stay inside it'])
    expect(issues('experiment:\n  paths: []\n')).toEqual([expect.stringMatching(/^2: experiment.paths: must not be an empty list/)])
  })
})
