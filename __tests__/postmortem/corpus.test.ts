import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parsePostmortem } from '../../src/postmortem/parse.js'
import type { Postmortem, Section } from '../../src/postmortem/model.js'

// Real postmortems published by DFDS, mybinder.org and 2i2c, kept outside the repository (licences differ).
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CORPUS = join(REPO_ROOT, '../shared/corpus/real-postmortems')
const present = existsSync(CORPUS)

if (!present) {
  console.warn(`Skipping the real-postmortem corpus tests: ${CORPUS} does not exist. Check out the shared corpus next to the repository to run them.`)
}

const files = present
  ? readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.md'))
      .map((file) => file.split('\\').join('/'))
      .sort()
  : []

const cache = new Map<string, Postmortem>()
function parsed(file: string): Postmortem {
  let pm = cache.get(file)
  if (!pm) {
    pm = parsePostmortem(new Uint8Array(readFileSync(join(CORPUS, file))), file)
    cache.set(file, pm)
  }
  return pm
}

const within = (line: number, section: Section): boolean => line > section.heading.position.line && line <= section.endLine
const utc = (y: number, mo: number, d: number, h = 0, mi = 0): number => Date.UTC(y, mo - 1, d, h, mi)

const describeCorpus = present ? describe : describe.skip

describeCorpus('real postmortems', () => {
  it('has files from every source', () => {
    expect(files.length).toBeGreaterThanOrEqual(60)
    expect(new Set(files.map((f) => f.split('/')[0]))).toEqual(new Set(['2i2c', 'dfds', 'mybinder']))
  })

  it.each(files.length > 0 ? files : ['(none)'])('%s parses without throwing or problems', (file) => {
    const pm = parsed(file)
    expect(pm.problems).toEqual([])
    const lineCount = pm.lines.length
    const lines = [
      pm.title?.position.line,
      ...Object.values(pm.metadata.fields).map((f) => f.position.line),
      ...pm.sections.flatMap((s) => [s.heading.position.line, s.endLine]),
      ...pm.timeline.map((e) => e.position.line),
      ...pm.actionItems.map((i) => i.position.line)
    ].filter((line): line is number => line !== undefined)
    for (const line of lines) {
      expect(line).toBeGreaterThanOrEqual(1)
      expect(line).toBeLessThanOrEqual(lineCount)
    }
  })

  it('puts every timeline entry and action item inside its section', () => {
    for (const file of files) {
      const pm = parsed(file)
      const timelines = pm.sections.filter((s) => s.canonical === 'Timeline')
      const actions = pm.sections.filter((s) => s.canonical === 'Action Items')
      for (const entry of pm.timeline) expect([file, timelines.some((s) => within(entry.position.line, s))]).toEqual([file, true])
      for (const item of pm.actionItems) expect([file, actions.some((s) => within(item.position.line, s))]).toEqual([file, true])
    }
  })

  it('finds a Timeline and Action Items section in nearly every incident report', () => {
    const reports = files.filter((f) => !/index\.md$|template/i.test(f))
    const withBoth = reports.filter((f) => {
      const canonicals = parsed(f).sections.map((s) => s.canonical)
      return canonicals.includes('Timeline') && canonicals.includes('Action Items')
    })
    expect(withBoth.length / reports.length).toBeGreaterThan(0.9)
  })

  it('dates most timestamped entries (epochMs set)', () => {
    const stamps = files.flatMap((f) => parsed(f).timeline.flatMap((e) => (e.timestamp ? [e.timestamp] : [])))
    expect(stamps.length).toBeGreaterThan(500)
    expect(stamps.filter((t) => t.epochMs !== undefined).length / stamps.length).toBeGreaterThan(0.97)
  })

  describe('DFDS Log4Shell: a table timeline', () => {
    const file = 'dfds/PM2021-011 - Log4Shell.md'
    const pm = (): Postmortem => parsed(file)

    it('has a timestamp on every row, in UTC as stated', () => {
      const timeline = pm().timeline
      expect(timeline).toHaveLength(26)
      expect(timeline.every((e) => e.form === 'table' && e.timestamp?.epochMs !== undefined)).toBe(true)
      expect(timeline.every((e) => e.timestamp?.effectiveZone === 'UTC')).toBe(true)
    })

    it('reads date-only and date-and-time rows', () => {
      const [first, second] = pm().timeline
      expect(first).toMatchObject({ position: { line: 15, column: 1 }, timestamp: { date: '2021-12-10', epochMs: utc(2021, 12, 10) } })
      expect(first?.timestamp?.time).toBeUndefined()
      expect(second).toMatchObject({
        text: '2021-12-10   15:40 | We became aware of it during a call with Peter Taylor',
        timestamp: { date: '2021-12-10', time: '15:40', epochMs: utc(2021, 12, 10, 15, 40), dateInferred: false }
      })
      expect(pm().timeline.at(-1)?.timestamp).toMatchObject({ date: '2022-01-04', time: '11:03' })
    })

    it('reads its plain action items and ignores the Lessons Learned lists', () => {
      expect(pm().actionItems.map((i) => [i.kind, i.position.line])).toEqual([44, 45, 46, 47, 48, 49].map((line) => ['plain', line]))
    })
  })

  describe('mybinder 2018-02-12 launch fail: heading timeline', () => {
    const pm = (): Postmortem => parsed('mybinder/2018-02-12-launch-fail.md')

    it('reads the timestamped headings', () => {
      expect(pm().timeline.map((e) => [e.form, e.text, e.position.line])).toEqual([
        ['heading', '2018-02-12 14:03', 12],
        ['heading', '2018-02-12 14:06', 18],
        ['heading', '14:08', 23],
        ['heading', '14:09', 27]
      ])
    })

    it('carries the date and the stated zone (PST) to `### 14:08`', () => {
      expect(pm().timeline[2]?.timestamp).toEqual({
        raw: '14:08',
        date: '2018-02-12',
        time: '14:08',
        dateInferred: true,
        effectiveZone: 'PST',
        epochMs: utc(2018, 2, 12, 22, 8)
      })
    })

    it('reads the ordered items under ### subheadings of "Action items"', () => {
      expect(pm().actionItems.map((i) => [i.kind, i.position.line])).toEqual([
        ['plain', 52],
        ['plain', 58],
        ['plain', 63]
      ])
    })
  })

  describe('2i2c 2025-08-12 LEAP outage: 12-hour headings', () => {
    const pm = (): Postmortem => parsed('2i2c/2025-08-12-leap-outage.md')

    it('reads `### 5:00 PM` with the date from the title and the zone from `Timeline (times in BST)`', () => {
      const timeline = pm().timeline
      expect(timeline).toHaveLength(12)
      expect(timeline[0]).toMatchObject({
        form: 'heading',
        text: '5:00 PM',
        position: { line: 25, column: 1 },
        timestamp: { date: '2025-08-12', time: '17:00', dateInferred: true, effectiveZone: 'BST', epochMs: utc(2025, 8, 12, 16, 0) }
      })
      expect(timeline.at(-1)?.timestamp).toMatchObject({ time: '18:11', epochMs: utc(2025, 8, 12, 17, 11) })
    })

    it('keeps its entries in order', () => {
      const epochs = pm().timeline.map((e) => e.timestamp?.epochMs ?? NaN)
      expect(epochs).toEqual([...epochs].sort((a, b) => a - b))
    })

    it('reads its task list', () => {
      expect(pm().actionItems.map((i) => [i.kind, i.checked])).toEqual([
        ['task', false],
        ['task', false],
        ['task', false],
        ['task', true],
        ['task', true]
      ])
    })
  })

  describe('other shapes', () => {
    it('2i2c earthscope: `## May 12` day headings stay inside the timeline', () => {
      const pm = parsed('2i2c/2025-05-12-earthscope-resource-provisioning-issue.md')
      expect(pm.sections.map((s) => s.heading.text)).toEqual(['Summary', 'Resolution', 'Timeline', 'Action Items'])
      expect(pm.timeline[0]).toMatchObject({ text: 'May 12', timestamp: { date: '2025-05-12' } })
      expect(pm.timeline[1]?.timestamp).toMatchObject({ date: '2025-05-12', time: '20:15', effectiveZone: 'EEST', epochMs: utc(2025, 5, 12, 17, 15) })
    })

    it('mybinder 2017-11-30: entries after `16:22 PST` stay in PST', () => {
      const pm = parsed('mybinder/2017-11-30-oom-proxy.md')
      const later = pm.timeline.find((e) => e.text === '17:07')
      expect(later?.timestamp).toMatchObject({ effectiveZone: 'PST', epochMs: utc(2017, 12, 1, 1, 7) })
    })

    it('2i2c cloudbank: a task that is only a link keeps the link, not the checkbox', () => {
      const pm = parsed('2i2c/2025-07-11-cloudbank-healthcheck.md')
      expect(pm.actionItems[1]?.summary).toBe('https://github.com/2i2c-org/infrastructure/issues/6477')
    })

    it('mybinder 2018-02-20: `## Feb 21, 13:00` continues the timeline into the next day', () => {
      const pm = parsed('mybinder/2018-02-20-jupyterlab-announcement.md')
      expect(pm.sections.some((s) => s.heading.text.startsWith('Feb'))).toBe(false)
      expect(pm.timeline.find((e) => e.text === 'Feb 21, 13:00')?.timestamp).toMatchObject({ date: '2018-02-21', time: '13:00' })
    })
  })

  it('parses the whole corpus quickly', () => {
    const inputs = files.map((file) => [file, new Uint8Array(readFileSync(join(CORPUS, file)))] as const)
    for (const [file, bytes] of inputs) parsePostmortem(bytes, file)
    const start = performance.now()
    for (const [file, bytes] of inputs) parsePostmortem(bytes, file)
    // Well under a second on a quiet machine; the margin is for loaded CI runners.
    expect(performance.now() - start).toBeLessThan(2000)
  })
})
