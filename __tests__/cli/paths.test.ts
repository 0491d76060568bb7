import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { UsageError } from '../../src/cli/errors.js'
import { resolveLintPaths } from '../../src/cli/paths.js'

let root: string
let outside: string

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'rl-paths-'))
  mkdirSync(path.join(root, 'docs/postmortems/2026'), { recursive: true })
  writeFileSync(path.join(root, 'docs/postmortems/PM-7.md'), '')
  writeFileSync(path.join(root, 'docs/postmortems/PM-8 (draft).md'), '')
  writeFileSync(path.join(root, 'docs/postmortems/2026/PM-9.md'), '')
  outside = mkdtempSync(path.join(tmpdir(), 'rl-paths-outside-'))
  writeFileSync(path.join(outside, 'PM-1.md'), '')
})

afterAll(() => {
  rmSync(root, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

const resolve = (args: string[], cwd = root) => resolveLintPaths(args, { cwd, root })

describe('resolveLintPaths', () => {
  it('keeps a file as a repository-relative path', () => {
    expect(resolve(['docs/postmortems/PM-7.md'])).toEqual(['docs/postmortems/PM-7.md'])
    expect(resolve([path.join(root, 'docs/postmortems/PM-7.md')])).toEqual(['docs/postmortems/PM-7.md'])
    expect(resolve(['./docs/postmortems/PM-7.md'])).toEqual(['docs/postmortems/PM-7.md'])
  })

  it('escapes glob characters in file names', () => {
    expect(resolve(['docs/postmortems/PM-8 (draft).md'])).toEqual(['docs/postmortems/PM-8 \\(draft\\).md'])
  })

  it('resolves paths against the current directory, not the root', () => {
    const cwd = path.join(root, 'docs/postmortems')
    expect(resolve(['PM-7.md'], cwd)).toEqual(['docs/postmortems/PM-7.md'])
    expect(resolve(['2026'], cwd)).toEqual(['docs/postmortems/2026/**/PM-*.md'])
    expect(resolve(['*.md'], cwd)).toEqual(['docs/postmortems/*.md'])
  })

  it('lints PM-*.md below a directory', () => {
    expect(resolve(['docs'])).toEqual(['docs/**/PM-*.md'])
    expect(resolve(['docs/postmortems/'])).toEqual(['docs/postmortems/**/PM-*.md'])
    expect(resolve(['.'])).toEqual(['**/PM-*.md'])
  })

  it('passes globs through', () => {
    expect(resolve(['docs/**/PM-*.md', './docs/postmortems/PM-?.md'])).toEqual(['docs/**/PM-*.md', 'docs/postmortems/PM-?.md'])
    expect(resolve([path.join(root, 'docs/*/PM-*.md')])).toEqual(['docs/*/PM-*.md'])
  })

  it('names a path that does not exist', () => {
    expect(() => resolve(['docs/postmortems/PM-404.md'])).toThrow(new UsageError('docs/postmortems/PM-404.md: no such file or directory'))
  })

  it('refuses paths and globs outside the root', () => {
    expect(() => resolve(['..'])).toThrow(/is outside the repository root/)
    expect(() => resolve(['../*/PM-*.md'])).toThrow(/is outside the repository root/)
    expect(() => resolve(['PM-1.md'], outside)).toThrow(/PM-1.md is outside the repository root/)
    expect(() => resolve([path.join(outside, 'PM-1.md')])).toThrow(/is outside the repository root/)
    expect(() => resolve(['*.md'], path.dirname(root))).toThrow(/is outside the repository root/)
  })

  it('refuses an empty argument', () => {
    expect(() => resolve([''])).toThrow(/empty path/)
  })
})
