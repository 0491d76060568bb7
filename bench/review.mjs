#!/usr/bin/env node
// `node bench/review.mjs`: the review mode over 10,000 generated incident timelines (1 GiB in all) against
// the straightforward implementation (read every file, parse every line, keep the last record, compare
// `ts` strings), in the same run. Reports the time ratio and peak memory.
//
//   node bench/review.mjs [--count 10000] [--total-mb 1024] [--runs 3] [--node PATH] [--cli PATH] [--keep] [--corpus DIR] [--no-cold]
//                         [--baseline-cli PATH]
//
// The incidents spread over twelve months (2026-01 to 2026-12); the review is of 2026-10. Half of the
// files carry `started_at`/`detected_at`/`resolved_at` on every record (what docs/review.md recommends);
// for the other half the review must stream the whole timeline of each incident in the period to find
// detection and resolution. Each command is a child process timed from spawn to exit; peak RSS from GNU
// time (/usr/bin/time).
//
// Two conditions, each command alternating with the others:
// - warm: every file already in the page cache (a warm-up read comes first), as after actions/checkout;
// - cold: the corpus evicted from the page cache before each run (drop_caches as root, else
//   posix_fadvise(DONTNEED) on each file through python3; skipped when neither works, or with --no-cold),
//   with Node and the scripts themselves kept cached, so only reading the corpus differs.
// A third command gives the floor on this machine: open every file, read its last 4 KiB, close it, and
// nothing else. No approach that looks at every file can be faster than that, so peer time / floor time
// is the largest ratio this machine allows, and ours / floor how close the review comes to it (target:
// at most 1.3x, issue 12). --baseline-cli PATH also times another build of the CLI (e.g. an earlier
// commit's dist/cli.js) in the same run, alternating with the others, for a before/after on one machine.
// --corpus DIR generates into DIR once and reuses it on later runs (it is kept).
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, fstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const repo = fileURLToPath(new URL('..', import.meta.url))
const TARGET_RATIO = 20
const TARGET_RSS_MB = 200
const TARGET_FLOOR_RATIO = 1.3
const MONTH = '2026-10'

const { values: opts } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    'total-mb': { type: 'string', default: '1024' },
    runs: { type: 'string', default: '3' },
    node: { type: 'string', default: process.execPath },
    cli: { type: 'string', default: join(repo, 'dist', 'cli.js') },
    keep: { type: 'boolean', default: false },
    corpus: { type: 'string' },
    'no-cold': { type: 'boolean', default: false },
    peer: { type: 'string' },
    floor: { type: 'string' },
    'baseline-cli': { type: 'string' }
  },
  strict: true
})

// --peer <dir>: the straightforward implementation, run as its own process so its memory is its own.
if (opts.peer !== undefined) {
  const dir = join(opts.peer, 'logs/incidents')
  const start = `${MONTH}-01`
  const end = '2026-11-01'
  const incidents = []
  for (const name of readdirSync(dir).sort()) {
    const lines = readFileSync(join(dir, name), 'utf8').split('\n')
    let first
    let last
    let detected
    let resolved
    for (const line of lines) {
      if (line.trim() === '') continue
      let record
      try {
        record = JSON.parse(line)
      } catch {
        continue
      }
      first ??= record
      last = record
      if (detected === undefined && record.status === 'acknowledged') detected = record.ts
      if (resolved === undefined && record.status === 'resolved') resolved = record.ts
    }
    if (last === undefined) continue
    // The usual shortcut: ISO strings compared as strings (wrong across zones; see docs/review.md).
    const startTs = last.started_at ?? first.ts
    const endTs = last.status === 'resolved' ? (last.resolved_at ?? resolved ?? last.ts) : '9999'
    if (startTs < end && endTs >= start) incidents.push({ id: last.id, status: last.status, startTs, detected: last.detected_at ?? detected, resolved: last.resolved_at ?? resolved })
  }
  process.stdout.write(`${JSON.stringify({ incidents: incidents.length })}\n`)
  process.exit(0)
}

// --floor <dir>: the least any approach must do, open each file and read its end.
if (opts.floor !== undefined) {
  const dir = join(opts.floor, 'logs/incidents')
  const buffer = Buffer.allocUnsafe(4096)
  let files = 0
  for (const name of readdirSync(dir)) {
    const fd = openSync(join(dir, name), 'r')
    const size = fstatSync(fd).size
    readSync(fd, buffer, 0, Math.min(4096, size), Math.max(0, size - 4096))
    closeSync(fd)
    files++
  }
  process.stdout.write(`${JSON.stringify({ files })}\n`)
  process.exit(0)
}

