#!/usr/bin/env node
// `npm run bench`: times `reliability-loop lint` against markdownlint-cli2 (its default rules) on the
// same generated postmortems, in the same run, and prints the ratios. See bench/README.md.
//
//   node bench/lint.mjs [--count 10000] [--runs 3] [--node PATH] [--cli PATH] [--concurrency N] [--keep]
//
// Each measured command is a child process timed with process.hrtime.bigint() from spawn to exit (all
// output read). Every command runs --runs times and the median counts. Exit code: 0 when the report
// was printed (also when a target is missed), 1 when a tool crashed or a run failed verification,
// 2 on a usage error.
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildPostmortem, generate } from './generate-postmortems.mjs'
import { hostileShapes } from './hostile-postmortems.mjs'

const repo = fileURLToPath(new URL('..', import.meta.url))
const TARGET_COLD = 0.5
const TARGET_WARM = 0.02
const CACHE_DIR = '.reliability-loop-cache'
const PM_GLOB = 'docs/postmortems/**/*.md'

// --- arguments --------------------------------------------------------------------------------------

function usage(message) {
  if (message) process.stderr.write(`bench/lint: ${message}\n`)
  process.stderr.write(
    'usage: node bench/lint.mjs [--count N] [--runs N] [--node PATH] [--cli PATH] [--concurrency N] [--keep] [--hostile-only | --skip-hostile]\n' +
      '  --count N        postmortems to generate (default 10000)\n' +
      '  --runs N         timed runs per command; the median is reported (default 3)\n' +
      '  --node PATH      Node binary for both tools (default: the one running this script)\n' +
      '  --cli PATH       our CLI bundle (default: dist/cli.js)\n' +
      '  --concurrency N  passed to our lint (default: its own, one worker per core)\n' +
      '  --keep           keep the generated directory and print its path\n' +
      '  --hostile-only   only the hostile-markdown section (no 10,000-file runs)\n' +
      '  --skip-hostile   skip the hostile-markdown section\n' +
      '  --hostile-timeout N  seconds before a hostile run is stopped and counted as a miss (default 60)\n' +
      '  --hostile-peer   also run markdownlint-cli2 on each hostile file (same timeout)\n'
  )
  process.exit(message ? 2 : 0)
}

