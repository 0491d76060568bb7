#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  formatRecords,
  lineSegments,
  ndjsonFileSource,
  newRecords,
  parseLine,
  readNdjson,
  readNdjsonBatches,
  recordKey,
  recordOf,
  storeFilePath
} from "./cli-6YUR4J5V.js";
import {
  coreCount
} from "./cli-BU6EMFDS.js";
import {
  readConfigText,
  resolveRoot,
  writeOutputFile
} from "./cli-3LJ3PVOF.js";
import {
  VERSION
} from "./cli-7VVE5KTP.js";
import {
  nodeRepoFiles
} from "./cli-4DFK4BC5.js";
import {
  AUDIT_SCORERS,
  ansi,
  auditConfigOf,
  loadConfig,
  plural,
  require_ajv,
  scaleBounds
} from "./cli-MWID7U3U.js";
import {
  ConfigError,
  EXIT,
  InvalidArgumentError,
  NO_PROGRESS,
  Option,
  isCI,
  progressLine,
  require_dist,
  shouldUseColor
} from "./cli-DBLLD2C5.js";
import {
  AbortError,
  pRetry
} from "./cli-YLWRLJDD.js";
import {
  pLimit
} from "./cli-QCVQTLV6.js";
import {
  __toESM
} from "./cli-EZXOBCIM.js";

// src/cli/audit-command.ts
import path from "node:path";

// src/llm/chat-completions.ts
var OPENAI_BASE_URL = "https://api.openai.com/v1";
var TransientError = class extends Error {
  constructor(message, status, retryAfterMs2) {
    super(message);
    this.status = status;
    this.retryAfterMs = retryAfterMs2;
  }
  status;
  retryAfterMs;
};
var FinalError = class extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
  status;
};
var MAX_ERROR_CHARS = 300;
function chatCompletionsUrl(baseUrl) {
  return `${baseUrl.replace(/\/+$/, "")}/chat/completions`;
}
function retryAfterMs(headers, now = Date.now()) {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms);
  const value = headers.get("retry-after");
  if (value === null) return void 0;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1e3;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : void 0;
}
async function errorText(response) {
  let text = "";
  try {
    text = await response.text();
  } catch {
    return response.statusText || "no body";
  }
  try {
    const body = JSON.parse(text);
    const message = typeof body.error === "string" ? body.error : body.error?.message ?? body.message;
    if (typeof message === "string" && message !== "") text = message;
  } catch {
  }
  text = text.replace(/\s+/g, " ").trim() || response.statusText || "no body";
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}
function replyOf(body) {
  const choice = body?.choices?.[0];
  if (!choice || typeof choice !== "object") return { ok: false, message: "the reply has no choices" };
  const content = choice.message?.content;
  const outcome = { ok: true, content: typeof content === "string" ? content : null };
  if (typeof choice.finish_reason === "string") outcome.finishReason = choice.finish_reason;
  if (typeof choice.message?.refusal === "string" && choice.message.refusal !== "") outcome.refusal = choice.message.refusal;
  return outcome;
}
function createChatClient(options) {
  const url = chatCompletionsUrl(options.baseUrl);
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const retries = options.retries ?? 3;
  const timeoutMs = options.timeoutMs ?? 12e4;
  const baseDelayMs = options.baseDelayMs ?? 1e3;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 6e4;
  const headers = { "content-type": "application/json", "user-agent": `reliability-loop/${VERSION}` };
  if (options.apiKey !== void 0 && options.apiKey !== "") headers.authorization = `Bearer ${options.apiKey}`;
  const attempt = async (request) => {
    let response;
    try {
      response = await doFetch(url, { method: "POST", headers, body: JSON.stringify(request), signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const e = error ?? {};
      const timedOut = e.name === "TimeoutError" || e.name === "AbortError";
      const cause = typeof e.cause?.message === "string" ? `: ${e.cause.message}` : "";
      throw new TransientError(timedOut ? `no answer within ${Math.round(timeoutMs / 1e3)} s` : `${typeof e.message === "string" ? e.message : String(error)}${cause}`);
    }
    if (response.status === 429 || response.status >= 500) {
      const wait = retryAfterMs(response.headers);
      const message = `${response.status}: ${await errorText(response)}`;
      if (wait !== void 0 && wait > maxRetryAfterMs) {
        throw new AbortError(new FinalError(`${message} (the server asks to wait ${Math.ceil(wait / 1e3)} s, longer than the ${Math.round(maxRetryAfterMs / 1e3)} s this run waits)`, response.status));
      }
      throw new TransientError(message, response.status, wait);
    }
    if (!response.ok) throw new AbortError(new FinalError(await errorText(response), response.status));
    let body;
    try {
      body = await response.json();
    } catch (error) {
      throw new AbortError(new FinalError(`the reply is not JSON: ${error instanceof Error ? error.message : String(error)}`, response.status));
    }
    return replyOf(body);
  };
  return async (request) => {
    try {
      return await pRetry(() => attempt(request), {
        retries,
        // The waiting is done in onFailedAttempt, where Retry-After is known.
        minTimeout: 0,
        maxTimeout: 0,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft <= 0 || !(error instanceof TransientError)) return;
          const backoff = baseDelayMs * 2 ** (attemptNumber - 1) * (0.5 + random());
          const delayMs = Math.round(error.retryAfterMs ?? backoff);
          options.onRetry?.({ attempt: attemptNumber, delayMs, reason: error.message });
          await sleep(delayMs);
        }
      });
    } catch (error) {
      const status = error instanceof TransientError || error instanceof FinalError ? error.status : void 0;
      const message = error instanceof Error ? error.message : String(error);
      return status === void 0 ? { ok: false, message } : { ok: false, status, message };
    }
  };
}

// src/audit/llm-settings.ts
function llmEndpoint(config, env, given = {}) {
  const nonEmpty = (v) => v !== void 0 && v.trim() !== "" ? v.trim() : void 0;
  const baseUrl = nonEmpty(given.baseUrl) ?? config.llm.baseUrl ?? nonEmpty(env.OPENAI_BASE_URL) ?? OPENAI_BASE_URL;
  if (!/^https?:\/\/[^/\s]+/i.test(baseUrl)) {
    throw new ConfigError({ file: "OPENAI_BASE_URL", key: "audit.llm.base-url", message: `"${baseUrl}" is not an http:// or https:// URL` });
  }
  const apiKey = nonEmpty(given.apiKey) ?? nonEmpty(env[config.llm.apiKeyEnv]);
  if (apiKey === void 0 && new URL(baseUrl).hostname === "api.openai.com") {
    throw new ConfigError({
      file: config.llm.apiKeyEnv,
      key: "audit.llm.api-key-env",
      message: `the llm scorer needs an API key for ${baseUrl}: set the ${config.llm.apiKeyEnv} environment variable (in the Action, the openai-api-key input from a secret)`
    });
  }
  return apiKey === void 0 ? { baseUrl } : { baseUrl, apiKey };
}

// src/audit/period.ts
var PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
function isPeriod(text) {
  return PERIOD_PATTERN.test(text);
}
function previousPeriod(now) {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  return month === 0 ? `${year - 1}-12` : `${year}-${String(month).padStart(2, "0")}`;
}
function dateOfTimestamp(value) {
  let ms;
  if (typeof value === "string") {
    if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return void 0;
    ms = Date.parse(value.trim());
  } else if (typeof value === "number" && Number.isFinite(value) && value > 0) {
    ms = value < 1e11 ? value * 1e3 : value;
  } else return void 0;
  if (!Number.isFinite(ms)) return void 0;
  const iso = new Date(ms).toISOString();
  return { period: iso.slice(0, 7), day: iso.slice(0, 10) };
}
var PATH_DATE = /(?<![0-9])((?:19|20)\d{2})[-_/.]?(0[1-9]|1[0-2])(?:[-_/.]?(0[1-9]|[12]\d|3[01]))?(?![0-9])/g;
function dateInPath(path2) {
  let found;
  for (const m of path2.matchAll(PATH_DATE)) {
    const period2 = `${m[1]}-${m[2]}`;
    found = m[3] === void 0 ? { period: period2 } : { period: period2, day: `${period2}-${m[3]}` };
  }
  return found;
}

// src/io/node-audit-adapters.ts
import { appendFile, mkdir, open, readFile, writeFile } from "node:fs/promises";
import { dirname, join as join2 } from "node:path";

// src/io/audit-worker-pool.ts
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

