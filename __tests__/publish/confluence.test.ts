// `reliability-loop publish --to confluence` in-process against a fake Confluence Cloud that validates every
// v2 request against Confluence's OpenAPI description: page creation, idempotency by content hash, one new
// version per change, 409 and 429, pages not ours, credentials that fail.
import { appendFileSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, expect, it } from '@jest/globals'
import { main } from '../../src/cli/main.js'
import { describeWithConfluenceContract, FakeConfluence } from '../helpers/confluence-server.js'
import { makeRepo, rec, removeRepos } from '../review/fixtures.js'
import { REVIEW_FILES } from './fixtures.js'

const NOW = () => new Date('2026-11-27T12:00:00Z')
const CONFIG = 'publish:\n  confluence: { space: REL, parent-id: "123456", labels: [reliability-review, monthly] }\n'

let fake: FakeConfluence
let base = ''

afterAll(removeRepos)

async function publish(root: string, argv: string[] = [], env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await main(['publish', '--month', '2026-10', '--to', 'confluence', ...argv], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: '1', CONFLUENCE_BASE_URL: base, CONFLUENCE_EMAIL: fake.email, CONFLUENCE_API_TOKEN: fake.token, ...env }, cwd: root, isTTY: false }, { now: NOW })
  return { code, stdout, stderr }
}

const ourPages = () => [...fake.pages.values()].filter((p) => p.id !== '123456')

describeWithConfluenceContract('publish: Confluence Cloud', () => {
  afterEach(async () => {
    expect(fake.violations).toEqual([])
    await fake.stop()
  })
  const start = async () => {
    fake = new FakeConfluence()
    base = await fake.start()
  }

  it('creates the page under its parent with the storage body, the charts attached, the labels and the hash; unchanged content makes no new version; a changed incident exactly one', async () => {
    await start()
    const root = makeRepo({ ...REVIEW_FILES, '.github/reliability.yml': CONFIG })
    const first = await publish(root)
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/confluence: created: created page \d+ "Reliability review 2026-10" \(version 1\) with 3 charts: http:\/\/confluence\.test\/wiki\/spaces\/REL\/pages\/\d+/)
    const [page] = ourPages()
    expect(page).toMatchObject({ title: 'Reliability review 2026-10', parentId: '123456', spaceId: '9001', version: 1 })
    expect(page?.body).toContain('<ri:attachment ri:filename="audit-means.png" />')
    expect(page?.body).toContain('<ac:structured-macro ac:name="status">')
    expect([...(page?.attachments.keys() ?? [])].sort()).toEqual(['audit-means.png', 'incidents-by-severity.png', 'time-to-resolve.png'])
    for (const a of page?.attachments.values() ?? []) expect(a.bytes.subarray(1, 4).toString()).toBe('PNG')
    expect([...(page?.labels ?? [])]).toEqual(['reliability-review', 'monthly'])
    expect((page?.properties.get('reliability-loop')?.value as { period: string }).period).toBe('2026-10')

    const writes = () => fake.count('updatePage') + fake.count('createPage') + fake.count('uploadAttachment')
    const before = writes()
    const again = await publish(root)
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/confluence: unchanged: page \d+ already has this content \(version 1\); no new version/)
    expect(writes()).toBe(before)
    expect(page?.version).toBe(1)

    appendFileSync(path.join(root, 'logs/incidents/c.ndjson'), rec({ ts: '2026-10-31T10:00:00Z', id: 'INC-8', severity: 'Sev3', status: 'resolved', title: 'Still open' }))
    const changed = await publish(root)
    expect(changed.code).toBe(0)
    expect(changed.stdout).toMatch(/confluence: updated: updated page \d+ "Reliability review 2026-10" \(version 2\)/)
    expect(page?.version).toBe(2)
    expect(page?.versionMessage).toMatch(/^reliability-loop [0-9a-f]{12}$/)
    expect(fake.count('updatePage')).toBe(1)
    expect((await publish(root)).stdout).toContain('(version 2); no new version')
    expect(page?.version).toBe(2)
    const records = readFileSync(path.join(root, 'reliability/published.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { outcome: string; version: number; id: string })
    expect(records.map((r) => [r.outcome, r.version])).toEqual([['created', 1], ['updated', 2]])
    expect(first.stdout + again.stdout + changed.stdout).not.toContain(fake.token)
  })

  it('reads the page again and retries once on a 409, and waits out a 429', async () => {
    await start()
    const root = makeRepo({ ...REVIEW_FILES, '.github/reliability.yml': CONFIG })
    expect((await publish(root)).code).toBe(0)
    const [page] = ourPages()
    appendFileSync(path.join(root, 'logs/incidents/c.ndjson'), rec({ ts: '2026-10-31T11:00:00Z', id: 'INC-8', severity: 'Sev3', status: 'resolved', title: 'Still open' }))
    // Someone saves the page between our read and our write (twice: version 3, then 4).
    fake.fail('updatePage', { status: 409, effect: () => void (page && (page.version = 3)) })
    fake.fail('getPages', { status: 429, retryAfter: '1' })
    const { code, stdout } = await publish(root)
    expect(code).toBe(0)
    expect(stdout).toContain('(version 4)')
    expect(page?.version).toBe(4)
    expect(fake.count('updatePage')).toBe(2)
    expect(fake.count('getPageById')).toBe(1)
  })

  it('never overwrites a page of the same title it did not create, unless its id is configured; the other channels still go', async () => {
    await start()
    fake.addPage({ id: '555', spaceId: '9001', title: 'Reliability review 2026-10', body: '<p>Hand-written notes</p>' })
    const root = makeRepo({ ...REVIEW_FILES, '.github/reliability.yml': `${CONFIG}  slack: {}\n` })
    const refused = await publish(root, ['--to', 'confluence,slack'])
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain('confluence: failed: a page titled "Reliability review 2026-10" already exists (id 555) and was not created by reliability-loop, so it is not overwritten; check publish.confluence.page-id: "555"')
    expect(refused.stdout).toContain('slack: failed: SLACK_WEBHOOK_URL not set')
    expect(fake.pages.get('555')?.body).toBe('<p>Hand-written notes</p>')
    const byId = makeRepo({ ...REVIEW_FILES, '.github/reliability.yml': 'publish:\n  confluence: { page-id: "555" }\n' })
    const updated = await publish(byId)
    expect(updated.code).toBe(0)
    expect(fake.pages.get('555')?.version).toBe(2)
    expect(fake.pages.get('555')?.body).toContain('Executive summary')
  })

  it('names the credentials to check on a 401, and the space on an unknown space key', async () => {
    await start()
    const root = makeRepo({ ...REVIEW_FILES, '.github/reliability.yml': CONFIG })
    const denied = await publish(root, [], { CONFLUENCE_API_TOKEN: 'wrong-token-abc' })
    expect(denied.code).toBe(1)
    expect(denied.stdout).toContain('confluence: failed: Confluence rejected the credentials (looking up space REL: 401')
    expect(denied.stdout).toContain('check CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN')
    expect(denied.stdout).not.toContain('wrong-token-abc')
    const other = makeRepo({ ...REVIEW_FILES, '.github/reliability.yml': 'publish:\n  confluence: { space: NOPE }\n' })
    const missing = await publish(other)
    expect(missing.code).toBe(1)
    expect(missing.stdout).toContain('confluence: failed: Confluence space NOPE was not found; check publish.confluence.space')
  })

  it('fails with a clear message after 5xx persists', async () => {
    await start()
    fake.fail('getSpaces', { status: 502 }, { status: 502 }, { status: 502 })
    const { code, stdout } = await publish(makeRepo({ ...REVIEW_FILES, '.github/reliability.yml': CONFIG }))
    expect(code).toBe(1)
    expect(stdout).toContain('confluence: failed: Confluence failed (looking up space REL: 502')
  }, 20_000)
})