let opts
try {
  opts = parseArgs({
    options: {
      count: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '3' },
      node: { type: 'string', default: process.execPath },
      cli: { type: 'string', default: join(repo, 'dist', 'cli.js') },
      concurrency: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'hostile-only': { type: 'boolean', default: false },
      'skip-hostile': { type: 'boolean', default: false },
      'hostile-timeout': { type: 'string', default: '60' },
      'hostile-peer': { type: 'boolean', default: false },
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
const runs = Number(opts.runs)
if (!Number.isInteger(count) || count < 1) usage(`--count must be a positive integer, got "${opts.count}"`)
if (!Number.isInteger(runs) || runs < 1) usage(`--runs must be a positive integer, got "${opts.runs}"`)
const hostileTimeout = Number(opts['hostile-timeout'])
if (!(hostileTimeout > 0)) usage(`--hostile-timeout must be a positive number of seconds, got "${opts['hostile-timeout']}"`)
if (opts['hostile-only'] && opts['skip-hostile']) usage('--hostile-only and --skip-hostile exclude each other')
if (opts.concurrency !== undefined && !/^\d+$/.test(opts.concurrency)) usage(`--concurrency must be an integer, got "${opts.concurrency}"`)
const node = /[\\/]/.test(opts.node) ? resolve(opts.node) : opts.node // a bare name is looked up on PATH
const cli = resolve(opts.cli)
const peerPkg = join(repo, 'node_modules', 'markdownlint-cli2', 'package.json')
if (!existsSync(peerPkg)) usage('markdownlint-cli2 is not installed: run `npm ci` first')
const peerInfo = JSON.parse(readFileSync(peerPkg, 'utf8'))
const peerBin = join(repo, 'node_modules', 'markdownlint-cli2', typeof peerInfo.bin === 'string' ? peerInfo.bin : peerInfo.bin['markdownlint-cli2'])
if (!existsSync(cli)) usage(`${cli} is missing: run \`npm run build\` first`)
// The lead may rebuild dist/ while a run is going on: the runs of ours measure a copy of the bundle and
// its siblings (dist/lint-worker.js) taken at the start, so they all measure one build. The copy gets the
// module type of the nearest package.json, as the original has (none if there is none).
const buildFiles = (from) => readdirSync(from).filter((f) => /\.(c|m)?js$/.test(f) && statSync(join(from, f)).isFile()).sort()
const buildHash = (from) => {
  const hash = createHash('sha256')
  for (const f of buildFiles(from)) hash.update(f).update(readFileSync(join(from, f)))
  return hash.digest('hex').slice(0, 12)
}
function moduleType(from) {
  for (let d = from; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) {
      try {
        return JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')).type ?? 'commonjs'
      } catch {
        return 'commonjs'
      }
    }
    if (dirname(d) === d) return undefined
  }
}
const cliHash = buildHash(dirname(cli))
const snapshot = mkdtempSync(join(os.tmpdir(), 'rl-bench-build-'))
for (const f of buildFiles(dirname(cli))) copyFileSync(join(dirname(cli), f), join(snapshot, f))
const type = moduleType(dirname(cli))
if (type) writeFileSync(join(snapshot, 'package.json'), JSON.stringify({ type }))
const cliCopy = join(snapshot, basename(cli))
const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8' })
if (nodeVersion.status !== 0) {
  rmSync(snapshot, { recursive: true, force: true })
  usage(`--node ${node} does not run`)
}

// --- measuring --------------------------------------------------------------------------------------

/** GNU time, if present and working, reports the child's peak RSS (%M, KB) and CPU time (%U + %S, s). */
const timeBin = (() => {
  if (!existsSync('/usr/bin/time')) return undefined
  const probe = join(os.tmpdir(), `rl-bench-time-${process.pid}`)
  try {
    const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', probe, node, '-e', '0'])
    return r.status === 0 && /^\d+ [\d.]+ [\d.]+\s*$/m.test(readFileSync(probe, 'utf8')) ? '/usr/bin/time' : undefined
  } catch {
    return undefined
  } finally {
    rmSync(probe, { force: true })
  }
})()

const childEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }

/**
 * Runs one command to completion; wall time covers spawn to exit with all output read. With `timeoutSeconds`,
 * the command (and GNU time around it) is killed then, and the result says `timedOut`.
 */
function run(args, cwd, timeoutSeconds) {
  const rssFile = join(os.tmpdir(), `rl-bench-rss-${process.pid}`)
  const [cmd, argv] = timeBin ? [timeBin, ['-f', '%M %U %S', '-o', rssFile, node, ...args]] : [node, args]
  return new Promise((resolvePromise) => {
    const stdout = []
    const stderr = []
    const started = process.hrtime.bigint()
    // Its own process group, so that a timeout kills the command and not only GNU time around it.
    const child = spawn(cmd, argv, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: timeoutSeconds !== undefined })
    let timedOut = false
    const timer =
      timeoutSeconds === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true
            try {
              process.kill(-child.pid, 'SIGKILL')
            } catch {
              // already gone
            }
          }, timeoutSeconds * 1000)
    child.stdout.on('data', (chunk) => stdout.push(chunk))
    child.stderr.on('data', (chunk) => stderr.push(chunk))
    child.on('error', (error) => resolvePromise({ seconds: 0, code: null, signal: null, error, stdout: '', stderr: '' }))
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer)
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      let rssKb
      let cpuSeconds
      let childSignal = signal
      if (timeBin) {
        try {
          const report = readFileSync(rssFile, 'utf8')
          const m = /(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(report.trim())
          if (m) {
            rssKb = Number(m[1])
            cpuSeconds = Number(m[2]) + Number(m[3])
          }
          const killed = /terminated by signal (\d+)/.exec(report)
          if (killed) childSignal = `signal ${killed[1]}`
        } catch {
          // no report: leave RSS and CPU time unknown
        }
        rmSync(rssFile, { force: true })
      }
      resolvePromise({
        seconds,
        timedOut,
        code,
        signal: childSignal,
        rssKb,
        cpuSeconds,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8')
      })
    })
  })
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function tail(text, lines = 15) {
  return text.trim().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n')
}

