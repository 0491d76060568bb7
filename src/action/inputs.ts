// The Action's inputs: raw strings (read once by main.ts) → typed settings and config overrides.
// Pure: no @actions/core, no environment.

import { parseRuleSettings, type ConfigOverride } from '../config/load.js'
import { DEFAULT_CONFIG_PATHS } from '../config/defaults.js'
import type { CredentialSources } from '../sync/connection.js'
import { isPeriod } from '../audit/period.js'
import { AUDIT_SCORERS } from '../config/audit-schema.js'
import { EXPORT_TARGETS, type ExportTarget } from '../config/export-schema.js'

// sync mode: its inputs, and those that are secrets (masked before anything runs).
const SYNC_INPUTS = ['tracker', 'dry-run', 'write-back', 'linear-api-key', 'linear-team', 'linear-api-url', 'jira-base-url', 'jira-email', 'jira-api-token', 'jira-project', 'jira-pat'] as const
export const SECRET_INPUTS = ['token', 'linear-api-key', 'jira-api-token', 'jira-pat', 'openai-api-key'] as const
// audit mode: its inputs (it also reads `dry-run`).
const AUDIT_INPUTS = ['audit-period', 'audit-sample', 'audit-seed', 'audit-scorer', 'audit-model', 'audit-fail-below', 'openai-api-key', 'openai-base-url'] as const

// review mode: its inputs.
const REVIEW_INPUTS = ['review-month', 'review-since', 'review-until', 'review-days', 'review-write'] as const
// publish mode: its inputs (it also reads `dry-run`); the credentials are secrets.
const PUBLISH_INPUTS = ['publish-month', 'publish-to', 'publish-force', 'confluence-base-url', 'confluence-email', 'confluence-api-token', 'confluence-pat', 'smtp-url', 'slack-webhook-url'] as const
export const PUBLISH_SECRET_INPUTS = ['confluence-api-token', 'confluence-pat', 'smtp-url', 'slack-webhook-url'] as const

// export mode: its inputs (it also reads `dry-run`).
const EXPORT_INPUTS = ['export-to'] as const

/** Every input action.yml declares, in its order. */
export const INPUT_NAMES = ['mode', 'token', 'config', 'paths', 'rules', 'fail-on', 'changed-only', 'check-run', 'check-name', 'drill-result', ...SYNC_INPUTS, ...AUDIT_INPUTS, ...REVIEW_INPUTS, ...EXPORT_INPUTS, ...PUBLISH_INPUTS] as const
export type InputName = (typeof INPUT_NAMES)[number]
/** Input values as the runner gives them (trimmed strings, '' when unset and without default). */
export type RawInputs = Readonly<Record<InputName, string>>

/** Every mode the Action runs; main.ts dispatches through a table with exactly these keys. */
export const ACTION_MODES = ['lint', 'experiment', 'gate', 'sync', 'audit', 'review', 'publish', 'export', 'postmortem'] as const
export type ActionMode = (typeof ACTION_MODES)[number]

// Read by every mode: which mode, the token, the config file and its overrides (postmortems.paths and
// lint.rules are settings every mode that reads postmortems shares).
const COMMON_INPUTS: readonly InputName[] = ['mode', 'token', 'config', 'paths', 'rules']
const TRACKER_INPUTS: readonly InputName[] = ['tracker', 'linear-api-key', 'linear-team', 'linear-api-url', 'jira-base-url', 'jira-email', 'jira-api-token', 'jira-project', 'jira-pat']

/** The inputs each mode reads besides the common ones: an input set for no mode that runs is ignored, and said so. */
export const MODE_INPUTS: Readonly<Record<ActionMode, readonly InputName[]>> = {
  lint: ['fail-on', 'changed-only', 'check-run', 'check-name'],
  experiment: ['fail-on'],
  gate: ['drill-result'],
  sync: [...SYNC_INPUTS],
  audit: [...AUDIT_INPUTS, 'dry-run'],
  // The packet reads ticket status with the sync mode's tracker and credentials.
  review: [...REVIEW_INPUTS, ...TRACKER_INPUTS],
  publish: [...PUBLISH_INPUTS, 'dry-run'],
  export: [...EXPORT_INPUTS, 'dry-run'],
  // Drafts without pull requests with `dry-run`.
  postmortem: ['dry-run']
}

