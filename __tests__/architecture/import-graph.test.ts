// The architecture test's reader and rules on planted code: each kind of breach it must see, and the
// look-alikes it must not count.

import { describe, expect, test } from '@jest/globals'
import { analyseSources, importCycles } from './import-graph.js'
import { findBreaches } from './layers.js'

const graphOf = (files: Record<string, string>) => analyseSources(new Map(Object.entries(files)))
const ids = (files: Record<string, string>) => findBreaches(graphOf(files)).map((b) => b.id)

describe('import graph', () => {
  test('sees static, type-only, re-exported, dynamic, import-type and require imports, resolved from .js to .ts', () => {
    const graph = graphOf({
      'src/a.ts': [
        "import { b } from './b.js'",
        "import type { C } from './c/index.js'",
        "export { d } from './d.js'",
        "const e = await import('./e.js')",
        "type F = import('./f.js').F",
        "import { type G } from './g.js'",
        "import 'node:fs'"
      ].join('\n'),
      'src/b.ts': '',
      'src/c/index.ts': '',
      'src/d.ts': '',
      'src/e.ts': '',
      'src/f.ts': '',
      'src/g.ts': ''
    })
    expect(graph.imports.map((e) => [e.to, e.typeOnly])).toEqual([
      ['src/b.ts', false],
      ['src/c/index.ts', true],
      ['src/d.ts', false],
      ['src/e.ts', false],
      ['src/f.ts', true],
      ['src/g.ts', true],
      ['node:fs', false]
    ])
  })

  test('finds cycles, import type ones too, and self-imports; a chain is no cycle', () => {
    expect(importCycles(graphOf({ 'src/a.ts': "import type { B } from './b.js'", 'src/b.ts': "import { a } from './a.js'" }))).toEqual([['src/a.ts', 'src/b.ts']])
    expect(importCycles(graphOf({ 'src/a.ts': "import './a.js'" }))).toEqual([['src/a.ts']])
    expect(importCycles(graphOf({ 'src/a.ts': "import './b.js'", 'src/b.ts': "import './c.js'", 'src/c.ts': '' }))).toEqual([])
    expect(ids({ 'src/x/a.ts': "import '../y/b.js'", 'src/y/b.ts': "import '../z/c.js'", 'src/z/c.ts': "import type { A } from '../x/a.js'" })).toEqual(['cycle: src/x/a.ts ↔ src/y/b.ts ↔ src/z/c.ts'])
  })
})

describe('layer rules', () => {
  test('pure code importing io/, report/, github/, sync/trackers/, @actions/* or fs is a breach; entries and io/ may', () => {
    expect(
      ids({
        'src/gates/g.ts': "import { summary } from '../report/job-summary.js'\nimport * as core from '@actions/core'",
        'src/lint/l.ts': "import { readFile } from 'node:fs/promises'",
        'src/audit/a.ts': "import type { X } from '../io/ndjson.js'",
        'src/sync/plan-more.ts': "import type { Tracker } from './trackers/tracker.js'",
        'src/review/r.ts': "import { readFileSync } from 'fs'",
        'src/postmortem/p.ts': "import type { Y } from '../github/client.js'",
        'src/sync/execute.ts': "import type { Tracker } from './trackers/tracker.js'",
        'src/io/files.ts': "import { readFile } from 'node:fs/promises'",
        'src/action/main.ts': "import * as core from '@actions/core'",
        'src/experiments/e.ts': "import { fsExtra } from 'fs-extra'",
        'src/report/job-summary.ts': '',
        'src/io/ndjson.ts': '',
        'src/sync/trackers/tracker.ts': '',
        'src/github/client.ts': ''
      })
    ).toEqual([
      'src/audit/a.ts → src/io/ndjson.ts',
      'src/gates/g.ts → @actions/core',
      'src/gates/g.ts → src/report/job-summary.ts',
      'src/lint/l.ts → node:fs/promises',
      'src/postmortem/p.ts → src/github/client.ts',
      'src/review/r.ts → fs',
      'src/sync/plan-more.ts → src/sync/trackers/tracker.ts'
    ])
  })

  test('a re-export-only file is looked through: an alias of pure code is no breach, an alias of an adapter still is', () => {
    expect(
      ids({
        'src/sync/tracker.ts': 'export const TRACKER_NAMES = {}',
        'src/sync/trackers/tracker.ts': "// moved\nexport * from '../tracker.js'",
        'src/review/packet.ts': "import { TRACKER_NAMES } from '../sync/trackers/tracker.js'",
        'src/io/ndjson.ts': "import { readFile } from 'node:fs/promises'",
        'src/util/ndjson.ts': "export { readNdjson } from '../io/ndjson.js'",
        'src/audit/a.ts': "import { readNdjson } from '../util/ndjson.js'",
        'src/sync/trackers/mixed.ts': "export * from '../tracker.js'\nexport const extra = 1",
        'src/sync/plan.ts': "import { extra } from './trackers/mixed.js'"
      })
    ).toEqual(['src/audit/a.ts → src/io/ndjson.ts', 'src/sync/plan.ts → src/sync/trackers/mixed.ts'])
  })

  test('reading process below the entries is a breach: members, globalThis.process, node:process; not a shadowing name or a type', () => {
    expect(
      ids({
        'src/util/env.ts': 'export const token = () => process.env.GITHUB_TOKEN',
        'src/util/cwd.ts': 'export const here = globalThis.process.cwd()',
        'src/util/argv.ts': "import { argv } from 'node:process'",
        'src/util/shadow.ts': 'export function run(process: { env: Record<string, string> }) { return process.env.X }',
        'src/util/type.ts': 'export type Env = typeof process.env\nexport const o = { process: 1 }\nexport const p = o.process',
        'src/cli/main.ts': 'process.exitCode = 1',
        'src/main.ts': 'console.log(process.argv)'
      })
    ).toEqual(['src/util/argv.ts: process', 'src/util/cwd.ts: process', 'src/util/env.ts: process'])
  })
})
