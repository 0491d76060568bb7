#!/usr/bin/env node
// Generates synthetic agent transcripts (NDJSON, one event per line) for the audit benchmark.
//
//   node bench/generate-transcripts.mjs <dir> [count] [total-mb]     (defaults 10000 and 2048)
//   import { generateTranscripts } from './generate-transcripts.mjs'
//
// Writes <dir>/logs/missions/2026-10/<agent>/mission-<n>.ndjson: `count` transcripts whose sizes add up
// to about `total-mb` MiB, all dated October 2026 (so the audit reads every one of them), each opening
// with a system event carrying `agent`, then user, assistant, tool_call and tool_result events with
// contents from a few bytes to several KB (text with quotes and non-ASCII, JSON tool payloads). About
// 4% carry a `policy violation:` note and 3% an `error:` note somewhere in their second half; 2% a
// `tone:` note; 1 in 500 has a malformed line. Deterministic: a seeded PRNG per transcript, no clock.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRng } from './generate-postmortems.mjs'

export const AGENTS = ['support-v7', 'billing-v4', 'research-v5', 'shop-v3', 'returns-v2']

const WORDS = (
  'the order shipped with UPS tracking number refund damaged item customer account warehouse delivery ' +
  'window approve policy limit hand off human agent apologise “quoted” café naïve résumé — label invoice ' +
  'seat plan billing cycle charge duplicate idempotency key timeout retry catalog search index rebuilding'
).split(' ')

function sentence(rng, words) {
  const out = []
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rng() * WORDS.length)])
  return `${out.join(' ')}.`
}

function toolPayload(rng, bytes) {
  const items = []
  let size = 0
  while (size < bytes) {
    const item = { sku: `SKU-${Math.floor(rng() * 1e6)}`, name: sentence(rng, 4), price_usd: Math.round(rng() * 40000) / 100, note: sentence(rng, 8) }
    size += JSON.stringify(item).length
    items.push(item)
  }
  return JSON.stringify({ results: items, total: items.length, index: 'catalog-v12' })
}

/** One transcript of about `targetBytes`, and what it carries. */
export function transcript(n, targetBytes, seed = 0x5eed2026) {
  const rng = createRng((seed ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0).next
  const agent = AGENTS[n % AGENTS.length]
  const day = 1 + (n % 31)
  const start = Date.UTC(2026, 9, day, Math.floor(rng() * 20), Math.floor(rng() * 60))
  const roll = rng()
  const note = roll < 0.04 ? 'policy violation: disclosed another customer’s order' : roll < 0.07 ? 'error: tool timeout' : roll < 0.09 ? 'tone: curt' : undefined
  const malformed = n % 500 === 499
  const lines = [JSON.stringify({ ts: new Date(start).toISOString(), type: 'system', role: 'system', agent, content: `Agent ${agent}. ${sentence(rng, 30)}` })]
  let bytes = lines[0].length + 1
  let i = 1
  let noted = false
  while (bytes < targetBytes) {
    const kind = i % 4
    const ts = new Date(start + i * 1700).toISOString()
    let event
    if (kind === 1) event = { ts, type: 'user', role: 'user', content: sentence(rng, 5 + Math.floor(rng() * 40)) }
    else if (kind === 2) event = { ts, type: 'tool_call', role: 'assistant', tool: 'catalog_search', content: JSON.stringify({ query: sentence(rng, 4) }) }
    else if (kind === 3) event = { ts, type: 'tool_result', role: 'tool', tool: 'catalog_search', content: toolPayload(rng, 200 + Math.floor(rng() * 2400)) }
    else event = { ts, type: 'assistant', role: 'assistant', content: sentence(rng, 10 + Math.floor(rng() * 80)) }
    if (note !== undefined && !noted && bytes > targetBytes / 2 && kind === 0) {
      event.notes = note
      noted = true
    }
    const line = malformed && i === 7 ? '{"ts":"2026-10-01T00:00:00Z","type":"assistant","content":"cut' : JSON.stringify(event)
    lines.push(line)
    bytes += line.length + 1
    i++
  }
  return { path: `logs/missions/2026-10/${agent}/mission-${String(n).padStart(5, '0')}.ndjson`, text: `${lines.join('\n')}\n`, lines: lines.length, note: noted ? note : undefined, malformed }
}

/**
 * Writes the transcripts under `dir`; sizes vary ±50% around the mean. Returns totals the benchmark
 * checks its runs against.
 */
export function generateTranscripts(dir, count = 10000, totalMb = 2048) {
  const mean = (totalMb * 1024 * 1024) / count
  const made = { files: 0, bytes: 0, lines: 0, policyViolations: 0, errors: 0, tone: 0, malformed: 0, paths: [] }
  for (let n = 0; n < count; n++) {
    const size = Math.max(2000, Math.round(mean * (0.5 + ((n * 7919) % 1000) / 1000)))
    const t = transcript(n, size)
    const file = join(dir, t.path)
    if (n < AGENTS.length) mkdirSync(join(file, '..'), { recursive: true })
    writeFileSync(file, t.text)
    made.files++
    made.bytes += Buffer.byteLength(t.text)
    made.lines += t.lines
    made.paths.push(t.path)
    if (t.note?.startsWith('policy')) made.policyViolations++
    if (t.note?.startsWith('error')) made.errors++
    if (t.note?.startsWith('tone')) made.tone++
    if (t.malformed) made.malformed++
  }
  return made
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, count = '10000', totalMb = '2048'] = process.argv.slice(2)
  if (!dir) {
    console.error('usage: node bench/generate-transcripts.mjs <dir> [count] [total-mb]')
    process.exit(2)
  }
  const made = generateTranscripts(resolve(dir), Number(count), Number(totalMb))
  console.log(`${made.files} transcripts, ${(made.bytes / 1024 / 1024).toFixed(0)} MiB, ${made.lines} lines in ${resolve(dir)}`)
}
