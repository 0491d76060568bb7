import { describe, expect, it } from '@jest/globals'
import { sanitizeText, sanitizeVendorBody, VENDOR_BODY_LIMIT } from '../../src/util/sanitize.js'
import { errorMessage } from '../../src/util/error-message.js'
import { isInsideRepo } from '../../src/util/repo-path.js'

describe('sanitizeText', () => {
  it('removes escape sequences and control characters, keeps tabs and newlines', () => {
    expect(sanitizeText('a\u001b[31mred\u001b[0m\u0000b\tc\nd\u0007\u009b')).toBe('aredb\tc\nd')
    expect(sanitizeText('title\u001b]0;pwned\u0007 end')).toBe('title end')
  })
  it('neutralises workflow commands at any line start', () => {
    const out = sanitizeText('ok\n::set-output name=x::y\n  ::add-mask::secret')
    expect(out.split('\n').some((line) => /^\s*::/.test(line))).toBe(false)
    expect(out).toContain('set-output name=x::y')
  })
  it('cuts long text and says how much was cut', () => {
    const body = sanitizeVendorBody('x'.repeat(1_100_000))
    expect(body.length).toBeLessThan(VENDOR_BODY_LIMIT + 60)
    expect(body).toMatch(/1099500 more characters cut/)
  })
  it('joins lines for one-line messages', () => {
    expect(sanitizeText('a\r\n  b\nc', { multiline: false })).toBe('a b c')
  })
})

describe('errorMessage and isInsideRepo', () => {
  it('reads any thrown value', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom')
    expect(errorMessage('text')).toBe('text')
  })
  it('keeps paths below the root', () => {
    expect(isInsideRepo('docs/a.md')).toBe(true)
    expect(isInsideRepo('../outside/a.md')).toBe(false)
    expect(isInsideRepo('/tmp/x')).toBe(false)
    expect(isInsideRepo('docs/../../x')).toBe(false)
    expect(isInsideRepo('')).toBe(false)
  })
})
