// The fake server must refuse what GitHub refuses, or the other tests prove nothing. These requests go
// over plain node:http so nothing (octokit, fetch) fills in headers for us.

import { request as httpRequest } from 'node:http'
import { describeWithContract, FakeGitHub } from '../helpers/github-server.js'

const TOKEN = 'ghs_test_token'
const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821'

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: unknown
}

function send(base: string, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const url = new URL(path, base)
  const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method,
        headers: {
          'user-agent': 'reliability-loop-tests',
          authorization: `token ${TOKEN}`,
          ...(payload !== undefined && { 'content-type': 'application/json' }),
          ...options.headers
        }
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let body: unknown = text
          try {
            body = JSON.parse(text)
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body })
        })
      }
    )
    req.on('error', reject)
    if (payload !== undefined) req.write(payload)
    req.end()
  })
}

const annotation = (i: number) => ({ path: 'docs/postmortems/PM-1.md', start_line: i + 1, end_line: i + 1, annotation_level: 'failure', message: `finding ${i}` })

describeWithContract('fake GitHub server', () => {
  let fake: FakeGitHub
  const checkRuns = () => `/repos/${fake.owner}/${fake.repo}/check-runs`

  beforeAll(async () => {
    fake = await FakeGitHub.start({ tokens: [TOKEN] })
    fake.setPullRequestFiles(2, Array.from({ length: 7 }, (_, i) => `docs/postmortems/PM-${i}.md`))
  })
  afterAll(async () => fake.close())
  beforeEach(() => fake.reset())

  test('401 without Authorization and with an unknown token', async () => {
    const missing = await send(fake.url, 'GET', `/repos/${fake.owner}/${fake.repo}/pulls/2/files`, { headers: { authorization: '' } })
    expect(missing.status).toBe(401)
    expect(missing.body).toMatchObject({ message: 'Requires authentication' })
    const wrong = await send(fake.url, 'GET', `/repos/${fake.owner}/${fake.repo}/pulls/2/files`, { headers: { authorization: 'token nope' } })
    expect(wrong.status).toBe(401)
    expect(wrong.body).toMatchObject({ message: 'Bad credentials' })
  })

  test('403 without a User-Agent, as GitHub', async () => {
    const res = await send(fake.url, 'GET', `/repos/${fake.owner}/${fake.repo}/pulls/2/files`, { headers: { 'user-agent': '' } })
    expect(res.status).toBe(403)
  })

  test('pages pull request files with per_page, page and Link headers', async () => {
    const first = await send(fake.url, 'GET', `/repos/${fake.owner}/${fake.repo}/pulls/2/files?per_page=3`)
    expect(first.status).toBe(200)
    expect((first.body as unknown[]).length).toBe(3)
    expect(first.headers.link).toContain('rel="next"')
    const next = /<([^>]+)>; rel="next"/.exec(String(first.headers.link))?.[1] ?? ''
    expect(next).toContain(`/repositories/${fake.repoId}/pulls/2/files`)
    const last = await send(fake.url, 'GET', new URL(next).pathname.replace(/$/, '?per_page=3&page=3'))
    expect((last.body as Array<{ filename: string }>).map((f) => f.filename)).toEqual(['docs/postmortems/PM-6.md'])
    expect(String(last.headers.link)).not.toContain('rel="next"')
  })

  test('accepts a valid check run and records it', async () => {
    const res = await send(fake.url, 'POST', checkRuns(), {
      body: { name: 'reliability/lint', head_sha: HEAD, status: 'completed', conclusion: 'failure', output: { title: 't', summary: 's', annotations: [annotation(0)] } }
    })
    expect(res.status).toBe(201)
    expect(fake.checkRuns).toHaveLength(1)
    expect(fake.checkRuns[0]).toMatchObject({ head_sha: HEAD, conclusion: 'failure', annotations: [annotation(0)] })
  })

  test.each([
    ['51 annotations in one request', { name: 'n', head_sha: HEAD, output: { title: 't', summary: 's', annotations: Array.from({ length: 51 }, (_, i) => annotation(i)) } }, 'Only 50 annotations'],
    ['a head_sha that is not 40 hex digits', { name: 'n', head_sha: 'ec26c3e' }, 'No commit found for SHA: ec26c3e'],
    ['no name (schema: required)', { head_sha: HEAD }, "must have required property 'name'"],
    ['an unknown conclusion (schema: enum)', { name: 'n', head_sha: HEAD, conclusion: 'passed' }, '/conclusion must be equal to one of the allowed values'],
    ['output without a summary (schema: required)', { name: 'n', head_sha: HEAD, output: { title: 't' } }, "/output must have required property 'summary'"],
    ['an annotation without end_line (schema: required)', { name: 'n', head_sha: HEAD, output: { title: 't', summary: 's', annotations: [{ path: 'a', start_line: 1, annotation_level: 'failure', message: 'm' }] } }, "/output/annotations/0 must have required property 'end_line'"],
    ['an annotation level GitHub does not have', { name: 'n', head_sha: HEAD, output: { title: 't', summary: 's', annotations: [{ ...annotation(0), annotation_level: 'error' }] } }, '/output/annotations/0/annotation_level must be equal to one of the allowed values'],
    ['a started_at that is not a date-time (schema: format)', { name: 'n', head_sha: HEAD, started_at: 'yesterday' }, '/started_at must match format "date-time"']
  ])('422 for %s', async (_what, body, reason) => {
    const res = await send(fake.url, 'POST', checkRuns(), { body })
    expect(res.status).toBe(422)
    expect((res.body as { message: string }).message).toContain(reason)
    expect(fake.checkRuns).toHaveLength(0)
  })

  test('422 for an update that completes without a conclusion (schema: anyOf)', async () => {
    await send(fake.url, 'POST', checkRuns(), { body: { name: 'n', head_sha: HEAD, status: 'in_progress' } })
    const res = await send(fake.url, 'PATCH', `${checkRuns()}/${fake.checkRuns[0]?.id ?? 0}`, { body: { status: 'completed' } })
    expect(res.status).toBe(422)
  })

  test('400 for a body that is not JSON', async () => {
    const res = await send(fake.url, 'POST', checkRuns(), { body: '{"name":' })
    expect(res.status).toBe(400)
  })

  test('422 for a commit the repository does not have, when commits are known', async () => {
    const strict = await FakeGitHub.start({ tokens: [TOKEN], commits: [HEAD] })
    try {
      const res = await send(strict.url, 'POST', `/repos/${strict.owner}/${strict.repo}/check-runs`, { body: { name: 'n', head_sha: 'a'.repeat(40) } })
      expect(res.status).toBe(422)
      expect(res.body).toMatchObject({ message: `No commit found for SHA: ${'a'.repeat(40)}` })
    } finally {
      await strict.close()
    }
  })

  test('read-only mode answers check-run writes with 403 "Resource not accessible by integration"', async () => {
    fake.readOnly = true
    const res = await send(fake.url, 'POST', checkRuns(), { body: { name: 'n', head_sha: HEAD } })
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({ message: 'Resource not accessible by integration' })
    // Reading still works with a read-only token.
    expect((await send(fake.url, 'GET', `/repos/${fake.owner}/${fake.repo}/pulls/2/files`)).status).toBe(200)
  })

  test('404 for another repository and for unknown routes', async () => {
    expect((await send(fake.url, 'GET', '/repos/someone/else/pulls/2/files')).status).toBe(404)
    expect((await send(fake.url, 'GET', '/user')).status).toBe(404)
  })

  test('injected faults apply to the next requests of that operation only, then it answers normally', async () => {
    fake.inject('pulls/list-files', { kind: 'secondary-rate-limit', retryAfter: 7 }, { kind: 'status', status: 502 })
    const limited = await send(fake.url, 'GET', `/repos/${fake.owner}/${fake.repo}/pulls/2/files`)
    expect(limited.status).toBe(429)
    expect(limited.headers['retry-after']).toBe('7')
    expect((await send(fake.url, 'POST', checkRuns(), { body: { name: 'n', head_sha: HEAD } })).status).toBe(201)
    expect((await send(fake.url, 'GET', `/repos/${fake.owner}/${fake.repo}/pulls/2/files`)).status).toBe(502)
    expect((await send(fake.url, 'GET', `/repos/${fake.owner}/${fake.repo}/pulls/2/files`)).status).toBe(200)
    expect(fake.requestsFor('pulls/list-files').map((r) => r.status)).toEqual([429, 502, 200])
  })

  test('a reset fault drops the connection without an answer', async () => {
    fake.inject('pulls/list-files', { kind: 'reset' })
    await expect(send(fake.url, 'GET', `/repos/${fake.owner}/${fake.repo}/pulls/2/files`)).rejects.toThrow(/ECONNRESET|socket hang up/)
  })
})
