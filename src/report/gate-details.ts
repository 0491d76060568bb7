// The words of each gate's verdict, from its details: one writer per gate, in two styles (markdown for
// the check runs and the job summary, plain text for the CLI), so the two never say different things.

import type { BypassDecision } from '../gates/bypass.js'
import type { DrillObservation, DrillRun } from '../gates/drills.js'
import { BROKEN_DOC_STATES, type DocAssessment } from '../gates/rollback-plan.js'
import type { DrillsDetails, GateItem, GateLinks, GateVerdict, NotEvaluatedDetails, RollbackPlanDetails, Sev1ActionsDetails } from '../gates/types.js'
import { plural } from '../util/plural.js'
import { cell, lineUrl } from './markdown.js'

/** How the pieces of a summary are written. Sentences keep `code` spans in both styles. */
export interface Style {
  link: (label: string, url: string | undefined) => string
  /** A file's line, linked to the head commit when links are known. */
  lineRef: (path: string, line: number) => string
  bold: (text: string) => string
  heading: (text: string) => string
  /** A table; cells are given raw and escaped here. */
  table: (headers: readonly string[], rows: ReadonlyArray<readonly string[]>) => string
  /** Text inside a table cell that is already formatted (links, code). */
  raw: (text: string) => string
  /** Verbatim text, e.g. a configuration error. */
  block: (text: string) => string
  /** Text inside an already formatted cell: escaped for markdown, as it is for text. */
  escape: (text: string) => string
  lineBreak: string
}

/** Markers for cells that are already formatted (not to be escaped again). */
const RAW = '\u0000raw:'

export function markdownStyle(links?: GateLinks): Style {
  const escape = (c: string) => (c.startsWith(RAW) ? c.slice(RAW.length) : cell(c))
  return {
    link: (label, url) => (url ? `[${label}](${url})` : label),
    lineRef: (path, line) => (links ? `[${cell(`${path}:${line}`)}](${lineUrl(links, path, line)})` : cell(`${path}:${line}`)),
    bold: (text) => `**${text}**`,
    heading: (text) => `### ${text}`,
    table: (headers, rows) => [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(escape).join(' | ')} |`)].join('\n'),
    raw: (text) => `${RAW}${text}`,
    block: (text) => `\`\`\`\n${text}\n\`\`\``,
    escape: cell,
    lineBreak: '<br>'
  }
}

export const textStyle: Style = {
  link: (label) => label,
  lineRef: (path, line) => `${path}:${line}`,
  bold: (text) => text,
  heading: (text) => text,
  table: (_headers, rows) => rows.map((r) => `  ${r.map((c) => (c.startsWith(RAW) ? c.slice(RAW.length) : c).replace(/\r?\n/g, ' ')).join('  ·  ')}`).join('\n'),
  raw: (text) => `${RAW}${text}`,
  block: (text) => text.split('\n').map((l) => `  ${l}`).join('\n'),
  escape: (text) => text,
  lineBreak: '; '
}

/** Items listed in full; the rest are counted (a check run summary holds 65535 characters). */
const MAX_ITEMS = 40
const MAX_FILES = 30
const short = (sha: string) => sha.slice(0, 7)
const code = (text: string) => `\`${text}\``
const codes = (list: readonly string[]) => list.map(code).join(', ')

/** The body of a verdict: what the gate read, what it decided and what to do, with the bypass first. */
export function verdictBody(verdict: GateVerdict, style: Style): string {
  const body = detailsBody(verdict, style)
  return verdict.bypass && verdict.bypass.kind !== 'nothing-failed' ? `${bypassSentence(verdict.bypass, style)}\n\n${body}` : body
}

function detailsBody(verdict: GateVerdict, style: Style): string {
  const { details } = verdict
  switch (details.gate) {
    case 'drills':
      return drillsBody(details, style)
    case 'sev1-actions':
      return sev1Body(details, style)
    case 'rollback-plan':
      return rollbackBody(details, style)
    case 'not-evaluated':
      return notEvaluatedBody(details, style)
  }
}

function notEvaluatedBody(details: NotEvaluatedDetails, style: Style): string {
  return [details.reason, ...(details.detail !== undefined ? [style.block(details.detail)] : []), ...(details.action !== undefined ? [details.action] : [])].join('\n\n')
}

// --- drills

