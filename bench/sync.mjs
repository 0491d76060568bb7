#!/usr/bin/env node
// `npm run bench:sync`: HTTP requests and time of `reliability-loop sync` against the local fake trackers
// (GitHub, Linear, Jira Cloud, from __tests__/helpers), compared in the same run with the naive peer that
// looks each item up with its own request. See bench/README.md.
//
//   node bench/sync.mjs [--postmortems 500] [--items 2000] [--fresh 20] [--tracker github,linear,jira]
//
// Scenario: `--items` open action items over `--postmortems` postmortems, all but `--fresh` of them
// already synced. Measured: the run that creates the `--fresh` tickets, then a run with nothing changed.
// Targets (from the issue): requests ≤ fresh × 2 + ⌈items ÷ 100⌉ + 5, and no write request when nothing
// changed. Exit code: 0 when the report was printed (also when a target is missed), 1 when a run did not
// leave exactly one ticket per item, 2 on a usage error.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'

const repo = fileURLToPath(new URL('..', import.meta.url))

function usage(message) {
  if (message) process.stderr.write(`bench/sync: ${message}\n`)
  process.stderr.write(
    'usage: node bench/sync.mjs [--postmortems N] [--items N] [--fresh N] [--tracker LIST]\n' +
      '  --postmortems N  postmortems (default 500)\n' +
      '  --items N        open action items over them (default 2000)\n' +
      '  --fresh N        of which new since the last sync (default 20)\n' +
      '  --tracker LIST   github, linear, jira, comma-separated (default all three)\n'
  )
  process.exit(message ? 2 : 0)
}

let opts
try {
  opts = parseArgs({
    options: {
      postmortems: { type: 'string', default: '500' },
      items: { type: 'string', default: '2000' },
      fresh: { type: 'string', default: '20' },
      tracker: { type: 'string', default: 'github,linear,jira' },
      help: { type: 'boolean', short: 'h', default: false }
    },
    strict: true,
    allowPositionals: false
  }).values
} catch (error) {
  usage(error.message)
}
if (opts.help) usage()
const scenario = { postmortems: Number(opts.postmortems), items: Number(opts.items), fresh: Number(opts.fresh) }
if (!Object.values(scenario).every((n) => Number.isInteger(n) && n > 0) || scenario.fresh > scenario.items) usage('--postmortems, --items and --fresh must be whole numbers above 0, fresh ≤ items')
const trackers = opts.tracker.split(',').map((t) => t.trim())
if (!trackers.every((t) => ['github', 'linear', 'jira'].includes(t))) usage('--tracker takes github, linear and jira')

// The harness is TypeScript next to the test fakes; bundle it. The fakes find the contracts (__tests__/contracts/)
// relative to their own location, so import.meta.url is pinned to where they live.
const dir = mkdtempSync(join(os.tmpdir(), 'rl-bench-sync-'))
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
const bundle = join(dir, 'harness.mjs')
await build({
  entryPoints: [join(repo, 'bench', 'sync-harness.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(repo, '__tests__', 'helpers', 'bench.mjs')).href), __RL_BUILD_ID__: '"bench"' },
  banner: { js: "import { createRequire as __rlCreateRequire } from 'node:module';\nconst require = __rlCreateRequire(import.meta.url);" }
})
const { benchTracker } = await import(pathToFileURL(bundle).href)

const target = scenario.fresh * 2 + Math.ceil(scenario.items / 100) + 5
console.log(`bench/sync: ${scenario.items} open action items in ${scenario.postmortems} postmortems, ${scenario.fresh} new; target ≤ ${target} requests, and no write when nothing changed`)
console.log('(GitHub writes are not spaced out here; in production the Octokit throttling plugin spaces them 1–3 s apart, as GitHub asks.)\n')

const rows = []
let broken = 0
for (const tracker of trackers) {
  const r = await benchTracker(tracker, scenario)
  const ok = r.changed.requests <= target && r.unchanged.writes === 0
  if (r.tickets !== r.openItems || r.changed.counts?.created !== scenario.fresh) {
    broken++
    console.error(`${tracker}: expected ${r.openItems} tickets and ${scenario.fresh} created, got ${r.tickets} tickets and ${r.changed.counts?.created} created`)
  }
  rows.push([
    tracker,
    `${r.changed.requests} (${r.changed.reads} read, ${r.changed.writes} write)`,
    `${(r.changed.ms / 1000).toFixed(2)} s`,
    `${r.unchanged.requests} (${r.unchanged.writes} write)`,
    `${(r.unchanged.ms / 1000).toFixed(2)} s`,
    `${r.naive.requests}`,
    `${(r.naive.ms / 1000).toFixed(2)} s`,
    `${(r.naive.requests / r.changed.requests).toFixed(1)}×`,
    ok ? 'met' : 'MISSED'
  ])
}
const header = ['tracker', `sync, ${scenario.fresh} new`, 'time', 'sync, unchanged', 'time', 'naive peer', 'time', 'fewer requests', `target ≤ ${target}`]
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)))
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ')
console.log(line(header))
for (const row of rows) console.log(line(row))
console.log('\nnaive peer: one look-up request per open item (by a label or id unique to the item), plus one create per new item.')
process.exit(broken > 0 ? 1 : 0)
