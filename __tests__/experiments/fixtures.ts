// A valid experiment doc and small ways to break it, shared by the experiment tests.

export const ID = '3f2b8c1e-6d4a-4e0b-9a57-2c1d0e9f8a76'

export const FRONT_MATTER_LINES = [
  `id: ${ID}`,
  'name: Ask before retrying an empty search',
  'owner: "@maria.chen"',
  'status: running',
  'change:',
  '  type: prompt',
  '  ref: research-agent prompt v43',
  'hypothesis: Two empty searches then a question removes the loops.',
  'metrics:',
  '  - name: task_success_rate',
  '    baseline: 0.78',
  '    target: 0.82',
  '  - name: p95_latency',
  '    baseline: 4.1 s',
  '    target: "<= 3.5 s"',
  'guardrails:',
  '  - name: audit:tool-use',
  '    threshold: ">= 0.85"',
  '    source: audit',
  'rollback:',
  '  trigger: task_success_rate below 0.74 for 2 hours',
  '  steps:',
  '    - Set research.prompt_version back to v42 and deploy',
  '    - Check the next 20 missions log prompt v42',
  '  owner: "@dev-ops"',
  'created: 2026-10-16'
]

export function docText(frontMatter: readonly string[] = FRONT_MATTER_LINES, body = '\n# Ask before retrying an empty search\n\n## Context\n\nPM-102.\n'): string {
  return `---\n${frontMatter.join('\n')}\n---\n${body}`
}

/** The front matter with the line starting `prefix` replaced (or removed when `replacement` is undefined). */
export function withLine(prefix: string, replacement?: string | string[], lines: readonly string[] = FRONT_MATTER_LINES): string[] {
  const index = lines.findIndex((l) => l.startsWith(prefix))
  if (index < 0) throw new Error(`no line starts with ${prefix}`)
  const out = [...lines]
  out.splice(index, 1, ...(replacement === undefined ? [] : Array.isArray(replacement) ? replacement : [replacement]))
  return out
}

/** File line (1-based) of the front-matter line starting with `prefix`. */
export function lineOf(prefix: string, lines: readonly string[] = FRONT_MATTER_LINES): number {
  return lines.findIndex((l) => l.startsWith(prefix)) + 2
}

export const CONCLUSION_LINES = [
  'outcome: won',
  'concluded: 2026-10-30',
  'results:',
  '  - name: task_success_rate',
  '    observed: 0.83',
  '    target-met: true',
  '  - name: p95_latency',
  '    observed: 3.2 s',
  '    target-met: true',
  'audit-period: 2026-10'
]
