// `reliability-loop publish` in-process against a real SMTP server (smtp-server, the message parsed with
// mailparser) and a local Slack incoming webhook: what arrives, idempotency, and each fault's message.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { main } from '../../src/cli/main.js'
import { makeRepo, removeRepos } from '../review/fixtures.js'
import { REVIEW_FILES } from './fixtures.js'

const NOW = () => new Date('2026-11-27T12:00:00Z')
const PASSWORD = 's3cret-pa55'
const CONFIG = `publish:
  email: { to: [execs@example.com, ops@example.com], cc: [cx@example.com], from: reliability@example.com }
  slack: { packet-url: "https://github.com/acme/agents/blob/main/docs/reviews/{period}.md" }
`

let smtp: SMTPServer
let smtpPort = 0
const mails: ParsedMail[] = []
const raws: string[] = []
let slack: Server
let slackPort = 0
const slackBodies: Array<Record<string, unknown>> = []
let slackPlan: Array<(res: ServerResponse) => void> = []

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === PASSWORD) callback(null, { user: 'mailer' })
      else callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }))
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks)
        raws.push(raw.toString('latin1'))
        simpleParser(raw, { keepCidLinks: true })
          .then((mail) => {
            mails.push(mail)
            callback()
          })
          .catch(callback)
      })
    }
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  smtpPort = (smtp.server.address() as AddressInfo).port
  slack = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      slackBodies.push(JSON.parse(body) as Record<string, unknown>)
      const next = slackPlan.shift()
      if (next) next(res)
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    })
  })
  await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve))
  slackPort = (slack.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
  await new Promise<void>((resolve) => slack.close(() => resolve()))
  removeRepos()
})

function repo(extra: Record<string, string> = {}): string {
  return makeRepo({ ...REVIEW_FILES, '.github/reliability.yml': CONFIG, ...extra })
}

async function publish(argv: string[], root: string, env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await main(['publish', '--month', '2026-10', ...argv], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: '1', ...env }, cwd: root, isTTY: false }, { now: NOW })
  return { code, stdout, stderr }
}

const smtpUrl = (password = PASSWORD) => `smtp://mailer:${password}@127.0.0.1:${smtpPort}`
const webhook = () => `http://127.0.0.1:${slackPort}/services/T000/B000/XXXXSECRET`

