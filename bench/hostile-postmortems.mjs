// Hostile postmortems: markdown shaped to make a CommonMark parser slow or hungry, each just under the
// 2 MB a postmortem may be. Used by `bench/lint.mjs --hostile` (see bench/README.md).
//
//   import { hostileShapes } from './hostile-postmortems.mjs'
//   for (const { name, text } of hostileShapes()) …
//
// Each text is a valid postmortem head (title, Date, Severity, a Summary heading) followed by one shape.
// Deterministic: no randomness, no clock.

const HEAD = '# Incident PM-1: hostile markdown\n\n- Date: 2026-10-14\n- Severity: Sev3\n\n## Summary\n\n'

// Below the parser's line limit (src/postmortem/parse.ts MAX_LINES), so these are parsed, not refused.
const MAX_LINES = 4_950

/** `unit` repeated to fill `size` characters. */
function fill(unit, size) {
  return unit.repeat(Math.max(1, Math.floor(size / unit.length)))
}

/** `line` repeated as many times as fit in `size` characters and the line limit. */
function lines(line, size) {
  const perLine = line.split('\n').length - 1 || 1
  return line.repeat(Math.max(1, Math.min(Math.floor(size / line.length), Math.floor(MAX_LINES / perLine))))
}

function distinctBacktickRuns(size) {
  const parts = []
  let length = 0
  for (let i = 0; length < size; i++) {
    const part = `${'`'.repeat((i % 500) + 1)}x `
    parts.push(part)
    length += part.length
  }
  return parts.join('')
}

/** name → body; the issue's shape first (alternating links and emphasis in one paragraph). */
const SHAPES = {
  'links-emphasis': (n) => fill('[a](b) *c* ', n),
  'links-emphasis-tight': (n) => fill('[a](b)*c*', n),
  'nested-emphasis': (n) => `${'*'.repeat(n / 2)}a${'*'.repeat(n / 2)}`,
  'emphasis-alternating': (n) => `${fill('*a _', n / 2)}${fill('b* c_ ', n / 2)}`,
  'stars': (n) => fill('*a', n),
  'underscores': (n) => fill('_a ', n),
  'nested-brackets': (n) => `${'['.repeat(n / 2)}a${fill('](b)', n / 2)}`,
  'open-brackets': (n) => '['.repeat(n),
  'brackets-words': (n) => fill('[a ', n),
  'images': (n) => fill('![a](b ', n),
  'backticks': (n) => fill('`a``b', n),
  'backtick-runs-distinct': (n) => distinctBacktickRuns(n),
  'autolinks-unclosed': (n) => fill('<a ', n),
  'html-unclosed-attribute': (n) => fill('<a x="', n),
  'html-comments-unclosed': (n) => fill('<!-- ', n),
  'html-in-emphasis': (n) => fill('*<a>*', n),
  'entities': (n) => fill('&amp;', n),
  'escapes': (n) => fill('\\*', n),
  'reference-uses': (n) => `[a]: b\n\n${fill('[a][a] ', n)}`,
  'reference-definitions': (n) => lines('[r]: http://x\n', n),
  'table-rows': (n) => `| a | b |\n|---|---|\n${lines('| 1 | 2 |\n', n).split('\n').slice(0, 4990).join('\n')}\n${fill('x', n / 2)}`,
  'table-rows-no-pipes': (n) => `a | b\n--|--\n${lines('1 | 2\n', n)}`,
  'table-wide': (n) => `| ${fill('a | ', n / 2)}\n|${fill('---|', n / 2)}\n`,
  'table-long-rows': (n) => `| a | b |\n|---|---|\n${lines(`${fill('word ', 10_000)}\n`, n)}`,
  'one-long-line': (n) => fill('word ', n),
  'short-lines': (n) => lines('a\n', n),
  'paragraphs': (n) => lines('a\n\n', n),
  'headings': (n) => lines('# a\n', n),
  'fences': (n) => lines('```\n', n),
  'thematic-breaks': (n) => lines('***\n\n', n),
  'html-blocks': (n) => lines('<!-- x -->\n', n),
  'indented-code': (n) => lines('    a\n', n),
  // Past the line limit: refused before parsing (before the limit, 1 MB of these took seconds and GBs).
  'short-lines-unbounded': (n) => fill('a\n', n),
  'paragraphs-unbounded': (n) => fill('a\n\n', n)
}

/**
 * The hostile shapes, each a postmortem of at most `bytes` (default just under 2 MiB).
 * @returns {Array<{ name: string, text: string }>}
 */
export function hostileShapes(bytes = 2 * 1024 * 1024 - 4096) {
  const room = bytes - HEAD.length - 1
  return Object.entries(SHAPES).map(([name, make]) => {
    const text = `${HEAD}${make(room).slice(0, room)}\n`
    if (Buffer.byteLength(text) > bytes) throw new Error(`hostile shape ${name} is ${Buffer.byteLength(text)} bytes, over ${bytes}`)
    return { name, text }
  })
}
