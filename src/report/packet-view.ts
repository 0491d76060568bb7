// A packet with its charts rendered, ready for the HTML page, the e-mail and the Confluence body: the chart
// specs of the packet's data, their PNGs, and how the page refers to each image.

import type { PacketWithHistory } from '../review/incident-months.js'
import { renderCharts, type RenderedChart, type RenderOptions } from './charts/render.js'
import { packetChartSpecs } from './charts/specs.js'
import type { ChartImage, PacketView } from './packet-html.js'

/** How a page refers to a chart: `cid:` for e-mail, the file name for files and attachments, or inline. */
export type ImageReference = 'cid' | 'file' | 'data'

export interface RenderedPacket {
  view: PacketView
  charts: RenderedChart[]
}

export function imageSource(chart: RenderedChart, reference: ImageReference): string {
  if (reference === 'cid') return `cid:${chart.id}`
  if (reference === 'file') return chart.fileName
  return `data:image/png;base64,${Buffer.from(chart.png).toString('base64')}`
}

export function chartImages(charts: readonly RenderedChart[], reference: ImageReference, scale: number): ChartImage[] {
  return charts.map((c) => ({ spec: c, src: imageSource(c, reference), width: Math.round(c.width / scale), height: Math.round(c.height / scale) }))
}

export async function renderPacketView(data: PacketWithHistory, reference: ImageReference, options: RenderOptions = {}): Promise<RenderedPacket> {
  const scale = options.scale ?? 2
  const charts = await renderCharts(packetChartSpecs(data.packet.audits, data.history), { scale })
  return { view: { packet: data.packet, history: data.history, charts: chartImages(charts, reference, scale) }, charts }
}
