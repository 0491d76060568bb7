#!/usr/bin/env node
// `npm run bench:audit`: the audit mode over 10,000 generated transcripts (2 GiB in all), read as
// streams, against `wc -l` on the same files in the same run. Reports peak memory and the time ratio.
//
//   node bench/audit.mjs [--count 10000] [--total-mb 2048] [--runs 3] [--node PATH] [--cli PATH] [--keep]
//
// Commands, each a child process timed from spawn to exit (all output read), the median of --runs:
//   wc -l                 GNU wc over every transcript (the peer: reading the bytes and counting lines)
//   audit (default)       the audit with the default settings: every transcript's first event read for its
//                         month, 25 sampled by hash, each read through and scored by the rules
//   audit (strata)        with the flagged stratum: every transcript also searched for error/policy notes
//                         (every byte read); 25 sampled plus every flagged one (at most 2 per agent and
//                         day), each read through and scored by the rules
//   audit (all)           --sample <count>: every transcript read through, parsed and scored by the rules
// Peak RSS and CPU time come from GNU time (/usr/bin/time). Exit code 0 when the report was printed (a
// missed target is reported, not an error); 1 when a command failed or its output did not check out.
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { generateTranscripts } from './generate-transcripts.mjs'

const repo = fileURLToPath(new URL('..', import.meta.url))
const TARGET_RATIO = 2
const TARGET_RSS_MB = 200

function usage(message) {
  if (message) process.stderr.write(`bench/audit: ${message}\n`)
  process.stderr.write(
    'usage: node bench/audit.mjs [--count N] [--total-mb N] [--runs N] [--node PATH] [--cli PATH] [--keep]\n' +
      '  --count N      transcripts to generate (default 10000)\n' +
      '  --total-mb N   their total size in MiB (default 2048)\n' +
      '  --runs N       timed runs per command; the median is reported (default 3)\n' +
      '  --node PATH    Node binary for our CLI (default: the one running this script)\n' +
      '  --cli PATH     our CLI bundle (default: dist/cli.js)\n' +
      '  --keep         keep the generated directory and print its path\n'
  )
  process.exit(2)
}

let opts
try {
  opts = parseArgs({
    options: {
      count: { type: 'string', default: '10000' },
      'total-mb': { type: 'string', default: '2048' },
      runs: { type: 'string', default: '3' },
      node: { type: 'string', default: process.execPath },
      cli: { type: 'string', default: join(repo, 'dist', 'cli.js') },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false }
    },
    strict: true,
    allowPositionals: false
  }).values
} catch (error) {
  usage(error.message)
}
if (opts.help) usage()
const count = Number(opts.count)
const totalMb = Number(opts['total-mb'])
const runs = Number(opts.runs)
if (!Number.isInteger(count) || count < 1) usage(`--count must be a positive integer, got "${opts.count}"`)
if (!(totalMb > 0)) usage(`--total-mb must be a positive number, got "${opts['total-mb']}"`)
if (!Number.isInteger(runs) || runs < 1) usage(`--runs must be a positive integer, got "${opts.runs}"`)
const node = /[\\/]/.test(opts.node) ? resolve(opts.node) : opts.node
const cli = resolve(opts.cli)
if (!existsSync(cli)) usage(`${cli} is missing: run \`npm run build\` first`)
if (spawnSync('wc', ['--version']).status !== 0) usage('wc (GNU coreutils) is not on PATH')
const timeBin = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0 ? '/usr/bin/time' : undefined

const say = (text = '') => process.stdout.write(`${text}\n`)
const dir = mkdtempSync(join(os.tmpdir(), 'rl-bench-audit-'))
// The bundle and its siblings (the worker bundles) are copied, so a rebuild of dist/ during the run
// cannot mix two builds.
const snapshot = join(dir, 'cli')
mkdirSync(snapshot)
for (const file of readdirSync(dirname(cli)).filter((f) => f.endsWith('.js'))) copyFileSync(join(dirname(cli), file), join(snapshot, file))
writeFileSync(join(snapshot, 'package.json'), '{"type":"module"}')
const snapshotCli = join(snapshot, basename(cli))
const cleanup = () => {
  if (opts.keep) say(`kept ${dir}`)
  else rmSync(dir, { recursive: true, force: true })
}
process.on('SIGINT', () => {
  cleanup()
  process.exit(130)
})

