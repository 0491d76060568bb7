#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  compareFindings,
  isReadFailure,
  lintFile,
  lintProject,
  readContents
} from "./cli-PV4PP3YR.js";
import {
  workerPoolExecutor
} from "./cli-RLS4UGPM.js";
import {
  BUILD_ID
} from "./cli-44RM6KWG.js";
import {
  jsonFileCacheStore,
  nodeRepoFiles
} from "./cli-K3LUHVBJ.js";

// src/lint/executor.ts
function inProcessExecutor(pathExists) {
  return {
    async run(jobs, config, today, onResult) {
      for (const job of jobs) onResult(lintFile(job.bytes, job.path, config, { today, pathExists }));
    }
  };
}

// src/io/node-adapters.ts
import { join } from "node:path";
function createNodeLintAdapters(config, options = {}) {
  const files = nodeRepoFiles(config.root);
  const adapters = {
    files,
    now: options.now ?? (() => /* @__PURE__ */ new Date()),
    executor: workerPoolExecutor(config.root, config.lint.concurrency, inProcessExecutor(files.exists))
  };
  if (config.lint.cache) adapters.cache = jsonFileCacheStore(join(config.root, config.lint.cacheDir, "lint.json"));
  if (options.onProgress) adapters.onProgress = options.onProgress;
  return adapters;
}

// src/lint/cache.ts
import { createHash } from "node:crypto";
var CACHE_FORMAT = 2;
var RACY_WINDOW_MS = 2e3;
function contentHash(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}
function cacheKey(config, today) {
  const { cache: _cache, cacheDir: _dir, concurrency: _concurrency, ...relevant } = config;
  return createHash("sha256").update(JSON.stringify({ CACHE_FORMAT, BUILD_ID, relevant, today })).digest("hex");
}
function sameStat(a, b) {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}
function probesHold(result, pathExists) {
  for (const [probed, existed] of Object.entries(result.probes)) {
    if (pathExists(probed) !== existed) return false;
  }
  return true;
}
var LintCache = class _LintCache {
  constructor(key, entries) {
    this.key = key;
    this.entries = entries;
  }
  key;
  entries;
  changed = false;
  /** Restores a cache from stored data; anything unreadable or made under another key starts empty. */
  static restore(data, key) {
    const stored = data;
    const valid = stored && stored.format === CACHE_FORMAT && stored.key === key && typeof stored.entries === "object" && stored.entries;
    return new _LintCache(key, valid ? stored.entries : /* @__PURE__ */ Object.create(null));
  }
  /** The cached result for a file whose metadata has not changed since it was hashed, without reading it. */
  getByStat(path, stat, pathExists) {
    const entry = this.entries[path];
    if (!entry?.stat || entry.hashedAt === void 0 || !sameStat(entry.stat, stat)) return void 0;
    if (Math.max(stat.mtimeMs, stat.ctimeMs) > entry.hashedAt - RACY_WINDOW_MS) return void 0;
    return probesHold(entry.result, pathExists) ? entry.result : void 0;
  }
  /**
   * The cached result for this content, if the paths it probed still answer the same. Given the metadata
   * taken before the read, a hit records it, so that the next run can skip the read.
   */
  get(path, hash, pathExists, stat, hashedAt) {
    const entry = this.entries[path];
    if (!entry || entry.hash !== hash || !probesHold(entry.result, pathExists)) return void 0;
    if (stat && hashedAt !== void 0 && (!entry.stat || !sameStat(entry.stat, stat) || entry.hashedAt !== hashedAt)) {
      this.entries[path] = { ...entry, stat, hashedAt };
      this.changed = true;
    }
    return entry.result;
  }
  set(path, hash, result, stat, hashedAt) {
    this.entries[path] = stat && hashedAt !== void 0 ? { hash, result, stat, hashedAt } : { hash, result };
    this.changed = true;
  }
  /** Drops entries for files that were not part of this run, so the cache does not grow forever. */
  retainOnly(paths) {
    for (const path of Object.keys(this.entries)) {
      if (!paths.has(path)) {
        delete this.entries[path];
        this.changed = true;
      }
    }
  }
  get dirty() {
    return this.changed;
  }
  toJSON() {
    return { format: CACHE_FORMAT, key: this.key, entries: this.entries };
  }
};