// src/audit/fields.ts
function isEventObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function fieldPath(name) {
  return { name, segments: name.split(".") };
}
function resolveField(name, fields) {
  const configured = fields[name];
  return fieldPath(Object.prototype.hasOwnProperty.call(fields, name) && configured !== void 0 ? configured : name);
}
function readField(event, path2) {
  if (Object.prototype.hasOwnProperty.call(event, path2.name)) return event[path2.name];
  if (path2.segments.length < 2) return void 0;
  let node = event;
  for (const segment of path2.segments) {
    if (!isEventObject(node) || !Object.prototype.hasOwnProperty.call(node, segment)) return void 0;
    node = node[segment];
  }
  return node;
}
function fieldText(value) {
  if (value === void 0 || value === null) return void 0;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
function fieldNeedle(path2) {
  return JSON.stringify(path2.segments[path2.segments.length - 1] ?? path2.name).slice(1);
}

// src/audit/scan.ts
var LF = 10;
var QUOTE = 34;
async function scanTranscript(source, options) {
  const tsPath = resolveField("ts", options.fields);
  const agentPath = resolveField("agent", options.fields);
  const notesPath = resolveField("notes", options.fields);
  const needle = Buffer.from(fieldNeedle(notesPath));
  const flaggedBy = (event) => {
    const text = fieldText(readField(event, notesPath));
    return text !== void 0 && options.flagged !== void 0 && options.flagged.test(text);
  };
  const result = { flagged: false };
  const settleDate = (first2) => {
    const fromEvent = first2 === void 0 ? void 0 : dateOfTimestamp(readField(first2, tsPath));
    const date = fromEvent ?? dateInPath(options.path);
    if (date !== void 0) {
      result.date = date;
      result.dateFrom = fromEvent !== void 0 ? "event" : "path";
    }
    const agent = first2 === void 0 ? void 0 : fieldText(readField(first2, agentPath));
    if (agent !== void 0) result.agent = agent;
  };
  let first;
  let firstLine = true;
  for await (const segment of lineSegments(source, { maxLineBytes: options.maxLineBytes })) {
    if (segment.kind === "failed") break;
    if (segment.kind === "oversized") {
      firstLine = false;
      continue;
    }
    const { bytes, end } = segment;
    let pos = segment.start;
    if (first === void 0) {
      while (pos < end && first === void 0) {
        const nl = bytes.indexOf(LF, pos);
        const lineEnd = nl === -1 || nl >= end ? end : nl;
        const bom = firstLine && bytes[pos] === 239 && bytes[pos + 1] === 187 && bytes[pos + 2] === 191;
        firstLine = false;
        const parsed = parseLine(bytes, bom ? pos + 3 : pos, lineEnd, { maxLineBytes: options.maxLineBytes });
        pos = lineEnd + 1;
        if (parsed !== void 0 && isEventObject(parsed.value)) first = parsed.value;
      }
      if (first === void 0) continue;
      settleDate(first);
      if (result.date?.period !== options.period || options.flagged === void 0) return result;
      if (flaggedBy(first)) {
        result.flagged = true;
        return result;
      }
    }
    while (pos < end) {
      const hit = bytes.indexOf(needle, pos);
      if (hit === -1 || hit >= end) break;
      if (hit === 0 || bytes[hit - 1] !== QUOTE) {
        pos = hit + 1;
        continue;
      }
      const lineStart = Math.max(segment.start, bytes.lastIndexOf(LF, hit) + 1);
      const nl = bytes.indexOf(LF, hit);
      const lineEnd = nl === -1 || nl >= end ? end : nl;
      const parsed = parseLine(bytes, lineStart, lineEnd, { maxLineBytes: options.maxLineBytes });
      if (parsed !== void 0 && isEventObject(parsed.value) && flaggedBy(parsed.value)) {
        result.flagged = true;
        return result;
      }
      pos = lineEnd + 1;
    }
  }
  if (first === void 0) settleDate(void 0);
  return result;
}

// src/io/audit-worker-pool.ts
var MIN_TRANSCRIPTS_TO_SCAN_ON_WORKERS = 1e3;
var MIN_TRANSCRIPTS_TO_READ_ON_WORKERS = 100;
var SCAN_BATCH = 100;
var READ_BATCH = 5;
var LOCAL_SHARE = 5;
var WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 192 };
function workerScript() {
  const url = new URL("./audit-worker.js", import.meta.url);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : void 0;
}
var nextTurn = () => new Promise((resolve) => setImmediate(resolve));
function auditWorkerPool(root, options = {}) {
  async function run(paths, minimum, batchSize, task, local, onProgress) {
    const script = options.script ?? workerScript();
    const cores = options.cores ?? coreCount();
    if (!script || paths.length < minimum || cores < 2) return void 0;
    const results = new Array(paths.length);
    let next = 0;
    let done = 0;
    const take = (size) => {
      if (next >= paths.length) return void 0;
      const range = [next, Math.min(next + size, paths.length)];
      next = range[1];
      return range;
    };
    const store = (start, batch) => {
      batch.forEach((result, i) => results[start + i] = result);
      done += batch.length;
      onProgress?.(done);
    };
    const workers = Array.from({ length: Math.min(local ? cores - 1 : cores, Math.ceil(paths.length / batchSize)) }, () => new Worker(script, { workerData: { root }, resourceLimits: WORKER_LIMITS }));
    const onWorker = (worker) => new Promise((resolve, reject) => {
      let range;
      const feed = () => {
        range = take(batchSize);
        if (range === void 0) resolve();
        else worker.postMessage(task(paths.slice(range[0], range[1])));
      };
      worker.on("message", (batch) => {
        if (range) store(range[0], batch);
        feed();
      });
      worker.once("error", reject);
      worker.once("exit", (code) => range === void 0 ? resolve() : reject(new Error(`audit worker exited with code ${code}`)));
      feed();
    });
    const onThisThread = async () => {
      if (local === void 0) return;
      for (let range = take(Math.max(1, Math.floor(batchSize / LOCAL_SHARE))); range !== void 0; range = take(Math.max(1, Math.floor(batchSize / LOCAL_SHARE)))) {
        const batch = [];
        for (const path2 of paths.slice(range[0], range[1])) batch.push(await local(path2));
        store(range[0], batch);
        await nextTurn();
      }
    };
    try {
      await Promise.all([...workers.map(onWorker), onThisThread()]);
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
    return results;
  }
  const source = (path2) => ndjsonFileSource(join(root, path2));
  return {
    scan(request, onProgress) {
      const flagged = request.flagged;
      const options2 = { fields: request.fields, maxLineBytes: request.maxLineBytes, period: request.period, ...flagged !== void 0 && { flagged } };
      return run(
        request.paths,
        MIN_TRANSCRIPTS_TO_SCAN_ON_WORKERS,
        SCAN_BATCH,
        (paths) => ({
          kind: "scan",
          paths,
          fields: request.fields,
          maxLineBytes: request.maxLineBytes,
          period: request.period,
          ...flagged !== void 0 && { flagged: { source: flagged.source, flags: flagged.flags } }
        }),
        (path2) => scanTranscript(source(path2), { ...options2, path: path2 }),
        onProgress
      );
    },
    // Parsing every event makes garbage; on this thread, which keeps every result, it would grow the heap
    // that has to hold the report. So reading is left to the workers, whose heaps are capped.
    read(request, onProgress) {
      return run(
        request.paths,
        MIN_TRANSCRIPTS_TO_READ_ON_WORKERS,
        READ_BATCH,
        (paths) => ({ kind: "read", paths, fields: request.fields, maxLineBytes: request.maxLineBytes, rules: request.rules }),
        void 0,
        onProgress
      );
    }
  };
}

// src/io/node-audit-adapters.ts
async function endsWithLineBreak(file) {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if (error.code === "ENOENT") return true;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 10;
  } finally {
    await handle.close();
  }
}
function createNodeAuditAdapters(root, options = {}) {
  const files = nodeRepoFiles(root);
  const workers = auditWorkerPool(root);
  const adapters = {
    glob: (patterns) => files.glob(patterns),
    open: (path2) => ndjsonFileSource(join2(root, path2)),
    exists: (path2) => files.exists(path2),
    async readText(path2) {
      try {
        return await readFile(join2(root, path2), "utf8");
      } catch (error) {
        if (error.code === "ENOENT") return void 0;
        throw error;
      }
    },
    async writeText(path2, text) {
      const file = join2(root, path2);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    },
    async appendText(path2, text) {
      const file = join2(root, path2);
      await mkdir(dirname(file), { recursive: true });
      const prefix = await endsWithLineBreak(file) ? "" : "\n";
      await appendFile(file, prefix + text);
    },
    now: options.now ?? (() => /* @__PURE__ */ new Date()),
    scanMany: (request, onProgress) => workers.scan(request, onProgress),
    readMany: (request, onProgress) => workers.read(request, onProgress)
  };
  if (options.chat) adapters.chat = options.chat;
  if (options.onProgress) adapters.onProgress = options.onProgress;
  return adapters;
}

