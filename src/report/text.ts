// `--format text` (the default): grouped by file like eslint's "stylish" formatter.
//
//   docs/postmortems/PM-7.md
//      3:1   error    Metadata "Severity" is missing; …  PM002
//     12:15  warning  Action item 2 is overdue …          PM009
//
//   ✖ 2 problems (1 error, 1 warning) in 1 file
//
// or `✔ 12 postmortems, no problems`.

import type { Finding, LintResult } from '../lint/types.js'
import { plural } from '../util/plural.js'
import { sortFindings } from './json.js'

export interface TextOptions {
  /** Emit ANSI colour codes. The caller decides (TTY, NO_COLOR, FORCE_COLOR, --color). */
  color: boolean
  /** Warnings left out of `result` (--quiet): the summary says how many, so "no problems" is never said over them. */
  hiddenWarnings?: number
  /**
   * Columns of the terminal the report is shown on: messages are padded to align the rule ids only as far
   * as a row still fits. Undefined (not a terminal: a file, a pipe, CI) means no padding after messages.
   */
  width?: number
}

type Paint = (text: string) => string

/** The handful of SGR codes the report uses; closing codes are the specific ones, so styles nest. */
export function ansi(enabled: boolean) {
  const code =
    (open: number, close: number): Paint =>
    (text) =>
      enabled && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text
  return {
    bold: code(1, 22),
    dim: code(2, 22),
    underline: code(4, 24),
    red: code(31, 39),
    yellow: code(33, 39),
    green: code(32, 39)
  }
}

export { plural }

/** One line per finding: newlines and tabs in a message would break the columns. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\t/g, ' ')
}

export function formatText(result: LintResult, options: TextOptions): string {
  const c = ansi(options.color)
  const byFile = new Map<string, Finding[]>()
  for (const finding of sortFindings(result.findings)) {
    const list = byFile.get(finding.path)
    if (list) list.push(finding)
    else byFile.set(finding.path, [finding])
  }

  const blocks: string[] = []
  for (const [path, findings] of byFile) {
    const lineWidth = Math.max(...findings.map((f) => String(f.line).length))
    const columnWidth = Math.max(...findings.map((f) => String(f.column).length))
    const severityWidth = Math.max(...findings.map((f) => f.severity.length))
    const messages = findings.map((f) => oneLine(f.message))
    const ruleWidth = Math.max(...findings.map((f) => f.rule.length))
    // `  line:col  severity  message  rule`; one column spare, as a row exactly as wide as the terminal wraps in some.
    const room = options.width === undefined ? 0 : options.width - (2 + lineWidth + 1 + columnWidth + 2 + severityWidth + 2) - 2 - ruleWidth - 1
    const messageWidth = Math.min(Math.max(...messages.map((m) => m.length)), Math.max(0, room))
    const rows = findings.map((f, i) => {
      const position = `${String(f.line).padStart(lineWidth)}:${String(f.column).padEnd(columnWidth)}`
      const severity = f.severity.padEnd(severityWidth)
      const paintSeverity = f.severity === 'error' ? c.red : c.yellow
      const message = (messages[i] ?? '').padEnd(messageWidth)
      return `  ${c.dim(position)}  ${paintSeverity(severity)}  ${message}  ${c.dim(f.rule)}`
    })
    blocks.push(`${c.underline(path)}\n${rows.join('\n')}\n`)
  }

  const errors = result.findings.filter((f) => f.severity === 'error').length
  const warnings = result.findings.length - errors
  const hidden = options.hiddenWarnings ?? 0
  const hiddenNote = hidden > 0 ? ` (${plural(hidden, 'warning')} hidden by --quiet)` : ''
  if (result.findings.length === 0) {
    return `${c.green(`✔ ${plural(result.summary.files, 'postmortem')}, no ${hidden > 0 ? 'errors' : 'problems'}${hiddenNote}`)}\n`
  }
  const summary = `✖ ${plural(result.findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(byFile.size, 'file')}${hiddenNote}`
  const paintSummary = errors > 0 ? c.red : c.yellow
  return `${blocks.join('\n')}\n${c.bold(paintSummary(summary))}\n`
}
