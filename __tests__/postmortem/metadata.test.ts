import { jest } from '@jest/globals'
import { parsePostmortem } from '../../src/postmortem/parse.js'
import { parseOwner, parseOwnerList } from '../../src/postmortem/owners.js'
import type { Metadata } from '../../src/postmortem/model.js'

const BODY = '\n## Summary\n\nThe tool router looped.\n'

const LIST_FORM = `# Incident PM-42: Tool router looped on empty search results

- Date: 2026-10-14
- Severity: Sev2
- Owners: @maria.chen, @dev-ops
- Traces: https://traces.example.com/t/abc
- NDJSON: logs/missions/x.ndjson
- PagerDuty: https://acme.pagerduty.com/incidents/Q1W2E3
${BODY}`

const FRONT_MATTER = `---
date: 2026-10-14
severity: Sev2
owners: ["@maria.chen", "@dev-ops"]
traces: https://traces.example.com/t/abc
ndjson: logs/missions/x.ndjson
pagerduty: https://acme.pagerduty.com/incidents/Q1W2E3
---
# Incident PM-42: Tool router looped on empty search results
${BODY}`

/** Metadata without where each field was written, for comparing the two forms. */
function withoutSource(metadata: Metadata): unknown {
  const fields = Object.fromEntries(Object.entries(metadata.fields).map(([key, field]) => [key, { key: field.key, raw: field.raw }]))
  return { ...metadata, fields }
}

describe('metadata forms', () => {
  const list = parsePostmortem(LIST_FORM, 'list.md')
  const front = parsePostmortem(FRONT_MATTER, 'front.md')

  it('reads the list form', () => {
    expect(list.problems).toEqual([])
    expect(list.metadata).toMatchObject({
      date: '2026-10-14',
      severity: { raw: 'Sev2', label: 'Sev2', rank: 2 },
      owners: [
        { raw: '@maria.chen', name: 'maria.chen', isHandle: true },
        { raw: '@dev-ops', name: 'dev-ops', isHandle: true }
      ],
      ownersInvalid: [],
      traces: ['https://traces.example.com/t/abc'],
      ndjson: ['logs/missions/x.ndjson'],
      pagerduty: ['https://acme.pagerduty.com/incidents/Q1W2E3']
    })
  })

  it('produces the same metadata from front matter, apart from where fields were written', () => {
    expect(front.problems).toEqual([])
    expect(withoutSource(front.metadata)).toEqual(withoutSource(list.metadata))
  })

  it('records each field where it was written', () => {
    expect(list.metadata.fields.date).toEqual({ key: 'date', raw: '2026-10-14', position: { line: 3, column: 3 }, source: 'list' })
    expect(list.metadata.fields.pagerduty?.position).toEqual({ line: 8, column: 3 })
    expect(front.metadata.fields.date).toEqual({ key: 'date', raw: '2026-10-14', position: { line: 2, column: 1 }, source: 'frontmatter' })
    expect(front.metadata.fields.pagerduty?.position).toEqual({ line: 7, column: 1 })
  })

  it('reads the title id and name in both forms', () => {
    expect(list.title).toMatchObject({ id: '42', name: 'Tool router looped on empty search results', depth: 1, position: { line: 1, column: 1 } })
    expect(front.title).toMatchObject({ id: '42', position: { line: 9, column: 1 } })
  })

  it('gives front matter precedence over the list form for the same key', () => {
    const pm = parsePostmortem('---\nseverity: Sev1\n---\n# T\n\n- Severity: Sev3\n- Date: 2026-10-14\n', 'pm.md')
    expect(pm.metadata.severity?.label).toBe('Sev1')
    expect(pm.metadata.fields.date?.source).toBe('list')
  })

  it('keeps the first of two list lines for the same key', () => {
    const pm = parsePostmortem('# T\n\n- Severity: Sev1\n- Severity: Sev2\n', 'pm.md')
    expect(pm.metadata.fields.severity?.position.line).toBe(3)
    expect(pm.metadata.severity?.label).toBe('Sev1')
  })
})

