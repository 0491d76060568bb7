// Exactly once, whatever fails: hundreds of random item sets and fault schedules (429 with retry-after,
// 500/502/503, stalls, connection resets, and writes that the tracker committed before the answer was
// lost), each synced three times against a fake tracker, ticking some items between runs. After every
// run no item has two tickets; after the third (whose leftover faults are dropped), every open item has
// exactly one open ticket, every ticked item's ticket is closed, and no other ticket exists.
// Between runs time passes (Jira's search index catches up); within a run, search lags behind writes.
//
// The same property for each tracker; SYNC_PROPERTY_RUNS sets the runs per tracker (default 100).

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { runSync } from '../../src/modes/sync.js'
import { parsePostmortem } from '../../src/postmortem/parse.js'
import { collectSyncItems } from '../../src/sync/items.js'
import { HARNESSES, type GenericFault, type FaultPoint, type Harness } from './harnesses.js'
import { memoryRepo, NO_WAIT, postmortemText, syncTestConfig } from './helpers.js'

const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 100)

const SUMMARIES = [
  'Add an idempotency key to the refund tool',
  'Page on duplicate refunds',
  'Rebuild the catalog index behind an alias',
  'Add empty-result cases to the eval suite',
  'Score tone hourly on live transcripts',
  'Block answers that mention foreign orders',
  'Reject filters on unknown fields',
  'Cap per-mission token spend'
]

const fault: fc.Arbitrary<GenericFault> = fc.oneof(
  fc.constantFrom<GenericFault>(
    { kind: 'status', status: 500 },
    { kind: 'status', status: 502 },
    { kind: 'status', status: 503 },
    { kind: 'timeout' },
    { kind: 'reset' },
    { kind: 'after-commit', then: 'timeout' },
    { kind: 'after-commit', then: 'reset' },
    { kind: 'after-commit', then: 502 }
  ),
  fc.integer({ min: 0, max: 2 }).map((retryAfter): GenericFault => ({ kind: 'rate-limit', retryAfter }))
)

const POINTS: FaultPoint[] = ['create', 'update', 'list', 'setup']

const scenario = fc.record({
  items: fc.uniqueArray(
    fc.record({ summary: fc.constantFrom(...SUMMARIES), postmortem: fc.integer({ min: 1, max: 3 }), checked: fc.boolean(), tickLater: fc.boolean() }),
    { minLength: 1, maxLength: 6, selector: (i) => i.summary }
  ),
  faults: fc.array(fc.tuple(fc.constantFrom(...POINTS), fault), { maxLength: 8 }),
  writeBack: fc.boolean()
})

for (const harness of HARNESSES) {
  harness.describe(`sync → ${harness.kind}, property: exactly one ticket per open item under faults`, () => {
    let fake: Harness['fake']
    beforeAll(async () => {
      fake = await harness.start()
    })
    afterAll(async () => {
      await harness.stop(fake)
    })

    it(`holds for ${RUNS} random item sets and fault schedules, three runs each`, async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ items, faults, writeBack }) => {
          harness.reset(fake)
          const files: Record<string, string> = {}
          for (const pm of [1, 2, 3]) {
            const mine = items.filter((i) => i.postmortem === pm)
            if (mine.length > 0) files[`docs/postmortems/PM-${pm}.md`] = postmortemText(pm, mine.map((i) => ({ summary: i.summary, checked: i.checked })))
          }
          const repo = memoryRepo(files)
          for (const [point, f] of faults) harness.inject(fake, point, f)
          const config = syncTestConfig({ tracker: harness.kind, 'write-back': writeBack ? 'commit' : 'off', owners: { ana: 'ana@example.com' } })

          for (let run = 1; run <= 3; run++) {
            if (run > 1) harness.between(fake)
            if (run === 2) {
              // Some open items are done between the runs.
              for (const item of items.filter((i) => i.tickLater && !i.checked)) {
                const path = `docs/postmortems/PM-${item.postmortem}.md`
                repo.files.set(path, (repo.files.get(path) ?? '').replace(`- [ ] ${item.summary} ::`, `- [x] ${item.summary} ::`))
              }
            }
            // The last run is the calm after the storm; and a week has passed (search indexes caught up).
            if (run === 3) harness.calm(fake)
            const sync = runSync(config, { dryRun: false, trackerKind: harness.kind, lineUrl: (p, l) => `https://github.com/acme/app/blob/HEAD/${p}#L${l}`, execute: { ...NO_WAIT, attempts: 3 } }, repo.adapters(harness.tracker(fake, config, run === 3)))
            // A stormy run may fail as a whole when the look-up itself keeps failing (the CLI exits 1, nothing written); the calm one may not.
            if (run < 3) await sync.catch(() => undefined)
            else await sync
            const allKeys = harness.tickets(fake).flatMap((t) => t.keys)
            expect(new Set(allKeys).size).toBe(allKeys.length)
          }

          const current = collectSyncItems([...repo.files].map(([path, text]) => parsePostmortem(text, path))).items
          const tickets = harness.tickets(fake)
          for (const item of current) {
            const mine = tickets.filter((t) => t.keys.includes(item.key))
            if (!item.checked) {
              expect(mine).toHaveLength(1)
              expect(mine[0]?.state).toBe('open')
            } else {
              expect(mine.length).toBeLessThanOrEqual(1)
              if (mine[0]) expect(mine[0].state).toBe('closed')
            }
          }
          // Nothing else: every ticket belongs to an item, and items ticked from the start never got one.
          const known = new Set(current.map((i) => i.key))
          for (const t of tickets) expect(t.keys.some((k) => known.has(k))).toBe(true)
          for (const i of items.filter((x) => x.checked)) {
            const key = current.find((c) => c.summary === i.summary)?.key ?? ''
            expect(tickets.some((t) => t.keys.includes(key))).toBe(false)
          }
        }),
        { numRuns: RUNS }
      )
    }, 600_000)
  })
}
