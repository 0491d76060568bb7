#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  compareText
} from "./cli-HK53JNZZ.js";
import {
  parseInstant
} from "./cli-PKNRYYMW.js";
import {
  createNodeLintAdapters,
  runLint
} from "./cli-DSEV7FH7.js";
import {
  runGit
} from "./cli-64ZQU7E7.js";
import {
  DEFAULT_MAX_LINE_BYTES,
  LineSplitter,
  ndjsonFileSource,
  oversizedProblem,
  parseLine
} from "./cli-2EEIGSHA.js";
import {
  nodeRepoFiles
} from "./cli-K3LUHVBJ.js";
import {
  asDict
} from "./cli-2DQVB3FE.js";

// src/io/node-review-adapters.ts
import { closeSync as closeSync2, openSync as openSync2 } from "node:fs";
import { join, sep } from "node:path";

// src/io/git-commit-times.ts
var PATHS_PER_CALL = 200;
async function lastCommitTimes(root, paths) {
  const out = /* @__PURE__ */ new Map();
  if (paths.length === 0) return out;
  let shallow;
  try {
    shallow = (await runGit(root, ["rev-parse", "--is-shallow-repository"])).toString("utf8").trim() === "true";
  } catch {
    return out;
  }
  for (let i = 0; i < paths.length; i += PATHS_PER_CALL) {
    const chunk = paths.slice(i, i + PATHS_PER_CALL);
    let text2;
    try {
      text2 = (await runGit(root, ["-c", "core.quotePath=false", "log", "--relative", "--format=%x00%at %P", "--name-only", "--no-renames", "--", ...chunk.map((p) => `:(literal)${p}`)])).toString("utf8");
    } catch {
      continue;
    }
    const wanted = new Set(chunk);
    for (const block of text2.split("\0")) {
      const [head, ...names] = block.split("\n");
      const match = /^(\d+)(.*)$/.exec(head ?? "");
      if (!match) continue;
      const boundary = shallow && (match[2] ?? "").trim() === "";
      for (const name of names) {
        if (name === "" || !wanted.has(name) || out.has(name)) continue;
        wanted.delete(name);
        if (!boundary) out.set(name, Number(match[1]) * 1e3);
      }
    }
  }
  return out;
}

// src/io/ndjson-head.ts
import { readSync } from "node:fs";
var HEAD_CHUNK_BYTES = 4 * 1024;
var LF = 10;
var scratch = Buffer.allocUnsafe(HEAD_CHUNK_BYTES);
var ForwardLines = class {
  constructor(fd, maxLineBytes = DEFAULT_MAX_LINE_BYTES, buffer = scratch) {
    this.fd = fd;
    this.maxLineBytes = maxLineBytes;
    this.buffer = buffer;
    this.splitter = new LineSplitter(maxLineBytes);
  }
  fd;
  maxLineBytes;
  buffer;
  splitter;
  pending = [];
  segment;
  pos = 0;
  position = 0;
  line = 0;
  done = false;
  /** The next non-blank line as a record; undefined at the end of the file. */
  next() {
    for (; ; ) {
      const segment = this.segment;
      if (segment !== void 0 && this.pos < segment.end) {
        const nl = segment.bytes.indexOf(LF, this.pos);
        const lineEnd = nl === -1 || nl >= segment.end ? segment.end : nl;
        this.line++;
        let from = this.pos;
        if (this.line === 1 && segment.bytes[from] === 239 && segment.bytes[from + 1] === 187 && segment.bytes[from + 2] === 191) from += 3;
        this.pos = lineEnd + 1;
        const parsed = parseLine(segment.bytes, from, lineEnd, { maxLineBytes: this.maxLineBytes, unterminated: segment.unterminated });
        if (parsed !== void 0) return { line: this.line, ...parsed };
        continue;
      }
      this.segment = void 0;
      const next = this.pending.shift() ?? this.fill();
      if (next === void 0) return void 0;
      if (next.kind === "oversized") {
        this.line++;
        return { line: this.line, problem: oversizedProblem(this.maxLineBytes) };
      }
      if (next.kind === "failed") return { line: this.line + 1, problem: `reading stopped: ${next.message}`, fatal: true };
      this.segment = next;
      this.pos = next.start;
    }
  }
  fill() {
    while (this.pending.length === 0 && !this.done) {
      const bytesRead = readSync(this.fd, this.buffer, 0, this.buffer.length, this.position);
      if (bytesRead === 0) {
        this.done = true;
        this.pending.push(...this.splitter.end());
      } else {
        this.position += bytesRead;
        this.pending.push(...this.splitter.push(this.buffer.subarray(0, bytesRead)));
      }
    }
    return this.pending.shift();
  }
};

