// The example experiment docs and the template in this repository are what users copy: they must validate.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { validateExperimentDoc } from '../../src/experiments/validate.js'

const DIR = fileURLToPath(new URL('../../docs/experiments/', import.meta.url))
const ROOT = fileURLToPath(new URL('../../', import.meta.url))

describe('docs/experiments', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.md'))

  it.each(files)('%s validates', (file) => {
    expect(validateExperimentDoc(readFileSync(`${DIR}${file}`), `docs/experiments/${file}`).problems).toEqual([])
  })

  it('has a template, at least one concluded example, and examples whose related files exist', () => {
    expect(files).toContain('TEMPLATE.md')
    const docs = files.filter((f) => f.startsWith('EXP-')).map((f) => validateExperimentDoc(readFileSync(`${DIR}${f}`), f).doc!)
    expect(docs.length).toBeGreaterThanOrEqual(2)
    expect(docs.some((d) => d.status === 'concluded' && d.outcome !== undefined)).toBe(true)
    for (const related of docs.flatMap((d) => d.related ?? [])) {
      const path = /^PM-\d+$/.test(related) ? `docs/postmortems/${related}.md` : related
      expect(existsSync(`${ROOT}${path}`)).toBe(true)
    }
    for (const d of docs) expect(d.path).toMatch(new RegExp(`^EXP-${d.created}-[a-z0-9-]+\\.md$`))
  })
})
