import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { VERSION } from '../../src/version.js'

describe('VERSION', () => {
  it('equals the version in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(VERSION).toBe(pkg.version)
  })
})
