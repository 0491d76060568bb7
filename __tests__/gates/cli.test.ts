// `reliability-loop gate` in-process (main(argv, io)): --local on real temporary git repositories, --pr
// against the fake GitHub server. Exit codes: 0 pass, 1 fail, 3 pending, 2 usage or configuration.

import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { main, type CliIo } from '../../src/cli/main.js'
import { describeWithContract, FakeGitHub } from '../helpers/github-server.js'
import { experimentDoc, postmortem } from './fixtures.js'

const EXAMPLES = fileURLToPath(new URL('../../examples/gate/', import.meta.url))
const temps: string[] = []
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' })
}

function write(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), text)
  }
}

/** A repository with the example base committed on `main` and a branch `change` checked out. */
function exampleRepo(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rl-gate-'))
  temps.push(root)
  git(root, 'init', '-q', '-b', 'main')
  cpSync(path.join(EXAMPLES, 'base'), root, { recursive: true })
  git(root, 'add', '-A')
  git(root, 'commit', '-qm', 'base')
  git(root, 'checkout', '-qb', 'change')
  return root
}

async function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd, isTTY: false }
  const code = await main(args, io, { now: () => new Date('2024-06-10T12:00:00Z') })
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as { result: string; gates: Array<{ id: string; conclusion: string; title: string; summary: string; details: unknown }> } }
}