/** action.yml's defaults (but `token`'s expression): a value equal to one of these was not set by the workflow. A test keeps them equal. */
export const INPUT_DEFAULTS: Readonly<Partial<Record<InputName, string>>> = {
  mode: 'lint',
  config: '.github/reliability.yml',
  'fail-on': 'error',
  'changed-only': 'true',
  'check-run': 'auto',
  'check-name': 'reliability/lint',
  'dry-run': 'false',
  'review-write': 'true',
  'publish-force': 'false'
}

/**
 * Inputs given a value (other than action.yml's default, `defaults`) that `mode` does not read, each with
 * the modes that do: `drill-result` under `mode: lint` would otherwise be ignored in silence.
 */
export function inputsForOtherModes(raw: RawInputs, mode: ActionMode, defaults: Readonly<Partial<Record<InputName, string>>> = INPUT_DEFAULTS): Array<{ input: InputName; modes: ActionMode[] }> {
  const read = new Set<InputName>([...COMMON_INPUTS, ...MODE_INPUTS[mode]])
  const found: Array<{ input: InputName; modes: ActionMode[] }> = []
  for (const input of INPUT_NAMES) {
    const value = (raw[input] ?? '').trim()
    if (read.has(input) || value === '' || value === (defaults[input] ?? '').trim()) continue
    found.push({ input, modes: ACTION_MODES.filter((m) => MODE_INPUTS[m].includes(input)) })
  }
  return found
}

export const FAIL_ON = ['error', 'warning', 'never'] as const
export type FailOn = (typeof FAIL_ON)[number]
export const CHECK_RUN_POLICIES = ['auto', 'always', 'never'] as const
export type CheckRunPolicy = (typeof CHECK_RUN_POLICIES)[number]

export const DEFAULT_CHECK_NAME = 'reliability/lint'

export interface ActionInputs {
  /** Lower-cased; main.ts decides whether it is a mode this version has. */
  mode: string
  token: string
  /** Undefined means the default lookup (.github/reliability.yml or .yaml, defaults when neither exists). */
  configPath?: string
  /** From `paths` and `rules`, applied over the config file in that order. */
  overrides: ConfigOverride[]
  failOn: FailOn
  changedOnly: boolean
  checkRun: CheckRunPolicy
  checkName: string
  /** gate mode: `drill-result`, the drill job's result (`${{ needs.drills.result }}`); '' when not given. */
  drillResult: string
  /** sync mode: plan only (`dry-run`), and the tracker's credentials and places from the inputs. */
  sync: { dryRun: boolean; credentials: CredentialSources }
  /** audit mode: what is not a config override (those are in `overrides`). */
  audit: AuditInputs
  /** review mode: the period asked for (resolved against the clock by the mode) and whether to write the packet. */
  review: ReviewInputs
  /** export mode: the warehouse (undefined: export.target) and whether to send nothing. */
  export: { to?: ExportTarget; dryRun: boolean }
  /** publish mode: the month, channels, force and credentials from the inputs (the environment fills the rest). */
  publish: PublishInputs
}

/** An input value the Action cannot use; the message names the input and the accepted values. */
export class InputError extends Error {
  override readonly name = 'InputError'
  constructor(
    readonly input: InputName,
    message: string
  ) {
    super(`input ${input}: ${message}`)
  }
}

/**
 * Splits a list input on newlines and commas, ignoring blanks and `#` comment lines; commas inside
 * braces stay, so `docs/{pm,incidents}/PM-*.md` is one glob.
 */
export function splitList(text: string): string[] {
  const items: string[] = []
  for (const line of text.split(/\r?\n/)) {
    if (line.trim().startsWith('#')) continue
    let depth = 0
    let current = ''
    for (const char of line) {
      if (char === '{') depth++
      else if (char === '}') depth = Math.max(0, depth - 1)
      if (char === ',' && depth === 0) {
        items.push(current)
        current = ''
      } else current += char
    }
    items.push(current)
  }
  return items.map((item) => item.trim()).filter((item) => item !== '')
}

function oneOf<T extends string>(input: InputName, value: string, allowed: readonly T[], fallback: T): T {
  const normalised = value.trim().toLowerCase()
  if (normalised === '') return fallback
  if ((allowed as readonly string[]).includes(normalised)) return normalised as T
  throw new InputError(input, `must be one of ${allowed.join(', ')} (got "${value}")`)
}

