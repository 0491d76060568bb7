// The GitHub client and the two operations the lint Action uses, against the fake GitHub server:
// pagination, the 3000-file cap, retries on 5xx/resets/timeouts, rate limits, check-run batching.

import { createGitHubClient, errorStatus, type GitHubClientOptions } from '../../src/github/client.js'
import { ANNOTATIONS_PER_REQUEST, createCheckRun, PartialCheckRunError, type CheckRunAnnotation } from '../../src/github/create-check-run.js'
import { listPullRequestFiles, PULL_REQUEST_FILES_CAP } from '../../src/github/list-pull-request-files.js'
import { describeWithContract, FakeGitHub, type PullRequestFile } from '../helpers/github-server.js'

const TOKEN = 'ghs_test_token'
const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821'

describeWithContract('GitHub client', () => {
  let fake: FakeGitHub
  let infos: string[]
  let warnings: string[]

  const client = (options: Partial<GitHubClientOptions> = {}) =>
    createGitHubClient({
      token: TOKEN,
      baseUrl: fake.url,
      log: { info: (m) => infos.push(m), warning: (m) => warnings.push(m) },
      retryBaseMs: 5,
      requestTimeoutMs: 2000,
      ...options
    })
  const list = (options: Partial<GitHubClientOptions> = {}, pullNumber = 2) =>
    listPullRequestFiles(client(options), { owner: fake.owner, repo: fake.repo, pullNumber })

  beforeAll(async () => {
    fake = await FakeGitHub.start({ tokens: [TOKEN] })
    fake.setPullRequestFiles(2, ['docs/postmortems/PM-1.md', { filename: 'docs/postmortems/PM-9.md', status: 'removed' }, 'README.md'])
  })
  afterAll(async () => fake.close())
  beforeEach(() => {
    fake.reset()
    infos = []
    warnings = []
  })

  describe('listPullRequestFiles', () => {
    test('follows the Link headers 100 at a time and leaves out removed files', async () => {
      const files: PullRequestFile[] = Array.from({ length: 250 }, (_, i) => ({
        filename: `docs/postmortems/PM-${i}.md`,
        status: i % 10 === 0 ? 'removed' : i % 10 === 1 ? 'renamed' : 'modified',
        ...(i % 10 === 1 && { previous_filename: `docs/old/PM-${i}.md` })
      }))
      fake.setPullRequestFiles(7, files)
      const result = await list({}, 7)
      expect(result.listed).toBe(250)
      expect(result.truncated).toBe(false)
      expect(result.files).toEqual(files.filter((f) => f.status !== 'removed').map((f) => f.filename))
      const requests = fake.requestsFor('pulls/list-files')
      expect(requests.map((r) => [r.query.per_page, r.query.page ?? '1'])).toEqual([
        ['100', '1'],
        ['100', '2'],
        ['100', '3']
      ])
      // The next pages come from GitHub's Link header, not from URLs we build.
      expect(requests[1]?.path).toBe(`/repositories/${fake.repoId}/pulls/7/files`)
      expect(requests.every((r) => r.headers.authorization === `token ${TOKEN}`)).toBe(true)
    })

    test('says when GitHub’s 3000-file cap may hide files', async () => {
      fake.setPullRequestFiles(8, Array.from({ length: 3100 }, (_, i) => `src/file-${i}.ts`))
      const result = await list({}, 8)
      expect(result).toMatchObject({ listed: PULL_REQUEST_FILES_CAP, truncated: true })
      expect(fake.requestsFor('pulls/list-files')).toHaveLength(30)
    })

    test('retries a 502, then answers', async () => {
      fake.inject('pulls/list-files', { kind: 'status', status: 502 })
      expect((await list()).files).toEqual(['docs/postmortems/PM-1.md', 'README.md'])
      expect(fake.requestsFor('pulls/list-files').map((r) => r.status)).toEqual([502, 200])
      expect(infos.join('\n')).toMatch(/GET \S*\/repos\/Codertocat\/Hello-World\/pulls\/2\/files\S* failed \(attempt 1\): Server Error/)
    })

    test('retries 500 and 503 in a row', async () => {
      fake.inject('pulls/list-files', { kind: 'status', status: 500 }, { kind: 'status', status: 503 })
      expect((await list()).files).toHaveLength(2)
      expect(fake.requestsFor('pulls/list-files').map((r) => r.status)).toEqual([500, 503, 200])
    })

    test('retries after a connection reset', async () => {
      fake.inject('pulls/list-files', { kind: 'reset' })
      expect((await list()).files).toHaveLength(2)
      expect(fake.requestsFor('pulls/list-files')).toHaveLength(2)
    })

    test('abandons a stalled request after the timeout and retries it', async () => {
      fake.inject('pulls/list-files', { kind: 'timeout' })
      const started = Date.now()
      expect((await list({ requestTimeoutMs: 300 })).files).toHaveLength(2)
      expect(Date.now() - started).toBeGreaterThanOrEqual(300)
      expect(fake.requestsFor('pulls/list-files')).toHaveLength(2)
      expect(infos.join('\n')).toContain('no response from GitHub within 0.3 s')
    })

    test('waits out a secondary rate limit (429, retry-after) and logs it', async () => {
      fake.inject('pulls/list-files', { kind: 'secondary-rate-limit', retryAfter: 2 })
      expect((await list()).files).toHaveLength(2)
      expect(fake.requestsFor('pulls/list-files').map((r) => r.status)).toEqual([429, 200])
      expect(infos).toEqual([expect.stringMatching(/secondary rate limit on GET \S*pulls\/2\/files\S*: retrying in 2 s \(retry 1 of 3\)/)])
      expect(warnings).toEqual([])
    })

    test('waits out the primary rate limit (x-ratelimit-remaining: 0)', async () => {
      fake.inject('pulls/list-files', { kind: 'rate-limit', resetInSeconds: 1 })
      expect((await list()).files).toHaveLength(2)
      expect(fake.requestsFor('pulls/list-files').map((r) => r.status)).toEqual([403, 200])
      expect(infos[0]).toMatch(/GitHub rate limit on GET \S+: retrying in \d+ s/)
    })

    test('gives up on rate limits after the configured number of retries', async () => {
      fake.inject('pulls/list-files', ...Array.from({ length: 5 }, () => ({ kind: 'secondary-rate-limit' as const, retryAfter: 1 })))
      const error: unknown = await list({ rateLimitRetries: 2 }).catch((e: unknown) => e)
      expect(errorStatus(error)).toBe(429)
      expect(fake.requestsFor('pulls/list-files')).toHaveLength(3)
      expect(warnings.at(-1)).toMatch(/giving up after 2 retries/)
    })

    test('does not wait for a rate limit longer than it is willing to', async () => {
      fake.inject('pulls/list-files', { kind: 'secondary-rate-limit', retryAfter: 3600 })
      const error: unknown = await list({ maxRateLimitWaitSeconds: 60 }).catch((e: unknown) => e)
      expect(errorStatus(error)).toBe(429)
      expect(fake.requestsFor('pulls/list-files')).toHaveLength(1)
      expect(warnings[0]).toMatch(/asks to wait 3600 s, longer than the 60 s/)
    })

    test('gives up on server errors after the configured retries', async () => {
      fake.inject('pulls/list-files', ...Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 502 as const })))
      const error: unknown = await list({ retries: 2 }).catch((e: unknown) => e)
      expect(errorStatus(error)).toBe(502)
      expect(fake.requestsFor('pulls/list-files')).toHaveLength(3)
    })

    test('does not retry a bad token', async () => {
      const error: unknown = await list({ token: 'ghs_wrong' }).catch((e: unknown) => e)
      expect(errorStatus(error)).toBe(401)
      expect(fake.requestsFor('pulls/list-files')).toHaveLength(1)
    })
  })

  describe('createCheckRun', () => {
    const annotations = (n: number): CheckRunAnnotation[] =>
      Array.from({ length: n }, (_, i) => ({
        path: `docs/postmortems/PM-${i % 3}.md`,
        start_line: i + 1,
        end_line: i + 1,
        start_column: 1,
        end_column: 1,
        annotation_level: i % 2 === 0 ? 'failure' : 'warning',
        message: `finding ${i}`,
        title: 'PM007 action-item-format'
      }))
    const create = (n: number, options: Partial<GitHubClientOptions> = {}) =>
      createCheckRun(client(options), {
        owner: fake.owner,
        repo: fake.repo,
        name: 'reliability/lint',
        headSha: HEAD,
        conclusion: 'failure',
        title: `${n} errors`,
        summary: 'the summary',
        annotations: annotations(n)
      })

    test.each([
      [0, [0]],
      [1, [1]],
      [50, [50]],
      [51, [50, 1]],
      [120, [50, 50, 20]]
    ])('%i annotations go out in requests of at most 50: %j', async (n, sizes) => {
      const created = await create(n)
      const writes = fake.requests.filter((r) => r.operation === 'checks/create' || r.operation === 'checks/update')
      expect(writes.map((r) => r.operation)).toEqual(['checks/create', ...sizes.slice(1).map(() => 'checks/update')])
      expect(writes.map((r) => (r.body as { output: { annotations: unknown[] } }).output.annotations.length)).toEqual(sizes)
      expect(writes.every((r) => r.status < 300)).toBe(true)
      expect(created.requests).toBe(sizes.length)
      expect(fake.checkRuns).toHaveLength(1)
      expect(fake.checkRuns[0]).toMatchObject({ id: created.id, head_sha: HEAD, name: 'reliability/lint', status: 'completed', conclusion: 'failure' })
      expect(fake.checkRuns[0]?.annotations).toEqual(annotations(n))
      expect(ANNOTATIONS_PER_REQUEST).toBe(50)
    })

    test('a read-only token gets 403 once, without retries', async () => {
      fake.readOnly = true
      const error: unknown = await create(3).catch((e: unknown) => e)
      expect(errorStatus(error)).toBe(403)
      expect(fake.requestsFor('checks/create')).toHaveLength(1)
      expect(fake.checkRuns).toHaveLength(0)
    })

    test('when appending fails for good, says how many annotations made it', async () => {
      fake.inject('checks/update', ...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 500 as const })))
      const error: unknown = await create(120, { retries: 2 }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(PartialCheckRunError)
      expect(error).toMatchObject({ annotationsSent: 50, annotationsTotal: 120 })
      // Completed from the first request, so it is not left "in progress".
      expect(fake.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' })
      expect(fake.checkRuns[0]?.annotations).toHaveLength(50)
    })

    test('cuts what would exceed GitHub’s limits instead of getting a 422', async () => {
      const long = annotations(1).map((a) => ({ ...a, title: 'T'.repeat(400), message: 'M'.repeat(70_000), start_line: 3, end_line: 5 }))
      await createCheckRun(client(), {
        owner: fake.owner,
        repo: fake.repo,
        name: 'reliability/lint',
        headSha: HEAD,
        conclusion: 'neutral',
        title: 'long',
        summary: 'S'.repeat(70_000),
        annotations: long
      })
      const run = fake.checkRuns[0]
      expect(run?.output.summary?.length).toBe(65535)
      expect(run?.annotations[0]?.title?.length).toBe(255)
      expect(run?.annotations[0]?.message.length).toBe(64 * 1024)
      // Columns are only allowed on single-line annotations.
      expect(run?.annotations[0]).not.toHaveProperty('start_column')
    })
  })
})
