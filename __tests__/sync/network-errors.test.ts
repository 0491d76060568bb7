// A tracker that cannot be reached is said in words, with the place: "connection refused (127.0.0.1:port)",
// never "500" (Octokit's status for every network failure) or a bare "fetch failed".

import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { runSync } from '../../src/modes/sync.js'
import { networkFailure } from '../../src/util/network-error.js'
import { diskRepo, githubEnv, removeDiskRepos, runCli } from './cli-helpers.js'
import { FAST_TRANSPORT, githubTracker, jiraTracker, linearTracker, memoryRepo, NO_WAIT, postmortemText, syncTestConfig } from './helpers.js'

const PATH = 'docs/postmortems/PM-7.md'
const TEXT = postmortemText(7, [{ summary: 'Add an idempotency key', owner: 'ana', due: '2027-01-15' }])
let closedPort = 0
let base = ''

beforeAll(async () => {
  // A port that was just free: nothing listens on it.
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closedPort = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  base = `http://127.0.0.1:${closedPort}`
})
afterAll(removeDiskRepos)

describe('networkFailure', () => {
  it('finds the code anywhere in the cause chain, with the address or the host', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED', address: '10.0.0.1', port: 443 })
    expect(networkFailure(new Error('fetch failed', { cause: refused }))).toEqual({ code: 'ECONNREFUSED', text: 'connection refused (10.0.0.1:443)' })
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND jira.example'), { code: 'ENOTFOUND', hostname: 'jira.example' })
    expect(networkFailure(new Error('x', { cause: new Error('y', { cause: notFound }) }))?.text).toBe('host not found (jira.example)')
    expect(networkFailure(new Error('plain'))).toBeUndefined()
  })
})

describe('trackers nobody answers for', () => {
  const transport = { ...FAST_TRANSPORT, retries: 1 }
  for (const [name, make] of [
    ['github', (c: ReturnType<typeof syncTestConfig>) => githubTracker(c, base, transport)],
    ['linear', (c: ReturnType<typeof syncTestConfig>) => linearTracker(c, `${base}/graphql`, transport)],
    ['jira', (c: ReturnType<typeof syncTestConfig>) => jiraTracker(c, base, 'cloud', transport)]
  ] as const) {
    it(`${name}: the run stops with "connection refused (127.0.0.1:port)"`, async () => {
      const config = syncTestConfig()
      const error = await runSync(config, { dryRun: false, trackerKind: name, execute: NO_WAIT }, memoryRepo({ [PATH]: TEXT }).adapters(make(config))).catch((e: unknown) => e)
      expect((error as Error).message).toContain(`connection refused (127.0.0.1:${closedPort})`)
      expect((error as Error).message).not.toMatch(/\b500\b|fetch failed/)
    })
  }

  it('the CLI says it could not reach the tracker, without a status', async () => {
    // GitHub's client retries for about 14 s before giving up.
    const { code, stderr } = await runCli(['sync'], { cwd: diskRepo({ [PATH]: TEXT }), env: githubEnv(base) })
    expect(code).toBe(1)
    expect(stderr).toMatch(new RegExp(`^error: could not reach the github tracker \\(connection refused \\(127\\.0\\.0\\.1:${closedPort}\\): the request did not reach GitHub\\); nothing was written\\nhint: check the base URL`))
    expect(stderr).not.toMatch(/\b500\b/)
  }, 60_000)
})
