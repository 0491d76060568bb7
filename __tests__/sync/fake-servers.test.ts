// The fake trackers answer in the vendors' own shapes: responses of the issue routes of the fake GitHub
// and of the fake Jira are validated against the response schemas of the same contracts that their
// requests are validated against.

import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { CONTRACT_PATH, describeWithContract, FakeGitHub } from '../helpers/github-server.js'
import { describeWithJiraContract, FakeJira, JIRA_CONTRACT_PATH, parseJql } from '../helpers/jira-server.js'
import { JIRA_EMAIL, JIRA_TOKEN, TOKEN } from './helpers.js'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
function nullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(nullable)
  if (node === null || typeof node !== 'object') return node
  const out: { [key: string]: Json } = {}
  for (const [k, v] of Object.entries(node)) if (k !== 'nullable') out[k] = nullable(v)
  if (node.nullable !== true) return out
  if (typeof out.type !== 'string') return { anyOf: [out, { type: 'null' }] }
  return { ...out, type: [out.type, 'null'], ...(Array.isArray(out.enum) && { enum: [...out.enum, null] }) }
}

function validator(path: string, schema: string) {
  const contract = nullable(JSON.parse(readFileSync(path, 'utf8')) as Json) as { components: Json }
  const ajv = new Ajv({ strict: false, allErrors: true })
  for (const f of ['int64', 'int32', 'uri', 'date-time', 'date', 'email', 'uri-template']) ajv.addFormat(f, () => true)
  return ajv.compile({ $ref: `#/components/schemas/${schema}`, components: contract.components })
}

describeWithContract('the fake GitHub issue routes answer in GitHub’s shapes', () => {
  let fake: FakeGitHub
  beforeAll(async () => {
    fake = await FakeGitHub.start({ tokens: [TOKEN] })
  })
  afterAll(async () => {
    await fake.close()
  })

  it('issues and milestones validate against the contract’s `issue` and `milestone` schemas', async () => {
    const headers = { authorization: `token ${TOKEN}`, 'user-agent': 'test', 'content-type': 'application/json' }
    const api = `${fake.url}/repos/${fake.owner}/${fake.repo}`
    const milestone = (await (await fetch(`${api}/milestones`, { method: 'POST', headers, body: JSON.stringify({ title: 'Due 2027-01-15', due_on: '2027-01-15T00:00:00Z' }) })).json()) as { number: number }
    fake.issueTracker.assignable.add('ana')
    const created = await fetch(`${api}/issues`, { method: 'POST', headers, body: JSON.stringify({ title: 'x', body: 'y', labels: ['reliability'], assignees: ['ana'], milestone: milestone.number }) })
    expect(created.status).toBe(201)
    const issue = validator(CONTRACT_PATH, 'issue')
    const body = await created.json()
    expect(issue(body) ? [] : issue.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([])
    const list = (await (await fetch(`${api}/issues?state=all&labels=reliability`, { headers })).json()) as unknown[]
    expect(list).toHaveLength(1)
    for (const i of list) expect(issue(i) ? [] : issue.errors).toEqual([])
    expect(validator(CONTRACT_PATH, 'milestone')(milestone)).toBe(true)
    // What GitHub refuses: an assignee who cannot be assigned, a bad `state`, a body without a title.
    expect((await fetch(`${api}/issues`, { method: 'POST', headers, body: JSON.stringify({ title: 'x', assignees: ['mallory'] }) })).status).toBe(422)
    expect((await fetch(`${api}/issues?state=done`, { headers })).status).toBe(422)
    expect((await fetch(`${api}/issues`, { method: 'POST', headers, body: JSON.stringify({ body: 'no title' }) })).status).toBe(422)
  })
})

describeWithJiraContract('the fake Jira answers in Jira’s shapes', () => {
  let fake: FakeJira
  beforeAll(async () => {
    fake = await FakeJira.start({ tokens: { [JIRA_EMAIL]: JIRA_TOKEN }, searchLag: 0 })
  })
  afterAll(async () => {
    await fake.close()
  })

  it('create, search, transitions and user search validate against the contract’s response schemas', async () => {
    const headers = { authorization: `Basic ${Buffer.from(`${JIRA_EMAIL}:${JIRA_TOKEN}`).toString('base64')}`, 'content-type': 'application/json' }
    const created = await (await fetch(`${fake.url}/rest/api/3/issue`, { method: 'POST', headers, body: JSON.stringify({ fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 's', labels: ['reliability'] } }) })).json()
    expect(validator(JIRA_CONTRACT_PATH, 'CreatedIssue')(created)).toBe(true)
    const search = await (await fetch(`${fake.url}/rest/api/3/search/jql`, { method: 'POST', headers, body: JSON.stringify({ jql: 'project = OPS AND labels = reliability', fields: ['summary', 'status'], maxResults: 10 }) })).json()
    const results = validator(JIRA_CONTRACT_PATH, 'SearchAndReconcileResults')
    expect(results(search) ? [] : results.errors).toEqual([])
    const transitions = await (await fetch(`${fake.url}/rest/api/3/issue/OPS-1/transitions`, { headers })).json()
    expect(validator(JIRA_CONTRACT_PATH, 'Transitions')(transitions)).toBe(true)
    const users = (await (await fetch(`${fake.url}/rest/api/3/user/search?query=ana%40example.com`, { headers })).json()) as unknown[]
    const user = validator(JIRA_CONTRACT_PATH, 'User')
    expect(users.length).toBe(1)
    for (const u of users) expect(user(u)).toBe(true)
  })

  it('parses the JQL sync sends, and refuses what it does not understand', () => {
    expect(parseJql('project = "OPS" AND labels in ("rl-a", "rl-b") ORDER BY created ASC')).toEqual({
      any: [[{ field: 'project', op: '=', values: ['OPS'] }, { field: 'labels', op: 'in', values: ['rl-a', 'rl-b'] }]],
      orderBy: { field: 'created', desc: false }
    })
    expect(() => parseJql('project ~ OPS')).toThrow(/not supported/)
    expect(() => parseJql('ORDER BY key')).toThrow(/Unbounded/)
  })
})
