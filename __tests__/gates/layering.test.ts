// The gates are evaluation: pure code over data. They import no adapters, renderers or vendor clients
// (nothing from io/, report/, github/, @actions/*, node:fs) and never read `process`, so the CLI's gate
// chunk carries no @actions/core and a gate's verdict depends only on its inputs.

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const GATES = fileURLToPath(new URL('../../src/gates/', import.meta.url))
const FORBIDDEN = [/^\.\.\/io\//, /^\.\.\/report\//, /^\.\.\/github\//, /^@actions\//, /^(node:)?fs(\/promises)?$/]

function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '')
}

describe('src/gates/ is pure evaluation', () => {
  const files = readdirSync(GATES).filter((f) => f.endsWith('.ts'))

  test('it has files to check', () => {
    expect(files.length).toBeGreaterThan(3)
  })

  test.each(files)('%s imports no adapter, renderer, vendor client or file system', (file) => {
    const bad = importsOf(readFileSync(join(GATES, file), 'utf8')).filter((spec) => FORBIDDEN.some((re) => re.test(spec)))
    expect(bad).toEqual([])
  })

  test.each(files)('%s does not read process', (file) => {
    const code = readFileSync(join(GATES, file), 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '')
    expect(code).not.toMatch(/\bprocess\s*[.[]/)
  })
})