// src/audit/human-review.ts
var import_yaml = __toESM(require_dist(), 1);

// src/audit/rubric.ts
import { createHash } from "node:crypto";
function rubricVersion(rubric) {
  if (rubric.version !== void 0) return rubric.version;
  const canonical = rubric.dimensions.map((d) => ({
    name: d.name,
    description: d.description,
    scale: d.scale,
    threshold: d.threshold,
    rules: d.rules,
    defaultScore: d.defaultScore ?? null
  }));
  return `auto-${createHash("sha256").update(JSON.stringify(canonical)).digest("hex").slice(0, 12)}`;
}
function withScorer(dimensions, scorer) {
  return dimensions.map((d) => scorer === void 0 ? d : { ...d, scorer });
}
function passes(dimension, score) {
  return score !== null && score >= dimension.threshold;
}
function normalised(dimension, score) {
  const { min, max } = scaleBounds(dimension.scale);
  return (score - min) / (max - min);
}
function isOnScale(dimension, score) {
  const { min, max, integer } = scaleBounds(dimension.scale);
  return Number.isFinite(score) && score >= min && score <= max && (!integer || Number.isInteger(score));
}
function describeScale(dimension) {
  return dimension.scale === "1-5" ? "a whole number from 1 (worst) to 5 (best)" : "a number from 0 (worst) to 1 (best)";
}

// src/audit/scores.ts
function scored(score, reason) {
  return { score, reason, state: "scored", final: true };
}
function failed(reason, final) {
  return { score: null, reason, state: "failed", final };
}
function pending(reason) {
  return { score: null, reason, state: "pending", final: false };
}
function snippet(text, max = 120) {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}

// src/audit/human-review.ts
function reviewKey(transcript, sha256) {
  return `${transcript}
${sha256}`;
}
function reviewFilePath(outputDir, period2, seed) {
  const safeSeed = seed.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80) || "seed";
  return `${outputDir}/review/${period2}-${safeSeed}.yml`;
}
function commentLines(text) {
  return text.split("\n").map((line) => line === "" ? "#" : `# ${line}`).join("\n");
}
function renderReviewHeader(header) {
  const scales = header.dimensions.map((d) => `  ${d.name}: ${describeScale(d)}; passes at ${d.threshold}. ${d.description}`).join("\n");
  const instructions = [
    `reliability-loop audit: human review of ${header.period} (seed ${JSON.stringify(header.seed)}, rubric ${header.rubricVersion}).`,
    "",
    "For each transcript below, replace `null` under `scores` with your score, and say why under `reasons`.",
    "The scales:",
    scales,
    "",
    "Then run the audit again for the same period and seed, e.g.",
    `  reliability-loop audit --period ${header.period} --seed ${JSON.stringify(header.seed)}`,
    `Filled-in scores are recorded in ${header.storeFile}; scores left null stay pending.`,
    "Keep `transcript` and `sha256` as they are: a score counts only for the content it was given for."
  ].join("\n");
  const meta = (0, import_yaml.stringify)({ period: header.period, seed: header.seed, rubric: header.rubricVersion }, { lineWidth: 0 });
  return `${commentLines(instructions)}
${meta}transcripts:
`;
}
function renderReviewEntries(entries, dimensions) {
  return entries.map((entry) => {
    const item = {
      transcript: entry.transcript,
      sha256: entry.sha256,
      scores: Object.fromEntries(dimensions.map((d) => [d.name, null])),
      reasons: Object.fromEntries(dimensions.map((d) => [d.name, ""])),
      excerpt: entry.excerpt
    };
    const yaml = (0, import_yaml.stringify)([item], { lineWidth: 0, blockQuote: "literal" });
    return yaml.split("\n").map((line) => line === "" ? line : `  ${line}`).join("\n");
  }).join("");
}
function parseReviewFile(text) {
  const doc = (0, import_yaml.parseDocument)(text, { prettyErrors: false });
  if (doc.errors.length > 0) return { error: `invalid YAML: ${(doc.errors[0]?.message ?? "").split("\n")[0]}` };
  const data = doc.toJS();
  const list = data?.transcripts;
  if (list !== void 0 && list !== null && !Array.isArray(list)) return { error: "`transcripts` must be a list" };
  const entries = /* @__PURE__ */ new Map();
  for (const item of list ?? []) {
    if (item === null || typeof item !== "object") continue;
    const { transcript, sha256, scores, reasons } = item;
    if (typeof transcript !== "string" || typeof sha256 !== "string") continue;
    entries.set(reviewKey(transcript, sha256), {
      scores: scores !== null && typeof scores === "object" ? scores : {},
      reasons: reasons !== null && typeof reasons === "object" ? reasons : {}
    });
  }
  return { file: { entries } };
}
function reviewedScores(filled, dimensions, file) {
  const scores = {};
  const problems = [];
  for (const d of dimensions) {
    const raw = filled?.scores[d.name];
    if (raw === void 0 || raw === null || typeof raw === "string" && raw.trim() === "") {
      scores[d.name] = pending(`awaiting a reviewer's score in ${file}`);
      continue;
    }
    const value = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
    if (!isOnScale(d, value)) {
      const problem = `${d.name} is ${JSON.stringify(raw)}, not ${describeScale(d)}`;
      problems.push(problem);
      scores[d.name] = pending(`the reviewer's score in ${file} is unusable: ${problem}`);
      continue;
    }
    const reason = filled?.reasons[d.name];
    scores[d.name] = scored(value, typeof reason === "string" && reason.trim() !== "" ? reason.trim() : `scored by a reviewer in ${file}`);
  }
  return { scores, problems };
}

// src/audit/llm-scorer.ts
var import_ajv = __toESM(require_ajv(), 1);
var RESPONSE_SCHEMA_NAME = "audit_scores";
function replySchema(dimensions, withBounds) {
  const properties = {};
  for (const d of dimensions) {
    const { min, max, integer } = scaleBounds(d.scale);
    properties[d.name] = {
      type: "object",
      additionalProperties: false,
      required: ["score", "reason"],
      properties: {
        score: {
          type: integer ? "integer" : "number",
          description: `${d.description} Score: ${describeScale(d)}.`,
          ...withBounds ? { minimum: min, maximum: max } : {}
        },
        reason: { type: "string", description: "One or two sentences of evidence, citing line numbers." }
      }
    };
  }
  return { type: "object", additionalProperties: false, required: dimensions.map((d) => d.name), properties };
}
function rubricText(dimensions) {
  return dimensions.map((d) => `- ${d.name}: ${d.description} Score ${describeScale(d)}; a transcript passes at ${d.threshold} or above.`).join("\n");
}
function buildRequest(dimensions, transcript, model, format) {
  const shape = `{${dimensions.map((d) => `"${d.name}": {"score": <number>, "reason": "<text>"}`).join(", ")}}`;
  let system = `You audit transcripts of an AI agent in production against a rubric. Judge only from the transcript. For each dimension give a score on its scale and a short reason citing line numbers. Reply with a JSON object only, exactly in this shape: ${shape}.`;
  if (format === "json_object") system += `
The JSON must match this JSON Schema: ${JSON.stringify(replySchema(dimensions, true))}`;
  const left = transcript.omitted > 0 ? `; ${transcript.omitted} events from the middle are left out to fit` : "";
  const user = `Rubric:
${rubricText(dimensions)}

Transcript ${transcript.path} (${transcript.events} events${left}):
${transcript.text}`;
  const response_format = format === "json_schema" ? { type: "json_schema", json_schema: { name: RESPONSE_SCHEMA_NAME, strict: true, schema: replySchema(dimensions, false) } } : { type: "json_object" };
  return {
    model,
    messages: [
      { role: "system", content: system },
      { role: "user", content: user }
    ],
    temperature: 0,
    response_format
  };
}
function unfenced(content) {
  const m = /^\s*```(?:json)?\s*\n?([\s\S]*?)\n?\s*```\s*$/i.exec(content);
  return m?.[1] ?? content;
}
function replyValidator(dimensions) {
  const ajv = new import_ajv.Ajv({ allErrors: true, strict: false });
  const schema = replySchema(dimensions, true);
  const byDimension = /* @__PURE__ */ new Map();
  for (const d of dimensions) byDimension.set(d.name, ajv.compile(schema.properties[d.name] ?? {}));
  return { dimensions, byDimension };
}
function parseReply(content, validator, notes = {}) {
  const all = (reason) => Object.fromEntries(validator.dimensions.map((d) => [d.name, failed(reason, true)]));
  if (notes.refusal) return all(`the model refused: ${notes.refusal.slice(0, 200)}`);
  if (content === null || content.trim() === "") return all("the model sent an empty reply");
  let reply;
  try {
    reply = JSON.parse(unfenced(content));
  } catch (error) {
    const cutShort = notes.finishReason === "length" ? " (it was cut off at the token limit)" : "";
    return all(`the model's reply is not JSON${cutShort}: ${error instanceof Error ? error.message.slice(0, 120) : String(error)}`);
  }
  if (reply === null || typeof reply !== "object" || Array.isArray(reply)) return all("the model's reply is not a JSON object");
  const out = {};
  for (const d of validator.dimensions) {
    const part = reply[d.name];
    if (part === void 0) {
      out[d.name] = failed(`the model's reply has no score for ${d.name}`, true);
      continue;
    }
    const validate = validator.byDimension.get(d.name);
    if (!validate || !validate(part)) {
      const why = (validate?.errors ?? []).map((e) => `${e.instancePath.replace(/^\//, "") || d.name} ${e.message ?? "is invalid"}`).join("; ");
      out[d.name] = failed(`the model's reply for ${d.name} is invalid: ${why}`, true);
      continue;
    }
    const { score, reason } = part;
    out[d.name] = scored(score, reason.trim() === "" ? "(the model gave no reason)" : reason.trim());
  }
  return out;
}
var FATAL_STATUSES = /* @__PURE__ */ new Set([401, 403, 404]);
function createLlmScorer(dimensions, options) {
  const validator = replyValidator(dimensions);
  let format = "json_schema";
  let stopped;
  const notFinal = (reason) => Object.fromEntries(dimensions.map((d) => [d.name, failed(reason, false)]));
  return {
    dimensions,
    async score(transcript) {
      if (stopped !== void 0) return notFinal(`not scored: ${stopped}`);
      const asked = format;
      let outcome = await options.complete(buildRequest(dimensions, transcript, options.model, asked));
      if (!outcome.ok && outcome.status === 400 && asked === "json_schema") {
        format = "json_object";
        outcome = await options.complete(buildRequest(dimensions, transcript, options.model, "json_object"));
      }
      if (!outcome.ok) {
        const what = `the model endpoint failed${outcome.status === void 0 ? "" : ` (${outcome.status})`}: ${outcome.message}`;
        if (outcome.status !== void 0 && FATAL_STATUSES.has(outcome.status)) stopped = what;
        return notFinal(`not scored: ${what}`);
      }
      return parseReply(outcome.content, validator, {
        ...outcome.finishReason !== void 0 && { finishReason: outcome.finishReason },
        ...outcome.refusal !== void 0 && { refusal: outcome.refusal }
      });
    }
  };
}

