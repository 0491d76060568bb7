import { uniqueIdRule } from '../../src/lint/rules/PM011-unique-id.js'
import type { PostmortemDigest } from '../../src/lint/types.js'
import { makeContext } from './helpers.js'

const digest = (path: string, id?: string, line = 1): PostmortemDigest => ({ path, line, column: 1, disabledRules: [], ...(id === undefined ? {} : { id }) })

describe('PM011 unique-id', () => {
  test('passes distinct ids, and files without an id', () => {
    const files = [digest('docs/postmortems/PM-1.md', '1'), digest('docs/postmortems/PM-2.md', '2'), digest('notes/a.md'), digest('notes/b.md')]
    expect(uniqueIdRule.check(files, makeContext())).toEqual([])
    expect(uniqueIdRule.check([], makeContext())).toEqual([])
  })

  test('reports every file that shares an id, naming the others', () => {
    const files = [
      digest('docs/postmortems/2026/PM-42.md', '42', 3),
      digest('docs/postmortems/PM-7.md', '7'),
      digest('docs/postmortems/PM-42.md', '42'),
      digest('docs/postmortems/2025/PM-42.md', '42', 5)
    ]
    expect(uniqueIdRule.check(files, makeContext())).toEqual([
      {
        path: 'docs/postmortems/2025/PM-42.md',
        line: 5,
        column: 1,
        message: 'Id PM-42 is also used by docs/postmortems/2026/PM-42.md, docs/postmortems/PM-42.md; give one of them the next free id (title and file name).'
      },
      {
        path: 'docs/postmortems/2026/PM-42.md',
        line: 3,
        column: 1,
        message: 'Id PM-42 is also used by docs/postmortems/2025/PM-42.md, docs/postmortems/PM-42.md; give one of them the next free id (title and file name).'
      },
      {
        path: 'docs/postmortems/PM-42.md',
        line: 1,
        column: 1,
        message: 'Id PM-42 is also used by docs/postmortems/2025/PM-42.md, docs/postmortems/2026/PM-42.md; give one of them the next free id (title and file name).'
      }
    ])
  })

  test('treats ids that differ only in case as the same id', () => {
    const reports = uniqueIdRule.check([digest('b/PM-q1.md', 'q1'), digest('a/PM-Q1.md', 'Q1')], makeContext())
    expect(reports.map((r) => [r.path, r.message])).toEqual([
      ['a/PM-Q1.md', 'Id PM-Q1 is also used by b/PM-q1.md; give one of them the next free id (title and file name).'],
      ['b/PM-q1.md', 'Id PM-q1 is also used by a/PM-Q1.md; give one of them the next free id (title and file name).']
    ])
  })
})