const failures = []

/** markdownlint-cli2 exits 0 (clean) or 1 (findings); anything else, or a wrong file count, is a failure. */
function checkPeer(result) {
  const where = 'markdownlint-cli2'
  if (result.error || result.signal || (result.code !== 0 && result.code !== 1)) {
    failures.push(`${where} crashed (${result.error?.message ?? result.signal ?? `exit ${result.code}`}):\n${tail(result.stderr || result.stdout)}`)
    return undefined
  }
  const files = Number(/Linting: (\d+) file/.exec(result.stdout)?.[1] ?? NaN)
  const findings = Number(/Summary: (\d+) error/.exec(result.stdout)?.[1] ?? NaN)
  if (files !== count) {
    failures.push(`${where} linted ${Number.isNaN(files) ? 'an unknown number of' : files} files, expected ${count}:\n${tail(result.stdout)}`)
    return undefined
  }
  return { files, findings }
}

/** Ours exits 0 (clean) or 1 (findings) and prints JSON whose summary.files must be the generated count. */
function checkOurs(result, label) {
  if (result.error || result.signal || (result.code !== 0 && result.code !== 1)) {
    failures.push(`ours ${label} crashed (${result.error?.message ?? result.signal ?? `exit ${result.code}`}):\n${tail(result.stderr || result.stdout)}`)
    return undefined
  }
  let json
  try {
    json = JSON.parse(result.stdout)
  } catch (error) {
    failures.push(`ours ${label} did not print JSON (${error.message}):\n${tail(result.stdout || result.stderr)}`)
    return undefined
  }
  const summary = json?.summary ?? {}
  if (summary.files !== count || !Array.isArray(json.findings)) {
    failures.push(`ours ${label} linted ${summary.files ?? 'an unknown number of'} files, expected ${count}`)
    return undefined
  }
  const key = (f) => `${f.path}\u0000${String(f.line).padStart(8, '0')}\u0000${String(f.column).padStart(8, '0')}\u0000${f.rule}\u0000${f.severity}\u0000${f.message}`
  const canonical = json.findings.map(key).sort().join('\n')
  return { files: summary.files, errors: summary.errors, warnings: summary.warnings, findings: json.findings, canonical }
}

// --- hostile markdown -------------------------------------------------------------------------------

const HOSTILE_SECONDS = 2
const HOSTILE_MB = 200

/** One child run's wall, CPU and peak RSS as table cells. */
function usageCells(r) {
  const wall = r.timedOut ? `> ${hostileTimeout}` : r.seconds.toFixed(2)
  return [wall, r.cpuSeconds === undefined ? 'n/a' : r.cpuSeconds.toFixed(2), r.rssKb === undefined ? 'n/a' : `${Math.round(r.rssKb / 1024)} MB`]
}

/**
 * Lints each hostile postmortem (bench/hostile-postmortems.mjs) alone with `lint --no-cache`, as a child
 * process timed like the rest, against the targets of under 2 s and 200 MB per file. The floor is the same
 * command on one ordinary postmortem (Node start-up and loading the bundle), measured in the same run.
 */