// src/audit/read-transcript.ts
import { createHash as createHash2 } from "node:crypto";
var MAX_MALFORMED_PER_TRANSCRIPT = 100;
async function* hashed(source, hash) {
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
}
async function readTranscript(source, options) {
  const hash = createHash2("sha256");
  const read = { sha256: "", events: 0, malformed: [], moreMalformed: 0 };
  const malformed = (line, problem) => {
    if (read.malformed.length < MAX_MALFORMED_PER_TRANSCRIPT) read.malformed.push({ line, problem });
    else read.moreMalformed++;
  };
  for await (const batch of readNdjsonBatches(hashed(source, hash), { maxLineBytes: options.maxLineBytes })) {
    for (const record of batch) {
      if (record.fatal) {
        read.unreadable = record.problem ?? "reading stopped";
        malformed(record.line, read.unreadable);
        continue;
      }
      if (record.problem !== void 0) malformed(record.line, record.problem);
      if (!("value" in record)) continue;
      if (!isEventObject(record.value)) {
        malformed(record.line, "not a JSON object (each line must be one event object)");
        continue;
      }
      read.events++;
      options.onEvent({ line: record.line, data: record.value });
    }
  }
  read.sha256 = hash.digest("hex");
  return read;
}

// src/audit/render.ts
function cut(text, max) {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters]`;
}
function createRenderer(options) {
  const paths = ["ts", "type", "role", "tool", "content", "notes"].map((n) => resolveField(n, options.fields));
  const [ts, type, role, tool, content, notes] = paths;
  const half = Math.floor(options.budgetChars / 2);
  const perEvent = Math.max(200, Math.floor(options.budgetChars / 6));
  const head = [];
  let headChars = 0;
  let headFull = false;
  const tail = [];
  let tailChars = 0;
  let tailStart = 0;
  let events = 0;
  let omitted = 0;
  const renderEvent = (event) => {
    const d = event.data;
    const kind = [fieldText(readField(d, type)), fieldText(readField(d, role))].filter((v) => v !== void 0);
    const who = [...new Set(kind)].join("/") || "event";
    const toolName = fieldText(readField(d, tool));
    const when = fieldText(readField(d, ts));
    const body = fieldText(readField(d, content)) ?? "";
    let line = `[line ${event.line}]${when === void 0 ? "" : ` ${when}`} ${who}${toolName === void 0 ? "" : ` (${toolName})`}: ${body}`;
    if (options.includeNotes) {
      const note = fieldText(readField(d, notes));
      if (note !== void 0) line += `
  notes: ${note}`;
    }
    return `${cut(line, perEvent)}
`;
  };
  return {
    accept(event) {
      events++;
      const line = renderEvent(event);
      if (!headFull && headChars + line.length <= half) {
        head.push(line);
        headChars += line.length;
        return;
      }
      headFull = true;
      tail.push(line);
      tailChars += line.length;
      while (tailChars > half && tailStart < tail.length - 1) {
        tailChars -= (tail[tailStart] ?? "").length;
        tail[tailStart] = "";
        tailStart++;
        omitted++;
      }
      if (tailStart > 1024) {
        tail.splice(0, tailStart);
        tailStart = 0;
      }
    },
    finish() {
      const kept = tail.slice(tailStart);
      const gap = omitted > 0 ? [`[… ${omitted} ${omitted === 1 ? "event" : "events"} left out to fit the budget …]
