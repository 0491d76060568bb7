// The layering of docs/ARCHITECTURE.md, enforced over src/'s import graph (read with TypeScript's parser:
// __tests__/architecture/import-graph.ts; the rules: __tests__/architecture/layers.ts):
//   1. no import cycles, `import type` ones included;
//   2. evaluation and model code (postmortem/, experiments/, lint/, gates/, sync/plan*, audit/, review/)
//      imports no adapter or renderer (io/, report/, github/, sync/trackers/), no @actions/* and no fs;
//   3. nothing below the entries (main.ts, index.ts, cli.ts, cli/, action/) reads `process`.
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
const KNOWN_BREACHES: Record<string, string> = {
  // The lint worker pool and its thread's entry live in lint/ and touch the disk (existsSync of the worker
  // bundle, of linked files). Not assigned yet: move both to io/ beside audit-worker-pool.ts and
  // audit-worker.ts (issue 12, "Make the layers a test").
  'src/lint/lint-worker.ts → node:fs': 'issue 12: lint worker pool and worker entry move to io/',
  'src/lint/worker-pool.ts → node:fs': 'issue 12: lint worker pool and worker entry move to io/',

  // sync/trackers/tracker.ts is the trackers' interface (types, TRACKER_NAMES, pure normalisers), not an
  // adapter, but it sits among the adapters. Not assigned yet: move it out of trackers/ (e.g. to
  // src/sync/tracker.ts, leaving a re-export while the adapters move over) (issue 12, "Make the layers a test").
  'src/review/packet.ts → src/sync/trackers/tracker.ts': 'issue 12: the tracker interface moves out of sync/trackers/',
  'src/review/render-markdown.ts → src/sync/trackers/tracker.ts': 'issue 12: the tracker interface moves out of sync/trackers/',
  'src/review/tracker-status.ts → src/sync/trackers/tracker.ts': 'issue 12: the tracker interface moves out of sync/trackers/',
  'src/sync/plan.ts → src/sync/trackers/tracker.ts': 'issue 12: the tracker interface moves out of sync/trackers/'
}

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
