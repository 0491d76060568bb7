import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);

// src/io/export-audit-worker.ts
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";

// src/export/rows.ts
import { hash } from "node:crypto";

// src/audit/store.ts
var SCORERS = ["rules", "llm", "human"];
function recordOf(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return void 0;
  const r = value;
  const text = (k) => typeof r[k] === "string";
  if (!["period", "seed", "transcript", "sha256", "rubric_version", "scorer"].every(text)) return void 0;
  if (!SCORERS.includes(r.scorer)) return void 0;
  if (r.scores === null || typeof r.scores !== "object" || Array.isArray(r.scores)) return void 0;
  const scores = {};
  for (const [k, v] of Object.entries(r.scores)) {
    if (v !== null && typeof v !== "number") return void 0;
    scores[k] = v;
  }
  const reasons = {};
  if (r.reasons !== null && typeof r.reasons === "object") for (const [k, v] of Object.entries(r.reasons)) reasons[k] = String(v);
  return {
    period: r.period,
    seed: r.seed,
    transcript: r.transcript,
    sha256: r.sha256,
    rubric_version: r.rubric_version,
    scorer: r.scorer,
    model: typeof r.model === "string" ? r.model : null,
    stratum: r.stratum === "flagged" ? "flagged" : "random",
    scores,
    reasons,
    scored_at: typeof r.scored_at === "string" ? r.scored_at : ""
  };
}

// src/export/tables.ts
var common = [
  { name: "record_id", type: "STRING", required: true, description: "Stable key of the row (SHA-256 of what identifies it); rows are merged on it." },
  { name: "repository", type: "STRING", required: true, description: "owner/name of the repository the row comes from." },
  { name: "source", type: "STRING", required: true, description: "Repository-relative path of the file the row comes from." }
];
var TABLES = [
  {
    name: "audit_scores",
    description: "One row per audited transcript, rubric dimension and scorer (reliability/audits/<YYYY-MM>.ndjson).",
    columns: [
      ...common,
      { name: "period", type: "STRING", required: true, description: "Audit period, YYYY-MM." },
      { name: "transcript", type: "STRING", required: true, description: "Repository-relative path of the transcript." },
      { name: "content_sha256", type: "STRING", required: true, description: "SHA-256 of the transcript content that was scored." },
      { name: "stratum", type: "STRING", required: true, description: "random (the unbiased sample: use it for trends) or flagged (added on top)." },
      { name: "scorer", type: "STRING", required: true, description: "rules, llm or human." },
      { name: "model", type: "STRING", description: "The judge model, for the llm scorer." },
      { name: "dimension", type: "STRING", required: true, description: "Rubric dimension." },
      { name: "score", type: "FLOAT", description: "Score on the dimension's scale; null when scoring failed." },
      { name: "score_normalised", type: "FLOAT", description: "Score mapped to 0..1 (1-5 scales: (score-1)/4), so dimensions chart together." },
      { name: "pass", type: "BOOLEAN", description: "Score at or above the dimension's threshold (false when scoring failed; null when the dimension is no longer in the rubric)." },
      { name: "reason", type: "STRING", description: "Why: the rule, the model's reason or the reviewer's note." },
      { name: "rubric_version", type: "STRING", required: true, description: "Rubric version the score was given under." },
      { name: "seed", type: "STRING", description: "Sampling seed of the audit run." },
      { name: "scored_at", type: "TIMESTAMP", description: "When the score was given (UTC)." }
    ]
  },
  {
    name: "incidents",
    description: "One row per incident timeline (review.incidents.paths), as its last record describes it.",
    columns: [
      ...common,
      { name: "incident_id", type: "STRING", required: true, description: "The incident id (e.g. INC-1014)." },
      { name: "severity", type: "STRING", description: "Severity label as recorded." },
      { name: "status", type: "STRING", description: "Status of the last record." },
      { name: "resolved", type: "BOOLEAN", description: "The status is one of review.incidents.resolved-statuses." },
      { name: "title", type: "STRING", description: "Incident title." },
      { name: "started_at", type: "TIMESTAMP", description: "Start (UTC)." },
      { name: "detected_at", type: "TIMESTAMP", description: "Detection (UTC), when known." },
      { name: "resolved_at", type: "TIMESTAMP", description: "Resolution (UTC), when known." },
      { name: "postmortem_id", type: "STRING", description: "The postmortem the incident names, when it names one." }
    ]
  },
  {
    name: "action_items",
    description: "A snapshot, per export day, of every postmortem action item (the backlog over time).",
    snapshotColumn: "snapshot_date",
    columns: [
      ...common,
      { name: "snapshot_date", type: "DATE", required: true, description: "The export day (UTC) this row describes." },
      { name: "postmortem_id", type: "STRING", required: true, description: "PM-<id> of the postmortem." },
      { name: "item_key", type: "STRING", required: true, description: "Stable key of the item (the one sync uses)." },
      { name: "summary", type: "STRING", description: "What is to be done." },
      { name: "owner", type: "STRING", description: "Owner as written, without @." },
      { name: "due", type: "DATE", description: "Due date, when a real date." },
      { name: "is_open", type: "BOOLEAN", required: true, description: "The checkbox is not ticked." },
      { name: "ticket", type: "STRING", description: "Ticket reference written beside the item (id or URL)." },
      { name: "overdue", type: "BOOLEAN", required: true, description: "Open and due before the snapshot date." },
      { name: "severity", type: "STRING", description: "Severity of the postmortem." }
    ]
  },
  {
    name: "experiments",
    description: "One row per experiment doc (docs/experiments/).",
    columns: [
      ...common,
      { name: "experiment_id", type: "STRING", required: true, description: "Experiment id." },
      { name: "name", type: "STRING", description: "Experiment name." },
      { name: "owner", type: "STRING", description: "Owner." },
      { name: "status", type: "STRING", description: "proposed, running, concluded, rolled-back or abandoned." },
      { name: "change_type", type: "STRING", description: "prompt, tool, model or policy." },
      { name: "change_ref", type: "STRING", description: "What changes (prompt version, commit, model id)." },
      { name: "outcome", type: "STRING", description: "Outcome once concluded." },
      { name: "metrics", type: "JSON", description: "Metrics with baseline and target, and results, as JSON." },
      { name: "created", type: "DATE", description: "Created (YYYY-MM-DD)." },
      { name: "concluded", type: "DATE", description: "Concluded (YYYY-MM-DD)." }
    ]
  }
];