/** The YAML 1.2 booleans, as core.getBooleanInput accepts them. */
function booleanInput(input: InputName, value: string, fallback: boolean): boolean {
  const v = value.trim()
  if (v === '') return fallback
  if (['true', 'True', 'TRUE'].includes(v)) return true
  if (['false', 'False', 'FALSE'].includes(v)) return false
  throw new InputError(input, `must be true or false (got "${value}")`)
}

// gate mode
const DRILL_RESULTS = ['success', 'failure', 'cancelled', 'skipped']
function drillResultInput(value: string | undefined): string {
  const v = (value ?? '').trim().toLowerCase()
  if (v === '' || DRILL_RESULTS.includes(v)) return v
  throw new InputError('drill-result', `must be one of ${DRILL_RESULTS.join(', ')}, as \${{ needs.<job>.result }} gives (got "${value ?? ''}")`)
}

// sync mode
const TRACKERS = ['github', 'linear', 'jira', 'jira-dc'] as const
const WRITE_BACK = ['commit', 'pull-request', 'off'] as const
function syncInputs(raw: RawInputs, overrides: ConfigOverride[]): ActionInputs['sync'] {
  const tracker = (raw.tracker ?? '').trim().toLowerCase()
  if (tracker !== '') overrides.push({ source: 'input tracker', values: { sync: { tracker: oneOf('tracker', tracker, TRACKERS, 'github') } } })
  const writeBack = (raw['write-back'] ?? '').trim().toLowerCase()
  if (writeBack !== '') overrides.push({ source: 'input write-back', values: { sync: { 'write-back': oneOf('write-back', writeBack, WRITE_BACK, 'commit') } } })
  const value = (name: InputName) => (raw[name] ?? '').trim()
  return {
    dryRun: booleanInput('dry-run', raw['dry-run'] ?? '', false),
    credentials: {
      githubToken: value('token'),
      linearApiKey: value('linear-api-key'),
      linearTeam: value('linear-team'),
      linearApiUrl: value('linear-api-url'),
      jiraBaseUrl: value('jira-base-url'),
      jiraEmail: value('jira-email'),
      jiraApiToken: value('jira-api-token'),
      jiraProject: value('jira-project'),
      jiraPat: value('jira-pat')
    }
  }
}

// audit mode
export interface AuditInputs {
  /** `YYYY-MM`; undefined: the previous month. */
  period?: string
  scorer?: (typeof AUDIT_SCORERS)[number]
  dryRun: boolean
  /** '' when not given: then the environment (OPENAI_API_KEY, OPENAI_BASE_URL) or the configuration. */
  apiKey: string
  baseUrl: string
}
function auditInputs(raw: RawInputs, overrides: ConfigOverride[]): AuditInputs {
  const value = (name: InputName) => (raw[name] ?? '').trim()
  const inputs: AuditInputs = { dryRun: booleanInput('dry-run', raw['dry-run'] ?? '', false), apiKey: value('openai-api-key'), baseUrl: value('openai-base-url') }
  const period = value('audit-period')
  if (period !== '') {
    if (!isPeriod(period)) throw new InputError('audit-period', `must be a month as YYYY-MM, e.g. 2026-10 (got "${period}")`)
    inputs.period = period
  }
  if (value('audit-scorer') !== '') inputs.scorer = oneOf('audit-scorer', value('audit-scorer'), AUDIT_SCORERS, 'rules')
  const sample = value('audit-sample')
  if (sample !== '') {
    if (!/^\d+$/.test(sample) || Number(sample) < 1) throw new InputError('audit-sample', `must be a whole number, 1 or more (got "${sample}")`)
    overrides.push({ source: 'input audit-sample', values: { audit: { 'sample-size': Number(sample) } } })
  }
  if (value('audit-seed') !== '') overrides.push({ source: 'input audit-seed', values: { audit: { seed: value('audit-seed') } } })
  if (value('audit-model') !== '') overrides.push({ source: 'input audit-model', values: { audit: { llm: { model: value('audit-model') } } } })
  const failBelow = value('audit-fail-below')
  if (failBelow !== '') {
    const share = failBelow.endsWith('%') ? Number(failBelow.slice(0, -1)) / 100 : Number(failBelow)
    if (!Number.isFinite(share) || share < 0 || share > 1) throw new InputError('audit-fail-below', `must be a share from 0 to 1, e.g. 0.9 (got "${failBelow}")`)
    overrides.push({ source: 'input audit-fail-below', values: { audit: { 'fail-below': share } } })
  }
  return inputs
}

