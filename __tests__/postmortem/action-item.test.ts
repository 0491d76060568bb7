import { parseActionItem } from '../../src/postmortem/action-item.js'
import { DEFAULT_PARSE_OPTIONS, parsePostmortem } from '../../src/postmortem/parse.js'
import type { ActionItem } from '../../src/postmortem/model.js'

const at = { line: 1, column: 1 }
const item = (source: string): ActionItem => parseActionItem(source, 'task', false, at)

/** Parses `body` as the content of an `## Action Items` section; its first line is line 5. */
function items(body: string, options = DEFAULT_PARSE_OPTIONS): ActionItem[] {
  return parsePostmortem(`# Incident PM-1: x\n\n## Summary\n\n## Action Items\n\n${body}`, 'pm.md', options).actionItems
}

describe('parseActionItem', () => {
  it('reads the template form', () => {
    expect(item('Add a loop guard to the tool router :: @maria.chen :: 2026-12-15')).toEqual({
      kind: 'task',
      checked: false,
      raw: 'Add a loop guard to the tool router :: @maria.chen :: 2026-12-15',
      summary: 'Add a loop guard to the tool router',
      owner: { raw: '@maria.chen', name: 'maria.chen', isHandle: true },
      ownerRaw: '@maria.chen',
      due: '2026-12-15',
      dueValid: true,
      fieldCount: 3,
      position: at
    })
  })

  it('accepts a name as owner', () => {
    expect(item('Fix :: Maria Chen :: 2026-12-15').owner).toEqual({ raw: 'Maria Chen', name: 'Maria Chen', isHandle: false })
    expect(item('Fix :: @acme/sre-team :: 2026-12-15').owner).toEqual({ raw: '@acme/sre-team', name: 'acme/sre-team', isHandle: true })
  })

  it('keeps an owner that is neither a handle nor a name raw only', () => {
    const parsed = item('Fix :: <TBD> :: 2026-12-15')
    expect(parsed.ownerRaw).toBe('<TBD>')
    expect(parsed.owner).toBeUndefined()
  })

  it.each([
    ['[ENG-123](https://jira.example.com/browse/ENG-123)', { raw: '[ENG-123](https://jira.example.com/browse/ENG-123)', id: 'ENG-123', url: 'https://jira.example.com/browse/ENG-123' }],
    ['ENG-123', { raw: 'ENG-123', id: 'ENG-123' }],
    ['#42', { raw: '#42', id: '#42' }],
    ['https://github.com/acme/app/issues/7', { raw: 'https://github.com/acme/app/issues/7', url: 'https://github.com/acme/app/issues/7' }],
    ['<https://github.com/acme/app/issues/7>', { raw: '<https://github.com/acme/app/issues/7>', url: 'https://github.com/acme/app/issues/7' }],
    ['see the board', { raw: 'see the board' }]
  ])('reads the ticket %s after the due date', (ticket, expected) => {
    const parsed = item(`Fix :: @a :: 2026-12-15 ${ticket}`)
    expect(parsed.ticket).toEqual(expected)
    expect(parsed.due).toBe('2026-12-15')
    expect(parsed.dueValid).toBe(true)
    expect(parsed.fieldCount).toBe(3)
  })

  it('reads a ticket given as a fourth field', () => {
    const parsed = item('Fix :: @a :: 2026-12-15 :: ENG-9')
    expect(parsed.fieldCount).toBe(4)
    expect(parsed.ticket).toEqual({ raw: 'ENG-9', id: 'ENG-9' })
  })

  it('reports missing fields through fieldCount', () => {
    expect(item('Just a summary')).toMatchObject({ fieldCount: 1, summary: 'Just a summary', dueValid: false })
    expect(item('Just a summary').owner).toBeUndefined()
    expect(item('Just a summary').due).toBeUndefined()
    expect(item('Summary :: @a')).toMatchObject({ fieldCount: 2, ownerRaw: '@a' })
    expect(item('Summary :: @a').due).toBeUndefined()
    expect(item('Summary :: :: 2026-12-15')).toMatchObject({ fieldCount: 3, due: '2026-12-15', dueValid: true })
    expect(item('Summary :: :: 2026-12-15').ownerRaw).toBeUndefined()
    expect(item('')).toMatchObject({ fieldCount: 0, summary: '' })
  })

  it.each([
    ['2026-13-01', false],
    ['2026-02-30', false],
    ['soon', false],
    ['15/12/2026', false],
    ['2026-12-15', true]
  ])('due %s is valid: %s', (due, valid) => {
    expect(item(`Fix :: @a :: ${due}`)).toMatchObject({ due, dueValid: valid })
  })

  it('reads `due 2026-12-15` copied from the template', () => {
    expect(item('Fix :: @a :: due 2026-12-15')).toMatchObject({ due: '2026-12-15', dueValid: true })
    expect(item('Fix :: @a :: Due: 2026-12-15 ENG-1')).toMatchObject({ due: '2026-12-15', ticket: { id: 'ENG-1' } })
  })

  it('does not split on `::` inside code spans', () => {
    const parsed = item('Guard `Router::dispatch` against `a :: b` :: @a :: 2026-12-15')
    expect(parsed.summary).toBe('Guard `Router::dispatch` against `a :: b`')
    expect(parsed.fieldCount).toBe(3)
    expect(parsed.ownerRaw).toBe('@a')
  })

  it('splits on `::` after an unclosed backtick', () => {
    expect(item('Fix ` quote :: @a :: 2026-12-15')).toMatchObject({ fieldCount: 3, ownerRaw: '@a' })
  })

  it('joins an item written over several lines', () => {
    expect(item('Add a guard\n  to the router :: @a\n  :: 2026-12-15')).toMatchObject({
      raw: 'Add a guard to the router :: @a :: 2026-12-15',
      summary: 'Add a guard to the router',
      fieldCount: 3
    })
  })

  it('accepts `::` without spaces', () => {
    expect(item('Fix::@a::2026-12-15')).toMatchObject({ summary: 'Fix', ownerRaw: '@a', due: '2026-12-15' })
  })
})