// src/export/rows.ts
function recordIdOfJoined(joined) {
  return hash("sha256", joined, "hex").slice(0, 32);
}
var DAY = /^\d{4}-\d{2}-\d{2}$/;
var date = (value) => value !== void 0 && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null;
var CERTAIN_TIMESTAMP = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
var COLUMN_CHECKS = {
  STRING: (v) => typeof v === "string",
  JSON: (v) => typeof v === "string",
  INTEGER: (v) => Number.isInteger(v),
  FLOAT: (v) => typeof v === "number" && Number.isFinite(v),
  BOOLEAN: (v) => typeof v === "boolean",
  DATE: (v) => typeof v === "string" && date(v) !== null,
  TIMESTAMP: (v) => typeof v === "string" && (CERTAIN_TIMESTAMP.test(v) || !Number.isNaN(Date.parse(v)))
};
var CHECKED_COLUMNS = new Map(
  TABLES.map((t) => [t.name, t.columns.map((column) => ({ column, check: COLUMN_CHECKS[column.type] }))])
);
function rowProblems(table, row) {
  const problems = [];
  for (const { column, check } of CHECKED_COLUMNS.get(table) ?? []) {
    const value = row[column.name];
    if (value === null || value === void 0) {
      if (column.required) problems.push(`${column.name} is missing`);
      continue;
    }
    if (!check(value)) problems.push(`${column.name} is not a ${column.type.toLowerCase()}: ${JSON.stringify(value).slice(0, 60)}`);
  }
  return problems;
}
function accept(out, row, line) {
  const problems = rowProblems(out.table, row);
  if (problems.length === 0) out.rows.push(row);
  else out.problems.push({ source: out.source, ...line !== void 0 && { line }, message: `left out: ${problems.join("; ")}`, leftOut: true });
}
var AUDIT_RECORDS_PER_PART = 256;
function auditRowMaker(repository, source, dimensions) {
  const byName = new Map(dimensions.map((d) => [d.name, d]));
  const loaded = /* @__PURE__ */ new Map();
  return (lines) => {
    const out = { table: "audit_scores", source, rows: [], problems: [] };
    for (const { line, value, problem } of lines) {
      if (problem !== void 0) {
        out.problems.push({ source, line, message: `left out: ${problem}`, leftOut: true });
        continue;
      }
      const record = recordOf(value);
      if (record === void 0) {
        out.problems.push({ source, line, message: "left out: not an audit record (needs period, seed, transcript, sha256, rubric_version, scorer and scores)", leftOut: true });
        continue;
      }
      const scoredMs = Date.parse(record.scored_at);
      const scoredAt = Number.isNaN(scoredMs) ? null : new Date(scoredMs).toISOString();
      const idPrefix = [repository, record.period, record.seed, record.sha256, record.rubric_version, record.scorer, ""].join("\0");
      const dimensionsOfRecord = Object.keys(record.scores);
      const earlier = loaded.get(idPrefix);
      if (earlier === void 0) loaded.set(idPrefix, dimensionsOfRecord);
      for (const dimension of dimensionsOfRecord) {
        if (earlier !== void 0) {
          if (earlier.includes(dimension)) continue;
          earlier.push(dimension);
        }
        const score = record.scores[dimension] ?? null;
        const id = recordIdOfJoined(idPrefix + dimension);
        const rubric = byName.get(dimension);
        const normalised = score === null ? null : rubric?.scale === "1-5" ? (score - 1) / 4 : score;
        accept(
          out,
          {
            record_id: id,
            repository,
            source,
            period: record.period,
            transcript: record.transcript,
            content_sha256: record.sha256,
            stratum: record.stratum,
            scorer: record.scorer,
            model: record.model,
            dimension,
            score,
            score_normalised: normalised,
            pass: rubric === void 0 ? null : score !== null && score >= rubric.threshold,
            reason: record.reasons[dimension] ?? null,
            rubric_version: record.rubric_version,
            seed: record.seed,
            scored_at: scoredAt
          },
          line
        );
      }
    }
    return out;
  };
}