async function hostileBench() {
  const base = join(dir, 'hostile')
  const write = (name, text) => {
    const root = join(base, name)
    mkdirSync(join(root, 'docs', 'postmortems'), { recursive: true })
    writeFileSync(join(root, 'docs', 'postmortems', 'PM-1.md'), text)
    writeFileSync(join(root, '.markdownlint-cli2.jsonc'), '{\n  "config": { "default": true }\n}\n')
    return root
  }
  const lintArgs = (root) => [cliCopy, 'lint', '--root', root, '--format', 'json', '--no-cache']
  const shapes = hostileShapes()
  say()
  say(
    `hostile markdown: ${shapes.length} postmortems of ${(Math.min(...shapes.map((s) => s.text.length)) / 2 ** 20).toFixed(2)}–` +
      `${(Math.max(...shapes.map((s) => s.text.length)) / 2 ** 20).toFixed(2)} MiB, each linted alone (--no-cache); ` +
      `target per file: under ${HOSTILE_SECONDS} s and ${HOSTILE_MB} MB; runs stopped after ${hostileTimeout} s; load average ${os.loadavg()[0].toFixed(2)}`
  )
  const floorRoot = write('ordinary', buildPostmortem(1).text)
  const floors = []
  for (let i = 0; i < runs; i++) floors.push(await run(lintArgs(floorRoot), floorRoot))
  const floor = floors.reduce((a, b) => (a.seconds <= b.seconds ? a : b))
  const table = [['postmortem', 'wall s', 'CPU s', 'peak RSS', ...(opts['hostile-peer'] ? ['peer wall s'] : []), 'verdict', 'PM000 (first)']]
  table.push([`ordinary (${buildPostmortem(1).text.length} B, best of ${runs})`, ...usageCells(floor), ...(opts['hostile-peer'] ? [''] : []), 'floor', ''])
  let within = 0
  let worstWall = 0
  let worstRss = 0
  for (const { name, text } of shapes) {
    const root = write(name, text)
    const r = await run(lintArgs(root), root, hostileTimeout)
    let note = ''
    if (!r.timedOut) {
      if (r.error || r.signal || (r.code !== 0 && r.code !== 1)) {
        failures.push(`ours on hostile ${name} crashed (${r.error?.message ?? r.signal ?? `exit ${r.code}`}):\n${tail(r.stderr || r.stdout)}`)
      } else {
        try {
          const json = JSON.parse(r.stdout)
          if (json?.summary?.files !== 1) failures.push(`ours on hostile ${name} linted ${json?.summary?.files} files, expected 1`)
          note = json.findings.find((f) => f.rule === 'PM000')?.message.slice(0, 70) ?? ''
        } catch (error) {
          failures.push(`ours on hostile ${name} did not print JSON (${error.message})`)
        }
      }
    }
    const ok = !r.timedOut && r.seconds < HOSTILE_SECONDS && (r.rssKb === undefined || r.rssKb / 1024 < HOSTILE_MB)
    if (ok) within++
    worstWall = Math.max(worstWall, r.timedOut ? Infinity : r.seconds)
    worstRss = Math.max(worstRss, r.rssKb ?? 0)
    let peerCell = []
    if (opts['hostile-peer']) {
      const peer = await run([peerBin, 'docs/postmortems/*.md'], root, hostileTimeout)
      peerCell = [peer.timedOut ? `> ${hostileTimeout}` : peer.seconds.toFixed(2)]
    }
    table.push([name, ...usageCells(r), ...peerCell, ok ? 'PASS' : 'MISS', note])
    process.stdout.write(`  ${name.padEnd(26)} ${usageCells(r).join('  ')}\n`)
  }
  say()
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)))
  for (const [i, row] of table.entries()) {
    say(row.map((cell, c) => (c >= 1 && c <= 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd())
    if (i === 0) say(widths.map((w) => '-'.repeat(w)).join('  '))
  }
  say()
  say(
    `hostile: ${within}/${shapes.length} within ${HOSTILE_SECONDS} s and ${HOSTILE_MB} MB; worst wall ${Number.isFinite(worstWall) ? `${worstWall.toFixed(2)} s` : `over ${hostileTimeout} s`}, ` +
      `worst peak RSS ${timeBin ? `${Math.round(worstRss / 1024)} MB` : 'n/a'}; floor ${floor.seconds.toFixed(2)} s, ${floor.rssKb === undefined ? 'n/a' : `${Math.round(floor.rssKb / 1024)} MB`}` +
      `   ${within === shapes.length ? 'PASS' : 'MISS'}   (load average ${os.loadavg()[0].toFixed(2)} after)`
  )
}

// --- the run ----------------------------------------------------------------------------------------

const dir = mkdtempSync(join(os.tmpdir(), 'rl-bench-'))
let cleaned = false
function cleanup() {
  if (cleaned) return
  cleaned = true
  rmSync(snapshot, { recursive: true, force: true })
  if (!opts.keep) rmSync(dir, { recursive: true, force: true })
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanup()
    process.exit(130)
  })
}