describe('publish: e-mail', () => {
  it('sends one multipart/alternative message with cid charts and the markdown packet attached, once per period', async () => {
    const root = repo()
    mails.length = 0
    const first = await publish(['--to', 'email'], root, { SMTP_URL: smtpUrl() })
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/email: sent: sent "Reliability review October 2026: (red|amber|green)" to 3 recipients through 127\.0\.0\.1:\d+ \(<.+>\)/)
    expect(mails).toHaveLength(1)
    const mail = mails[0] as ParsedMail
    // multipart/mixed (the attachment) around multipart/related (the cid images) around multipart/alternative.
    expect(raws[0]).toMatch(/Content-Type: multipart\/mixed;/)
    expect(raws[0]).toMatch(/Content-Type: multipart\/related;/)
    expect(raws[0]).toMatch(/Content-Type: multipart\/alternative;/)
    expect(raws[0]).toMatch(/Content-Type: text\/plain; charset=utf-8/)
    expect(raws[0]).toMatch(/Content-Type: text\/html; charset=utf-8/)
    expect(mail.subject).toMatch(/^Reliability review October 2026: (red|amber|green)$/)
    expect(mail.from?.text).toBe('reliability@example.com')
    expect((Array.isArray(mail.to) ? mail.to : [mail.to]).map((a) => a?.text).join()).toBe('execs@example.com, ops@example.com')
    expect((Array.isArray(mail.cc) ? mail.cc : [mail.cc]).map((a) => a?.text).join()).toBe('cx@example.com')
    expect(mail.headers.get('x-reliability-review-period')).toBe('2026-10')
    expect(mail.text).toContain('Incidents: 2 (0 Sev1)')
    expect(mail.text).toContain('The full packet is attached (2026-10.md)')
    expect(mail.html).toContain('<title>Reliability review: October 2026</title>')
    const cids = [...String(mail.html).matchAll(/src="cid:([a-z-]+)"/g)].map((m) => m[1])
    expect(cids).toEqual(['audit-means', 'incidents-by-severity', 'time-to-resolve'])
    for (const cid of cids) {
      const image = mail.attachments.find((a) => a.cid === cid)
      expect(image?.contentType).toBe('image/png')
      expect(image?.content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
      expect(image?.content.length).toBeGreaterThan(5_000)
    }
    const packet = mail.attachments.find((a) => a.filename === '2026-10.md')
    expect(packet?.content.toString()).toMatch(/^# Reliability review: October 2026\n/)
    expect(packet?.content.toString()).toContain('### Incidents by month')
    // The record says what went out; a second run does not send again.
    const record = readFileSync(path.join(root, 'reliability/published.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(record).toEqual([expect.objectContaining({ period: '2026-10', channel: 'email', outcome: 'sent', id: mail.messageId, hash: expect.stringMatching(/^[0-9a-f]{64}$/) })])
    const second = await publish(['--to', 'email'], root, { SMTP_URL: smtpUrl() })
    expect(second.code).toBe(0)
    expect(second.stdout).toContain('email: already-sent: already sent for 2026-10 on 2026-11-27T12:00:00.000Z with the same content; not sent again (use --force to send it again)')
    expect(mails).toHaveLength(1)
    const forced = await publish(['--to', 'email', '--force'], root, { SMTP_URL: smtpUrl() })
    expect(forced.code).toBe(0)
    expect(mails).toHaveLength(2)
    expect(first.stdout + second.stdout + forced.stdout).not.toContain(PASSWORD)
  })

  it('names a refused login (535) and what to check, never the password, and exits 1', async () => {
    const root = repo()
    const { code, stdout } = await publish(['--to', 'email'], root, { SMTP_URL: smtpUrl('wrong-password-x') })
    expect(code).toBe(1)
    expect(stdout).toMatch(/email: failed: SMTP login to 127\.0\.0\.1:\d+ was refused \(535\).*check the user and password in SMTP_URL/)
    expect(stdout).not.toContain('wrong-password-x')
  })

  it('names a refused connection', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const { code, stdout } = await publish(['--to', 'email'], repo(), { SMTP_URL: `smtp://mailer:${PASSWORD}@127.0.0.1:${port}` })
    expect(code).toBe(1)
    expect(stdout).toContain(`email: failed: cannot connect to the SMTP server 127.0.0.1:${port}: connection refused; check the host and port in SMTP_URL`)
    expect(stdout).not.toContain(PASSWORD)
  })

  it('fails with the variable to set when SMTP_URL is missing', async () => {
    const { code, stdout } = await publish(['--to', 'email'], repo())
    expect(code).toBe(1)
    expect(stdout).toContain('email: failed: SMTP_URL not set')
  })
})

describe('publish: Slack', () => {
  it('posts a Block Kit summary with the status per area, the key numbers and the packet link', async () => {
    slackBodies.length = 0
    const root = repo()
    const { code, stdout } = await publish(['--to', 'slack'], root, { SLACK_WEBHOOK_URL: webhook() })
    expect(code).toBe(0)
    expect(stdout).toMatch(/slack: sent: posted the summary of 2026-10 to the webhook at 127\.0\.0\.1:\d+/)
    expect(stdout).not.toContain('XXXXSECRET')
    const body = slackBodies[0] as { text: string; blocks: Array<Record<string, unknown>> }
    expect(body.text).toMatch(/^Reliability review October 2026: (red|amber|green) \(Incidents: 2 \(0 Sev1\); Overdue action items: /)
    expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: expect.stringMatching(/^Reliability review October 2026: /) } })
    expect(JSON.stringify(body.blocks[1])).toContain('*Incidents*')
    expect(JSON.stringify(body.blocks[2])).toContain('*Time to resolve:* median 1 h 35 min, worst 1 h 35 min')
    expect(JSON.stringify(body.blocks[3])).toContain('<https://github.com/acme/agents/blob/main/docs/reviews/2026-10.md|Packet file>')
  })

  it('waits out a 429 with Retry-After and retries a 5xx, then succeeds', async () => {
    slackBodies.length = 0
    slackPlan = [(res) => res.writeHead(429, { 'retry-after': '1' }).end('rate_limited'), (res) => res.writeHead(503).end('unavailable')]
    const started = Date.now()
    const { code, stdout } = await publish(['--to', 'slack'], repo(), { SLACK_WEBHOOK_URL: webhook() })
    expect(code).toBe(0)
    expect(stdout).toContain('slack: sent:')
    expect(slackBodies).toHaveLength(3)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
  })

  it('says what to check on a 4xx and on a 5xx that persists, the other channels still going', async () => {
    slackPlan = [(res) => res.writeHead(404).end('no_service')]
    const gone = await publish(['--to', 'slack,email'], repo(), { SLACK_WEBHOOK_URL: webhook(), SMTP_URL: smtpUrl() })
    expect(gone.code).toBe(1)
    expect(gone.stdout).toContain('slack: failed: the Slack webhook answered 404 no_service; check SLACK_WEBHOOK_URL: the webhook may have been revoked')
    expect(gone.stdout).toContain('email: sent:')
    slackPlan = [0, 1, 2].map(() => (res: ServerResponse) => res.writeHead(500).end('boom'))
    const down = await publish(['--to', 'slack'], repo(), { SLACK_WEBHOOK_URL: webhook() })
    expect(down.code).toBe(1)
    expect(down.stdout).toContain('slack: failed: the Slack webhook answered 500 boom')
    expect(down.stdout).not.toContain('XXXXSECRET')
  }, 20_000)
})

