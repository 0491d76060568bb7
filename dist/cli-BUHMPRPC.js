#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  createNodeLintAdapters,
  runLint
} from "./cli-YN7EP5BU.js";
import {
  runGit
} from "./cli-E4RRU5YM.js";
import {
  discoverExperiments
} from "./cli-QUV4UIKW.js";
import {
  ENV_NAMES,
  TRACKER_NAMES,
  collectSyncItems,
  credentialsFromEnvironment,
  planSettingsOf,
  planSync,
  resolveConnection
} from "./cli-2BOE5UPX.js";
import {
  isRealDate,
  parseOptionsOf,
  parsePostmortem
} from "./cli-F2OUK4LR.js";
import "./cli-7J3Z5ETF.js";
import {
  DEFAULT_MAX_LINE_BYTES,
  LineSplitter,
  ndjsonFileSource,
  oversizedProblem,
  parseLine,
  readNdjson,
  recordOf
} from "./cli-6YUR4J5V.js";
import "./cli-BU6EMFDS.js";
import {
  readConfigText,
  resolveRoot,
  writeOutputFile
} from "./cli-3LJ3PVOF.js";
import "./cli-7VVE5KTP.js";
import {
  nodeRepoFiles,
  replaceFileAtomic
} from "./cli-4DFK4BC5.js";
import {
  loadConfig,
  reviewConfigOf,
  syncConfigOf
} from "./cli-MWID7U3U.js";
import {
  EXIT,
  InvalidArgumentError,
  Option,
  UsageError,
  isDebug
} from "./cli-DBLLD2C5.js";
import "./cli-QCVQTLV6.js";
import "./cli-EZXOBCIM.js";

// src/cli/review-command.ts
import path from "node:path";

// src/io/node-review-adapters.ts
import { closeSync as closeSync2, openSync as openSync2 } from "node:fs";
import { join } from "node:path";

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
async function readIncidentEnds(absPath, path2, firstNeeded = () => true) {
  const fd = openSync2(absPath, "r");
  try {
    const tail = lastRecordOf(new BackwardLines(fd, { firstReadBuffer: tailScratch }));
    const ends = { path: path2, size: tail.size, problems: [] };
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
  } finally {
    closeSync2(fd);
  }
}
async function* recordsFromStart(absPath) {
  const fd = openSync2(absPath, "r");
  try {
    const lines = new ForwardLines(fd, void 0, Buffer.allocUnsafe(SCAN_CHUNK_BYTES));
    for (let line = lines.next(); line !== void 0; line = lines.next()) yield line;
  } finally {
    closeSync2(fd);
  }
}
async function* recordsFromEnd(absPath) {
  const fd = openSync2(absPath, "r");
  try {
    const lines = new BackwardLines(fd);
    for (let line = lines.next(); line !== void 0; line = lines.next()) yield line;
  } finally {
    closeSync2(fd);
  }
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
  const { redisUrl } = options;
  return {
    files,
    incidentEnds: (path2, firstNeeded) => readIncidentEnds(join(root, path2), path2, firstNeeded),
    openNdjson: (path2) => ndjsonFileSource(join(root, path2)),
    recordsFromStart: (path2) => recordsFromStart(join(root, path2)),
    recordsFromEnd: (path2) => recordsFromEnd(join(root, path2)),
    lint: (paths) => lintStatus(config, paths),
    commitOf: (locations) => lastCommit(root, locations),
    ...redisUrl !== void 0 && redisUrl !== "" && { streamEntries: (key, start, end) => streamEntriesFromRedis(redisUrl, key, start, end) }
  };
}

