import { describe, expect, it } from '@jest/globals'
import { loadConfig } from '../../src/config/load.js'
import { renderDefaultConfig } from '../../src/config/render-defaults.js'

const load = (text: string) => loadConfig({ root: '/repo', readFile: (p) => (p === '/repo/.github/reliability.yml' ? text : undefined) })

describe('renderDefaultConfig', () => {
  it('writes every section with its defaults, and loads to the same config as no file at all', () => {
    const text = renderDefaultConfig()
    for (const section of ['postmortems', 'lint', 'gate', 'sync', 'audit', 'experiment', 'review', 'drafts']) expect(text).toMatch(new RegExp(`^#? ?${section}:`, 'm'))
    const written = load(text)
    const none = load('')
    const { sections: _a, configFile: _b, ...fromFile } = written
    const { sections: _c, configFile: _d, ...fromDefaults } = none
    expect(fromFile).toEqual(fromDefaults)
  })

  it('sets an override by its dotted path', () => {
    expect(load(renderDefaultConfig({ overrides: { 'sync.tracker': 'linear' } })).sync?.tracker).toBe('linear')
  })
})
