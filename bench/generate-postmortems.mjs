#!/usr/bin/env node
// Generates synthetic incident postmortems in the reliability-loop template, for the lint benchmark.
//
//   node bench/generate-postmortems.mjs <dir> [count]      (count defaults to 10000)
//   import { generate } from './generate-postmortems.mjs'; generate(dir, count)
//
// Writes <dir>/docs/postmortems/PM-<n>.md (n = 1..count) and the NDJSON logs they link,
// <dir>/logs/missions/<date>-mission-<m>.ndjson. Deterministic: every file comes from a seeded PRNG
// keyed by its number (no Math.random, no clock), so PM-17 is byte-identical whether 100 or 10,000
// files are generated, and two runs produce the same tree.
//
// Each file is 2–6 KB: metadata list (sometimes YAML front matter), summary paragraphs, a timeline of
// 8–20 entries as a list, a table or headings, root cause, customer impact and 3–8 action items.
// About 20% of the files carry one or two lint problems: a missing severity, TBD placeholders, an
// out-of-order timeline, a bad due date, plain-bullet action items. Open action items are due in
// 2027 so that clean files stay clean when linted in 2026.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const DEFAULT_SEED = 0x5eed2026
export const PROBLEM_KINDS = ['missing-severity', 'placeholder', 'timeline-order', 'bad-due-date', 'plain-bullet']

// ---------------------------------------------------------------------------------------------------
// PRNG: mulberry32 seeded from a 32-bit FNV-1a hash of (seed, file number).

function fnv1a(text) {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

export function createRng(seed) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min, max) => min + Math.floor(next() * (max - min + 1))
  const pick = (list) => list[Math.floor(next() * list.length)]
  const chance = (p) => next() < p
  const sample = (list, n) => {
    const copy = [...list]
    const out = []
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0])
    return out
  }
  const hex = (n) => {
    let s = ''
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(next() * 16)]
    return s
  }
  return { next, int, pick, chance, sample, hex }
}

// ---------------------------------------------------------------------------------------------------
// Vocabulary: incidents of a team running LLM agents.

const COMPONENTS = [
  'Tool router', 'Retrieval service', 'Planner agent', 'Embedding pipeline', 'Prompt cache', 'Mission scheduler',
  'Evaluation harness', 'Guardrail filter', 'Session store', 'Webhook relay', 'Billing agent', 'Search tool',
  'Code-execution sandbox', 'Vector index', 'Model gateway', 'Transcript exporter', 'Memory compactor',
  'Support triage agent', 'Browser tool', 'Feature-flag service'
]
const FAILURES = [
  'looped on empty search results', 'returned stale embeddings', 'exhausted the token budget',
  'timed out against the model provider', 'dropped tool calls under load', 'leaked partial transcripts into logs',
  'retried without backoff', 'served a rolled-back prompt', 'rejected valid JSON tool output',
  'overran its rate limit', 'deadlocked on session locks', 'called tools that do not exist after a prompt change',
  'duplicated outbound emails', 'truncated long contexts silently', 'answered from the wrong tenant index',
  'stopped draining its queue'
]
const PROVIDERS = ['the primary model provider', 'the fallback provider', 'the embeddings API', 'the search API', 'the object store']
const TEAMS = ['@dev-ops', '@ml-platform', '@agents-core', '@search-infra', '@sre', '@data-eng', '@support-tools']
const PEOPLE = [
  '@maria.chen', '@sam.okafor', '@lea.dubois', '@raj.iyer', '@tomas.novak', '@aiko.tanaka', '@noah.berg',
  '@fatima.zahra', '@li.wei', '@jonas.keller', '@priya.nair', '@diego.ramos', '@ana.silva', '@oskar.lind',
  '@grace.obi', '@yuki.mori'
]
const METRICS = ['error rate', 'p95 latency', 'tool-call retries', 'token spend', 'queue depth', 'empty-result ratio', '5xx count']