const cpus = os.cpus()
const say = (line = '') => process.stdout.write(`${line}\n`)
let exitCode = 0
try {
  if (!opts['hostile-only']) {
    const genStart = process.hrtime.bigint()
    const gen = generate(dir, count)
    const genSeconds = Number(process.hrtime.bigint() - genStart) / 1e9
    // Default rules and nothing else; the file also stops markdownlint-cli2 from looking further up.
    writeFileSync(join(dir, '.markdownlint-cli2.jsonc'), '{\n  "config": { "default": true }\n}\n')

    const ourPkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'))
    say(`reliability-loop lint benchmark: ${count} postmortems vs markdownlint-cli2 ${peerInfo.version} (default rules)`)
    say(
      `machine: ${os.availableParallelism?.() ?? cpus.length} cores (${cpus[0]?.model?.trim() ?? 'unknown CPU'}), ` +
        `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}; node ${nodeVersion.stdout.trim()} (${node}) for both tools`
    )
    say(
      `generated ${gen.files} files, ${(gen.bytes / 1e6).toFixed(1)} MB (${gen.minBytes}–${gen.maxBytes} B each) in ${genSeconds.toFixed(1)} s; ` +
        `${gen.withProblems} with seeded problems (${Object.entries(gen.problems).map(([k, v]) => `${k} ${v}`).join(', ')})`
    )
    say(`dir: ${dir}${opts.keep ? ' (kept)' : ' (removed at the end)'}`)
    const loadBefore = os.loadavg()[0]
    say(`load average before: ${loadBefore.toFixed(2)}${loadBefore > 0.5 * (os.availableParallelism?.() ?? cpus.length) ? '  (the machine is busy: timings will be noisy, and the parallel tool suffers more)' : ''}`)
    say()

    const peerArgs = [peerBin, PM_GLOB]
    const ourArgs = (...extra) => [cliCopy, 'lint', '--root', dir, '--format', 'json', ...(opts.concurrency ? ['--concurrency', opts.concurrency] : []), ...extra]
    const rows = { peer: [], cold: [], populate: [], warm: [] }
    const parsed = { peer: [], cold: [], populate: [], warm: [] }
    const progress = (label, r) => say(`  ${label.padEnd(24)} ${r.seconds.toFixed(2).padStart(8)} s  exit ${r.code ?? r.signal}`)

    // Peer and cold runs alternate, so drift on the machine hits both alike.
    for (let i = 0; i < runs; i++) {
      const peer = await run(peerArgs, dir)
      progress(`markdownlint-cli2 #${i + 1}`, peer)
      rows.peer.push(peer)
      parsed.peer.push(checkPeer(peer))
      const cold = await run(ourArgs('--no-cache'), dir)
      progress(`ours cold #${i + 1}`, cold)
      rows.cold.push(cold)
      parsed.cold.push(checkOurs(cold, `cold #${i + 1}`))
    }
    const notes = []
    if (existsSync(join(dir, CACHE_DIR))) {
      notes.push(`--no-cache runs left ${CACHE_DIR}/ behind (they should not write a cache); removed it before the populate run`)
      rmSync(join(dir, CACHE_DIR), { recursive: true, force: true })
    }
    const populate = await run(ourArgs(), dir)
    progress('ours populate cache', populate)
    rows.populate.push(populate)
    parsed.populate.push(checkOurs(populate, 'populate'))
    if (!existsSync(join(dir, CACHE_DIR))) notes.push(`no ${CACHE_DIR}/ after the populate run: the warm runs may not have used a cache`)
    for (let i = 0; i < runs; i++) {
      const warm = await run(ourArgs(), dir)
      progress(`ours warm #${i + 1}`, warm)
      rows.warm.push(warm)
      parsed.warm.push(checkOurs(warm, `warm #${i + 1}`))
    }

    // Every run of ours must give the same findings, cached or not: a cache that answers wrongly is not fast.
    const reference = parsed.cold.find(Boolean)
    for (const [label, list] of [['cold', parsed.cold], ['populate', parsed.populate], ['warm', parsed.warm]]) {
      list.forEach((p, i) => {
        if (p && reference && p.canonical !== reference.canonical) {
          failures.push(`ours ${label} #${i + 1} reported ${p.findings.length} findings, the first cold run ${reference.findings.length}: results differ`)
        }
      })
    }
    if (reference && gen.withProblems > 0 && reference.findings.length === 0) {
      failures.push(`ours reported no findings although ${gen.withProblems} files have seeded problems`)
    }

    // --- report
    say()
    const peerRef = parsed.peer.find(Boolean)
    const fmtCpu = (list) => {
      const values = list.map((r) => r.cpuSeconds).filter((v) => v !== undefined)
      return values.length ? median(values).toFixed(1) : 'n/a'
    }
    const fmtRss = (list) => {
      const values = list.map((r) => r.rssKb).filter((v) => v !== undefined)
      return values.length ? `${Math.round(Math.max(...values) / 1024)} MB` : 'n/a'
    }
    const table = [
      ['tool', 'median s', 'runs (s)', 'CPU s', 'peak RSS', 'files', 'findings'],
      ['markdownlint-cli2 (default rules)', rows.peer, peerRef?.files, peerRef ? `${peerRef.findings}` : '?'],
      ['ours cold (--no-cache)', rows.cold, reference?.files, reference ? `${reference.errors} errors, ${reference.warnings} warnings` : '?'],
      ['ours populate cache (1 run)', rows.populate, parsed.populate[0]?.files, parsed.populate[0] ? `${parsed.populate[0].findings.length}` : '?'],
      ['ours warm (unchanged files)', rows.warm, parsed.warm.find(Boolean)?.files, parsed.warm.find(Boolean) ? `${parsed.warm.find(Boolean).findings.length}` : '?']
    ].map((row, i) =>
      i === 0
        ? row
        : [row[0], median(row[1].map((r) => r.seconds)).toFixed(3), row[1].map((r) => r.seconds.toFixed(2)).join(' '), fmtCpu(row[1]), fmtRss(row[1]), `${row[2] ?? '?'}`, row[3]]
    )
    const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)))
    for (const [i, row] of table.entries()) {
      say(row.map((cell, c) => (c === 1 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd())
      if (i === 0) say(widths.map((w) => '-'.repeat(w)).join('  '))
    }
    if (!timeBin) say('(CPU time and peak RSS need GNU time at /usr/bin/time; not available here)')
    else say('(CPU s: median user+sys of the child, all threads; on a busy machine it varies less than wall time)')

    if (reference) {
      const seeded = new Set(gen.problemFiles)
      const flagged = new Set(reference.findings.map((f) => f.path))
      const seededFlagged = [...seeded].filter((p) => flagged.has(p)).length
      const unseededFlagged = [...flagged].filter((p) => !seeded.has(p)).length
      say()
      say(
        `ours flagged ${seededFlagged}/${seeded.size} files with seeded problems, and ${unseededFlagged} of the ` +
          `${count - seeded.size} others (by rule: ${Object.entries(reference.findings.reduce((acc, f) => ((acc[f.rule] = (acc[f.rule] ?? 0) + 1), acc), {}))
            .sort()
            .map(([rule, n]) => `${rule} ${n}`)
            .join(', ')})`
      )
    }

    say()
    const peerMedian = median(rows.peer.map((r) => r.seconds))
    const ratioLine = (label, list, target) => {
      const ratio = median(list.map((r) => r.seconds)) / peerMedian
      const verdict = ratio <= target ? 'PASS' : 'MISS'
      say(`${label.padEnd(36)} ${ratio.toFixed(3)}   target <= ${target.toFixed(2)}   ${verdict}`)
    }
    ratioLine('ours cold / markdownlint-cli2', rows.cold, TARGET_COLD)
    ratioLine('ours warm / markdownlint-cli2', rows.warm, TARGET_WARM)
    say(`(medians of ${runs} run${runs === 1 ? '' : 's'} each; load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after; ${os.availableParallelism?.() ?? cpus.length} cores; ours ${ourPkg.version}, ${cli}, build ${cliHash})`)

    if (!existsSync(cli) || buildHash(dirname(cli)) !== cliHash) {
      notes.push(`${dirname(cli)} was rebuilt during the run; all runs of ours measured the copy taken at the start (build ${cliHash})`)
    }
    for (const note of notes) say(`note: ${note}`)
  }
  if (!opts['skip-hostile']) await hostileBench()
  if (failures.length > 0) {
    say()
    say('RUN INVALID: the timings above do not count.')
    for (const f of failures) say(`  - ${f}`)
    exitCode = 1
  }
} finally {
  cleanup()
}
process.exit(exitCode)