`] : [];
      return { text: [...head, ...gap, ...kept].join(""), events, omitted };
    }
  };
}

// src/audit/read-sampled.ts
async function readSampled(source, options) {
  const scoring = options.rules?.start();
  const renderer = options.render ? createRenderer({ fields: options.fields, ...options.render }) : void 0;
  const read = await readTranscript(source, {
    maxLineBytes: options.maxLineBytes,
    onEvent: (event) => {
      scoring?.accept(event);
      renderer?.accept(event);
    }
  });
  const out = { sha256: read.sha256, malformed: read.malformed, moreMalformed: read.moreMalformed };
  if (read.unreadable !== void 0) out.unreadable = read.unreadable;
  if (scoring) out.rules = scoring.finish(read.unreadable === void 0 ? {} : { unreadable: `the transcript could not be read through (${read.unreadable})` });
  if (renderer) out.rendered = renderer.finish();
  return out;
}

// src/audit/rules-scorer.ts
function condition(field, matcher) {
  const tests = [];
  if (matcher.exists !== void 0) {
    const want = matcher.exists;
    tests.push((value) => (value !== void 0 && value !== null) === want);
  }
  if (matcher.equals !== void 0) {
    const want = matcher.equals;
    const wantText = typeof want === "string" && matcher.ignoreCase ? want.toLowerCase() : want;
    tests.push((value) => {
      if (typeof value === "string" && typeof wantText === "string") return (matcher.ignoreCase ? value.toLowerCase() : value) === wantText;
      return value === want;
    });
  }
  if (matcher.matches !== void 0) {
    const re = new RegExp(matcher.matches, matcher.ignoreCase ? "i" : "");
    tests.push((value) => {
      const text = fieldText(value);
      return text !== void 0 && re.test(text);
    });
  }
  if (matcher.contains !== void 0) {
    const words = matcher.ignoreCase ? matcher.contains.map((w) => w.toLowerCase()) : matcher.contains;
    tests.push((value) => {
      const raw = fieldText(value);
      if (raw === void 0) return false;
      const text = matcher.ignoreCase ? raw.toLowerCase() : raw;
      return words.some((w) => text.includes(w));
    });
  }
  return { field, test: (value) => tests.every((t) => t(value)) };
}
function compileRules(dimensions, fields) {
  const compiled = dimensions.map((dimension) => ({
    dimension,
    rules: dimension.rules.map((rule) => {
      const conditions = Object.entries(rule.when).map(([name, matcher]) => condition(resolveField(name, fields), matcher));
      const textual = Object.entries(rule.when).find(([, m]) => m.matches !== void 0 || m.contains !== void 0);
      const shown = resolveField(textual?.[0] ?? Object.keys(rule.when)[0] ?? "", fields);
      return { rule, conditions, shown };
    })
  }));
  return { dimensions, start: () => startScoring(compiled) };
}
function describeRule(rule) {
  const parts = Object.entries(rule.when).map(([field, m]) => {
    const bits = [];
    if (m.matches !== void 0) bits.push(`matches /${m.matches}/`);
    if (m.contains !== void 0) bits.push(`contains ${m.contains.map((w) => JSON.stringify(w)).join(" or ")}`);
    if (m.equals !== void 0) bits.push(`is ${JSON.stringify(m.equals)}`);
    if (m.exists !== void 0) bits.push(m.exists ? "is present" : "is absent");
    return `${field} ${bits.join(" and ")}`;
  });
  return rule.match === "none" ? `no event where ${parts.join(", ")}` : `an event where ${parts.join(", ")}`;
}
function startScoring(compiled) {
  const firstHit = compiled.map((d) => d.rules.map(() => void 0));
  const hitCount = compiled.map((d) => d.rules.map(() => 0));
  let events = 0;
  return {
    accept(event) {
      events++;
      compiled.forEach((d, di) => {
        d.rules.forEach((r, ri) => {
          if (!r.conditions.every((c) => c.test(readField(event.data, c.field)))) return;
          const counts = hitCount[di];
          counts[ri] = (counts[ri] ?? 0) + 1;
          const hits = firstHit[di];
          if (hits[ri] === void 0) hits[ri] = { line: event.line, value: readField(event.data, r.shown) };
        });
      });
    },
    finish(options = {}) {
      const out = {};
      compiled.forEach((d, di) => {
        const { dimension } = d;
        if (options.unreadable !== void 0) {
          out[dimension.name] = failed(`not scored: ${options.unreadable}`, false);
          return;
        }
        if (events === 0) {
          out[dimension.name] = failed("not scored: the transcript has no readable events", false);
          return;
        }
        let decided;
        let applied = 0;
        d.rules.forEach((r, ri) => {
          const count2 = hitCount[di]?.[ri] ?? 0;
          const applies = r.rule.match === "none" ? count2 === 0 : count2 > 0;
          if (!applies) return;
          applied++;
          if (decided === void 0 || r.rule.score < decided.rule.rule.score) {
            const hit2 = firstHit[di]?.[ri];
            decided = hit2 === void 0 ? { rule: r, count: count2 } : { rule: r, hit: hit2, count: count2 };
          }
        });
        if (decided === void 0) {
          const top = dimension.defaultScore ?? scaleBounds(dimension.scale).max;
          out[dimension.name] = scored(top, `no rule applies (${events} ${events === 1 ? "event" : "events"} read)`);
          return;
        }
        const { rule, hit, count } = decided;
        let reason = rule.rule.reason ?? describeRule(rule.rule);
        if (hit !== void 0) {
          const text = fieldText(hit.value);
          const more = count > 1 ? ` and ${count - 1} more ${count === 2 ? "event" : "events"}` : "";
          reason += ` (line ${hit.line}${more}${text === void 0 ? "" : `: ${rule.shown.name} ${snippet(text)}`})`;
        }
        if (applied > 1) reason += ` [${applied - 1} more ${applied === 2 ? "rule applies" : "rules apply"}]`;
        out[dimension.name] = scored(rule.rule.score, reason);
      });
      return out;
    }
  };
}

// src/audit/sample.ts
import { createHash as createHash3 } from "node:crypto";
function sampleKey(seed, path2) {
  return createHash3("sha256").update(seed).update("\n").update(path2).digest("hex");
}
function agentDay(candidate) {
  return `${candidate.agent ?? ""}