describe('list-form metadata', () => {
  const read = (lines: string): Metadata => parsePostmortem(`# T\n\n${lines}\n\n## Summary\n\n- Severity: Sev4\n`, 'pm.md').metadata

  it.each([
    ['- Severity: Sev1'],
    ['* Severity: Sev1'],
    ['+ Severity: Sev1'],
    ['1. Severity: Sev1'],
    ['Severity: Sev1'],
    ['**Severity:** Sev1'],
    ['- **Severity**: Sev1'],
    ['- __Severity:__ Sev1'],
    ['- severity : Sev1'],
    ['- Sev: Sev1']
  ])('reads %j', (line) => {
    expect(read(line).severity?.label).toBe('Sev1')
  })

  it('reads key spellings real templates use', () => {
    const md = read(
      ['- Incident date: 2026-10-14', '- Owner: @a', '- Trace URLs: https://t/1', '- NDJSON logs: logs/a.ndjson', '- Pager Duty: PABC123', '- Status: Draft'].join(
        '\n'
      )
    )
    expect(md).toMatchObject({ date: '2026-10-14', traces: ['https://t/1'], ndjson: ['logs/a.ndjson'], pagerduty: ['PABC123'], status: 'draft' })
    expect(md.owners.map((o) => o.name)).toEqual(['a'])
  })

  it('does not read metadata after the first section', () => {
    expect(read('').severity).toBeUndefined()
    expect(read('').fields).toEqual({})
  })

  it('ignores unknown keys and lines in code blocks', () => {
    const md = read('- Reporter: @z\n\n```\nSeverity: Sev1\n```')
    expect(md.fields).toEqual({})
  })

  it('reads links and several values', () => {
    const md = read(
      [
        '- Traces: <https://t/1>, [second trace](https://t/2 "title") https://t/3',
        '- NDJSON: [x.ndjson](logs/missions/x.ndjson); logs/missions/y.ndjson',
        '- PagerDuty: [#PD123](https://acme.pagerduty.com/incidents/PD123)'
      ].join('\n')
    )
    expect(md.traces).toEqual(['https://t/1', 'https://t/2', 'https://t/3'])
    expect(md.ndjson).toEqual(['logs/missions/x.ndjson', 'logs/missions/y.ndjson'])
    expect(md.pagerduty).toEqual(['https://acme.pagerduty.com/incidents/PD123'])
  })

  it('keeps a date that is not a real date raw only', () => {
    const md = read('- Date: 2026-02-30')
    expect(md.fields.date?.raw).toBe('2026-02-30')
    expect(md.date).toBeUndefined()
    expect(read('- Date: October 14, 2026').date).toBeUndefined()
  })

  it('reads a date with a time after it', () => {
    expect(read('- Date: 2026-10-14 09:00 UTC').date).toBe('2026-10-14')
    expect(read('- Date: 2026-10-14T09:00Z').date).toBe('2026-10-14')
  })

  it('splits owners and keeps what is neither a handle nor a name', () => {
    const md = read('- Owners: @maria.chen; Dev Ops and @sre-team & 42!, ')
    expect(md.owners.map((o) => [o.name, o.isHandle])).toEqual([
      ['maria.chen', true],
      ['Dev Ops', false],
      ['sre-team', true]
    ])
    expect(md.ownersInvalid).toEqual(['42!'])
  })

  it('records an empty value as present', () => {
    const md = read('- Owners:\n- Traces:')
    expect(md.fields.owners?.raw).toBe('')
    expect(md.owners).toEqual([])
    expect(md.traces).toEqual([])
  })

  it('reads metadata in a document without sections', () => {
    const pm = parsePostmortem('# T\n\n- Severity: Sev2\n', 'pm.md')
    expect(pm.metadata.severity?.label).toBe('Sev2')
  })
})

