// The Action bundle (dist/index.js, Node 24) with `mode: experiment`, run as the runner runs it: what
// GitHub would see is checked (annotations, outputs, job summary, exit code), and that it calls no API.

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { describeWithContract, FakeGitHub, REPO_ROOT } from '../helpers/github-server.js'
import { ActionRunner, ensureBundle, examplePayload } from '../helpers/run-action.js'

const TOKEN = 'ghs_experimentModeTokenNeverUsed'
const HEAD_SHA = '9d5c2f0b6e3a41c7a8f1e2d3c4b5a69788f0e1d2'
const MERGE_SHA = '0b1c2d3e4f5061728394a5b6c7d8e9f00112233a'
const EXAMPLES = join(REPO_ROOT, 'docs', 'experiments')

const actionYml = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { outputs: Record<string, unknown> }

/** The repository's example experiments (and template), as workspace files. */
const exampleFiles = Object.fromEntries(readdirSync(EXAMPLES).map((f) => [`docs/experiments/${f}`, readFileSync(join(EXAMPLES, f), 'utf8')]))


function pullRequestPayload(): Record<string, unknown> {
  const payload = examplePayload('pull_request', 'synchronize') as { pull_request: { head: { sha: string } } }
  payload.pull_request.head.sha = HEAD_SHA
  return payload as unknown as Record<string, unknown>
}

const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8')

describeWithContract('the Action with mode: experiment', () => {
  let fake: FakeGitHub
  let runner: ActionRunner
  beforeAll(async () => {
    ensureBundle()
    fake = await FakeGitHub.start({ tokens: [TOKEN], owner: 'Codertocat', repo: 'Hello-World', repoId: 186853002, commits: [HEAD_SHA, MERGE_SHA] })
    runner = new ActionRunner(fake)
  }, 120_000)
  afterAll(async () => {
    // The mode reads files only: not one API request.
    expect(fake.requests).toEqual([])
    await fake.close()
    runner.cleanup()
  })

  const runAction = (options: { files?: Record<string, string>; with?: Record<string, string>; eventName?: 'push' | 'pull_request' }) => {
    const pullRequest = options.eventName === 'pull_request'
    return runner.run({
      eventName: pullRequest ? 'pull_request' : 'push',
      payload: pullRequest ? pullRequestPayload() : examplePayload('push'),
      token: TOKEN,
      with: { mode: 'experiment', ...options.with },
      files: { ...exampleFiles, ...options.files },
      sha: pullRequest ? MERGE_SHA : HEAD_SHA
    })
  }

  it('declares its output in action.yml', () => {
    expect(Object.keys(actionYml.outputs)).toContain('experiments')
  })

  it('passes the example experiments, with a summary of each', async () => {
    const run = await runAction({})
    expect(run.code).toBe(0)
    expect(run.errors).toEqual([])
    expect(run.outputs).toMatchObject({ experiments: '3', errors: '0', warnings: '0', result: 'pass' })
    expect(run.summary).toContain('## ✅ reliability-loop experiment: 3 experiment docs, no problems')
    expect(run.summary).toContain(
      `| Stop after two empty searches and ask the user<br>[docs/experiments/EXP-2026-10-16-stop-after-empty-searches.md](https://github.com/Codertocat/Hello-World/blob/${HEAD_SHA}/docs/experiments/EXP-2026-10-16-stop-after-empty-searches.md#L1) | concluded | prompt: research-agent prompt v43 |`
    )
    expect(run.summary).toContain('**Totals:** 3 experiment docs, 0 problems; fail-on: `error` → **pass**')
  })

  it('annotates each problem on its line, lists it in the summary, and fails the step', async () => {
    const bad = example('EXP-2026-11-12-billing-tone-canary.md').replace(/  trigger: .*/, '  trigger: TBD').replace('created: 2026-11-12', 'created: 2026-11-31')
    const run = await runAction({ eventName: 'pull_request', files: { 'docs/experiments/EXP-2026-11-20-bad.md': bad } })
    expect(run.code).toBe(1)
    const annotations = run.errors.filter((e) => e.properties.file)
    expect(annotations.map((a) => [a.properties.file, a.properties.line, a.properties.title])).toEqual([
      ['docs/experiments/EXP-2026-11-20-bad.md', '31', 'experiment doc: rollback.trigger'],
      ['docs/experiments/EXP-2026-11-20-bad.md', '37', 'experiment doc: created']
    ])
    expect(annotations[0]?.message).toMatch(/^the rollback trigger is a placeholder \("TBD"\)/)
    expect(run.errors.at(-1)?.message).toBe('2 problems in 1 of 4 experiment docs; see the annotations and the job summary.')
    expect(run.outputs).toMatchObject({ experiments: '4', errors: '2', result: 'fail' })
    // On pull_request the links point at the head commit, not the merge commit.
    expect(run.summary).toContain(`[docs/experiments/EXP-2026-11-20-bad.md](https://github.com/Codertocat/Hello-World/blob/${HEAD_SHA}/docs/experiments/EXP-2026-11-20-bad.md#L31) | 31 | rollback.trigger |`)
    expect(run.summary).not.toContain(MERGE_SHA)
  })

  it('fail-on: never reports without failing', async () => {
    const run = await runAction({ with: { 'fail-on': 'never' }, files: { 'docs/experiments/EXP-2026-11-20-bad.md': '---\nname: x\n---\n' } })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('pass')
    expect(run.errors.length).toBeGreaterThan(0)
    expect(run.summary).toMatch(/^## ⚠️ reliability-loop experiment: \d+ problems in 1 of 4 experiment docs/)
  })

  it('a config error is annotated on the config file', async () => {
    const run = await runAction({ files: { '.github/reliability.yml': 'experiment:\n  dirs: x\n' } })
    expect(run.code).toBe(1)
    expect(run.errors[0]).toMatchObject({ properties: { file: '.github/reliability.yml', line: '2' }, message: expect.stringMatching(/^experiment\.dirs: unknown key/) })
  })
})
