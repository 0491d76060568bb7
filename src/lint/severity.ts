// How serious a finding is, and what the config may set a rule to. A leaf of its own so that config/types.ts
// (which holds `lint.rules`) and lint/types.ts (which needs LintConfig) do not import each other.

export type Severity = 'error' | 'warning'
export type RuleSetting = 'off' | Severity
