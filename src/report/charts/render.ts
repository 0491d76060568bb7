// Chart specs → SVG (Vega-Lite compiled to Vega, rendered headless with no browser) → PNG (resvg in
// WebAssembly, with the shipped font only), so the images are the same bytes on every machine and need no
// native binary. Mail clients, Confluence and Slack show PNG; the SVG is kept for the HTML file.

import { initWasm, Resvg } from '@resvg/resvg-wasm'
import { parse, View } from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import { readChartAssets } from './assets.js'
import { CHART_FONT, type ChartSpec } from './specs.js'

export interface RenderedChart extends ChartSpec {
  svg: string
  png: Uint8Array
  /** Pixel size of the PNG. */
  width: number
  height: number
}

export interface RenderOptions {
  /** Pixels per SVG unit: 2 keeps text sharp on high-density screens. */
  scale?: number
}

let ready: Promise<Buffer> | undefined

/** Loads the WebAssembly once per process; returns the font. */
function renderer(): Promise<Buffer> {
  ready ??= (async () => {
    const { wasm, font } = readChartAssets()
    await initWasm(wasm)
    return font
  })()
  return ready
}

export async function chartSvg(spec: ChartSpec): Promise<string> {
  const vega = compile(spec.vegaLite as unknown as TopLevelSpec).spec
  const view = new View(parse(vega), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

export async function renderChart(spec: ChartSpec, options: RenderOptions = {}): Promise<RenderedChart> {
  const font = await renderer()
  const svg = await chartSvg(spec)
  const resvg = new Resvg(svg, {
    font: { fontBuffers: [font], defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    background: 'white'
  })
  const image = resvg.render()
  try {
    return { ...spec, svg, png: image.asPng(), width: image.width, height: image.height }
  } finally {
    image.free()
    resvg.free()
  }
}

export async function renderCharts(specs: readonly ChartSpec[], options: RenderOptions = {}): Promise<RenderedChart[]> {
  const out: RenderedChart[] = []
  for (const spec of specs) out.push(await renderChart(spec, options))
  return out
}
