// `npm run demo`: runs every mode that exists on this repository's own example content, offline and
// without credentials, and shows what a user would see. Uses the committed bundle, as the Action does.
import { spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first.')
  process.exit(1)
}

// Colour as the CLI decides it (src/cli/terminal.ts): FORCE_COLOR (`0`/`false` off), then NO_COLOR, then
// only on a terminal that is not TERM=dumb. Piped into a file or `less`, the demo is plain text.
function shouldUseColor(env, isTTY) {
  const force = env.FORCE_COLOR
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false')
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return Boolean(isTTY) && env.TERM !== 'dumb'
}
const color = shouldUseColor(process.env, process.stdout.isTTY)
const bold = (text) => (color ? `\u001b[1m${text}\u001b[0m` : text)
/** The environment of every CLI run: its colour follows the demo's own decision. */
const withColor = (env) => ({ ...env, FORCE_COLOR: color ? '1' : '0' })

let unexpected = 0
function step(title, args, expectedExit, cwd = root, env = process.env) {
  console.log(`\n${bold(`$ reliability-loop ${args.join(' ')}`)}   # ${title}`)
  const run = spawnSync(process.execPath, [cli, ...args], { cwd, stdio: 'inherit', env: withColor(env) })
  const note = run.status === expectedExit ? 'as expected' : `expected ${expectedExit}`
  console.log(`(exit code ${run.status}: ${note})`)
  if (run.status !== expectedExit) unexpected++
}

console.log('reliability-loop demo: the lint mode on this repository\'s postmortems')
step('the example postmortems in docs/postmortems pass', ['lint', '--no-cache'], 0)
step('broken postmortems: what the linter catches', ['lint', '--no-cache', 'examples/broken'], 1)
step('the same findings as JSON, for scripts', ['lint', '--no-cache', '--format', 'json', 'examples/broken/PM-900.md'], 1)
experimentDemo()
gateDemo()
syncDemo()
reviewDemo()
publishDemo()
auditDemo()
postmortemDemo()
decisionDemo()
exportDemo()
if (unexpected > 0) {
  console.error(`\n${unexpected} demo step(s) did not behave as expected.`)
  process.exit(1)
}
// experiment mode: the example experiments in docs/experiments, and a broken one.
function experimentDemo() {
  console.log('\nreliability-loop demo: the experiment mode on docs/experiments')
  step('prompt and tool experiments, newest first', ['experiment', 'list'], 0)
  step('every experiment doc has a valid front matter and a real rollback plan', ['experiment', 'validate'], 0)
  step('what validate catches: a misspelt status and a TBD rollback plan', ['experiment', 'validate', 'examples/broken-experiments'], 1)
}

// gate mode: `gate --local` in a throwaway git repository made from examples/gate/ (a base commit with a
// policy, a prompt and a closed Sev1 postmortem), on a prompt change without and then with an experiment doc.
function gateDemo() {
  console.log('\nreliability-loop demo: the gate mode on a prompt change (examples/gate/)')
  const git = (cwd, ...args) => spawnSync('git', ['-c', 'user.name=demo', '-c', 'user.email=demo@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' })
  if (git(root, '--version').status !== 0) {
    console.log('(skipped: git is not installed)')
    return
  }
  const repo = mkdtempSync(join(tmpdir(), 'reliability-loop-gate-demo-'))
  try {
    git(repo, 'init', '-q', '-b', 'main')
    cpSync(join(root, 'examples/gate/base'), repo, { recursive: true })
    git(repo, 'add', '-A')
    git(repo, 'commit', '-qm', 'base: policy, support prompt v12, closed Sev1 postmortem')
    git(repo, 'checkout', '-qb', 'shorter-answers')
    cpSync(join(root, 'examples/gate/change'), repo, { recursive: true })
    step('prompt v13 without an experiment doc: the rollback-plan gate fails', ['gate', '--local', '--base', 'main', '--drill-result', 'success'], 1, repo)
    cpSync(join(root, 'examples/gate/experiment'), repo, { recursive: true })
    step('the same change with an experiment doc and a real rollback plan: all gates pass', ['gate', '--local', '--base', 'main', '--drill-result', 'success', '--format', 'json'], 0, repo)
  } finally {
    rmSync(repo, { recursive: true, force: true })
  }
}

