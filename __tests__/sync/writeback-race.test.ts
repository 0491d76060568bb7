// An editor changes a postmortem while sync talks to a slow tracker. The write-back reads the file again
// just before writing: the editor's change is never lost. When the items' lines are unchanged the
// references go into the current text; when they moved, the file is left alone with a warning, and the
// next run writes the references (finding the tickets by key, no duplicates).

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals'
import { replaceRepoFileAtomic } from '../../src/io/atomic-write.js'
import { nodeRepoFiles } from '../../src/io/node-files.js'
import { runSync } from '../../src/modes/sync.js'
import { describeWithContract, FakeGitHub } from '../helpers/github-server.js'
import { diskRepo, githubEnv, removeDiskRepos, runCli } from './cli-helpers.js'
import { FAST_TRANSPORT, githubTracker, memoryRepo, NO_WAIT, postmortemText, syncTestConfig } from './helpers.js'

/** A response deadline well above the fake's delay: the slowness must not turn into timeouts. */
const PATIENT = { ...FAST_TRANSPORT, timeoutMs: 10_000 }

const PATH = 'docs/postmortems/PM-7.md'
const ITEMS = [
  { summary: 'Add an idempotency key', owner: 'ana', due: '2027-01-15' },
  { summary: 'Page on duplicate refunds', owner: 'ana', due: '2027-02-01' }
]
const ORIGINAL = postmortemText(7, ITEMS)
/** An edit below the items: their lines stay where they were. */
const APPENDED = `${ORIGINAL}\n## Notes\n\nAdded by a person while sync ran.\n`
/** An edit above the items: every item line moves down by two. */
const INSERTED = ORIGINAL.replace('It broke.\n', 'It broke.\n\nA second paragraph, added while sync ran.\n')

let fake: FakeGitHub

/** Resolves once the fake has received a create (the run is past reading the files and is now waiting on the tracker). */
async function createInFlight(): Promise<void> {
  for (let i = 0; i < 1000 && !fake.requests.some((r) => r.operation === 'issues/create'); i++) await new Promise((r) => setTimeout(r, 5))
}

