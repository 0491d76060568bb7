import { describe, expect, it } from '@jest/globals'
import { parsePostmortem } from '../../src/postmortem/parse.js'
import { collectSyncItems } from '../../src/sync/items.js'
import { applyWriteBack, itemLinesUnchanged } from '../../src/sync/writeback.js'
import { postmortemText } from './helpers.js'

const REF = { ref: 'ENG-123', url: 'https://linear.app/acme/issue/ENG-123' }

describe('applyWriteBack', () => {
  it('puts the reference after the due date, which the parser then reads as the item’s ticket', () => {
    const text = postmortemText(7, [{ summary: 'Fix it', owner: 'ana', due: '2026-12-15' }])
    const line = text.split('\n').findIndex((l) => l.startsWith('- [ ] Fix it')) + 1
    const out = applyWriteBack(text, [{ line, reference: REF }])
    expect(out.applied).toBe(1)
    expect(out.text.split('\n')[line - 1]).toBe('- [ ] Fix it :: @ana :: 2026-12-15 [ENG-123](https://linear.app/acme/issue/ENG-123)')
    const [item] = collectSyncItems([parsePostmortem(out.text, 'docs/postmortems/PM-7.md')]).items
    expect(item?.ref).toEqual({ raw: '[ENG-123](https://linear.app/acme/issue/ENG-123)', id: 'ENG-123', url: REF.url })
    // Only that line changed.
    expect(out.text.replace(' [ENG-123](https://linear.app/acme/issue/ENG-123)', '')).toBe(text)
  })

  it('handles wrapped items, `due` spelled out, CRLF line endings and a byte order mark', () => {
    const text = '\uFEFF## Action Items\r\n\r\n- [ ] Fix a thing\r\n  that wraps :: @ana :: due 2026-12-15\r\n- [ ] Next :: @ben :: 2027-01-01\r\n'
    const out = applyWriteBack(text, [{ line: 3, reference: REF }])
    expect(out.text).toBe('\uFEFF## Action Items\r\n\r\n- [ ] Fix a thing\r\n  that wraps :: @ana :: due 2026-12-15 [ENG-123](https://linear.app/acme/issue/ENG-123)\r\n- [ ] Next :: @ben :: 2027-01-01\r\n')
  })

  it('ticks an item, and does both at once', () => {
    const text = '- [ ] A :: @ana :: 2026-12-15\n  - [ ] B :: @ana :: 2026-12-16\n'
    const out = applyWriteBack(text, [{ line: 1, tick: true }, { line: 2, tick: true, reference: REF }])
    expect(out.text).toBe('- [x] A :: @ana :: 2026-12-15\n  - [x] B :: @ana :: 2026-12-16 [ENG-123](https://linear.app/acme/issue/ENG-123)\n')
    expect(out.applied).toBe(2)
  })

  it('is idempotent and skips lines that are no longer the item', () => {
    const text = '- [ ] A :: @ana :: 2026-12-15 [ENG-123](https://linear.app/acme/issue/ENG-123)\nplain text\n- [ ] No due date :: @ana\n'
    const out = applyWriteBack(text, [{ line: 1, reference: REF }, { line: 2, reference: REF }, { line: 3, reference: REF }, { line: 9, tick: true }])
    expect(out.text).toBe(text)
    expect(out.applied).toBe(0)
    expect(out.skipped.map((s) => s.line)).toEqual([2, 3, 9])
  })

  it('escapes brackets in the link text', () => {
    const out = applyWriteBack('- [ ] A :: @ana :: 2026-12-15\n', [{ line: 1, reference: { ref: 'A[1]', url: 'https://x.example/1' } }])
    expect(out.text).toBe('- [ ] A :: @ana :: 2026-12-15 [A\\[1\\]](https://x.example/1)\n')
  })
})

describe('itemLinesUnchanged (the file changed while sync ran)', () => {
  const before = '# T\n\n- [ ] Fix it :: @ana\n  :: 2026-12-15\n- [ ] Other :: @ben :: 2027-01-01\n\nText.\n'
  const edit = [{ line: 3, reference: REF }]
  it('true when only other lines changed (before or after the items, without moving them)', () => {
    expect(itemLinesUnchanged(before, before.replace('Text.', 'Other text.'), edit)).toBe(true)
    expect(itemLinesUnchanged(before, `${before}More.\n`, edit)).toBe(true)
  })
  it('false when an item line or its continuation changed, or the item moved', () => {
    expect(itemLinesUnchanged(before, before.replace(':: 2026-12-15', ':: 2026-12-20'), edit)).toBe(false)
    expect(itemLinesUnchanged(before, before.replace('Fix it', 'Fix it now'), edit)).toBe(false)
    expect(itemLinesUnchanged(before, before.replace('# T\n', '# T\n\nNew.\n'), edit)).toBe(false)
    expect(itemLinesUnchanged(before, '# T\n', edit)).toBe(false)
  })
})
