#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  parseInstant
} from "./cli-PKNRYYMW.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";

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
function bound(text, flag) {
  const trimmed = text.trim();
  const instant = parseInstant(trimmed);
  if (instant === void 0) throw new PeriodError(`${flag} must be a date (YYYY-MM-DD) or a time with a zone (2026-10-01T00:00:00Z), got "${text}"`);
  if (!instant.zoned) throw new PeriodError(`${flag} "${text}" has a time but no zone: add Z or an offset such as +02:00`);
  return { ms: instant.ms, dateOnly: /^\d{4}-\d{2}-\d{2}$/.test(trimmed) };
}
function rangePeriod(startMs, endMs) {
  const first = new Date(startMs).toISOString().slice(0, 10);
  const last = new Date(endMs - 1).toISOString().slice(0, 10);
  return { label: `${first}_${last}`, title: `${first} to ${last}`, startMs, endMs, auditMonth: monthOf(endMs - 1) };
}
var isoMinute = (ms) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
function upToNow(period, now, asked) {
  const nowMs = now.getTime();
  if (period.startMs > nowMs) throw new PeriodError(`${asked} has not started yet (it is ${isoMinute(nowMs)}): review a period that has begun; the current month is reviewed to date`);
  if (period.endMs <= nowMs) return period;
  return { ...period, title: `${period.title} (to date)`, endMs: nowMs, toDate: true };
}
function resolvePeriod(request, now) {
  const given = [request.month !== void 0, request.since !== void 0 || request.until !== void 0, request.days !== void 0].filter(Boolean).length;
  if (given > 1) throw new PeriodError("give one of --month, --since/--until or --days");
  if (request.month !== void 0) {
    const month = request.month.trim();
    return upToNow(monthPeriod(month), now, `--month ${month}`);
  }
  if (request.days !== void 0) {
    if (!Number.isInteger(request.days) || request.days < 1) throw new PeriodError(`--days must be a whole number, 1 or more (got ${request.days})`);
    return rangePeriod(now.getTime() - request.days * DAY_MS, now.getTime());
  }
  if (request.since !== void 0 || request.until !== void 0) {
    if (request.since === void 0) throw new PeriodError("--until needs --since");
    const since = bound(request.since, "--since");
    if (since.ms > now.getTime()) throw new PeriodError(`--since ${request.since} has not started yet (it is ${isoMinute(now.getTime())}): review a period that has begun`);
    const until = request.until === void 0 ? { ms: now.getTime(), dateOnly: false } : bound(request.until, "--until");
    const endMs = until.dateOnly ? until.ms + DAY_MS : until.ms;
    if (endMs <= since.ms) throw new PeriodError(`--until (${request.until}) must be after --since (${request.since})`);
    const endOfToday = Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS;
    if (request.until !== void 0 && endMs > endOfToday) {
      throw new PeriodError(`--until ${request.until} has not come yet (it is ${isoMinute(now.getTime())}): leave --until out to review up to now`);
    }
    return upToNow(rangePeriod(since.ms, endMs), now, `--since ${request.since}`);
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
function errorText(error) {
  const fields = error !== null && typeof error === "object" ? error : {};
  const message = typeof fields.message === "string" ? fields.message : errorMessage(error);
  const code = fields.code;
  if (typeof code !== "string" || !/^E[A-Z0-9]+$/.test(code) || !message.startsWith(`${code}:`)) return message;
  return message.replace(/, [a-z_]+ '[^']*'(?: -> '[^']*')?$/, "");
}

export {
  PeriodError,
  shiftMonth,
  monthPeriod,
  resolvePeriod,
  inPeriod,
  compareNotes,
  compareText,
  errorText
};
