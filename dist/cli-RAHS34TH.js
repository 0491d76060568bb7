#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  jsonSyntaxProblem
} from "./cli-2EEIGSHA.js";

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
    } catch {
      return { problem: `entry ${entry.id}: \`${keys[0]}\` is not JSON: ${jsonSyntaxProblem(packed)}` };
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

export {
  streamIdRange,
  groupStreamEntries
};