function run(label, command, args, cwd) {
  return new Promise((resolveRun) => {
    const rssFile = join(dir, `rss-${process.pid}`)
    const [cmd, argv] = timeBin ? [timeBin, ['-f', '%M %U %S', '-o', rssFile, command, ...args]] : [command, args]
    const start = process.hrtime.bigint()
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '', CI: 'true' } })
    const out = []
    let err = ''
    child.stdout.on('data', (c) => out.push(c))
    child.stderr.on('data', (c) => (err += c))
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9
      let rssKb
      let cpu
      if (timeBin && existsSync(rssFile)) {
        const m = /(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(readFileSync(rssFile, 'utf8'))
        if (m) {
          rssKb = Number(m[1])
          cpu = Number(m[2]) + Number(m[3])
        }
        rmSync(rssFile, { force: true })
      }
      resolveRun({ label, code, seconds, rssKb, cpu, stdout: Buffer.concat(out).toString('utf8'), stderr: err })
    })
  })
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

let failed = false
function check(ok, message) {
  if (!ok) {
    failed = true
    say(`CHECK FAILED: ${message}`)
  }
}

try {
  say(`bench/audit: ${count} transcripts, ${totalMb} MiB, ${runs} runs per command; node ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}; ${os.cpus().length} CPUs`)
  const t0 = process.hrtime.bigint()
  const made = generateTranscripts(dir, count, totalMb)
  const loadAtStart = os.loadavg().map((l) => l.toFixed(2)).join(' ')
  say(
    `generated ${made.files} transcripts, ${(made.bytes / 1024 / 1024).toFixed(0)} MiB, ${made.lines} lines in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s ` +
      `(${made.policyViolations} with a policy violation note, ${made.errors} with an error note, ${made.tone} with a tone note, ${made.malformed} with a malformed line)`
  )
  // The sampled run caps the sample per agent and day; the run over everything must not.
  writeFileSync(join(dir, 'bench-sample.yml'), 'audit:\n  strata:\n    max-per-agent-day: 2\n')

  const wcArgs = ['-l', '--', ...made.paths]
  const ours = (extra) => [snapshotCli, 'audit', '--root', dir, '--period', '2026-10', '--seed', 'bench', '--format', 'json', '--dry-run', ...extra]
  const commands = [
    { label: 'wc -l', cmd: 'wc', args: wcArgs },
    { label: 'audit (default)', cmd: node, args: ours([]) },
    { label: 'audit (strata)', cmd: node, args: ours(['--include-flagged', '--config', join(dir, 'bench-sample.yml')]) },
    { label: 'audit (all)', cmd: node, args: ours(['--sample', String(count)]) }
  ]
  const results = new Map(commands.map((c) => [c.label, []]))
  for (let r = 0; r < runs; r++) {
    for (const c of commands) {
      const result = await run(c.label, c.cmd, c.args, dir)
      results.get(c.label).push(result)
      check(result.code === 0, `${c.label} exited ${result.code}: ${result.stderr.slice(0, 500)}`)
    }
  }

  // Every run did the real work.
  for (const r of results.get('wc -l')) check(new RegExp(`^\\s*${made.lines} total$`, 'm').test(r.stdout), `wc -l did not count ${made.lines} lines`)
  for (const r of results.get('audit (default)')) {
    let report
    try {
      report = JSON.parse(r.stdout)
    } catch {
      check(false, 'audit (default) did not print JSON')
      continue
    }
    check(report.sampled.length === 25, `audit (default) sampled ${report.sampled.length}, not 25`)
    check(report.sampled.every((s) => Object.values(s.scores).every((v) => typeof v === 'number')), 'audit (default) left a score empty')
  }
  for (const r of results.get('audit (strata)')) {
    let report
    try {
      report = JSON.parse(r.stdout)
    } catch {
      check(false, 'audit (strata) did not print JSON')
      continue
    }
    const flaggedNotes = made.policyViolations + made.errors
    check(report.sampled.length > 25 && report.sampled.length <= 25 + flaggedNotes, `audit (strata) sampled ${report.sampled.length}`)
    check(report.sampled.some((s) => s.scores.policy_adherence === 0), 'audit (strata) found no policy violation among the flagged transcripts')
    check(report.sampled.every((s) => Object.values(s.scores).every((v) => typeof v === 'number')), 'audit (strata) left a score empty')
  }
  for (const r of results.get('audit (all)')) {
    let report
    try {
      report = JSON.parse(r.stdout)
    } catch {
      check(false, 'audit (all) did not print JSON')
      continue
    }
    const zero = (dim, value) => report.sampled.filter((s) => s.scores[dim] === value).length
    check(report.sampled.length === count, `audit (all) scored ${report.sampled.length} of ${count}`)
    check(zero('policy_adherence', 0) === made.policyViolations, `audit (all) found ${zero('policy_adherence', 0)} policy violations, generated ${made.policyViolations}`)
    check(zero('tone', 2) === made.tone, `audit (all) found ${zero('tone', 2)} tone notes, generated ${made.tone}`)
    check(zero('accuracy', 0) >= made.errors, `audit (all) found ${zero('accuracy', 0)} inaccurate transcripts, generated ${made.errors} error notes`)
    check(report.malformed.length === made.malformed, `audit (all) reported ${report.malformed.length} malformed lines, generated ${made.malformed}`)
  }

  const row = (label) => {
    const list = results.get(label)
    const seconds = median(list.map((r) => r.seconds))
    const rss = list.map((r) => r.rssKb).filter((v) => v !== undefined)
    const cpu = list.map((r) => r.cpu).filter((v) => v !== undefined)
    return { label, seconds, best: Math.min(...list.map((r) => r.seconds)), all: list.map((r) => r.seconds.toFixed(2)).join(' '), rssMb: rss.length ? Math.max(...rss) / 1024 : undefined, cpu: cpu.length ? median(cpu) : undefined }
  }
  const rows = commands.map((c) => row(c.label))
  const mbps = (s) => (made.bytes / 1024 / 1024 / s).toFixed(0)
  say()
  say(`${'command'.padEnd(17)} ${'median s'.padStart(9)} ${'MiB/s'.padStart(7)} ${'CPU s'.padStart(7)} ${'peak RSS'.padStart(10)}   runs (s)`)
  for (const r of rows) {
    say(
      `${r.label.padEnd(17)} ${r.seconds.toFixed(2).padStart(9)} ${mbps(r.seconds).padStart(7)} ${(r.cpu === undefined ? '?' : r.cpu.toFixed(2)).padStart(7)} ${(r.rssMb === undefined ? '?' : `${r.rssMb.toFixed(0)} MB`).padStart(10)}   ${r.all}`
    )
  }
  const [wc, ...ourRows] = rows
  for (const r of ourRows) {
    const ratio = r.seconds / wc.seconds
    const best = r.best / wc.best
    say(`${`${r.label} / wc -l`.padEnd(26)} ${ratio.toFixed(2).padStart(6)}× (best runs: ${best.toFixed(2)}×)   target <= ${TARGET_RATIO}×     ${ratio <= TARGET_RATIO ? 'PASS' : 'MISS'}`)
  }
  for (const r of ourRows) {
    if (r.rssMb === undefined) say(`${r.label}: peak RSS unknown (needs GNU time at /usr/bin/time)`)
    else say(`${`${r.label} peak RSS`.padEnd(26)} ${r.rssMb.toFixed(0).padStart(6)} MB                     target < ${TARGET_RSS_MB} MB   ${r.rssMb < TARGET_RSS_MB ? 'PASS' : 'MISS'}`)
  }
  say()
  say(`load average at the start ${loadAtStart}, at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} CPUs): other work on the machine slows the multi-threaded audit more than wc.`)
  say('Files are read from the page cache (just written) by every command alike; commands alternate each round.')
} finally {
  cleanup()
}
process.exit(failed ? 1 : 0)
