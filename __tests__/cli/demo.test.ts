// `npm run demo` piped into a file or a pager is plain text; colour only on a terminal or when
// FORCE_COLOR asks for it, and NO_COLOR is honoured.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from '@jest/globals'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const CLI = path.join(REPO, 'dist/cli.js')

function newestMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name)
    return Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }, 0)
}

beforeAll(() => {
  const stale = !existsSync(CLI) || statSync(CLI).mtimeMs < newestMtime(path.join(REPO, 'src'))
  if (stale) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'pipe' })
}, 120_000)

/** Runs the demo with stdout piped; resolves with its output and exit code. */
function demo(extraEnv: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv }
  for (const key of ['NODE_OPTIONS', 'FORCE_COLOR', 'NO_COLOR', 'CI']) if (!(key in extraEnv)) delete env[key]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/demo.mjs'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, out }))
  })
}

describe('npm run demo', () => {
  it('prints no escape codes when piped, even with NO_COLOR unset; FORCE_COLOR=1 colours it', async () => {
    const [plain, forced] = await Promise.all([demo({}), demo({ FORCE_COLOR: '1' })])
    expect(plain.code).toBe(0)
    expect(plain.out).toContain('$ reliability-loop lint --no-cache')
    expect(plain.out).not.toContain('\u001b[')
    // Issue 15: a decision written into the October packet is planned as a (dry-run) ticket.
    expect(plain.out).toMatch(/create\s+–\s+docs\/reviews\/2026-10\.md:\d+\s+maria\.chen\s+2026-11-30\s+Page the on-call when a refund loops more than 3 times/)
    expect(forced.out).toContain('\u001b[1m$ reliability-loop lint --no-cache')
  }, 240_000)
})
