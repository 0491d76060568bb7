// "Did you mean …?" for config keys: typos, separators, and a singular written for a plural.
import { describe, expect, it } from '@jest/globals'
import { ConfigError } from '../../src/config/errors.js'
import { loadConfig } from '../../src/config/load.js'
import { closestName } from '../../src/util/did-you-mean.js'

const LINT_KEYS = ['rules', 'linked-severities', 'cache', 'cache-dir', 'concurrency']

describe('closestName', () => {
  it('suggests the plural key for a singular (linked-severity → linked-severities)', () => {
    expect(closestName('linked-severity', LINT_KEYS)).toBe('linked-severities')
    expect(closestName('linked_severity', LINT_KEYS)).toBe('linked-severities')
    expect(closestName('rule', LINT_KEYS)).toBe('rules')
  })

  it('keeps suggesting close typos and separator variants', () => {
    expect(closestName('cachedir', LINT_KEYS)).toBe('cache-dir')
    expect(closestName('concurency', LINT_KEYS)).toBe('concurrency')
    expect(closestName('linkedSeverities', LINT_KEYS)).toBe('linked-severities')
  })

  it('allows more edits in longer names, but not unrelated words', () => {
    expect(closestName('linkd-severitis', LINT_KEYS)).toBe('linked-severities')
    expect(closestName('colour', LINT_KEYS)).toBeUndefined()
    expect(closestName('x', LINT_KEYS)).toBeUndefined()
    expect(closestName('severity', LINT_KEYS)).toBeUndefined()
  })
})

describe('loadConfig: unknown keys', () => {
  it('lint.linked-severity suggests linked-severities at its line', () => {
    let message = ''
    try {
      loadConfig({ root: '/repo', readFile: (p) => (p === '/repo/.github/reliability.yml' ? 'lint:\n  linked-severity: [Sev1]\n' : undefined) })
    } catch (error) {
      if (error instanceof ConfigError) message = error.message
    }
    expect(message).toMatch(/^\.github\/reliability\.yml:2:3: lint\.linked-severity: unknown key \(did you mean "linked-severities"\?\)/)
  })
})
