#!/usr/bin/env node
// `node bench/review.mjs`: the review mode over 10,000 generated incident timelines (1 GiB in all) against
// the straightforward implementation (read every file, parse every line, keep the last record, compare
// `ts` strings), in the same run. Reports the time ratio and peak memory.
//
//   node bench/review.mjs [--count 10000] [--total-mb 1024] [--runs 3] [--node PATH] [--cli PATH] [--keep]
//
// The incidents spread over twelve months (2026-01 to 2026-12); the review is of 2026-10. Half of the
// files carry `started_at`/`detected_at`/`resolved_at` on every record (what docs/review.md recommends);
// for the other half the review must stream the whole timeline of each incident in the period to find
// detection and resolution. Each command is a child process timed from spawn to exit; peak RSS from GNU
// time (/usr/bin/time). Both read the same files from the page cache (a warm-up read comes first).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const repo = fileURLToPath(new URL('..', import.meta.url))
const TARGET_RATIO = 20
const TARGET_RSS_MB = 200
const MONTH = '2026-10'

const { values: opts } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    'total-mb': { type: 'string', default: '1024' },
    runs: { type: 'string', default: '3' },
    node: { type: 'string', default: process.execPath },
    cli: { type: 'string', default: join(repo, 'dist', 'cli.js') },
    keep: { type: 'boolean', default: false },
    peer: { type: 'string' }
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

const root = mkdtempSync(join(os.tmpdir(), 'rl-review-bench-'))
const cleanup = () => {
  if (!opts.keep) rmSync(root, { recursive: true, force: true })
}
process.on('SIGINT', () => {
  cleanup()
  process.exit(130)
})
try {
  const t0 = Date.now()
  const bytes = generate(root)
  console.log(`generated ${count} incident files, ${(bytes / 1024 / 1024).toFixed(0)} MiB, in ${((Date.now() - t0) / 1000).toFixed(1)} s (${root})`)
  const ours = [opts.node, [opts.cli, 'review', '--month', MONTH, '--format', 'json', '--root', root]]
  const peer = [opts.node, [fileURLToPath(import.meta.url), '--peer', root]]
  // Warm-up: both read every byte into the page cache once.
  await timed('warm-up', ...peer, root)
  const results = { ours: [], peer: [] }
  let oursIncidents
  let peerIncidents
  for (let i = 0; i < runs; i++) {
    const o = await timed('ours', ...ours, root)
    oursIncidents = JSON.parse(o.stdout).incidents.length
    results.ours.push(o)
    const p = await timed('peer', ...peer, root)
    peerIncidents = JSON.parse(p.stdout).incidents
    results.peer.push(p)
  }
  const oursS = median(results.ours.map((r) => r.seconds))
  const peerS = median(results.peer.map((r) => r.seconds))
  const oursRss = Math.max(...results.ours.map((r) => r.rssMb ?? 0))
  const peerRss = Math.max(...results.peer.map((r) => r.rssMb ?? 0))
  console.log(`incidents in ${MONTH}: ours ${oursIncidents}, straightforward ${peerIncidents}`)
  console.log(`reliability-loop review      median ${oursS.toFixed(2)} s of ${runs}, peak RSS ${timeBin ? `${oursRss.toFixed(0)} MiB` : 'unknown'}`)
  console.log(`read-everything (same run)   median ${peerS.toFixed(2)} s of ${runs}, peak RSS ${timeBin ? `${peerRss.toFixed(0)} MiB` : 'unknown'}`)
  const ratio = peerS / oursS
  console.log(`ratio: ${ratio.toFixed(1)}x faster (target ${TARGET_RATIO}x: ${ratio >= TARGET_RATIO ? 'met' : 'missed'}); peak RSS target < ${TARGET_RSS_MB} MiB: ${timeBin ? (oursRss < TARGET_RSS_MB ? 'met' : 'missed') : 'unknown'}`)
} finally {
  cleanup()
}
