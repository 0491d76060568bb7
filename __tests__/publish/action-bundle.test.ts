// `mode: publish` through the built bundle (dist/index.js), as a workflow runs it: the charts render from the
// wasm and font copied beside the bundle, Confluence gets its page, a failing channel fails the step while
// the others go, and no secret appears in the log.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { ensureBundle, runActionBundle } from '../helpers/run-action.js'
import { describeWithConfluenceContract, FakeConfluence } from '../helpers/confluence-server.js'
import { makeRepo, removeRepos } from '../review/fixtures.js'
import { REVIEW_FILES } from './fixtures.js'

const dirs: string[] = []
beforeAll(ensureBundle, 120_000)
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
  removeRepos()
})

describeWithConfluenceContract('publish through dist/index.js', () => {
  it('publishes to Confluence, fails the step for an e-mail without SMTP_URL, and prints no secret', async () => {
    const fake = new FakeConfluence()
    const base = await fake.start()
    try {
      const scratch = mkdtempSync(join(tmpdir(), 'rl-publish-action-'))
      dirs.push(scratch)
      const workspace = makeRepo({ ...REVIEW_FILES, '.github/reliability.yml': 'publish:\n  confluence: { space: REL }\n  email: { to: [ops@example.com], from: reliability@example.com }\n' })
      const run = await runActionBundle(scratch, {
        workspace,
        eventName: 'schedule',
        payload: { schedule: '0 6 1 * *', repository: { full_name: 'acme/agents' } },
        with: { mode: 'publish', 'publish-month': '2026-10', 'confluence-api-token': fake.token },
        env: { CONFLUENCE_BASE_URL: base, CONFLUENCE_EMAIL: fake.email },
        sha: '9d5c2f0b6e3a41c7a8f1e2d3c4b5a69788f0e1d2',
        repository: 'acme/agents'
      })
      expect(fake.violations).toEqual([])
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/confluence: created: created page \d+ "Reliability review 2026-10" \(version 1\) with 3 charts/)
      expect(run.errors.map((e) => e.message).join('\n')).toContain('email: failed: SMTP_URL not set')
      expect(run.outputs['publish-period']).toBe('2026-10')
      expect(JSON.parse(run.outputs['publish-results'] ?? '[]')).toEqual([expect.objectContaining({ channel: 'confluence', outcome: 'created', version: 1 }), expect.objectContaining({ channel: 'email', outcome: 'failed' })])
      expect(run.summary).toContain('| confluence | created |')
      // Masked first (the runner hides it from then on), never printed otherwise.
      expect(run.stdout).toContain(`::add-mask::${fake.token}`)
      expect(run.stdout.replaceAll(`::add-mask::${fake.token}`, '')).not.toContain(fake.token)
      const page = [...fake.pages.values()].find((p) => p.title === 'Reliability review 2026-10')
      expect(page?.attachments.size).toBe(3)
      // Postmortems link to the repository's files.
      expect(page?.body).toContain('<a href="https://github.com/acme/agents/blob/HEAD/docs/postmortems/PM-7.md">PM-7</a>')
    } finally {
      await fake.stop()
    }
  }, 60_000)
})