describe('publish: channels and configuration', () => {
  it('skips a channel that is not configured with a line, and fails when nothing asked for is configured', async () => {
    const root = makeRepo({ ...REVIEW_FILES, '.github/reliability.yml': 'publish:\n  slack: {}\n' })
    const some = await publish(['--to', 'slack,confluence'], root, { SLACK_WEBHOOK_URL: webhook() })
    expect(some.code).toBe(0)
    expect(some.stdout).toContain('confluence: skipped: not configured (no publish.confluence (space or page-id) in the publish: section); skipped')
    const none = await publish(['--to', 'confluence'], root)
    expect(none.code).toBe(1)
  })

  it('exits 2 on an unknown channel, a config without publish:, and an invalid publish: section', async () => {
    expect((await publish(['--to', 'fax'], repo())).code).toBe(2)
    const bare = await publish([], makeRepo(REVIEW_FILES))
    expect(bare.code).toBe(2)
    expect(bare.stderr).toContain('no channel is configured')
    const invalid = await publish([], makeRepo({ ...REVIEW_FILES, '.github/reliability.yml': 'publish:\n  email: { to: [not-an-address], from: x@example.com }\n  confluence: { title: "x" }\n' }))
    expect(invalid.code).toBe(2)
    expect(invalid.stderr).toContain('publish.email.to')
  })

  it('prints JSON with --format json, and a dry run sends nothing', async () => {
    mails.length = 0
    slackBodies.length = 0
    const root = repo()
    const { code, stdout } = await publish(['--dry-run', '--format', 'json'], root, { SMTP_URL: smtpUrl(), SLACK_WEBHOOK_URL: webhook() })
    expect(code).toBe(0)
    const json = JSON.parse(stdout) as { dryRun: boolean; results: Array<{ channel: string; outcome: string }>; charts: Array<{ bytes: number; alt: string }> }
    expect(json.dryRun).toBe(true)
    expect(json.results.map((r) => [r.channel, r.outcome])).toEqual([['email', 'dry-run'], ['slack', 'dry-run']])
    expect(json.charts).toHaveLength(3)
    expect(mails).toHaveLength(0)
    expect(slackBodies).toHaveLength(0)
  })
})
