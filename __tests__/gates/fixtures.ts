// Postmortems and experiment docs for the gate tests.

export function postmortem(id: number, severity: string, items: string[]): string {
  return `# Incident PM-${id}: Agent looped on empty search results

- Date: 2024-03-04
- Severity: ${severity}
- Owners: @maria.chen

## Summary

The research agent searched again and again.

## Timeline

- 2024-03-04 10:00 UTC — Loop starts.
- 2024-03-04 11:00 UTC — Step cap lowered.

## Root Cause

The prompt said to search again.

## Customer Impact

412 missions used their whole step budget.

## Action Items

${items.join('\n')}
`
}

export const ROLLBACK_OK = `rollback:
  trigger: task_success_rate below 0.74 for 2 hours on the new arm
  steps:
    - Set research.prompt_version back to v41 and deploy
  owner: "@dev-ops"`

export function experimentDoc(rollback: string = ROLLBACK_OK): string {
  return `---
id: 6f1d2c4e-8a7b-4c3d-9e2f-1a0b9c8d7e6f
name: Stop after two empty searches
owner: "@maria.chen"
status: proposed
change:
  type: prompt
  ref: research-agent prompt v43
hypothesis: Asking the user after two empty searches ends the loops without lowering task success.
metrics:
  - name: task_success_rate
    baseline: 0.78
    target: ">= 0.78"
${rollback}
created: 2024-06-03
---

# Stop after two empty searches
`
}
