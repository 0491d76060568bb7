// A ticket's description in each tracker's format: markdown (GitHub, Linear), Atlassian Document Format
// (Jira Cloud) and wiki markup (Jira Data Center). Same facts, same order, in all of them.

import type { TicketContent } from '../tracker.js'

const FOOTER = 'Opened by reliability-loop from a postmortem action item. Tick the item in the postmortem to close this ticket; edit the item there to change it.'

function facts(content: TicketContent): Array<[string, string]> {
  const rows: Array<[string, string]> = []
  if (content.owner !== undefined) rows.push(['Owner', content.owner])
  if (content.due !== undefined) rows.push(['Due', content.due])
  if (content.severity !== undefined) rows.push(['Severity', content.severity])
  return rows
}

function postmortemName(content: TicketContent): string {
  return content.postmortemTitle ?? `${content.postmortemId} (${content.postmortemPath})`
}

/** Markdown: a line of text never starts a block it was not meant to (`#`, `>`, lists). */
function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, '\\$&').replace(/^([#>+-]|\d+\.)/, '\\$1')
}

export function markdownDescription(content: TicketContent): string {
  const name = markdownText(postmortemName(content))
  const postmortem = content.postmortemUrl !== undefined ? `[${name}](${content.postmortemUrl})` : `${name} — \`${content.postmortemPath}\``
  const lines = [markdownText(content.summary), '', `**Postmortem:** ${postmortem}`]
  for (const [label, value] of facts(content)) lines.push(`**${label}:** ${markdownText(value)}`)
  lines.push('', `_${FOOTER}_`)
  return lines.join('\n')
}

export function wikiDescription(content: TicketContent): string {
  // Markup characters, and `-` only where it could open strike-through (`-word-`): `PM-7` stays as it is.
  const escape = (text: string) => text.replace(/([{}[\]|*_+^~?])/g, '\\$1').replace(/(^|\s)([-#])(?=\S)/g, '$1\\$2')
  const name = escape(postmortemName(content))
  const postmortem = content.postmortemUrl !== undefined ? `[${name}|${content.postmortemUrl}]` : `${name} ({{${content.postmortemPath}}})`
  const lines = [escape(content.summary), '', `*Postmortem:* ${postmortem}`]
  for (const [label, value] of facts(content)) lines.push(`*${label}:* ${escape(value)}`)
  lines.push('', `_${FOOTER}_`)
  return lines.join('\n')
}

type AdfInline = { type: 'text'; text: string; marks?: Array<{ type: 'strong' | 'em' } | { type: 'link'; attrs: { href: string } }> }
type AdfNode = { type: 'paragraph'; content: AdfInline[] }

export interface AdfDocument {
  type: 'doc'
  version: 1
  content: AdfNode[]
}

export function adfDescription(content: TicketContent): AdfDocument {
  const paragraph = (...inline: AdfInline[]): AdfNode => ({ type: 'paragraph', content: inline.filter((n) => n.text !== '') })
  const strong = (text: string): AdfInline => ({ type: 'text', text, marks: [{ type: 'strong' }] })
  const name = postmortemName(content)
  const postmortem: AdfInline =
    content.postmortemUrl !== undefined ? { type: 'text', text: name, marks: [{ type: 'link', attrs: { href: content.postmortemUrl } }] } : { type: 'text', text: `${name} — ${content.postmortemPath}` }
  const nodes: AdfNode[] = [paragraph({ type: 'text', text: content.summary }), paragraph(strong('Postmortem: '), postmortem)]
  for (const [label, value] of facts(content)) nodes.push(paragraph(strong(`${label}: `), { type: 'text', text: value }))
  nodes.push(paragraph({ type: 'text', text: FOOTER, marks: [{ type: 'em' }] }))
  return { type: 'doc', version: 1, content: nodes }
}