// src/io/ndjson-tail.ts
import { closeSync, fstatSync, openSync, readSync as readSync2 } from "node:fs";
var FIRST_TAIL_BYTES = 4 * 1024;
var TAIL_CHUNK_BYTES = 64 * 1024;
var LF2 = 10;
var scratches = /* @__PURE__ */ new Map();
function scratch2(bytes) {
  let buffer = scratches.get(bytes);
  if (buffer === void 0) {
    buffer = Buffer.allocUnsafe(bytes);
    scratches.set(bytes, buffer);
  }
  return buffer;
}
function isBlank(bytes) {
  for (const b of bytes) if (b !== 32 && b !== 9 && b !== 13 && b !== LF2) return false;
  return true;
}
var BackwardLines = class {
  constructor(fd, options = {}) {
    this.fd = fd;
    this.size = fstatSync(fd).size;
    this.end = this.size;
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.chunkBytes = options.chunkBytes ?? TAIL_CHUNK_BYTES;
    if (options.firstReadBuffer !== void 0) this.firstReadBuffer = options.firstReadBuffer;
  }
  fd;
  size;
  end;
  unterminated = true;
  fromEnd = 0;
  maxLineBytes;
  chunkBytes;
  reads = 0;
  /** The first chunk read (at the end of the file), in a buffer of its own. */
  head;
  firstReadBuffer;
  /** The next line towards the start; undefined at the start of the file. */
  next() {
    if (this.reads === 0 && this.size > 0) {
      const tail = this.read(this.size, FIRST_TAIL_BYTES, this.firstReadBuffer ?? Buffer.allocUnsafe(FIRST_TAIL_BYTES));
      this.head = { from: this.size - tail.length, bytes: tail };
      if (tail[tail.length - 1] === LF2) {
        this.unterminated = false;
        this.end = this.size - 1;
      }
    }
    while (this.end >= 0 && this.size > 0) {
      const { start, bytes } = this.lineEndingAt(this.end);
      const atStart = start === 0;
      const unterminated = this.unterminated;
      this.unterminated = false;
      this.end = atStart ? -1 : start - 1;
      if (bytes !== void 0 && isBlank(bytes)) continue;
      this.fromEnd++;
      if (bytes === void 0) return { fromEnd: this.fromEnd, problem: oversizedProblem(this.maxLineBytes) };
      const bom = atStart && bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191 ? 3 : 0;
      const parsed = parseLine(bytes, bom, bytes.length, { maxLineBytes: this.maxLineBytes, unterminated });
      return { fromEnd: this.fromEnd, ...parsed };
    }
    return void 0;
  }
  /** The bytes [pos - want, pos) (fewer at the start of the file), in a scratch buffer valid until the next read. */
  read(pos, want, buffer = scratch2(want)) {
    this.reads++;
    const size = Math.min(want, pos);
    const bytesRead = readSync2(this.fd, buffer, 0, size, pos - size);
    return buffer.subarray(0, bytesRead);
  }
  /** The line ending at `end` (exclusive); bytes undefined when longer than the limit (measured, not kept). */
  lineEndingAt(end) {
    const parts = [];
    let kept = 0;
    let pos = end;
    while (pos > 0) {
      const cached = this.head !== void 0 && pos > this.head.from && pos <= this.head.from + this.head.bytes.length;
      const chunk = cached ? this.head.bytes.subarray(0, pos - this.head.from) : this.read(pos, this.chunkBytes);
      const from = pos - chunk.length;
      const nl = chunk.lastIndexOf(LF2);
      const piece = nl === -1 ? chunk : chunk.subarray(nl + 1);
      if (nl !== -1 && parts.length === 0) return end - (from + nl + 1) > this.maxLineBytes + 1 ? { start: from + nl + 1 } : { start: from + nl + 1, bytes: piece };
      if (kept <= this.maxLineBytes + 1) {
        parts.push(Buffer.from(piece));
        kept += piece.length;
      }
      if (nl !== -1) return this.line(from + nl + 1, end, parts);
      pos = from;
    }
    return this.line(0, end, parts);
  }
  line(start, end, partsFromEnd) {
    if (end - start > this.maxLineBytes + 1) return { start };
    return { start, bytes: partsFromEnd.length === 1 ? partsFromEnd[0] : Buffer.concat(partsFromEnd.reverse()) };
  }
};
function lastRecordOf(lines, maxLines = 64) {
  const problems = [];
  for (let line = lines.next(); line !== void 0 && line.fromEnd <= maxLines; line = lines.next()) {
    if (line.value !== void 0) {
      if (line.problem !== void 0) problems.push({ fromEnd: line.fromEnd, problem: line.problem });
      return { size: lines.size, record: { value: line.value, fromEnd: line.fromEnd }, problems };
    }
    problems.push({ fromEnd: line.fromEnd, problem: line.problem ?? "unreadable line" });
  }
  return { size: lines.size, problems };
}