// src/util/error-message.ts
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}

// src/io/ndjson.ts
import { isUtf8 } from "node:buffer";
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { createGunzip } from "node:zlib";

// src/util/json-syntax.ts
var WHITESPACE = /* @__PURE__ */ new Set([32, 9, 10, 13]);
var NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
var ESCAPES = /* @__PURE__ */ new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
var HEX4 = /^[0-9a-fA-F]{4}$/;
var MAX_DEPTH = 500;
var TOO_DEEP = -1;
var SyntaxStop = class {
  constructor(at) {
    this.at = at;
  }
  at;
};
var Walker = class {
  constructor(text) {
    this.text = text;
  }
  text;
  pos = 0;
  depth = 0;
  skipSpace() {
    while (this.pos < this.text.length && WHITESPACE.has(this.text.charCodeAt(this.pos))) this.pos++;
  }
  expect(char) {
    if (this.text[this.pos] !== char) throw new SyntaxStop(this.pos);
    this.pos++;
  }
  match(pattern) {
    pattern.lastIndex = this.pos;
    if (!pattern.test(this.text)) throw new SyntaxStop(this.pos);
    this.pos = pattern.lastIndex;
  }
  value() {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === "{" || c === "[") {
      if (++this.depth > MAX_DEPTH) throw new SyntaxStop(TOO_DEEP);
      if (c === "{") this.object();
      else this.array();
      this.depth--;
    } else if (c === '"') this.string();
    else if (c === "-" || c !== void 0 && c >= "0" && c <= "9") this.match(NUMBER);
    else {
      for (const word of ["true", "false", "null"]) {
        if (this.text.startsWith(word, this.pos)) {
          this.pos += word.length;
          return;
        }
      }
      throw new SyntaxStop(this.pos);
    }
  }
  string() {
    this.expect('"');
    const text = this.text;
    for (; ; ) {
      const code = text.charCodeAt(this.pos);
      if (Number.isNaN(code) || code < 32) throw new SyntaxStop(this.pos);
      if (code === 34) break;
      if (code === 92) {
        const next = text[this.pos + 1];
        if (next === "u") {
          if (!HEX4.test(text.slice(this.pos + 2, this.pos + 6))) throw new SyntaxStop(this.pos);
          this.pos += 6;
        } else if (next !== void 0 && ESCAPES.has(next)) this.pos += 2;
        else throw new SyntaxStop(this.pos);
      } else this.pos++;
    }
    this.pos++;
  }
  object() {
    this.expect("{");
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return;
    }
    for (; ; ) {
      this.skipSpace();
      this.string();
      this.skipSpace();
      this.expect(":");
      this.value();
      this.skipSpace();
      if (this.text[this.pos] === "}") {
        this.pos++;
        return;
      }
      this.expect(",");
    }
  }
  array() {
    this.expect("[");
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return;
    }
    for (; ; ) {
      this.value();
      this.skipSpace();
      if (this.text[this.pos] === "]") {
        this.pos++;
        return;
      }
      this.expect(",");
    }
  }
  /** The whole text as one value; the offset of the first error, or undefined when it is valid JSON. */
  document() {
    try {
      this.value();
      this.skipSpace();
      if (this.pos < this.text.length) throw new SyntaxStop(this.pos);
      return void 0;
    } catch (error) {
      if (error instanceof SyntaxStop) return error.at;
      throw error;
    }
  }
};
function showChar(text, at) {
  const code = text.codePointAt(at);
  if (code >= 33 && code <= 126) return code === 34 ? `'"'` : `"${String.fromCodePoint(code)}"`;
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}
function jsonSyntaxProblem(text) {
  const at = new Walker(text).document();
  if (at === void 0 || at === TOO_DEEP) return "not valid JSON";
  if (at >= text.length) return "the line ends before the JSON value does";
  return `unexpected ${showChar(text, at)} at column ${at + 1}`;
}