function runLabel(run: DrillRun): string {
  return `${run.kind} ${run.name} #${run.id}${run.attempt !== undefined && run.attempt > 1 ? ` (attempt ${run.attempt})` : ''}`
}

function drillsBody(details: DrillsDetails, style: Style): string {
  const observed = observationSentences(details, style)
  if (details.edited.length === 0) return observed
  const list = details.edited.map((f) => `${code(f.path)}${f.status === 'removed' ? ' (removed)' : ''}`).join(', ')
  return (
    `This change edits the drills themselves (${list}), so their result cannot vouch for it: a reviewer must look at the drill change. ` +
    'Once reviewed, a user allowed to bypass (`gate.bypass`) applies the bypass label. ' +
    `What the drills reported: ${observed}`
  )
}

function observationSentences(details: DrillsDetails, style: Style): string {
  const observation: DrillObservation = details.observation
  const skippedNote = details.skippedCountsAsSuccess
    ? '`gate.drills.skipped-counts-as-success` is on, so a skipped drill run passes.'
    : 'A skipped drill proves nothing, so it fails the gate; set `gate.drills.skipped-counts-as-success: true` to let it pass.'
  switch (observation.kind) {
    case 'job': {
      const read = `Read the drill job's result: ${code(observation.result)}.`
      if (observation.result === 'success') return read
      if (observation.result === 'skipped') return `${read} ${skippedNote}`
      return `${read} The drill suite must pass on the pull request's head commit.`
    }
    case 'unknown':
      return observation.reason
    case 'not-applicable':
      return observation.reason
    case 'error':
      return observation.message
    case 'missing-workflow':
      return (
        `${code(observation.file)} does not exist at the base commit${observation.baseCommit !== undefined ? ` ${short(observation.baseCommit)}` : ''}, so no run of it can come. ` +
        'Set `gate.drills.workflow` (in the policy on the base branch) to the file name of your drill workflow under `.github/workflows`, ' +
        'or read the drills from elsewhere with `gate.drills.source: check` (a check run) or `job` (the `drill-result` input).'
      )
    case 'none': {
      const what = `No ${observation.source} ${code(observation.name)} exists for the head commit ${short(observation.headSha)}`
      if (observation.timedOut) {
        return (
          `${what}, ${observation.waitedSeconds} s after it was made (\`gate.drills.never-ran-timeout\`: ${observation.timeoutSeconds} s). ` +
          'Check that the drill workflow triggers on this event and branch; when its path filters exclude this change, list the covered paths in `gate.drills.paths`.'
        )
      }
      return `${what} yet. The gate is evaluated again when the drill workflow completes.`
    }
    case 'run': {
      const { run } = observation
      const read = `Read ${style.link(runLabel(run), run.url)} on ${short(run.headSha)}: ${run.status === 'completed' ? code(run.conclusion ?? 'no conclusion') : code(run.status)}.`
      if (run.status !== 'completed') {
        return ['queued', 'in_progress', 'waiting', 'requested', 'pending'].includes(run.status) ? `${read} The gate is evaluated again when it completes.` : `${read} The run cannot complete in this state.`
      }
      if (run.conclusion === 'success') return read
      if (run.conclusion === 'skipped' || run.conclusion === 'neutral') return `${read} ${skippedNote}`
      return `${read} The drill suite must pass on the pull request's head commit; re-run it or fix the failure.`
    }
  }
}

// --- Sev1 action items

function itemsTable(items: ReadonlyArray<GateItem & { reference?: string }>, style: Style, note?: (item: GateItem & { reference?: string }) => string): string {
  const headers = ['Item', 'Action', 'Owner', 'Due', ...(note ? ['Note'] : [])]
  const rows = items.slice(0, MAX_ITEMS).map((i) => [
    style.raw(style.lineRef(i.path, i.line)),
    i.action,
    i.owner ?? '—',
    `${i.due ?? '—'}${i.overdue && i.due ? ' (overdue)' : ''}`,
    ...(note ? [style.raw(note(i))] : [])
  ])
  const more = items.length > MAX_ITEMS ? `\n\n…and ${plural(items.length - MAX_ITEMS, 'more item')}.` : ''
  return `${style.table(headers, rows)}${more}`
}

