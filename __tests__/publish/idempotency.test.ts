// The idempotency scenario end to end, through the CLI: publish twice with the same data (no new page
// version, no second mail), then change one incident (exactly one new version; the e-mail only with --force).
import { appendFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { SMTPServer } from 'smtp-server'
import { main } from '../../src/cli/main.js'
import { describeWithConfluenceContract, FakeConfluence } from '../helpers/confluence-server.js'
import { makeRepo, rec, removeRepos } from '../review/fixtures.js'
import { REVIEW_FILES } from './fixtures.js'

let smtp: SMTPServer
let smtpPort = 0
let mails = 0
const fake = new FakeConfluence()
let base = ''

beforeAll(async () => {
  smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onData(stream, _s, callback) {
    stream.resume()
    stream.on('end', () => {
      mails++
      callback()
    })
  } })
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r))
  smtpPort = (smtp.server.address() as AddressInfo).port
  base = await fake.start()
})

afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()))
  await fake.stop()
  removeRepos()
})

describeWithConfluenceContract('publish twice, then after a change', () => {
  it('makes no new version and sends no second mail; a changed incident makes exactly one new version', async () => {
    const root = makeRepo({ ...REVIEW_FILES, '.github/reliability.yml': 'publish:\n  confluence: { space: REL }\n  email: { to: [ops@example.com], from: reliability@example.com }\n' })
    const run = async (...extra: string[]) => {
      let stdout = ''
      const code = await main(['publish', '--month', '2026-10', ...extra], { stdout: (t) => void (stdout += t), stderr: () => undefined, env: { CONFLUENCE_BASE_URL: base, CONFLUENCE_EMAIL: fake.email, CONFLUENCE_API_TOKEN: fake.token, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }, cwd: root, isTTY: false }, { now: () => new Date('2026-11-27T12:00:00Z') })
      return { code, stdout }
    }
    const page = () => [...fake.pages.values()].find((p) => p.title === 'Reliability review 2026-10')
    expect((await run()).code).toBe(0)
    expect([page()?.version, mails]).toEqual([1, 1])
    const second = await run()
    expect(second.code).toBe(0)
    expect([page()?.version, mails]).toEqual([1, 1])
    expect(second.stdout).toContain('confluence: unchanged:')
    expect(second.stdout).toContain('email: already-sent:')

    appendFileSync(path.join(root, 'logs/incidents/c.ndjson'), rec({ ts: '2026-10-31T12:00:00Z', id: 'INC-8', severity: 'Sev3', status: 'resolved', title: 'Still open' }))
    const changed = await run()
    expect(changed.code).toBe(0)
    expect([page()?.version, mails]).toEqual([2, 1])
    expect(changed.stdout).toContain('email: already-sent: already sent for 2026-10 on 2026-11-27T12:00:00.000Z with different content (the packet changed since); not sent again (use --force to send it again)')
    expect((await run('--force')).code).toBe(0)
    expect([page()?.version, mails]).toEqual([2, 2])
    expect(fake.violations).toEqual([])
  })
})
