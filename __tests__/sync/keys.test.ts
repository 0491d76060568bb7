import { describe, expect, it } from '@jest/globals'
import { collectSyncItems } from '../../src/sync/items.js'
import { deterministicUuid, digestOfKey, isItemKey, itemKey, keyLabel, normaliseSummary, postmortemIdOf, postmortemOfKey } from '../../src/sync/keys.js'
import { parsePostmortem } from '../../src/postmortem/parse.js'
import { postmortemText } from './helpers.js'

describe('item keys', () => {
  it('ignore case, markdown decoration, spacing and closing punctuation, not wording', () => {
    expect(normaliseSummary('  Add an *idempotency*  key to the `refund` tool. ')).toBe('add an idempotency key to the refund tool')
    expect(normaliseSummary('See [the runbook](https://x.example/r) now!')).toBe('see the runbook now')
    expect(itemKey('PM-7', 'Add a key')).toBe(itemKey('PM-7', 'add a KEY.'))
    expect(itemKey('PM-7', 'Add a key')).not.toBe(itemKey('PM-7', 'Add the key'))
    expect(itemKey('PM-7', 'Add a key')).not.toBe(itemKey('PM-8', 'Add a key'))
  })

  it('have the postmortem id and a summary digest that can be read back', () => {
    const key = itemKey('PM-101', 'Roll back')
    expect(key).toMatch(/^pm-101\/[0-9a-f]{12}$/)
    expect(isItemKey(key)).toBe(true)
    expect(postmortemOfKey(key)).toBe('pm-101')
    expect(digestOfKey(key)).toBe(digestOfKey(itemKey('PM-9', 'roll back')))
    expect(itemKey('PM-1', 'x', 2)).toMatch(/~2$/)
    expect(isItemKey('not a key')).toBe(false)
  })

  it('the postmortem id comes from the title, else the file name', () => {
    expect(postmortemIdOf('101', 'docs/x.md')).toBe('PM-101')
    expect(postmortemIdOf(undefined, 'docs/incidents/2024-03-db.md')).toBe('2024-03-db')
  })

  it('Linear ids: the same key always gives the same UUID, in the v4 layout Linear documents', () => {
    const id = deterministicUuid('pm-7/0123456789ab')
    expect(id).toBe(deterministicUuid('pm-7/0123456789ab'))
    expect(id).not.toBe(deterministicUuid('pm-7/0123456789ac'))
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('Jira labels: short, label-safe, one per key', () => {
    expect(keyLabel('pm-7/0123456789ab')).toMatch(/^rl-[0-9a-f]{16}$/)
    expect(keyLabel('pm-7/0123456789ab')).not.toBe(keyLabel('pm-8/0123456789ab'))
  })
})

describe('collectSyncItems', () => {
  it('keys every task item; same wording twice in one postmortem gets told apart in order; plain bullets are skipped', () => {
    const pm = parsePostmortem(
      postmortemText(7, [{ summary: 'Fix it', owner: 'ana' }, { summary: 'fix it.', owner: 'ben', checked: true }, '- A plain bullet :: @ana :: 2027-01-01', { summary: 'Other', due: 'not-a-date' }]),
      'docs/postmortems/PM-7.md'
    )
    const { items, skipped } = collectSyncItems([pm])
    expect(items.map((i) => i.key)).toEqual([itemKey('PM-7', 'Fix it'), itemKey('PM-7', 'Fix it', 2), itemKey('PM-7', 'Other')])
    expect(items[0]).toMatchObject({ postmortemId: 'PM-7', owner: 'ana', due: '2027-01-15', checked: false, severity: 'Sev2', fieldCount: 3 })
    expect(items[1]?.checked).toBe(true)
    expect(items[2]?.due).toBeUndefined()
    expect(skipped).toEqual([expect.objectContaining({ summary: 'A plain bullet', reason: expect.stringContaining('not a task-list item') })])
  })

  it('reads a written-back reference, and text after the due date that is not one', () => {
    const pm = parsePostmortem(
      postmortemText(7, [
        { summary: 'A', tail: '[ENG-12](https://linear.app/acme/issue/ENG-12/a)' },
        { summary: 'B', tail: '#12' },
        { summary: 'C', tail: 'blocked on vendor' }
      ]),
      'docs/postmortems/PM-7.md'
    )
    const [a, b, c] = collectSyncItems([pm]).items
    expect(a?.ref).toEqual({ raw: '[ENG-12](https://linear.app/acme/issue/ENG-12/a)', id: 'ENG-12', url: 'https://linear.app/acme/issue/ENG-12/a' })
    expect(b?.ref).toEqual({ raw: '#12', id: '#12' })
    expect(c?.ref).toBeUndefined()
    expect(c?.trailing).toBe('blocked on vendor')
  })
})
