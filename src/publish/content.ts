// What every channel sends for one period, built once from the packet and its history: the markdown packet
// (the same bytes `review --write` commits), the HTML with cid: images for e-mail, the storage-format body
// for Confluence, the charts' PNGs, a plain-text summary, and a content hash that says whether anything
// changed since the last publication.

import { createHash } from 'node:crypto'
import type { PacketWithHistory } from '../review/incident-months.js'
import type { Rag, ReviewPacket } from '../review/packet.js'
import { renderPacketMarkdown } from '../review/render-markdown.js'
import { formatDuration } from '../review/timestamp.js'
import type { RenderedChart } from '../report/charts/render.js'
import { renderPacketHtml, renderPacketStorage, type HtmlOptions } from '../report/packet-html.js'
import { chartImages, renderPacketView } from '../report/packet-view.js'

export interface KeyNumber {
  label: string
  value: string
}

export interface PublishContent {
  period: { label: string; title: string }
  worst: Rag
  /** `Reliability review October 2026: amber`. */
  subject: string
  /** sha256 of the markdown packet and the charts: equal hashes mean nothing a reader sees changed. */
  hash: string
  markdown: string
  /** The markdown's file name as attached (`2026-10.md`). */
  markdownName: string
  /** HTML with `cid:<chart id>` images (e-mail). */
  emailHtml: string
  /** Storage-format body with the charts as attachments (Confluence). */
  storage: string
  text: string
  charts: RenderedChart[]
  keyNumbers: KeyNumber[]
  packet: ReviewPacket
}

export const CHART_SCALE = 2

export function worstStatus(packet: ReviewPacket): Rag {
  const statuses = packet.summary.map((a) => a.status)
  return statuses.includes('red') ? 'red' : statuses.includes('amber') ? 'amber' : 'green'
}

/** The three numbers a reader wants first: incidents, overdue action items, time to resolve. */
export function keyNumbers(packet: ReviewPacket, severityLevels: readonly string[]): KeyNumber[] {
  const most = severityLevels[0]
  const mostSevere = most === undefined ? 0 : packet.incidents.filter((i) => i.severity.toLowerCase() === most.toLowerCase()).length
  const ttrs = packet.incidents.flatMap((i) => (i.ttrMs === undefined ? [] : [i.ttrMs])).sort((a, b) => a - b)
  const median = ttrs.length === 0 ? undefined : ttrs.length % 2 === 1 ? (ttrs[(ttrs.length - 1) / 2] as number) : ((ttrs[ttrs.length / 2 - 1] as number) + (ttrs[ttrs.length / 2] as number)) / 2
  return [
    { label: 'Incidents', value: `${packet.incidents.length}${most === undefined ? '' : ` (${mostSevere} ${most})`}` },
    { label: 'Overdue action items', value: `${packet.backlog.overdue} (${packet.backlog.open} open)` },
    { label: 'Time to resolve', value: median === undefined ? 'no incident resolved' : `median ${formatDuration(median)}, worst ${formatDuration(ttrs[ttrs.length - 1] as number)}` }
  ]
}

function plainText(packet: ReviewPacket, numbers: readonly KeyNumber[], markdownName: string, links: { page?: string; packet?: string }): string {
  const lines = [`Reliability review: ${packet.period.title}`, '', ...numbers.map((n) => `${n.label}: ${n.value}`), '', 'Executive summary:']
  for (const a of packet.summary) lines.push(`- ${a.area}: ${a.status.toUpperCase()} (${a.summary})`)
  if (packet.incidents.length > 0) {
    lines.push('', 'Incidents:')
    for (const i of packet.incidents) lines.push(`- ${i.id} ${i.severity} ${i.title} (${i.status}${i.ttrMs === undefined ? '' : `, resolved in ${formatDuration(i.ttrMs)}`})`)
  }
  lines.push('', `The full packet is attached (${markdownName}); the HTML part of this message has the charts.`)
  if (links.page !== undefined) lines.push(`Confluence: ${links.page}`)
  if (links.packet !== undefined) lines.push(`Packet file: ${links.packet}`)
  return `${lines.join('\n')}\n`
}

export interface ContentOptions {
  outputDir: string
  severityLevels: readonly string[]
  html?: HtmlOptions
  /** Where the packet file is read on the web, for the text part and Slack. */
  packetUrl?: string
}

export async function buildPublishContent(data: PacketWithHistory, options: ContentOptions): Promise<PublishContent> {
  const { packet } = data
  const markdown = renderPacketMarkdown(packet, { outputDir: options.outputDir, history: data.history })
  const rendered = await renderPacketView(data, 'cid', { scale: CHART_SCALE })
  const emailHtml = renderPacketHtml(rendered.view, options.html)
  const storage = renderPacketStorage({ ...rendered.view, charts: chartImages(rendered.charts, 'file', CHART_SCALE) }, options.html)
  const hash = createHash('sha256')
  hash.update(markdown)
  for (const c of rendered.charts) hash.update(c.fileName).update(c.png)
  const worst = worstStatus(packet)
  const numbers = keyNumbers(packet, options.severityLevels)
  const markdownName = `${packet.period.label}.md`
  return {
    period: { label: packet.period.label, title: packet.period.title },
    worst,
    subject: `Reliability review ${packet.period.title}: ${worst}`,
    hash: hash.digest('hex'),
    markdown,
    markdownName,
    emailHtml,
    storage,
    text: plainText(packet, numbers, markdownName, options.packetUrl === undefined ? {} : { packet: options.packetUrl }),
    charts: rendered.charts,
    keyNumbers: numbers,
    packet
  }
}
