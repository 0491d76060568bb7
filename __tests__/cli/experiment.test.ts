// In-process tests of `reliability-loop experiment new|list|conclude|validate` through main(argv, io).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from '@jest/globals'
import { main, type CliDeps } from '../../src/cli/main.js'
import { validateExperimentDoc } from '../../src/experiments/validate.js'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const NOW = () => new Date('2026-11-27T23:30:00Z')
const UUIDS = ['6f1d2c3b-4a59-4e7d-8c1b-0a9e8d7c6b5a', '7a2e3d4c-5b6a-4f8e-9d2c-1b0a9f8e7d6c']
const EXAMPLES = 'docs/experiments'
const CONCLUDED = 'bd6cd37c-7e17-4ba3-b9a3-c296d718eb98'
const RUNNING = 'b4ba15ed-f465-407d-b4d6-c1c4349dcfa8'

const temps: string[] = []
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

/** A temp repository with this repository's example experiments (and template), plus `files`. */
function repo(files: Record<string, string> = {}, withExamples = true): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rl-exp-'))
  temps.push(root)
  if (withExamples) cpSync(path.join(REPO, EXAMPLES), path.join(root, EXAMPLES), { recursive: true })
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    writeFileSync(path.join(root, rel), text)
  }
  return root
}

interface RunOptions {
  cwd: string
  /** Lines typed on a terminal; without it stdin is not a terminal. */
  typed?: string[]
  isTTY?: boolean
  deps?: Partial<CliDeps>
}

async function cli(argv: string[], options: RunOptions) {
  let stdout = ''
  let stderr = ''
  const uuids = [...UUIDS]
  let stdin: PassThrough | undefined
  if (options.typed) {
    stdin = new PassThrough()
    stdin.end(options.typed.map((line) => `${line}\n`).join(''))
  }
  const code = await main(
    argv,
    {
      stdout: (t) => {
        stdout += t
      },
      stderr: (t) => {
        stderr += t
      },
      env: {},
      cwd: options.cwd,
      isTTY: options.isTTY ?? false,
      ...(stdin ? { stdin, stdinIsTTY: true } : {})
    },
    { now: NOW, randomUUID: () => uuids.shift() ?? 'exhausted', ...options.deps }
  )
  return { code, stdout, stderr }
}

const NEW_FLAGS = [
  'experiment',
  'new',
  '--name',
  'Ask before retrying an empty search',
  '--owner',
  '@maria.chen',
  '--hypothesis',
  'Two empty searches then a question removes the loops of PM-102.',
  '--change-type',
  'prompt',
  '--change-ref',
  'research-agent prompt v43',
  '--metric',
  'missions_hitting_step_cap:0.031:0.005',
  '--metric',
  'task_success_rate:0.78:0.78',
  '--guardrail',
  'audit:tool-use:>= 0.85',
  '--rollback-trigger',
  'task_success_rate below 0.74 for 2 hours',
  '--rollback-step',
  'Set research.prompt_version back to v42 and deploy',
  '--rollback-step',
  'Check the next 20 missions log prompt v42',
  '--related',
  'PM-102'
]
const NEW_PATH = 'docs/experiments/EXP-2026-11-27-ask-before-retrying-an-empty-search.md'

describe('experiment (no subcommand) and help', () => {
  it('lists the subcommands', async () => {
    const { stdout } = await cli(['experiment', '--help'], { cwd: repo() })
    for (const sub of ['new', 'list', 'conclude', 'validate']) expect(stdout).toMatch(new RegExp(`\\n\\s+${sub} `))
    expect(stdout).toContain('Examples:')
  })

  it('the program help names the experiment mode', async () => {
    const { stdout } = await cli(['--help'], { cwd: repo() })
    expect(stdout).toMatch(/experiment\s+record prompt and tool experiments with a way back/)
  })

  it('an unknown subcommand is a usage error', async () => {
    const { code, stderr } = await cli(['experiment', 'lsit'], { cwd: repo() })
    expect(code).toBe(2)
    expect(stderr).toMatch(/unknown command 'lsit'/)
  })
})

