// `--format sarif`: SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`) and
// other SARIF viewers. Only fields the spec defines are used; GitHub's documented requirements
// (tool.driver.name, rules with ids, results with ruleId, message.text and a physical location with a
// relative artifact URI and a startLine) are all met.

import type { LintResult, Severity } from '../lint/types.js'
import { sortFindings, type RuleInfo } from './json.js'

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'

/** Where the project lives: SARIF `informationUri`; rule pages are below it. */
export const PROJECT_URL = 'https://github.com/reliability-loop/reliability-loop'

/** The documentation page of a rule (`docs/rules/<id>.md`) at the tag of this version. */
export function ruleHelpUri(ruleId: string, version: string): string {
  return `${PROJECT_URL}/blob/v${version}/docs/rules/${ruleId}.md`
}

export interface SarifOptions {
  /** The rule registry (RULES), in the order it should be listed. */
  rules: readonly RuleInfo[]
  version: string
  informationUri: string
  /** The documentation page of a rule. */
  helpUri: (ruleId: string) => string
}

type SarifLevel = 'error' | 'warning'

export interface SarifReportingDescriptor {
  id: string
  name: string
  shortDescription: { text: string }
  fullDescription: { text: string }
  helpUri: string
  defaultConfiguration: { level: SarifLevel }
}

export interface SarifResult {
  ruleId: string
  ruleIndex?: number
  level: SarifLevel
  message: { text: string }
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string }
      region: { startLine: number; startColumn: number }
    }
  }>
}

export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: Array<{
    tool: {
      driver: {
        name: string
        version: string
        semanticVersion: string
        informationUri: string
        rules: SarifReportingDescriptor[]
      }
    }
    originalUriBaseIds: Record<string, { description: { text: string } }>
    columnKind: 'utf16CodeUnits'
    results: SarifResult[]
  }>
}

const level = (severity: Severity): SarifLevel => severity

/** A repository-relative path as a relative URI reference: `/`-separated, each segment percent-encoded. */
export function toRelativeUri(path: string): string {
  return path
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/')
}

/** The first sentence of a description, for shortDescription (GitHub shows it in the rule list). */
function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/.exec(text)
  return match?.[1] ?? text
}

export function toSarif(result: LintResult, options: SarifOptions): SarifLog {
  const index = new Map(options.rules.map((rule, i) => [rule.id, i]))
  const rules = options.rules.map(
    (rule): SarifReportingDescriptor => ({
      id: rule.id,
      name: rule.name,
      shortDescription: { text: firstSentence(rule.description) },
      fullDescription: { text: rule.description },
      helpUri: options.helpUri(rule.id),
      defaultConfiguration: { level: level(rule.defaultSeverity) }
    })
  )
  const results = sortFindings(result.findings).map((finding): SarifResult => {
    const ruleIndex = index.get(finding.rule)
    return {
      ruleId: finding.rule,
      ...(ruleIndex === undefined ? {} : { ruleIndex }),
      level: level(finding.severity),
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toRelativeUri(finding.path), uriBaseId: '%SRCROOT%' },
            region: { startLine: Math.max(1, finding.line), startColumn: Math.max(1, finding.column) }
          }
        }
      ]
    }
  })
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'reliability-loop',
            version: options.version,
            semanticVersion: options.version,
            informationUri: options.informationUri,
            rules
          }
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the repository (--root).' } } },
        columnKind: 'utf16CodeUnits',
        results
      }
    ]
  }
}

export function formatSarif(result: LintResult, options: SarifOptions): string {
  return `${JSON.stringify(toSarif(result, options), null, 2)}\n`
}
