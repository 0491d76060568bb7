// Runs real postmortems (DFDS, mybinder, 2i2c; not written to our template) through the parser and every
// rule: nothing may throw, every report must point into the file, and a few known defects must be found.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { RULES } from '../../src/lint/rules/index.js'
import type { FileRule, PostmortemDigest, ProjectRule, RuleReport } from '../../src/lint/types.js'
import type { Postmortem } from '../../src/postmortem/model.js'
import { makeContext, parse } from './helpers.js'

const CORPUS = join(process.cwd(), '../shared/corpus/real-postmortems')
const present = existsSync(CORPUS)
if (!present) console.warn(`Corpus tests skipped: ${CORPUS} does not exist (no assertions run).`)

const fileRules = RULES.filter((r): r is FileRule => r.scope === 'file')
const projectRules = RULES.filter((r): r is ProjectRule => r.scope === 'project')

interface Linted {
  pm: Postmortem
  reports: Array<RuleReport & { rule: string }>
}

const ctx = makeContext()
const files: string[] = present
  ? (readdirSync(CORPUS, { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => f.split('\\').join('/')).sort()
  : []
const linted = new Map<string, Linted>()
function lint(file: string): Linted {
  let result = linted.get(file)
  if (!result) {
    const pm = parse(readFileSync(join(CORPUS, file)), file)
    const reports = fileRules.flatMap((rule) => rule.check(pm, ctx).map((r) => ({ ...r, rule: rule.id })))
    result = { pm, reports }
    linted.set(file, result)
  }
  return result
}
const reportsOf = (file: string, rule: string): string[] =>
  lint(file)
    .reports.filter((r) => r.rule === rule)
    .map((r) => `${r.line} ${r.message}`)

const describeCorpus = present ? describe : describe.skip

describeCorpus('real postmortems', () => {
  test('the corpus is there', () => {
    expect(files.length).toBeGreaterThan(20)
  })

  test('every file parses and every rule runs without throwing, reporting inside the file', () => {
    for (const file of files) {
      const { pm, reports } = lint(file)
      for (const report of reports) {
        const where = `${file} ${report.rule} ${report.line}`
        expect({ where, inFile: report.line >= 1 && report.line <= Math.max(pm.lines.length, 1) }).toEqual({ where, inFile: true })
        expect({ where, column: (report.column ?? 1) >= 1 }).toEqual({ where, column: true })
        expect(report.message.length).toBeGreaterThan(20)
      }
    }
  })

  test('project rules run over the digests without throwing', () => {
    const digests: PostmortemDigest[] = files.map((file) => {
      const { pm } = lint(file)
      return { path: file, line: pm.title?.position.line ?? 1, column: pm.title?.position.column ?? 1, disabledRules: pm.disabledRules, ...(pm.title?.id ? { id: pm.title.id } : {}) }
    })
    for (const rule of projectRules) expect(() => rule.check(digests, ctx)).not.toThrow()
  })

  test('DFDS Log4Shell: the 14:30 row after 15:50 is out of order; the date-only rows are not', () => {
    const file = 'dfds/PM2021-011 - Log4Shell.md'
    expect(lint(file).pm.lines[22]).toContain('2021-12-13   14:30')
    expect(lint(file).pm.lines[35]).toContain('| 2021-12-17   14:40 |')
    expect(lint(file).pm.lines[36]).toContain('| 2021-12-17         |')
    expect(lint(file).pm.lines[37]).toContain('| 2021-12-18         |')
    const lines = lint(file).reports.filter((r) => r.rule === 'PM010').map((r) => r.line)
    expect(lines).not.toContain(37)
    expect(lines).not.toContain(38)
    expect(reportsOf(file, 'PM010')).toEqual([
      '23 Timeline entry at 2021-12-13 14:30 comes after 2021-12-13 15:50; put entries in chronological order.'
    ])
  })

  test('DFDS: a TBD left in an action item is a placeholder', () => {
    expect(reportsOf('dfds/PM2022-004 - Kafka metrics missing from Prometheus.md', 'PM009')).toEqual([
      '33 Placeholder "TBD" is still in the text; replace it with the real content.'
    ])
  })

  test('DFDS: plain bullets under Action Items are reported as untracked', () => {
    const reports = reportsOf('dfds/PM2021-002 - Flux version bump causing component downtime.md', 'PM007')
    expect(reports.length).toBeGreaterThan(0)
    for (const report of reports) expect(report).toMatch(/has no checkbox, so it cannot be tracked/)
  })

  test('DFDS: the typo year 20202 makes timeline rows lack a timestamp', () => {
    const reports = reportsOf('dfds/PM2020-003 - Postmortem for ADSync migration.md', 'PM010')
    expect(reports[0]).toMatch(/^14 Timeline entry "20202-01-16 12:00 \| Cake was not copying appsetti…" has no timestamp/)
  })

  test('templates are full of placeholders', () => {
    expect(reportsOf('mybinder/template-incident-report.md', 'PM009').length).toBeGreaterThan(5)
    expect(reportsOf('dfds/PMyyyy-nnn - Postmortem template.md', 'PM009')).toContain('31 Placeholder "XXX" is still in the text; replace it with the real content.')
  })

  test('none of these files follow our template, so each gets a PM001 title report', () => {
    for (const file of files) expect({ file, pm001: reportsOf(file, 'PM001').length > 0 }).toEqual({ file, pm001: true })
  })
})