function sev1Body(d: Sev1ActionsDetails, style: Style): string {
  const levels = d.severities.join('/')
  const policy = d.block === 'open' ? `every unchecked action item of a ${levels} postmortem blocks` : `unchecked action items of ${levels} postmortems block once overdue (or without a valid due date)`
  const parts = [`Checked ${plural(d.blockingPostmortems, `${levels} postmortem`)} of ${plural(d.postmortems, 'postmortem')} (policy \`block: ${d.block}\`: ${policy}).`]
  if (d.unread.length > 0) {
    const list = d.unread.slice(0, MAX_ITEMS).map((u) => `- ${u.path}: ${u.reason}`)
    parts.push(`${style.heading('Not read')}\n\n${list.join('\n')}${d.unread.length > MAX_ITEMS ? `\n- …and ${d.unread.length - MAX_ITEMS} more` : ''}\n\nTheir severity and action items are unknown, so this gate fails until they can be read (\`reliability-loop lint\` shows why).`)
  }
  if (d.blocking.length > 0) {
    parts.push(`${style.heading('Blocking')}\n\n${itemsTable(d.blocking, style)}`)
    const first = d.blocking[0]
    parts.push(
      'To unblock: tick the item’s box in the postmortem once it is done (this pull request may do it), ' +
        `or, for the pull request that fixes it, add the label ${code(d.fixLabel)} and reference the item in the description by its ticket or as \`path#Lline\` (e.g. \`${first ? `${first.path}#L${first.line}` : ''}\`).`
    )
  }
  if (d.passedByFixLabel.length > 0) {
    parts.push(`${style.heading('Passed by the fix label')}\n\n${itemsTable(d.passedByFixLabel, style, (i) => `referenced as ${code(i.reference ?? '')} by this pull request, labelled ${code(d.fixLabel)}`)}`)
  }
  if (d.closedByChange.length > 0) {
    const list = d.closedByChange.slice(0, MAX_ITEMS).map((i) => `- ${i.action} (${i.path}:${i.line})`)
    parts.push(`${style.heading('Closed by this change')}\n\n${list.join('\n')}${d.closedByChange.length > MAX_ITEMS ? `\n- …and ${d.closedByChange.length - MAX_ITEMS} more` : ''}`)
  }
  if (d.notYetDue > 0) parts.push(`${plural(d.notYetDue, 'open item')} not yet overdue do not block under \`block: overdue\`.`)
  if (d.untracked > 0) parts.push(`${plural(d.untracked, 'action item')} without a checkbox cannot be ticked and are not counted here; the lint mode reports them (PM007).`)
  return parts.join('\n\n')
}

// --- rollback plan

function docRow(d: DocAssessment, style: Style): string[] {
  const problems = d.problems.map((p) => `${style.lineRef(d.path, p.line)} ${style.escape(p.message)}`).join(style.lineBreak)
  const what = d.changeType !== undefined ? `${d.changeType}, ${d.status ?? ''}` : '—'
  const scope = d.globs.length > 0 ? `${codes(d.globs)} (${d.globsFrom ?? ''})` : d.globsFrom === 'change.type' ? 'nothing: add `change.paths`' : '—'
  switch (d.state) {
    case 'unreadable':
      return [code(d.path), '—', '—', `❌ cannot be read: ${d.problems[0]?.message ?? ''}`]
    case 'invalid':
      return [code(d.path), '—', '—', style.raw(`❌ invalid: ${problems}`)]
    case 'no-rollback-plan':
      return [code(d.path), what, style.raw(scope), style.raw(`❌ rollback plan not real: ${problems}`)]
    default: {
      const plan = d.plan ? `✅ rollback when ${d.plan.trigger}; ${plural(d.plan.steps, 'step')}; owner ${d.plan.owner}` : ''
      const note =
        d.state === 'finished'
          ? ` — covers nothing: status \`${d.status ?? ''}\` (only \`proposed\` or \`running\` experiments cover a change)`
          : d.state === 'covers-nothing'
            ? ' — covers none of the gated files'
            : ''
      return [code(d.path), what, style.raw(scope), `${plan}${note}`]
    }
  }
}