// src/modes/lint.ts
function unreadable(path, problem) {
  return {
    path,
    findings: [{ path, line: 1, column: 1, rule: "PM000", severity: "error", message: `Cannot read the file: ${problem}.` }],
    digest: { path, line: 1, column: 1, disabledRules: [] },
    probes: {}
  };
}
async function triage(paths, adapters, cache, startedAt) {
  const { files } = adapters;
  const out = { results: /* @__PURE__ */ new Map(), jobs: [], hashes: /* @__PURE__ */ new Map(), stats: /* @__PURE__ */ new Map(), cacheHits: 0 };
  const toRead = [];
  for (const path of paths) {
    const stat = cache ? files.stat?.(path) : void 0;
    if (stat) out.stats.set(path, stat);
    const hit = cache && stat ? cache.getByStat(path, stat, files.exists) : void 0;
    if (hit) {
      out.results.set(path, hit);
      out.cacheHits++;
    } else {
      toRead.push(path);
    }
  }
  for (const got of await readContents(toRead, files.read)) {
    if (isReadFailure(got)) {
      out.results.set(got.path, unreadable(got.path, got.problem));
      continue;
    }
    const bytes = typeof got.content === "string" ? new TextEncoder().encode(got.content) : got.content;
    if (cache) {
      const hash = contentHash(bytes);
      out.hashes.set(got.path, hash);
      const hit = cache.get(got.path, hash, files.exists, out.stats.get(got.path), startedAt);
      if (hit) {
        out.results.set(got.path, hit);
        out.cacheHits++;
        continue;
      }
    }
    out.jobs.push({ path: got.path, bytes });
  }
  return out;
}
async function runLint(config, request, adapters) {
  const lintConfig = config.lint;
  const startedAt = adapters.now();
  const today = startedAt.toISOString().slice(0, 10);
  const configured = await adapters.files.glob(lintConfig.postmortems.paths);
  const files = request.paths ? [...new Set(await adapters.files.glob(request.paths))].sort() : [...new Set(configured)].sort();
  const reported = new Set(files);
  const everything = [.../* @__PURE__ */ new Set([...files, ...configured])].sort();
  const cache = adapters.cache && lintConfig.cache ? LintCache.restore(await adapters.cache.load().catch(() => void 0), cacheKey(lintConfig, today)) : void 0;
  const { results, jobs, hashes, stats, cacheHits } = await triage(everything, adapters, cache, startedAt.getTime());
  const report = () => adapters.onProgress?.({ done: results.size, total: everything.length });
  report();
  const executor = adapters.executor ?? inProcessExecutor(adapters.files.exists);
  await executor.run(jobs, lintConfig, today, (result) => {
    results.set(result.path, result);
    const hash = hashes.get(result.path);
    if (cache && hash && !result.transient) cache.set(result.path, hash, result, stats.get(result.path), startedAt.getTime());
    report();
  });
  const ctx = { config: lintConfig, today, pathExists: adapters.files.exists };
  const perFile = everything.map((path) => results.get(path)).filter((r) => r !== void 0);
  const findings = perFile.filter((r) => reported.has(r.path)).flatMap((r) => r.findings);
  findings.push(...lintProject(perFile.map((r) => r.digest), ctx).filter((f) => reported.has(f.path)));
  findings.sort(compareFindings);
  if (cache && adapters.cache) {
    cache.retainOnly(new Set(everything));
    if (cache.dirty) await adapters.cache.save(cache.toJSON());
  }
  const errors = findings.filter((f) => f.severity === "error").length;
  return { findings, summary: { files: files.length, errors, warnings: findings.length - errors }, files, cacheHits };
}

export {
  inProcessExecutor,
  createNodeLintAdapters,
  runLint
};