describe('action items in a postmortem', () => {
  it('reads unchecked and checked tasks with their positions', () => {
    const parsed = items('- [ ] Add guard :: @maria.chen :: 2026-12-15\n- [x] Page on loops :: @dev-ops :: 2026-11-01\n- [X] Done too :: Ann :: 2026-11-02\n')
    expect(parsed.map((i) => [i.kind, i.checked, i.summary, i.position])).toEqual([
      ['task', false, 'Add guard', { line: 7, column: 1 }],
      ['task', true, 'Page on loops', { line: 8, column: 1 }],
      ['task', true, 'Done too', { line: 9, column: 1 }]
    ])
  })

  it('keeps a ticket link URL (it reads the source, not the rendered text)', () => {
    const [parsed] = items('- [ ] Fix :: @a :: 2026-12-15 [ENG-123](https://jira.example.com/browse/ENG-123)\n')
    expect(parsed?.ticket).toEqual({
      raw: '[ENG-123](https://jira.example.com/browse/ENG-123)',
      id: 'ENG-123',
      url: 'https://jira.example.com/browse/ENG-123'
    })
  })

  it('does not leave the checkbox in the text when a link or emphasis follows it', () => {
    const parsed = items('- [ ] https://github.com/acme/app/issues/7\n- [x] [ENG-1](https://x/ENG-1) Fix :: @a :: 2026-12-15\n- [ ] **Bold** fix :: @a :: 2026-12-15\n')
    expect(parsed.map((i) => i.summary)).toEqual(['https://github.com/acme/app/issues/7', '[ENG-1](https://x/ENG-1) Fix', '**Bold** fix'])
    expect(parsed[1]?.checked).toBe(true)
  })

  it('reads plain bullets as plain items (for PM007 to report)', () => {
    const parsed = items('- Add guard :: @a :: 2026-12-15\n* Another\n')
    expect(parsed.map((i) => [i.kind, i.checked, i.summary])).toEqual([
      ['plain', false, 'Add guard'],
      ['plain', false, 'Another']
    ])
  })

  it('reads a bare checkbox (not a task in GFM) as an empty task, not a plain bullet', () => {
    expect(items('- [ ] \n- [ ]\n- [x]\n').map((i) => [i.kind, i.checked, i.fieldCount, i.summary])).toEqual([
      ['task', false, 0, ''],
      ['task', false, 0, ''],
      ['task', true, 0, '']
    ])
  })

  it('treats nested plain bullets as notes and nested tasks as items', () => {
    const parsed = items(
      [
        '- [ ] Parent :: @a :: 2026-12-15',
        '  - a note about the parent',
        '  - [ ] Child task :: @b :: 2026-12-20',
        '    - a note about the child',
        '- Plain parent',
        '  - [x] Task under plain :: @c :: 2026-12-21',
        ''
      ].join('\n')
    )
    expect(parsed.map((i) => [i.kind, i.summary, i.position.line, i.position.column])).toEqual([
      ['task', 'Parent', 7, 1],
      ['task', 'Child task', 9, 3],
      ['plain', 'Plain parent', 11, 1],
      ['task', 'Task under plain', 12, 3]
    ])
  })

  it('reads ordered lists, with and without checkboxes', () => {
    const parsed = items('1. [ ] First :: @a :: 2026-12-15\n2. [x] Second :: @b :: 2026-12-16\n3. Third\n')
    expect(parsed.map((i) => [i.kind, i.checked, i.summary])).toEqual([
      ['task', false, 'First'],
      ['task', true, 'Second'],
      ['plain', false, 'Third']
    ])
  })

  it('reads items under ### subheadings of the section', () => {
    const parsed = items('### Process\n\n- [ ] Runbook :: @a :: 2026-12-15\n\n### Technical\n\n1. [ ] Guard :: @b :: 2026-12-16\n')
    expect(parsed.map((i) => [i.summary, i.position.line])).toEqual([
      ['Runbook', 9],
      ['Guard', 13]
    ])
  })

  it('ignores lists outside the Action Items section and stops at the next section', () => {
    const pm = parsePostmortem('# T\n\n## Summary\n\n- [ ] not an item\n\n## Action Items\n\n- [ ] item\n\n## Appendix\n\n- [ ] not either\n', 'pm.md')
    expect(pm.actionItems.map((i) => i.summary)).toEqual(['item'])
  })

  it('ignores task lists inside code blocks and quotes', () => {
    expect(items('```\n- [ ] in code\n```\n\n> - [ ] in a quote\n')).toEqual([])
  })

  it('reads items under an aliased heading', () => {
    const options = { ...DEFAULT_PARSE_OPTIONS, sectionAliases: { 'Corrective Actions': 'Action Items' } }
    const pm = parsePostmortem('# T\n\n## corrective actions\n\n- [ ] Fix :: @a :: 2026-12-15\n', 'pm.md', options)
    expect(pm.actionItems.map((i) => i.summary)).toEqual(['Fix'])
  })

  it('reads items from every Action Items section when the section is duplicated', () => {
    const pm = parsePostmortem('# T\n\n## Action Items\n\n- [ ] one\n\n## Action items\n\n- [ ] two\n', 'pm.md')
    expect(pm.actionItems.map((i) => i.summary)).toEqual(['one', 'two'])
  })
})