function rollbackBody(d: RollbackPlanDetails, style: Style): string {
  const globs = codes(d.gatedGlobs)
  if (d.gated.length === 0) {
    return d.truncated
      ? `This change has more files than GitHub lists (3000), and none of those listed match ${globs}; the gate cannot tell whether the rest do. Split the pull request.`
      : `No changed file matches ${globs}, so no experiment doc is needed.`
  }
  const gatedList = `${d.gated
    .slice(0, MAX_FILES)
    .map((f) => `- ${code(f.path)}${f.status === 'removed' ? ' (removed)' : ''}`)
    .join('\n')}${d.gated.length > MAX_FILES ? `\n- …and ${d.gated.length - MAX_FILES} more` : ''}`
  const intro = `This change touches ${plural(d.gated.length, 'file')} matching ${globs}:\n\n${gatedList}`
  const howToCover =
    `Add or change an experiment doc matching ${codes(d.experimentGlobs)} with \`status: proposed\` or \`running\`, a real \`rollback:\` (trigger, steps, owner), ` +
    'and a `change:` that covers the file: `change.paths: ["<glob>"]`, or a `change.type` whose paths (`gate.rollback-plan.type-paths`) match it.'
  if (d.docs.length === 0) {
    return `${intro}\n\nIt must add or change an experiment doc (markdown with YAML front matter: \`id\`, \`name\`, \`owner\`, \`hypothesis\`, \`metrics\`, \`rollback\`), and none was added or changed. ${howToCover}`
  }
  const coverage = `${style.table(
    ['Gated file', 'Covered by'],
    d.gated.slice(0, MAX_FILES).map((f) => [style.raw(`${code(f.path)}${f.status === 'removed' ? ' (removed)' : ''}`), style.raw(f.coveredBy !== undefined ? code(f.coveredBy) : '❌ not covered')])
  )}${d.gated.length > MAX_FILES ? `\n\n…and ${d.gated.length - MAX_FILES} more.` : ''}`
  const docs = style.table(['Experiment doc', 'Change, status', 'Covers', 'Rollback plan'], d.docs.map((doc) => docRow(doc, style).map((c, i) => (i === 0 ? style.raw(c) : c))))
  const body = `${coverage}\n\nExperiment docs this change adds or modifies:\n\n${docs}`
  const broken = d.docs.filter((doc) => BROKEN_DOC_STATES.has(doc.state))
  const uncovered = d.gated.filter((f) => f.coveredBy === undefined)
  if (broken.length === 0 && uncovered.length === 0) {
    return `Every gated file this change touches is covered by a proposed or running experiment with a real rollback plan:\n\n${body}`
  }
  const brokenNote = broken.length > 0 ? 'Every experiment doc it adds or changes must be valid and have a real rollback plan (a trigger, concrete steps and an owner; not `TBD`, `N/A`, `none` or `-`). ' : ''
  const uncoveredNote = uncovered.length > 0 ? `${plural(uncovered.length, 'gated file')} ${uncovered.length === 1 ? 'is' : 'are'} not covered. ${howToCover}` : ''
  return `${intro}\n\n${brokenNote}${uncoveredNote}\n\n${body}`
}

// --- bypass

function allowedList(decision: Extract<BypassDecision, { kind: 'refused' }>): string {
  const who = [...decision.allowedUsers.map((u) => `@${u}`), ...decision.allowedTeams.map((t) => `team ${t}`)]
  return who.length > 0 ? who.join(', ') : 'nobody (`gate.bypass.users` and `gate.bypass.teams` are empty)'
}

/** The sentence about the bypass label, for the summary and above each bypassed (or refused) gate. */
export function bypassSentence(decision: BypassDecision, style: Style): string {
  const label = code(decision.label)
  switch (decision.kind) {
    case 'nothing-failed':
      return `The bypass label ${label} is present, but no gate failed: nothing was bypassed.`
    case 'refused': {
      const why =
        decision.actor === undefined
          ? `the label ${label} is on the pull request, but the event that applied it could not be found, so who applied it is unknown.`
          : `the label ${label} was applied by @${decision.actor}, who is not allowed to bypass${decision.unknownMemberships.length > 0 ? ` (${decision.unknownMemberships.join('; ')})` : ''}.`
      return `${style.bold('Bypass refused:')} ${why} Allowed to bypass: ${allowedList(decision)}.`
    }
    case 'accepted': {
      const as = decision.allowedAs === 'user' ? 'listed user' : decision.allowedAs.replace(/^team:/, 'member of ')
      const why = decision.reason ? `Reason: ${decision.reason}` : 'No reason was given; add a line `Bypass-Reason: …` to the pull request description for the record.'
      return `${style.bold('Bypassed')} by @${decision.actor} (${as}) with the label ${label} at ${decision.at}: ${decision.gates.join(', ')}. ${why}`
    }
  }
}
