import fc from 'fast-check'
import { RULES } from '../../src/lint/rules/index.js'
import type { FileRule } from '../../src/lint/types.js'
import { makeContext, parse } from './helpers.js'

const fileRules = RULES.filter((r): r is FileRule => r.scope === 'file')

// Fragments that exercise every rule's branches; shuffled and mixed with arbitrary text.
const FRAGMENTS = [
  '# Incident PM-42: Router loop',
  '# Tool router',
  '---',
  'date: 2026-10-14',
  'severity: [Sev2',
  '- Date: 2026-02-30',
  '- Severity: Sev1',
  '- Severity:',
  '- Owners: @maria.chen, 42!',
  '- Traces: ftp://x',
  '- NDJSON: ../../x.ndjson, /abs, logs/a.ndjson',
  '- PagerDuty: PD-1',
  '- Status: draft',
  '## Summary',
  '## Timeline',
  '## Root Cause',
  '## Customer Impact',
  '## Action Items',
  '## Next Steps',
  '- 2026-10-14 09:02 UTC — alert',
  '- 08:00 — x',
  '- 2026-10-13 — y',
  '| 2026-10-14 | 25:00 | z |',
  '| --- | --- | --- |',
  '- [ ] Fix :: @a :: 2026-12-01',
  '- [ ] :: ::',
  '- [x] <summary> :: <owner> :: <YYYY-MM-DD>',
  '- plain',
  '```',
  '<!-- TODO -->',
  'TBD {{x}} `TODO` <https://a.b> <c@d.e> < >',
  ''
]

describe('robustness', () => {
  test('no rule throws on arbitrary mixes of template fragments and text, and reports stay inside the file', () => {
    const ctx = makeContext({ paths: ['logs/a.ndjson'] })
    const line = fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 40 }))
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.constantFrom('docs/postmortems/PM-42.md', 'x.md', 'PM-.md'), (lines, path) => {
        const pm = parse(lines.join('\n'), path)
        for (const rule of fileRules) {
          for (const report of rule.check(pm, ctx)) {
            if (report.line < 1 || report.line > Math.max(pm.lines.length, 1)) return false
            if (!report.message) return false
          }
        }
        return true
      }),
      { numRuns: 300 }
    )
  })
})
