import { filterExpectsRun, workflowPathFilter } from '../../src/gates/drill-paths.js'

const changed = (...paths: string[]) => ({ files: paths.map((path) => ({ path, status: 'modified' as const })), truncated: false })

describe('gate: drill workflow path filters', () => {
  test('reads paths / paths-ignore of the pull_request trigger', () => {
    expect(workflowPathFilter('on:\n  pull_request:\n    paths: ["prompts/**", "!prompts/README.md"]\n')).toEqual({ kind: 'paths', patterns: ['prompts/**', '!prompts/README.md'] })
    expect(workflowPathFilter('on:\n  pull_request_target:\n    paths-ignore: [docs/**]\n')).toEqual({ kind: 'paths-ignore', patterns: ['docs/**'] })
    expect(workflowPathFilter('on: [pull_request, push]\n')).toBeUndefined()
    expect(workflowPathFilter('on:\n  push:\n    paths: [x]\n')).toBeUndefined()
    expect(workflowPathFilter('on: {{{')).toBeUndefined()
  })

  test('paths: runs when some file matches, negations in order as GitHub reads them', () => {
    const filter = { kind: 'paths' as const, patterns: ['prompts/**', '!prompts/README.md'] }
    expect(filterExpectsRun(filter, changed('prompts/agent.md'))).toBe(true)
    expect(filterExpectsRun(filter, changed('prompts/README.md', 'docs/x.md'))).toBe(false)
    expect(filterExpectsRun(filter, changed('docs/x.md'))).toBe(false)
  })

  test('paths-ignore: skips only when every file is ignored', () => {
    const filter = { kind: 'paths-ignore' as const, patterns: ['docs/**', '*.md'] }
    expect(filterExpectsRun(filter, changed('docs/a.md', 'README.md'))).toBe(false)
    expect(filterExpectsRun(filter, changed('docs/a.md', 'src/x.ts'))).toBe(true)
  })

  test('an incomplete file list keeps the drills expected', () => {
    expect(filterExpectsRun({ kind: 'paths', patterns: ['prompts/**'] }, { files: [{ path: 'docs/x.md', status: 'modified' }], truncated: true })).toBe(true)
  })
})
