import { MAX_BLOCK_LINES, parsePostmortem } from '../../src/postmortem/parse.js'
import { MAX_POSTMORTEM_BYTES } from '../../src/postmortem/decode.js'
import type { Postmortem } from '../../src/postmortem/model.js'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

const DOC = [
  '# Incident PM-3: Bad input', // 1
  '', // 2
  '- Date: 2026-10-14', // 3
  '- Severity: SEV-2', // 4
  '', // 5
  '## Timeline', // 6
  '', // 7
  '- 2026-10-14 09:00 UTC start', // 8
  '', // 9
  '## Action Items', // 10
  '', // 11
  '- [ ] Fix :: @a :: 2026-12-15', // 12
  ''
].join('\n')

/** Every position in the model, with what it belongs to. */
function positions(pm: Postmortem): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = []
  if (pm.title) out.push(['title', pm.title.position.line, pm.title.position.column])
  for (const field of Object.values(pm.metadata.fields)) out.push([`field ${field.key}`, field.position.line, field.position.column])
  for (const s of pm.sections) out.push([`section ${s.heading.text}`, s.heading.position.line, s.heading.position.column])
  for (const e of pm.timeline) out.push([`entry ${e.text}`, e.position.line, e.position.column])
  for (const i of pm.actionItems) out.push([`item ${i.summary}`, i.position.line, i.position.column])
  return out
}

describe('empty and blank files', () => {
  it.each([
    ['an empty string', ''],
    ['empty bytes', new Uint8Array()],
    ['only newlines', '\n\n\n'],
    ['only spaces and tabs', '   \t  \n\t'],
    ['only a BOM', '\uFEFF'],
    ['only a comment', '<!-- nothing yet -->']
  ])('%s gives an empty model without problems', (_name, input) => {
    const pm = parsePostmortem(input, 'pm.md')
    expect(pm.problems).toEqual([])
    expect(pm.title).toBeUndefined()
    expect(pm.sections).toEqual([])
    expect(pm.timeline).toEqual([])
    expect(pm.actionItems).toEqual([])
    expect(pm.metadata.fields).toEqual({})
    expect(pm.lines.length).toBeGreaterThanOrEqual(1)
  })
})

describe('binary and mis-encoded files', () => {
  it('reports a binary file and returns an empty model', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])
    const pm = parsePostmortem(png, 'diagram.png')
    expect(pm.problems).toEqual([{ message: 'File is binary (it contains NUL bytes), not a markdown postmortem.', position: { line: 1, column: 1 }, incomplete: true }])
    expect(pm.lines).toEqual([])
    expect(pm.sections).toEqual([])
  })

  it('reports NUL characters in a string too', () => {
    expect(parsePostmortem('# T\n\u0000\u0001', 'pm.md').problems[0]?.message).toMatch(/binary/)
  })

  it('reports UTF-16 as such rather than as binary', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'# T\n'].flatMap((c) => [c.charCodeAt(0), 0])])
    expect(parsePostmortem(utf16, 'pm.md').problems).toEqual([{ message: 'File is UTF-16 encoded; re-save it as UTF-8.', position: { line: 1, column: 1 }, incomplete: true }])
  })

  it('reports invalid UTF-8 at its line and column, and still parses the rest', () => {
    const valid = bytes(DOC)
    const broken = new Uint8Array([...valid.subarray(0, 30), 0xc3, 0x28, ...valid.subarray(30)])
    const pm = parsePostmortem(broken, 'pm.md')
    expect(pm.problems).toEqual([
      { message: 'File is not valid UTF-8; invalid bytes were read as U+FFFD. Re-save it as UTF-8.', position: { line: 3, column: 3 } }
    ])
    expect(pm.lines[2]).toContain('\uFFFD')
    expect(pm.title?.id).toBe('3')
    expect(pm.timeline).toHaveLength(1)
    expect(pm.actionItems).toHaveLength(1)
  })

  it.each([
    ['a lone continuation byte', [0x80]],
    ['a truncated sequence at the end', [0xe2, 0x82]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a surrogate', [0xed, 0xa0, 0x80]]
  ])('reports %s', (_name, bad) => {
    const pm = parsePostmortem(new Uint8Array([...bytes('# T\n\nok\n'), ...bad]), 'pm.md')
    expect(pm.problems.map((p) => p.position.line)).toEqual([4])
    expect(pm.title?.text).toBe('T')
  })
})

