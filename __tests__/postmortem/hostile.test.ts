// Hostile markdown (issue 11, item 9): shapes that made micromark take minutes and gigabytes must parse in
// bounded time, say where they were cut short, and change nothing for markdown within the limits.
import fc from 'fast-check'
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkFrontmatter from 'remark-frontmatter'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item'
import type { Processor } from 'unified'
import { hostileShapes } from '../../bench/hostile-postmortems.mjs'
import { defaultLintConfig } from '../../src/config/defaults.js'
import { lintFile } from '../../src/lint/lint-file.js'
import { BudgetSlot, MARKUP_LIMITS, MarkupBudget, type MarkupLimits } from '../../src/postmortem/markup-budget.js'
import type { Postmortem } from '../../src/postmortem/model.js'
import { DEFAULT_PARSE_OPTIONS, MAX_DEFINITIONS, MAX_LINES, parsePostmortem, type ParseOptions } from '../../src/postmortem/parse.js'
import { remarkTablesAndTasks } from '../../src/postmortem/remark-tables-and-tasks.js'

const LINT_ENV = { today: '2026-11-27', pathExists: () => false }

function withLimits(limits: Partial<MarkupLimits>): ParseOptions {
  return { ...DEFAULT_PARSE_OPTIONS, markupLimits: { ...MARKUP_LIMITS, ...limits } }
}

function timelineTexts(pm: Postmortem): string[] {
  return pm.timeline.map((e) => e.text)
}

function expectPositionsInside(pm: Postmortem): void {
  for (const p of pm.problems) {
    expect(p.position.line).toBeGreaterThanOrEqual(1)
    expect(p.position.line).toBeLessThanOrEqual(Math.max(pm.lines.length, 1))
  }
}

describe('hostile shapes (bench/hostile-postmortems.mjs)', () => {
  // 256 KB each: before the budget, the inline shapes here took 10 s to minutes (links and emphasis:
  // 6.5 s at 100 KB, quadratic), the long runs of `*` over a minute.
  it.each(hostileShapes(256 * 1024).map((s) => [s.name, s.text]))('%s (256 KB) lints in under a second', (_name, text) => {
    const start = performance.now()
    const result = lintFile(text, 'docs/postmortems/PM-1.md', defaultLintConfig(), LINT_ENV)
    expect(performance.now() - start).toBeLessThan(1000)
    expect(result.transient).toBeUndefined()
    const lines = text.split('\n').length
    for (const f of result.findings) expect([f.rule, f.line >= 1 && f.line <= lines]).toEqual([f.rule, true])
  })

  it("the issue's file: 1.8 MB of alternating links and emphasis in one paragraph lints in under 2 s, and says where it stopped", () => {
    const text = `# Incident PM-1: x\n\n## Summary\n\nIntro.\n\n${'[a](b) *c* '.repeat(170_000)}\n`
    expect(text.length).toBeGreaterThan(1.8e6)
    const start = performance.now()
    const pm = parsePostmortem(text, 'pm.md')
    expect(performance.now() - start).toBeLessThan(2000)
    expect(pm.problems).toHaveLength(1)
    expect(pm.problems[0]?.message).toMatch(/^Markup too dense to parse in full: from here on, this paragraph has over 500 inline markup constructs/)
    // The 501st construct: 500 constructs are 125 repetitions of `[a](b) *c* ` (`[`, `]`, `*`, `*`), 11 characters each.
    expect(pm.problems[0]?.position).toEqual({ line: 7, column: 125 * 11 + 1 })
    expect(pm.sections.map((s) => s.canonical)).toEqual(['Summary'])
  })
})

