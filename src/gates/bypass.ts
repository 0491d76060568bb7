// The emergency bypass: a label that turns failing gates into `neutral`, only when whoever applied it is
// allowed to, and never without an audit record. Pure: who applied the label and their team memberships
// are looked up by the caller.

import type { GateConfig, GateId } from '../config/types.js'
import type { GateVerdict } from './types.js'
import type { BypassDecision } from './facts.js'

export type { BypassDecision } from './facts.js'

/** Who applied the label and when (the newest `labeled` event for it). */
export interface LabelApplication {
  actor: string
  /** ISO 8601 */
  at: string
  /** The issue event id, so the same bypass is logged once however often the gate runs. */
  eventId?: number
}

/** Membership of the actor in each configured team: true, false, or why it could not be told. */
export type TeamMemberships = Readonly<Record<string, boolean | { unknown: string }>>

/** One line of reliability/bypass-log.ndjson. */
export interface BypassRecord {
  /** When the gate accepted the bypass (ISO 8601). */
  ts: string
  repository: string
  pull_request: number
  head_sha: string
  /** Login that applied the label. */
  actor: string
  /** How the actor was allowed: `user` or `team:org/slug`. */
  allowed_as: string
  label: string
  labeled_at: string
  label_event_id?: number
  gates: GateId[]
  reason: string
  event: string
  config_commit?: string
  run_url?: string
}

export interface BypassContext {
  repository: string
  pullRequest: number
  headSha: string
  event: string
  /** ISO 8601 */
  now: string
  /** The pull request's description, where `Bypass-Reason: …` is looked for. */
  body: string
  configCommit?: string
  runUrl?: string
}

export interface BypassInput {
  verdicts: readonly GateVerdict[]
  settings: GateConfig['bypass']
  /** Whether the pull request carries the bypass label now. */
  labelled: boolean
  /** Undefined when labelled but the labelling event could not be found. */
  application?: LabelApplication
  /** Looked up for the configured teams when the actor is not a listed user. */
  memberships: TeamMemberships
  context: BypassContext
}

export interface BypassOutcome {
  verdicts: GateVerdict[]
  /** Set when failures were bypassed: to be appended to the bypass log. */
  record?: BypassRecord
  /** Undefined when the label is absent. */
  decision?: BypassDecision
}

const REASON_RE = /^\s*(?:[-*]\s*)?(?:\*\*)?bypass[- ]reason(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.+?)\s*$/im

/** The reason given in the pull request's description as `Bypass-Reason: …` (or `Bypass reason: …`). */
export function bypassReason(body: string): string | undefined {
  const reason = REASON_RE.exec(body)?.[1]?.replace(/\*\*$/, '').trim()
  return reason === undefined || reason === '' ? undefined : reason
}

/** Whether the actor may bypass: a listed user, or a member of a listed team. */
export function authorizeBypass(actor: string, settings: GateConfig['bypass'], memberships: TeamMemberships): { allowedAs?: string; notes: string[] } {
  const login = actor.toLowerCase()
  if (settings.users.some((u) => u.toLowerCase() === login)) return { allowedAs: 'user', notes: [] }
  const notes: string[] = []
  for (const team of settings.teams) {
    const member = memberships[team]
    if (member === true) return { allowedAs: `team:${team}`, notes }
    if (member !== undefined && member !== false) notes.push(`membership of @${actor} in ${team} could not be read (${member.unknown})`)
  }
  return { notes }
}

export function applyBypass(input: BypassInput): BypassOutcome {
  const { settings, context } = input
  const verdicts = [...input.verdicts]
  if (!input.labelled) return { verdicts }
  const failing = verdicts.filter((v) => v.conclusion === 'failure')
  const { label } = settings
  if (failing.length === 0) return { verdicts, decision: { kind: 'nothing-failed', label } }

  const refuse = (actor: string | undefined, unknownMemberships: string[]): BypassOutcome => {
    const decision: BypassDecision = { kind: 'refused', label, ...(actor !== undefined && { actor }), unknownMemberships, allowedUsers: [...settings.users], allowedTeams: [...settings.teams] }
    return { verdicts: verdicts.map((v) => (v.conclusion === 'failure' ? { ...v, bypass: decision } : v)), decision }
  }
  if (!input.application) return refuse(undefined, [])
  const { actor } = input.application
  const auth = authorizeBypass(actor, settings, input.memberships)
  if (auth.allowedAs === undefined) return refuse(actor, auth.notes)

  const reason = bypassReason(context.body)
  const gates = failing.map((v) => v.id)
  const record: BypassRecord = {
    ts: context.now,
    repository: context.repository,
    pull_request: context.pullRequest,
    head_sha: context.headSha,
    actor,
    allowed_as: auth.allowedAs,
    label,
    labeled_at: input.application.at,
    ...(input.application.eventId !== undefined && { label_event_id: input.application.eventId }),
    gates,
    reason: reason ?? '(none given: add "Bypass-Reason: …" to the pull request description)',
    event: context.event,
    ...(context.configCommit !== undefined && { config_commit: context.configCommit }),
    ...(context.runUrl !== undefined && { run_url: context.runUrl })
  }
  const decision: BypassDecision = { kind: 'accepted', label, actor, allowedAs: auth.allowedAs, at: input.application.at, gates, ...(reason !== undefined && { reason }) }
  return {
    verdicts: verdicts.map((v): GateVerdict =>
      v.conclusion === 'failure'
        ? {
            ...v,
            conclusion: 'neutral',
            title: `Bypassed: ${v.title}`,
            bypass: decision,
            // Still shown, but no longer as what fails the check.
            annotations: v.annotations.map((a) => (a.annotation_level === 'failure' ? { ...a, annotation_level: 'warning' } : a))
          }
        : v
    ),
    record,
    decision
  }
}