describe('BOM and line endings', () => {
  const lf = parsePostmortem(DOC, 'pm.md')

  it.each([
    ['a BOM (string)', `\uFEFF${DOC}`],
    ['a BOM (bytes)', new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(DOC)])],
    ['CRLF', DOC.replace(/\n/g, '\r\n')],
    ['CRLF bytes with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(DOC.replace(/\n/g, '\r\n'))])],
    ['old Mac CR', DOC.replace(/\n/g, '\r')],
    ['mixed endings', DOC.split('\n').map((line, i) => line + (i % 2 ? '\r\n' : '\n')).join('').slice(0, -1)]
  ])('%s gives the same model and positions as LF', (_name, input) => {
    const pm = parsePostmortem(input, 'pm.md')
    expect(pm.problems).toEqual([])
    expect(positions(pm)).toEqual(positions(lf))
    expect(pm.lines).toEqual(lf.lines)
    expect(pm.lines.some((l) => l.includes('\r') || l.includes('\uFEFF'))).toBe(false)
    expect(pm.title?.text).toBe('Incident PM-3: Bad input')
    expect(pm.metadata.severity?.label).toBe('Sev2')
  })

  it('puts everything on the lines it is on', () => {
    expect(positions(lf)).toEqual([
      ['title', 1, 1],
      ['field date', 3, 3],
      ['field severity', 4, 3],
      ['section Timeline', 6, 1],
      ['section Action Items', 10, 1],
      ['entry 2026-10-14 09:00 UTC start', 8, 1],
      ['item Fix', 12, 1]
    ])
  })

  it('counts front-matter lines right with a BOM and CRLF', () => {
    const pm = parsePostmortem('\uFEFF---\r\ndate: 2026-10-14\r\nseverity: Sev1\r\n---\r\n# T\r\n\r\n## Summary\r\n', 'pm.md')
    expect(pm.metadata.fields.severity?.position).toEqual({ line: 3, column: 1 })
    expect(pm.title?.position).toEqual({ line: 5, column: 1 })
    expect(pm.sections[0]?.heading.position).toEqual({ line: 7, column: 1 })
  })

  it('keeps a BOM in the middle of the text as text', () => {
    const pm = parsePostmortem('# T\n\n\uFEFF## Summary\n', 'pm.md')
    expect(pm.problems).toEqual([])
    expect(pm.lines[2]).toBe('\uFEFF## Summary')
  })
})

describe('size', () => {
  it('refuses a 10 MB file quickly, with a problem', () => {
    const big = new Uint8Array(10 * 1024 * 1024).fill(0x61)
    const start = performance.now()
    const pm = parsePostmortem(big, 'huge.md')
    expect(performance.now() - start).toBeLessThan(200)
    expect(pm.problems).toEqual([
      {
        message: 'File is 10.0 MB, over the 2 MB a postmortem may be; it was not parsed. Split it, or move attachments (logs, transcripts) out and link them.',
        position: { line: 1, column: 1 },
        incomplete: true
      }
    ])
    expect(pm.lines).toEqual([])
  })

  it('refuses a 10 MB string quickly too', () => {
    const start = performance.now()
    const pm = parsePostmortem('# T\n'.repeat(2.5 * 1024 * 1024), 'huge.md')
    expect(performance.now() - start).toBeLessThan(200)
    expect(pm.problems[0]?.message).toMatch(/^File is 10\.0 MB/)
  })

  it('counts bytes, not characters, against the cap', () => {
    const text = 'é'.repeat(MAX_POSTMORTEM_BYTES / 2 + 1)
    expect(parsePostmortem(text, 'pm.md').problems[0]?.message).toMatch(/over the 2 MB/)
    expect(parsePostmortem(bytes(text), 'pm.md').problems[0]?.message).toMatch(/over the 2 MB/)
  })

  it('refuses a file one byte over the cap', () => {
    expect(parsePostmortem(new Uint8Array(MAX_POSTMORTEM_BYTES + 1).fill(0x20), 'pm.md').problems).toHaveLength(1)
  })

  it('parses a long single line', () => {
    const pm = parsePostmortem(`# T\n\n## Summary\n\n${'word '.repeat(20_000)}\n`, 'pm.md')
    expect(pm.problems).toEqual([])
    expect(pm.sections).toHaveLength(1)
  })
})

