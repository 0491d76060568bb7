// For the sync tests that run the CLI in-process on real files: a temporary repository on disk, the
// environment for the fake GitHub, and main(argv, io) with what it printed.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import { main, type CliIo } from '../../src/cli/main.js'
import { FakeGitHub } from '../helpers/github-server.js'
import { TOKEN } from './helpers.js'

const diskRepos: string[] = []

/** A temporary repository on disk with these files (repository-relative paths); removed by removeDiskRepos(). */
export function diskRepo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'rl-sync-'))
  diskRepos.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

export function removeDiskRepos(): void {
  for (const root of diskRepos.splice(0)) rmSync(root, { recursive: true, force: true })
}

/** The CLI's environment for the fake GitHub's repository. */
export function githubEnv(apiUrl: string): Record<string, string> {
  return { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'Codertocat/Hello-World', GITHUB_API_URL: apiUrl }
}

/** `reliability-loop …` in-process through main(argv, io), with what it printed. */
export async function runCli(argv: string[], options: { cwd: string; env?: Record<string, string>; tty?: boolean }): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: options.env ?? {}, cwd: options.cwd, isTTY: options.tty ?? false, columns: 100 }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

/**
 * One fake GitHub for the enclosing describe block: started before its tests, closed after them, and reset
 * before each (with `ana` assignable). Returns a getter, since the server exists only once started.
 */
export function fakeGitHubPerBlock(): () => FakeGitHub {
  let fake: FakeGitHub | undefined
  beforeAll(async () => {
    fake = await FakeGitHub.start()
  })
  afterAll(async () => {
    await fake?.close()
  })
  beforeEach(() => {
    fake?.reset()
    fake?.issueTracker.assignable.add('ana')
  })
  return () => {
    if (!fake) throw new Error('the fake GitHub is not started yet')
    return fake
  }
}