describe('gate --local', () => {
  test('a prompt change without an experiment doc fails (exit 1); with one it passes (exit 0); uncommitted changes count', async () => {
    const root = exampleRepo()
    cpSync(path.join(EXAMPLES, 'change'), root, { recursive: true })
    let r = await cli(['gate', '--local', '--base', 'main', '--drill-result', 'success', '--format', 'json'], root)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    expect(r.json()).toMatchObject({
      result: 'fail',
      gates: [
        { id: 'drills', conclusion: 'success', title: 'Drills passed' },
        { id: 'sev1-actions', conclusion: 'success' },
        { id: 'rollback-plan', conclusion: 'failure', title: 'No experiment doc for a prompt/tool change' }
      ]
    })
    expect(Object.keys(r.json())).toEqual(['result', 'gates'])
    expect(Object.keys(r.json().gates[0] ?? {})).toEqual(['id', 'conclusion', 'title', 'summary', 'details'])
    // The data, not only the words: which files are gated and what covers them.
    expect(r.json().gates[2]?.details).toEqual({
      gate: 'rollback-plan',
      gatedGlobs: ['prompts/**', 'tools/**', 'agents/**'],
      experimentGlobs: ['docs/experiments/**/EXP-*.md'],
      truncated: false,
      gated: [{ path: 'prompts/support-agent.md', status: 'modified' }],
      docs: []
    })
    expect(r.json().gates[0]?.details).toEqual({ gate: 'drills', observation: { kind: 'job', result: 'success' }, skippedCountsAsSuccess: false, edited: [] })

    cpSync(path.join(EXAMPLES, 'experiment'), root, { recursive: true })
    git(root, 'add', '-A')
    git(root, 'commit', '-qm', 'change')
    r = await cli(['gate', '--local', '--base', 'main', '--drill-result', 'success', '--format', 'json'], root)
    expect(r.code).toBe(0)
    expect(r.json().result).toBe('pass')
    expect(r.json().gates[2]?.title).toBe('Rollback plan present (1 experiment doc)')
    expect(r.json().gates[2]?.details).toMatchObject({ gated: [{ path: 'prompts/support-agent.md', coveredBy: 'docs/experiments/EXP-2024-06-03-shorter-support-answers.md' }] })

    // The text report is written as text: no markdown tables, links or emphasis to strip.
    r = await cli(['gate', '--local', '--base', 'main', '--drill-result', 'success'], root)
    expect(r.stdout).toContain('    `prompts/support-agent.md`  ·  `docs/experiments/EXP-2024-06-03-shorter-support-answers.md`')
    expect(r.stdout).not.toMatch(/\| ---|\]\(|\*\*[A-Za-z]|<br>/)
  })

  test('text report; without --drill-result the drill gate is unknown (neutral) and does not decide the exit code', async () => {
    const root = exampleRepo()
    const r = await cli(['gate', '--local', '--base', 'main'], root)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('○ drills  Drill result unknown  (neutral)')
    expect(r.stdout).toContain('✔ rollback-plan  Not applicable: no prompt, tool or agent changes')
    expect(r.stdout).toMatch(/Policy: `\.github\/reliability\.yml` at main \(`[0-9a-f]{7}`\)\.\ngate: pass\n$/)
    expect(r.stdout).not.toContain('\u001b[')
  })

  test('an open Sev1 item fails; ticking it in the change passes and says it was closed', async () => {
    const root = exampleRepo()
    const open = postmortem(9, 'Sev1', ['- [ ] Alert on duplicate refunds :: @ana :: 2024-07-01'])
    write(root, { 'docs/postmortems/PM-9.md': open })
    git(root, 'add', '-A')
    git(root, 'commit', '-qm', 'open item')
    git(root, 'branch', '-f', 'main')
    let r = await cli(['gate', '--local', '--base', 'main', '--format', 'json'], root)
    expect(r.code).toBe(1)
    expect(r.json().gates[1]).toMatchObject({ conclusion: 'failure', title: '1 open Sev1 action item in 1 postmortem' })
    expect(r.json().gates[1]?.summary).toContain('docs/postmortems/PM-9.md:')
    write(root, { 'docs/postmortems/PM-9.md': open.replace('- [ ]', '- [x]') })
    r = await cli(['gate', '--local', '--base', 'main', '--format', 'json'], root)
    expect(r.code).toBe(0)
    expect(r.json().gates[1]?.title).toBe('No open Sev1 action items (1 closed by this change)')
  })

  test('the policy comes from --base, not from the working tree; --config overrides it on purpose', async () => {
    const root = exampleRepo()
    cpSync(path.join(EXAMPLES, 'change'), root, { recursive: true })
    write(root, { '.github/reliability.yml': 'gate:\n  drills: { source: job }\n  rollback-plan: { paths: ["nothing/**"] }\n' })
    let r = await cli(['gate', '--local', '--base', 'main', '--format', 'json'], root)
    expect(r.code).toBe(1)
    r = await cli(['gate', '--local', '--base', 'main', '--format', 'json', '--config', '.github/reliability.yml'], root)
    expect(r.code).toBe(0)
  })

  test('usage and configuration errors exit 2 and say what to do', async () => {
    const root = exampleRepo()
    const outside = mkdtempSync(path.join(tmpdir(), 'rl-nogit-'))
    temps.push(outside)
    const cases: Array<[string[], string, string]> = [
      [['gate'], root, 'say what to gate: --local --base <ref> or --pr <number|url>'],
      [['gate', '--local'], root, '--local needs --base <ref>'],
      [['gate', '--local', '--base', 'nope'], root, '--base nope: no such branch, tag or commit'],
      [['gate', '--local', '--base', 'main', '--pr', '1'], root, '--local and --pr cannot be used together'],
      [['gate', '--local', '--base', 'main'], outside, 'is not inside a git working tree'],
      [['gate', '--local', '--base', 'main', '--drill-result', 'green'], root, "argument 'green' is invalid"],
      [['gate', '--pr', '12'], outside, 'which repository?'],
      [['gate', '--pr', 'https://github.com/o/r/pull/12'], outside, '--pr needs a GitHub token in GITHUB_TOKEN']
    ]
    for (const [args, cwd, message] of cases) {
      const r = await cli(args, cwd)
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2])
      expect(r.stderr).toContain(message)
    }
    write(root, { '.github/reliability.yml': 'gate:\n  bypass: { label: 7 }\n' })
    git(root, 'add', '-A')
    git(root, 'commit', '-qm', 'bad policy')
    const r = await cli(['gate', '--local', '--base', 'HEAD'], root)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('.github/reliability.yml:2:')
    expect(r.stderr).toContain('gate.bypass.label: must be text')
  })
})

describe('gate --local --base <unknown ref>: hints that apply to this repository', () => {
  test('without a remote: close branch names, and no git fetch', async () => {
    const root = exampleRepo()
    git(root, 'branch', 'maint')
    const r = await cli(['gate', '--local', '--base', 'mian'], root)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--base mian: no such branch, tag or commit')
    expect(r.stderr).toMatch(/did you mean main\b/)
    expect(r.stderr).toContain('maint')
    expect(r.stderr).not.toContain('git fetch')
    expect(r.stderr).toContain('no remote')
  })

  test('with a remote: the fetch command for that remote', async () => {
    const root = exampleRepo()
    const bare = mkdtempSync(path.join(tmpdir(), 'rl-bare-'))
    temps.push(bare)
    git(bare, 'init', '-q', '--bare')
    git(root, 'remote', 'add', 'upstream', bare)
    const r = await cli(['gate', '--local', '--base', 'upstream/release-7'], root)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('git fetch upstream release-7')
    expect(r.stderr).not.toContain('git fetch origin')
  })
})

