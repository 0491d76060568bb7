// bench/publish: the charts (Vega-Lite → SVG → PNG) and the HTML of a packet with 12 months of audit scores
// and 500 incidents, in one process, CPU time measured with process.cpuUsage. Target: under 1 s of CPU.
// Floor, measured in the same run: resvg encoding blank PNGs of the same pixel sizes (the part no chart
// library can avoid). Run: npm run bench:publish [-- --scale 2 --runs 3]
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'

const { values } = parseArgs({ options: { scale: { type: 'string', default: '2' }, runs: { type: 'string', default: '3' } } })
const scale = Number(values.scale)
const runs = Number(values.runs)
const repo = fileURLToPath(new URL('..', import.meta.url))

// The modules under test, bundled as the CLI bundles them, with the wasm and the font beside the bundle.
const dir = mkdtempSync(join(tmpdir(), 'rl-bench-publish-'))
const entry = join(dir, 'entry.ts')
const { writeFileSync } = await import('node:fs')
writeFileSync(entry, [
  `export { auditTrends } from ${JSON.stringify(join(repo, 'src/review/audits.ts'))}`,
  `export { incidentMonths } from ${JSON.stringify(join(repo, 'src/review/incident-months.ts'))}`,
  `export { packetChartSpecs } from ${JSON.stringify(join(repo, 'src/report/charts/specs.ts'))}`,
  `export { renderChart, chartSvg } from ${JSON.stringify(join(repo, 'src/report/charts/render.ts'))}`,
  `export { renderPacketHtml } from ${JSON.stringify(join(repo, 'src/report/packet-html.ts'))}`,
  `export { chartImages } from ${JSON.stringify(join(repo, 'src/report/packet-view.ts'))}`,
  `export { initWasm, Resvg } from '@resvg/resvg-wasm'`
].join('\n'))
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: join(dir, 'bench.js'), logLevel: 'warning', nodePaths: [join(repo, 'node_modules')], banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" } })
copyFileSync(join(repo, 'node_modules/@resvg/resvg-wasm/index_bg.wasm'), join(dir, 'resvg.wasm'))
copyFileSync(join(repo, 'assets/fonts/Inter-Regular.ttf'), join(dir, 'Inter-Regular.ttf'))
const m = await import(pathToFileURL(join(dir, 'bench.js')).href)

// 12 months of audit scores (3 dimensions, 200 transcripts a month) and 500 incidents over the same months.
const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 11 > 12 ? i - 1 : i + 11).padStart(2, '0')}`.replace(/^2025-(0[1-9]|10)$/, '2026-$1'))
let seed = 42
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const records = months.flatMap((period) => Array.from({ length: 200 }, (_, t) => ({ period, transcript: `t${t}`, scores: { accuracy: 1 + Math.floor(random() * 5), tone: random(), policy_adherence: random() }, reasons: {} })))
const severities = ['Sev1', 'Sev2', 'Sev3', 'Sev4']
const rows = Array.from({ length: 500 }, () => {
  const month = months[Math.floor(random() * 12)]
  const resolved = random() < 0.9
  return { start: `${month}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}T10:00:00.000Z`, severity: severities[Math.floor(random() * 4)], ...(resolved && { ttrMs: Math.floor(random() * 48 * 3_600_000) }) }
})
const month = months[months.length - 1]
const scales = new Map([['accuracy', '1-5'], ['tone', '0-1'], ['policy_adherence', '0-1']])

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
function summaryPacket(audits, history) {
  return {
    period: { label: month, title: month, start: `${month}-01T00:00:00.000Z`, end: `${month}-28T00:00:00.000Z` }, generatedAt: '', sources: [],
    summary: [{ area: 'Incidents', status: 'red', summary: `${rows.length} incidents` }],
    incidents: rows.map((r, i) => ({ id: `INC-${i}`, path: `logs/incidents/${i}.ndjson`, severity: r.severity, title: `Incident ${i}`, start: r.start, status: r.ttrMs === undefined ? 'open' : 'resolved', ...(r.ttrMs !== undefined && { ttrMs: r.ttrMs }) })),
    postmortems: [], backlog: { open: 0, overdue: 0, closed: 0, byOwner: [], bySeverity: [], byAge: [], overdueItems: [] }, audits, experiments: [], bypasses: [], dataQuality: [], history
  }
}

const timings = []
for (let run = 0; run < runs; run++) {
  const start = cpu()
  const t0 = cpu()
  const audits = m.auditTrends(records, month, scales)
  const history = m.incidentMonths(rows, audits.months, severities)
  const specs = m.packetChartSpecs(audits, history)
  const tData = cpu() - t0
  const charts = []
  const perChart = []
  for (const spec of specs) {
    const c0 = cpu()
    charts.push(await m.renderChart(spec, { scale }))
    perChart.push({ id: spec.id, ms: cpu() - c0 })
  }
  const h0 = cpu()
  const packet = summaryPacket(audits, history)
  const html = m.renderPacketHtml({ packet, history, charts: m.chartImages(charts, 'data', scale) })
  const tHtml = cpu() - h0
  timings.push({ total: cpu() - start, data: tData, perChart, html: tHtml, htmlBytes: html.length, sizes: charts.map((c) => ({ id: c.id, bytes: c.png.length, px: `${c.width}x${c.height}` })) })
}

// The floor: blank PNGs of the same sizes, encoded by the same resvg.
const last = timings[timings.length - 1]
const f0 = cpu()
for (const s of last.sizes) {
  const [w, h] = s.px.split('x').map(Number)
  const r = new m.Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="${w / scale}" height="${h / scale}"><rect width="100%" height="100%" fill="white"/></svg>`, { fitTo: { mode: 'zoom', value: scale } })
  r.render().asPng()
}
const floor = cpu() - f0

const fmt = (n) => `${n.toFixed(0)} ms`
console.log(`bench/publish: 12 months of audits (${records.length} records), ${rows.length} incidents; charts at scale ${scale}; CPU time (process.cpuUsage)`)
timings.forEach((t, i) => console.log(`  run ${i + 1}${i === 0 ? ' (cold: wasm init, JIT)' : ''}: total ${fmt(t.total)} = data ${fmt(t.data)} + ${t.perChart.map((c) => `${c.id} ${fmt(c.ms)}`).join(' + ')} + HTML ${fmt(t.html)} (${(t.htmlBytes / 1024).toFixed(0)} KiB)`))
console.log(`  PNG sizes: ${last.sizes.map((s) => `${s.id} ${(s.bytes / 1024).toFixed(1)} KiB (${s.px})`).join(', ')}`)
console.log(`  floor (blank PNGs of the same sizes): ${fmt(floor)}; warm run / floor: ${(last.total / Math.max(floor, 1)).toFixed(1)}×`)
const cold = timings[0].total
console.log(`  target: under 1000 ms of CPU, cold: ${cold < 1000 ? 'met' : 'NOT met'} (${fmt(cold)}); warm: ${last.total < 1000 ? 'met' : 'NOT met'} (${fmt(last.total)})`)
rmSync(dir, { recursive: true, force: true })
if (cold >= 1000) process.exitCode = 1