// src/io/redis-stream.ts
var PAGE = 1e3;
var REDIS_TIMEOUT_MS = 1e4;
async function createRedisClient(url, timeoutMs = REDIS_TIMEOUT_MS) {
  const redis = await import("./cli-TPEINCOJ.js");
  const createClient = redis.createClient ?? redis.default.createClient;
  return createClient({ url, socket: { connectTimeout: timeoutMs, socketTimeout: timeoutMs, reconnectStrategy: false } });
}
async function readStreamRange(client, key, start, end) {
  const entries = [];
  let from = start;
  for (; ; ) {
    const page = await client.xRange(key, from, end, { COUNT: PAGE });
    for (const entry of page) if (entry !== null) entries.push({ id: entry.id, message: entry.message });
    if (page.length < PAGE) return entries;
    const last = page[page.length - 1];
    if (last === null || last === void 0) return entries;
    from = `(${last.id}`;
  }
}
function withoutSecrets(message, url) {
  const secrets = [url];
  try {
    const { password } = new URL(url);
    secrets.push(password);
    secrets.push(decodeURIComponent(password));
  } catch {
  }
  return secrets.filter((s) => s.length > 0).reduce((text2, secret) => text2.split(secret).join("***"), message);
}
function describe(error) {
  if (typeof error !== "object" || error === null) return String(error);
  const { message, code, errors } = error;
  if (typeof message === "string" && message !== "") return message;
  if (Array.isArray(errors) && errors.length > 0) return [...new Set(errors.map(describe))].join("; ");
  return typeof code === "string" ? code : String(error);
}
async function streamEntriesFromRedis(url, key, start, end, create = createRedisClient) {
  let failure;
  let client;
  try {
    if (!URL.canParse(url) || !["redis:", "rediss:"].includes(new URL(url).protocol)) throw new Error("REDIS_URL is not a redis:// or rediss:// URL");
    client = await create(url);
    client.on?.("error", (error) => {
      failure ??= error;
    });
    await client.connect();
    return await readStreamRange(client, key, start, end);
  } catch (error) {
    throw new Error(withoutSecrets(describe(failure ?? error), url));
  } finally {
    await Promise.resolve(client && (client.close ?? client.quit)?.call(client)).catch(() => {
    });
  }
}