describeWithContract('gate --pr (dry run against the fake GitHub API)', () => {
  const TOKEN = 'ghs_cli_token'
  const HEAD = 'a1'.repeat(20)
  const BASE = 'b2'.repeat(20)
  let fake: FakeGitHub
  let cwd: string
  const env = () => ({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.url })

  beforeAll(async () => {
    fake = await FakeGitHub.start({ tokens: [TOKEN] })
    cwd = mkdtempSync(path.join(tmpdir(), 'rl-pr-'))
    temps.push(cwd)
  })
  afterAll(() => fake.close())
  beforeEach(() => {
    fake.reset()
    fake.gate.reset()
    fake.gate.setFiles(BASE, { '.github/reliability.yml': 'gate:\n  drills: { workflow: drills.yml }\n', '.github/workflows/drills.yml': 'on: [pull_request]\njobs: {}\n' })
    fake.gate.setFiles(HEAD, { 'prompts/a.md': 'v2', 'docs/experiments/EXP-1.md': experimentDoc(), 'docs/postmortems/PM-1.md': postmortem(1, 'Sev1', ['- [x] Done :: @ana :: 2024-01-01']) })
    fake.gate.pulls.set(5, { number: 5, headSha: HEAD, baseSha: BASE, title: 'Prompt v2' })
    fake.setPullRequestFiles(5, [{ filename: 'prompts/a.md', status: 'modified' }, { filename: 'docs/experiments/EXP-1.md', status: 'added' }])
    fake.gate.workflows.set('drills.yml', [{ id: 1, headSha: HEAD, status: 'completed', conclusion: 'success' }])
  })

  test('reads the pull request, its base policy and its head files through the API, and posts nothing', async () => {
    const r = await cli(['gate', '--pr', `https://github.com/${fake.owner}/${fake.repo}/pull/5`, '--format', 'json'], cwd, env())
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.json().gates.map((g) => g.conclusion)).toEqual(['success', 'success', 'success'])
    expect(fake.requests.filter((q) => q.method !== 'GET')).toEqual([])
    expect(fake.requestsFor('git/get-tree')).toHaveLength(1)
    expect(fake.requestsFor('repos/get-content').map((q) => `${decodeURIComponent(q.path.split('/contents/')[1] ?? '')}@${q.query.ref?.slice(0, 4) ?? ''}`).sort()).toEqual(
      ['.github/reliability.yml@b2b2', '.github/workflows/drills.yml@b2b2', 'docs/experiments/EXP-1.md@a1a1', 'docs/postmortems/PM-1.md@a1a1'].sort()
    )
  })

  test('drills still running: exit 3 (pending); a missing PR or a bad token: exit 2 with a hint', async () => {
    fake.gate.workflows.set('drills.yml', [{ id: 2, headSha: HEAD, status: 'queued' }])
    let r = await cli(['gate', '--pr', '5', '--repo', `${fake.owner}/${fake.repo}`], cwd, env())
    expect(r.code).toBe(3)
    expect(r.stdout).toContain('… drills  Drills running  (pending)')
    expect(r.stdout).toContain('gate: pending')

    r = await cli(['gate', '--pr', '6', '--repo', `${fake.owner}/${fake.repo}`], cwd, env())
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`cannot read pull request ${fake.owner}/${fake.repo}#6: 404`)
    r = await cli(['gate', '--pr', '5', '--repo', `${fake.owner}/${fake.repo}`], cwd, { ...env(), GITHUB_TOKEN: 'nope' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('hint: GITHUB_TOKEN is not valid')
  })

  test('no drill run yet: pending without waiting (the dry run reports the state now)', async () => {
    fake.gate.workflows.set('drills.yml', [])
    fake.gate.commitDates.set(HEAD, '2024-06-10T11:59:00Z')
    const r = await cli(['gate', '--pr', '5', '--repo', `${fake.owner}/${fake.repo}`, '--format', 'json'], cwd, env())
    expect(r.code).toBe(3)
    expect(r.json().gates[0]).toMatchObject({ conclusion: 'pending', title: 'Waiting for the drills to start' })
    expect(fake.requestsFor('actions/list-workflow-runs')).toHaveLength(1)
  })
})