${candidate.day ?? ""}`;
}
function selectSample(candidates, options) {
  const keyed = candidates.map((candidate) => ({ candidate, key: sampleKey(options.seed, candidate.path) })).sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : a.candidate.path < b.candidate.path ? -1 : 1);
  const perAgentDay = /* @__PURE__ */ new Map();
  const taken = /* @__PURE__ */ new Set();
  const sample = [];
  const take = (candidate, key, stratum) => {
    if (taken.has(candidate.path)) return;
    if (options.maxPerAgentDay > 0) {
      const bucket = agentDay(candidate);
      const count = perAgentDay.get(bucket) ?? 0;
      if (count >= options.maxPerAgentDay) return;
      perAgentDay.set(bucket, count + 1);
    }
    taken.add(candidate.path);
    sample.push({ path: candidate.path, stratum, key });
  };
  if (options.includeFlagged) {
    for (const { candidate, key } of keyed) if (candidate.flagged) take(candidate, key, "flagged");
  }
  for (const { candidate, key } of keyed) {
    if (sample.length >= options.size) break;
    take(candidate, key, "random");
  }
  return sample;
}

// src/audit/summary.ts
function summarise(dimensions, results) {
  return dimensions.map((dimension) => {
    let sum = 0;
    let scoredCount = 0;
    let failedCount = 0;
    let pendingCount = 0;
    let passed = 0;
    for (const result of results) {
      const s = result.scores[dimension.name];
      if (s === void 0) continue;
      if (s.state === "pending") pendingCount++;
      else if (s.state === "failed" || s.score === null) failedCount++;
      else {
        scoredCount++;
        sum += s.score;
        if (passes(dimension, s.score)) passed++;
      }
    }
    const judged = scoredCount + failedCount;
    return {
      dimension,
      mean: scoredCount === 0 ? null : sum / scoredCount,
      scored: scoredCount,
      failed: failedCount,
      pending: pendingCount,
      passed,
      passRate: judged === 0 ? null : passed / judged
    };
  });
}
function lowestScoring(dimensions, results, count = 5) {
  const byName = new Map(dimensions.map((d) => [d.name, d]));
  const byTranscript = /* @__PURE__ */ new Map();
  for (const result of results) byTranscript.set(result.transcript, { ...byTranscript.get(result.transcript) ?? {}, ...result.scores });
  const ranked = [];
  for (const [transcript, scores] of byTranscript) {
    let total = 0;
    let judged = 0;
    for (const [name, s] of Object.entries(scores)) {
      const dimension = byName.get(name);
      if (!dimension || s.state === "pending") continue;
      judged++;
      total += s.score === null ? 0 : normalised(dimension, s.score);
    }
    if (judged > 0) ranked.push({ transcript, standing: total / judged, scores });
  }
  ranked.sort((a, b) => a.standing - b.standing || (a.transcript < b.transcript ? -1 : 1));
  return ranked.slice(0, count);
}
function failBelowBreaches(summaries, failBelow) {
  if (failBelow === void 0) return [];
  return summaries.filter((s) => s.passRate !== null && s.passRate < failBelow);
}

// src/modes/audit.ts
var SCAN_CONCURRENCY = 8;
var SCORE_BATCH = 8;
var SCORER_ORDER = ["rules", "llm", "human"];
function scorersInUse(config, scorer) {
  return new Set(withScorer(config.rubric.dimensions, scorer).map((d) => d.scorer));
}
function checkDimensions(dimensions, config, request, configFile) {
  const bare = dimensions.filter((d) => d.scorer === "rules" && d.rules.length === 0);
  if (bare.length > 0) {
    throw new ConfigError(
      bare.map((d) => ({
        file: request.scorer !== void 0 ? "--scorer" : configFile ?? "the configuration",
        key: `audit.rubric.dimensions.${d.name}.rules`,
        message: `${d.name} has no rules, so the rules scorer cannot score it: give it rules, or use --scorer llm or human`
      }))
    );
  }
  if (dimensions.some((d) => d.scorer === "llm") && config.llm.model === void 0) {
    throw new ConfigError({
      file: configFile ?? "--model",
      key: "audit.llm.model",
      message: "the llm scorer needs a model: set audit.llm.model in the configuration or pass --model (there is no default, so a cost is never chosen for you)"
    });
  }
}
function fromRecord(record, dimensions, stratum, transcript) {
  const scores = {};
  for (const d of dimensions) {
    const value = record.scores[d.name];
    const reason = record.reasons[d.name] ?? "";
    scores[d.name] = typeof value === "number" ? scored(value, reason) : failed(reason || "no score was recorded", true);
  }
  return { transcript, sha256: record.sha256, scorer: record.scorer, stratum, model: record.model, scores, reused: true };
}
async function runAudit(config, request, adapters, configFile) {
  const dimensions = withScorer(config.rubric.dimensions, request.scorer);
  checkDimensions(dimensions, config, request, configFile);
  const byScorer = (scorer) => dimensions.filter((d) => d.scorer === scorer);
  const rulesDims = byScorer("rules");
  const llmDims = byScorer("llm");
  const humanDims = byScorer("human");
  if (llmDims.length > 0 && adapters.chat === void 0) throw new Error("runAudit: the llm scorer is in use but no chat adapter was given");
  const version = rubricVersion(config.rubric);
  const { period: period2 } = request;
  const seed = config.seed;
  const warnings = [];
  const files = await adapters.glob(config.paths);
  const flaggedPattern = config.strata.flagged ? new RegExp(config.strata.flaggedPattern, "i") : void 0;
  const scanRequest = { paths: files, fields: config.fields, maxLineBytes: config.maxLineBytes, period: period2, ...flaggedPattern !== void 0 && { flagged: flaggedPattern } };
  const scanProgress = (done2) => adapters.onProgress?.({ phase: "scanning", done: done2, total: files.length });
  const scanned = await adapters.scanMany?.(scanRequest, scanProgress);
  let scans;
  if (scanned !== void 0) scans = files.map((path2, i) => ({ path: path2, result: scanned[i] }));
  else {
    const scanLimit = pLimit(SCAN_CONCURRENCY);
    let count = 0;
    scans = await Promise.all(
      files.map(
        (path2) => scanLimit(async () => {
          const result2 = await scanTranscript(adapters.open(path2), { ...scanRequest, path: path2 });
          scanProgress(++count);
          return { path: path2, result: result2 };
        })
      )
    );
  }
  const undated = scans.filter((s) => s.result.date === void 0).map((s) => s.path);
  const candidates = scans.flatMap(
    ({ path: path2, result: result2 }) => result2.date?.period === period2 ? [{ path: path2, period: period2, flagged: result2.flagged, ...result2.date.day !== void 0 && { day: result2.date.day }, ...result2.agent !== void 0 && { agent: result2.agent } }] : []
  );
  if (undated.length > 0) {
    const shown = undated.slice(0, 5).join(", ");
    warnings.push(
      `${plural(undated.length, "transcript")} ${undated.length === 1 ? "belongs" : "belong"} to no period (no timestamp in the first event, no date in the path): ${shown}${undated.length > 5 ? `, and ${undated.length - 5} more` : ""}`
    );
  }
  const draw = selectSample(candidates, { seed, size: config.sampleSize, includeFlagged: config.strata.flagged, maxPerAgentDay: config.strata.maxPerAgentDay });
  const storeFile = storeFilePath(config.outputDir, period2);
  const stored = /* @__PURE__ */ new Map();
  if (adapters.exists(storeFile)) {
    let bad = 0;
    for await (const line of readNdjson(adapters.open(storeFile), { maxLineBytes: config.maxLineBytes })) {
      const record = "value" in line ? recordOf(line.value) : void 0;
      if (record === void 0) bad++;
      else stored.set(recordKey(record), record);
    }
    if (bad > 0) warnings.push(`${storeFile}: ${bad === 1 ? "1 line that is not an audit record was" : `${bad} lines that are not audit records were`} ignored`);
  }
  const reviewFile = reviewFilePath(config.outputDir, period2, seed);
  let review;
  let reviewText;
  let reviewBroken;
  if (humanDims.length > 0) {
    reviewText = await adapters.readText(reviewFile);
    if (reviewText !== void 0) {
      const parsed = parseReviewFile(reviewText);
      if ("error" in parsed) {
        reviewBroken = parsed.error;
        warnings.push(`${reviewFile}: ${parsed.error}; its scores cannot be read and nothing was added to it: fix it and run again`);
      } else review = parsed.file;
    }
  }
  const rules = rulesDims.length > 0 ? compileRules(rulesDims, config.fields) : void 0;
  const llm = llmDims.length > 0 && adapters.chat ? createLlmScorer(llmDims, { model: config.llm.model ?? "", complete: adapters.chat }) : void 0;
  const needsText = llmDims.length > 0 || humanDims.length > 0;
  const llmLimit = pLimit(config.llm.concurrency);
  let llmBudget = config.llm.maxCalls;
  let llmCalls = 0;
  let overCap = 0;
  const results = [];
  const malformed = [];
  const reviewAdditions = [];
  const reviewProblems = [];
  let done = 0;
  const readOptions = {
    fields: config.fields,
    maxLineBytes: config.maxLineBytes,
    ...rules !== void 0 && { rules },
    ...needsText && { render: { budgetChars: config.budgetChars, includeNotes: config.llm.includeNotes } }
  };
  const readOne = async (sample) => ({ sample, ...await readSampled(adapters.open(sample.path), readOptions) });
  const bulk = needsText ? void 0 : await adapters.readMany?.(
    { paths: draw.map((d) => d.path), fields: config.fields, maxLineBytes: config.maxLineBytes, rules: rulesDims },
    (n) => adapters.onProgress?.({ phase: "scoring", done: n, total: draw.length })
  );
  for (let i = 0; i < draw.length; i += SCORE_BATCH) {
    const slice = draw.slice(i, i + SCORE_BATCH);
    const batch = bulk !== void 0 ? slice.map((sample, j) => ({ sample, ...bulk[i + j] })) : await Promise.all(slice.map(readOne));
    const llmJobs = [];
    for (const outcome of batch) {
      const { sample, sha256 } = outcome;
      malformed.push(...outcome.malformed.map((m) => ({ path: sample.path, ...m })));
      if (outcome.moreMalformed > 0) warnings.push(`${sample.path}: ${plural(outcome.moreMalformed, "more malformed line")} not listed`);
      const base = { transcript: sample.path, sha256, stratum: sample.stratum, reused: false };
      const keyOf = (scorer) => recordKey({ period: period2, seed, sha256, rubric_version: version, scorer });
      if (outcome.rules) results.push({ ...base, scorer: "rules", model: null, scores: outcome.rules });
      if (llm) {
        const earlier = stored.get(keyOf("llm"));
        if (earlier) results.push(fromRecord(earlier, llmDims, sample.stratum, sample.path));
        else if (outcome.unreadable !== void 0) {
          const why = `not scored: the transcript could not be read through (${outcome.unreadable})`;
          results.push({ ...base, scorer: "llm", model: config.llm.model ?? null, scores: Object.fromEntries(llmDims.map((d) => [d.name, failed(why, false)])) });
        } else if (llmBudget <= 0) {
          overCap++;
          const why = `not scored: this run reached its cap of ${plural(config.llm.maxCalls, "model call")} (audit.llm.max-calls); the next run scores it`;
          results.push({ ...base, scorer: "llm", model: config.llm.model ?? null, scores: Object.fromEntries(llmDims.map((d) => [d.name, failed(why, false)])) });
        } else {
          llmBudget--;
          llmCalls++;
          const result2 = { ...base, scorer: "llm", model: config.llm.model ?? null, scores: {} };
          results.push(result2);
          const rendered = outcome.rendered ?? { text: "", events: 0, omitted: 0 };
          llmJobs.push(
            llmLimit(async () => {
              result2.scores = await llm.score({ ...rendered, path: sample.path });
            })
          );
        }
      }
      if (humanDims.length > 0) {
        const earlier = stored.get(keyOf("human"));
        if (earlier) results.push(fromRecord(earlier, humanDims, sample.stratum, sample.path));
        else {
          const filled = review?.entries.get(reviewKey(sample.path, sha256));
          const { scores, problems } = reviewedScores(filled, humanDims, reviewFile);
          reviewProblems.push(...problems.map((p) => `${sample.path}: ${p}`));
          if (reviewBroken !== void 0) for (const d of humanDims) scores[d.name] = { ...scores[d.name], reason: `the review file ${reviewFile} cannot be read: ${reviewBroken}` };
          results.push({ ...base, scorer: "human", model: null, scores });
          if (filled === void 0 && outcome.unreadable === void 0) {
            reviewAdditions.push({ transcript: sample.path, sha256, excerpt: outcome.rendered?.text ?? "" });
          }
        }
      }
    }
    await Promise.all(llmJobs);
    done += batch.length;
    if (bulk === void 0) adapters.onProgress?.({ phase: "scoring", done, total: draw.length });
  }
  const now = adapters.now().toISOString();
  const finished = results.filter((r) => !r.reused && Object.values(r.scores).every((s) => s.final));
  const records = finished.map((r) => ({
    period: period2,
    seed,
    transcript: r.transcript,
    sha256: r.sha256,
    rubric_version: version,
    scorer: r.scorer,
    model: r.model,
    stratum: r.stratum,
    scores: Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, s.score])),
    reasons: Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, s.reason])),
    scored_at: now
  }));
  const toAppend = newRecords(records, new Set(stored.keys()));
  if (!request.dryRun && toAppend.length > 0) await adapters.appendText(storeFile, formatRecords(toAppend));
  const notRecorded = results.filter((r) => !r.reused && !Object.values(r.scores).every((s) => s.final)).length;
  let reviewSummary;
  if (humanDims.length > 0) {
    let added = 0;
    if (!request.dryRun && reviewBroken === void 0 && reviewAdditions.length > 0) {
      const entries = renderReviewEntries(reviewAdditions, humanDims);
      if (reviewText === void 0) {
        await adapters.writeText(reviewFile, renderReviewHeader({ period: period2, seed, rubricVersion: version, dimensions: humanDims, storeFile }) + entries);
        added = reviewAdditions.length;
      } else {
        const joined = `${reviewText}${reviewText.endsWith("\n") ? "" : "\n"}${entries}`;
        const check = parseReviewFile(joined);
        if ("file" in check && reviewAdditions.every((e) => check.file.entries.has(reviewKey(e.transcript, e.sha256)))) {
          await adapters.appendText(reviewFile, entries);
          added = reviewAdditions.length;
        } else {
          warnings.push(`${reviewFile}: ${plural(reviewAdditions.length, "transcript")} could not be added, because \`transcripts:\` is no longer the file's last list: move it to the end and run again`);
        }
      }
    }
    const pendingCount = results.filter((r) => r.scorer === "human" && Object.values(r.scores).some((s) => s.state === "pending")).length;
    reviewSummary = { file: reviewFile, added, pending: pendingCount, problems: reviewProblems };
  }
  const ordered = [...results].sort(
    (a, b) => a.transcript < b.transcript ? -1 : a.transcript > b.transcript ? 1 : SCORER_ORDER.indexOf(a.scorer) - SCORER_ORDER.indexOf(b.scorer)
  );
  malformed.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line);
  const summaries = summarise(dimensions, ordered);
  const result = {
    period: period2,
    seed,
    rubricVersion: version,
    dimensions,
    counts: { found: files.length, inPeriod: candidates.length, flagged: candidates.filter((c) => c.flagged).length, undated },
    sampled: ordered,
    draw,
    summaries,
    lowest: lowestScoring(dimensions, ordered),
    breaches: failBelowBreaches(summaries, config.failBelow),
    malformed,
    store: { file: storeFile, added: toAppend.length, alreadyStored: results.filter((r) => r.reused).length + records.length - toAppend.length, notRecorded, dryRun: request.dryRun === true },
    warnings
  };
  if (config.failBelow !== void 0) result.failBelow = config.failBelow;
  if (reviewSummary) result.review = reviewSummary;
  if (llm) result.llm = { model: config.llm.model ?? "", calls: llmCalls, overCap };
  return result;
}