// src/review/timestamp.ts
var ISO_START = /^\d{4}-\d{2}-\d{2}/;
var HAS_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
var ZONE = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
function isCalendarDate(day) {
  return isRealDate(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)));
}
function parseInstant(value) {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value <= 0) return void 0;
    return { ms: value < 1e11 ? Math.round(value * 1e3) : value, zoned: true };
  }
  if (typeof value !== "string") return void 0;
  const text2 = value.trim();
  if (!ISO_START.test(text2) || !isCalendarDate(text2.slice(0, 10))) return void 0;
  if (!HAS_TIME.test(text2)) {
    const ms2 = Date.parse(`${text2.slice(0, 10)}T00:00:00Z`);
    return Number.isFinite(ms2) && text2.length === 10 ? { ms: ms2, zoned: true } : void 0;
  }
  const zoned = ZONE.test(text2);
  const ms = Date.parse(zoned ? text2.replace(" ", "T") : `${text2.replace(" ", "T")}Z`);
  return Number.isFinite(ms) ? { ms, zoned } : void 0;
}
function shortUtc(ms) {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
function formatDuration(ms) {
  const minutes = Math.round(ms / 6e4);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

// src/review/period.ts
var PeriodError = class extends Error {
  name = "PeriodError";
};
var MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
var MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
var DAY_MS = 864e5;
function monthOf(ms) {
  return new Date(ms).toISOString().slice(0, 7);
}
function shiftMonth(month, by) {
  const [y, m] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String(index % 12 + 1).padStart(2, "0")}`;
}
function monthPeriod(month) {
  const m = MONTH.exec(month);
  if (!m) throw new PeriodError(`--month must be a month as YYYY-MM, e.g. 2026-10 (got "${month}")`);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  return {
    label: month,
    title: `${MONTH_NAMES[index]} ${year}`,
    startMs: Date.UTC(year, index, 1),
    endMs: Date.UTC(year, index + 1, 1),
    auditMonth: month
  };
}
function bound(text2, flag) {
  const trimmed = text2.trim();
  const instant = parseInstant(trimmed);
  if (instant === void 0) throw new PeriodError(`${flag} must be a date (YYYY-MM-DD) or a time with a zone (2026-10-01T00:00:00Z), got "${text2}"`);
  if (!instant.zoned) throw new PeriodError(`${flag} "${text2}" has a time but no zone: add Z or an offset such as +02:00`);
  return { ms: instant.ms, dateOnly: /^\d{4}-\d{2}-\d{2}$/.test(trimmed) };
}
function rangePeriod(startMs, endMs) {
  const first = new Date(startMs).toISOString().slice(0, 10);
  const last = new Date(endMs - 1).toISOString().slice(0, 10);
  return { label: `${first}_${last}`, title: `${first} to ${last}`, startMs, endMs, auditMonth: monthOf(endMs - 1) };
}
function resolvePeriod(request, now) {
  const given = [request.month !== void 0, request.since !== void 0 || request.until !== void 0, request.days !== void 0].filter(Boolean).length;
  if (given > 1) throw new PeriodError("give one of --month, --since/--until or --days");
  if (request.month !== void 0) return monthPeriod(request.month.trim());
  if (request.days !== void 0) {
    if (!Number.isInteger(request.days) || request.days < 1) throw new PeriodError(`--days must be a whole number, 1 or more (got ${request.days})`);
    return rangePeriod(now.getTime() - request.days * DAY_MS, now.getTime());
  }
  if (request.since !== void 0 || request.until !== void 0) {
    if (request.since === void 0) throw new PeriodError("--until needs --since");
    const since = bound(request.since, "--since");
    const until = request.until === void 0 ? { ms: now.getTime(), dateOnly: false } : bound(request.until, "--until");
    const endMs = until.dateOnly ? until.ms + DAY_MS : until.ms;
    if (endMs <= since.ms) throw new PeriodError(`--until (${request.until}) must be after --since (${request.since})`);
    return rangePeriod(since.ms, endMs);
  }
  return monthPeriod(shiftMonth(monthOf(now.getTime()), -1));
}
function inPeriod(ms, period) {
  return ms >= period.startMs && ms < period.endMs;
}

// src/review/quality.ts
var SOURCE_ORDER = ["incidents", "postmortems", "action-items", "audits", "experiments", "bypasses"];
function compareNotes(a, b) {
  return SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source) || compareText(a.path ?? "", b.path ?? "") || (a.line ?? 0) - (b.line ?? 0) || compareText(a.message, b.message);
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/review/audits.ts
var TREND_MONTHS = 6;
var LOWEST_SHOWN = 5;
function normalise(score, scale) {
  return scale === "1-5" ? (score - 1) / 4 : score;
}
function auditMonths(month) {
  return Array.from({ length: TREND_MONTHS }, (_, i) => shiftMonth(month, i - (TREND_MONTHS - 1)));
}
var mean = (xs) => xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
function auditTrends(records, month, scales) {
  const months = auditMonths(month);
  const previousMonth = shiftMonth(month, -1);
  const byKey = /* @__PURE__ */ new Map();
  const seenAbove1 = /* @__PURE__ */ new Set();
  const dims = /* @__PURE__ */ new Set();
  for (const r of records) {
    for (const [dim, score] of Object.entries(r.scores)) {
      if (score === null) continue;
      dims.add(dim);
      if (score > 1) seenAbove1.add(dim);
      const key = `${r.period}
${dim}`;
      const list = byKey.get(key);
      if (list) list.push(score);
      else byKey.set(key, [score]);
    }
  }
  const scaleOf = (dim) => scales.get(dim) ?? (seenAbove1.has(dim) ? "1-5" : "0-1");
  const dimensions = [...dims].sort(compareText).map((dimension) => {
    const now = byKey.get(`${month}
${dimension}`) ?? [];
    const m = mean(now);
    const p = mean(byKey.get(`${previousMonth}
${dimension}`) ?? []);
    return {
      dimension,
      scale: scaleOf(dimension),
      mean: m,
      previous: p,
      change: m !== null && p !== null ? m - p : null,
      count: now.length,
      trend: months.map((mm) => mean(byKey.get(`${mm}
${dimension}`) ?? []))
    };
  });
  const perTranscript = /* @__PURE__ */ new Map();
  for (const r of records) {
    if (r.period !== month) continue;
    for (const [dim, score] of Object.entries(r.scores)) {
      if (score === null) continue;
      const n = normalise(score, scaleOf(dim));
      const entry = perTranscript.get(r.transcript) ?? { scores: [], lowest: { dimension: dim, score: n, ...r.reasons[dim] !== void 0 && { reason: r.reasons[dim] } } };
      entry.scores.push(n);
      if (n < entry.lowest.score || n === entry.lowest.score && compareText(dim, entry.lowest.dimension) < 0) {
        entry.lowest = { dimension: dim, score: n, ...r.reasons[dim] !== void 0 && { reason: r.reasons[dim] } };
      }
      perTranscript.set(r.transcript, entry);
    }
  }
  const lowest = [...perTranscript.entries()].map(([transcript, e]) => ({ transcript, score: mean(e.scores), lowest: e.lowest })).filter((t) => t.score < 1).sort((a, b) => a.score - b.score || compareText(a.transcript, b.transcript)).slice(0, LOWEST_SHOWN);
  return { month, months, dimensions, lowest, records: records.filter((r) => months.includes(r.period)).length };
}

// src/review/incidents.ts
var asDict = (value) => value !== null && typeof value === "object" && !Array.isArray(value) ? value : void 0;
var text = (value) => typeof value === "string" && value.trim() !== "" ? value.trim() : typeof value === "number" ? String(value) : void 0;
function statusIn(status, statuses) {
  const s = status.toLowerCase();
  return statuses.some((x) => x.toLowerCase() === s);
}
function instantOf(record, field, at, notes, required) {
  const raw = record[field];
  const where = { path: at.path, ...at.line !== void 0 && { line: at.line } };
  if (raw === void 0 || raw === null || raw === "") {
    if (required) notes.push({ source: "incidents", ...where, message: `record without \`${field}\`` });
    return void 0;
  }
  const instant = parseInstant(raw);
  if (instant === void 0) {
    notes.push({ source: "incidents", ...where, message: `\`${field}\` is not a time: ${JSON.stringify(raw).slice(0, 60)}` });
    return void 0;
  }
  if (!instant.zoned) notes.push({ source: "incidents", ...where, message: `\`${field}\` ${JSON.stringify(raw)} has no time zone; read as UTC` });
  return instant.ms;
}
function firstRecordNeeded(last, settings) {
  const record = asDict(last);
  if (record === void 0) return true;
  const f = settings.fields;
  return parseInstant(record[f.startedAt]) === void 0 || text(record[f.id]) === void 0 || text(record[f.title]) === void 0;
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
  const firstMs = ends.first?.line !== void 0 ? instantOf(first, f.ts, { ...at, line: ends.first.line }, notes, JSON.stringify(first) !== JSON.stringify(last)) : void 0;
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
async function detectionFromStart(records, settings, path2) {
  const f = settings.fields;
  const notes = [];
  let withoutTs = 0;
  let zoneless = 0;
  let detectedMs;
  for await (const r of records) {
    if (r.value === void 0) {
      notes.push({ source: "incidents", path: path2, line: r.line, message: r.problem ?? "unreadable line" });
      continue;
    }
    const record = asDict(r.value);
    if (record === void 0) {
      notes.push({ source: "incidents", path: path2, line: r.line, message: "not a JSON object" });
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
  if (withoutTs > 0) notes.push({ source: "incidents", path: path2, message: `${withoutTs} timeline record${withoutTs === 1 ? "" : "s"} without a readable \`${f.ts}\`, skipped` });
  if (zoneless > 0) notes.push({ source: "incidents", path: path2, message: `the detection record has no time zone in \`${f.ts}\`; read as UTC` });
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

// src/review/backlog.ts
var DAY_MS2 = 864e5;
function postmortemId(pm) {
  return pm.title?.id !== void 0 ? `PM-${pm.title.id}` : pm.path.replace(/^.*\//, "").replace(/\.md$/i, "");
}
function postmortemDayMs(pm) {
  return pm.metadata.date !== void 0 ? dayMs(pm.metadata.date) : void 0;
}
function inBacklogAt(pm, period) {
  const ms = postmortemDayMs(pm);
  return ms === void 0 || ms < period.endMs;
}
function datedIn(pm, period) {
  const ms = postmortemDayMs(pm);
  return ms !== void 0 && inPeriod(ms, period);
}
function dayMs(date) {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(ms) ? ms : void 0;
}
var AGE_BUCKETS = [
  { bucket: "0–30 days", max: 30 },
  { bucket: "31–90 days", max: 90 },
  { bucket: "91–180 days", max: 180 },
  { bucket: "over 180 days", max: Number.POSITIVE_INFINITY }
];
function digestPostmortems(postmortems, lint, period, severityLevels) {
  const notes = [];
  const rows = [];
  const items = [];
  const sorted = [...postmortems].sort((a, b) => compareText(a.path, b.path));
  for (const pm of sorted) {
    for (const problem of pm.problems) notes.push({ source: "postmortems", path: pm.path, line: problem.position.line, message: problem.message });
    const severity = pm.metadata.severity?.label ?? pm.metadata.severity?.raw ?? "unknown";
    const dateMs = postmortemDayMs(pm);
    if (dateMs === void 0) notes.push({ source: "postmortems", path: pm.path, message: "no valid `Date`: it is in no period, and its action items have no age" });
    if (!inBacklogAt(pm, period)) continue;
    let open = 0;
    let overdue = 0;
    let closed = 0;
    for (const a of pm.actionItems) {
      const owner = a.owner ? a.owner.isHandle ? `@${a.owner.name}` : a.owner.name : "(no owner)";
      const dueMs = a.due !== void 0 && a.dueValid ? dayMs(a.due) : void 0;
      if (a.due !== void 0 && !a.dueValid) notes.push({ source: "action-items", path: pm.path, line: a.position.line, message: `due date "${a.due}" is not a real date` });
      const isOverdue = !a.checked && dueMs !== void 0 && dueMs + DAY_MS2 <= period.endMs;
      if (a.checked) closed++;
      else open++;
      if (isOverdue) overdue++;
      items.push({
        postmortem: postmortemId(pm),
        path: pm.path,
        line: a.position.line,
        summary: a.summary,
        owner,
        severity,
        ...a.due !== void 0 && { due: a.due },
        ...dateMs !== void 0 && { ageDays: Math.max(0, Math.floor((period.endMs - dateMs) / DAY_MS2)) },
        overdue: isOverdue,
        checked: a.checked
      });
    }
    if (datedIn(pm, period)) {
      const owners2 = pm.metadata.owners.map((o) => o.isHandle ? `@${o.name}` : o.name);
      rows.push({
        path: pm.path,
        id: postmortemId(pm),
        title: pm.title?.name ?? pm.title?.text ?? "",
        date: pm.metadata.date,
        severity,
        owners: owners2,
        lint: lint.get(pm.path) ?? { errors: 0, warnings: 0 },
        openActions: open,
        overdueActions: overdue,
        closedActions: closed
      });
    }
  }
  rows.sort((a, b) => compareText(a.date ?? "", b.date ?? "") || compareText(a.id, b.id));
  const owners = /* @__PURE__ */ new Map();
  const severities = /* @__PURE__ */ new Map();
  const ages = AGE_BUCKETS.map((b) => ({ bucket: b.bucket, open: 0 }));
  for (const item of items) {
    const o = owners.get(item.owner) ?? { owner: item.owner, open: 0, overdue: 0, closed: 0 };
    const s = severities.get(item.severity) ?? { severity: item.severity, open: 0, overdue: 0, closed: 0 };
    if (item.checked) {
      o.closed++;
      s.closed++;
    } else {
      o.open++;
      s.open++;
      if (item.overdue) {
        o.overdue++;
        s.overdue++;
      }
      if (item.ageDays !== void 0) {
        o.oldestDays = Math.max(o.oldestDays ?? 0, item.ageDays);
        const bucket = AGE_BUCKETS.findIndex((b) => item.ageDays <= b.max);
        ages[bucket].open++;
      }
    }
    owners.set(item.owner, o);
    severities.set(item.severity, s);
  }
  const overdueItems = items.filter((i) => i.overdue).map(({ checked: _checked, ...item }) => item).sort((a, b) => compareText(a.due ?? "", b.due ?? "") || compareText(a.path, b.path) || a.line - b.line);
  return {
    inPeriod: rows,
    backlog: {
      open: items.filter((i) => !i.checked).length,
      overdue: overdueItems.length,
      closed: items.filter((i) => i.checked).length,
      byOwner: [...owners.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || compareText(a.owner, b.owner)),
      bySeverity: [...severities.values()].sort((a, b) => severityRank(a.severity, severityLevels) - severityRank(b.severity, severityLevels) || compareText(a.severity, b.severity)),
      byAge: ages,
      overdueItems
    },
    notes
  };
}

// src/review/bypasses.ts
function bypassesInPeriod(records, path2, period) {
  const rows = [];
  const notes = [];
  for (const r of records) {
    if (r.value === void 0 || r.value === null || typeof r.value !== "object" || Array.isArray(r.value)) {
      notes.push({ source: "bypasses", path: path2, line: r.line, message: r.problem ?? "not a JSON object" });
      continue;
    }
    const b = r.value;
    const instant = parseInstant(b.ts);
    if (instant === void 0) {
      notes.push({ source: "bypasses", path: path2, line: r.line, message: b.ts === void 0 ? "record without `ts`" : "`ts` is not a time" });
      continue;
    }
    if (!instant.zoned) notes.push({ source: "bypasses", path: path2, line: r.line, message: "`ts` has no time zone; read as UTC" });
    if (!inPeriod(instant.ms, period)) continue;
    rows.push({
      ms: instant.ms,
      ts: new Date(instant.ms).toISOString(),
      repository: String(b.repository ?? ""),
      pullRequest: Number(b.pull_request ?? 0),
      actor: String(b.actor ?? ""),
      gates: Array.isArray(b.gates) ? b.gates.map(String) : [],
      reason: String(b.reason ?? ""),
      ...typeof b.run_url === "string" && { runUrl: b.run_url }
    });
  }
  rows.sort((a, b) => a.ms - b.ms || compareText(a.repository, b.repository) || a.pullRequest - b.pullRequest);
  return { rows: rows.map(({ ms: _ms, ...row }) => row), notes };
}

// src/review/experiments.ts
function dayMs2(date) {
  if (date === void 0) return void 0;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(ms) ? ms : void 0;
}
function experimentsInPeriod(docs, period) {
  const rows = [];
  for (const doc of docs) {
    const created = dayMs2(doc.created);
    const concluded = dayMs2(doc.concluded);
    const activity = [];
    if (created !== void 0 && inPeriod(created, period)) activity.push("started");
    const runningDuring = created !== void 0 && created < period.endMs && (concluded === void 0 ? doc.status === "running" : concluded >= period.endMs);
    if (runningDuring) activity.push("running");
    if (concluded !== void 0 && inPeriod(concluded, period)) {
      if (doc.status === "rolled-back" || doc.outcome === "rolled-back") activity.push("rolled-back");
      else if (doc.status === "abandoned") activity.push("abandoned");
      else activity.push("concluded");
    }
    if (activity.length === 0) continue;
    const results = new Map((doc.results ?? []).map((r) => [r.name, r]));
    rows.push({
      id: doc.id,
      name: doc.name,
      path: doc.path,
      owner: doc.owner,
      status: doc.status,
      activity,
      created: doc.created,
      ...doc.concluded !== void 0 && { concluded: doc.concluded },
      ...doc.outcome !== void 0 && { outcome: doc.outcome },
      metrics: doc.metrics.map((m) => {
        const r = results.get(m.name);
        const delta = { name: m.name, baseline: m.baseline };
        if (r !== void 0) {
          delta.observed = r.observed;
          delta.targetMet = r.targetMet;
          if (typeof r.observed === "number" && typeof m.baseline === "number") delta.delta = r.observed - m.baseline;
        }
        return delta;
      })
    });
  }
  return rows.sort((a, b) => compareText(a.created, b.created) || compareText(a.path, b.path));
}

// src/review/packet.ts
function rag(value, band) {
  return value >= band.red ? "red" : value >= band.amber ? "amber" : "green";
}
var worst = (...xs) => xs.includes("red") ? "red" : xs.includes("amber") ? "amber" : "green";
var plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
function areaStatuses(inputs) {
  const t = inputs.settings.thresholds;
  const most = inputs.severityLevels[0];
  const sev1 = inputs.incidents.filter((i) => severityRank(i.severity, inputs.severityLevels) === 1).length;
  const open = inputs.incidents.filter((i) => !i.resolved).length;
  const lintErrors = inputs.postmortems.reduce((n, p) => n + p.lint.errors, 0);
  const rolledBack = inputs.experiments.filter((e) => e.activity.includes("rolled-back")).length;
  let biggestDrop = 0;
  let dropped = "";
  let belowHalf = "";
  for (const d of inputs.audits.dimensions) {
    if (d.change !== null) {
      const drop = -d.change / (d.scale === "1-5" ? 4 : 1);
      if (drop > biggestDrop) {
        biggestDrop = drop;
        dropped = d.dimension;
      }
    }
    if (d.mean !== null && normalise(d.mean, d.scale) < 0.5 && belowHalf === "") belowHalf = d.dimension;
  }
  const auditRag = inputs.audits.records === 0 ? "amber" : worst(rag(biggestDrop, t["audit-drop"]), belowHalf !== "" ? "red" : "green");
  return [
    {
      area: "Incidents",
      status: worst(rag(inputs.incidents.length, t.incidents), rag(sev1, t["sev1-incidents"])),
      summary: `${plural(inputs.incidents.length, "incident")}${most !== void 0 ? `, ${sev1} ${most}` : ""}; ${open} still open`
    },
    {
      area: "Postmortem hygiene",
      status: rag(lintErrors, t["lint-errors"]),
      summary: `${plural(inputs.postmortems.length, "postmortem")} in the period; ${plural(lintErrors, "lint error")}`
    },
    {
      area: "Action items",
      status: rag(inputs.backlog.overdue, t["overdue-actions"]),
      summary: `${inputs.backlog.open} open, ${inputs.backlog.overdue} overdue, ${inputs.backlog.closed} closed${trackerSummary(inputs.tracker)}`
    },
    {
      area: "Audit scores",
      status: auditRag,
      summary: inputs.audits.records === 0 ? `no audit records for ${inputs.audits.month}` : [dropped !== "" ? `largest drop: ${dropped} (${biggestDrop.toFixed(2)} on 0–1)` : "no dimension dropped", belowHalf !== "" ? `${belowHalf} below half its scale` : ""].filter(Boolean).join("; ")
    },
    {
      area: "Experiments",
      status: rag(rolledBack, t["rolled-back-experiments"]),
      summary: `${plural(inputs.experiments.length, "experiment")} active; ${rolledBack} rolled back`
    },
    {
      area: "Gate bypasses",
      status: rag(inputs.bypasses.length, t.bypasses),
      summary: plural(inputs.bypasses.length, "bypass").replace("bypasss", "bypasses")
    }
  ];
}
function trackerSummary(tracker) {
  if (tracker === void 0 || !tracker.consulted) return "";
  const name = TRACKER_NAMES[tracker.tracker];
  const parts = [tracker.mismatches.length > 0 && `${tracker.mismatches.length} disagree with their ${name} ticket`, tracker.notSynced > 0 && `${tracker.notSynced} not synced yet`].filter(Boolean);
  return parts.length === 0 ? `; all match their ${name} tickets` : `; ${parts.join(", ")}`;
}
function buildPacket(inputs) {
  const incidents = [...inputs.incidents].sort(compareIncidents).map((i) => {
    const row = { id: i.id, path: i.path, severity: i.severity, title: i.title, start: new Date(i.startedMs).toISOString(), status: i.status };
    const ttd = timeToDetect(i);
    const ttr = timeToResolve(i);
    if (ttd !== void 0) row.ttdMs = ttd;
    if (ttr !== void 0) row.ttrMs = ttr;
    if (i.postmortem !== void 0) {
      row.postmortem = i.postmortem;
      const open = inputs.openActionsByPostmortem.get(i.postmortem);
      if (open !== void 0) row.openActions = open;
    }
    return row;
  });
  return {
    period: { label: inputs.period.label, title: inputs.period.title, start: new Date(inputs.period.startMs).toISOString(), end: new Date(inputs.period.endMs).toISOString() },
    generatedAt: inputs.now.toISOString(),
    sources: inputs.sources,
    summary: areaStatuses(inputs),
    incidents,
    postmortems: inputs.postmortems,
    backlog: inputs.backlog,
    ...inputs.tracker !== void 0 && { tracker: inputs.tracker },
    audits: inputs.audits,
    experiments: inputs.experiments,
    bypasses: inputs.bypasses,
    dataQuality: [...inputs.notes].sort(compareNotes)
  };
}

// src/review/stream-incidents.ts
function streamIdRange(period) {
  return { start: String(period.startMs), end: String(period.endMs - 1) };
}
function streamIdMs(id) {
  const m = /^(\d+)-\d+$/.exec(id);
  return m ? Number(m[1]) : void 0;
}
function entryRecord(entry, tsField) {
  const keys = Object.keys(entry.message);
  let value = { ...entry.message };
  const packed = keys.length === 1 && (keys[0] === "json" || keys[0] === "data") ? entry.message[keys[0]] : void 0;
  if (packed !== void 0) {
    try {
      const parsed = JSON.parse(packed);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return { problem: `entry ${entry.id}: \`${keys[0]}\` is not a JSON object` };
      value = parsed;
    } catch (error) {
      return { problem: `entry ${entry.id}: \`${keys[0]}\` is not JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  if (value[tsField] === void 0) {
    const ms = streamIdMs(entry.id);
    if (ms !== void 0) value[tsField] = ms;
  }
  return { value };
}
function groupStreamEntries(entries, key, settings) {
  const notes = [];
  const groups = /* @__PURE__ */ new Map();
  entries.forEach((entry, index) => {
    const { value, problem } = entryRecord(entry, settings.fields.ts);
    if (value === void 0) {
      notes.push({ source: "incidents", path: `redis:${key}`, message: problem ?? `entry ${entry.id} unreadable` });
      return;
    }
    const idValue = value[settings.fields.id];
    if (typeof idValue !== "string" || idValue.trim() === "") {
      notes.push({ source: "incidents", path: `redis:${key}`, message: `entry ${entry.id} has no \`${settings.fields.id}\`; skipped` });
      return;
    }
    const list = groups.get(idValue.trim()) ?? [];
    list.push({ line: index + 1, value });
    groups.set(idValue.trim(), list);
  });
  const incidents = [...groups.entries()].map(([id, timeline]) => {
    const first = timeline[0];
    const last = timeline[timeline.length - 1];
    return { ends: { path: `redis:${key}#${id}`, size: timeline.length, first: { value: first.value, line: first.line }, last: { value: last.value }, problems: [] }, timeline };
  });
  return { incidents, notes };
}

// src/review/tracker-status.ts
var itemPlace = (path2, line) => `${path2}:${line}`;
function trackerNotConsulted(tracker, note) {
  return { tracker, consulted: false, note, synced: 0, notSynced: 0, brokenReferences: 0, openByStatus: [], mismatches: [] };
}
function cellOf(ticket) {
  return { ref: ticket.ref, url: ticket.url, state: ticket.state, status: ticket.status ?? ticket.state };
}
function trackerStatusOf(tracker, items, lookup, settings) {
  const plan = planSync({ items: [...items], tickets: lookup.tickets, unresolved: lookup.unresolved, assignees: /* @__PURE__ */ new Map(), settings });
  const status = { tracker, consulted: true, synced: 0, notSynced: 0, brokenReferences: 0, openByStatus: [], mismatches: [] };
  const tickets = /* @__PURE__ */ new Map();
  const byStatus = /* @__PURE__ */ new Map();
  for (const { item, ticket, action, tick } of plan.items) {
    if (ticket === void 0) {
      if (item.ref !== void 0 && lookup.unresolved.has(item.ref.raw)) status.brokenReferences++;
      else if (!item.checked) status.notSynced++;
      continue;
    }
    const cell2 = cellOf(ticket);
    status.synced++;
    tickets.set(itemPlace(item.path, item.line), cell2);
    if (!item.checked) byStatus.set(cell2.status, (byStatus.get(cell2.status) ?? 0) + 1);
    const kind = item.checked && ticket.state === "open" ? "ticked-open" : !item.checked && ticket.state === "closed" ? "open-closed" : void 0;
    if (kind !== void 0) {
      status.mismatches.push({ postmortem: item.postmortemId, path: item.path, line: item.line, summary: item.summary, ...item.owner !== void 0 && { owner: item.owner }, ticket: cell2, kind, nextSync: action === "close" ? "close-ticket" : tick ? "tick-item" : "nothing" });
    }
  }
  status.openByStatus = [...byStatus].map(([s, n]) => ({ status: s, items: n })).sort((a, b) => b.items - a.items || compareText(a.status, b.status));
  status.mismatches.sort((a, b) => compareText(a.kind, b.kind) || compareText(a.path, b.path) || a.line - b.line);
  return { status, tickets };
}

// src/modes/review.ts
async function readIncidents(settings, period, adapters, notes) {
  const paths = await adapters.files.glob(settings.incidents.paths);
  const firstNeeded = (last) => firstRecordNeeded(last, settings.incidents);
  const placed = [];
  for (const path2 of paths) {
    let ends;
    try {
      ends = await adapters.incidentEnds(path2, firstNeeded);
    } catch (error) {
      placed.push({ notes: [{ source: "incidents", path: path2, message: `cannot read the file: ${error instanceof Error ? error.message : String(error)}` }] });
      continue;
    }
    const placement = placeIncident(ends, settings.incidents, period);
    placed.push(placement.incident === void 0 ? { notes: placement.notes } : await completeIncident(placement, settings, path2, () => adapters.recordsFromStart(path2), () => adapters.recordsFromEnd(path2)));
  }
  const incidents = [];
  const ids = /* @__PURE__ */ new Map();
  for (const p of placed) {
    notes.push(...p.notes);
    if (p.incident === void 0) continue;
    const other = ids.get(p.incident.id);
    if (other !== void 0) notes.push({ source: "incidents", path: p.incident.path, message: `incident id ${p.incident.id} is also used by ${other}` });
    else ids.set(p.incident.id, p.incident.path);
    incidents.push(p.incident);
  }
  return { incidents, files: paths.length };
}
async function completeIncident(placement, settings, path2, fromStart, fromEnd) {
  let { incident } = placement;
  if (incident === void 0) return { notes: placement.notes };
  const notes = [...placement.notes];
  if (placement.needsDetection) {
    const found = await detectionFromStart(fromStart(), settings.incidents, path2);
    notes.push(...found.notes.filter((n) => n.line === void 0 || !notes.some((p) => p.line === n.line)));
    incident = withMilestones(incident, found);
  }
  if (placement.needsResolution) incident = withMilestones(incident, await resolutionFromEnd(fromEnd(), settings.incidents));
  return { incident, notes };
}
async function readStreamIncidents(settings, period, adapters, notes) {
  const key = settings.incidents.redisKey;
  if (adapters.streamEntries === void 0) {
    notes.push({ source: "incidents", path: `redis:${key}`, message: "incidents.source is redis but no connection is configured (set REDIS_URL); no incidents are shown" });
    return { incidents: [], files: 0 };
  }
  const { start, end } = streamIdRange(period);
  let entries;
  try {
    entries = await adapters.streamEntries(key, start, end);
  } catch (error) {
    notes.push({ source: "incidents", path: `redis:${key}`, message: `cannot read the stream: ${error instanceof Error ? error.message : String(error)}; no incidents are shown` });
    return { incidents: [], files: 0 };
  }
  const grouped = groupStreamEntries(entries, key, settings.incidents);
  notes.push(...grouped.notes);
  const incidents = [];
  for (const { ends, timeline } of grouped.incidents) {
    const placement = placeIncident(ends, settings.incidents, period);
    const done = await completeIncident(placement, settings, ends.path, () => iterate(timeline), () => iterate([...timeline].reverse()));
    notes.push(...done.notes);
    if (done.incident !== void 0) incidents.push(done.incident);
  }
  return { incidents, files: 1 };
}
async function* iterate(items) {
  yield* items;
}
async function readPostmortems(config, adapters, notes) {
  const paths = await adapters.files.glob(config.lint.postmortems.paths);
  const options = parseOptionsOf(config.lint);
  const out = [];
  for (const path2 of paths) {
    try {
      out.push(parsePostmortem(await adapters.files.read(path2), path2, options));
    } catch (error) {
      notes.push({ source: "postmortems", path: path2, message: `cannot read the file: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return out;
}
async function readAudits(settings, month, adapters, notes) {
  const records = [];
  let files = 0;
  for (const m of auditMonths(month)) {
    const path2 = `${settings.auditDir}/${m}.ndjson`;
    if (!adapters.files.exists(path2)) continue;
    files++;
    let count = 0;
    for await (const r of readNdjson(adapters.openNdjson(path2))) {
      if (r.value === void 0) {
        notes.push({ source: "audits", path: path2, line: r.line, message: r.problem ?? "unreadable line" });
        continue;
      }
      const record = recordOf(r.value);
      if (record === void 0) notes.push({ source: "audits", path: path2, line: r.line, message: "not an audit score record; skipped" });
      else if (record.period !== m) notes.push({ source: "audits", path: path2, line: r.line, message: `record of period ${record.period} in the file of ${m}; skipped` });
      else {
        records.push(record);
        count++;
      }
    }
    if (count === 0) notes.push({ source: "audits", path: path2, message: "no audit records in this file" });
  }
  return { records, files };
}
async function readTracker(config, postmortems, period, adapters, notes) {
  const tracker = adapters.tracker;
  if (tracker === void 0) return void 0;
  if (tracker.lookup === void 0) return { status: trackerNotConsulted(tracker.kind, tracker.notConsulted ?? "no credentials"), tickets: /* @__PURE__ */ new Map() };
  const { items } = collectSyncItems(postmortems.filter((pm) => inBacklogAt(pm, period)));
  try {
    const lookup = await tracker.lookup({ keys: items.map((i) => i.key), references: items.flatMap((i) => i.ref ? [i.ref] : []) });
    return trackerStatusOf(tracker.kind, items, lookup, planSettingsOf(syncConfigOf(config)));
  } catch (error) {
    const why = `could not read ${TRACKER_NAMES[tracker.kind]}: ${error instanceof Error ? error.message : String(error)}`;
    notes.push({ source: "action-items", message: `${why}; the tickets' status is not shown` });
    return { status: trackerNotConsulted(tracker.kind, why), tickets: /* @__PURE__ */ new Map() };
  }
}
async function readBypasses(settings, period, adapters, notes) {
  if (!adapters.files.exists(settings.bypassLog)) return { rows: [], present: false };
  const records = [];
  for await (const r of readNdjson(adapters.openNdjson(settings.bypassLog))) records.push(r);
  const { rows, notes: found } = bypassesInPeriod(records, settings.bypassLog, period);
  notes.push(...found);
  return { rows, present: true };
}
async function runReview(config, request, adapters) {
  const settings = reviewConfigOf(config);
  const { period } = request;
  const notes = [];
  const incidents = settings.incidents.source === "files" ? await readIncidents(settings, period, adapters, notes) : await readStreamIncidents(settings, period, adapters, notes);
  const postmortems = await readPostmortems(config, adapters, notes);
  const inPeriodPaths = postmortems.filter((pm) => datedIn(pm, period)).map((pm) => pm.path);
  const lint = inPeriodPaths.length === 0 ? /* @__PURE__ */ new Map() : await adapters.lint(inPeriodPaths);
  const digest = digestPostmortems(postmortems, lint, period, config.lint.postmortems.severityLevels);
  notes.push(...digest.notes);
  const tracker = await readTracker(config, postmortems, period, adapters, notes);
  const backlog = tracker === void 0 ? digest.backlog : { ...digest.backlog, overdueItems: digest.backlog.overdueItems.map((i) => {
    const ticket = tracker.tickets.get(itemPlace(i.path, i.line));
    return ticket === void 0 ? i : { ...i, ticket };
  }) };
  const openByPostmortem = /* @__PURE__ */ new Map();
  for (const pm of postmortems) {
    openByPostmortem.set(postmortemId(pm), pm.actionItems.filter((a) => !a.checked).length);
  }
  const audits = await readAudits(settings, period.auditMonth, adapters, notes);
  const scales = new Map((config.audit?.rubric.dimensions ?? []).map((d) => [d.name, d.scale]));
  const experimentPaths = config.experiment?.paths ?? ["docs/experiments/**/EXP-*.md"];
  const discovered = await discoverExperiments(adapters.files, experimentPaths);
  const docs = [];
  for (const d of discovered) {
    if (d.doc !== void 0) docs.push(d.doc);
    else for (const p of d.problems.slice(0, 3)) notes.push({ source: "experiments", path: d.path, line: p.line, message: `not read: ${p.message}` });
  }
  const bypasses = await readBypasses(settings, period, adapters, notes);
  const sourceList = [
    { name: "Incidents", location: settings.incidents.source === "redis" ? `redis stream ${settings.incidents.redisKey}` : settings.incidents.paths.join(", "), globs: settings.incidents.source === "redis" ? [] : settings.incidents.paths, present: incidents.files > 0, ...settings.incidents.source === "redis" && { live: true } },
    { name: "Postmortems", location: config.lint.postmortems.paths.join(", "), globs: config.lint.postmortems.paths, present: postmortems.length > 0 },
    { name: "Audits", location: `${settings.auditDir}/<YYYY-MM>.ndjson`, globs: [`${settings.auditDir}/*.ndjson`], present: audits.files > 0 },
    { name: "Experiments", location: experimentPaths.join(", "), globs: experimentPaths, present: discovered.length > 0 },
    { name: "Gate bypasses", location: settings.bypassLog, globs: [settings.bypassLog], present: bypasses.present }
  ];
  const sources = [];
  for (const { globs, ...s } of sourceList) {
    const commit = s.present && globs.length > 0 ? await adapters.commitOf(globs) : void 0;
    sources.push({ ...s, ...commit !== void 0 && { commit } });
  }
  return buildPacket({
    period,
    now: request.now,
    settings,
    severityLevels: config.lint.postmortems.severityLevels,
    sources,
    incidents: incidents.incidents,
    postmortems: digest.inPeriod,
    backlog,
    ...tracker !== void 0 && { tracker: tracker.status },
    openActionsByPostmortem: openByPostmortem,
    audits: auditTrends(audits.records, period.auditMonth, scales),
    experiments: experimentsInPeriod(docs, period),
    bypasses: bypasses.rows,
    notes
  });
}

// src/review/render-json.ts
var REVIEW_JSON_VERSION = 1;
function renderPacketJson(packet) {
  return `${JSON.stringify({ version: REVIEW_JSON_VERSION, ...packet }, null, 2)}
`;
}

// src/review/render-markdown.ts
var RAG_MARK = { red: "🔴 red", amber: "🟠 amber", green: "🟢 green" };
function cell(value) {
  if (value === void 0 || value === "") return "–";
  return String(value).replace(/\r?\n/g, " ").replace(/\|/g, "\\|").trim();
}
function table(head, rows) {
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}
var fixed = (n, digits = 2) => n === null ? "–" : n.toFixed(digits);
var signed = (n) => n === null ? "–" : `${n >= 0 ? "+" : "−"}${Math.abs(n).toFixed(2)}`;
function mermaidLabel(text2) {
  return text2.replace(/"/g, "'");
}
function auditChart(packet) {
  const { audits } = packet;
  const plotted = audits.months.map((m, i) => ({ m, i })).filter(({ i }) => audits.dimensions.some((d) => d.trend[i] !== null));
  if (plotted.length === 0) return void 0;
  const lines = audits.dimensions.filter((d) => plotted.every(({ i }) => d.trend[i] !== null));
  if (lines.length === 0) return void 0;
  return [
    "```mermaid",
    "xychart-beta",
    `  title "${mermaidLabel(`Audit means, ${plotted[0]?.m} to ${plotted[plotted.length - 1]?.m} (0–1)`)}"`,
    `  x-axis [${plotted.map(({ m }) => `"${m}"`).join(", ")}]`,
    '  y-axis "mean score (0–1)" 0 --> 1',
    ...lines.map((d) => `  line [${plotted.map(({ i }) => normalise(d.trend[i], d.scale).toFixed(3)).join(", ")}]`),
    "```",
    "",
    `Lines, in order: ${lines.map((d) => d.dimension).join(", ")}. Each mean is put on 0–1 (a 1–5 score s as (s − 1) / 4); the table has them on their own scale.`
  ].join("\n");
}
var NEXT_STEP = {
  "ticked-open": { "close-ticket": "ticked, ticket open: the next sync closes the ticket", "tick-item": "ticked, ticket open: close the ticket", nothing: "ticked, ticket open: close the ticket, or untick the item" },
  "open-closed": { "tick-item": "ticket closed, item open: the next sync ticks the item", "close-ticket": "ticket closed, item open: tick the item", nothing: "ticket closed, item open: tick the item, or reopen the ticket" }
};
var ticketLink = (t) => `[${t.ref}](${t.url}) ${t.status}`;
function trackerSection(tracker, itemLink) {
  const out = [`### In ${TRACKER_NAMES[tracker.tracker]}`, ""];
  if (!tracker.consulted) return [...out, `Ticket status not shown: ${tracker.note ?? "the tracker was not read"}.`, ""];
  const broken = tracker.brokenReferences > 0 ? `; ${tracker.brokenReferences} written-back reference${tracker.brokenReferences === 1 ? "" : "s"} point at no ticket` : "";
  out.push(`As the tracker had them when this packet was made: ${tracker.synced} item${tracker.synced === 1 ? "" : "s"} with a ticket, ${tracker.notSynced} open item${tracker.notSynced === 1 ? "" : "s"} not synced yet (the next sync creates their tickets)${broken}.`, "");
  if (tracker.openByStatus.length > 0) out.push(table(["ticket status", "open items"], tracker.openByStatus.map((s) => [s.status, s.items])), "");
  if (tracker.mismatches.length > 0) {
    out.push("Items whose tick and ticket disagree:", "");
    out.push(
      table(
        ["item", "owner", "postmortem", "ticket", "what to do"],
        tracker.mismatches.map((m) => [
          m.summary,
          m.owner === void 0 ? void 0 : `@${m.owner}`,
          `[${m.postmortem}](${itemLink(m.path, m.line)})`,
          ticketLink(m.ticket),
          NEXT_STEP[m.kind][m.nextSync]
        ])
      ),
      ""
    );
  }
  return out;
}
function renderPacketMarkdown(packet, options = {}) {
  const up = "../".repeat((options.outputDir ?? "docs/reviews").split("/").filter((s) => s !== "" && s !== ".").length);
  const relativeLink = (_packet, path2) => `${up}${path2}`.replace(/ /g, "%20");
  const out = [];
  const p = packet.period;
  out.push(`# Reliability review: ${p.title}`, "");
  out.push(`Period: ${p.start} to ${p.end} (end exclusive, UTC).`, "");
  out.push("## Sources", "");
  out.push(
    table(
      ["source", "read from", "commit"],
      packet.sources.map((s) => [s.name, `\`${s.location}\``, !s.present ? "absent: nothing to read" : s.live ? "live (not in git)" : s.commit !== void 0 ? `\`${s.commit.slice(0, 12)}\`` : "not committed"])
    ),
    ""
  );
  out.push("## Executive summary", "");
  out.push(table(["area", "status", "why"], packet.summary.map((a2) => [a2.area, RAG_MARK[a2.status], a2.summary])), "");
  out.push("## Incidents", "");
  if (packet.incidents.length === 0) out.push("No incidents in the period.", "");
  else {
    out.push(
      table(
        ["id", "severity", "title", "start", "time to detect", "time to resolve", "status", "open actions"],
        packet.incidents.map((i) => [
          i.id,
          i.severity,
          i.title,
          shortUtc(Date.parse(i.start)),
          i.ttdMs === void 0 ? void 0 : formatDuration(i.ttdMs),
          i.ttrMs === void 0 ? void 0 : formatDuration(i.ttrMs),
          i.status,
          i.openActions === void 0 ? i.postmortem === void 0 ? "no postmortem" : `${i.postmortem} not found` : `${i.openActions} (${i.postmortem})`
        ])
      ),
      ""
    );
  }
  out.push("## Postmortem hygiene", "");
  if (packet.postmortems.length === 0) out.push("No postmortems dated in the period.", "");
  else {
    out.push(
      table(
        ["postmortem", "date", "severity", "owners", "lint", "actions open / overdue / closed"],
        packet.postmortems.map((pm) => [
          `[${pm.id}](${relativeLink(packet, pm.path)})`,
          pm.date,
          pm.severity,
          pm.owners.join(", "),
          pm.lint.errors === 0 && pm.lint.warnings === 0 ? "clean" : `${pm.lint.errors} errors, ${pm.lint.warnings} warnings`,
          `${pm.openActions} / ${pm.overdueActions} / ${pm.closedActions}`
        ])
      ),
      ""
    );
  }
  const b = packet.backlog;
  out.push("## Action-item backlog", "");
  out.push(`${b.open} open, ${b.overdue} overdue (due before the period's end), ${b.closed} closed, over every postmortem.`, "");
  if (b.byOwner.length > 0) {
    out.push("### By owner", "");
    out.push(table(["owner", "open", "overdue", "closed", "oldest open (days)"], b.byOwner.map((o) => [o.owner, o.open, o.overdue, o.closed, o.oldestDays])), "");
    out.push("### By severity", "");
    out.push(table(["severity", "open", "overdue", "closed"], b.bySeverity.map((s) => [s.severity, s.open, s.overdue, s.closed])), "");
    out.push("### By age (open items, since the postmortem's date)", "");
    out.push(table(["age", "open"], b.byAge.map((a2) => [a2.bucket, a2.open])), "");
  }
  const tracker = packet.tracker;
  const withTickets = tracker?.consulted === true;
  if (b.overdueItems.length > 0) {
    out.push("### Overdue", "");
    out.push(
      table(
        ["due", "owner", "item", "postmortem", ...withTickets ? ["ticket"] : []],
        b.overdueItems.map((i) => [i.due, i.owner, i.summary, `[${i.postmortem}](${relativeLink(packet, i.path)}#L${i.line})`, ...withTickets ? [i.ticket === void 0 ? "not synced" : ticketLink(i.ticket)] : []])
      ),
      ""
    );
  }
  if (tracker !== void 0) out.push(...trackerSection(tracker, (path2, line) => `${relativeLink(packet, path2)}#L${line}`));
  const a = packet.audits;
  out.push("## Audit scores", "");
  if (a.records === 0) out.push(`No audit records for ${a.months[0]} to ${a.month}.`, "");
  else {
    const chart = auditChart(packet);
    if (chart !== void 0) out.push(chart, "");
    out.push(
      table(
        ["dimension", "scale", ...a.months, `change vs ${a.months[a.months.length - 2]}`, `scores in ${a.month}`],
        a.dimensions.map((d) => [d.dimension, d.scale, ...d.trend.map((t) => fixed(t)), signed(d.change), d.count])
      ),
      ""
    );
    if (a.lowest.length > 0) {
      out.push(`Lowest-scoring transcripts in ${a.month}:`, "");
      out.push(table(["transcript", "mean (0–1)", "lowest dimension", "why"], a.lowest.map((t) => [`\`${t.transcript}\``, t.score.toFixed(2), `${t.lowest.dimension} (${t.lowest.score.toFixed(2)})`, t.lowest.reason])), "");
    }
  }
  out.push("## Experiments", "");
  if (packet.experiments.length === 0) out.push("No experiments started, running, concluded or rolled back in the period.", "");
  else {
    out.push(
      table(
        ["experiment", "owner", "in the period", "outcome", "metrics (baseline → observed)"],
        packet.experiments.map((e) => [
          `[${e.name}](${relativeLink(packet, e.path)})`,
          e.owner,
          e.activity.join(", "),
          e.outcome,
          e.metrics.map((m) => `${m.name}: ${m.baseline} → ${m.observed ?? "?"}${m.delta !== void 0 ? ` (${m.delta >= 0 ? "+" : ""}${Number(m.delta.toPrecision(6))})` : ""}${m.targetMet === void 0 ? "" : m.targetMet ? " ✓" : " ✗"}`).join("; ")
        ])
      ),
      ""
    );
  }
  out.push("## Gate bypasses", "");
  if (packet.bypasses.length === 0) out.push("No gate bypasses in the period.", "");
  else out.push(table(["when", "pull request", "actor", "gates", "reason"], packet.bypasses.map((x) => [shortUtc(Date.parse(x.ts)), `${x.repository}#${x.pullRequest}`, x.actor, x.gates.join(", "), x.reason])), "");
  out.push("## Data quality", "");
  if (packet.dataQuality.length === 0) out.push("Every input was read without a problem.", "");
  else out.push(table(["source", "where", "note"], packet.dataQuality.map((n) => [n.source, n.path === void 0 ? void 0 : `\`${n.path}${n.line !== void 0 ? `:${n.line}` : ""}\``, n.message])), "");
  out.push("## Decisions", "", "<!-- Filled in during the review meeting: decision, owner, due date. -->", "");
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}
`;
}

// src/io/review-tracker.ts
function reviewTracker(config, credentials, names, env, disabled) {
  const sync = config.sync;
  if (sync === void 0 || !config.sections?.includes("sync")) return void 0;
  if (disabled !== void 0) return { kind: sync.tracker, notConsulted: disabled };
  const found = resolveConnection(sync.tracker, credentials, sync, names);
  if ("connection" in found) {
    const connection = found.connection;
    return {
      kind: sync.tracker,
      // The trackers' HTTP clients are loaded only when a tracker is read: most reviews never do.
      lookup: async (request) => {
        const { createTracker } = await import("./cli-QWJPLFTY.js");
        return createTracker(connection, { ...env, sync }).lookup(request);
      }
    };
  }
  return { kind: sync.tracker, notConsulted: "incomplete" in found ? found.incomplete : found.absent };
}

// src/cli/review-command.ts
var REVIEW_FORMATS = ["markdown", "json"];
var REVIEW_HELP_AFTER = `
The packet gathers, for the period: incidents (review.incidents.paths, default logs/incidents/**/*.ndjson,
one timeline per incident, the last record its current state), postmortems dated in the period with their
lint status, the action-item backlog of every postmortem, audit means (reliability/audits/<YYYY-MM>.ndjson,
six months), experiments and gate bypasses (reliability/bypass-log.ndjson). Bad input never stops it: each
problem is listed in the packet's "Data quality" section. With review.incidents.source: redis, incidents
come from the stream review.incidents.redis-key (default incident:timeline) at REDIS_URL.

The period is a UTC calendar month (default: the month before today), or --since/--until (dates are whole
UTC days, --until inclusive; times need a zone: 2026-10-01T00:00:00+02:00), or the last --days N.

Examples:
  $ reliability-loop review                                   # last month's packet on stdout
  $ reliability-loop review --month 2026-10 --write           # write docs/reviews/2026-10.md (replacing it)
  $ reliability-loop review --since 2026-10-01 --until 2026-10-15 --format json | jq '.summary'
  $ reliability-loop review --days 30 --output review.md

Exit codes:
  0  packet produced
  2  usage or configuration error (bad period, invalid config)
  3  unexpected internal error (run with DEBUG=reliability-loop for details)
`;
function positiveInteger(value) {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InvalidArgumentError("must be a whole number, 1 or more.");
  return Number(value);
}
function addReviewCommand(program, io, deps, done) {
  return program.command("review").summary("build the monthly reliability review packet").description("Build the reliability review packet of a period: incidents, postmortem hygiene, the action-item backlog, audit trends, experiments, gate bypasses and data quality.").option("--month <YYYY-MM>", "calendar month, UTC (default: the previous month)").option("--since <date>", "start of the period: YYYY-MM-DD (UTC) or a time with a zone").option("--until <date>", "end of the period: YYYY-MM-DD (inclusive) or a time with a zone (exclusive); default now").option("--days <n>", "the last n days up to now", positiveInteger).addOption(new Option("-f, --format <format>", "output format").choices(REVIEW_FORMATS).default("markdown")).option("-o, --output <file>", "write the packet to this file instead of stdout").option("--write", "write the markdown packet to <review.output-dir>/<period>.md (default docs/reviews/), replacing it").option("-c, --config <file>", "config file (default: .github/reliability.yml or .yaml under --root)").option("--root <dir>", "repository root; sources and the output directory are relative to it (default: current directory)").option("--no-tracker", "do not read the synced action items' tickets from the tracker, even with credentials").addHelpText("after", REVIEW_HELP_AFTER).action(async (options) => {
    done(await reviewCommand(options, io, deps));
  });
}
function periodOf(options, now) {
  try {
    return resolvePeriod(
      {
        ...options.month !== void 0 && { month: options.month },
        ...options.since !== void 0 && { since: options.since },
        ...options.until !== void 0 && { until: options.until },
        ...options.days !== void 0 && { days: options.days }
      },
      now
    );
  } catch (error) {
    if (error instanceof PeriodError) throw new UsageError(error.message, "e.g. --month 2026-10, --since 2026-10-01 --until 2026-10-31, or --days 30");
    throw error;
  }
}
async function reviewCommand(options, io, deps) {
  const now = (deps.now ?? (() => /* @__PURE__ */ new Date()))();
  const period = periodOf(options, now);
  const root = resolveRoot(options.root, io.cwd);
  const config = loadConfig({ root, ...options.config === void 0 ? {} : { configPath: path.resolve(io.cwd, options.config) }, readFile: readConfigText });
  const settings = reviewConfigOf(config);
  const tracker = reviewTracker(
    config,
    credentialsFromEnvironment(io.env),
    ENV_NAMES,
    { startedAt: now, log: { info: (m) => isDebug(io.env) ? io.stderr(`${m}
`) : void 0, warning: (m) => io.stderr(`warning: ${m}
`) } },
    options.tracker === false ? "not read (--no-tracker)" : void 0
  );
  const adapters = createNodeReviewAdapters(config, { ...io.env.REDIS_URL !== void 0 && { redisUrl: io.env.REDIS_URL } });
  const packet = await runReview(config, { period, now }, { ...adapters, ...tracker && { tracker } });
  const markdown = renderPacketMarkdown(packet, { outputDir: settings.outputDir });
  if (options.write) {
    const file = `${settings.outputDir}/${period.label}.md`;
    try {
      await replaceFileAtomic(path.join(root, file), markdown);
    } catch (error) {
      throw new UsageError(`cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    io.stderr(`wrote ${file}
`);
  }
  const report = options.format === "json" ? renderPacketJson(packet) : markdown;
  if (options.output !== void 0) writeOutputFile(io.cwd, options.output, report, "packet");
  else if (!options.write || options.format === "json") io.stdout(report);
  if (packet.dataQuality.length > 0 && options.format !== "json") io.stderr(`note: ${packet.dataQuality.length} data-quality note${packet.dataQuality.length === 1 ? "" : "s"}; see the packet's "Data quality" section
`);
  return EXIT.OK;
}
export {
  REVIEW_FORMATS,
  addReviewCommand,
  reviewCommand
};
