// Entry of each audit worker thread (bundled as dist/audit-worker.js). It answers the tasks the pool
// (src/io/audit-worker-pool.ts) posts — `scan` (period, agent, flagged notes) or `read` (hash and rules
// scores of sampled transcripts) over a batch of paths — with one result per path, in order.
import { join } from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { readSampled, type SampledRead } from '../audit/read-sampled.js'
import { compileRules, type RuleScorer } from '../audit/rules-scorer.js'
import type { ScanResult } from '../audit/scan.js'
import type { AuditDimension, AuditFieldNames } from '../config/types.js'
import { ndjsonFileSource } from './ndjson.js'
import { transcriptLines } from './transcript-lines.js'
import { scanTranscriptBytes } from './transcript-scan.js'

export interface AuditWorkerSetup {
  root: string
}

export type AuditWorkerTask = { paths: string[]; fields: AuditFieldNames; maxLineBytes: number } & (
  | { kind: 'scan'; period: string; flagged?: { source: string; flags: string } }
  | { kind: 'read'; rules: AuditDimension[] }
)

const { root } = workerData as AuditWorkerSetup
const compiled = new Map<string, RuleScorer>()

function rulesFor(task: Extract<AuditWorkerTask, { kind: 'read' }>): RuleScorer | undefined {
  if (task.rules.length === 0) return undefined
  const key = JSON.stringify([task.rules, task.fields])
  let scorer = compiled.get(key)
  if (scorer === undefined) compiled.set(key, (scorer = compileRules(task.rules, task.fields)))
  return scorer
}

async function run(task: AuditWorkerTask): Promise<Array<ScanResult | SampledRead>> {
  const results: Array<ScanResult | SampledRead> = []
  const common = { fields: task.fields, maxLineBytes: task.maxLineBytes }
  if (task.kind === 'scan') {
    const flagged = task.flagged === undefined ? undefined : new RegExp(task.flagged.source, task.flagged.flags)
    for (const path of task.paths) {
      results.push(await scanTranscriptBytes(ndjsonFileSource(join(root, path)), { ...common, path, period: task.period, ...(flagged !== undefined && { flagged }) }))
    }
  } else {
    const rules = rulesFor(task)
    for (const path of task.paths) {
      results.push(await readSampled(transcriptLines(ndjsonFileSource(join(root, path)), task.maxLineBytes), { fields: task.fields, ...(rules !== undefined && { rules }) }))
    }
  }
  return results
}

parentPort?.on('message', (task: AuditWorkerTask) => {
  void run(task).then((results) => parentPort?.postMessage(results))
})
