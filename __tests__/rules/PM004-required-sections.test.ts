import { requiredSectionsRule } from '../../src/lint/rules/PM004-required-sections.js'
import { check, defaultConfig, postmortem, summarize } from './helpers.js'

const doc = (...lines: string[]): string => ['# Incident PM-42: Router loop', '', ...lines, ''].join('\n')

describe('PM004 required-sections', () => {
  test('passes when every template section has content', () => {
    expect(check(requiredSectionsRule, postmortem())).toEqual([])
  })

  test('accepts configured aliases and headings with numbers or notes', () => {
    const text = doc('## TL;DR', 'x', '## 2. Timeline (times in UTC)', '- 2026-10-14 09:02 UTC — x', '## Contributing Factors', 'x', '## Impact', 'x', '## Corrective Actions', '- [ ] x :: @a :: 2026-12-01')
    expect(check(requiredSectionsRule, text)).toEqual([])
  })

  test('reports a missing section before the next template section, naming its aliases', () => {
    const text = doc('## Summary', 'x', '## Timeline', '- 2026-10-14 09:02 UTC — x', '## Customer Impact', 'x', '## Action Items', '- [ ] x :: @a :: 2026-12-01')
    expect(summarize(check(requiredSectionsRule, text))).toEqual([
      '7:1 Required section "Root Cause" is missing; add "## Root Cause" (also accepted as heading: "Root Causes", "Cause", "Contributing Factors") before "Customer Impact" (line 7).'
    ])
  })

  test('reports a missing last section at the end of the file', () => {
    const config = defaultConfig()
    config.postmortems.sectionAliases = {}
    const text = doc('## Summary', 'x', '## Timeline', '- 2026-10-14 09:02 UTC — x', '## Root Cause', 'x', '## Customer Impact', 'x', '')
    expect(summarize(check(requiredSectionsRule, text, { config }))).toEqual([
      '10:1 Required section "Action Items" is missing; add "## Action Items" at the end of the file.'
    ])
  })

  test('reports an empty section (blank lines and comments only) at its heading', () => {
    const text = doc('## Summary', 'x', '## Timeline', '', '<!-- fill in -->', '', '## Root Cause', 'x', '## Customer Impact', 'x', '## Action Items', '- [ ] x :: @a :: 2026-12-01')
    expect(summarize(check(requiredSectionsRule, text))).toEqual([
      '5:1 Section "Timeline" is empty; write timestamped entries such as "- 2026-10-14 09:02 UTC — Error-rate alert fired.".'
    ])
  })

  test('reports configured custom sections', () => {
    const config = defaultConfig()
    config.postmortems.sections = ['Summary', 'Lessons Learned']
    const reports = check(requiredSectionsRule, doc('## Summary', 'x', '## Lessons Learned', ''), { config })
    expect(summarize(reports)).toEqual(['5:1 Section "Lessons Learned" is empty; write what this section of the template asks for.'])
  })
})