describe('pathological markdown', () => {
  it.each([
    ['block quotes nested 50,000 deep', '> '.repeat(50_000), 3],
    ['lists and quotes nested 5,000 deep', '- > '.repeat(5_000), 3],
    // Line 203 is the first indented 400 columns.
    ['a list staircase 300 deep', Array.from({ length: 300 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n'), 203]
  ])('%s: refused quickly with a problem instead of overflowing the stack', (_name, text, line) => {
    const start = performance.now()
    const pm = parsePostmortem(`# T\n\n${text}`, 'pm.md')
    expect(performance.now() - start).toBeLessThan(500)
    expect(pm.problems).toHaveLength(1)
    expect(pm.problems[0]?.message).toMatch(/^Line \d+ nests block quotes or lists over 100 levels deep/)
    expect(pm.problems[0]?.position).toEqual({ line, column: 1 })
    expect(pm.problems[0]?.message).toContain(`Line ${line} `)
    expect(pm.lines.length).toBeGreaterThanOrEqual(3)
  })

  it.each([
    // Parsed, this one runs the process out of memory (micromark keeps ~15 KB per item).
    ['a 1.6 MB list of one-word items', '- a\n'.repeat(400_000)],
    // Parsed, these take minutes: separate quotes and pipe lines cost quadratic time.
    ['20,000 separate quotes', '> a\n\n'.repeat(20_000)],
    ['40,000 lines starting with a pipe', '| a | b |\n'.repeat(40_000)],
    ['a table of 6,000 rows', `| a | b |\n|---|---|\n${'| 1 | 2 |\n'.repeat(6_000)}`]
  ])('%s: refused quickly with a problem', (_name, text) => {
    const start = performance.now()
    const pm = parsePostmortem(`# T\n\n## Timeline\n\n${text}`, 'pm.md')
    expect(performance.now() - start).toBeLessThan(500)
    expect(pm.problems).toEqual([
      {
        message: `File has over ${MAX_BLOCK_LINES} list items, quote lines and table rows; it was not parsed. Move logs and transcripts out and link them.`,
        position: { line: 1, column: 1 },
        incomplete: true
      }
    ])
  })

  it('parses a long timeline that stays under the limit', () => {
    const entries = Array.from({ length: 1_000 }, (_, i) => `- 2026-10-14 ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} UTC event ${i}`)
    const pm = parsePostmortem(`# T\n\n## Timeline\n\n${entries.join('\n')}\n`, 'pm.md')
    expect(pm.problems).toEqual([])
    expect(pm.timeline).toHaveLength(1_000)
  })

  it('parses ordinary nesting', () => {
    const nested = Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')
    const pm = parsePostmortem(`# T\n\n## Timeline\n\n> > > quoted\n\n${nested}\n`, 'pm.md')
    expect(pm.problems).toEqual([])
    expect(pm.timeline).toHaveLength(1)
  })

  it.each([
    ['unclosed code fence', '# T\n\n## Summary\n\n```\n## Timeline\n- 2026-10-14 09:00 x\n'],
    ['unclosed comment', '# T\n\n<!--\n## Timeline\n'],
    ['heading markers only', '#\n##\n###\n## \n'],
    ['a table without rows', '# T\n\n## Timeline\n\n| a | b |\n|---|---|\n'],
    ['a table row with one cell', '# T\n\n## Timeline\n\n| a | b |\n|---|---|\n| 2026-10-14 |\n'],
    ['empty list items', '# T\n\n## Action Items\n\n-\n- \n*\n1.\n'],
    ['a list item that is a heading', '# T\n\n## Action Items\n\n- ## heading\n- ```\n  code\n  ```\n'],
    ['link reference definitions only', '[a]: https://x\n[b]: https://y\n'],
    ['only front matter fences', '---\n---\n---\n---\n'],
    ['separators everywhere', '# T\n\n## Action Items\n\n- [ ] :: :: :: ::\n- [ ] ::\n'],
    ['html blocks', '# T\n\n<div>\n## Summary\n</div>\n\n<details><summary>x</summary>\n\n## Timeline\n\n</details>\n']
  ])('%s: no throw, positions in range', (_name, text) => {
    const pm = parsePostmortem(text, 'pm.md')
    for (const [what, line, column] of positions(pm)) {
      expect([what, line >= 1 && line <= pm.lines.length, column >= 1]).toEqual([what, true, true])
    }
  })

  it('reads nothing inside an unclosed code fence', () => {
    const pm = parsePostmortem('# T\n\n## Summary\n\n```\n## Timeline\n- 2026-10-14 09:00 x\n', 'pm.md')
    expect(pm.sections.map((s) => s.canonical)).toEqual(['Summary'])
    expect(pm.timeline).toEqual([])
    expect(pm.ignoredLines.has(6)).toBe(true)
  })
})
