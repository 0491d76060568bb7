// The fake server's gate endpoints answer in GitHub's shape (checked against the contract's response
// schemas), refuse what GitHub refuses, and the src/github modules of the gate read them correctly.

import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { Ajv } from 'ajv'
import { createGitHubClient, type GitHubClient } from '../../src/github/client.js'
import { compareCommits } from '../../src/github/compare-commits.js'
import { createCheckRun } from '../../src/github/create-check-run.js'
import { getCommitDate } from '../../src/github/get-commit-date.js'
import { getFileAtRef } from '../../src/github/get-file-at-ref.js'
import { getPullRequest } from '../../src/github/get-pull-request.js'
import { isActiveTeamMember } from '../../src/github/get-team-membership.js'
import { getTreePaths } from '../../src/github/get-tree-paths.js'
import { listCheckRunsForRef } from '../../src/github/list-check-runs-for-ref.js'
import { listLabelEvents } from '../../src/github/list-label-events.js'
import { findOpenPullRequestsByHead } from '../../src/github/list-open-pull-requests.js'
import { listPullRequestsForCommit } from '../../src/github/list-pull-requests-for-commit.js'
import { latestWorkflowRunForSha } from '../../src/github/list-workflow-runs.js'
import { updateCheckRun } from '../../src/github/update-check-run.js'
import { CONTRACT_PATH, convertNullable, describeWithContract, FakeGitHub } from '../helpers/github-server.js'

const TOKEN = 'ghs_test_token'
const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821'
const BASE = '380387fbc80638b734a49e1be1c4dfec1c01b33c'
const FORK_HEAD = '1'.repeat(40)

function get(base: string, path: string, accept = 'application/vnd.github+json'): Promise<{ status: number; body: unknown; type: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), { headers: { 'user-agent': 't', authorization: `token ${TOKEN}`, accept } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let body: unknown = text
        try {
          body = JSON.parse(text)
        } catch {
          // raw
        }
        resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) })
      })
    })
    req.on('error', reject)
    req.end()
  })
}

type Json = Parameters<typeof convertNullable>[0]

