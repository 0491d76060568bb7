// The packet as markdown (docs/reviews/<period>.md): renders on GitHub, Mermaid chart included. Nothing
// here reads a clock or the environment, so the same packet gives the same bytes; the generation time is
// left out on purpose, so re-running a month changes the file only when the data changed.

import { normalise, type AuditTrends } from './audits.js'
import type { ReviewPacket, Rag } from './packet.js'
import { shortUtc } from './timestamp.js'
import { TRACKER_NAMES } from '../sync/trackers/tracker.js'
import type { TicketCell, TrackerMismatch, TrackerStatus } from './tracker-status.js'
import type { IncidentMonths } from './incident-months.js'
import { incidentTrendMarkdown } from './render-markdown-trends.js'
import type { PacketDecisions } from './decisions.js'
import type { HandMadeTickets } from './hand-made-tickets.js'
import { INCIDENT_COLUMNS, incidentCells } from './incident-cells.js'

const RAG_MARK: Record<Rag, string> = { red: '🔴 red', amber: '🟠 amber', green: '🟢 green' }

/** A table cell: one line, pipes escaped. */
export function cell(value: string | number | undefined): string {
  if (value === undefined || value === '') return '–'
  return String(value).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim()
}

function table(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | undefined>>): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n')
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
const fixed = (n: number | null, digits = 2): string => (n === null ? '–' : n.toFixed(digits))
const signed = (n: number | null): string => (n === null ? '–' : `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(2)}`)

function mermaidLabel(text: string): string {
  return text.replace(/"/g, "'")
}

/** The audit chart: dimensions with a mean in every plotted month, on 0–1. */
function auditChart(packet: ReviewPacket): string | undefined {
  const { audits } = packet
  const plotted = audits.months.map((m, i) => ({ m, i })).filter(({ i }) => audits.dimensions.some((d) => d.trend[i] !== null))
  if (plotted.length === 0) return undefined
  const lines = audits.dimensions.filter((d) => plotted.every(({ i }) => d.trend[i] !== null))
  if (lines.length === 0) return undefined
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${mermaidLabel(`Audit means, ${plotted[0]?.m} to ${plotted[plotted.length - 1]?.m} (0–1)`)}"`,
    `  x-axis [${plotted.map(({ m }) => `"${m}"`).join(', ')}]`,
    '  y-axis "mean score (0–1)" 0 --> 1',
    ...lines.map((d) => `  line [${plotted.map(({ i }) => normalise(d.trend[i] as number, d.scale).toFixed(3)).join(', ')}]`),
    '```',
    '',
    `Lines, in order: ${lines.map((d) => d.dimension).join(', ')}. Each mean is put on 0–1 (a 1–5 score s as (s − 1) / 4); the table has them on their own scale.`
  ].join('\n')
}

/** What the audit means counted and what they left out, in one paragraph under the table. */
function auditCounting(audits: AuditTrends): string {
  const c = audits.counting
  const counted = `Counted: one score per transcript and dimension (a person's over the judge's over the rules'), ${plural(c.transcripts, 'transcript')} of the random stratum in ${audits.month} for the means and trends, ${c.flaggedTranscripts} of the flagged stratum shown apart.`
  const left = [c.duplicates > 0 && `${plural(c.duplicates, 'record')} repeated by key`, c.superseded > 0 && `${plural(c.superseded, 'score')} set aside for one that takes precedence on the same transcript and dimension`].filter(Boolean)
  return `${counted} Left out, over the months read: ${left.length === 0 ? 'nothing' : left.join(', ')}.`
}

const NEXT_STEP: Record<TrackerMismatch['kind'], Record<TrackerMismatch['nextSync'], string>> = {
  'ticked-open': { 'close-ticket': 'ticked, ticket open: the next sync closes the ticket', 'tick-item': 'ticked, ticket open: close the ticket', nothing: 'ticked, ticket open: close the ticket, or untick the item' },
  'open-closed': { 'tick-item': 'ticket closed, item open: the next sync ticks the item', 'close-ticket': 'ticket closed, item open: tick the item', nothing: 'ticket closed, item open: tick the item, or reopen the ticket' }
}