const SUMMARY_SENTENCES = [
  (c) => `Between ${c.start} and ${c.end} UTC the ${c.comp} ${c.failure}, affecting ${c.pct}% of agent missions.`,
  (c) => `The ${c.metric} on the ${c.comp} rose to ${c.factor}× its baseline within ${c.mins} minutes of the deploy.`,
  (c) => `Missions that hit the faulty path kept running until they reached the ${c.cap}-step cap, spending tokens without progress.`,
  (c) => `On-call was paged by the ${c.metric} alert and declared the incident after confirming the pattern in traces.`,
  (c) => `The change that triggered it was prompt version v${c.promptV}, shipped the same morning behind a flag at ${c.pct2}% rollout.`,
  (c) => `We mitigated by rolling back to v${c.promptV - 1} and draining the affected queues, then confirmed recovery on the dashboards.`,
  (c) => `No data was lost, but ${c.missions} missions finished with a wrong or empty answer and had to be re-run.`,
  (c) => `Requests to ${c.provider} were retried up to ${c.retries} times each, which amplified the load instead of shedding it.`,
  (c) => `Customers on the enterprise plan saw degraded answers; self-serve users mostly saw slower responses.`,
  (c) => `The incident was detected by monitoring rather than by customers, which is the outcome our alerting is built for.`,
  (c) => `Evaluation runs before the release passed because none of the ${c.evals} eval cases exercised an empty result set.`,
  (c) => `A similar pattern appeared in PM-${c.related}, whose follow-up items had not yet covered this component.`
]
const ROOT_CAUSE_SENTENCES = [
  (c) => `The ${c.comp} treated an empty result list as a transient failure and re-planned the same tool call.`,
  (c) => `Prompt v${c.promptV} removed the instruction that told the agent to stop when a tool returns nothing useful.`,
  (c) => `The retry policy had no budget, so each failed step could trigger up to ${c.retries} further calls.`,
  (c) => `A schema change in ${c.provider} renamed a field that the parser relied on, and the fallback silently dropped the value.`,
  (c) => `Our canary compared only latency, not the ${c.metric}, so the regression passed the automated gate.`,
  (c) => `The cache key omitted the prompt version, so responses produced under the old prompt were served under the new one.`,
  (c) => `Two workers could acquire the same session lease after a clock skew of ${c.skew} seconds between nodes.`,
  (c) => `The deploy pipeline promoted the change to all regions after ${c.mins} minutes instead of waiting for the eval window.`,
  (c) => `Contributing factor: the runbook for the ${c.comp} still described the previous architecture.`,
  (c) => `Contributing factor: alert thresholds were tuned for weekday traffic and fired ${c.mins} minutes late on a quiet shift.`
]
const IMPACT_SENTENCES = [
  (c) => `${c.missions} agent missions failed or returned empty answers over ${c.durationText}.`,
  (c) => `Roughly ${c.pct}% of requests to the ${c.comp} were affected; the rest of the product worked normally.`,
  (c) => `Token spend for the period was ${c.factor}× the daily average, about $${c.cost} above budget.`,
  (c) => `${c.tickets} support tickets were opened, all answered within the support SLA.`,
  (c) => `No customer data was exposed and no writes were lost.`,
  (c) => `The status page showed a degraded-performance notice for ${c.mins} minutes.`
]
const DETECT_EVENTS = [
  (c) => `${cap(c.metric)} alert fired for the ${c.comp}.`,
  (c) => `Synthetic mission check failed three times in a row.`,
  (c) => `Customer report forwarded by support: agent answers are empty.`,
  (c) => `Error-rate alert fired.`
]
// In the order they tend to happen; a timeline takes a sorted sample.
const MIDDLE_EVENTS = [
  (c) => `${c.person} acknowledged the page and started investigating.`,
  (c) => `Incident channel opened; ${c.sev} declared.`,
  (c) => `${cap(c.metric)} reached ${c.factor}× baseline.`,
  () => `Status page updated to "degraded performance".`,
  () => `Traces show repeated calls to the search tool with identical arguments.`,
  (c) => `${c.person} paged ${c.team} for help with the provider quota.`,
  (c) => `Checked recent deploys of the ${c.comp}: none in the last 24 hours.`,
  (c) => `Correlated the start with the rollout of prompt v${c.promptV}.`,
  (c) => `Requests to ${c.provider} throttled to shed load.`,
  () => `Customer support informed of the workaround.`,
  (c) => `Feature flag for prompt v${c.promptV} turned off in one region as a test.`,
  () => `Error rate in the test region dropped; rollback started everywhere.`,
  (c) => `Rollback to prompt v${c.promptV - 1} complete in all regions.`,
  (c) => `Queue for the ${c.comp} drained; backlog of ${c.missions} missions re-queued.`,
  () => `Hot-fix with a retry budget deployed to canary.`,
  () => `Canary healthy for 15 minutes; hot-fix promoted.`,
  (c) => `Dashboards confirm the ${c.metric} is back under the threshold.`,
  () => `Status page set back to "operational".`,
  () => `Decided to keep the incident open until the next traffic peak passed.`,
  () => `Traffic peak passed without errors.`
]
const RESOLVE_EVENTS = [
  () => `Incident resolved; monitoring continues.`,
  () => `All metrics at baseline; incident closed.`,
  () => `Resolved. Follow-up review scheduled.`
]
const ACTIONS = [
  (c) => `Add a retry budget to the ${c.comp.toLowerCase()}`,
  (c) => `Alert on ${c.metric} per prompt version`,
  () => `Add eval cases with empty tool results`,
  () => `Include the prompt version in the response cache key`,
  () => `Gate rollouts on the eval window, not only on latency`,
  (c) => `Update the runbook for the ${c.comp.toLowerCase()}`,
  () => `Cap steps per mission at the planner`,
  () => `Record tool arguments in traces for repeated calls`,
  (c) => `Roll back prompt v${c.promptV}`,
  (c) => `Ask ${c.provider} for a higher quota during peaks`,
  () => `Make the fallback parser fail loudly on unknown fields`,
  () => `Add a dashboard panel for empty-result ratio`,
  () => `Run a game day for the rollback procedure`,
  () => `Document the escalation path to the provider`
]
const SEVERITIES = [['Sev1', 0.06], ['Sev2', 0.3], ['Sev3', 0.42], ['Sev4', 0.22]]
const BAD_DUES = ['2026-13-45', 'next sprint', '2026-02-30', 'Q3', '15/12/2026', 'soon', '2027-06-31']