const count = Number(opts.count)
const totalBytes = Number(opts['total-mb']) * 1024 * 1024
const runs = Number(opts.runs)
if (!(count > 0 && totalBytes > 0 && runs > 0)) {
  process.stderr.write('usage: node bench/review.mjs [--count N] [--total-mb N] [--runs N] [--node PATH] [--cli PATH] [--keep]\n')
  process.exit(2)
}
if (!existsSync(opts.cli)) {
  process.stderr.write(`bench/review: ${opts.cli} is missing: run \`npm run build\` first\n`)
  process.exit(1)
}

/** Deterministic pseudo-random numbers (mulberry32), so every run generates the same files. */
function random(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function generate(root) {
  const dir = join(root, 'logs/incidents')
  mkdirSync(dir, { recursive: true })
  const rand = random(42)
  const perFile = Math.floor(totalBytes / count)
  const yearStart = Date.parse('2026-01-01T00:00:00Z')
  const yearMs = Date.parse('2027-01-01T00:00:00Z') - yearStart - 3 * 86_400_000
  let written = 0
  for (let i = 0; i < count; i++) {
    const id = `INC-${String(i).padStart(5, '0')}`
    const startMs = yearStart + Math.floor(rand() * yearMs)
    const withMilestones = i % 2 === 0
    const detectedMs = startMs + 60_000 * (2 + Math.floor(rand() * 30))
    const resolvedMs = detectedMs + 60_000 * (10 + Math.floor(rand() * 600))
    const milestones = withMilestones ? { started_at: new Date(startMs).toISOString(), detected_at: new Date(detectedMs).toISOString(), resolved_at: new Date(resolvedMs).toISOString() } : {}
    const chunks = []
    let size = 0
    let n = 0
    const line = (ts, status, note) => {
      const text = `${JSON.stringify({ ts: new Date(ts).toISOString(), id, severity: `Sev${1 + (i % 4)}`, status, title: `Incident ${id}`, ...milestones, note })}\n`
      chunks.push(text)
      size += text.length
      n++
    }
    line(startMs, 'triggered', 'alert fired')
    line(detectedMs, 'acknowledged', 'on-call acknowledged')
    // Investigation notes fill the timeline up to the file's share of the total size.
    const filler = 'agent trace excerpt: tool call returned an empty result set, retrying with a broader query; '.repeat(2)
    while (size < perFile - 400) line(detectedMs + n * 1000, 'investigating', `${filler}${n}`)
    line(resolvedMs, 'resolved', 'back to baseline')
    const fd = openSync(join(dir, `${id}.ndjson`), 'w')
    writeSync(fd, chunks.join(''))
    closeSync(fd)
    written += size
  }
  return written
}

const timeBin = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0 ? '/usr/bin/time' : undefined

function timed(label, command, args, cwd) {
  return new Promise((resolve, reject) => {
    const rssFile = join(os.tmpdir(), `rl-review-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`)
    const [cmd, argv] = timeBin ? [timeBin, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, args]
    const started = process.hrtime.bigint()
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    child.on('error', reject)
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      let rssMb
      if (timeBin) {
        rssMb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024
        rmSync(rssFile, { force: true })
      }
      if (code !== 0) reject(new Error(`${label} exited ${code}: ${stderr.slice(0, 500)}`))
      else resolve({ seconds, rssMb, stdout })
    })
  })
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const EVICT_PY = `import os, sys
for d, _, names in os.walk(sys.argv[1]):
    for n in names:
        fd = os.open(os.path.join(d, n), os.O_RDONLY)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)`

/** Evicts the corpus from the page cache and reads Node and the scripts back in; the method used, or undefined. */
function evictCorpus(dir, keepCached) {
  let method
  try {
    spawnSync('sync')
    writeFileSync('/proc/sys/vm/drop_caches', '3')
    method = 'drop_caches'
  } catch {
    const py = spawnSync('python3', ['-c', EVICT_PY, dir], { stdio: 'ignore' })
    if (py.status === 0) method = 'posix_fadvise'
  }
  for (const file of keepCached) if (existsSync(file)) readFileSync(file)
  return method
}

const root = opts.corpus ?? mkdtempSync(join(os.tmpdir(), 'rl-review-bench-'))
const cleanup = () => {
  if (!opts.keep && opts.corpus === undefined) rmSync(root, { recursive: true, force: true })
}
process.on('SIGINT', () => {
  cleanup()
  process.exit(130)
})