const ticketLink = (t: TicketCell): string => `[${t.ref}](${t.url}) ${t.status}`

/** Where the synced items stand in the tracker, read when the packet was made. */
function trackerSection(tracker: TrackerStatus, itemLink: (path: string, line: number) => string): string[] {
  const out = [`### In ${TRACKER_NAMES[tracker.tracker]}`, '']
  if (!tracker.consulted) return [...out, `Ticket status not shown: ${tracker.note ?? 'the tracker was not read'}.`, '']
  const broken = tracker.brokenReferences > 0 ? `; ${tracker.brokenReferences} written-back reference${tracker.brokenReferences === 1 ? '' : 's'} point at no ticket` : ''
  out.push(`As the tracker had them when this packet was made: ${tracker.synced} item${tracker.synced === 1 ? '' : 's'} with a ticket, ${tracker.notSynced} open item${tracker.notSynced === 1 ? '' : 's'} not synced yet (the next sync creates their tickets)${broken}.`, '')
  if (tracker.openByStatus.length > 0) out.push(table(['ticket status', 'open items'], tracker.openByStatus.map((s) => [s.status, s.items])), '')
  if (tracker.mismatches.length > 0) {
    out.push('Items whose tick and ticket disagree:', '')
    out.push(
      table(
        ['item', 'owner', 'postmortem', 'ticket', 'what to do'],
        tracker.mismatches.map((m) => [
          m.summary,
          m.owner === undefined ? undefined : `@${m.owner}`,
          `[${m.postmortem}](${itemLink(m.path, m.line)})`,
          ticketLink(m.ticket),
          NEXT_STEP[m.kind][m.nextSync]
        ])
      ),
      ''
    )
  }
  if (tracker.handMade !== undefined) out.push(...handMadeSection(tracker.handMade, TRACKER_NAMES[tracker.tracker]))
  return out
}

/** The tracker's reliability tickets that no postmortem or decision made: part of the backlog all the same. */
function handMadeSection(handMade: HandMadeTickets, trackerName: string): string[] {
  const out = [`#### Opened by hand in ${trackerName}`, '']
  if (handMade.count === 0) return [...out, 'No open ticket with the reliability label outside the postmortems and decisions.', '']
  const oldest = handMade.oldest === undefined ? '' : `; the oldest (lowest-numbered) is [${handMade.oldest.ref}](${handMade.oldest.url})`
  out.push(`${plural(handMade.count, 'open ticket')} with the reliability label ${handMade.count === 1 ? 'comes' : 'come'} from no postmortem or decision${oldest}.`, '')
  out.push(table(['assignee', 'open tickets'], handMade.byAssignee.map((a) => [a.assignee, a.tickets])), '')
  out.push(table(['ticket', 'title', 'status', 'assignee'], handMade.tickets.map((t) => [`[${t.ref}](${t.url})`, t.title, t.status, t.assignee ?? '(unassigned)'])), '')
  return out
}

const OLD_HINT = '<!-- Filled in during the review meeting: decision, owner, due date. -->'

const DECISIONS_HINT = [
  '<!-- Write each decision as an action item, one a line: `- [ ] what will be done :: @owner :: YYYY-MM-DD`.',
  '     `sync` opens one ticket for each (labelled review-decision) and closes it when the line is ticked;',
  '     a decision without an owner or a due date is reported and gets no ticket. Kept when the packet is made again. -->'
]

