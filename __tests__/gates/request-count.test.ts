// How many API requests one gate evaluation makes on a large pull request: 300 changed files (5 of them
// postmortems whose boxes the PR ticks, prompts and an experiment doc) in a repository of 200
// postmortems (20 of them Sev1), through the built Action against the fake GitHub API. Prints the count
// by operation; the bound below keeps it from growing with the number of postmortems.

import { describeWithContract, FakeGitHub } from '../helpers/github-server.js'
import { ActionRunner, ensureBundle, examplePayload } from '../helpers/run-action.js'
import { experimentDoc, postmortem } from './fixtures.js'

const TOKEN = 'ghs_count'
const HEAD = 'c'.repeat(40)
const BASE = 'd'.repeat(40)
const PR = 300

describeWithContract('API requests of one gate evaluation (300 changed files, 200 postmortems)', () => {
  let fake: FakeGitHub
  let runner: ActionRunner

  beforeAll(async () => {
    ensureBundle()
    fake = await FakeGitHub.start({ tokens: [TOKEN] })
    runner = new ActionRunner(fake)
  }, 120_000)
  afterAll(async () => {
    await fake.close()
    runner.cleanup()
  })

  test('counts and prints them', async () => {
    const files: Record<string, string> = {}
    const base: Record<string, string> = { '.github/reliability.yml': 'gate:\n  drills: { workflow: drills.yml }\n', '.github/workflows/drills.yml': 'on: [pull_request]\njobs: {}\n' }
    for (let i = 1; i <= 200; i++) {
      const sev1 = i <= 20
      const item = `- [${sev1 && i > 5 ? 'x' : ' '}] Follow-up ${i} :: @ana :: 2024-04-01`
      files[`docs/postmortems/PM-${i}.md`] = postmortem(i, sev1 ? 'Sev1' : 'Sev3', [item.replace('- [ ]', i <= 5 ? '- [x]' : '- [ ]')])
      // At the base, PM-1..5 (Sev1) still have their item open: this PR ticks them.
      if (i <= 5) base[`docs/postmortems/PM-${i}.md`] = postmortem(i, 'Sev1', [`- [ ] Follow-up ${i} :: @ana :: 2024-04-01`])
    }
    const changed: string[] = []
    for (let i = 1; i <= 5; i++) changed.push(`docs/postmortems/PM-${i}.md`)
    for (let i = 0; i < 40; i++) changed.push(`prompts/agent-${i}.md`)
    changed.push('docs/experiments/EXP-2024-06-03-stop.md')
    while (changed.length < 300) changed.push(`src/module-${changed.length}.ts`)
    for (const path of changed) files[path] ??= path.endsWith('.md') ? (path.includes('EXP-') ? experimentDoc() : '# prompt\n') : 'export {}\n'

    fake.gate.setFiles(BASE, base)
    fake.setPullRequestFiles(PR, changed.map((filename) => ({ filename, status: 'modified' as const })))
    fake.gate.workflows.set('drills.yml', [{ id: 1, headSha: HEAD, status: 'completed', conclusion: 'success' }])
    const payload = examplePayload('pull_request', 'synchronize') as { number: number; pull_request: Record<string, unknown> & { head: { sha: string }; base: { sha: string } } }
    payload.number = PR
    Object.assign(payload.pull_request, { number: PR, changed_files: changed.length, labels: [] })
    payload.pull_request.head.sha = HEAD
    payload.pull_request.base.sha = BASE

    const run = await runner.run({ eventName: 'pull_request', payload, token: TOKEN, files, with: { mode: 'gate' }, sha: 'e'.repeat(40) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('pass')

    const byOperation = new Map<string, number>()
    for (const q of fake.requests) byOperation.set(`${q.method} ${q.operation ?? q.path}`, (byOperation.get(`${q.method} ${q.operation ?? q.path}`) ?? 0) + 1)
    const table = [...byOperation].map(([op, n]) => `  ${String(n).padStart(3)}  ${op}`).join('\n')
    console.log(`One gate evaluation, 300 changed files, 200 postmortems: ${fake.requests.length} API requests\n${table}`)

    // 1 policy + 3 file pages + 1 drill workflow file + 5 base postmortems + 1 drill runs + 1 check-run list + 3 creates.
    expect(fake.requests.length).toBe(15)
    expect(byOperation.get('GET pulls/list-files')).toBe(3)
    expect(byOperation.get('GET repos/get-content')).toBe(7)
    expect(byOperation.get('POST checks/create')).toBe(3)
  }, 60_000)
})