describe('front matter', () => {
  it('reads key spellings and YAML lists', () => {
    const pm = parsePostmortem('---\nSeverity: sev 2\nOwner:\n  - "@a"\n  - Bea Li\npager_duty: PD1\nTrace URLs: [https://t/1, https://t/2]\n---\n# T\n', 'pm.md')
    expect(pm.metadata).toMatchObject({
      severity: { label: 'Sev2' },
      owners: [{ name: 'a' }, { name: 'Bea Li' }],
      pagerduty: ['PD1'],
      traces: ['https://t/1', 'https://t/2']
    })
    expect(pm.metadata.fields.owners?.position).toEqual({ line: 3, column: 1 })
  })

  it('reads quoted, indented-less and odd-spaced keys at their real lines', () => {
    const pm = parsePostmortem('---\n# a comment\n"severity" : Sev1\n\ndate:   2026-10-14\n---\n', 'pm.md')
    expect(pm.metadata.fields.severity?.position).toEqual({ line: 3, column: 1 })
    expect(pm.metadata.fields.date?.position).toEqual({ line: 5, column: 1 })
  })

  it('ignores keys it does not know and values it cannot use', () => {
    const pm = parsePostmortem('---\ntitle: x\ntags: [a]\nstatus: ~\nowners:\n  lead: "@a"\n---\n', 'pm.md')
    expect(Object.keys(pm.metadata.fields).sort()).toEqual(['owners', 'status'])
    expect(pm.metadata.status).toBeUndefined()
    expect(pm.metadata.fields.owners?.raw).toBe('lead: @a')
  })

  it('reports YAML that does not parse at its line, and still reads the block line by line', () => {
    const pm = parsePostmortem('---\ndate: 2026-10-14\nowners: @maria.chen, @dev-ops\nseverity: "Sev2"\n---\n# Incident PM-1: x\n', 'pm.md')
    expect(pm.problems).toHaveLength(1)
    expect(pm.problems[0]?.message).toMatch(/^Front matter is not valid YAML: .*@/)
    expect(pm.problems[0]?.position).toEqual({ line: 3, column: 9 })
    expect(pm.metadata).toMatchObject({ date: '2026-10-14', severity: { label: 'Sev2' }, owners: [{ name: 'maria.chen' }, { name: 'dev-ops' }] })
    expect(pm.metadata.fields.owners).toMatchObject({ source: 'frontmatter', position: { line: 3, column: 1 } })
    expect(pm.title?.id).toBe('1')
  })

  it.each([
    ['an unclosed quote', '---\nseverity: "Sev2\n---\n# T\n', 'Missing closing "quote', { line: 2, column: 16 }],
    ['a tab indent', '---\nowners:\n\t- "@a"\n---\n# T\n', 'Tabs are not allowed as indentation', { line: 3, column: 1 }],
    ['a bad mapping', '---\na: b: c\n---\n# T\n', 'Nested mappings are not allowed in compact mappings', { line: 2, column: 4 }],
    ['an unclosed flow list', '---\nowners: [@a\n---\n# T\n', 'Plain value cannot start with reserved character @', { line: 2, column: 10 }]
  ])('reports %s as a problem at its place in the file', (_name, text, reason, position) => {
    const pm = parsePostmortem(text, 'pm.md')
    expect(pm.problems).toEqual([{ message: `Front matter is not valid YAML: ${reason}`, position }])
    expect(pm.title?.text).toBe('T')
  })

  it('counts lines from the fence when a BOM and CRLF come first', () => {
    const pm = parsePostmortem('\uFEFF---\r\ndate: 2026-10-14\r\nseverity: "Sev2\r\n---\r\n# T\r\n', 'pm.md')
    expect(pm.problems[0]?.position).toEqual({ line: 3, column: 16 })
  })

  it('reports front matter that is not a map', () => {
    for (const text of ['---\n- a\n- b\n---\n# T\n', '---\njust words\n---\n# T\n']) {
      const pm = parsePostmortem(text, 'pm.md')
      expect(pm.problems.map((p) => p.message)).toEqual(['Front matter must be a map of keys (date, severity, owners, …).'])
      expect(pm.title?.text).toBe('T')
    }
  })

  it('accepts empty front matter', () => {
    const pm = parsePostmortem('---\n---\n# T\n\n- Severity: Sev1\n', 'pm.md')
    expect(pm.problems).toEqual([])
    expect(pm.metadata.severity?.label).toBe('Sev1')
  })

  it('reports front matter that is never closed, and reads its lines as list metadata', () => {
    const pm = parsePostmortem('---\ndate: 2026-10-14\nseverity: Sev2\n\n# T\n\n## Summary\n', 'pm.md')
    expect(pm.problems).toEqual([{ message: 'Front matter opened on line 1 is never closed with a `---` line.', position: { line: 1, column: 1 } }])
    expect(pm.metadata.date).toBe('2026-10-14')
    expect(pm.metadata.severity?.label).toBe('Sev2')
  })

  it('survives self-referencing aliases and alias bombs', () => {
    const bomb = [
      '---',
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'owners: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      '---',
      '# T'
    ].join('\n')
    for (const text of ['---\nowners: &o [*o]\n---\n# T\n', '---\nowners: &o {x: *o}\n---\n# T\n', bomb]) {
      const start = performance.now()
      const pm = parsePostmortem(text, 'pm.md')
      expect(performance.now() - start).toBeLessThan(1000)
      expect(pm.title?.text).toBe('T')
      expect(pm.metadata.fields.owners?.raw.length).toBeLessThan(10_000)
    }
  })

  it('reads a collection used as a key without warnings or throwing', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined)
    try {
      const pm = parsePostmortem('---\n? [a, b]\n: c\nseverity: Sev1\n---\n', 'pm.md')
      expect(pm.metadata.severity?.label).toBe('Sev1')
      expect(warn).not.toHaveBeenCalled()
    } finally {
      warn.mockRestore()
    }
  })
})

