#!/usr/bin/env node
// `npm run bench:export`: a full export of 1,000,000 audit score rows and 10,000 incidents into a fresh DuckDB
// file, against DuckDB's own read_json of the same NDJSON files in the same run; then an unchanged re-run.
//
//   node bench/export.mjs [--rows 1000000] [--incidents 10000] [--runs 3] [--node PATH] [--cli PATH] [--keep]
//
// Commands, each a child process timed from spawn to exit, the median of --runs:
//   read_json (peer)   DuckDB (the same @duckdb/node-api) creating tables from read_json of every audit file
//                      and every incident file: what a hand-run load does
//   export (full)      `reliability-loop export` into a new DuckDB file
//   export (re-run)    the same export again: nothing changed, nothing sent
// Peak RSS comes from GNU time (/usr/bin/time). Targets: full export within 2× of the peer, re-run under 1 s,
// peak RSS under 300 MB. Exit 0 when the report was printed (a missed target is reported, not an error).
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const repo = fileURLToPath(new URL('..', import.meta.url))
const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, incidents: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' }, node: { type: 'string', default: process.execPath }, cli: { type: 'string', default: join(repo, 'dist/cli.js') }, keep: { type: 'boolean', default: false } } })
const ROWS = Number(values.rows)
const INCIDENTS = Number(values.incidents)
const RUNS = Number(values.runs)
const DIMENSIONS = ['policy_adherence', 'tone', 'accuracy', 'task_success']
const MONTHS = 12

function generate(root) {
  const records = Math.ceil(ROWS / DIMENSIONS.length)
  const perMonth = Math.ceil(records / MONTHS)
  mkdirSync(join(root, 'reliability/audits'), { recursive: true })
  let made = 0
  for (let m = 0; m < MONTHS && made < records; m++) {
    const period = `2026-${String(m + 1).padStart(2, '0')}`
    const lines = []
    for (let i = 0; i < perMonth && made < records; i++, made++) {
      const scores = Object.fromEntries(DIMENSIONS.map((d, k) => [d, ((made * 7 + k) % 5) / 4]))
      lines.push(JSON.stringify({ period, seed: 'bench', transcript: `logs/missions/${period}/m-${made}.ndjson`, sha256: made.toString(16).padStart(64, '0'), rubric_version: 'v3', scorer: made % 10 === 0 ? 'llm' : 'rules', model: made % 10 === 0 ? 'gpt-4.1' : null, stratum: made % 9 === 0 ? 'flagged' : 'random', scores, reasons: { policy_adherence: 'line 4: policy violation noted' }, scored_at: `${period}-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z` }))
    }
    writeFileSync(join(root, `reliability/audits/${period}.ndjson`), `${lines.join('\n')}\n`)
  }
  mkdirSync(join(root, 'logs/incidents'), { recursive: true })
  for (let i = 0; i < INCIDENTS; i++) {
    const start = Date.UTC(2026, 0, 1) + i * 3_000_000
    const rec = (offset, status) => JSON.stringify({ ts: new Date(start + offset).toISOString(), id: `INC-${i}`, severity: `Sev${1 + (i % 4)}`, status, title: `incident ${i}` })
    writeFileSync(join(root, `logs/incidents/INC-${i}.ndjson`), `${rec(0, 'triggered')}\n${rec(600_000, 'acknowledged')}\n${rec(5_400_000, 'resolved')}\n`)
  }
  return made * DIMENSIONS.length
}

function timed(args, cwd) {
  const started = process.hrtime.bigint()
  const out = spawnSync('/usr/bin/time', ['-f', '%M %U %S', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, CI: 'true' } })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (out.status !== 0) throw new Error(`${args.join(' ')} failed (${out.status}):\n${out.stdout}\n${out.stderr}`)
  const [rssKb, user, sys] = out.stderr.trim().split('\n').at(-1).split(' ').map(Number)
  return { seconds, rssMb: rssKb / 1024, cpu: user + sys, stdout: out.stdout }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const root = mkdtempSync(join(os.tmpdir(), 'rl-bench-export-'))
try {
  process.stderr.write(`generating ${ROWS} audit score rows and ${INCIDENTS} incident files in ${root}…\n`)
  const rows = generate(root)
  const peerScript = join(root, 'peer.mjs')
  writeFileSync(peerScript, `import { DuckDBInstance } from ${JSON.stringify(join(repo, 'node_modules/@duckdb/node-api/lib/index.js'))}
const db = process.argv[2]
const instance = await DuckDBInstance.create(db); const c = await instance.connect()
await c.run("CREATE OR REPLACE TABLE audits AS SELECT * FROM read_json('reliability/audits/*.ndjson', format = 'newline_delimited')")
await c.run("CREATE OR REPLACE TABLE incidents AS SELECT * FROM read_json('logs/incidents/*.ndjson', format = 'newline_delimited')")
c.closeSync(); instance.closeSync()
`)
  const peer = []
  const full = []
  const rerun = []
  let last
  for (let r = 0; r < RUNS; r++) {
    rmSync(join(root, 'peer.duckdb'), { force: true })
    rmSync(join(root, '.reliability-loop'), { recursive: true, force: true })
    peer.push(timed([values.node, peerScript, join(root, 'peer.duckdb')], root))
    full.push((last = timed([values.node, values.cli, 'export', '--repository', 'bench/repo', '--format', 'json'], root)))
    rerun.push(timed([values.node, values.cli, 'export', '--repository', 'bench/repo', '--format', 'json'], root))
  }
  const sent = JSON.parse(last.stdout).tables.find((t) => t.table === 'audit_scores').rows
  if (sent !== rows) throw new Error(`the export sent ${sent} audit rows, expected ${rows}`)
  const again = JSON.parse(rerun.at(-1).stdout).tables.reduce((n, t) => n + t.sent_files, 0)
  const p = median(peer.map((x) => x.seconds))
  const f = median(full.map((x) => x.seconds))
  const u = median(rerun.map((x) => x.seconds))
  const rss = Math.max(...full.map((x) => x.rssMb), ...rerun.map((x) => x.rssMb))
  console.log(`bench/export: ${rows} audit score rows in ${MONTHS} files, ${INCIDENTS} incident files; median of ${RUNS} runs (${os.cpus().length} cores)`)
  console.log(`  read_json (peer, DuckDB loading the raw NDJSON)  ${p.toFixed(2)} s`)
  console.log(`  export, full (fresh DuckDB file)                  ${f.toFixed(2)} s   ${(f / p).toFixed(2)}× the peer (target ≤ 2×)   CPU ${median(full.map((x) => x.cpu)).toFixed(2)} s`)
  console.log(`  export, unchanged re-run                          ${u.toFixed(2)} s   (target < 1 s; files sent: ${again})`)
  console.log(`  peak RSS of the export                            ${rss.toFixed(0)} MB (target < 300 MB)`)
} finally {
  if (values.keep) console.log(`kept ${root}`)
  else rmSync(root, { recursive: true, force: true })
}
