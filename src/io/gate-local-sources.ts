// GateSources for `reliability-loop gate --local`: git and the working tree, no network. The change is
// the working tree (committed, staged, unstaged and untracked) against the merge base with the base ref.

import type { DrillObservation, JobResult } from '../gates/drills.js'
import type { GateSources } from '../modes/gate.js'
import { fileAtCommit, workingTreeChanges } from './git.js'
import { nodeRepoFiles } from './node-files.js'

export interface LocalGateOptions {
  /** Top of the git working tree. */
  root: string
  /** The merge base of the base ref and HEAD: what the change is measured against. */
  mergeBase: string
  /** From --drill-result; without it the drill gate reports "unknown". */
  drillResult?: JobResult
}

export function createLocalGateSources(options: LocalGateOptions): GateSources {
  const { root, mergeBase } = options
  const drill: DrillObservation = options.drillResult
    ? { kind: 'job', result: options.drillResult }
    : { kind: 'unknown', reason: 'Not known locally: pass `--drill-result success|failure|skipped` (for example the result of your CI’s drill job) to include the drills.' }
  return {
    changedFiles: () => workingTreeChanges(root, mergeBase),
    head: nodeRepoFiles(root),
    readBase: async (path) => (await fileAtCommit(root, mergeBase, path))?.toString('utf8'),
    observeDrills: async () => drill
  }
}
