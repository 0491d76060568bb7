// A temporary repository for review tests: files written as given, the config loaded as the CLI does.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { readConfigText } from '../../src/cli/lint-command.js'
import { loadConfig } from '../../src/config/load.js'
import type { Config } from '../../src/config/types.js'

const temps: string[] = []

export function makeRepo(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rl-review-'))
  temps.push(dir)
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
  return dir
}

export function removeRepos(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true })
}

export function configOf(root: string): Config {
  return loadConfig({ root, readFile: readConfigText })
}

export const rec = (o: Record<string, unknown>): string => `${JSON.stringify(o)}\n`

export const POSTMORTEM = `# Incident PM-7: Router loop

- Date: 2026-10-14
- Severity: Sev2
- Owners: @maria.chen

## Summary

The router looped.

## Timeline

- 2026-10-14 09:00 UTC — Alert fired.

## Root Cause

A prompt.

## Customer Impact

Slow answers.

## Action Items

- [x] Roll back the prompt :: @dev-ops :: 2026-10-14
- [ ] Count empty results as failures :: @maria.chen :: 2026-10-20
- [ ] Page on token spend :: @dev-ops :: 2027-01-29
`

export const AUDIT = (period: string, transcript: string, scores: Record<string, number | null>) =>
  rec({ period, seed: 's', transcript, sha256: `${transcript}-hash`, rubric_version: 'v1', scorer: 'rules', model: null, stratum: 'random', scores, reasons: {}, scored_at: `${period}-28T00:00:00Z` })
