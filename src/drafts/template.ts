// The built-in postmortem template, for repositories without their own docs/postmortems/TEMPLATE.md: the
// configured sections, in order, each with a comment saying what goes in it.

const GUIDANCE: Record<string, string> = {
  Summary: 'Three to five sentences a reader outside the team understands: what broke, for whom, for how long, how it was stopped.',
  Timeline: 'One entry per line, oldest first, each starting with a date, a time and a zone: - 2026-10-14 09:02 UTC — what happened.',
  'Root Cause': 'The mechanism, not the person: why the agent, model, prompt, tool or data behaved as it did; then the contributing factors.',
  'Customer Impact': 'Numbers: customers or conversations affected, duration, wrong answers, data exposed, money. Say "none" for what did not happen.',
  'Action Items': 'One task per line: - [ ] what will change :: @owner :: YYYY-MM-DD. Tick the box when it is done.'
}

export function builtInTemplate(sections: readonly string[]): string {
  const body = sections.map((name) => `## ${name}\n\n<!-- ${GUIDANCE[name] ?? `What belongs under "${name}".`} -->\n`).join('\n')
  return `# Incident PM-0: <what happened>\n\n- Date: YYYY-MM-DD\n- Severity: Sev2\n- Owners: @owner\n\n${body}`
}