/** Runs each command `runs` times, alternating, before each run `prepare()`; medians and peak RSS. */
async function measure(commands, prepare) {
  const results = Object.fromEntries(commands.map(([name]) => [name, []]))
  for (let i = 0; i < runs; i++) {
    for (const [name, command, args] of commands) {
      prepare()
      results[name].push(await timed(name, command, args, root))
    }
  }
  return Object.fromEntries(
    commands.map(([name]) => {
      const rs = results[name]
      return [name, { seconds: median(rs.map((r) => r.seconds)), rssMb: Math.max(...rs.map((r) => r.rssMb ?? 0)), stdout: rs[rs.length - 1].stdout }]
    })
  )
}

function report(label, m) {
  const rss = (r) => (timeBin ? `${r.rssMb.toFixed(0)} MiB` : 'unknown')
  const ratio = m.peer.seconds / m.ours.seconds
  console.log(`\n${label}`)
  console.log(`  reliability-loop review      median ${m.ours.seconds.toFixed(3)} s of ${runs}, peak RSS ${rss(m.ours)}`)
  console.log(`  read-everything (same run)   median ${m.peer.seconds.toFixed(3)} s of ${runs}, peak RSS ${rss(m.peer)}`)
  console.log(`  floor: open + last 4 KiB     median ${m.floor.seconds.toFixed(3)} s of ${runs}`)
  if (m.baseline !== undefined) console.log(`  baseline (--baseline-cli)    median ${m.baseline.seconds.toFixed(3)} s of ${runs}, peak RSS ${rss(m.baseline)}, ${(m.baseline.seconds / m.floor.seconds).toFixed(2)}x the floor`)
  console.log(`  ratio: ${ratio.toFixed(1)}x faster (target ${TARGET_RATIO}x: ${ratio >= TARGET_RATIO ? 'met' : 'missed'}); the floor allows ${(m.peer.seconds / m.floor.seconds).toFixed(1)}x here; peak RSS target < ${TARGET_RSS_MB} MiB: ${timeBin ? (m.ours.rssMb < TARGET_RSS_MB ? 'met' : 'missed') : 'unknown'}`)
  const overFloor = m.ours.seconds / m.floor.seconds
  console.log(`  ours / floor: ${overFloor.toFixed(2)}x (target at most ${TARGET_FLOOR_RATIO}x: ${overFloor <= TARGET_FLOOR_RATIO ? 'met' : 'missed'})`)
  return ratio
}

try {
  const marker = join(root, 'logs/incidents', `INC-${String(count - 1).padStart(5, '0')}.ndjson`)
  if (opts.corpus !== undefined && existsSync(marker)) console.log(`reusing the corpus in ${root}`)
  else {
    const t0 = Date.now()
    const bytes = generate(root)
    console.log(`generated ${count} incident files, ${(bytes / 1024 / 1024).toFixed(0)} MiB, in ${((Date.now() - t0) / 1000).toFixed(1)} s (${root})`)
  }
  const script = fileURLToPath(import.meta.url)
  const commands = [
    ['ours', opts.node, [opts.cli, 'review', '--month', MONTH, '--format', 'json', '--root', root]],
    ['peer', opts.node, [script, '--peer', root]],
    ['floor', opts.node, [script, '--floor', root]],
    ...(opts['baseline-cli'] !== undefined ? [['baseline', opts.node, [opts['baseline-cli'], 'review', '--month', MONTH, '--format', 'json', '--root', root]]] : [])
  ]
  // Warm-up: every byte into the page cache once.
  await timed('warm-up', opts.node, [script, '--peer', root], root)
  const warm = await measure(commands, () => {})
  const oursIncidents = JSON.parse(warm.ours.stdout).incidents.length
  const peerIncidents = JSON.parse(warm.peer.stdout).incidents
  console.log(`incidents in ${MONTH}: ours ${oursIncidents}, straightforward ${peerIncidents}`)
  report('warm page cache (the files cached, as after a checkout)', warm)

  if (warm.baseline !== undefined) {
    const baselineIncidents = JSON.parse(warm.baseline.stdout).incidents.length
    if (baselineIncidents !== oursIncidents) console.log(`warning: the baseline found ${baselineIncidents} incidents, ours ${oursIncidents}`)
  }
  const keepCached = [opts.node, opts.cli, script, ...(opts['baseline-cli'] !== undefined ? [opts['baseline-cli']] : [])]
  const method = opts['no-cold'] ? undefined : evictCorpus(join(root, 'logs/incidents'), keepCached)
  if (method === undefined) console.log(`\ncold page cache: not measured (${opts['no-cold'] ? '--no-cold' : 'needs root for drop_caches, or python3 for posix_fadvise'})`)
  else report(`cold page cache (corpus evicted before each run with ${method})`, await measure(commands, () => evictCorpus(join(root, 'logs/incidents'), keepCached)))
} finally {
  cleanup()
}
