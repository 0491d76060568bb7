// The audit's scoring code stays pure (docs/ARCHITECTURE.md): nothing in src/audit/ reads files, imports
// the I/O layer or the reports, or reads `process`; the reading is injected from src/io/.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'

const DIR = fileURLToPath(new URL('../../src/audit/', import.meta.url))
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.ts'))
const FORBIDDEN_IMPORT = /from\s+'(\.\.\/(io|report|github|action|cli|modes)\/[^']*|node:fs(\/promises)?|fs|@actions\/[^']*)'/

describe('src/audit/', () => {
  it.each(FILES)('%s imports no I/O, report or entry module', (file) => {
    const imports = readFileSync(path.join(DIR, file), 'utf8').split('\n').filter((line) => FORBIDDEN_IMPORT.test(line))
    expect(imports).toEqual([])
  })

  it.each(FILES)('%s does not read process', (file) => {
    const code = readFileSync(path.join(DIR, file), 'utf8').replace(/\/\/.*$/gm, '')
    expect(code).not.toMatch(/\bprocess\./)
  })
})
