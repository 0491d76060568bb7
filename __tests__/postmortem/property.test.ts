import fc from 'fast-check'
import { DEFAULT_PARSE_OPTIONS, parsePostmortem, type ParseOptions } from '../../src/postmortem/parse.js'
import type { Postmortem } from '../../src/postmortem/model.js'

const FRAGMENTS = [
  '# ',
  '## ',
  '### ',
  '#',
  '- ',
  '* ',
  '1. ',
  '- [ ] ',
  '- [x] ',
  '  - [ ] ',
  '    ',
  '> ',
  '| ',
  ' | ',
  '|---|---|',
  '| Date | Time | Event |',
  ' :: ',
  '::',
  '---',
  '===',
  '```',
  '~~~',
  '<!-- ',
  ' -->',
  '<!-- reliability-loop-disable PM009 -->',
  '<div>',
  '`',
  '**',
  '_',
  '[',
  '](',
  ')',
  '<',
  '>',
  '@maria.chen',
  'Maria Chen',
  'Summary',
  'Timeline',
  'Timeline (times in BST)',
  'Action Items',
  'Corrective Actions',
  'Root Cause',
  'Customer Impact',
  'Date: ',
  'Severity: ',
  'SEV-1',
  'sev 3',
  'Owners: ',
  'Traces: ',
  'date: ',
  'owners: [',
  '&a ',
  '*a',
  'All times in PST',
  '2026-10-14',
  '2026-10-14 09:02 UTC',
  '2026-10-14T09:02:11+02:00',
  '2026-02-30',
  '09:00-10:00',
  '14:08',
  '5:00 PM',
  'Sep 27 2017 13:06',
  'May 12',
  '[ENG-123](https://jira.example.com/ENG-123)',
  'https://example.com',
  '\uFEFF',
  '\u0000',
  '\uFFFD',
  '\t',
  ' ',
  '\n',
  '\r\n',
  '\r'
]

const fragment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) }
)
const markdownish = fc.array(fragment, { maxLength: 120 }).map((parts) => parts.join(''))
/** Markdown-ish text built line by line, so headings, lists and fences start lines as they do in real files. */
const markdownLines = fc
  .array(fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join('')), { maxLength: 40 })
  .chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => lines.join(eol)))

const YAML_VALUES = ['Sev1', '@maria.chen', '"@a", "@b"', '[a, b]', '&a [*a]', '&b {x: *b}', '*a', '*zz', '{', '"', "'", '!!binary AAAA', '!!set {a}', '2026-10-14', '~', '|', '>', '\t- x', '  - y', '[*a, *a, *a]']
const yamlLine = fc
  .tuple(fc.constantFrom('date', 'severity', 'Owners', 'traces', 'pager_duty', 'x', '? [a, b]', '- ', ''), fc.constantFrom(...YAML_VALUES), fc.string({ maxLength: 4 }))
  .map(([key, value, noise]) => `${key}: ${value}${noise}`)
/** A document that opens with front matter, so YAML (including aliases and bad syntax) reaches the parser. */
const withFrontMatter = fc
  .tuple(fc.array(yamlLine, { maxLength: 8 }), markdownLines)
  .map(([lines, body]) => `---\n${lines.join('\n')}\n---\n${body}`)

const NO_ALIASES: Record<string, string> = {}
const SOME_ALIASES: Record<string, string> = { 'Corrective Actions': 'Action Items', Impact: 'Customer Impact' }
const options: fc.Arbitrary<ParseOptions> = fc.record({
  severityLevels: fc.constantFrom(DEFAULT_PARSE_OPTIONS.severityLevels, ['P0', 'P1', 'P2', 'P3']),
  sections: fc.constantFrom(DEFAULT_PARSE_OPTIONS.sections, ['Overview', 'Timeline']),
  sectionAliases: fc.constantFrom(NO_ALIASES, SOME_ALIASES)
})

