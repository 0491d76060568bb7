// The packet is the same bytes on Node 20 and Node 24 (issue 10 item 13): the built CLI run by this
// machine's Node and by the `node` dev dependency (Node 24, what the Action runs on), on a repository with
// broken NDJSON lines, whose notes once repeated V8's JSON.parse messages (which differ between them).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { ensureBundle } from '../helpers/run-action.js'
import { AUDIT, makeRepo, POSTMORTEM, rec, removeRepos } from './fixtures.js'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const CLI = path.join(REPO, 'dist/cli.js')
const NODE_24 = path.join(REPO, 'node_modules/node/bin/node')
afterAll(removeRepos)

const versionOf = (node: string): string => spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()
const major = (version: string): string => version.replace(/^v(\d+)\..*$/, '$1')
/**
 * One Node per major version: this process's, the dev dependency's, and the machine's own `node` on PATH
 * (npm puts node_modules/.bin, hence Node 24, first on PATH for `npx jest`; the machine's is further on).
 */
function nodesByMajor(): Map<string, string> {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '' && !dir.includes('node_modules')).map((dir) => path.join(dir, 'node'))
  const byMajor = new Map<string, string>()
  for (const node of [process.execPath, NODE_24, ...onPath]) {
    if (!existsSync(node)) continue
    const m = major(versionOf(node))
    if (m !== '' && !byMajor.has(m)) byMajor.set(m, node)
  }
  return byMajor
}
const byMajor = nodesByMajor()
const majors = ['20', '24'].filter((m) => byMajor.has(m))
const nodes = majors.map((m) => byMajor.get(m) as string)
// Both are needed; on a machine without Node 20 (CI on Node 24 only) the test says so by being skipped.
const itAcross = majors.length === 2 ? it : it.skip

const FILES = {
  'docs/postmortems/PM-7.md': POSTMORTEM,
  'logs/incidents/loop.ndjson': rec({ ts: '2026-10-14T08:55:00Z', id: 'INC-7', severity: 'Sev2', status: 'triggered', title: 'Loop' }) + '{"ts": nope\n' + rec({ ts: '2026-10-14T10:30:00Z', id: 'INC-7', severity: 'Sev2', status: 'resolved', title: 'Loop' }) + '{"a":1,}\n',
  'logs/incidents/cut.ndjson': `${rec({ ts: '2026-10-05T10:00:00Z', id: 'INC-T', status: 'triggered', severity: 'Sev3' })}{"ts":"2026-10-05T12`,
  'logs/incidents/head.ndjson': `{'single': 'quotes'}\n${rec({ ts: '2026-10-06T10:00:00Z', id: 'INC-H', status: 'resolved', severity: 'Sev3' })}`,
  'reliability/audits/2026-10.ndjson': `${AUDIT('2026-10', 'c', { tone: 3 })}{"period":"2026-10",}\n[1,2\n`,
  'reliability/bypass-log.ndjson': `{"ts":"2026-10-09T10:00:00Z","gates":[tru]}\n`
}

describe(`the packet on Node 20 and Node 24 (found: ${majors.map((m) => `Node ${m}`).join(', ') || 'neither'})`, () => {
  beforeAll(ensureBundle, 120_000)

  itAcross('is the same bytes, markdown and JSON (but its generation time)', () => {
    const root = makeRepo(FILES)
    const run = (node: string, format: string) => {
      const r = spawnSync(node, [CLI, 'review', '--month', '2026-10', '--format', format], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
      expect(r.status).toBe(0)
      return r.stdout
    }
    const [markdown20, markdown24] = nodes.map((n) => run(n, 'markdown'))
    // The broken lines are there, in our words.
    expect(markdown20).toContain('invalid JSON: unexpected "}" at column 21')
    expect(markdown20).toContain('invalid JSON: the line ends before the JSON value does')
    expect(markdown24).toBe(markdown20)
    const [json20, json24] = nodes.map((n) => run(n, 'json').replace(/"generatedAt": "[^"]*"/, '"generatedAt": "…"'))
    expect(json24).toBe(json20)
  })
})
