import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

const root = new URL('../../', import.meta.url)
const readme = readFileSync(new URL('README.md', root), 'utf8')

describe('README', () => {
  it('lists every Action input and output exactly as action.yml declares them', () => {
    expect(() => execFileSync(process.execPath, ['scripts/action-reference.mjs', '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow()
    const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as { inputs: object; outputs: object }
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) expect(readme).toContain(`| \`${name}\` |`)
  })

  it('names the two quick-start commands and the npm scripts it mentions exist', () => {
    expect(readme).toContain('npm ci && npm run demo')
    expect(readme).toContain('npm ci && npm test')
    const scripts = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> }).scripts
    for (const [, name] of readme.matchAll(/npm run ([a-z:]+)/g)) expect(Object.keys(scripts)).toContain(name)
  })
})
