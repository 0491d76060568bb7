import { backtickRunsByLength, firstAtOrAfter } from '../../util/sorted.js'
import type { FileRule, RuleReport } from '../types.js'

// Tags GitHub renders in markdown (its HTML allow-list, plus a few common extras): `<details>` is HTML,
// `<owner>` is a placeholder. Anything outside this list is stripped by GitHub anyway.
const HTML_TAGS = new Set(
  (
    'a abbr b bdo blockquote br caption center cite code dd del details dfn div dl dt em figcaption figure ' +
    'h1 h2 h3 h4 h5 h6 hr i img input ins kbd li mark ol p picture pre q rp rt ruby s samp small source span ' +
    'strike strong sub summary sup table tbody td tfoot th thead time tr tt u ul var video wbr'
  ).split(' ')
)

const CURLY_RE = /\{\{[^{}\n]*\}\}/g
const WORD_RE = /(?<![A-Za-z0-9_])(?:TBD|TODO|XXX)(?![A-Za-z0-9_])/g
const ANGLE_RE = /<([^<>\n]*)>/g
const AUTOLINK_RE = /^[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*$/
const EMAIL_RE = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/
const TAG_RE = /^\/?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?\/?$/

/**
 * Replaces inline code spans (`…`, ``…``) with spaces, keeping columns. A span closes on the next run of
 * exactly as many backticks; a run with none is literal. Linear in the line, as a line can be 2 MB long.
 */
function maskCodeSpans(line: string): string {
  if (!line.includes('`')) return line
  const runs = backtickRunsByLength(line)
  const parts: string[] = []
  let copied = 0
  for (const m of line.matchAll(/`+/g)) {
    if (m.index < copied) continue
    const length = m[0].length
    const close = firstAtOrAfter(runs.get(length) ?? [], m.index + length)
    if (close === undefined) continue
    parts.push(line.slice(copied, m.index), ' '.repeat(close + length - m.index))
    copied = close + length
  }
  parts.push(line.slice(copied))
  return parts.join('')
}

/** Whether `<content>` is a placeholder rather than an autolink, an e-mail autolink or an HTML tag. */
function isAnglePlaceholder(content: string): boolean {
  if (!/^[A-Za-z_/]/.test(content) || /\s$/.test(content)) return false
  if (AUTOLINK_RE.test(content) || EMAIL_RE.test(content)) return false
  const tag = TAG_RE.exec(content)
  if (tag && HTML_TAGS.has((tag[1] ?? '').toLowerCase())) return false
  if (content.startsWith('/')) return false
  return true
}

/**
 * PM009 placeholders: no template placeholders (`{{…}}`, `<owner>`, `TBD`, `TODO`, `XXX`) are left in the
 * text. A postmortem with holes gets read, quoted and counted as if it were finished.
 */
export const placeholdersRule: FileRule = {
  id: 'PM009',
  name: 'placeholders',
  description: 'No leftover placeholders (`{{…}}`, `<owner>`, `TBD`, `TODO`, `XXX`) outside code and comments; a warning while Status is draft.',
  defaultSeverity: 'error',
  scope: 'file',
  check(pm) {
    const reports: RuleReport[] = []
    const draft = pm.metadata.status === 'draft'
    const note = draft ? ' (a warning while Status is draft; an error once it is not)' : ''
    pm.lines.forEach((raw, index) => {
      const line = index + 1
      if (pm.ignoredLines.has(line)) return
      const text = maskCodeSpans(raw)
      const found: Array<{ column: number; placeholder: string }> = []
      for (const m of text.matchAll(CURLY_RE)) found.push({ column: m.index + 1, placeholder: m[0] })
      for (const m of text.matchAll(WORD_RE)) found.push({ column: m.index + 1, placeholder: m[0] })
      for (const m of text.matchAll(ANGLE_RE)) {
        if (isAnglePlaceholder(m[1] ?? '')) found.push({ column: m.index + 1, placeholder: m[0] })
      }
      found.sort((a, b) => a.column - b.column)
      for (const { column, placeholder } of found) {
        const report: RuleReport = {
          line,
          column,
          message: `Placeholder "${placeholder}" is still in the text; replace it with the real content${note}.`
        }
        if (draft) report.severity = 'warning'
        reports.push(report)
      }
    })
    return reports
  }
}