console.log('\nNext: copy .github/workflows/reliability-lint.yml into your repository (see README).')

// sync mode: a dry run over docs/postmortems. The tracker's secrets are left out of the environment, so
// the plan is made from the postmortems alone, offline, and nothing is written.
function syncDemo() {
  console.log('\nreliability-loop demo: the sync mode on this repository\'s postmortems (dry run, no credentials)')
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(GITHUB_TOKEN|LINEAR_API_KEY|JIRA_API_TOKEN|JIRA_PAT)$/.test(name)))
  step('every open action item would become one GitHub issue; ticked ones need none', ['sync', '--dry-run'], 0, root, env)
}

// export: the example data into the embedded DuckDB warehouse (.reliability-loop/warehouse.duckdb, ignored by
// git), then a look at a rolling-average view. Run the same commands yourself afterwards to query it further.
function exportDemo() {
  console.log('\nreliability-loop demo: the records into a DuckDB warehouse, with rolling-average views')
  // A file of this run's own (two demos at once must not share one DuckDB file), removed afterwards; by hand,
  // `export -c examples/review/reliability.yml` writes .reliability-loop/warehouse.duckdb to query further.
  const file = `.reliability-loop/demo-${process.pid}.duckdb`
  const args = ['export', '-c', 'examples/review/reliability.yml', '--duckdb-path', file]
  try {
    step('audit scores, incidents, action items and experiments into an embedded DuckDB file', args, 0)
    step('the 30-day rolling audit mean per dimension (random stratum)', [...args, '--query', 'select dimension, day, round(rolling_mean, 3) as mean, scores_in_window from audit_rolling_30d order by day desc, dimension limit 6'], 0)
  } finally {
    for (const f of [file, `${file}.wal`]) rmSync(join(root, f), { force: true })
  }
}

// Decisions become work: the October packet is written in a scratch copy, the meeting's decision is added to
// its Decisions section, and a dry-run sync shows the ticket it would open (labelled review-decision).
function decisionDemo() {
  console.log('\nreliability-loop demo: a review decision turned into a ticket (dry run, no credentials)')
  const scratch = mkdtempSync(join(tmpdir(), 'rl-demo-decision-'))
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(GITHUB_TOKEN|LINEAR_API_KEY|JIRA_API_TOKEN|JIRA_PAT)$/.test(name)))
  try {
    for (const dir of ['docs/postmortems', 'logs/incidents', 'examples/review']) cpSync(join(root, dir), join(scratch, dir), { recursive: true })
    step('the October packet written to docs/reviews/2026-10.md (in a scratch copy)', ['review', '--month', '2026-10', '--config', 'examples/review/reliability.yml', '--write'], 0, scratch, env)
    const decision = '- [ ] Page the on-call when a refund loops more than 3 times :: @maria.chen :: 2026-11-30'
    appendFileSync(join(scratch, 'docs/reviews/2026-10.md'), `\n${decision}\n`)
    console.log(`\n(the meeting adds to its Decisions section: ${decision})`)
    step('the decision is planned as one ticket, like the postmortems\' action items (last line of the plan)', ['sync', '--dry-run'], 0, scratch, env)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

// review mode: the packet for 2026-10 from the example incidents (logs/incidents), postmortems and
// experiments, with the example audit scores and bypass log of examples/review/. Printed, not written.
function reviewDemo() {
  console.log('\nreliability-loop demo: the review mode, October 2026 (examples/review/reliability.yml)')
  const args = ['review', '--month', '2026-10', '--config', 'examples/review/reliability.yml']
  console.log(`\n${bold(`$ reliability-loop ${args.join(' ')} | head -60`)}   # the monthly packet, as committed to docs/reviews/2026-10.md`)
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: withColor(process.env) })
  const lines = run.stdout.split('\n')
  console.log(lines.slice(0, 60).join('\n'))
  if (lines.length > 60) console.log(`… (${lines.length - 60} more lines: the audit chart and table, experiments, bypasses, data quality, decisions)`)
  if (run.stderr) process.stdout.write(run.stderr)
  const ok = run.status === 0 && run.stdout.includes('xychart-beta') && run.stdout.includes('## Decisions')
  console.log(`(exit code ${run.status}: ${ok ? 'as expected' : 'expected 0 and a complete packet'})`)
  if (!ok) unexpected++
}

