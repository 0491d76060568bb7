#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  compareFindings,
  lintFile,
  lintProject
} from "./cli-MAXD7YMC.js";
import {
  workerPoolExecutor
} from "./cli-BU6EMFDS.js";
import {
  BUILD_ID
} from "./cli-RJE6LTJY.js";
import {
  jsonFileCacheStore,
  nodeRepoFiles
} from "./cli-55KVGUIP.js";

// src/io/node-adapters.ts
import { join } from "node:path";

// src/lint/executor.ts
function inProcessExecutor(pathExists) {
  return {
    async run(jobs, config, today, onResult) {
      for (const job of jobs) onResult(lintFile(job.bytes, job.path, config, { today, pathExists }));
    }
  };
}

// src/io/node-adapters.ts
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
var CACHE_FORMAT = 1;
function contentHash(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}
function cacheKey(config, today) {
  const { cache: _cache, cacheDir: _dir, concurrency: _concurrency, ...relevant } = config;
  return createHash("sha256").update(JSON.stringify({ CACHE_FORMAT, BUILD_ID, relevant, today })).digest("hex");
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
  /** The cached result for this content, if the paths it probed still answer the same. */
  get(path, hash, pathExists) {
    const entry = this.entries[path];
    if (!entry || entry.hash !== hash) return void 0;
    for (const [probed, existed] of Object.entries(entry.result.probes)) {
      if (pathExists(probed) !== existed) return void 0;
    }
    return entry.result;
  }
  set(path, hash, result) {
    this.entries[path] = { hash, result };
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
var READ_CONCURRENCY = 64;
function unreadable(path, error) {
  const reason = error instanceof Error ? error.message.replace(/^[A-Z]+: /, "") : String(error);
  return {
    path,
    findings: [{ path, line: 1, column: 1, rule: "PM000", severity: "error", message: `Cannot read the file: ${reason}.` }],
    digest: { path, line: 1, column: 1, disabledRules: [] },
    probes: {}
  };
}
async function readAll(paths, read) {
  const out = new Array(paths.length);
  let next = 0;
  const reader = async () => {
    while (next < paths.length) {
      const index = next++;
      try {
        out[index] = await read(paths[index]);
      } catch (error) {
        out[index] = error instanceof Error ? error : new Error(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, paths.length) }, reader));
  return out;
}
async function runLint(config, request, adapters) {
  const lintConfig = config.lint;
  const today = adapters.now().toISOString().slice(0, 10);
  const configured = await adapters.files.glob(lintConfig.postmortems.paths);
  const files = request.paths ? [...new Set(await adapters.files.glob(request.paths))].sort() : [...new Set(configured)].sort();
  const reported = new Set(files);
  const everything = [.../* @__PURE__ */ new Set([...files, ...configured])].sort();
  const contents = await readAll(everything, adapters.files.read);
  const cache = adapters.cache && lintConfig.cache ? LintCache.restore(await adapters.cache.load().catch(() => void 0), cacheKey(lintConfig, today)) : void 0;
  const results = /* @__PURE__ */ new Map();
  const hashes = /* @__PURE__ */ new Map();
  const jobs = [];
  let cacheHits = 0;
  const report = () => adapters.onProgress?.({ done: results.size, total: everything.length });
  everything.forEach((path, index) => {
    const content = contents[index];
    if (content instanceof Error || content === void 0) {
      results.set(path, unreadable(path, content));
      return;
    }
    if (cache) {
      const hash = contentHash(content);
      hashes.set(path, hash);
      const hit = cache.get(path, hash, adapters.files.exists);
      if (hit) {
        results.set(path, hit);
        cacheHits++;
        return;
      }
    }
    jobs.push({ path, bytes: content });
  });
  report();
  const executor = adapters.executor ?? inProcessExecutor(adapters.files.exists);
  await executor.run(jobs, lintConfig, today, (result) => {
    results.set(result.path, result);
    const hash = hashes.get(result.path);
    if (cache && hash) cache.set(result.path, hash, result);
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
  createNodeLintAdapters,
  runLint
};
