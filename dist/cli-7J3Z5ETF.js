#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);

// src/sync/keys.ts
import { createHash } from "node:crypto";
function postmortemIdOf(titleId, path) {
  if (titleId !== void 0 && titleId !== "") return `PM-${titleId}`;
  const base = path.split("/").pop() ?? path;
  return base.replace(/\.[^.]*$/, "") || path;
}
function normaliseSummary(summary) {
  return summary.normalize("NFKC").replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[`*_~]+/g, "").replace(/<[^>]+>/g, "").toLowerCase().replace(/[\s\u00a0]+/g, " ").trim().replace(/[\s.;:,!?…]+$/u, "");
}
function sha256Hex(text) {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
function summaryDigest(summary) {
  return sha256Hex(normaliseSummary(summary)).slice(0, 12);
}
function itemKey(postmortemId, summary, occurrence = 1) {
  const base = `${postmortemId.toLowerCase().replace(/[^a-z0-9._-]+/g, "-")}/${summaryDigest(summary)}`;
  return occurrence > 1 ? `${base}~${occurrence}` : base;
}
function digestOfKey(key) {
  return /\/([0-9a-f]{12})(?:~\d+)?$/.exec(key)?.[1];
}
function postmortemOfKey(key) {
  return /^(.+)\/[0-9a-f]{12}(?:~\d+)?$/.exec(key)?.[1];
}
var KEY_RE = /^[a-z0-9._-]+\/[0-9a-f]{12}(?:~\d+)?$/;
function isItemKey(text) {
  return KEY_RE.test(text);
}
function keyLabel(key) {
  return `rl-${sha256Hex(`reliability-loop:${key}`).slice(0, 16)}`;
}
var NAMESPACE = Buffer.from("5f0c5a6e2b1d4c8e9a7f3b2d1e0c9a8b", "hex");
function deterministicUuid(key) {
  const bytes = createHash("sha1").update(NAMESPACE).update(key, "utf8").digest().subarray(0, 16);
  bytes[6] = (bytes[6] ?? 0) & 15 | 64;
  bytes[8] = (bytes[8] ?? 0) & 63 | 128;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export {
  postmortemIdOf,
  itemKey,
  digestOfKey,
  postmortemOfKey,
  isItemKey,
  keyLabel,
  deterministicUuid
};
