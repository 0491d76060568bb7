import type { Config } from '../config/types.js'
import type { FileStat, LintAdapters } from '../lint/adapters.js'
import { cacheKey, contentHash, LintCache } from '../lint/cache.js'
import { inProcessExecutor, type LintJob } from '../lint/executor.js'
import { compareFindings, lintProject, type FileLintResult } from '../lint/lint-file.js'
import type { Finding, LintResult, RuleContext } from '../lint/types.js'
import { isReadFailure, readContents } from '../postmortem/read.js'

export interface LintRequest {
  /** Files or globs, repository-relative; default: the configured postmortem globs. */
  paths?: readonly string[]
}

export interface LintRunResult extends LintResult {
  /** The files that were linted, sorted. */
  files: string[]
  /** How many of them were answered from the cache. */
  cacheHits: number
}

function unreadable(path: string, problem: string): FileLintResult {
  return {
    path,
    findings: [{ path, line: 1, column: 1, rule: 'PM000', severity: 'error', message: `Cannot read the file: ${problem}.` }],
    digest: { path, line: 1, column: 1, disabledRules: [] },
    probes: {}
  }
}

/** What the cache and the reads leave to lint, and what they answered. */
interface Triage {
  results: Map<string, FileLintResult>
  jobs: LintJob[]
  hashes: Map<string, string>
  stats: Map<string, FileStat>
  cacheHits: number
}

/**
 * Answers what the cache can: first by metadata (no read), then by content hash for the files read.
 * Every file not answered becomes a job; a file that cannot be read becomes a PM000 result.
 */
async function triage(paths: readonly string[], adapters: LintAdapters, cache: LintCache | undefined, startedAt: number): Promise<Triage> {
  const { files } = adapters
  const out: Triage = { results: new Map(), jobs: [], hashes: new Map(), stats: new Map(), cacheHits: 0 }
  const toRead: string[] = []
  for (const path of paths) {
    // Metadata is taken before the read, so a write after it shows as a change next time.
    const stat = cache ? files.stat?.(path) : undefined
    if (stat) out.stats.set(path, stat)
    const hit = cache && stat ? cache.getByStat(path, stat, files.exists) : undefined
    if (hit) {
      out.results.set(path, hit)
      out.cacheHits++
    } else {
      toRead.push(path)
    }
  }
  for (const got of await readContents(toRead, files.read)) {
    if (isReadFailure(got)) {
      out.results.set(got.path, unreadable(got.path, got.problem))
      continue
    }
    const bytes = typeof got.content === 'string' ? new TextEncoder().encode(got.content) : got.content
    if (cache) {
      const hash = contentHash(bytes)
      out.hashes.set(got.path, hash)
      const hit = cache.get(got.path, hash, files.exists, out.stats.get(got.path), startedAt)
      if (hit) {
        out.results.set(got.path, hit)
        out.cacheHits++
        continue
      }
    }
    out.jobs.push({ path: got.path, bytes })
  }
  return out
}

/** The lint mode: finds postmortems, lints each (from cache where unchanged), then runs the cross-file rules. */
export async function runLint(config: Config, request: LintRequest, adapters: LintAdapters): Promise<LintRunResult> {
  const lintConfig = config.lint
  const startedAt = adapters.now()
  const today = startedAt.toISOString().slice(0, 10)
  const configured = await adapters.files.glob(lintConfig.postmortems.paths)
  const files = request.paths ? [...new Set(await adapters.files.glob(request.paths))].sort() : [...new Set(configured)].sort()
  // Duplicate ids (PM011) need every postmortem: when only some paths are asked for (a PR's changes, a
  // pre-commit hook), the other configured files are linted too, from the cache where possible, but
  // only the asked-for files are reported.
  const reported = new Set(files)
  const everything = [...new Set([...files, ...configured])].sort()

  const cache = adapters.cache && lintConfig.cache ? LintCache.restore(await adapters.cache.load().catch(() => undefined), cacheKey(lintConfig, today)) : undefined
  const { results, jobs, hashes, stats, cacheHits } = await triage(everything, adapters, cache, startedAt.getTime())
  const report = (): void => adapters.onProgress?.({ done: results.size, total: everything.length })
  report()

  const executor = adapters.executor ?? inProcessExecutor(adapters.files.exists)
  await executor.run(jobs, lintConfig, today, (result) => {
    results.set(result.path, result)
    const hash = hashes.get(result.path)
    // A result that depends on the machine (a parse that ran out of time) is not kept.
    if (cache && hash && !result.transient) cache.set(result.path, hash, result, stats.get(result.path), startedAt.getTime())
    report()
  })

  const ctx: RuleContext = { config: lintConfig, today, pathExists: adapters.files.exists }
  const perFile = everything.map((path) => results.get(path)).filter((r): r is FileLintResult => r !== undefined)
  const findings: Finding[] = perFile.filter((r) => reported.has(r.path)).flatMap((r) => r.findings)
  findings.push(...lintProject(perFile.map((r) => r.digest), ctx).filter((f) => reported.has(f.path)))
  findings.sort(compareFindings)

  if (cache && adapters.cache) {
    // Every run sees all configured files, so entries for anything else belong to deleted or moved files.
    cache.retainOnly(new Set(everything))
    if (cache.dirty) await adapters.cache.save(cache.toJSON())
  }

  const errors = findings.filter((f) => f.severity === 'error').length
  return { findings, summary: { files: files.length, errors, warnings: findings.length - errors }, files, cacheHits }
}
