// The HTML rendering of the packet (e-mail, `review --format html`, Confluence storage format), and the
// incident charts the markdown packet gains.
import { afterAll, describe, expect, it } from '@jest/globals'
import { main } from '../../src/cli/main.js'
import { makeRepo, removeRepos } from '../review/fixtures.js'
import { REVIEW_FILES } from './fixtures.js'

const NOW = () => new Date('2026-11-27T12:00:00Z')
afterAll(removeRepos)

async function cli(argv: string[], cwd: string) {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: '1' }, cwd, isTTY: false }, { now: NOW })
  return { code, stdout, stderr }
}

describe('review --format html', () => {
  it('writes one self-contained page: statuses, tables, the three charts inline with alt text', async () => {
    const { code, stdout } = await cli(['review', '--month', '2026-10', '--format', 'html'], makeRepo(REVIEW_FILES))
    expect(code).toBe(0)
    expect(stdout).toMatch(/^<!DOCTYPE html>\n<html lang="en">/)
    expect(stdout).toContain('<title>Reliability review: October 2026</title>')
    expect(stdout).toMatch(/<td style="[^"]*">Incidents<\/td><td style="[^"]*"><span style="background:#(b91c1c|d97706|15803d)[^"]*">(red|amber|green)<\/span>/)
    const images = [...stdout.matchAll(/<img src="data:image\/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)"/g)]
    expect(images).toHaveLength(3)
    for (const [, base64] of images) expect(Buffer.from(base64 as string, 'base64').subarray(1, 4).toString()).toBe('PNG')
    const alts = images.map((m) => m[2])
    expect(alts[1]).toContain('2026-08: 1 (Sev1 1)')
    expect(alts[1]).toContain('2026-10: 2 (Sev2 1, Sev3 1)')
    // INC-7: 1 h 35 min; INC-5: 6 h; INC-8 still open.
    expect(alts[2]).toContain('2026-10: median 1.6, worst 1.6 (1 resolved)')
    expect(alts[2]).toContain('2026-08: median 6, worst 6 (1 resolved)')
    // Incident titles are text, never markup.
    expect(stdout).toContain('Loop &#60;script&#62;alert(1)&#60;/script&#62; &#38; co')
    expect(stdout).not.toContain('<script>')
  })

  it('gives the markdown packet the incident charts as Mermaid, with the same numbers', async () => {
    const { code, stdout } = await cli(['review', '--month', '2026-10'], makeRepo(REVIEW_FILES))
    expect(code).toBe(0)
    expect(stdout).toContain('### Incidents by month')
    expect(stdout).toContain('  bar [0, 0, 0, 1, 0, 2]')
    expect(stdout).toContain('| 2026-10 | 0 | 1 | 1 | 2 |')
    expect(stdout).toContain('  x-axis ["2026-08", "2026-10"]')
    expect(stdout).toContain('  line [6.0, 1.6]')
    expect(stdout).toContain('months with none resolved are left out (2026-05, 2026-06, 2026-07, 2026-09)')
  })
})