describeWithConfluenceContract('publish: Confluence Data Center (personal access token, v1 content API)', () => {
  it('creates the page, makes no new version for unchanged content and exactly one for a change', async () => {
    fake = new FakeConfluence('dc')
    base = await fake.start()
    try {
      const root = makeRepo({ ...REVIEW_FILES, '.github/reliability.yml': CONFIG })
      const env = { CONFLUENCE_PAT: fake.pat, CONFLUENCE_EMAIL: '', CONFLUENCE_API_TOKEN: '' }
      const first = await publish(root, [], env)
      expect(first.stdout).toMatch(/confluence: created: created page \d+ "Reliability review 2026-10" \(version 1\) with 3 charts: http:\/\/dc\.test\/pages\/viewpage\.action\?pageId=\d+/)
      expect(first.code).toBe(0)
      const [page] = ourPages()
      expect(page).toMatchObject({ parentId: '123456', version: 1 })
      expect(page?.attachments.size).toBe(3)
      expect([...(page?.labels ?? [])]).toEqual(['reliability-review', 'monthly'])
      expect((await publish(root, [], env)).stdout).toContain('already has this content (version 1); no new version')
      appendFileSync(path.join(root, 'logs/incidents/c.ndjson'), rec({ ts: '2026-10-31T10:00:00Z', id: 'INC-8', severity: 'Sev3', status: 'resolved', title: 'Still open' }))
      const changed = await publish(root, [], env)
      expect(changed.code).toBe(0)
      expect(page?.version).toBe(2)
      expect(fake.count('updatePage')).toBe(1)
      expect(first.stdout + changed.stdout).not.toContain(fake.pat)
      expect(fake.violations).toEqual([])
    } finally {
      await fake.stop()
    }
  })
})
