import type { Config } from '../config/types.js'
import type { LintAdapters } from '../lint/adapters.js'
import { cacheKey, contentHash, LintCache } from '../lint/cache.js'
import { inProcessExecutor, type LintJob } from '../lint/executor.js'
import { compareFindings, lintProject, type FileLintResult } from '../lint/lint-file.js'
import type { Finding, LintResult, RuleContext } from '../lint/types.js'

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

// Enough reads in flight to keep the disk busy without holding thousands of open files.
const READ_CONCURRENCY = 64

function unreadable(path: string, error: unknown): FileLintResult {
  const reason = error instanceof Error ? error.message.replace(/^[A-Z]+: /, '') : String(error)
  return {
    path,
    findings: [{ path, line: 1, column: 1, rule: 'PM000', severity: 'error', message: `Cannot read the file: ${reason}.` }],
    digest: { path, line: 1, column: 1, disabledRules: [] },
    probes: {}
  }
}

async function readAll(paths: readonly string[], read: (p: string) => Promise<Uint8Array>): Promise<Array<Uint8Array | Error>> {
  const out: Array<Uint8Array | Error> = new Array(paths.length)
  let next = 0
  const reader = async (): Promise<void> => {
    while (next < paths.length) {
      const index = next++
      try {
        out[index] = await read(paths[index] as string)
      } catch (error) {
        out[index] = error instanceof Error ? error : new Error(String(error))
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, paths.length) }, reader))
  return out
}

/** The lint mode: finds postmortems, lints each (from cache where unchanged), then runs the cross-file rules. */
export async function runLint(config: Config, request: LintRequest, adapters: LintAdapters): Promise<LintRunResult> {
  const lintConfig = config.lint
  const today = adapters.now().toISOString().slice(0, 10)
  const configured = await adapters.files.glob(lintConfig.postmortems.paths)
  const files = request.paths ? [...new Set(await adapters.files.glob(request.paths))].sort() : [...new Set(configured)].sort()
  // Duplicate ids (PM011) need every postmortem: when only some paths are asked for (a PR's changes, a
  // pre-commit hook), the other configured files are linted too, from the cache where possible, but
  // only the asked-for files are reported.
  const reported = new Set(files)
  const everything = [...new Set([...files, ...configured])].sort()
  const contents = await readAll(everything, adapters.files.read)

  const cache = adapters.cache && lintConfig.cache ? LintCache.restore(await adapters.cache.load().catch(() => undefined), cacheKey(lintConfig, today)) : undefined
  const results = new Map<string, FileLintResult>()
  const hashes = new Map<string, string>()
  const jobs: LintJob[] = []
  let cacheHits = 0
  const report = (): void => adapters.onProgress?.({ done: results.size, total: everything.length })

  everything.forEach((path, index) => {
    const content = contents[index]
    if (content instanceof Error || content === undefined) {
      results.set(path, unreadable(path, content))
      return
    }
    if (cache) {
      const hash = contentHash(content)
      hashes.set(path, hash)
      const hit = cache.get(path, hash, adapters.files.exists)
      if (hit) {
        results.set(path, hit)
        cacheHits++
        return
      }
    }
    jobs.push({ path, bytes: content })
  })
  report()

  const executor = adapters.executor ?? inProcessExecutor(adapters.files.exists)
  await executor.run(jobs, lintConfig, today, (result) => {
    results.set(result.path, result)
    const hash = hashes.get(result.path)
    if (cache && hash && !result.transient) cache.set(result.path, hash, result)
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
