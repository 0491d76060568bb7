// The postmortem mode over injected adapters: incidents from a Redis stream (entries grouped by incident id),
// and the stream failing.
import { describe, expect, it } from '@jest/globals'
import { loadConfig } from '../../src/config/load.js'
import { DraftInputError, draftPostmortem, type PostmortemAdapters } from '../../src/modes/postmortem.js'
import type { StreamEntry } from '../../src/review/stream-incidents.js'

const config = loadConfig({ root: '/repo', readFile: (p) => (p === '/repo/.github/reliability.yml' ? 'review:\n  incidents:\n    source: redis\n' : undefined) })

function adapters(stream: () => Promise<StreamEntry[]>): PostmortemAdapters {
  return {
    files: { glob: async () => [], read: async () => new Uint8Array(), exists: () => false },
    incidentEnds: async () => ({ problems: [] }),
    recordsFromStart: async function* () {},
    streamEntries: async (key, start, end) => {
      expect([key, start, end]).toEqual(['incident:timeline', '-', '+'])
      return stream()
    }
  }
}

const entry = (ms: number, fields: Record<string, string>): StreamEntry => ({ id: `${ms}-0`, message: fields })

describe('postmortem mode on a Redis stream', () => {
  it('drafts from the entries of one incident, times from the entry ids when records carry none', async () => {
    const t0 = Date.parse('2026-10-20T07:00:00Z')
    const entries = [
      entry(t0, { id: 'INC-7', severity: 'Sev3', status: 'triggered', title: 'Search slow' }),
      entry(t0 + 60_000, { id: 'INC-8', severity: 'Sev4', status: 'triggered', title: 'Other' }),
      entry(t0 + 5 * 60_000, { json: JSON.stringify({ id: 'INC-7', severity: 'Sev3', status: 'acknowledged', commander: 'li.wu' }) }),
      entry(t0 + 65 * 60_000, { id: 'INC-7', severity: 'Sev3', status: 'resolved', title: 'Search slow' })
    ]
    const draft = await draftPostmortem(config, { incident: 'INC-7', today: '2026-11-20' }, adapters(async () => entries))
    expect(draft.path).toBe('docs/postmortems/PM-1.md')
    expect(draft.text).toContain('- 2026-10-20 07:00 UTC — Incident triggered.\n- 2026-10-20 07:05 UTC — Status triggered → acknowledged.\n- 2026-10-20 08:05 UTC — Status acknowledged → resolved.')
    expect(draft.text).toMatch(/Time to detect: 5 min .*Time to resolve: 1 h 5 min/)
    expect(draft.owners).toEqual(['@li.wu'])
  })

  it('a stream that cannot be read is an input error naming it', async () => {
    await expect(draftPostmortem(config, { incident: 'INC-7', today: '2026-11-20' }, adapters(async () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379'))))).rejects.toThrow(
      new DraftInputError('cannot read the incident stream incident:timeline: ECONNREFUSED 127.0.0.1:6379')
    )
  })
})