// src/io/node-review-adapters.ts
var HEAD_LINES = 16;
var SCAN_CHUNK_BYTES = 16 * 1024;
var tailScratch = Buffer.allocUnsafe(FIRST_TAIL_BYTES);
function readIncidentEnds(absPath, path, firstNeeded = () => true) {
  const fd = openSync2(absPath, "r");
  try {
    return incidentEndsOf(fd, path, firstNeeded);
  } finally {
    closeSync2(fd);
  }
}
function incidentEndsOf(fd, path, firstNeeded = () => true) {
  const tail = lastRecordOf(new BackwardLines(fd, { firstReadBuffer: tailScratch }));
  const ends = { path, size: tail.size, problems: [] };
  if (tail.size === 0) return ends;
  for (const p of tail.problems) ends.problems.push({ message: p.fromEnd === 1 ? `last line: ${p.problem}` : `line ${p.fromEnd} from the end: ${p.problem}` });
  if (tail.record === void 0) return ends;
  ends.last = { value: tail.record.value };
  if (!firstNeeded(tail.record.value)) {
    ends.firstNotNeeded = true;
    return ends;
  }
  const head = new ForwardLines(fd);
  for (let r = head.next(); r !== void 0; r = head.next()) {
    if (r.value !== void 0) {
      ends.first = { value: r.value, line: r.line };
      break;
    }
    ends.problems.push({ line: r.line, message: r.problem ?? "unreadable line" });
    if (r.line >= HEAD_LINES || r.fatal) break;
  }
  return ends;
}
async function* recordsFromStart(absPath) {
  const fd = openSync2(absPath, "r");
  try {
    yield* recordsFromStartOf(fd);
  } finally {
    closeSync2(fd);
  }
}
async function* recordsFromStartOf(fd) {
  const lines = new ForwardLines(fd, void 0, Buffer.allocUnsafe(SCAN_CHUNK_BYTES));
  for (let line = lines.next(); line !== void 0; line = lines.next()) yield line;
}
async function* recordsFromEnd(absPath) {
  const fd = openSync2(absPath, "r");
  try {
    yield* recordsFromEndOf(fd);
  } finally {
    closeSync2(fd);
  }
}
async function* recordsFromEndOf(fd) {
  const lines = new BackwardLines(fd);
  for (let line = lines.next(); line !== void 0; line = lines.next()) yield line;
}
async function lintStatus(config, paths) {
  const uncached = { ...config, lint: { ...config.lint, cache: false } };
  const result = await runLint(uncached, { paths }, createNodeLintAdapters(uncached));
  const out = new Map(paths.map((p) => [p, { errors: 0, warnings: 0 }]));
  for (const f of result.findings) {
    const entry = out.get(f.path);
    if (entry === void 0) continue;
    if (f.severity === "error") entry.errors++;
    else if (f.severity === "warning") entry.warnings++;
  }
  return out;
}
async function lastCommit(root, locations) {
  try {
    const out = await runGit(root, ["log", "-1", "--format=%H", "--", ...locations.map((l) => `:(glob)${l}`)]);
    return out.toString("utf8").trim() || void 0;
  } catch {
    return void 0;
  }
}
function createNodeReviewAdapters(config, options = {}) {
  const root = config.root;
  const files = nodeRepoFiles(root);
  const rootPrefix = root.endsWith(sep) ? root : `${root}${sep}`;
  const { redisUrl } = options;
  return {
    files,
    // `root/path` joined by hand: the paths come from the glob, already normal, and join() normalising
    // ten thousand of them is a measurable share of the review (bench/review.mjs).
    incidentEnds: (path, firstNeeded) => readIncidentEnds(`${rootPrefix}${path}`, path, firstNeeded),
    openNdjson: (path) => ndjsonFileSource(join(root, path)),
    recordsFromStart: (path) => recordsFromStart(join(root, path)),
    recordsFromEnd: (path) => recordsFromEnd(join(root, path)),
    lint: (paths) => lintStatus(config, paths),
    commitOf: (locations) => lastCommit(root, locations),
    lastCommitTimes: (paths) => lastCommitTimes(root, paths),
    ...redisUrl !== void 0 && redisUrl !== "" && { streamEntries: (key, start, end) => streamEntriesFromRedis(redisUrl, key, start, end) }
  };
}

