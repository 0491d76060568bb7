import { readableFileRule } from '../../src/lint/rules/PM000-readable.js'
import { VALID_POSTMORTEM, check, postmortem } from './helpers.js'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('PM000 readable-file', () => {
  test('passes a readable postmortem, as text or as bytes', () => {
    expect(check(readableFileRule, VALID_POSTMORTEM)).toEqual([])
    expect(check(readableFileRule, bytes(postmortem()))).toEqual([])
  })

  test('reports a binary file at line 1', () => {
    const reports = check(readableFileRule, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]))
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ line: 1, column: 1 })
    expect(reports[0]?.message).toMatch(/binary/)
  })

  test('reports invalid UTF-8 at the line of the first bad byte', () => {
    const head = bytes('# Incident PM-42: Router loop\n\n- Date: 2026-10-14\n- Owners: Ren')
    const input = new Uint8Array([...head, 0xe9, ...bytes('\n')])
    const reports = check(readableFileRule, input)
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ line: 4 })
    expect(reports[0]?.message).toMatch(/not valid UTF-8.*Re-save it as UTF-8/)
  })

  test('reports a file over 2 MB', () => {
    const reports = check(readableFileRule, new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61))
    expect(reports).toHaveLength(1)
    expect(reports[0]?.line).toBe(1)
    expect(reports[0]?.message).toMatch(/over the 2 MB/)
  })

  test('reports malformed front matter at its line and says how to fix it', () => {
    const text = ['---', 'date: 2026-10-14', 'severity: [Sev2', 'owners: "@maria.chen"', '---', '# Incident PM-42: x', ''].join('\n')
    const reports = check(readableFileRule, text)
    expect(reports).toHaveLength(1)
    // Somewhere in the front matter (the parser cannot always pin the exact line of a YAML error).
    expect(reports[0]?.line).toBeGreaterThanOrEqual(2)
    expect(reports[0]?.line).toBeLessThanOrEqual(4)
    expect(reports[0]?.message).toMatch(/^Front matter is not valid YAML/)
    expect(reports[0]?.message).toMatch(/Fix the YAML between the `---` lines/)
  })
})
