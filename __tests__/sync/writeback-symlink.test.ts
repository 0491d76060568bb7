// The write-back and symbolic links: a linked postmortem stays a link (written through to its target inside
// the repository); a link that leads outside the repository is refused with a message, and nothing outside
// is touched. Before: the link was replaced by a regular file.

import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { OutsideRepositoryError, replaceRepoFileAtomic } from '../../src/io/atomic-write.js'
import { describeWithContract } from '../helpers/github-server.js'
import { fakeGitHubPerBlock, githubEnv, runCli } from './cli-helpers.js'
import { postmortemText } from './helpers.js'

const PATH = 'docs/postmortems/PM-7.md'
const TEXT = postmortemText(7, [{ summary: 'Add an idempotency key', owner: 'ana', due: '2027-01-15' }])

const temps: string[] = []
function dir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'rl-link-'))
  temps.push(d)
  return d
}
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true })
})

/** A repository whose postmortem is a link to `target` (absolute, or relative to the link's folder). */
function repoWithLink(target: (root: string) => string): string {
  const root = dir()
  mkdirSync(path.join(root, 'docs/postmortems'), { recursive: true })
  symlinkSync(target(root), path.join(root, PATH))
  return root
}

describe('replaceRepoFileAtomic', () => {
  it('writes a regular file in place, and a new file', async () => {
    const root = dir()
    writeFileSync(path.join(root, 'a.md'), 'old')
    await replaceRepoFileAtomic(root, 'a.md', 'new')
    expect(readFileSync(path.join(root, 'a.md'), 'utf8')).toBe('new')
    await replaceRepoFileAtomic(root, 'b.md', 'fresh')
    expect(readFileSync(path.join(root, 'b.md'), 'utf8')).toBe('fresh')
  })

  it('writes through a link whose target is inside the repository; the link stays a link', async () => {
    const root = repoWithLink(() => '../../archive/PM-7.md')
    mkdirSync(path.join(root, 'archive'))
    writeFileSync(path.join(root, 'archive/PM-7.md'), 'old')
    await replaceRepoFileAtomic(root, PATH, 'new')
    expect(lstatSync(path.join(root, PATH)).isSymbolicLink()).toBe(true)
    expect(readlinkSync(path.join(root, PATH))).toBe('../../archive/PM-7.md')
    expect(readFileSync(path.join(root, 'archive/PM-7.md'), 'utf8')).toBe('new')
  })

  it('refuses a link (of the file or of a folder on its path) that leads outside, and a dangling link', async () => {
    const outside = dir()
    writeFileSync(path.join(outside, 'secret.md'), 'keep')
    const root = repoWithLink(() => path.join(outside, 'secret.md'))
    await expect(replaceRepoFileAtomic(root, PATH, 'new')).rejects.toThrow(OutsideRepositoryError)
    await expect(replaceRepoFileAtomic(root, PATH, 'new')).rejects.toThrow(/docs\/postmortems\/PM-7\.md leads through a symbolic link to .*secret\.md, outside the repository; not written/)
    expect(readFileSync(path.join(outside, 'secret.md'), 'utf8')).toBe('keep')
    expect(lstatSync(path.join(root, PATH)).isSymbolicLink()).toBe(true)

    const linkedFolder = dir()
    symlinkSync(outside, path.join(linkedFolder, 'docs'))
    await expect(replaceRepoFileAtomic(linkedFolder, 'docs/secret.md', 'new')).rejects.toThrow(/outside the repository/)
    expect(readFileSync(path.join(outside, 'secret.md'), 'utf8')).toBe('keep')

    const dangling = repoWithLink(() => '/nonexistent/PM-7.md')
    await expect(replaceRepoFileAtomic(dangling, PATH, 'new')).rejects.toThrow(/symbolic link to a file that does not exist/)
  })
})

describeWithContract('sync write-back on a linked postmortem (CLI against the fake GitHub)', () => {
  const fake = fakeGitHubPerBlock()

  async function sync(root: string) {
    const { code, stdout, stderr } = await runCli(['sync'], { cwd: root, env: githubEnv(fake().url) })
    return { code, stdout: stdout + stderr }
  }

  it('a link inside the repository stays a link and its target gets the reference', async () => {
    const root = repoWithLink(() => '../../archive/PM-7.md')
    mkdirSync(path.join(root, 'archive'))
    writeFileSync(path.join(root, 'archive/PM-7.md'), TEXT)
    const run = await sync(root)
    expect(run.code).toBe(0)
    expect(lstatSync(path.join(root, PATH)).isSymbolicLink()).toBe(true)
    expect(readFileSync(path.join(root, 'archive/PM-7.md'), 'utf8')).toContain('2027-01-15 [#1](https://github.com/Codertocat/Hello-World/issues/1)')
  })

  it('a link outside the repository is neither read nor written through, with a warning saying why', async () => {
    const outside = dir()
    writeFileSync(path.join(outside, 'PM-7.md'), TEXT)
    const root = repoWithLink(() => path.join(outside, 'PM-7.md'))
    const run = await sync(root)
    expect(run.stdout).toContain('warning: docs/postmortems/PM-7.md: cannot read the file (docs/postmortems/PM-7.md is a symbolic link that leads outside the repository; not read')
    // Not read, so nothing of it reaches the tracker.
    expect(fake().issueTracker.issues).toEqual([])
    expect(readFileSync(path.join(outside, 'PM-7.md'), 'utf8')).toBe(TEXT)
    expect(lstatSync(path.join(root, PATH)).isSymbolicLink()).toBe(true)
  })
})
