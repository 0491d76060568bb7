// The packet's HTML in a real headless browser (Debian's chromium, driven by playwright-core): every image
// loads and has a real size, and the page is screenshotted. With UPDATE_SCREENSHOT=1 the screenshot of the
// October example replaces docs/images/review-2026-10.png (the one the README shows).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from '@jest/globals'
import { chromium } from 'playwright-core'
import { main } from '../../src/cli/main.js'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const scratch = mkdtempSync(join(tmpdir(), 'rl-screenshot-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const describeWithChromium = CHROMIUM === undefined ? describe.skip : describe
if (CHROMIUM === undefined) console.warn('Skipping the HTML screenshot test: no chromium at /usr/bin/chromium (install it: apt-get install -y chromium; .ci/run does) and CHROMIUM_PATH is not set.')

describeWithChromium('the packet HTML in headless Chromium', () => {
  it('loads every chart image at a real size and renders the October example', async () => {
    let html = ''
    const code = await main(['review', '--month', '2026-10', '--config', 'examples/review/reliability.yml', '--format', 'html', '--no-tracker'], { stdout: (t) => void (html += t), stderr: () => undefined, env: { NO_COLOR: '1' }, cwd: REPO, isTTY: false }, { now: () => new Date('2026-11-27T12:00:00Z') })
    expect(code).toBe(0)
    const file = join(scratch, 'review.html')
    writeFileSync(file, html)
    // A fresh profile directory: nothing from an earlier run or the machine's own browser.
    const browser = await chromium.launchPersistentContext(join(scratch, 'profile'), { executablePath: CHROMIUM as string, args: FLAGS, headless: true, timeout: 60_000, viewport: { width: 1000, height: 900 } })
    try {
      const page = await browser.newPage()
      await page.goto(`file://${file}`, { waitUntil: 'load' })
      // Run in the page (a string: this project's TypeScript has no DOM types).
      const images = (await page.evaluate('[...document.images].map((img) => ({ alt: img.alt, complete: img.complete, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, shownWidth: img.getBoundingClientRect().width }))')) as Array<{ alt: string; complete: boolean; naturalWidth: number; naturalHeight: number; shownWidth: number }>
      expect(images).toHaveLength(3)
      for (const image of images) {
        expect(image.complete).toBe(true)
        expect(image.naturalWidth).toBeGreaterThan(800)
        expect(image.naturalHeight).toBeGreaterThan(300)
        expect(image.shownWidth).toBeGreaterThan(400)
        expect(image.alt.length).toBeGreaterThan(40)
      }
      const statuses = (await page.evaluate("[...document.querySelectorAll('td span')].map((s) => getComputedStyle(s).backgroundColor)")) as string[]
      expect(statuses.length).toBeGreaterThanOrEqual(6)
      const shot = await page.screenshot({ fullPage: false })
      expect(shot.subarray(1, 4).toString()).toBe('PNG')
      expect(shot.length).toBeGreaterThan(40_000)
      if (process.env.UPDATE_SCREENSHOT === '1') writeFileSync(join(REPO, 'docs', 'images', 'review-2026-10.png'), await page.screenshot({ fullPage: false, clip: { x: 0, y: 0, width: 1000, height: 1500 } }))
    } finally {
      await browser.close()
    }
  }, 120_000)
})