// publish mode: a dry run of October 2026 (examples/publish/reliability.yml), with the HTML page and the
// chart PNGs written to a directory to open in a browser. No credentials: nothing is sent.
function publishDemo() {
  console.log('\nreliability-loop demo: the publish mode, October 2026, dry run (examples/publish/reliability.yml)')
  const out = join(tmpdir(), 'reliability-loop-demo-publish')
  rmSync(out, { recursive: true, force: true })
  const env = { ...process.env }
  for (const name of ['CONFLUENCE_BASE_URL', 'CONFLUENCE_EMAIL', 'CONFLUENCE_API_TOKEN', 'CONFLUENCE_PAT', 'SMTP_URL', 'SLACK_WEBHOOK_URL']) delete env[name]
  step('what Confluence, e-mail and Slack would get; the HTML and the chart PNGs written to look at', ['publish', '--month', '2026-10', '--config', 'examples/publish/reliability.yml', '--dry-run', '--preview', out], 0, root, env)
  console.log(`(open ${join(out, '2026-10.html')} in a browser: the page the e-mail and Confluence show)`)
}

// audit mode: October 2026 of the example transcripts in logs/missions/, scored by the rules (notes that
// flag policy violations, tone and errors). --dry-run: the demo records nothing in reliability/audits/.
function auditDemo() {
  console.log('\nreliability-loop demo: the audit mode on logs/missions/, October 2026 (rules scorer, dry run)')
  step('a reproducible sample scored on the rubric: which missions broke policy, and why', ['audit', '--period', '2026-10', '--scorer', 'rules', '--dry-run'], 0)
  const args = ['audit', '--period', '2026-10', '--scorer', 'rules', '--dry-run', '--format', 'json']
  console.log(`\n${bold(`$ reliability-loop ${args.join(' ')}`)}   # the same as JSON (shortened here)`)
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: withColor(process.env) })
  let report
  try {
    report = JSON.parse(run.stdout)
  } catch {
    report = undefined
  }
  if (report) {
    const [first] = report.sampled
    console.log(JSON.stringify({ period: report.period, seed: report.seed, rubric: { version: report.rubric.version }, sampled: [first, `… ${report.sampled.length - 1} more`], means: report.means, malformed: report.malformed }, null, 2))
  } else process.stdout.write(run.stdout)
  const ok = run.status === 0 && report !== undefined && report.sampled.some((s) => s.scores.policy_adherence === 0)
  console.log(`(exit code ${run.status}: ${ok ? 'as expected' : 'expected 0 and scored transcripts'})`)
  if (!ok) unexpected++
  step('as a CI bar: fail when a dimension passes on fewer than 90% of the sample', ['audit', '--period', '2026-10', '--scorer', 'rules', '--dry-run', '--fail-below', '0.9'], 1)
}

// postmortem new: a draft postmortem from the records of the October incident that has none (INC-1031,
// logs/incidents/), printed with --dry-run (nothing is written); Sev3 drafts are asked for with a config that
// lists Sev3 among drafts.missing-severities, in a scratch copy so the repository stays as it is.
function postmortemDemo() {
  console.log('\nreliability-loop demo: postmortems that start themselves')
  step('a draft from the incident INC-1031 (Sev3, no postmortem yet), printed instead of written', ['postmortem', 'new', '--incident', 'INC-1031', '--dry-run'], 0)
  const scratch = mkdtempSync(join(tmpdir(), 'rl-demo-pm-'))
  try {
    for (const dir of ['docs/postmortems', 'logs/incidents', 'logs/missions']) cpSync(join(root, dir), join(scratch, dir), { recursive: true })
    const config = join(scratch, 'missing.yml')
    writeFileSync(config, 'drafts:\n  missing-severities: [Sev1, Sev2, Sev3]\n')
    step('every resolved incident without a postmortem gets a draft (written in a scratch copy, then linted: warnings only)', ['postmortem', 'new', '--missing', '--config', config], 0, scratch)
    step('the draft lints with warnings only (PM009 and friends, while Status is draft)', ['lint', '--no-cache', 'docs/postmortems/PM-105.md'], 0, scratch)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