// review mode
export interface ReviewInputs {
  month?: string
  since?: string
  until?: string
  days?: number
  /** Write <review.output-dir>/<period>.md (default true). */
  write: boolean
}
function reviewInputs(raw: RawInputs): ReviewInputs {
  const value = (name: InputName) => (raw[name] ?? '').trim()
  const inputs: ReviewInputs = { write: booleanInput('review-write', raw['review-write'] ?? '', true) }
  if (value('review-month') !== '') {
    if (!isPeriod(value('review-month'))) throw new InputError('review-month', `must be a month as YYYY-MM, e.g. 2026-10 (got "${value('review-month')}")`)
    inputs.month = value('review-month')
  }
  if (value('review-since') !== '') inputs.since = value('review-since')
  if (value('review-until') !== '') inputs.until = value('review-until')
  const days = value('review-days')
  if (days !== '') {
    if (!/^\d+$/.test(days) || Number(days) < 1) throw new InputError('review-days', `must be a whole number, 1 or more (got "${days}")`)
    inputs.days = Number(days)
  }
  return inputs
}

function exportInputs(raw: RawInputs): { to?: ExportTarget; dryRun: boolean } {
  const to = raw['export-to'].trim()
  return { ...(to !== '' && { to: oneOf('export-to', to, EXPORT_TARGETS, 'bigquery') }), dryRun: booleanInput('dry-run', raw['dry-run'], false) }
}

// publish mode
export interface PublishInputs {
  month?: string
  /** Channel names as given (validated by the mode); empty: every configured one. */
  to: string[]
  force: boolean
  dryRun: boolean
  /** Credential inputs that were set, by environment-variable name (CONFLUENCE_BASE_URL, SMTP_URL, …). */
  credentials: Record<string, string>
}
const PUBLISH_CREDENTIAL_ENV: Record<string, string> = {
  'confluence-base-url': 'CONFLUENCE_BASE_URL',
  'confluence-email': 'CONFLUENCE_EMAIL',
  'confluence-api-token': 'CONFLUENCE_API_TOKEN',
  'confluence-pat': 'CONFLUENCE_PAT',
  'smtp-url': 'SMTP_URL',
  'slack-webhook-url': 'SLACK_WEBHOOK_URL'
}
function publishInputs(raw: RawInputs): PublishInputs {
  const value = (name: InputName) => (raw[name] ?? '').trim()
  const inputs: PublishInputs = { to: splitList(raw['publish-to'] ?? ''), force: booleanInput('publish-force', raw['publish-force'] ?? '', false), dryRun: booleanInput('dry-run', raw['dry-run'] ?? '', false), credentials: {} }
  if (value('publish-month') !== '') {
    if (!isPeriod(value('publish-month'))) throw new InputError('publish-month', `must be a month as YYYY-MM, e.g. 2026-10 (got "${value('publish-month')}")`)
    inputs.month = value('publish-month')
  }
  for (const [input, env] of Object.entries(PUBLISH_CREDENTIAL_ENV)) if (value(input as InputName) !== '') inputs.credentials[env] = value(input as InputName)
  return inputs
}

export function parseActionInputs(raw: RawInputs): ActionInputs {
  const overrides: ConfigOverride[] = []
  const paths = splitList(raw.paths)
  if (paths.length > 0) overrides.push({ source: 'input paths', values: { postmortems: { paths } } })
  if (raw.rules.trim() !== '') overrides.push({ source: 'input rules', values: parseRuleSettings([raw.rules], 'input rules') })

  const config = raw.config.trim()
  const inputs: ActionInputs = {
    mode: raw.mode.trim().toLowerCase() || 'lint',
    token: raw.token.trim(),
    overrides,
    failOn: oneOf('fail-on', raw['fail-on'], FAIL_ON, 'error'),
    changedOnly: booleanInput('changed-only', raw['changed-only'], true),
    checkRun: oneOf('check-run', raw['check-run'], CHECK_RUN_POLICIES, 'auto'),
    checkName: raw['check-name'].trim() || DEFAULT_CHECK_NAME,
    drillResult: drillResultInput(raw['drill-result']),
    sync: syncInputs(raw, overrides),
    audit: auditInputs(raw, overrides),
    review: reviewInputs(raw),
    export: exportInputs(raw),
    publish: publishInputs(raw)
  }
  // The default value means "the usual place": then a missing file is fine and `.yaml` is found too.
  if (config !== '' && !DEFAULT_CONFIG_PATHS.includes(config.replace(/^\.\//, ''))) inputs.configPath = config
  return inputs
}
