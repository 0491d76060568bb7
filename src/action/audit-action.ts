// The Action's audit mode: the model endpoint and key (inputs, else the environment, masked before use),
// the audit itself, then what the runner shows: malformed lines as annotations, warnings, the job summary,
// the outputs, and a failed step when a dimension's pass rate is below `audit-fail-below`.

import * as core from '@actions/core'
import { llmEndpoint, type LlmEndpoint } from '../audit/llm-settings.js'
import { auditOutcome } from '../audit/outcome.js'
import { previousPeriod } from '../audit/period.js'
import type { Config } from '../config/types.js'
import { createNodeAuditAdapters } from '../io/node-audit-adapters.js'
import { createChatClient } from '../llm/chat-completions.js'
import { runAudit, scorersInUse, type AuditRunResult } from '../modes/audit.js'
import { renderAuditSummary } from '../report/audit-summary.js'
import { percent } from '../report/audit-text.js'
import { writeJobSummary, type SourceLink } from '../report/job-summary.js'
import { plural } from '../report/text.js'
import { errorMessage } from '../util/error-message.js'
import type { AuditInputs } from './inputs.js'

/** Malformed lines annotated one by one; the job summary lists more. */
const MAX_ANNOTATIONS = 10

export interface AuditActionContext {
  config: Config
  inputs: AuditInputs
  /** The environment: OPENAI_API_KEY (or audit.llm.api-key-env's variable) and OPENAI_BASE_URL. */
  env: Readonly<Record<string, string | undefined>>
  /** Where transcript links in the summary point. */
  link?: SourceLink
  now: () => Date
}

export async function runAuditAction(ctx: AuditActionContext): Promise<AuditRunResult> {
  const audit = ctx.config.audit
  const { inputs } = ctx
  let chat
  let endpoint: LlmEndpoint | undefined
  if (scorersInUse(audit, inputs.scorer).has('llm')) {
    endpoint = llmEndpoint(audit, ctx.env, { apiKey: inputs.apiKey, baseUrl: inputs.baseUrl })
    // An input is masked by main.ts; a key from the environment is masked here, before any request.
    if (endpoint.apiKey !== undefined && endpoint.apiKey !== inputs.apiKey) core.setSecret(endpoint.apiKey)
    chat = createChatClient({
      ...endpoint,
      retries: audit.llm.retries,
      timeoutMs: audit.llm.timeoutSeconds * 1000,
      onRetry: ({ delayMs, reason }) => core.info(`Model endpoint: ${reason}; retrying in ${(delayMs / 1000).toFixed(1)} s.`)
    })
    core.info(`llm scorer: ${audit.llm.model ?? '(no model)'} at ${endpoint.baseUrl}`)
  }
  const period = inputs.period ?? previousPeriod(ctx.now())
  core.info(`Auditing ${period}: transcripts ${audit.paths.join(', ')}; sample ${audit.sampleSize}, seed "${audit.seed}".`)

  const result = await runAudit(
    audit,
    { period, ...(inputs.scorer !== undefined && { scorer: inputs.scorer }), dryRun: inputs.dryRun },
    createNodeAuditAdapters(ctx.config.root, { now: ctx.now, ...(chat !== undefined && { chat }) }),
    ctx.config.configFile
  )

  for (const m of result.malformed.slice(0, MAX_ANNOTATIONS)) core.warning(m.problem, { file: m.path, startLine: m.line, title: 'Malformed transcript line' })
  for (const warning of result.warnings) core.warning(warning)
  for (const problem of result.review?.problems ?? []) core.warning(`${result.review?.file}: ${problem}`)
  if (result.counts.inPeriod === 0) core.warning(`None of the ${plural(result.counts.found, 'transcript')} found belongs to ${period}.`)
  core.info(
    `${plural(result.draw.length, 'transcript')} sampled of ${result.counts.inPeriod} in ${period}; ` +
      result.summaries.map((s) => `${s.dimension.name} mean ${s.mean === null ? '–' : s.mean.toFixed(2)}, passes ${percent(s.passRate)}`).join('; ')
  )

  try {
    await writeJobSummary(renderAuditSummary(result, ctx.link))
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }

  const outcome = auditOutcome({ sampledCount: result.draw.length, unscored: result.unscored, breaches: result.breaches, ...(result.failBelow !== undefined && { failBelow: result.failBelow }), ...(result.llm && { llm: result.llm }) })
  if (outcome.warning !== undefined) core.warning(`${outcome.warning}.`)
  const failing = outcome.kind !== 'ok'
  core.setOutput('audit-file', result.store.file)
  core.setOutput('audit-sampled', result.draw.length)
  core.setOutput('audit-records', result.store.dryRun ? 0 : result.store.added)
  core.setOutput('audit-means', JSON.stringify(Object.fromEntries(result.summaries.map((s) => [s.dimension.name, s.mean === null ? null : Math.round(s.mean * 10000) / 10000]))))
  core.setOutput('result', failing ? 'fail' : 'pass')
  if (outcome.kind === 'credentials-refused') {
    const source = endpoint?.apiKey === undefined ? `no key was given: set the openai-api-key input from a secret` : endpoint.apiKey === inputs.apiKey ? 'check the secret the openai-api-key input reads' : `check the ${audit.llm.apiKeyEnv} variable (audit.llm.api-key-env)`
    core.setFailed(`Configuration error: ${outcome.message}. ${source[0]?.toUpperCase()}${source.slice(1)}, and that the key may use the model "${audit.llm.model ?? ''}" at ${endpoint?.baseUrl ?? ''}.`)
  } else if (outcome.kind === 'unscored') {
    core.setFailed(`${outcome.message}. Fix the cause and run again (a run with the same seed scores only what is missing), or allow some with audit.max-unscored.`)
  } else if (outcome.kind === 'below') {
    core.setFailed(
      `Below audit-fail-below ${result.failBelow}: ${result.breaches.map((b) => `${b.dimension.name} passes ${percent(b.passRate)} of the sample`).join(', ')}; see the job summary.`
    )
  }
  return result
}