describe('markup limits', () => {
  const timeline = (...entries: string[]): string => `# T\n\n- Date: 2026-10-14\n\n## Timeline\n\n${entries.join('\n')}\n`

  it('reads the rest of a paragraph as plain text past its construct limit, and other paragraphs in full', () => {
    const pm = parsePostmortem(timeline('- 09:00 *a* *b* *c*', '- 09:05 *d*'), 'pm.md', withLimits({ perBlock: 4 }))
    expect(timelineTexts(pm)).toEqual(['09:00 a b *c*', '09:05 d'])
    expect(pm.problems).toEqual([
      { message: expect.stringMatching(/^Markup too dense to parse in full: from here on, this paragraph has over 4 inline markup/), position: { line: 7, column: 17 } }
    ])
  })

  it('reads everything after the file limit as plain text', () => {
    const pm = parsePostmortem(timeline('- 09:00 *a* *b*', '- 09:05 *d* [x](y)'), 'pm.md', withLimits({ perFile: 5 }))
    expect(timelineTexts(pm)).toEqual(['09:00 a b', '09:05 *d* [x](y)'])
    expect(pm.problems[0]?.message).toMatch(/the file has over 5 inline markup constructs/)
    expect(pm.problems[0]?.position).toEqual({ line: 8, column: 11 })
  })

  it('reads code spans and HTML as text once they have looked ahead too far in total', () => {
    const pm = parsePostmortem(timeline('- 09:00 `aaaaaaaaaa` `bbbbbbbbbbbbbbbbbbbb`'), 'pm.md', withLimits({ lookahead: 15 }))
    expect(timelineTexts(pm)).toEqual(['09:00 aaaaaaaaaa `bbbbbbbbbbbbbbbbbbbb`'])
    expect(pm.problems[0]?.message).toMatch(/code spans and inline HTML in the file look ahead too far/)
  })

  it('keeps a task-list checkbox when the budget is spent', () => {
    const text = '# T\n\n## Action Items\n\n- [ ] Fix *a* :: @a :: 2026-12-15\n- [x] Fix it :: @b :: 2026-12-16\n'
    const pm = parsePostmortem(text, 'pm.md', withLimits({ perFile: 1 }))
    expect(pm.actionItems.map((i) => [i.kind, i.checked])).toEqual([
      ['task', false],
      ['task', true]
    ])
  })

  it('reads tables past the table budget as text, and says so', () => {
    const table = ['| Time | Event |', '|---|---|', '| 09:00 | a |', '| 09:05 | b |', '| 09:10 | c |']
    expect(timelineTexts(parsePostmortem(timeline(...table), 'pm.md'))).toEqual(['09:00 | a', '09:05 | b', '09:10 | c'])
    const pm = parsePostmortem(timeline(...table), 'pm.md', withLimits({ tableLines: 4 }))
    expect(pm.timeline).toEqual([])
    expect(pm.problems[0]?.message).toMatch(/the file's tables run over .* or 4 lines; this table and the rest were read as text/)
    expect(pm.problems[0]?.position.line).toBe(7)
  })

  it('does not count a paragraph whose next line is no delimiter row as a table', () => {
    const pm = parsePostmortem(timeline('| Time | Event |', 'no delimiter here', '', ...['| a | b |', '|---|---|', '| 09:00 | x |']), 'pm.md', withLimits({ tableLines: 3 }))
    expect(timelineTexts(pm)).toEqual(['09:00 | x'])
    expect(pm.problems).toEqual([])
  })
})

describe('structural limits', () => {
  it(`refuses a file of over ${MAX_LINES} lines, and parses one of exactly that many`, () => {
    const at = parsePostmortem(`# T\n${'a\n'.repeat(MAX_LINES - 2)}`, 'pm.md')
    expect(at.lines).toHaveLength(MAX_LINES)
    expect(at.problems).toEqual([])
    const over = parsePostmortem(`# T\n${'a\n'.repeat(MAX_LINES - 1)}`, 'pm.md')
    expect(over.problems).toEqual([
      { message: `File has ${MAX_LINES + 1} lines, over the ${MAX_LINES} a postmortem may have; it was not parsed. Move logs and transcripts out and link them.`, position: { line: 1, column: 1 }, incomplete: true }
    ])
  })

  it(`refuses a file of over ${MAX_DEFINITIONS} link reference definitions`, () => {
    const defs = (n: number): string => Array.from({ length: n }, (_, i) => `[r${i}]: https://x/${i}`).join('\n')
    expect(parsePostmortem(`# T\n\n${defs(MAX_DEFINITIONS)}\n`, 'pm.md').problems).toEqual([])
    expect(parsePostmortem(`# T\n\n${defs(MAX_DEFINITIONS + 1)}\n`, 'pm.md').problems[0]?.message).toMatch(/over 1000 link reference definitions/)
  })
})

describe('the parse deadline', () => {
  it('stops a parse that runs past its deadline, with a problem that is never cached', () => {
    let clock = 0
    // Each reading of the clock advances it 50 ms: the 1 s budget runs out after about 20 checks.
    const deadline = { now: () => (clock += 50), budgetMs: 1000 }
    const text = `# Incident PM-1: slow\n\n## Summary\n\n${'word\n\n'.repeat(2000)}`
    const pm = parsePostmortem(text, 'pm.md', { ...DEFAULT_PARSE_OPTIONS, deadline })
    expect(pm.problems).toEqual([
      {
        message: 'Parsing stopped after 1000 ms: the markup is too large or too dense to read in time, so the file was not checked. Move logs out and split long paragraphs and tables.',
        position: { line: 1, column: 1 },
        transient: true,
        incomplete: true
      }
    ])
    expect(pm.sections).toEqual([])
    expect(pm.lines.length).toBe(4005)
    clock = 0
    const result = lintFile(text, 'pm.md', defaultLintConfig(), { ...LINT_ENV, deadline })
    expect(result.transient).toBe(true)
    expect(result.findings.filter((f) => f.rule === 'PM000').map((f) => f.message)).toEqual([pm.problems[0]?.message])
  })

  it('leaves a parse alone that finishes in time', () => {
    const pm = parsePostmortem('# T\n\n## Summary\n\ntext\n', 'pm.md', { ...DEFAULT_PARSE_OPTIONS, deadline: { now: () => 0, budgetMs: 1000 } })
    expect(pm.problems).toEqual([])
  })
})

// Markdown within the limits must come out exactly as micromark reads it without the budget: same tree,
// same positions. The fragments are the constructs the budget looks at, in containers and tables.
describe('within the limits, the budget changes nothing', () => {
  function plainProcessor(): Processor {
    return unified()
      .use(remarkParse)
      .use(function (this: Processor) {
        const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] }
        ;(data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem())
        ;(data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown())
      })
      .use(remarkFrontmatter, ['yaml']) as unknown as Processor
  }
  const slot = new BudgetSlot()
  const guarded = unified().use(remarkParse).use(remarkTablesAndTasks, slot).use(remarkFrontmatter, ['yaml']) as unknown as Processor
  const plain = plainProcessor()

  const FRAGMENTS = [
    '*', '**', '_', '__', '`', '``', '```', '[', ']', '](', '(', ')', '![', '<', '>', '<a>', '<a href="x">', '</a>', '<!--', '-->',
    '<?', '?>', '<![CDATA[', ']]>', '<https://x.y>', '<a@b.c>', '&amp;', '&#35;', '\\', '\\`', '\\*', '"', "'", '|', ' | ', '|---|---|',
    '---', ':--', 'a', 'word', ' ', '  ', '\t', '\n', '\n\n', '> ', '- ', '- [ ] ', '1. ', '  ', '# ', '[x]: https://y', '[x]', '[x][]'
  ]
  const doc = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(''))

  it('gives the same mdast as micromark alone', () => {
    fc.assert(
      fc.property(doc, (text) => {
        const budget = new MarkupBudget(text, MARKUP_LIMITS)
        const withBudget = slot.run(budget, () => guarded.parse(text))
        expect(withBudget).toEqual(plain.parse(text))
        expect(budget.problem).toBeUndefined()
      }),
      { numRuns: 1500 }
    )
  })
})

describe('fuzz: random hostile mixes stay bounded', () => {
  const UNITS = ['[a](b) ', '*c* ', '**', '_', '[', ']', '](', '`', '``', '<a ', '<!-- ', '&amp;', '\\*', '![a](', '*<a>*', '| a ', '\n', '\n> ', '\n- ']
  const hostile = fc
    .array(fc.record({ unit: fc.constantFrom(...UNITS), times: fc.integer({ min: 1, max: 4000 }) }), { minLength: 1, maxLength: 12 })
    .map((runs) => `# Incident PM-1: fuzz\n\n## Timeline\n\n${runs.map((r) => r.unit.repeat(r.times)).join('')}\n`)

  it('any mix parses in under a second, with problems pointing into the file', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const start = performance.now()
        const pm = parsePostmortem(text, 'pm.md')
        expect(performance.now() - start).toBeLessThan(1000)
        expect(pm.problems.every((p) => !p.transient)).toBe(true)
        expectPositionsInside(pm)
      }),
      { numRuns: 40 }
    )
  })
})