// src/report/audit-json.ts
var round = (n) => Math.round(n * 1e4) / 1e4;
function toAuditJson(result) {
  return {
    period: result.period,
    seed: result.seed,
    rubric: {
      version: result.rubricVersion,
      dimensions: Object.fromEntries(
        result.dimensions.map((d) => [d.name, { description: d.description, scale: d.scale, threshold: d.threshold, scorer: d.scorer }])
      )
    },
    sampled: result.sampled.map((r) => ({
      transcript: r.transcript,
      sha256: r.sha256,
      scorer: r.scorer,
      scores: Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, s.score])),
      reasons: Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, s.reason]))
    })),
    means: Object.fromEntries(result.summaries.map((s) => [s.dimension.name, s.mean === null ? null : round(s.mean)])),
    malformed: result.malformed.map((m) => ({ path: m.path, line: m.line }))
  };
}
function formatAuditJson(result) {
  return `${JSON.stringify(toAuditJson(result))}
`;
}

// src/report/audit-text.ts
function formatNumber(n) {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
}
function scoreCell(dimension, s) {
  if (s === void 0) return "–";
  if (s.state === "pending") return "?";
  if (s.score === null) return "!";
  return passes(dimension, s.score) ? formatNumber(s.score) : `${formatNumber(s.score)} ✗`;
}
function percent(passRate) {
  return passRate === null ? "–" : `${Math.round(passRate * 100)}%`;
}
function table(rows, paint = (_r, _c, t) => t) {
  const widths = (rows[0] ?? []).map((_, col) => Math.max(...rows.map((r) => [...r[col] ?? ""].length)));
  return rows.map(
    (r, ri) => r.map((cell, ci) => paint(ri, ci, ci === r.length - 1 ? cell : cell + " ".repeat((widths[ci] ?? 0) - [...cell].length))).join("  ").trimEnd()
  ).join("\n");
}
function oneLine(text, max = 160) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
function formatAuditText(result, options) {
  const c = ansi(options.color);
  const out = [];
  out.push(c.bold(`Audit of ${result.period}`) + c.dim(` · seed ${JSON.stringify(result.seed)} · rubric ${result.rubricVersion}`));
  const flagged = result.draw.filter((d) => d.stratum === "flagged").length;
  out.push(
    `${plural(result.counts.inPeriod, "transcript")} in ${result.period} (of ${result.counts.found} found); ${result.draw.length} sampled` + (flagged > 0 ? `, ${flagged} of them flagged` : "") + "."
  );
  if (result.draw.length === 0) {
    out.push("", "Nothing to score.");
    return `${out.join("\n")}
`;
  }
  const dims = result.dimensions;
  const rows = [["transcript", "scorer", ...dims.map((d) => d.name)]];
  for (const r of result.sampled) rows.push([r.transcript, r.scorer + (r.reused ? "*" : ""), ...dims.map((d) => d.name in r.scores ? scoreCell(d, r.scores[d.name]) : "")]);
  out.push(
    "",
    table(rows, (ri, ci, text) => {
      if (ri === 0) return c.bold(text);
      if (ci < 2) return text;
      if (text.includes("✗") || text.trim() === "!") return c.red(text);
      if (text.trim() === "?") return c.yellow(text);
      return text;
    })
  );
  if (result.sampled.some((r) => r.reused)) out.push(c.dim("* recorded by an earlier run with the same seed and rubric; not scored again"));
  const summaryRows = [["dimension", "scale", "threshold", "mean", "pass rate", "failed", "pending"]];
  for (const s of result.summaries) {
    summaryRows.push([
      s.dimension.name,
      s.dimension.scale,
      formatNumber(s.dimension.threshold),
      s.mean === null ? "–" : s.mean.toFixed(2),
      s.passRate === null ? "–" : `${s.passed}/${s.scored + s.failed} (${percent(s.passRate)})`,
      String(s.failed),
      String(s.pending)
    ]);
  }
  const breached = new Set(result.breaches.map((b) => b.dimension.name));
  out.push(
    "",
    table(summaryRows, (ri, ci, text) => ri === 0 ? c.bold(text) : ci === 4 && breached.has(summaryRows[ri]?.[0] ?? "") ? c.red(text) : text)
  );
  const weak = result.lowest.filter((t) => t.standing < 1);
  if (weak.length > 0) {
    out.push("", c.bold("Lowest scoring:"));
    const byName = new Map(dims.map((d) => [d.name, d]));
    for (const t of weak) {
      const worst = Object.entries(t.scores).filter(([name, s]) => s.state !== "pending" && !passes(byName.get(name), s.score)).map(([name, s]) => `${name} ${s.score === null ? "failed" : formatNumber(s.score)}: ${oneLine(s.reason)}`);
      out.push(`  ${t.transcript}${c.dim(` (${Math.round(t.standing * 100)}% of the scale)`)}`);
      for (const w of worst) out.push(`    ${w}`);
    }
  }
  if (result.malformed.length > 0) {
    out.push("", c.bold(`Malformed lines (${result.malformed.length}):`));
    for (const m of result.malformed.slice(0, 50)) out.push(`  ${m.path}:${m.line}: ${oneLine(m.problem)}`);
    if (result.malformed.length > 50) out.push(`  …and ${result.malformed.length - 50} more (--format json lists all)`);
  }
  out.push("");
  const { store } = result;
  if (store.dryRun) out.push(c.dim(`--dry-run: nothing written; ${store.file} would get ${plural(store.added, "new record")}.`));
  else out.push(`${store.added > 0 ? `Recorded ${plural(store.added, "new record")}` : "No new records"} in ${store.file}${store.alreadyStored > 0 ? ` (${store.alreadyStored} already there)` : ""}.`);
  if (store.notRecorded > 0) out.push(c.yellow(`${plural(store.notRecorded, "result")} not recorded (failed requests, the model call cap, or awaiting review): the next run with the same seed tries again.`));
  if (result.review) {
    const r = result.review;
    if (r.added > 0) out.push(`Added ${plural(r.added, "transcript")} to the review file ${r.file}: fill in the scores and run again.`);
    if (r.pending > 0 && r.added === 0) out.push(`${plural(r.pending, "transcript")} await a reviewer in ${r.file}.`);
  }
  if (result.failBelow !== void 0) {
    if (result.breaches.length > 0) {
      out.push(c.red(`✖ fail-below ${result.failBelow}: ${result.breaches.map((b) => `${b.dimension.name} passes ${percent(b.passRate)}`).join(", ")}`));
    } else out.push(c.green(`✔ every dimension passes at least ${percent(result.failBelow)} of the sample (fail-below ${result.failBelow})`));
  }
  return `${out.join("\n")}
`;
}