/** Every position in the model, as [line, column]. */
function positionsOf(pm: Postmortem): Array<[number, number]> {
  return [
    ...(pm.title ? [pm.title.position] : []),
    ...Object.values(pm.metadata.fields).map((f) => f.position),
    ...pm.sections.map((s) => s.heading.position),
    ...pm.sections.map((s) => ({ line: s.endLine, column: 1 })),
    ...pm.timeline.map((e) => e.position),
    ...pm.actionItems.map((i) => i.position),
    ...pm.problems.map((p) => p.position)
  ].map((p) => [p.line, p.column])
}

function checkModel(pm: Postmortem): void {
  // An unreadable file has no lines, but its problem still points at line 1.
  const lineCount = Math.max(pm.lines.length, 1)
  for (const [line, column] of positionsOf(pm)) {
    expect(Number.isInteger(line) && line >= 1 && line <= lineCount).toBe(true)
    expect(Number.isInteger(column) && column >= 1).toBe(true)
  }
  for (const line of pm.ignoredLines) expect(line >= 1 && line <= lineCount).toBe(true)
  expect(pm.lines.some((l) => l.includes('\r'))).toBe(false)
  for (const section of pm.sections) expect(section.endLine).toBeGreaterThanOrEqual(section.heading.position.line)
  for (const entry of pm.timeline) {
    const ts = entry.timestamp
    if (ts?.epochMs !== undefined) expect(Number.isFinite(ts.epochMs)).toBe(true)
    if (ts) expect(ts.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  }
}

describe('parsePostmortem never throws and keeps positions in the file', () => {
  it('on markdown-ish strings', () => {
    fc.assert(
      fc.property(markdownish, options, (text, opts) => {
        checkModel(parsePostmortem(text, 'pm.md', opts))
      }),
      { numRuns: 400 }
    )
  })

  it('on markdown-ish lines', () => {
    fc.assert(
      fc.property(markdownLines, (text) => {
        checkModel(parsePostmortem(text, 'pm.md'))
      }),
      { numRuns: 400 }
    )
  })

  it('on documents with front matter', () => {
    fc.assert(
      fc.property(withFrontMatter, (text) => {
        checkModel(parsePostmortem(text, 'pm.md'))
      }),
      { numRuns: 400 }
    )
  })

  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        checkModel(parsePostmortem(bytes, 'pm.md'))
      }),
      { numRuns: 300 }
    )
  })

  it('on random bytes after a valid header (so the markdown parser sees them)', () => {
    const header = new TextEncoder().encode('# Incident PM-1: x\n\n## Timeline\n\n- 2026-10-14 09:00 UTC a\n')
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (bytes) => {
        checkModel(parsePostmortem(new Uint8Array([...header, ...bytes.filter((b) => b !== 0)]), 'pm.md'))
      }),
      { numRuns: 300 }
    )
  })

  it('on any unicode string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        checkModel(parsePostmortem(text, 'pm.md'))
      }),
      { numRuns: 300 }
    )
  })
})

describe('line endings and BOM do not change the model', () => {
  /** The model without its lines (identical by construction) and with the set as an array. */
  const comparable = (pm: Postmortem): unknown => ({ ...pm, ignoredLines: [...pm.ignoredLines].sort((a, b) => a - b) })

  it('CRLF, CR and a BOM give the model LF gives', () => {
    // Only the first BOM is a BOM; a second one is text, so the LF text must not start with one.
    const lfText = markdownLines.map((text) => text.replace(/\r\n?/g, '\n').replace(/^\uFEFF+/, ''))
    fc.assert(
      fc.property(lfText, fc.constantFrom('\r\n', '\r'), fc.boolean(), (text, eol, bom) => {
        const other = (bom ? '\uFEFF' : '') + text.replace(/\n/g, eol)
        expect(comparable(parsePostmortem(other, 'pm.md'))).toEqual(comparable(parsePostmortem(text, 'pm.md')))
      }),
      { numRuns: 200 }
    )
  })
})
