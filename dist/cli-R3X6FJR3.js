#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);

// src/postmortem/timestamp.ts
var ZONE_OFFSETS = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  CET: 60,
  BST: 60,
  IST: 330,
  CEST: 120,
  EET: 120,
  SAST: 120,
  EEST: 180,
  MSK: 180,
  JST: 540,
  KST: 540,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  HST: -600,
  AKST: -540,
  AKDT: -480,
  PST: -480,
  PDT: -420,
  PT: -480,
  MST: -420,
  MDT: -360,
  CST: -360,
  CDT: -300,
  EST: -300,
  EDT: -240,
  ET: -300
};
var MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
var ZONE = String.raw`(Z|[+-]\d{2}:?\d{2}|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5}T?)`;
var TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:\s*([AaPp])\.?[Mm]\.?)?`;
var ISO_RE = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})(?:(?:T|\s+|\s*[,@]\s*)${TIME})?(?:\s*${ZONE})?(?![\w:-])`, "d");
var MONTH_FIRST_RE = new RegExp(
  String.raw`^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?(?:,?\s+(?:at\s+)?${TIME})?(?:\s*${ZONE})?(?![\w:-])`,
  "d"
);
var DAY_FIRST_RE = new RegExp(
  String.raw`^(\d{1,2})(?:st|nd|rd|th|\.)?\s+([A-Za-z]{3,9})\.?(?:,?\s+(\d{4}))?(?:,?\s+(?:at\s+)?${TIME})?(?:\s*${ZONE})?(?![\w:-])`,
  "d"
);
var TIME_ONLY_RE = new RegExp(String.raw`^${TIME}(?:\s*${ZONE})?(?![\w:-])`, "d");
function zoneOffsetMinutes(zone) {
  const z = zone.trim();
  const upper = z.toUpperCase();
  if (upper in ZONE_OFFSETS) return ZONE_OFFSETS[upper];
  const numeric = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$/i.exec(z);
  if (numeric) {
    const sign = numeric[1] === "-" ? -1 : 1;
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? "0");
    if (hours > 14 || minutes > 59) return void 0;
    return sign * (hours * 60 + minutes);
  }
  return void 0;
}
var DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function isRealDate(year, month, day) {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && year % 100 !== 0 || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}
function parseIsoDate(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return void 0;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? `${m[1]}-${m[2]}-${m[3]}` : void 0;
}
function dateProblem(value, example) {
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return `is not a real calendar date; write it as YYYY-MM-DD, e.g. ${example}`;
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const readings = [];
  if (numeric) {
    const [a, b, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
    for (const [month, day] of [[a, b], [b, a]]) {
      const iso = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
      if (isRealDate(year, month, day) && !readings.includes(iso)) readings.push(iso);
    }
  }
  const fix = readings.length === 0 ? `YYYY-MM-DD, e.g. ${example}` : readings.length === 1 ? readings[0] : `${readings.join(" or ")}, whichever it means`;
  return `is not in the YYYY-MM-DD format; write it as ${fix}`;
}
var ZONE_STATEMENT_RE = /\b(?:times?|timestamps?)\s+(?:(?:are|shown|given|listed)\s+)?(?:in\s+)?([A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})(?![A-Za-z0-9/+-])/gi;
function findZoneStatement(text) {
  for (const m of text.matchAll(ZONE_STATEMENT_RE)) {
    if (m[1] && zoneOffsetMinutes(m[1]) !== void 0) return m[1].toUpperCase();
  }
  return void 0;
}
function headingZone(text) {
  const bare = /\(\s*([A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})\s*\)\s*$/.exec(text)?.[1];
  if (bare && zoneOffsetMinutes(bare) !== void 0) return bare.toUpperCase();
  return findZoneStatement(text);
}
var DATE_ANYWHERE_RE = /\d{4}-\d{2}-\d{2}|\b[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}/g;
function findDate(text) {
  for (const m of text.matchAll(DATE_ANYWHERE_RE)) {
    const ts = parseLeadingTimestamp(m[0]);
    if (ts?.epochMs !== void 0) return ts.date;
  }
  return void 0;
}
function pad2(n) {
  return String(n).padStart(2, "0");
}
function buildTime(h, m, s, ampm) {
  if (h === void 0 || m === void 0) return void 0;
  let hour = Number(h);
  const minute = Number(m);
  const second = s === void 0 ? void 0 : Number(s);
  const pm = ampm?.toLowerCase() === "p";
  if (ampm && (hour < 1 || hour > 12 && !pm)) return null;
  if (ampm && hour <= 12) hour = hour % 12 + (pm ? 12 : 0);
  if (hour > 23 || minute > 59 || second !== void 0 && second > 59) return null;
  return `${pad2(hour)}:${pad2(minute)}${second === void 0 ? "" : `:${pad2(second)}`}`;
}
function addDays(date, days) {
  const d = /* @__PURE__ */ new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
function epochOf(date, time, zone) {
  const offset = zone === void 0 ? 0 : zoneOffsetMinutes(zone);
  if (offset === void 0) return void 0;
  const t = time ?? "00:00";
  const ms = Date.parse(`${date}T${t.length === 5 ? `${t}:00` : t}Z`);
  return Number.isNaN(ms) ? void 0 : ms - offset * 6e4;
}
function monthNumber(name) {
  const lower = name.toLowerCase();
  if (lower.length < 3) return void 0;
  const index = MONTH_NAMES.findIndex((full) => full.startsWith(lower));
  return index < 0 ? void 0 : index + 1;
}
function inferYear(lastDate, month) {
  if (lastDate === void 0) return void 0;
  const year = Number(lastDate.slice(0, 4));
  const lastMonth = Number(lastDate.slice(5, 7));
  if (month < lastMonth - 6) return year + 1;
  return month > lastMonth + 6 ? year - 1 : year;
}
function zoneOf(m, group, isoT) {
  const written = m[group];
  const span = m.indices?.[group];
  if (written === void 0 || span === void 0) return { raw: m[0] };
  const before = m[0].slice(0, span[0]);
  const isRange = !isoT && written.startsWith("-") && /\d$/.test(before);
  if (!isRange && zoneOffsetMinutes(written) !== void 0) return { zone: written, raw: m[0] };
  return { raw: before.trimEnd() };
}
function parseIso(m, text) {
  const { zone, raw } = zoneOf(m, 8, text[10] === "T");
  const written = `${m[1]}-${m[2]}-${m[3]}`;
  const time = buildTime(m[4], m[5], m[6], m[7]);
  const real = isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) && time !== null;
  if (!real) return { raw, date: written, dateInferred: false, real };
  return { raw, date: written, ...time ? { time } : {}, ...zone ? { zone } : {}, dateInferred: false, real };
}
function parseNamedMonth(m, ctx) {
  const monthFirst = /^[A-Za-z]/.test(m[1] ?? "");
  const month = monthNumber((monthFirst ? m[1] : m[2]) ?? "");
  if (month === void 0) return void 0;
  const day = Number(monthFirst ? m[2] : m[1]);
  const year = m[3] === void 0 ? inferYear(ctx.lastDate, month) : Number(m[3]);
  if (year === void 0 || !isRealDate(year, month, day)) return void 0;
  const time = buildTime(m[4], m[5], m[6], m[7]);
  if (time === null) return void 0;
  const { zone, raw } = zoneOf(m, 8, false);
  const date = `${year}-${pad2(month)}-${pad2(day)}`;
  return { raw, date, ...time ? { time } : {}, ...zone ? { zone } : {}, dateInferred: m[3] === void 0, real: true };
}
function parseTimeOnly(m, ctx) {
  const time = buildTime(m[1], m[2], m[3], m[4]);
  if (!time || ctx.lastDate === void 0) return void 0;
  const { zone, raw } = zoneOf(m, 5, false);
  let date = ctx.lastDate;
  if (ctx.lastTime !== void 0 && ctx.lastTime >= "20:00" && time < "04:00") date = addDays(date, 1);
  return { raw, date, time, ...zone ? { zone } : {}, dateInferred: true, real: true };
}
function parseParts(text, ctx) {
  let m = ISO_RE.exec(text);
  if (m) return parseIso(m, text);
  if (m = MONTH_FIRST_RE.exec(text) ?? DAY_FIRST_RE.exec(text)) return parseNamedMonth(m, ctx);
  if (m = TIME_ONLY_RE.exec(text)) return parseTimeOnly(m, ctx);
  return void 0;
}
function parseLeadingTimestamp(input, ctx = {}) {
  const parts = parseParts(input.replace(/^[\s*_`[]+/, ""), ctx);
  if (!parts) return void 0;
  const { real, ...fields } = parts;
  const ts = { ...fields, raw: fields.raw.trim() };
  if (!real) return ts;
  const effectiveZone = parts.zone ?? ctx.defaultZone ?? ctx.lastZone;
  if (effectiveZone !== void 0) ts.effectiveZone = effectiveZone;
  const epochMs = epochOf(parts.date, parts.time, effectiveZone);
  if (epochMs !== void 0) ts.epochMs = epochMs;
  return ts;
}

export {
  isRealDate,
  parseIsoDate,
  dateProblem,
  findZoneStatement,
  headingZone,
  findDate,
  parseLeadingTimestamp
};
