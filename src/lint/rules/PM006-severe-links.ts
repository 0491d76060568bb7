import type { MetadataField, Postmortem } from '../../postmortem/model.js'
import { severityIn } from '../../postmortem/severity.js'
import { draftWarning } from './draft.js'
import type { FileRule, RuleContext, RuleReport } from '../types.js'

const HTTP_URL_RE = /^https?:\/\/[^\s/?#]+[^\s]*$/i
const ANY_URL_RE = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i
const PAGERDUTY_URL_RE = /^https:\/\/[a-z0-9][a-z0-9-]*\.pagerduty\.com\/incidents\/[A-Za-z0-9]+\/?(?:[?#]\S*)?$/
const PAGERDUTY_ID_RE = /^[A-Z0-9]{6,20}$/

function columnOf(pm: Postmortem, field: MetadataField, value: string): number {
  const text = pm.lines[field.position.line - 1] ?? ''
  const colon = text.indexOf(':')
  const at = value ? text.indexOf(value, colon + 1) : -1
  return at >= 0 ? at + 1 : field.position.column
}

/** Why an NDJSON value is not a usable link to a log, or undefined when it is. */
function ndjsonProblem(value: string, ctx: RuleContext): string | undefined {
  if (ANY_URL_RE.test(value)) {
    return /^file:/i.test(value) ? 'is a file:// URL only your machine can open; commit the log and use its repository-relative path' : undefined
  }
  if (/^(?:\/|~|[A-Za-z]:[\\/]|\\\\)/.test(value)) {
    return 'is an absolute path; use the path relative to the repository root, e.g. logs/missions/2026-10-14-mission-1182.ndjson'
  }
  const path = value.replace(/[?#].*$/, '').replace(/\\/g, '/')
  const parts: string[] = []
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (parts.length === 0) return 'points outside the repository; commit the log inside the repository and link it by its repository-relative path'
      parts.pop()
    } else {
      parts.push(part)
    }
  }
  const normalised = parts.join('/')
  if (!normalised) return 'is not a file path; link the NDJSON log by URL or repository-relative path'
  if (!ctx.pathExists(normalised)) {
    return `does not exist in the repository; commit the log at ${normalised} or fix the path (or link it by URL)`
  }
  return undefined
}

/**
 * PM006 severe-links: severe incidents (`lint.linked-severities`) link the evidence — agent traces, the
 * NDJSON mission log and the PagerDuty incident — so the review can replay what the agent did.
 */
export const severeLinksRule: FileRule = {
  id: 'PM006',
  name: 'severe-links',
  description: 'Severe incidents link their Traces (http(s) URLs), NDJSON logs (URL or existing repository path) and PagerDuty incident.',
  defaultSeverity: 'error',
  scope: 'file',
  check(pm, ctx) {
    const md = pm.metadata
    if (!severityIn(md.severity, ctx.config.linkedSeverities)) return []
    const reports: RuleReport[] = []
    const level = md.severity?.label ?? ''
    const anchor = md.fields.severity?.position ?? pm.title?.position ?? { line: 1, column: 1 }

    const missing = (key: 'traces' | 'ndjson' | 'pagerduty', label: string, example: string): boolean => {
      const field = md.fields[key]
      if (field && md[key].length > 0) return false
      const message = field
        ? `${label} is empty, but ${level} postmortems must link it; write e.g. "${example}".`
        : `${level} postmortems must link ${label}; add "${example}" to the metadata.`
      reports.push({ line: field?.position.line ?? anchor.line, column: field?.position.column ?? anchor.column, message })
      return true
    }

    if (!missing('traces', 'Traces', '- Traces: https://traces.example.com/trace/7f3a9c')) {
      const field = md.fields.traces!
      for (const value of md.traces) {
        if (HTTP_URL_RE.test(value)) continue
        reports.push({
          line: field.position.line,
          column: columnOf(pm, field, value),
          message: `Traces value "${value}" is not an http(s) URL; link the trace in your tracing tool, e.g. https://traces.example.com/trace/7f3a9c.`
        })
      }
    }

    if (!missing('ndjson', 'NDJSON', '- NDJSON: logs/missions/2026-10-14-mission-1182.ndjson')) {
      const field = md.fields.ndjson!
      for (const value of md.ndjson) {
        const problem = ndjsonProblem(value, ctx)
        if (problem === undefined) continue
        reports.push({ line: field.position.line, column: columnOf(pm, field, value), message: `NDJSON log "${value}" ${problem}.` })
      }
    }

    if (!missing('pagerduty', 'PagerDuty', '- PagerDuty: https://<subdomain>.pagerduty.com/incidents/<ID>')) {
      const field = md.fields.pagerduty!
      for (const value of md.pagerduty) {
        if (PAGERDUTY_URL_RE.test(value) || PAGERDUTY_ID_RE.test(value)) continue
        reports.push({
          line: field.position.line,
          column: columnOf(pm, field, value),
          message: `PagerDuty value "${value}" is not a PagerDuty incident; write the incident URL (https://<subdomain>.pagerduty.com/incidents/<ID>) or its ID, e.g. Q1ABCD2EFGHIJK.`
        })
      }
    }
    // A draft is a postmortem whose evidence is still being gathered (`postmortem new` writes TBD where the
    // incident records had no link): the same findings, as warnings, until Status says it is no longer one.
    if (pm.metadata.status === 'draft') for (const report of reports) draftWarning(report)
    return reports
  }
}