// src/io/ndjson.ts
var DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;
var READ_CHUNK_BYTES = 1024 * 1024;
var FIRST_READ_BYTES = 8 * 1024;
var GUNZIP_CHUNK_BYTES = 256 * 1024;
var MAX_MESSAGE_CHARS = 160;
var LF = 10;
var CR = 13;
function asBuffer(chunk) {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
function messageOf(error) {
  const message = error !== null && typeof error === "object" ? error.message : void 0;
  const text = typeof message === "string" ? message : String(error);
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
}
var LineSplitter = class {
  constructor(maxLineBytes = DEFAULT_MAX_LINE_BYTES) {
    this.maxLineBytes = maxLineBytes;
  }
  maxLineBytes;
  carry = [];
  carryBytes = 0;
  /** Inside an oversized line: drop bytes up to the next line break. */
  skipping = false;
  *push(input) {
    const chunk = asBuffer(input);
    let pos = 0;
    if (this.skipping) {
      const nl = chunk.indexOf(LF);
      if (nl === -1) return;
      this.skipping = false;
      pos = nl + 1;
    } else if (this.carryBytes > 0) {
      const nl = chunk.indexOf(LF);
      if (nl === -1) {
        this.hold(Buffer.from(chunk));
        if (this.carryBytes > this.maxLineBytes + 1) yield this.startSkipping();
        return;
      }
      const line = Buffer.concat([...this.carry, chunk.subarray(0, nl + 1)]);
      this.carry = [];
      this.carryBytes = 0;
      yield { kind: "lines", bytes: line, start: 0, end: line.length, unterminated: false };
      pos = nl + 1;
    }
    const last = chunk.lastIndexOf(LF);
    if (last >= pos) {
      yield { kind: "lines", bytes: chunk, start: pos, end: last + 1, unterminated: false };
      pos = last + 1;
    }
    if (pos < chunk.length) {
      this.hold(Buffer.from(chunk.subarray(pos)));
      if (this.carryBytes > this.maxLineBytes + 1) yield this.startSkipping();
    }
  }
  /** The last line, when the file does not end with a line break. */
  *end() {
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    if (this.carryBytes === 0) return;
    const line = Buffer.concat(this.carry);
    this.carry = [];
    this.carryBytes = 0;
    yield { kind: "lines", bytes: line, start: 0, end: line.length, unterminated: true };
  }
  hold(bytes) {
    this.carry.push(bytes);
    this.carryBytes += bytes.length;
  }
  startSkipping() {
    const seen = this.carryBytes;
    this.carry = [];
    this.carryBytes = 0;
    this.skipping = true;
    return { kind: "oversized", bytes: seen };
  }
};
async function* lineSegments(source, options = {}) {
  const splitter = new LineSplitter(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  try {
    for await (const chunk of source) yield* splitter.push(chunk);
  } catch (error) {
    yield { kind: "failed", message: messageOf(error) };
    return;
  }
  yield* splitter.end();
}
function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`;
  return `${bytes} bytes`;
}
function oversizedProblem(maxLineBytes) {
  return `line longer than ${formatBytes(maxLineBytes)} (the limit); skipped`;
}
function isBlank(bytes, start, end) {
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b !== 32 && b !== 9 && b !== CR && b !== LF) return false;
  }
  return true;
}
function parseLine(bytes, start, end, options = {}) {
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let stop = end;
  if (stop > start && bytes[stop - 1] === CR) stop--;
  if (stop - start > max) return { problem: oversizedProblem(max) };
  if (bytes[start] !== 123 && isBlank(bytes, start, stop)) return void 0;
  const text = bytes.toString("utf8", start, stop);
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    const reason = `invalid JSON: ${jsonSyntaxProblem(text)}`;
    return { problem: options.unterminated ? `truncated last line (no line break at the end of the file); ${reason}` : reason };
  }
  if (text.includes("�") && !isUtf8(bytes.subarray(start, stop))) return { value, problem: "invalid UTF-8: the bad bytes were read as U+FFFD" };
  return { value };
}
var BOM = [239, 187, 191];
function startsWithBom(bytes, at, end) {
  return end - at >= 3 && bytes[at] === BOM[0] && bytes[at + 1] === BOM[1] && bytes[at + 2] === BOM[2];
}
async function* readNdjsonBatches(source, options = {}) {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let line = 0;
  for await (const segment of lineSegments(source, options)) {
    if (segment.kind === "failed") {
      yield [{ line: line + 1, problem: `reading stopped: ${segment.message}`, fatal: true }];
      return;
    }
    if (segment.kind === "oversized") {
      line++;
      yield [{ line, problem: oversizedProblem(maxLineBytes) }];
      continue;
    }
    const { bytes, end, unterminated } = segment;
    const batch = [];
    let pos = segment.start;
    while (pos < end) {
      const nl = bytes.indexOf(LF, pos);
      const lineEnd = nl === -1 || nl >= end ? end : nl;
      line++;
      const from = line === 1 && startsWithBom(bytes, pos, lineEnd) ? pos + 3 : pos;
      const parsed = parseLine(bytes, from, lineEnd, { maxLineBytes, unterminated });
      if (parsed !== void 0) batch.push({ line, ...parsed });
      pos = lineEnd + 1;
    }
    if (batch.length > 0) yield batch;
  }
}
function isGzipPath(path) {
  return /\.gz$/i.test(path);
}
var bufferPool = [];
var MAX_POOLED_BUFFERS = 32;
async function* plainFileChunks(absPath, chunkBytes) {
  const fd = openSync(absPath, "r");
  const pooled = chunkBytes === READ_CHUNK_BYTES;
  const buffer = (pooled ? bufferPool.pop() : void 0) ?? Buffer.allocUnsafe(chunkBytes);
  try {
    let want = Math.min(FIRST_READ_BYTES, chunkBytes);
    for (; ; ) {
      const bytesRead = readSync(fd, buffer, 0, want, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
      want = chunkBytes;
    }
  } finally {
    if (pooled && bufferPool.length < MAX_POOLED_BUFFERS) bufferPool.push(buffer);
    closeSync(fd);
  }
}
async function* gunzipFileChunks(absPath) {
  const input = createReadStream(absPath, { highWaterMark: GUNZIP_CHUNK_BYTES });
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
  input.on("error", (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}
function ndjsonFileSource(absPath, options = {}) {
  return isGzipPath(absPath) ? gunzipFileChunks(absPath) : plainFileChunks(absPath, options.chunkBytes ?? READ_CHUNK_BYTES);
}

// src/io/export-audit-lines.ts
async function* auditLinesOf(absPath) {
  for await (const records of readNdjsonBatches(ndjsonFileSource(absPath))) yield records.map((r) => r.value === void 0 ? { line: r.line, problem: r.problem ?? "unreadable line" } : { line: r.line, value: r.value });
}

// src/io/row-encoding.ts
import { Buffer as Buffer2 } from "node:buffer";
function field(value) {
  if (value === null || value === void 0) return "";
  if (typeof value === "string") return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
  return String(value);
}
var CsvLineWriter = class {
  constructor(names) {
    this.names = names;
    this.lastValues = names.map(() => void 0);
    this.lastFields = names.map(() => "");
    this.fields = names.map(() => "");
  }
  names;
  lastValues;
  lastFields;
  fields;
  /** One CSV line (no newline) of a row, its values in the order of the names. */
  line(row) {
    for (let i = 0; i < this.names.length; i++) {
      const value = row[this.names[i]];
      if (value !== this.lastValues[i]) {
        this.lastValues[i] = value;
        this.lastFields[i] = field(value);
      }
      this.fields[i] = this.lastFields[i];
    }
    return this.fields.join(",");
  }
};
var EXACT_FROM_CHARS = 64 * 1024;
function encodeRows(encoding, names, rows) {
  const texts = new Array(rows.length);
  let longest = 0;
  if (encoding === "csv") {
    const writer = new CsvLineWriter(names);
    for (let i = 0; i < rows.length; i++) texts[i] = writer.line(rows[i]);
  } else {
    for (let i = 0; i < rows.length; i++) texts[i] = JSON.stringify(rows[i]);
  }
  for (const text of texts) {
    const bytes = text.length > EXACT_FROM_CHARS ? Buffer2.byteLength(text) : text.length * 3;
    if (bytes > longest) longest = bytes;
  }
  return { texts, ...encoding === "json" && { recordIds: rows.map((r) => String(r.record_id)) }, longest };
}

// src/io/export-audit-worker.ts
var setup = workerData;
var credits = setup.credits;
var files = [];
var wake;
parentPort?.on("message", (request) => {
  if (request.kind === "credit") credits++;
  else files.push({ id: request.id, path: request.path });
  wake?.();
  wake = void 0;
});
var nextMessage = () => new Promise((resolve) => wake = resolve);
async function post(reply) {
  while (credits === 0) await nextMessage();
  credits--;
  parentPort?.postMessage(reply);
}
async function exportFile(id, path) {
  const make = auditRowMaker(setup.repository, path, setup.dimensions);
  for await (const lines of auditLinesOf(join(setup.root, path))) {
    for (let i = 0; i < lines.length; i += AUDIT_RECORDS_PER_PART) {
      const made = make(lines.slice(i, i + AUDIT_RECORDS_PER_PART));
      const encoded = encodeRows(setup.encoding, setup.columns, made.rows);
      await post({ kind: "part", id, problems: made.problems, ...encoded });
    }
  }
}
async function serve() {
  for (; ; ) {
    const file = files.shift();
    if (file === void 0) {
      await nextMessage();
      continue;
    }
    try {
      await exportFile(file.id, file.path);
      parentPort?.postMessage({ kind: "done", id: file.id });
    } catch (error) {
      parentPort?.postMessage({ kind: "failed", id: file.id, message: errorMessage(error) });
    }
  }
}
void serve();