describe('experiment list', () => {
  it('prints the examples newest first, with status, change, owner and outcome', async () => {
    const { code, stdout, stderr } = await cli(['experiment', 'list'], { cwd: repo() })
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const lines = stdout.split('\n')
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+CREATED\s+CHANGE\s+OWNER\s+OUTCOME\s+NAME$/)
    expect(lines[1]).toMatch(/^32c365f6\s+proposed\s+2026-11-18\s+tool\s+@tomas.silva\s+-\s+Refund tool marked side-effecting/)
    expect(lines[2]).toMatch(/^b4ba15ed\s+running\s+2026-11-12\s+prompt\s+@aiko.tanaka\s+-\s+Billing agent v20/)
    expect(lines[3]).toMatch(/^bd6cd37c\s+concluded\s+2026-10-16\s+prompt\s+@maria.chen\s+won\s+Stop after two empty searches and ask the user$/)
    expect(stdout).toContain('3 experiments (1 proposed, 1 running, 1 concluded)')
    expect(stdout).not.toMatch(/\u001b\[/)
  })

  it('filters by status', async () => {
    const { stdout } = await cli(['experiment', 'list', '--status', 'running,concluded'], { cwd: repo() })
    expect(stdout).not.toContain('32c365f6')
    expect(stdout).toContain('2 experiments (1 running, 1 concluded)')
    const bad = await cli(['experiment', 'list', '--status', 'done'], { cwd: repo() })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--status must be among proposed, running, concluded, rolled-back, abandoned (got "done")')
  })

  it('--format json prints the front matter as in the files, with the path, and the docs it cannot read', async () => {
    const root = repo({ 'docs/experiments/EXP-2026-01-01-broken.md': '---\nname: x\n---\n' })
    const { code, stdout } = await cli(['experiment', 'list', '--format', 'json'], { cwd: root })
    expect(code).toBe(0)
    const json = JSON.parse(stdout) as { experiments: Array<Record<string, unknown>>; invalid: Array<{ path: string; problems: unknown[] }> }
    expect(json.experiments.map((e) => e.id)).toEqual(['32c365f6-6936-4e88-807f-cf8f5f7762a6', RUNNING, CONCLUDED])
    expect(json.experiments[2]).toMatchObject({
      path: 'docs/experiments/EXP-2026-10-16-stop-after-empty-searches.md',
      status: 'concluded',
      outcome: 'won',
      'audit-period': '2026-10',
      results: expect.arrayContaining([{ name: 'task_success_rate', observed: 0.81, 'target-met': true }]),
      rollback: { owner: '@dev-ops' }
    })
    expect(json.invalid).toEqual([{ path: 'docs/experiments/EXP-2026-01-01-broken.md', problems: expect.arrayContaining([expect.objectContaining({ message: 'the front matter is missing "id"' })]) }])
  })

  it('says where it looked when there are none', async () => {
    const { code, stdout, stderr } = await cli(['experiment', 'list'], { cwd: repo({}, false) })
    expect(code).toBe(0)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^warning: no experiment docs found matching docs\/experiments\/\*\*\/EXP-\*\.md under /)
  })

  it('reads experiment.paths from the config', async () => {
    const root = repo({ '.github/reliability.yml': 'experiment:\n  paths: ["docs/experiments/EXP-2026-10-*.md"]\n' })
    const { stdout } = await cli(['experiment', 'list'], { cwd: root })
    expect(stdout).toContain('1 experiment (1 concluded)')
  })

  it('colours the status on a terminal and cuts long names to the width', async () => {
    const { stdout } = await cli(['experiment', 'list'], { cwd: repo(), isTTY: true })
    expect(stdout).toMatch(/\u001b\[32mconcluded/)
    const narrow = await main(['experiment', 'list', '--no-color'], { stdout: () => {}, stderr: () => {}, env: {}, cwd: repo(), isTTY: true, columns: 80 })
    expect(narrow).toBe(0)
  })
})

