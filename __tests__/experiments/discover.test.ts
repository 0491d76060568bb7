import { describe, expect, it } from '@jest/globals'
import picomatch from 'picomatch'
import { DEFAULT_EXPERIMENT_PATHS, discoverExperiments } from '../../src/experiments/discover.js'
import type { RepoFiles } from '../../src/lint/adapters.js'
import { docText, withLine } from './fixtures.js'

function memoryFiles(files: Record<string, string>): RepoFiles {
  return {
    glob: async (patterns) => {
      const isMatch = picomatch([...patterns])
      return Object.keys(files).filter((path) => isMatch(path)).sort()
    },
    read: async (path) => {
      const text = files[path]
      if (text === undefined) throw new Error(`ENOENT: ${path}`)
      return new TextEncoder().encode(text)
    },
    exists: (path) => path in files
  }
}

describe('discoverExperiments', () => {
  it('finds EXP-*.md below docs/experiments (not the template), parsed, sorted', async () => {
    const files = memoryFiles({
      'docs/experiments/EXP-2026-10-16-b.md': docText(),
      'docs/experiments/2026/EXP-2026-01-02-a.md': docText(withLine('status:', 'status: nonsense')),
      'docs/experiments/TEMPLATE.md': docText(),
      'docs/postmortems/PM-1.md': '# PM-1'
    })
    const found = await discoverExperiments(files)
    expect(DEFAULT_EXPERIMENT_PATHS).toEqual(['docs/experiments/**/EXP-*.md'])
    expect(found.map((f) => [f.path, f.doc !== undefined, f.problems.length])).toEqual([
      ['docs/experiments/2026/EXP-2026-01-02-a.md', false, 1],
      ['docs/experiments/EXP-2026-10-16-b.md', true, 0]
    ])
  })

  it('reports a file it cannot read instead of failing', async () => {
    const files = memoryFiles({ 'x/EXP-1.md': docText() })
    const found = await discoverExperiments({ ...files, read: async () => Promise.reject(new Error('EACCES: permission denied')) }, ['x/*.md'])
    expect(found).toEqual([{ path: 'x/EXP-1.md', problems: [{ line: 1, column: 1, message: 'cannot read the file: EACCES: permission denied' }] }])
  })
})
