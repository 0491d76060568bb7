// The bypass record never follows a link committed in the pull request: it is written under RUNNER_TEMP
// (opened without following links), and the repository's log is read for duplicates only when it is a
// regular file inside the workspace.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BypassRecord } from '../../src/gates/bypass.js'
import { BYPASS_RECORD_PATH, writeBypassRecord } from '../../src/io/bypass-log.js'

const record: BypassRecord = {
  ts: '2024-06-01T10:00:02.114Z',
  repository: 'acme/agents',
  pull_request: 17,
  head_sha: 'a'.repeat(40),
  actor: 'ana',
  allowed_as: 'user',
  label: 'reliability-bypass',
  labeled_at: '2024-06-01T10:00:00Z',
  label_event_id: 101,
  gates: ['rollback-plan'],
  reason: 'refunds are failing',
  event: 'pull_request'
}
const SECRET = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG\n'
const temps: string[] = []
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

function setup() {
  const base = mkdtempSync(join(tmpdir(), 'rl-bypass-'))
  temps.push(base)
  const workspace = join(base, 'workspace')
  const runnerTemp = join(base, 'runner-temp')
  const outside = join(base, 'outside')
  mkdirSync(workspace)
  mkdirSync(runnerTemp)
  mkdirSync(outside)
  const secret = join(outside, 'credentials')
  writeFileSync(secret, SECRET)
  return { workspace, runnerTemp, outside, secret, target: { tempDir: runnerTemp, workspace, repositoryLog: 'reliability/bypass-log.ndjson' } }
}

describe('gate: the bypass record and links committed in the pull request', () => {
  test('a log committed as a symlink to a secret: not followed, not read, the secret untouched; the record goes to RUNNER_TEMP', async () => {
    const { workspace, runnerTemp, secret, target } = setup()
    mkdirSync(join(workspace, 'reliability'))
    symlinkSync(secret, join(workspace, 'reliability/bypass-log.ndjson'))
    const done = await writeBypassRecord(target, record)
    expect(done.outcome).toBe('written')
    expect(done.file).toBe(join(runnerTemp, BYPASS_RECORD_PATH))
    expect(done.skippedLog).toContain('is a symbolic link')
    expect(readFileSync(secret, 'utf8')).toBe(SECRET)
    expect(readFileSync(done.file, 'utf8')).toBe(`${JSON.stringify(record)}\n`)
    expect(JSON.stringify(done)).not.toContain('wJalrXUtnFEMI')
  })

  test('a log folder committed as a symlink to a folder outside: not read, nothing written there', async () => {
    const { workspace, outside, target } = setup()
    symlinkSync(outside, join(workspace, 'reliability'))
    writeFileSync(join(outside, 'bypass-log.ndjson'), `${JSON.stringify(record)}\n`)
    const done = await writeBypassRecord(target, record)
    // The outside copy claims the bypass is logged; it is not believed, and not appended to.
    expect(done.outcome).toBe('written')
    expect(done.skippedLog).toContain('symbolic link')
    expect(readFileSync(join(outside, 'bypass-log.ndjson'), 'utf8')).toBe(`${JSON.stringify(record)}\n`)
  })

  test('a regular committed log: a bypass already in it is not written again; a new one is, under RUNNER_TEMP only', async () => {
    const { workspace, runnerTemp, target } = setup()
    mkdirSync(join(workspace, 'reliability'))
    writeFileSync(join(workspace, 'reliability/bypass-log.ndjson'), `{"broken\n${JSON.stringify(record)}\n`)
    expect((await writeBypassRecord(target, record)).outcome).toBe('already-logged')
    expect(existsSync(join(runnerTemp, BYPASS_RECORD_PATH))).toBe(false)
    const other = { ...record, label_event_id: 102 }
    expect((await writeBypassRecord(target, other)).outcome).toBe('written')
    expect(readFileSync(join(workspace, 'reliability/bypass-log.ndjson'), 'utf8')).not.toContain('"label_event_id":102')
  })

  test('a link planted where the record goes under RUNNER_TEMP is refused, not followed', async () => {
    const { runnerTemp, secret, target } = setup()
    mkdirSync(join(runnerTemp, 'reliability-loop'))
    symlinkSync(secret, join(runnerTemp, BYPASS_RECORD_PATH))
    await expect(writeBypassRecord(target, record)).rejects.toThrow(/ELOOP|symbolic link/)
    expect(readFileSync(secret, 'utf8')).toBe(SECRET)
  })
})
