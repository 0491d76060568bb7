import { ConfigError, formatConfigIssue } from '../../src/config/errors.js'

describe('ConfigError', () => {
  it('formats one issue as file:line:column: key: message', () => {
    const e = new ConfigError({ file: '.github/reliability.yml', line: 7, column: 12, key: 'lint.rules.PM009', message: 'must be one of off, warning, error (got "of")' })
    expect(e).toBeInstanceOf(Error)
    expect(e.name).toBe('ConfigError')
    expect(e.message).toBe('.github/reliability.yml:7:12: lint.rules.PM009: must be one of off, warning, error (got "of")')
    expect([e.file, e.line, e.column, e.key]).toEqual(['.github/reliability.yml', 7, 12, 'lint.rules.PM009'])
    expect(e.issues).toHaveLength(1)
  })

  it('leaves out the position when there is none and the key when it is the whole document', () => {
    expect(formatConfigIssue({ file: '--rule', key: 'lint.rules.PM009', message: 'm' })).toBe('--rule: lint.rules.PM009: m')
    expect(formatConfigIssue({ file: 'a.yml', line: 2, column: 1, key: '', message: 'm' })).toBe('a.yml:2:1: m')
  })

  it('lists every issue and exposes the first one as file/line/column/key', () => {
    const e = new ConfigError([
      { file: 'a.yml', line: 2, column: 3, key: 'lint.cache', message: 'one' },
      { file: 'input rules', key: 'lint.rules.PM012', message: 'two' }
    ])
    expect(e.message).toBe('2 problems in the configuration:\n  a.yml:2:3: lint.cache: one\n  input rules: lint.rules.PM012: two')
    expect([e.file, e.line, e.column, e.key]).toEqual(['a.yml', 2, 3, 'lint.cache'])
    expect(e.issues).toHaveLength(2)
  })

  it('refuses to be built without issues', () => {
    expect(() => new ConfigError([])).toThrow(TypeError)
  })
})