describe('experiment validate', () => {
  it('passes the examples', async () => {
    const { code, stdout } = await cli(['experiment', 'validate'], { cwd: repo() })
    expect(code).toBe(0)
    expect(stdout).toBe('✔ 3 experiment docs, no problems\n')
  })

  it('reports schema and rollback problems by file and line, exit 1', async () => {
    const good = readFileSync(path.join(REPO, EXAMPLES, 'EXP-2026-11-12-billing-tone-canary.md'), 'utf8')
    const bad = good.replace(/  trigger: .*/, '  trigger: TBD').replace('status: running', 'status: runing')
    const placeholders = good.replace(/  trigger: .*/, '  trigger: N/A').replace('  owner: Conversation Design', '  owner: "?"')
    const root = repo({ 'docs/experiments/EXP-2026-11-20-bad.md': bad, 'docs/experiments/EXP-2026-11-21-placeholders.md': placeholders })
    const { code, stdout } = await cli(['experiment', 'validate'], { cwd: root })
    expect(code).toBe(1)
    expect(stdout).toMatch(/docs\/experiments\/EXP-2026-11-20-bad.md\n {3}5:1  error  must be one of proposed, running, concluded, rolled-back, abandoned \(got "runing"\)\s+status\n\s+31:3\s+error\s+the rollback trigger is a placeholder \("TBD"\)/)
    expect(stdout).toMatch(/docs\/experiments\/EXP-2026-11-21-placeholders.md\n\s+31:3\s+error\s+the rollback trigger is a placeholder \("N\/A"\)/)
    expect(stdout).toMatch(/\s+36:3\s+error\s+the rollback owner is a placeholder \("\?"\).*rollback.owner/)
    expect(stdout).toContain('✖ 4 problems in 2 of 5 experiment docs')

    const json = await cli(['experiment', 'validate', '--format', 'json', 'docs/experiments/EXP-2026-11-21-placeholders.md'], { cwd: root })
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toEqual({
      experiments: [
        {
          path: 'docs/experiments/EXP-2026-11-21-placeholders.md',
          id: RUNNING,
          valid: false,
          problems: [
            { line: 31, column: 3, key: 'rollback.trigger', message: expect.stringContaining('placeholder ("N/A")') },
            { line: 36, column: 3, key: 'rollback.owner', message: expect.stringContaining('placeholder ("?")') }
          ]
        }
      ],
      summary: { files: 1, invalid: 1, problems: 2 }
    })
  })

  it('takes directories (EXP-*.md below them) relative to the current directory', async () => {
    const root = repo()
    const { code, stdout } = await cli(['experiment', 'validate', '.'], { cwd: path.join(root, EXAMPLES) })
    expect(code).toBe(0)
    expect(stdout).toBe('✔ 3 experiment docs, no problems\n')
    const missing = await cli(['experiment', 'validate', 'nope.md'], { cwd: root })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('nope.md: no such file or directory')
  })

  it('exits 2 for a glob or directory that matches no experiment doc', async () => {
    const root = repo({ 'docs/notes/a.md': '' })
    const glob = await cli(['experiment', 'validate', 'docs/experiments/EXP-1999-*.md'], { cwd: root })
    expect(glob.code).toBe(2)
    expect(glob.stderr.split('\n')[0]).toBe('error: no files match docs/experiments/EXP-1999-*.md')
    const dir = await cli(['experiment', 'validate', 'docs/notes'], { cwd: root })
    expect(dir.code).toBe(2)
    expect(dir.stderr.split('\n')[0]).toBe('error: no files match docs/notes (docs/notes/**/EXP-*.md in the repository)')
  })

  it('reports a config error with exit 2', async () => {
    const root = repo({ '.github/reliability.yml': 'experiment:\n  dirs: x\n' })
    const { code, stderr } = await cli(['experiment', 'validate'], { cwd: root })
    expect(code).toBe(2)
    expect(stderr).toMatch(/\.github\/reliability\.yml:2:3: experiment\.dirs: unknown key \(did you mean "dir"\?\)/)
  })
})