/** The previous packet's decisions and where they stand, then this meeting's (kept from the file when it exists). */
function decisionsSections(decisions: PacketDecisions, withTickets: boolean, link: (path: string, line?: number) => string): string[] {
  const out: string[] = []
  const previous = decisions.previous
  if (previous !== undefined) {
    out.push('## Previous decisions', '')
    if (previous.rows.length === 0) out.push(`No decisions in [${previous.path}](${link(previous.path)}).`, '')
    else {
      const ticked = previous.rows.filter((r) => r.checked).length
      out.push(`From [${previous.path}](${link(previous.path)}): ${ticked} ticked, ${previous.rows.length - ticked} open.`, '')
      out.push(
        table(
          ['decision', 'owner', 'due', 'state', ...(withTickets ? ['ticket'] : [])],
          previous.rows.map((r) => [
            `[${r.summary}](${link(r.path, r.line)})`,
            r.owner === undefined ? undefined : `@${r.owner}`,
            r.due,
            r.checked ? 'ticked' : r.problem !== undefined ? 'open, not synced (no owner or due date)' : 'open',
            ...(withTickets ? [r.ticket === undefined ? (r.problem !== undefined ? '–' : 'not synced') : ticketLink(r.ticket)] : [])
          ])
        ),
        ''
      )
    }
  }
  out.push('## Decisions', '', ...DECISIONS_HINT, '')
  // The hint is written afresh (and the one-line hint of earlier packets dropped), so it is not repeated.
  if (decisions.written !== undefined) out.push(...decisions.written.filter((l) => !DECISIONS_HINT.includes(l) && l !== OLD_HINT), '')
  return out
}