describe('title', () => {
  it.each([
    ['Incident PM-42: Tool router looped', '42', 'Tool router looped'],
    ['Incident PM-2026-007 — Search outage', '2026-007', 'Search outage'],
    ['incident pm-7 - lower case', '7', 'lower case'],
    ['Incident PM-9', '9', undefined]
  ])('reads the id from %j', (text, id, name) => {
    const title = parsePostmortem(`# ${text}\n`, 'pm.md').title
    expect(title?.id).toBe(id)
    expect(title?.name).toBe(name)
  })

  it('has no id for a title that does not follow the template', () => {
    const title = parsePostmortem('# Log4Shell investigations\n', 'pm.md').title
    expect(title).toEqual({ text: 'Log4Shell investigations', depth: 1, position: { line: 1, column: 1 } })
  })
})

describe('owners', () => {
  it('parses handles and names', () => {
    expect(parseOwner('@maria.chen')).toEqual({ raw: '@maria.chen', name: 'maria.chen', isHandle: true })
    expect(parseOwner('**@maria**')).toEqual({ raw: '@maria', name: 'maria', isHandle: true })
    expect(parseOwner("  Siobhán  O'Neil ")).toEqual({ raw: "Siobhán  O'Neil", name: "Siobhán O'Neil", isHandle: false })
    expect(parseOwner('@')).toBeUndefined()
    expect(parseOwner('@-bad')).toBeUndefined()
    expect(parseOwner('TBD?')).toBeUndefined()
    expect(parseOwner('x'.repeat(81))).toBeUndefined()
  })

  it('splits lists', () => {
    expect(parseOwnerList('@a, @b; @c and Dee & @e')).toEqual({
      owners: ['@a', '@b', '@c', 'Dee', '@e'].map((raw) => parseOwner(raw)),
      invalid: []
    })
    expect(parseOwnerList('')).toEqual({ owners: [], invalid: [] })
  })
})
