#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  isRealDate
} from "./cli-R3X6FJR3.js";

// src/review/timestamp.ts
var ISO_START = /^\d{4}-\d{2}-\d{2}/;
var HAS_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
var ZONE = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
function isCalendarDate(day) {
  return isRealDate(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)));
}
function digits(text, from, to) {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
function canonicalUtc(text) {
  const n = text.length;
  if (n !== 20 && n !== 24 || text.charCodeAt(n - 1) !== 90 || text.charCodeAt(10) !== 84 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return void 0;
  if (n === 24 && text.charCodeAt(19) !== 46) return void 0;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  const milli = n === 24 ? digits(text, 20, 23) : 0;
  if (year < 100 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || milli < 0 || !isRealDate(year, month, day)) return void 0;
  return { ms: Date.UTC(year, month - 1, day, hour, minute, second, milli), zoned: true };
}
function parseInstant(value) {
  if (typeof value === "string") {
    const fast = canonicalUtc(value);
    if (fast !== void 0) return fast;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value <= 0) return void 0;
    return { ms: value < 1e11 ? Math.round(value * 1e3) : value, zoned: true };
  }
  if (typeof value !== "string") return void 0;
  const text = value.trim();
  if (!ISO_START.test(text) || !isCalendarDate(text.slice(0, 10))) return void 0;
  if (!HAS_TIME.test(text)) {
    const ms2 = Date.parse(`${text.slice(0, 10)}T00:00:00Z`);
    return Number.isFinite(ms2) && text.length === 10 ? { ms: ms2, zoned: true } : void 0;
  }
  const zoned = ZONE.test(text);
  const ms = Date.parse(zoned ? text.replace(" ", "T") : `${text.replace(" ", "T")}Z`);
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

export {
  parseInstant,
  shortUtc,
  formatDuration
};
