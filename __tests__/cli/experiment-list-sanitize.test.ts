// `experiment list` prints names and owners from files anyone can commit: escape sequences and control
// characters in them never reach the terminal, and no printed line starts a workflow command.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it } from '@jest/globals'
import { main } from '../../src/cli/main.js'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const EXAMPLE = 'docs/experiments/EXP-2026-10-16-stop-after-empty-searches.md'
const temps: string[] = []
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

it('experiment list strips escape sequences and control characters from names and owners', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'rl-exp-sanitize-'))
  temps.push(root)
  const hostile = readFileSync(path.join(REPO, EXAMPLE), 'utf8')
    .replace(/^name: .*$/m, 'name: "Stop \\e]0;pwned\\a\\e[31mafter\\e[0m two\\r\\n::set-output name=x::y\\x07 searches"')
    .replace(/^owner: .*$/m, 'owner: "@maria\\e[2J.chen"')
  mkdirSync(path.join(root, 'docs/experiments'), { recursive: true })
  writeFileSync(path.join(root, EXAMPLE), hostile)
  let stdout = ''
  let stderr = ''
  const code = await main(['experiment', 'list'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd: root, isTTY: false })
  expect(stderr).toBe('')
  expect(code).toBe(0)
  expect(stdout).toContain('Stop after two')
  expect(stdout).toContain('searches')
  expect(stdout).toContain('@maria.chen')
  // No ESC, BEL, CR or other control character but the newlines between rows; no line a runner would obey.
  expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
  for (const line of stdout.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false)
  expect(stdout.split('\n').filter((l) => l.includes('searches'))).toHaveLength(1)
})
