// docs/rules/PM0xx.md must match the rules: each documents its default severity and how to configure it,
// its failing example makes the rule report exactly the findings shown, and its passing example passes.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RULES } from '../../src/lint/rules/index.js'
import type { PostmortemDigest, Rule, RuleReport } from '../../src/lint/types.js'
import { EXISTING_PATHS, makeContext, parse } from './helpers.js'

const DOCS = join(process.cwd(), 'docs/rules')

interface Example {
  path: string
  text: string
}

/** The ```markdown blocks of a section that are introduced by a "`path.md`…:" line. */
function examples(section: string): Example[] {
  const found: Example[] = []
  for (const m of section.matchAll(/^`([^`\n]+\.md)`[^\n]*:\n\n```markdown\n([\s\S]*?)\n```$/gm)) {
    found.push({ path: m[1] ?? '', text: `${m[2] ?? ''}\n` })
  }
  return found
}

/** The text under `## heading`, up to the next level-2 heading outside code blocks. */
function section(doc: string, heading: string): string {
  const lines = doc.split('\n')
  let inFence = false
  let start = -1
  let end = lines.length
  lines.forEach((line, i) => {
    if (/^```/.test(line)) inFence = !inFence
    if (inFence || !line.startsWith('## ')) return
    if (start < 0 && line === `## ${heading}`) start = i
    else if (start >= 0 && i > start && end === lines.length) end = i
  })
  return start < 0 ? '' : `${lines.slice(start, end).join('\n')}\n`
}

/** The rule's findings on the examples, one line each, as the docs show them. */
function findingsOf(rule: Rule, files: readonly Example[]): string[] {
  const ctx = makeContext({ paths: EXISTING_PATHS })
  type Located = RuleReport & { path: string }
  const line = (r: Located): string => `${r.path}:${r.line}:${r.column ?? 1}  ${r.severity ?? rule.defaultSeverity}  ${r.message}  ${rule.id}`
  const byPosition = (a: Located, b: Located): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.column ?? 1) - (b.column ?? 1))
  if (rule.scope === 'file') {
    return files
      .flatMap((file) => rule.check(parse(file.text, file.path), ctx).map((r) => ({ ...r, path: file.path })))
      .sort(byPosition)
      .map(line)
  }
  const digests: PostmortemDigest[] = files.map((file) => {
    const pm = parse(file.text, file.path)
    const title = pm.title
    return { path: file.path, line: title?.position.line ?? 1, column: title?.position.column ?? 1, disabledRules: pm.disabledRules, ...(title?.id ? { id: title.id } : {}) }
  })
  return [...rule.check(digests, ctx)].sort(byPosition).map(line)
}

describe('rule documentation', () => {
  test('docs/rules/README.md lists every rule with its default severity', () => {
    const readme = readFileSync(join(DOCS, 'README.md'), 'utf8')
    for (const rule of RULES) {
      expect(readme).toMatch(new RegExp(`\\| \\[${rule.id}\\]\\(${rule.id}\\.md\\) \\| \`${rule.name}\` \\|[^\\n]*\\| ${rule.defaultSeverity}`))
    }
  })

  describe.each(RULES.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
    const file = join(DOCS, `${id}.md`)
    const doc = existsSync(file) ? readFileSync(file, 'utf8') : ''

    test('exists, with the rule name, default severity and configuration', () => {
      expect(doc.startsWith(`# ${id} ${rule.name}\n`)).toBe(true)
      expect(doc).toMatch(new RegExp(`\\n\\| ${rule.defaultSeverity}\\b`))
      for (const heading of ['What it checks', 'Why it matters', 'Configuration', 'Failing example', 'Passing example']) {
        expect(doc).toContain(`\n## ${heading}\n`)
      }
      if (id !== 'PM000') {
        expect(doc).toContain(`lint:\n  rules:\n    ${id}: "`)
        expect(doc).toContain(`<!-- reliability-loop-disable ${id} -->`)
      }
    })

    test('its failing example gives exactly the findings shown', () => {
      const failing = section(doc, 'Failing example')
      const files = examples(failing)
      expect(files.length).toBeGreaterThan(0)
      const shown = /\n```text\n([\s\S]*?)\n```/.exec(failing)?.[1]?.split('\n') ?? []
      const actual = findingsOf(rule, files)
      expect(actual.length).toBeGreaterThan(0)
      expect(shown).toEqual(actual)
    })

    test('its passing example passes', () => {
      const files = examples(section(doc, 'Passing example'))
      expect(files.length).toBeGreaterThan(0)
      expect(findingsOf(rule, files)).toEqual([])
    })
  })
})