/** `history`: the incidents of the trend months, for the incident charts (left out without it). */
export function renderPacketMarkdown(packet: ReviewPacket, options: { outputDir?: string; history?: IncidentMonths } = {}): string {
  const up = '../'.repeat((options.outputDir ?? 'docs/reviews').split('/').filter((s) => s !== '' && s !== '.').length)
  const relativeLink = (_packet: ReviewPacket, path: string): string => `${up}${path}`.replace(/ /g, '%20')
  const out: string[] = []
  const p = packet.period
  out.push(`# Reliability review: ${p.title}`, '')
  out.push(p.toDate ? `Period: ${p.start} to ${p.end}, to date: the period has not ended, and this packet covers it up to when it was made (end exclusive, UTC).` : `Period: ${p.start} to ${p.end} (end exclusive, UTC).`, '')
  out.push('## Sources', '')
  out.push(
    table(
      ['source', 'read from', 'commit'],
      packet.sources.map((s) => [s.name, `\`${s.location}\``, !s.present ? 'absent: nothing to read' : s.live ? 'live (not in git)' : s.commit !== undefined ? `\`${s.commit.slice(0, 12)}\`` : 'not committed'])
    ),
    ''
  )

  out.push('## Executive summary', '')
  out.push(table(['area', 'status', 'why'], packet.summary.map((a) => [a.area, RAG_MARK[a.status], a.summary])), '')

  out.push('## Incidents', '')
  if (packet.incidents.length === 0) out.push('No incidents in the period.', '')
  else {
    out.push(
      table(
        [...INCIDENT_COLUMNS],
        packet.incidents.map(incidentCells)
      ),
      ''
    )
  }

  if (options.history !== undefined) out.push(...incidentTrendMarkdown(options.history))

  out.push('## Postmortem hygiene', '')
  if (packet.postmortems.length === 0) out.push('No postmortems dated in the period.', '')
  else {
    out.push(
      table(
        ['postmortem', 'date', 'severity', 'owners', 'lint', 'actions open / overdue / closed'],
        packet.postmortems.map((pm) => [
          `[${pm.id}](${relativeLink(packet, pm.path)})`,
          pm.placedBy === undefined ? pm.date : `${pm.date} (${pm.placedBy.by === 'commit' ? 'last commit' : `incident ${pm.placedBy.incident}`}; ${pm.dateWritten === undefined ? 'no `Date`' : `written "${pm.dateWritten}"`})`,
          pm.severity,
          pm.owners.join(', '),
          pm.lint.errors === 0 && pm.lint.warnings === 0 ? 'clean' : `${pm.lint.errors} errors, ${pm.lint.warnings} warnings`,
          `${pm.openActions} / ${pm.overdueActions} / ${pm.closedActions}`
        ])
      ),
      ''
    )
  }

  const b = packet.backlog
  out.push('## Action-item backlog', '')
  out.push(`${b.open} open, ${b.overdue} overdue (due before ${p.toDate ? 'today' : "the period's end"}), ${b.closed} closed, over every postmortem.`, '')
  if (b.byOwner.length > 0) {
    out.push('### By owner', '')
    out.push(table(['owner', 'open', 'overdue', 'closed', 'oldest open (days)'], b.byOwner.map((o) => [o.owner, o.open, o.overdue, o.closed, o.oldestDays])), '')
    out.push('### By severity', '')
    out.push(table(['severity', 'open', 'overdue', 'closed'], b.bySeverity.map((s) => [s.severity, s.open, s.overdue, s.closed])), '')
    out.push('### By age (open items, since the postmortem\'s date)', '')
    out.push(table(['age', 'open'], b.byAge.map((a) => [a.bucket, a.open])), '')
  }
  const tracker = packet.tracker
  const withTickets = tracker?.consulted === true
  if (b.overdueItems.length > 0) {
    out.push('### Overdue', '')
    out.push(
      table(
        ['due', 'owner', 'item', 'postmortem', ...(withTickets ? ['ticket'] : [])],
        b.overdueItems.map((i) => [i.due, i.owner, i.summary, `[${i.postmortem}](${relativeLink(packet, i.path)}#L${i.line})`, ...(withTickets ? [i.ticket === undefined ? 'not synced' : ticketLink(i.ticket)] : [])])
      ),
      ''
    )
  }
  if (tracker !== undefined) out.push(...trackerSection(tracker, (path, line) => `${relativeLink(packet, path)}#L${line}`))

  const a = packet.audits
  out.push('## Audit scores', '')
  if (a.records === 0) out.push(`No audit records for ${a.months[0]} to ${a.month}.`, '')
  else {
    const chart = auditChart(packet)
    if (chart !== undefined) out.push(chart, '')
    out.push(
      table(
        ['dimension', 'scale', ...a.months, `change vs ${a.months[a.months.length - 2]}`, `transcripts in ${a.month}`, `flagged in ${a.month} (apart)`],
        a.dimensions.map((d) => [d.dimension, d.scale, ...d.trend.map((t) => fixed(t)), signed(d.change), d.count, d.flagged.count === 0 ? undefined : `${fixed(d.flagged.mean)} (${d.flagged.count})`])
      ),
      '',
      auditCounting(a),
      ''
    )
    if (a.lowest.length > 0) {
      out.push(`Lowest-scoring transcripts in ${a.month}:`, '')
      out.push(table(['transcript', 'stratum', 'mean (0–1)', 'lowest dimension', 'why'], a.lowest.map((t) => [`\`${t.transcript}\``, t.stratum, t.score.toFixed(2), `${t.lowest.dimension} (${t.lowest.score.toFixed(2)})`, t.lowest.reason])), '')
    }
  }

  out.push('## Experiments', '')
  if (packet.experiments.length === 0) out.push('No experiments started, running, concluded or rolled back in the period.', '')
  else {
    out.push(
      table(
        ['experiment', 'owner', 'in the period', 'outcome', 'metrics (baseline → observed)'],
        packet.experiments.map((e) => [
          `[${e.name}](${relativeLink(packet, e.path)})`,
          e.owner,
          e.activity.join(', '),
          e.outcome,
          e.metrics.map((m) => `${m.name}: ${m.baseline} → ${m.observed ?? '?'}${m.delta !== undefined ? ` (${m.delta >= 0 ? '+' : ''}${Number(m.delta.toPrecision(6))})` : ''}${m.targetMet === undefined ? '' : m.targetMet ? ' ✓' : ' ✗'}`).join('; ')
        ])
      ),
      ''
    )
  }

  out.push('## Gate bypasses', '')
  if (packet.bypasses.length === 0) out.push('No gate bypasses in the period.', '')
  else out.push(table(['when', 'pull request', 'actor', 'gates', 'reason'], packet.bypasses.map((x) => [shortUtc(Date.parse(x.ts)), `${x.repository}#${x.pullRequest}`, x.actor, x.gates.join(', '), x.reason])), '')

  out.push('## Data quality', '')
  if (packet.dataQuality.length === 0) out.push('Every input was read without a problem.', '')
  else out.push(table(['source', 'where', 'note'], packet.dataQuality.map((n) => [n.source, n.path === undefined ? undefined : `\`${n.path}${n.line !== undefined ? `:${n.line}` : ''}\``, n.message])), '')

  out.push(...decisionsSections(packet.decisions ?? {}, withTickets, (path, line) => `${relativeLink(packet, path)}${line === undefined ? '' : `#L${line}`}`))
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`
}
