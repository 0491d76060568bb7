#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);

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
async function* readNdjson(source, options = {}) {
  for await (const batch of readNdjsonBatches(source, options)) yield* batch;
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

export {
  jsonSyntaxProblem,
  DEFAULT_MAX_LINE_BYTES,
  LineSplitter,
  lineSegments,
  oversizedProblem,
  parseLine,
  readNdjsonBatches,
  readNdjson,
  ndjsonFileSource
};