describeWithContract('fake GitHub server: the gate endpoints', () => {
  let fake: FakeGitHub
  let client: GitHubClient
  const repo = { owner: 'Codertocat', repo: 'Hello-World' }
  let responseSchema: (path: string) => (body: unknown) => string[]

  beforeAll(async () => {
    fake = await FakeGitHub.start({ tokens: [TOKEN] })
    client = createGitHubClient({ token: TOKEN, baseUrl: fake.url, log: { info: () => {}, warning: () => {} }, retryBaseMs: 1 })
    const contract = convertNullable(JSON.parse(readFileSync(CONTRACT_PATH, 'utf8')) as Json) as {
      paths: Record<string, { get: { responses: Record<string, { content?: Record<string, { schema: Json }> }> } }>
      components: Json
    }
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
    responseSchema = (path) => {
      const schema = contract.paths[path]?.get.responses['200']?.content?.['application/json']?.schema
      if (!schema || typeof schema !== 'object') throw new Error(`no response schema for ${path}`)
      const validate = ajv.compile({ ...(schema as object), components: contract.components })
      return (body) => (validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`))
    }
  })
  afterAll(() => fake.close())
  beforeEach(() => {
    fake.reset()
    fake.gate.reset()
    fake.gate.setFiles(BASE, { '.github/reliability.yml': 'gate:\n  sev1-actions: { block: overdue }\n', 'prompts/a.md': 'v1' })
    fake.gate.pulls.set(17, { number: 17, headSha: HEAD, baseSha: BASE, title: 'Tune the prompt', body: 'Fixes ENG-12', labels: ['reliability-fix'] })
    fake.gate.pulls.set(18, { number: 18, headSha: FORK_HEAD, baseSha: BASE, fork: true })
    fake.gate.workflows.set('drills.yml', [
      { id: 1, headSha: HEAD, status: 'completed', conclusion: 'failure', createdAt: '2024-06-01T10:00:00Z' },
      { id: 2, headSha: HEAD, status: 'completed', conclusion: 'success', runAttempt: 2, createdAt: '2024-06-01T11:00:00Z' },
      { id: 3, headSha: BASE, status: 'in_progress' }
    ])
    fake.gate.externalCheckRuns.push({ name: 'drills', headSha: HEAD, status: 'completed', conclusion: 'failure', startedAt: '2024-06-01T10:00:00Z', suiteId: 1 })
    fake.gate.externalCheckRuns.push({ name: 'drills', headSha: HEAD, status: 'completed', conclusion: 'success', startedAt: '2024-06-01T11:00:00Z', suiteId: 2 })
    fake.gate.issueEvents.set(17, [
      { label: 'reliability-bypass', actor: 'mallory', createdAt: '2024-06-01T09:00:00Z' },
      { label: 'reliability-bypass', actor: 'mallory', action: 'unlabeled', createdAt: '2024-06-01T09:01:00Z' },
      { label: 'reliability-bypass', actor: 'ana', createdAt: '2024-06-01T09:02:00Z' }
    ])
    fake.gate.teams.set('acme/sre', ['ana'])
    fake.gate.commitDates.set(HEAD, '2024-06-01T09:30:00Z')
    fake.gate.comparisons.set(`${BASE}...${HEAD}`, [{ filename: 'prompts/a.md' }, { filename: 'tools/old.py', status: 'removed' }])
  })

  test('answers match the contract’s response schemas', async () => {
    const cases: Array<[string, string]> = [
      ['/repos/{owner}/{repo}/pulls/{pull_number}', '/repos/Codertocat/Hello-World/pulls/17'],
      ['/repos/{owner}/{repo}/pulls', '/repos/Codertocat/Hello-World/pulls?state=open'],
      ['/repos/{owner}/{repo}/commits/{commit_sha}/pulls', `/repos/Codertocat/Hello-World/commits/${HEAD}/pulls`],
      ['/repos/{owner}/{repo}/compare/{basehead}', `/repos/Codertocat/Hello-World/compare/${BASE}...${HEAD}`],
      ['/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', `/repos/Codertocat/Hello-World/actions/workflows/drills.yml/runs?head_sha=${HEAD}`],
      ['/repos/{owner}/{repo}/commits/{ref}/check-runs', `/repos/Codertocat/Hello-World/commits/${HEAD}/check-runs`],
      ['/repos/{owner}/{repo}/issues/{issue_number}/events', '/repos/Codertocat/Hello-World/issues/17/events'],
      ['/orgs/{org}/teams/{team_slug}/memberships/{username}', '/orgs/acme/teams/sre/memberships/ana'],
      ['/repos/{owner}/{repo}/commits/{ref}', `/repos/Codertocat/Hello-World/commits/${HEAD}`],
      ['/repos/{owner}/{repo}/git/trees/{tree_sha}', `/repos/Codertocat/Hello-World/git/trees/${BASE}?recursive=1`],
      ['/repos/{owner}/{repo}/contents/{path}', `/repos/Codertocat/Hello-World/contents/prompts/a.md?ref=${BASE}`]
    ]
    for (const [template, path] of cases) {
      const answer = await get(fake.url, path)
      expect([path, answer.status]).toEqual([path, 200])
      const body = answer.body
      if (template.endsWith('/contents/{path}')) continue // a oneOf of file, directory, symlink and submodule: checked below
      expect([path, responseSchema(template)(body)]).toEqual([path, []])
    }
    const file = await get(fake.url, `/repos/Codertocat/Hello-World/contents/prompts/a.md?ref=${BASE}`)
    expect(file.body).toMatchObject({ type: 'file', encoding: 'base64', content: Buffer.from('v1').toString('base64'), path: 'prompts/a.md' })
    const raw = await get(fake.url, `/repos/Codertocat/Hello-World/contents/prompts/a.md?ref=${BASE}`, 'application/vnd.github.raw')
    expect(raw).toMatchObject({ status: 200, body: 'v1' })
    expect(raw.type).toContain('application/vnd.github.raw')
  })

  test('refuses what GitHub refuses: bad enum values, unknown refs and workflows, team reads without organisation access', async () => {
    expect((await get(fake.url, `/repos/Codertocat/Hello-World/commits/${HEAD}/check-runs?filter=newest`)).status).toBe(422)
    expect((await get(fake.url, '/repos/Codertocat/Hello-World/pulls?state=merged')).status).toBe(422)
    expect((await get(fake.url, '/repos/Codertocat/Hello-World/actions/workflows/nope.yml/runs')).status).toBe(404)
    expect((await get(fake.url, `/repos/Codertocat/Hello-World/contents/prompts/a.md?ref=${'9'.repeat(40)}`)).status).toBe(404)
    expect((await get(fake.url, `/repos/Codertocat/Hello-World/commits/${'9'.repeat(40)}`)).status).toBe(422)
    fake.gate.teamsForbidden = true
    expect((await get(fake.url, '/orgs/acme/teams/sre/memberships/ana')).status).toBe(403)
  })

  test('the gate’s API modules read them', async () => {
    expect(await getFileAtRef(client, { ...repo, path: '.github/reliability.yml', ref: BASE })).toBe('gate:\n  sev1-actions: { block: overdue }\n')
    expect(await getFileAtRef(client, { ...repo, path: '.github/reliability.yaml', ref: BASE })).toBeUndefined()
    await expect(getFileAtRef(client, { ...repo, path: 'prompts', ref: BASE })).rejects.toThrow('is not a file')

    expect(await getPullRequest(client, { ...repo, pullNumber: 17 })).toMatchObject({ number: 17, headSha: HEAD, baseSha: BASE, labels: ['reliability-fix'], body: 'Fixes ENG-12', headRepository: 'Codertocat/Hello-World' })
    expect((await getPullRequest(client, { ...repo, pullNumber: 18 })).headRepository).toBe('a-contributor/Hello-World')

    expect(await listPullRequestsForCommit(client, { ...repo, sha: HEAD })).toEqual([17])
    expect(await listPullRequestsForCommit(client, { ...repo, sha: FORK_HEAD })).toEqual([])
    expect(await findOpenPullRequestsByHead(client, { ...repo, sha: FORK_HEAD })).toEqual([18])

    expect(await compareCommits(client, { ...repo, base: BASE, head: HEAD })).toEqual({
      files: [
        { path: 'prompts/a.md', status: 'modified' },
        { path: 'tools/old.py', status: 'removed' }
      ],
      truncated: false
    })

    expect(await latestWorkflowRunForSha(client, { ...repo, workflow: 'drills.yml', headSha: HEAD })).toMatchObject({ id: 2, status: 'completed', conclusion: 'success', runAttempt: 2 })
    expect(await latestWorkflowRunForSha(client, { ...repo, workflow: 'drills.yml', headSha: FORK_HEAD })).toBeUndefined()
    expect(fake.requestsFor('actions/list-workflow-runs').at(-1)?.query).toMatchObject({ head_sha: FORK_HEAD })

    const runs = await listCheckRunsForRef(client, { ...repo, ref: HEAD, checkName: 'drills' })
    expect(runs.map((r) => r.conclusion)).toEqual(['success', 'failure'])

    expect(await listLabelEvents(client, { ...repo, issueNumber: 17 })).toEqual([
      expect.objectContaining({ action: 'labeled', actor: 'mallory' }),
      expect.objectContaining({ action: 'unlabeled', actor: 'mallory' }),
      expect.objectContaining({ action: 'labeled', actor: 'ana', createdAt: '2024-06-01T09:02:00Z' })
    ])
    expect(await isActiveTeamMember(client, { org: 'acme', teamSlug: 'sre', username: 'ana' })).toBe(true)
    expect(await isActiveTeamMember(client, { org: 'acme', teamSlug: 'sre', username: 'mallory' })).toBe(false)
    expect(await getCommitDate(client, { ...repo, sha: HEAD })).toBe('2024-06-01T09:30:00Z')
    expect(await getTreePaths(client, { ...repo, sha: BASE })).toEqual({ paths: ['.github/reliability.yml', 'prompts/a.md'], truncated: false })
  })

  test('check runs: created in progress, listed, then completed by an update that appends annotations 50 per request', async () => {
    const created = await createCheckRun(client, { ...repo, name: 'reliability/drills', headSha: HEAD, title: 'Drills running', summary: 's', annotations: [] })
    expect(fake.checkRuns[0]).toMatchObject({ status: 'in_progress', conclusion: null })
    const listed = await listCheckRunsForRef(client, { ...repo, ref: HEAD })
    expect(listed.find((r) => r.id === created.id)).toMatchObject({ name: 'reliability/drills', status: 'in_progress' })
    const annotations = Array.from({ length: 60 }, (_, i) => ({ path: 'a.md', start_line: i + 1, end_line: i + 1, annotation_level: 'failure' as const, message: `m${i}` }))
    const updated = await updateCheckRun(client, { ...repo, checkRunId: created.id, conclusion: 'failure', title: 'Drills failed', summary: 's2', annotations })
    expect(updated.requests).toBe(2)
    expect(fake.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(fake.checkRuns[0]?.annotations).toHaveLength(60)
  })
})