// src/cli/audit-command.ts
var AUDIT_FORMATS = ["text", "json"];
var AUDIT_HELP_AFTER = `
Transcripts are the NDJSON files matching audit.paths (default logs/missions/**/*.ndjson and .ndjson.gz),
one per agent mission. A transcript belongs to the month (UTC) of its first event's timestamp, or, without
one, to a date in its path. The sample is the transcripts of the period with the smallest SHA-256 of
seed + path, so the same files and seed always give the same sample. Scores are appended to
<audit.output-dir>/<period>.ndjson (default reliability/audits/); a run with the same period, seed and
rubric never records a transcript twice.

The llm scorer calls an OpenAI-compatible /chat/completions endpoint: audit.llm.base-url, else
OPENAI_BASE_URL, else OpenAI; the key from OPENAI_API_KEY (or the variable audit.llm.api-key-env names).
The human scorer writes <output-dir>/review/<period>-<seed>.yml; fill in the scores and run again.

Examples:
  $ reliability-loop audit                                    # last month, 25 transcripts, each dimension's scorer
  $ reliability-loop audit --period 2026-10 --scorer rules --format json | jq '.means'
  $ reliability-loop audit --include-flagged --fail-below 0.9 # CI: every error/policy-flagged mission, and a bar
  $ OPENAI_API_KEY=… reliability-loop audit --scorer llm --model gpt-4o-mini --sample 10
  $ reliability-loop audit --scorer human                     # then fill in the review file, run again

Exit codes:
  0  audited (and every dimension at or above --fail-below, when set)
  1  a dimension's pass rate is below --fail-below
  2  usage or configuration error (bad option, invalid config, no model or key for the llm scorer)
  3  unexpected internal error (run with DEBUG=reliability-loop for details)
`;
function positiveInteger(value) {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InvalidArgumentError("must be a whole number, 1 or more.");
  return Number(value);
}
function shareOf(value) {
  const n = Number(value.trim().replace(/%$/, ""));
  const share = value.trim().endsWith("%") ? n / 100 : n;
  if (value.trim() === "" || !Number.isFinite(share) || share < 0 || share > 1) throw new InvalidArgumentError("must be a share from 0 to 1, e.g. 0.9 (or 90%).");
  return share;
}
function period(value) {
  if (!isPeriod(value.trim())) throw new InvalidArgumentError("must be a month as YYYY-MM, e.g. 2026-10.");
  return value.trim();
}
function addAuditCommand(program, io, deps, done) {
  return program.command("audit").summary("sample agent transcripts and score them on a rubric").description("Sample a month of agent transcripts (NDJSON) reproducibly, score them on the rubric with rules, a model or a reviewer, and record the scores.").option("--period <YYYY-MM>", "month to audit, UTC (default: the previous month)", period).option("--sample <n>", "transcripts to sample (default: audit.sample-size, 25)", positiveInteger).option("--seed <seed>", "sampling seed (default: audit.seed)").addOption(new Option("--scorer <scorer>", "score every dimension with this scorer (default: each dimension's own)").choices(AUDIT_SCORERS)).option("--model <model>", "model of the llm scorer (default: audit.llm.model)").option("--fail-below <share>", "exit 1 when a dimension's pass rate is below this share, 0 to 1 (default: audit.fail-below)", shareOf).option("--include-flagged", "always sample the transcripts whose events carry error or policy notes").option("--dry-run", "score and report, but write no records and no review file").addOption(new Option("-f, --format <format>", "report format").choices(AUDIT_FORMATS).default("text")).option("-o, --output <file>", "write the report to a file instead of stdout").option("-c, --config <file>", "config file (default: .github/reliability.yml or .yaml under --root)").option("--root <dir>", "repository root; globs, the config and the output directory are relative to it (default: current directory)").option("--color", "colour the text report even when stdout is not a terminal").option("--no-color", "never colour the text report").addHelpText("after", AUDIT_HELP_AFTER).action(async (options) => {
    done(await auditCommand(options, io, deps));
  });
}
function overridesOf(options) {
  const overrides = [];
  if (options.sample !== void 0) overrides.push({ source: "--sample", values: { audit: { "sample-size": options.sample } } });
  if (options.seed !== void 0) overrides.push({ source: "--seed", values: { audit: { seed: options.seed } } });
  if (options.model !== void 0) overrides.push({ source: "--model", values: { audit: { llm: { model: options.model } } } });
  if (options.failBelow !== void 0) overrides.push({ source: "--fail-below", values: { audit: { "fail-below": options.failBelow } } });
  if (options.includeFlagged) overrides.push({ source: "--include-flagged", values: { audit: { strata: { flagged: true } } } });
  return overrides;
}
function phasedProgress(write) {
  let phase;
  let line = NO_PROGRESS;
  return {
    update(p) {
      if (p.phase !== phase) {
        line.clear();
        phase = p.phase;
        line = progressLine(write, { label: p.phase });
      }
      line.update(p);
    },
    clear: () => line.clear()
  };
}
async function auditCommand(options, io, deps) {
  const root = resolveRoot(options.root, io.cwd);
  const config = loadConfig({
    root,
    ...options.config === void 0 ? {} : { configPath: path.resolve(io.cwd, options.config) },
    overrides: overridesOf(options),
    readFile: readConfigText
  });
  const audit = auditConfigOf(config);
  const now = deps.now ?? (() => /* @__PURE__ */ new Date());
  const text = options.format === "text";
  let chat;
  if (scorersInUse(audit, options.scorer).has("llm")) {
    const endpoint = llmEndpoint(audit, io.env);
    chat = createChatClient({
      ...endpoint,
      retries: audit.llm.retries,
      timeoutMs: audit.llm.timeoutSeconds * 1e3,
      onRetry: ({ delayMs, reason }) => io.stderr(`model endpoint: ${reason}; retrying in ${(delayMs / 1e3).toFixed(1)} s
`)
    });
  }
  const showProgress = text && (io.stderrIsTTY ?? io.isTTY) && !isCI(io.env);
  const progress = showProgress ? phasedProgress(io.stderr) : { update: () => {
  }, clear: () => {
  } };
  const adapters = createNodeAuditAdapters(root, { now, onProgress: progress.update, ...chat !== void 0 && { chat } });
  const periodWanted = options.period ?? previousPeriod(now());
  let result;
  try {
    result = await runAudit(audit, { period: periodWanted, ...options.scorer !== void 0 && { scorer: options.scorer }, dryRun: options.dryRun === true }, adapters, config.configFile);
  } finally {
    progress.clear();
  }
  for (const warning of result.warnings) io.stderr(`warning: ${warning}
`);
  if (result.counts.found === 0) io.stderr(`warning: no transcripts match ${audit.paths.join(", ")} under ${root}
`);
  else if (result.counts.inPeriod === 0) {
    io.stderr(`warning: none of the ${result.counts.found} transcripts found belongs to ${periodWanted}; choose the month with --period YYYY-MM
`);
  }
  for (const problem of result.review?.problems ?? []) io.stderr(`warning: ${result.review?.file}: ${problem}
`);
  const report = options.format === "json" ? formatAuditJson(result) : formatAuditText(result, { color: options.output === void 0 ? shouldUseColor({ flag: options.color, env: io.env, isTTY: io.isTTY }) : options.color === true });
  if (options.output === void 0) io.stdout(report);
  else writeOutputFile(io.cwd, options.output, report);
  if (result.breaches.length > 0) {
    const list = result.breaches.map((b) => `${b.dimension.name} passes ${percent(b.passRate)}`).join(", ");
    if (!text || options.output !== void 0) io.stderr(`error: below --fail-below ${result.failBelow}: ${list}
`);
    return EXIT.PROBLEMS;
  }
  return EXIT.OK;
}
export {
  AUDIT_FORMATS,
  addAuditCommand,
  auditCommand
};