describe('experiment new', () => {
  it('writes EXP-<date>-<slug>.md from flags, deterministic under an injected clock and id, that validates', async () => {
    const root = repo()
    const { code, stdout, stderr } = await cli(NEW_FLAGS, { cwd: root })
    expect({ code, stderr: stderr.split('\n')[0] }).toEqual({ code: 0, stderr: `next: describe the context and design in the doc, then "reliability-loop experiment validate ${NEW_PATH}"` })
    expect(stdout).toBe(`Created ${NEW_PATH}\n  id: ${UUIDS[0]}\n`)
    const text = readFileSync(path.join(root, NEW_PATH), 'utf8')
    expect(text.split('\n---\n')[0]).toBe(
      [
        '---',
        `id: ${UUIDS[0]}`,
        'name: Ask before retrying an empty search',
        'owner: "@maria.chen"',
        'status: proposed',
        'change:',
        '  type: prompt',
        '  ref: research-agent prompt v43',
        'hypothesis: Two empty searches then a question removes the loops of PM-102.',
        'metrics:',
        '  - name: missions_hitting_step_cap',
        '    baseline: 0.031',
        '    target: 0.005',
        '  - name: task_success_rate',
        '    baseline: 0.78',
        '    target: 0.78',
        'guardrails:',
        '  - name: audit:tool-use',
        '    threshold: ">= 0.85"',
        'rollback:',
        '  trigger: task_success_rate below 0.74 for 2 hours',
        '  steps:',
        '    - Set research.prompt_version back to v42 and deploy',
        '    - Check the next 20 missions log prompt v42',
        '  owner: "@maria.chen"',
        'created: 2026-11-27',
        'related:',
        '  - PM-102'
      ].join('\n')
    )
    // The body comes from docs/experiments/TEMPLATE.md, titled with the name.
    expect(text).toContain('\n---\n\n# Ask before retrying an empty search\n\n## Context\n')
    expect(validateExperimentDoc(text, NEW_PATH).problems).toEqual([])

    const listed = await cli(['experiment', 'list'], { cwd: root })
    expect(listed.stdout).toContain('6f1d2c3b  proposed   2026-11-27  prompt  @maria.chen')
  })

  it('never overwrites a doc: the same name on the same day is a usage error', async () => {
    const root = repo()
    expect((await cli(NEW_FLAGS, { cwd: root })).code).toBe(0)
    const before = readFileSync(path.join(root, NEW_PATH), 'utf8')
    const again = await cli(NEW_FLAGS, { cwd: root })
    expect(again.code).toBe(2)
    expect(again.stderr).toContain(`error: ${NEW_PATH} already exists; experiment new never overwrites a doc\nhint: choose another --name, or pass --slug <slug>`)
    expect(readFileSync(path.join(root, NEW_PATH), 'utf8')).toBe(before)
    expect(readdirSync(path.join(root, EXAMPLES)).filter((f) => f.endsWith('.tmp'))).toEqual([])
    const slugged = await cli([...NEW_FLAGS, '--slug', 'second-try'], { cwd: root })
    expect(slugged.stdout).toContain('Created docs/experiments/EXP-2026-11-27-second-try.md')
  })

  it('without a terminal, missing values are a usage error naming the flags, and nothing is written', async () => {
    const root = repo({}, false)
    const { code, stdout, stderr } = await cli(['experiment', 'new', '--name', 'X', '--metric', 'a:1:2'], { cwd: root })
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain(
      'error: missing --owner <owner>, --hypothesis <text>, --change-type <prompt|tool|model|policy>, --change-ref <ref>, --rollback-trigger <text>, --rollback-step <text> (stdin is not a terminal, so nothing can be asked)'
    )
    expect(stderr).toContain('hint: pass every value as a flag')
    expect(existsSync(path.join(root, 'docs'))).toBe(false)
  })

  it('rejects placeholder rollback plans and malformed values, naming the flag', async () => {
    const root = repo({}, false)
    const withValue = (flag: string, value: string) => {
      const argv = [...NEW_FLAGS]
      argv[argv.indexOf(flag) + 1] = value
      return argv
    }
    const tbd = await cli(withValue('--rollback-trigger', 'TBD'), { cwd: root })
    expect(tbd.code).toBe(2)
    expect(tbd.stderr).toContain('--rollback-trigger: the rollback trigger is a placeholder ("TBD")')
    const na = await cli([...withValue('--rollback-step', 'N/A')], { cwd: root })
    expect(na.stderr).toContain('--rollback-step: rollback step 1 is a placeholder ("N/A")')
    const metric = await cli(withValue('--metric', 'success'), { cwd: root })
    expect(metric.stderr).toContain('error: --metric: "success" is not name:baseline:target')
    const type = await cli(withValue('--change-type', 'weights'), { cwd: root })
    expect(type.code).toBe(2)
    expect(type.stderr).toMatch(/argument 'weights' is invalid. Allowed choices are prompt, tool, model, policy/)
    expect(existsSync(path.join(root, 'docs'))).toBe(false)
  })

  it('on a terminal asks for what is missing, re-asking for placeholders and bad values', async () => {
    const root = repo()
    const typed = [
      '@aiko.tanaka', // owner
      'Acknowledging first keeps CSAT.', // hypothesis
      'weights', // change type: rejected
      'prompt',
      'billing-agent prompt v20',
      'csat', // metric: rejected
      'billing_csat:4.4:4.5',
      '', // end of metrics
      'TBD', // trigger: rejected
      'billing_csat below 4.1 over 24 hours',
      'none', // step: rejected
      'Set billing.canary_percent to 0 and deploy',
      ''
    ]
    const { code, stdout, stderr } = await cli(['experiment', 'new', '--name', 'Billing v20'], { cwd: root, typed })
    expect(stderr).toContain('Owner (@handle or team): ')
    expect(stderr).toContain('  one of prompt, tool, model, policy\n')
    expect(stderr).toContain('  "csat" is not name:baseline:target')
    expect(stderr).toContain('  the trigger must be real, not "TBD"')
    expect(stderr).toContain('  a step must be real, not "none"')
    expect(code).toBe(0)
    expect(stdout).toContain('Created docs/experiments/EXP-2026-11-27-billing-v20.md')
    const { doc, problems } = validateExperimentDoc(readFileSync(path.join(root, 'docs/experiments/EXP-2026-11-27-billing-v20.md')), 'x')
    expect(problems).toEqual([])
    expect(doc).toMatchObject({
      owner: '@aiko.tanaka',
      change: { type: 'prompt', ref: 'billing-agent prompt v20' },
      metrics: [{ name: 'billing_csat', baseline: 4.4, target: 4.5 }],
      rollback: { trigger: 'billing_csat below 4.1 over 24 hours', steps: ['Set billing.canary_percent to 0 and deploy'], owner: '@aiko.tanaka' }
    })
  })

  it('a terminal closed before every answer is a usage error, and nothing is written', async () => {
    const root = repo({}, false)
    const { code, stderr } = await cli(['experiment', 'new', '--name', 'X'], { cwd: root, typed: ['@me'] })
    expect(code).toBe(2)
    expect(stderr).toContain('error: input ended before every value was given; nothing was written')
    expect(existsSync(path.join(root, 'docs'))).toBe(false)
  })

  it('--dry-run prints the doc; --format json prints the front matter and the path', async () => {
    const root = repo({}, false)
    const dry = await cli([...NEW_FLAGS, '--dry-run'], { cwd: root })
    expect(dry.code).toBe(0)
    expect(dry.stdout).toMatch(/^---\nid: 6f1d2c3b-/)
    expect(existsSync(path.join(root, 'docs'))).toBe(false)
    const json = await cli([...NEW_FLAGS, '--format', 'json'], { cwd: root })
    expect(JSON.parse(json.stdout)).toMatchObject({ path: NEW_PATH, written: true, id: UUIDS[0], created: '2026-11-27', status: 'proposed' })
  })

  it('writes into experiment.dir from the config, with the built-in body when there is no template', async () => {
    const root = repo({ '.github/reliability.yml': 'experiment:\n  dir: research/experiments\n' }, false)
    const { code, stdout } = await cli(NEW_FLAGS, { cwd: root })
    expect(code).toBe(0)
    expect(stdout).toContain('Created research/experiments/EXP-2026-11-27-ask-before-retrying-an-empty-search.md')
    expect(readFileSync(path.join(root, 'research/experiments/EXP-2026-11-27-ask-before-retrying-an-empty-search.md'), 'utf8')).toContain('## Decision')
  })
})

