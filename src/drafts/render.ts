// A draft postmortem from a template: the template's title, metadata and example content are replaced by what
// is known (or a visible TBD), its comments and section headings are kept. Pure.

import type { ParseOptions } from '../postmortem/parse.js'
import { parsePostmortem } from '../postmortem/parse.js'
import { sectionKey } from '../postmortem/sections.js'

export interface DraftContent {
  id: string
  title: string
  date: string
  severity: string
  owners: string[]
  links: { traces: string[]; ndjson: string[]; pagerduty: string[] }
  /** The incident the draft is for (a metadata line, so the postmortem names it). */
  incidentId?: string
  /** Body of each template section by canonical name; sections not given get a TBD line. */
  sections: Record<string, string>
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError'
}

const TBD = 'TBD'

function metadataBlock(c: DraftContent): string[] {
  const list = (values: readonly string[]) => (values.length > 0 ? values.join(', ') : TBD)
  return [
    `- Date: ${c.date}`,
    `- Severity: ${c.severity}`,
    `- Owners: ${c.owners.length > 0 ? c.owners.join(', ') : '@TBD'}`,
    `- Traces: ${list(c.links.traces)}`,
    `- NDJSON: ${list(c.links.ndjson)}`,
    `- PagerDuty: ${list(c.links.pagerduty)}`,
    ...(c.incidentId === undefined ? [] : [`- Incident: ${c.incidentId}`]),
    '- Status: draft'
  ]
}

/** Lines (1-based) inside HTML comments that start a line: kept from the template, they say what goes where. */
function commentLines(lines: readonly string[]): Set<number> {
  const out = new Set<number>()
  let inside = false
  let fence: string | undefined
  lines.forEach((line, i) => {
    const trimmed = line.trim()
    const f = /^(`{3,}|~{3,})/.exec(trimmed)?.[1]
    if (!inside && f !== undefined) fence = fence === undefined ? f : trimmed.startsWith(fence) ? undefined : fence
    if (fence !== undefined || f !== undefined) return
    if (!inside && trimmed.startsWith('<!--')) {
      out.add(i + 1)
      inside = trimmed.indexOf('-->', 4) < 0
      return
    }
    if (inside) {
      out.add(i + 1)
      if (trimmed.includes('-->')) inside = false
    }
  })
  return out
}

function pushBlock(out: string[], text: string): void {
  if (out.length > 0 && out[out.length - 1] !== '') out.push('')
  out.push(...text.split('\n'))
}

/**
 * The draft's text. Throws TemplateError when the template has no Timeline section (the one a draft from an
 * incident cannot do without). Template sections the configuration requires but the template lacks are added
 * at the end, so the draft has every section lint asks for.
 */
export function renderDraft(template: string, templatePath: string, content: DraftContent, options: ParseOptions): string {
  const pm = parsePostmortem(template, templatePath, options)
  const timelineKey = sectionKey('Timeline')
  if (!pm.sections.some((s) => s.canonical !== undefined && sectionKey(s.canonical) === timelineKey)) {
    throw new TemplateError(`${templatePath} has no "## Timeline" section (or an alias of it); a draft needs one for the incident's events`)
  }
  const lines = pm.lines
  const comments = commentLines(lines)
  const sections = pm.sections.filter((s) => s.heading.depth === 2)
  const firstSection = sections[0]?.heading.position.line ?? lines.length + 1
  const titleLine = pm.title !== undefined && pm.title.depth === 1 ? pm.title.position.line : undefined
  const metaLines = new Set(Object.values(pm.metadata.fields).filter((f) => f.source === 'list').map((f) => f.position.line))
  // A front matter block (--- … ---) of the template is left out: the draft writes its metadata as a list.
  let frontEnd = 0
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---')
    frontEnd = close > 0 ? close + 1 : 0
  }

  const out: string[] = []
  const title = `# Incident PM-${content.id}: ${content.title}`
  let metaWritten = false
  if (titleLine === undefined) out.push(title, '')
  for (let line = frontEnd + 1; line < firstSection; line++) {
    const text = lines[line - 1] ?? ''
    if (line === titleLine) {
      out.push(title)
    } else if (metaLines.has(line)) {
      if (!metaWritten) out.push(...metadataBlock(content))
      metaWritten = true
    } else if (comments.has(line) || text.trim() === '') {
      if (!metaWritten && titleLine !== undefined && line > titleLine && text.trim() === '' && out[out.length - 1] === '') continue
      out.push(text)
    }
  }
  if (!metaWritten) {
    const at = titleLine === undefined ? 2 : out.indexOf(title) + 1
    out.splice(at, 0, '', ...metadataBlock(content), '')
  }

  const given = new Map(Object.entries(content.sections).map(([name, body]) => [sectionKey(name), body]))
  const written = new Set<string>()
  sections.forEach((section, i) => {
    const end = (sections[i + 1]?.heading.position.line ?? lines.length + 1) - 1
    pushBlock(out, lines[section.heading.position.line - 1] ?? `## ${section.heading.text}`)
    out.push('')
    for (let line = section.heading.position.line + 1; line <= end; line++) if (comments.has(line)) out.push(lines[line - 1] ?? '')
    const key = sectionKey(section.canonical ?? section.heading.text)
    pushBlock(out, (!written.has(key) ? given.get(key) : undefined) ?? `${TBD}`)
    written.add(key)
  })
  for (const name of options.sections) {
    if (written.has(sectionKey(name))) continue
    pushBlock(out, `## ${name}`)
    out.push('')
    out.push(given.get(sectionKey(name)) ?? TBD)
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`
}
