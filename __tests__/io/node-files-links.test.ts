// Reading through symbolic links: a postmortem committed as a link (or inside a linked folder) is read
// only when it leads to a file inside the repository. Before, `lint` on a pull request read any file the
// runner could read through a committed link and quoted it in its findings (the title, in PM001).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { main } from '../../src/cli/main.js'
import { LinkOutsideRepositoryError, nodeRepoFiles } from '../../src/io/node-files.js'

const SECRET = 'SECRET-abc123-from-outside'
const temps: string[] = []
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true })
})

/** A repository and, beside it, a folder with a file the repository links to. */
function layout(): { root: string; outside: string } {
  const parent = mkdtempSync(path.join(tmpdir(), 'rl-links-'))
  temps.push(parent)
  const root = path.join(parent, 'repo')
  const outside = path.join(parent, 'outside')
  mkdirSync(path.join(root, 'docs/postmortems'), { recursive: true })
  mkdirSync(path.join(root, 'archive'))
  mkdirSync(outside)
  writeFileSync(path.join(outside, 'secret.md'), `# ${SECRET}\n`)
  writeFileSync(path.join(root, 'archive/PM-8.md'), '# Incident PM-8: Inside\n')
  return { root, outside }
}

describe('nodeRepoFiles().read and symbolic links', () => {
  it('reads a link whose target is inside the repository', async () => {
    const { root } = layout()
    symlinkSync('../../archive/PM-8.md', path.join(root, 'docs/postmortems/PM-8.md'))
    expect(Buffer.from(await nodeRepoFiles(root).read('docs/postmortems/PM-8.md')).toString()).toBe('# Incident PM-8: Inside\n')
  })

  it('refuses a file link, or a folder link, that leads outside', async () => {
    const { root, outside } = layout()
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'docs/postmortems/PM-9.md'))
    symlinkSync(outside, path.join(root, 'docs/linked'))
    await expect(nodeRepoFiles(root).read('docs/postmortems/PM-9.md')).rejects.toThrow(LinkOutsideRepositoryError)
    await expect(nodeRepoFiles(root).read('docs/linked/secret.md')).rejects.toThrow(/leads outside the repository; not read/)
  })

  it('lint reports the link as unreadable (PM000) and prints nothing of the file it points at', async () => {
    const { root, outside } = layout()
    writeFileSync(path.join(root, 'docs/postmortems/.keep'), '')
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'docs/postmortems/PM-9.md'))
    let out = ''
    const code = await main(['lint', '--root', root, '--format', 'json'], { stdout: (t) => void (out += t), stderr: (t) => void (out += t), env: { NO_COLOR: '1' }, cwd: root, isTTY: false })
    expect(code).toBe(1)
    expect(out).toContain('PM000')
    expect(out).toContain('symbolic link that leads outside the repository')
    expect(out).not.toContain(SECRET)
  })
})