/** What a team does when a proposed experiment starts: its status becomes running. */
function startExperiment(file: string): void {
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: proposed$/m, 'status: running'))
}

describe('experiment conclude', () => {
  it('records outcome, results (target met worked out) and the audit period by id prefix', async () => {
    const root = repo()
    const { code, stdout } = await cli(
      ['experiment', 'conclude', 'b4ba', '--outcome', 'won', '--result', 'billing_csat:4.5:met', '--result', 'escalation_rate:0.1:met', '--result', 'answer_tokens_median:120', '--audit-period', '2026-12'],
      { cwd: root }
    )
    expect(code).toBe(0)
    expect(stdout).toBe('docs/experiments/EXP-2026-11-12-billing-tone-canary.md: concluded, outcome won (3 of 3 targets met)\n')
    const text = readFileSync(path.join(root, 'docs/experiments/EXP-2026-11-12-billing-tone-canary.md'), 'utf8')
    const { doc, problems } = validateExperimentDoc(text, 'x')
    expect(problems).toEqual([])
    expect(doc).toMatchObject({
      status: 'concluded',
      outcome: 'won',
      concluded: '2026-11-27',
      auditPeriod: '2026-12',
      results: [
        { name: 'billing_csat', observed: 4.5, targetMet: true },
        { name: 'escalation_rate', observed: 0.1, targetMet: true },
        { name: 'answer_tokens_median', observed: 120, targetMet: true }
      ]
    })
    expect(text).toContain('\n## Context\n\nPM-103')
  })

  it('a rolled-back outcome ends in status rolled-back; --format json prints the front matter', async () => {
    const root = repo()
    const { code, stdout } = await cli(
      ['experiment', 'conclude', RUNNING, '--outcome', 'rolled-back', '--date', '2026-11-14', '--format', 'json', '--result', 'billing_csat:3.9', '--result', 'escalation_rate:0.15', '--result', 'answer_tokens_median:140'],
      { cwd: root }
    )
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ id: RUNNING, status: 'rolled-back', outcome: 'rolled-back', concluded: '2026-11-14', results: [{ 'target-met': false }, { 'target-met': false }, { 'target-met': false }] })
  })

  it('refuses an experiment that is already concluded unless --force', async () => {
    const root = repo()
    const argv = ['experiment', 'conclude', 'bd6c', '--outcome', 'lost', '--result', 'missions_hitting_step_cap:0.01', '--result', 'task_success_rate:0.7', '--result', 'tokens_per_mission_p95:31000']
    const refused = await cli(argv, { cwd: root })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('is already concluded (2026-10-30) with outcome won\nhint: pass --force')
    const forced = await cli([...argv, '--force'], { cwd: root })
    expect(forced.code).toBe(0)
    expect(forced.stdout).toContain('concluded, outcome lost (0 of 3 targets met)')
  })

  it('refuses to conclude an experiment that never ran (status proposed), writing nothing', async () => {
    const root = repo()
    const file = path.join(root, EXAMPLES, 'EXP-2026-11-18-refund-tool-no-agent-retry.md')
    const before = readFileSync(file, 'utf8')
    const argv = ['experiment', 'conclude', '32c3', '--outcome', 'won', '--result', 'duplicate_refunds_per_1000:0:met', '--result', 'refund_resolution_rate:0.9:met']
    for (const extra of [[], ['--force']]) {
      const refused = await cli([...argv, ...extra], { cwd: root })
      expect(refused.code).toBe(2)
      expect(refused.stderr).toContain('error: docs/experiments/EXP-2026-11-18-refund-tool-no-agent-retry.md is still proposed: it never ran, so it cannot have won')
      expect(refused.stderr).toContain('hint: set status: running in its front matter when it starts')
    }
    expect(readFileSync(file, 'utf8')).toBe(before)
  })

  it('finds by path too, and explains unknown and ambiguous ids', async () => {
    const root = repo()
    const byPath = await cli(['experiment', 'conclude', 'EXP-2026-11-12-billing-tone-canary.md', '--root', root, '--outcome', 'inconclusive', '--result', 'billing_csat:4.4:missed', '--result', 'escalation_rate:0.12:met', '--result', 'answer_tokens_median:150'], {
      cwd: path.join(root, EXAMPLES)
    })
    expect(byPath.code).toBe(0)
    const unknown = await cli(['experiment', 'conclude', 'ffff', '--outcome', 'won'], { cwd: root })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('error: no experiment has the id "ffff" (searched 3 docs matching docs/experiments/**/EXP-*.md)\nhint: run "reliability-loop experiment list"')
    const twin = readFileSync(path.join(root, EXAMPLES, 'EXP-2026-11-18-refund-tool-no-agent-retry.md'), 'utf8').replace('32c365f6-6936', '32c365f6-7777')
    writeFileSync(path.join(root, EXAMPLES, 'EXP-2026-11-19-twin.md'), twin)
    const ambiguous = await cli(['experiment', 'conclude', '32c3', '--outcome', 'won'], { cwd: root })
    expect(ambiguous.code).toBe(2)
    expect(ambiguous.stderr).toMatch(/"32c3" matches 2 experiments: .*hint: give more characters of the id/s)
  })

  it('without a terminal, a missing outcome or result is a usage error naming the flags', async () => {
    const root = repo()
    const noOutcome = await cli(['experiment', 'conclude', 'b4ba'], { cwd: root })
    expect(noOutcome.code).toBe(2)
    expect(noOutcome.stderr).toContain('missing --outcome <won|lost|inconclusive|rolled-back>')
    const noResult = await cli(['experiment', 'conclude', 'b4ba', '--outcome', 'won', '--result', 'billing_csat:4.5:met'], { cwd: root })
    expect(noResult.stderr).toContain('missing --result escalation_rate:<observed>, --result answer_tokens_median:<observed>')
    const unknownMetric = await cli(['experiment', 'conclude', 'b4ba', '--outcome', 'won', '--result', 'csat:4.5'], { cwd: root })
    expect(unknownMetric.stderr).toContain('--result csat: not a metric of this experiment; its metrics are billing_csat, escalation_rate, answer_tokens_median')
    expect(readFileSync(path.join(root, EXAMPLES, 'EXP-2026-11-12-billing-tone-canary.md'), 'utf8')).toBe(readFileSync(path.join(REPO, EXAMPLES, 'EXP-2026-11-12-billing-tone-canary.md'), 'utf8'))
  })

  it('asks whether a target was met when it cannot be worked out, or says to add :met or :missed', async () => {
    const root = repo()
    expect((await cli(NEW_FLAGS, { cwd: root })).code).toBe(0)
    startExperiment(path.join(root, NEW_PATH))
    // task_success_rate: baseline 0.78, target 0.78: which way is better cannot be told.
    const argv = ['experiment', 'conclude', '6f1d', '--outcome', 'won', '--result', 'missions_hitting_step_cap:0.002', '--result', 'task_success_rate:0.79']
    const script = await cli(argv, { cwd: root })
    expect(script.code).toBe(2)
    expect(script.stderr).toContain('cannot tell whether task_success_rate (baseline 0.78, target 0.78, observed 0.79) met the target\nhint: add :met or :missed')
    const asked = await cli(argv, { cwd: root, typed: ['maybe', 'met'] })
    expect(asked.stderr).toContain('Did task_success_rate = 0.79 meet its target 0.78? (met/missed): ')
    expect(asked.stderr).toContain('  answer met or missed\n')
    expect(asked.code).toBe(0)
    expect(validateExperimentDoc(readFileSync(path.join(root, NEW_PATH)), 'x').doc?.results).toEqual([
      { name: 'missions_hitting_step_cap', observed: 0.002, targetMet: true },
      { name: 'task_success_rate', observed: 0.79, targetMet: true }
    ])
  })

  it('on a terminal asks for the outcome and each observed value', async () => {
    const root = repo()
    startExperiment(path.join(root, EXAMPLES, 'EXP-2026-11-18-refund-tool-no-agent-retry.md'))
    const { code, stderr } = await cli(['experiment', 'conclude', '32c3'], { cwd: root, typed: ['great', 'won', '0', '0.95'] })
    expect(stderr).toContain('Outcome (won, lost, inconclusive, rolled-back): ')
    expect(stderr).toContain('Observed duplicate_refunds_per_1000 (baseline 1.9, target 0): ')
    expect(code).toBe(0)
    const doc = validateExperimentDoc(readFileSync(path.join(root, EXAMPLES, 'EXP-2026-11-18-refund-tool-no-agent-retry.md')), 'x').doc
    expect(doc?.results).toEqual([
      { name: 'duplicate_refunds_per_1000', observed: 0, targetMet: true },
      { name: 'refund_resolution_rate', observed: 0.95, targetMet: true }
    ])
  })

  it('checks --date and --audit-period', async () => {
    const root = repo()
    const date = await cli(['experiment', 'conclude', 'b4ba', '--outcome', 'won', '--date', '27/11/2026'], { cwd: root })
    expect(date.stderr).toContain('--date must be YYYY-MM-DD (got "27/11/2026")')
    const period = await cli(['experiment', 'conclude', 'b4ba', '--outcome', 'won', '--audit-period', '2026-11-01'], { cwd: root })
    expect(period.stderr).toContain('--audit-period must be YYYY-MM (got "2026-11-01")')
    const before = await cli(['experiment', 'conclude', 'b4ba', '--outcome', 'won', '--date', '2026-11-01', '--result', 'billing_csat:4.5:met', '--result', 'escalation_rate:0.1:met', '--result', 'answer_tokens_median:120'], { cwd: root })
    expect(before.code).toBe(2)
    expect(before.stderr).toContain('concluded: concluded (2026-11-01) is before created (2026-11-12)')
  })
})