// src/review/incidents.ts
var text = (value) => typeof value === "string" && value.trim() !== "" ? value.trim() : typeof value === "number" ? String(value) : void 0;
function statusIn(status, statuses) {
  const s = status.toLowerCase();
  return statuses.some((x) => x.toLowerCase() === s);
}
function instantOf(record, field, at, notes, required) {
  const raw = record[field];
  const where = () => ({ path: at.path, ...at.line !== void 0 && { line: at.line } });
  if (raw === void 0 || raw === null || raw === "") {
    if (required === true || typeof required === "function" && required()) notes.push({ source: "incidents", ...where(), message: `record without \`${field}\`` });
    return void 0;
  }
  const instant = parseInstant(raw);
  if (instant === void 0) {
    notes.push({ source: "incidents", ...where(), message: `\`${field}\` is not a time: ${JSON.stringify(raw).slice(0, 60)}` });
    return void 0;
  }
  if (!instant.zoned) notes.push({ source: "incidents", ...where(), message: `\`${field}\` ${JSON.stringify(raw)} has no time zone; read as UTC` });
  return instant.ms;
}
function firstRecordNeeded(last, settings, period) {
  const record = asDict(last);
  if (record === void 0) return true;
  const f = settings.fields;
  if (parseInstant(record[f.startedAt]) !== void 0 && text(record[f.id]) !== void 0 && text(record[f.title]) !== void 0) return false;
  if (period === void 0) return true;
  const status = text(record[f.status]);
  if (status === void 0 || !statusIn(status, settings.resolvedStatuses)) return true;
  const endMs = (parseInstant(record[f.resolvedAt]) ?? parseInstant(record[f.ts]))?.ms;
  return endMs === void 0 || endMs >= period.startMs;
}
function placeIncident(ends, settings, period) {
  const f = settings.fields;
  const notes = ends.problems.map((p) => ({ source: "incidents", path: ends.path, ...p.line !== void 0 && { line: p.line }, message: p.message }));
  if (ends.size === 0) return { needsDetection: false, needsResolution: false, notes: [...notes, { source: "incidents", path: ends.path, message: "empty file: no incident records" }] };
  const last = asDict(ends.last?.value);
  const first = asDict(ends.first?.value) ?? (ends.firstNotNeeded === true ? last : void 0);
  if (last === void 0 || first === void 0) {
    const why = ends.last === void 0 ? "no readable record: the incident is left out" : "the last record is not a JSON object: the incident is left out";
    return { needsDetection: false, needsResolution: false, notes: [...notes, { source: "incidents", path: ends.path, message: why }] };
  }
  const at = { path: ends.path };
  const lastMs = instantOf(last, f.ts, at, notes, true);
  const firstMs = ends.first?.line !== void 0 ? instantOf(first, f.ts, { ...at, line: ends.first.line }, notes, () => JSON.stringify(first) !== JSON.stringify(last)) : void 0;
  const startedMs = instantOf(last, f.startedAt, at, notes, false) ?? firstMs ?? lastMs;
  if (startedMs === void 0 || lastMs === void 0) {
    notes.push({ source: "incidents", path: ends.path, message: "no record time: the incident cannot be placed in a period and is left out" });
    return { needsDetection: false, needsResolution: false, notes };
  }
  const status = text(last[f.status]) ?? "unknown";
  const resolved = statusIn(status, settings.resolvedStatuses);
  const detectedMs = instantOf(last, f.detectedAt, at, notes, false);
  const resolvedField = instantOf(last, f.resolvedAt, at, notes, false);
  const id = text(last[f.id]) ?? text(first[f.id]) ?? ends.path.replace(/^.*\//, "").replace(/\.ndjson$/i, "");
  if (text(last[f.id]) === void 0) notes.push({ source: "incidents", path: ends.path, message: `last record without \`${f.id}\`; the file name is used as the id` });
  const endMs = resolved ? resolvedField ?? lastMs : Number.POSITIVE_INFINITY;
  if (startedMs >= period.endMs || endMs < period.startMs) return { needsDetection: false, needsResolution: false, notes };
  const incident = {
    id,
    path: ends.path,
    title: text(last[f.title]) ?? text(first[f.title]) ?? "",
    severity: text(last[f.severity]) ?? "unknown",
    status,
    resolved,
    startedMs,
    lastMs,
    spansStart: startedMs < period.startMs,
    spansEnd: !resolved || endMs >= period.endMs
  };
  const postmortem = text(last[f.postmortem]) ?? text(first[f.postmortem]);
  if (postmortem !== void 0) incident.postmortem = postmortem;
  if (detectedMs !== void 0) incident.detectedMs = detectedMs;
  if (resolved) incident.resolvedMs = resolvedField ?? lastMs;
  if (incident.spansStart || incident.spansEnd) {
    const sides = [incident.spansStart && "started before the period", incident.spansEnd && (resolved ? "was resolved after the period" : "is still open at the end of the period")].filter(Boolean).join(" and ");
    notes.push({ source: "incidents", path: ends.path, message: `incident ${id} spans the period boundary: it ${sides}` });
  }
  return { incident, needsDetection: detectedMs === void 0, needsResolution: resolved && resolvedField === void 0, notes };
}
async function detectionFromStart(records, settings, path) {
  const f = settings.fields;
  const notes = [];
  let withoutTs = 0;
  let zoneless = 0;
  let detectedMs;
  for await (const r of records) {
    if (r.value === void 0) {
      notes.push({ source: "incidents", path, line: r.line, message: r.problem ?? "unreadable line" });
      continue;
    }
    const record = asDict(r.value);
    if (record === void 0) {
      notes.push({ source: "incidents", path, line: r.line, message: "not a JSON object" });
      continue;
    }
    const status = text(record[f.status]);
    if (status === void 0 || !(statusIn(status, settings.detectedStatuses) || statusIn(status, settings.resolvedStatuses))) continue;
    const instant = parseInstant(record[f.ts]);
    if (instant === void 0) {
      withoutTs++;
      continue;
    }
    if (!instant.zoned) zoneless++;
    detectedMs = instant.ms;
    break;
  }
  if (withoutTs > 0) notes.push({ source: "incidents", path, message: `${withoutTs} timeline record${withoutTs === 1 ? "" : "s"} without a readable \`${f.ts}\`, skipped` });
  if (zoneless > 0) notes.push({ source: "incidents", path, message: `the detection record has no time zone in \`${f.ts}\`; read as UTC` });
  return { ...detectedMs !== void 0 && { detectedMs }, notes };
}
async function resolutionFromEnd(recordsFromEnd2, settings) {
  const f = settings.fields;
  let resolvedMs;
  for await (const r of recordsFromEnd2) {
    const record = asDict(r.value);
    if (record === void 0) continue;
    const status = text(record[f.status]);
    if (status === void 0 || !statusIn(status, settings.resolvedStatuses)) break;
    const instant = parseInstant(record[f.ts]);
    if (instant !== void 0) resolvedMs = instant.ms;
  }
  return resolvedMs === void 0 ? {} : { resolvedMs };
}
function withMilestones(incident, found) {
  const out = { ...incident };
  if (out.detectedMs === void 0 && found.detectedMs !== void 0) out.detectedMs = found.detectedMs;
  if (out.resolved && found.resolvedMs !== void 0) out.resolvedMs = found.resolvedMs;
  return out;
}
function timeToDetect(incident) {
  return incident.detectedMs === void 0 ? void 0 : Math.max(0, incident.detectedMs - incident.startedMs);
}
function timeToResolve(incident) {
  return incident.resolvedMs === void 0 ? void 0 : Math.max(0, incident.resolvedMs - incident.startedMs);
}
function severityRank(severity, levels) {
  const key = severity.toLowerCase().replace(/[^a-z0-9]/g, "");
  const i = levels.findIndex((l) => l.toLowerCase().replace(/[^a-z0-9]/g, "") === key);
  return i === -1 ? levels.length + 1 : i + 1;
}
function compareIncidents(a, b) {
  return a.startedMs - b.startedMs || compareText(a.id, b.id) || compareText(a.path, b.path);
}

export {
  incidentEndsOf,
  recordsFromStartOf,
  recordsFromEndOf,
  createNodeReviewAdapters,
  firstRecordNeeded,
  placeIncident,
  detectionFromStart,
  resolutionFromEnd,
  withMilestones,
  timeToDetect,
  timeToResolve,
  severityRank,
  compareIncidents
};
