// GateSources for `reliability-loop gate --local`: git and the working tree, no network. The change is
// the working tree (committed, staged, unstaged and untracked) against the merge base with the base ref.

import type { GateConfig } from '../config/types.js'
import { JOB_RESULTS, type DrillObservation, type JobResult } from '../gates/drills.js'
import type { GateSources } from '../modes/gate.js'
import { fileAtCommit, workingTreeChanges } from './git.js'
import { nodeRepoFiles } from './node-files.js'

export interface LocalGateOptions {
  /** Top of the git working tree. */
  root: string
  /** The merge base of the base ref and HEAD: what the change is measured against. */
  mergeBase: string
}

export function createLocalGateSources(options: LocalGateOptions): GateSources {
  const { root, mergeBase } = options
  return {
    changedFiles: () => workingTreeChanges(root, mergeBase),
    head: nodeRepoFiles(root),
    readBase: async (path) => (await fileAtCommit(root, mergeBase, path))?.toString('utf8'),
    observeDrills: async (settings, drillResult) => localDrillObservation(settings, drillResult)
  }
}

/** Locally only a given drill result is known (git has no workflow runs). */
function localDrillObservation(settings: GateConfig['drills'], drillResult: string | undefined): DrillObservation {
  const result = drillResult?.trim().toLowerCase() ?? ''
  if (settings.source === 'job' && (JOB_RESULTS as readonly string[]).includes(result)) return { kind: 'job', result: result as JobResult }
  const from = settings.source === 'job' ? '' : ` The policy reads the drills from a ${settings.source === 'workflow' ? `workflow run of \`${settings.workflow}\`` : `check run \`${settings.check}\``}, which git does not have.`
  return { kind: 'unknown', reason: `Not known locally: pass \`--drill-result success|failure|skipped\` (for example the result of your CI’s drill job) to include the drills.${from}` }
}
