// The files chart rendering needs at run time: resvg's WebAssembly and the font the charts are drawn in.
// The bundles (dist/) carry copies beside them (scripts/build.mjs), so the Action needs no install step; run
// from source, they come from node_modules and assets/fonts. The font is shipped so a chart is the same
// bytes on every machine, whatever fonts the machine has.

import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

export const RESVG_WASM_FILE = 'resvg.wasm'
export const CHART_FONT_FILE = 'Inter-Regular.ttf'

function firstExisting(candidates: ReadonlyArray<() => string | undefined>, what: string): string {
  const tried: string[] = []
  for (const candidate of candidates) {
    let file: string | undefined
    try {
      file = candidate()
    } catch {
      file = undefined
    }
    if (file === undefined) continue
    if (existsSync(file)) return file
    tried.push(file)
  }
  throw new Error(`cannot find ${what} (looked at ${tried.join(', ') || 'no candidate'}); reinstall the package or rebuild dist/ with npm run build`)
}

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url))

export function resvgWasmPath(): string {
  return firstExisting(
    [() => here(`./${RESVG_WASM_FILE}`), () => createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm')],
    'the chart renderer (resvg WebAssembly)'
  )
}

export function chartFontPath(): string {
  return firstExisting([() => here(`./${CHART_FONT_FILE}`), () => here(`../../../assets/fonts/${CHART_FONT_FILE}`)], `the chart font ${CHART_FONT_FILE}`)
}

export function readChartAssets(): { wasm: Buffer; font: Buffer } {
  return { wasm: readFileSync(resvgWasmPath()), font: readFileSync(chartFontPath()) }
}
