// A repository with incidents in two of the six trend months, audits in two, one postmortem: the publish tests' data.
import { AUDIT, POSTMORTEM, rec } from '../review/fixtures.js'

export const REVIEW_FILES = {
  'docs/postmortems/PM-7.md': POSTMORTEM,
  'logs/incidents/a.ndjson': rec({ ts: '2026-10-14T08:55:00Z', id: 'INC-7', severity: 'Sev2', status: 'triggered', title: 'Loop <script>alert(1)</script> & co' }) + rec({ ts: '2026-10-14T10:30:00Z', id: 'INC-7', severity: 'Sev2', status: 'resolved', title: 'Loop <script>alert(1)</script> & co' }),
  'logs/incidents/b.ndjson': rec({ ts: '2026-08-02T10:00:00Z', id: 'INC-5', severity: 'Sev1', status: 'triggered', title: 'Outage' }) + rec({ ts: '2026-08-02T16:00:00Z', id: 'INC-5', severity: 'Sev1', status: 'resolved', title: 'Outage' }),
  'logs/incidents/c.ndjson': rec({ ts: '2026-10-30T10:00:00Z', id: 'INC-8', severity: 'Sev3', status: 'triggered', title: 'Still open' }),
  'reliability/audits/2026-09.ndjson': AUDIT('2026-09', 'c', { tone: 4 }),
  'reliability/audits/2026-10.ndjson': AUDIT('2026-10', 'c', { tone: 3 })
}