function cap(s) {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
function pad(n) {
  return String(n).padStart(2, '0')
}
function isoDate(ms) {
  return new Date(ms).toISOString().slice(0, 10)
}
function hhmm(minutes) {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
}

/** Wraps prose at 80 columns, as many teams' editors do; some files keep one line per paragraph. */
function wrap(text, width) {
  if (!width) return text
  const lines = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines.join('\n')
}

function paragraph(rng, pool, ctx, min, max, width) {
  const n = rng.int(min, max)
  return wrap(rng.sample(pool, n).map((f) => f(ctx)).join(' '), width)
}

/** `paras` paragraphs of `min`–`max` sentences each, no sentence used twice in the section. */
function paragraphs(rng, pool, ctx, paras, min, max, width) {
  const sentences = rng.sample(pool, pool.length)
  const out = []
  for (let i = 0; i < paras && sentences.length > 0; i++) {
    out.push(wrap(sentences.splice(0, rng.int(min, max)).map((f) => f(ctx)).join(' '), width), '')
  }
  return out
}

// ---------------------------------------------------------------------------------------------------

/**
 * Builds one postmortem. Returns { text, ndjson: { path, text }, problems: string[] }.
 * `n` is the file number; the same (n, seed) always gives the same result.
 */
export function buildPostmortem(n, seed = DEFAULT_SEED) {
  const rng = createRng(fnv1a(`${seed}:${n}`))
  const problems = []
  if (rng.chance(0.2)) problems.push(...rng.sample(PROBLEM_KINDS, rng.chance(0.7) ? 1 : 2))
  const has = (kind) => problems.includes(kind)

  // Incident date: 2025-01-01 .. 2026-11-10.
  const day0 = Date.UTC(2025, 0, 1)
  const dateMs = day0 + rng.int(0, 678) * 86_400_000
  const date = isoDate(dateMs)
  let roll = rng.next()
  let severity = 'Sev3'
  for (const [label, p] of SEVERITIES) {
    if (roll < p) {
      severity = label
      break
    }
    roll -= p
  }
  const comp = rng.pick(COMPONENTS)
  const failure = rng.pick(FAILURES)
  const people = rng.sample(PEOPLE, rng.int(1, 3))
  const team = rng.pick(TEAMS)
  const owners = [...people.slice(0, rng.int(1, 2)), ...(rng.chance(0.6) ? [team] : [])]
  const width = rng.chance(0.7) ? 80 : 0
  const startMin = rng.int(30, 14 * 60)
  const entries = rng.int(8, 20)
  const ctx = {
    comp: comp.toLowerCase(),
    failure,
    metric: rng.pick(METRICS),
    provider: rng.pick(PROVIDERS),
    pct: rng.int(2, 60),
    pct2: rng.int(5, 50),
    factor: rng.int(2, 12),
    mins: rng.int(4, 45),
    cap: rng.pick([25, 40, 50, 100]),
    promptV: rng.int(12, 140),
    missions: rng.int(40, 9000),
    retries: rng.int(3, 12),
    evals: rng.int(60, 900),
    related: n > 1 ? rng.int(1, n - 1) : 2,
    skew: rng.int(2, 30),
    cost: rng.int(120, 48000),
    tickets: rng.int(0, 60),
    sev: severity,
    team,
    person: people[0],
    start: hhmm(startMin),
    end: '',
    durationText: ''
  }

  // Timeline: minute offsets, strictly increasing, never past midnight.
  const minutes = [startMin]
  for (let i = 1; i < entries; i++) minutes.push(minutes[i - 1] + rng.int(1, 25))
  if (has('timeline-order')) {
    const k = rng.int(2, entries - 2)
    minutes[k] = minutes[k - 1] - rng.int(7, 40)
  }
  const last = minutes[entries - 1]
  ctx.end = hhmm(last)
  ctx.durationText = `${Math.floor((last - startMin) / 60)} h ${(last - startMin) % 60} min`
  const events = [
    rng.pick(DETECT_EVENTS)(ctx),
    ...rng
      .sample([...MIDDLE_EVENTS.keys()], entries - 2)
      .sort((a, b) => a - b)
      .map((i) => {
        ctx.person = rng.pick(people)
        return MIDDLE_EVENTS[i](ctx)
      }),
    rng.pick(RESOLVE_EVENTS)(ctx)
  ]

  const out = []
  // --- Title and metadata
  const title = `${comp} ${failure}`
  const missionId = 1000 + n
  const ndjsonPath = `logs/missions/${date}-mission-${missionId}.ndjson`
  const traces = `https://traces.example.com/trace/${rng.hex(6)}`
  const pd = `https://example.pagerduty.com/incidents/Q${rng.hex(13).toUpperCase()}`
  const linkPd = severity === 'Sev1' || severity === 'Sev2' || rng.chance(0.5)
  const status = rng.chance(0.3) ? rng.pick(['final', 'reviewed', 'final']) : undefined
  const meta = [
    ['Date', date],
    ...(has('missing-severity') ? [] : [['Severity', severity]]),
    ['Owners', has('placeholder') && rng.chance(0.5) ? 'TBD' : owners.join(', ')],
    ['Traces', traces],
    ['NDJSON', ndjsonPath],
    ...(linkPd ? [['PagerDuty', pd]] : []),
    ...(status ? [['Status', status]] : [])
  ]
  if (rng.chance(0.1)) {
    out.push('---')
    for (const [k, v] of meta) out.push(`${k.toLowerCase()}: ${k === 'Owners' ? `[${v}]`.replace(/@([\w.-]+)/g, '"@$1"') : v}`)
    out.push('---', '', `# Incident PM-${n}: ${title}`, '')
  } else {
    out.push(`# Incident PM-${n}: ${title}`, '')
    for (const [k, v] of meta) out.push(`- ${k}: ${v}`)
    out.push('')
  }

  // --- Summary
  out.push('## Summary', '')
  out.push(...paragraphs(rng, SUMMARY_SENTENCES, ctx, rng.int(2, 3), 2, 4, width))

  // --- Timeline
  const form = rng.pick(['list', 'list', 'list-time', 'table', 'table-split', 'heading'])
  const stamp = (i) => `${date} ${hhmm(minutes[i])}`
  out.push('## Timeline', '')
  if (form === 'list') {
    for (let i = 0; i < entries; i++) out.push(`- ${stamp(i)} UTC — ${events[i]}`)
  } else if (form === 'list-time') {
    out.push('All times in UTC.', '')
    out.push(`- ${stamp(0)} — ${events[0]}`)
    for (let i = 1; i < entries; i++) out.push(`- ${hhmm(minutes[i])} — ${events[i]}`)
  } else if (form === 'table') {
    out.push('| Time (UTC) | Event |', '| --- | --- |')
    for (let i = 0; i < entries; i++) out.push(`| ${stamp(i)} | ${events[i].replace(/\|/g, '\\|')} |`)
  } else if (form === 'table-split') {
    out.push('| Date | Time (UTC) | Event | Who |', '| --- | --- | --- | --- |')
    for (let i = 0; i < entries; i++) out.push(`| ${date} | ${hhmm(minutes[i])} | ${events[i]} | ${rng.pick(people)} |`)
  } else {
    out.push('Times are in UTC.', '')
    for (let i = 0; i < entries; i++) {
      out.push(`### ${i === 0 ? stamp(i) : hhmm(minutes[i])} — ${events[i].replace(/\.$/, '')}`, '')
      if (rng.chance(0.5)) out.push(`- Noted by ${rng.pick(people)} in the incident channel.`, '')
    }
  }
  out.push('')

  // --- Root cause
  out.push('## Root Cause', '')
  if (has('placeholder')) {
    out.push('TBD', '')
  } else {
    out.push(...paragraphs(rng, ROOT_CAUSE_SENTENCES, ctx, rng.int(1, 3), 2, 3, width))
    if (rng.chance(0.25)) {
      out.push('```text')
      const base = minutes[0]
      for (let i = 0; i < rng.int(3, 6); i++) {
        out.push(`${date}T${hhmm(base + i)}:${pad(rng.int(0, 59))}Z WARN tool_router step=${i + 1} tool=search results=0 retry=true`)
      }
      out.push('```', '')
    }
  }

  // --- Customer impact
  out.push('## Customer Impact', '')
  out.push(paragraph(rng, IMPACT_SENTENCES, ctx, 2, 4, width), '')
  if (rng.chance(0.4)) {
    out.push(`- Missions affected: ${ctx.missions}`, `- Duration: ${ctx.durationText}`, `- Support tickets: ${ctx.tickets}`, '')
  }

  // --- Action items: closed ones are due around the incident, open ones in 2027.
  out.push('## Action Items', '')
  const items = rng.int(3, 8)
  const plain = has('plain-bullet')
  const badIndex = has('bad-due-date') ? rng.int(0, items - 1) : -1
  for (const [i, f] of rng.sample(ACTIONS, items).entries()) {
    const closed = rng.chance(0.35)
    const owner = rng.chance(0.2) ? team : rng.pick(people)
    let due = closed ? isoDate(dateMs + rng.int(0, 14) * 86_400_000) : `2027-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`
    if (i === badIndex) due = rng.pick(BAD_DUES)
    const ticket = rng.chance(0.35) ? ` REL-${rng.int(100, 9999)}` : ''
    const box = plain ? '' : closed ? '[x] ' : '[ ] '
    out.push(`- ${box}${f(ctx)} :: ${owner} :: ${due}${ticket}`)
  }
  out.push('')

  // Pad short files (2 KB floor) with a lessons section; real postmortems often have one.
  const render = () => out.join('\n').replace(/\n{3,}/g, '\n\n')
  if (render().length < 2300) {
    out.push('## Lessons Learned', '')
    while (render().length < 2300) out.push(paragraph(rng, ROOT_CAUSE_SENTENCES, ctx, 2, 3, width), '')
  }
  const text = render()

  const events0 = Date.parse(`${date}T${hhmm(startMin)}:00Z`)
  const ndjsonLines = []
  for (let i = 0; i < rng.int(3, 6); i++) {
    ndjsonLines.push(JSON.stringify({
      ts: new Date(events0 + i * 1000).toISOString(),
      mission: missionId,
      step: i + 1,
      event: i === 0 ? 'mission_start' : 'tool_call',
      tool: i === 0 ? undefined : 'search',
      results: i === 0 ? undefined : 0
    }))
  }
  return { text, ndjson: { path: ndjsonPath, text: ndjsonLines.join('\n') + '\n' }, problems }
}

/**
 * Writes `count` postmortems (PM-1 … PM-count) under dir/docs/postmortems and their NDJSON logs under
 * dir/logs/missions. Returns what was written: { files, bytes, minBytes, maxBytes, withProblems, problems }.
 */
export function generate(dir, count = 10000, { seed = DEFAULT_SEED } = {}) {
  const pmDir = join(dir, 'docs', 'postmortems')
  const logDir = join(dir, 'logs', 'missions')
  mkdirSync(pmDir, { recursive: true })
  mkdirSync(logDir, { recursive: true })
  const stats = { files: 0, bytes: 0, minBytes: Infinity, maxBytes: 0, withProblems: 0, problems: {}, problemFiles: [] }
  for (const kind of PROBLEM_KINDS) stats.problems[kind] = 0
  for (let n = 1; n <= count; n++) {
    const pm = buildPostmortem(n, seed)
    const bytes = Buffer.byteLength(pm.text)
    writeFileSync(join(pmDir, `PM-${n}.md`), pm.text)
    writeFileSync(join(dir, pm.ndjson.path), pm.ndjson.text)
    stats.files++
    stats.bytes += bytes
    stats.minBytes = Math.min(stats.minBytes, bytes)
    stats.maxBytes = Math.max(stats.maxBytes, bytes)
    if (pm.problems.length > 0) {
      stats.withProblems++
      stats.problemFiles.push(`docs/postmortems/PM-${n}.md`)
      for (const kind of pm.problems) stats.problems[kind]++
    }
  }
  return stats
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, countArg] = process.argv.slice(2)
  const count = countArg === undefined ? 10000 : Number(countArg)
  if (!dir || !Number.isInteger(count) || count < 1) {
    process.stderr.write('usage: node bench/generate-postmortems.mjs <dir> [count]\n')
    process.exit(2)
  }
  const started = process.hrtime.bigint()
  const stats = generate(resolve(dir), count)
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  process.stdout.write(
    `wrote ${stats.files} postmortems (${(stats.bytes / 1e6).toFixed(1)} MB, ${stats.minBytes}–${stats.maxBytes} B each) ` +
      `to ${join(resolve(dir), 'docs/postmortems')} in ${(ms / 1000).toFixed(1)} s; ` +
      `${stats.withProblems} with lint problems: ${Object.entries(stats.problems).map(([k, v]) => `${k} ${v}`).join(', ')}\n`
  )
}