describeWithContract('the write-back with an editor changing the file during the run', () => {
  beforeAll(async () => {
    fake = await FakeGitHub.start()
  })
  afterAll(async () => {
    await fake.close()
    removeDiskRepos()
  })
  beforeEach(() => {
    fake.reset()
    fake.issueTracker.assignable.add('ana')
    // A slow tracker: each create waits 400 ms, long enough for the editor to save.
    fake.inject('issues/create', { kind: 'delay', ms: 400 }, { kind: 'delay', ms: 400 })
  })

  it('an edit below the items is kept, and the references are written into the current text', async () => {
    const config = syncTestConfig({ concurrency: 1 })
    const repo = memoryRepo({ [PATH]: ORIGINAL })
    const running = runSync(config, { dryRun: false, trackerKind: 'github', execute: NO_WAIT }, repo.adapters(githubTracker(config, fake.url, PATIENT)))
    await createInFlight()
    repo.files.set(PATH, APPENDED)
    const result = await running
    expect(result.counts.created).toBe(2)
    const text = repo.files.get(PATH) ?? ''
    expect(text).toContain('Added by a person while sync ran.')
    expect(text).toContain('2027-01-15 [#1](https://github.com/Codertocat/Hello-World/issues/1)')
    expect(text).toContain('2027-02-01 [#2](https://github.com/Codertocat/Hello-World/issues/2)')
    expect(result.changedFiles).toEqual([PATH])
    expect(result.warnings).toEqual([])
  })

  it('an edit that moves the items leaves the file as the editor saved it, with a warning; the next run writes the references without duplicates', async () => {
    const config = syncTestConfig({ concurrency: 1 })
    const repo = memoryRepo({ [PATH]: ORIGINAL })
    const running = runSync(config, { dryRun: false, trackerKind: 'github', execute: NO_WAIT }, repo.adapters(githubTracker(config, fake.url, PATIENT)))
    await createInFlight()
    repo.files.set(PATH, INSERTED)
    const result = await running
    expect(result.counts.created).toBe(2)
    expect(repo.files.get(PATH)).toBe(INSERTED)
    expect(result.changedFiles).toEqual([])
    expect(result.warnings).toEqual([
      `${PATH}: not written back: the file was changed while sync ran and its action items' lines moved or changed; its tickets exist, and the next run finds them by key and writes the references`
    ])

    const next = await runSync(config, { dryRun: false, trackerKind: 'github', execute: NO_WAIT }, repo.adapters(githubTracker(config, fake.url, PATIENT)))
    expect(next.counts).toMatchObject({ created: 0, unchanged: 2 })
    expect(fake.issueTracker.issues).toHaveLength(2)
    expect(repo.files.get(PATH)).toContain('A second paragraph, added while sync ran.')
    expect(repo.files.get(PATH)).toContain('2027-01-15 [#1](https://github.com/Codertocat/Hello-World/issues/1)')
  })

  it('the CLI, on real files: the editor’s save survives', async () => {
    const root = diskRepo({ [PATH]: ORIGINAL })
    const file = path.join(root, PATH)
    const running = runCli(['sync', '--format', 'json'], { cwd: root, env: githubEnv(fake.url) })
    await createInFlight()
    writeFileSync(file, APPENDED)
    expect((await running).code).toBe(0)
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('Added by a person while sync ran.')
    expect(text).toContain('[#1](https://github.com/Codertocat/Hello-World/issues/1)')
  }, 30_000)

  it('an edit saved between the re-read and the write is kept: the write is refused, the file read again, and the references go into the newest text', async () => {
    // Found by the soak (__tests__/soak/interleavings.test.ts): the re-read and the rename were several
    // awaits apart, and a save in that window (a few ms) was overwritten.
    const root = diskRepo({ [PATH]: ORIGINAL })
    const config = syncTestConfig({ concurrency: 1 })
    let saves = 0
    const adapters = {
      files: nodeRepoFiles(root),
      async writeFile(file: string, text: string, expected?: string) {
        // The editor saves right after the re-read, the first two times.
        if (saves < 2) writeFileSync(path.join(root, file), `${readFileSync(path.join(root, file), 'utf8')}\nSaved in the window (${++saves}).\n`)
        return replaceRepoFileAtomic(root, file, text, expected)
      },
      tracker: githubTracker(config, fake.url, PATIENT)
    }
    const result = await runSync(config, { dryRun: false, trackerKind: 'github', execute: NO_WAIT }, adapters)
    const text = readFileSync(path.join(root, PATH), 'utf8')
    expect(text).toContain('Saved in the window (1).')
    expect(text).toContain('Saved in the window (2).')
    expect(text).toContain('2027-01-15 [#1](https://github.com/Codertocat/Hello-World/issues/1)')
    expect(result.changedFiles).toEqual([PATH])
    expect(result.warnings).toEqual([])
    // No temporary file left behind.
    expect(readdirSync(path.join(root, 'docs/postmortems'))).toEqual(['PM-7.md'])
  })

  it('a file that keeps changing is left as the editor saved it, with a warning', async () => {
    const root = diskRepo({ [PATH]: ORIGINAL })
    mkdirSync(path.join(root, 'docs/postmortems'), { recursive: true })
    const config = syncTestConfig({ concurrency: 1 })
    let saves = 0
    const adapters = {
      files: nodeRepoFiles(root),
      async writeFile(file: string, text: string, expected?: string) {
        writeFileSync(path.join(root, file), `${readFileSync(path.join(root, file), 'utf8')}\nSave ${++saves}.\n`)
        return replaceRepoFileAtomic(root, file, text, expected)
      },
      tracker: githubTracker(config, fake.url, PATIENT)
    }
    const result = await runSync(config, { dryRun: false, trackerKind: 'github', execute: NO_WAIT }, adapters)
    expect(saves).toBe(3)
    expect(readFileSync(path.join(root, PATH), 'utf8')).toBe(`${ORIGINAL}\nSave 1.\n\nSave 2.\n\nSave 3.\n`)
    expect(result.changedFiles).toEqual([])
    expect(result.warnings).toEqual([`${PATH}: not written back: the file kept changing while sync wrote it; its tickets exist, and the next run finds them by key and writes the references`])
  })
})
