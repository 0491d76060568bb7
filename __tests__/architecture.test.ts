// The layering of docs/ARCHITECTURE.md, enforced over src/'s import graph (read with TypeScript's parser:
// __tests__/architecture/import-graph.ts; the rules: __tests__/architecture/layers.ts):
//   1. no import cycles, `import type` ones included;
//   2. evaluation and model code (postmortem/, experiments/, lint/, gates/, sync/plan*, audit/, review/)
//      imports no adapter or renderer (io/, report/, github/, sync/trackers/), no @actions/* and no fs;
//   3. nothing below the entries (main.ts, index.ts, cli.ts, cli/, action/) reads `process`.
// A re-export-only file (src/sync/trackers/tracker.ts, an alias of src/sync/tracker.ts) is looked through:
// rule 2 judges what it re-exports.
//
// KNOWN_BREACHES lists what the code does against these rules today, each with the work that removes it.
// The test fails on a breach that is not listed, and on a listed breach that no longer occurs: fixing one
// means deleting its line here, so the list only ever shrinks.

import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from '@jest/globals'
import { readSourceGraph } from './architecture/import-graph.js'
import { findBreaches } from './architecture/layers.js'

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Breach id → the issue item that removes it (and who is on it, when someone is). */
const KNOWN_BREACHES: Record<string, string> = {}

describe('architecture: the layers of docs/ARCHITECTURE.md hold in src/', () => {
  const breaches = findBreaches(readSourceGraph(REPO_ROOT, 'src'))

  test('no breach beyond the known ones (cycles, pure code importing adapters/renderers/fs, process below the entries)', () => {
    const unlisted = breaches.filter((b) => !(b.id in KNOWN_BREACHES)).map((b) => `${b.id}  [${b.detail}]`)
    // A new entry here is a layering mistake to fix, not to list: see docs/ARCHITECTURE.md, "Layers, enforced".
    expect(unlisted).toEqual([])
  })

  test('every known breach still occurs (delete the line of one that was fixed)', () => {
    const current = new Set(breaches.map((b) => b.id))
    expect(Object.keys(KNOWN_BREACHES).filter((id) => !current.has(id))).toEqual([])
  })
})
